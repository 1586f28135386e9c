//! Change over time on the command line (DESIGN.md §10, docs/deltas.md):
//! `promptsales delta --from T --to T2 --out DIR` writes delta(T → T2) as files;
//! `load postgres --as-of T` loads state(T) and `load postgres --advance-to T2` applies the delta
//! to a loaded database (the work is in `promptsales_core::delta` and
//! `promptsales_loaders::postgres::delta`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use promptsales_core::config::{Compression, Format, Partition};
use promptsales_core::sink::table_path;
use promptsales_core::sink::TableWriter;
use promptsales_core::{clock, delta, Config, World};
use promptsales_loaders::postgres;

/// `promptsales delta`.
#[derive(clap::Args, Debug)]
pub struct DeltaArgs {
    /// The earlier instant, YYYY-MM-DDTHH:MM:SS (UTC), from 2025-10-31T23:59:59 (the window end).
    #[arg(long)]
    from: String,
    /// The later instant (≥ --from), up to 2026-10-31T23:59:59.
    #[arg(long)]
    to: String,
    /// Output folder (new or empty): <store>/<table>.<ext> per changed table + delta.json.
    #[arg(long)]
    out: PathBuf,
    /// File format: parquet or csv.
    #[arg(long, default_value = "parquet")]
    format: String,
    /// Scale factor (0.001–100) [default: 1].
    #[arg(long, allow_hyphen_values = true)]
    scale: Option<String>,
    /// Seed (0 … 2^64−1) [default: 42].
    #[arg(long, allow_hyphen_values = true)]
    seed: Option<String>,
    /// Seasonal peak months [default: 12,1,8].
    #[arg(long, allow_hyphen_values = true)]
    peak_months: Option<String>,
}

/// The world at `--as-of` (the window's end when absent).
pub fn world_at(config: &Config, as_of: Option<&str>) -> Result<World> {
    let world = World::new(config);
    Ok(match as_of {
        Some(t) => {
            let t = clock::parse_instant("--as-of", t)?;
            world.at(t)
        }
        None => world,
    })
}

/// `load postgres --advance-to T2`.
pub fn advance(url: Option<String>, config: &Config, to: &str) -> Result<ExitCode> {
    let to = clock::parse_instant("--advance-to", to)?;
    let url = match url.or_else(|| std::env::var("DATABASE_URL").ok()) {
        Some(u) if !u.trim().is_empty() => u,
        _ => return Err(promptsales_loaders::Error::NoUrl.into()),
    };
    let target = postgres::target(&postgres::parse_url(&url)?);
    let mut client = postgres::connect(&url)?;
    let world = World::new(config);
    let report = postgres::delta::advance(&mut client, &world, to)?;
    if crate::output::quiet() {
        return Ok(ExitCode::SUCCESS);
    }
    for t in &report.tables {
        eprintln!(
            "{:<36} {:>9} inserted {:>9} updated",
            t.table, t.inserted, t.updated
        );
    }
    eprintln!(
        "advanced {target} from {} to {}: {} rows in {:.2} s (delta generated in {:.2} s), one transaction",
        clock::format_instant(report.from),
        clock::format_instant(report.to),
        report.rows(),
        report.total_seconds,
        report.generate_seconds
    );
    Ok(ExitCode::SUCCESS)
}

fn empty_or_new(out: &Path) -> Result<()> {
    match std::fs::read_dir(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(promptsales_core::Error::io(out, e).into()),
        Ok(mut entries) => {
            if entries.next().is_some() {
                Err(promptsales_core::Error::invalid(
                    "--out",
                    format!(
                        "{} is not empty (a delta goes to a new or empty folder)",
                        out.display()
                    ),
                )
                .into())
            } else {
                Ok(())
            }
        }
    }
}

/// `promptsales delta`.
pub fn run(args: DeltaArgs) -> Result<ExitCode> {
    let from = clock::parse_instant("--from", &args.from)?;
    let to = clock::parse_instant("--to", &args.to)?;
    if to < from {
        return Err(promptsales_core::Error::invalid(
            "--to",
            format!(
                "must not be before --from {} (got '{}')",
                clock::format_instant(from),
                args.to
            ),
        )
        .into());
    }
    let format: Format = args.format.parse()?;
    if !format.is_tabular() {
        return Err(promptsales_core::Error::invalid(
            "--format",
            format!("must be parquet or csv for a delta (got '{}')", args.format),
        )
        .into());
    }
    let config = crate::load::world_config(
        args.scale.as_deref(),
        args.seed.as_deref(),
        args.peak_months.as_deref(),
    )?;
    empty_or_new(&args.out)?;
    let started = Instant::now();
    let world = World::new(&config).at(to);
    let mut tables = BTreeMap::new();
    let mut total = 0;
    for table in delta::tracked_tables()? {
        let batch = delta::delta(&world, from, table)?;
        let rows = batch.num_rows() as u64;
        let rel = table_path(table, format, Partition::default());
        let (mut writer, encoder) = TableWriter::create(
            &args.out,
            rel.clone(),
            format,
            table.schema(),
            Compression::default(),
        )?;
        let encoded = encoder.encode(&batch, 0)?;
        writer.append(encoded)?;
        let entry = writer.finish(rows)?;
        total += rows;
        tables.insert(
            table.qualified_name(),
            serde_json::json!({
                "rows": rows,
                "file": rel.display().to_string(),
                "sha256": entry.sha256,
                "primary_key": delta::primary_key(table),
            }),
        );
    }
    let manifest = serde_json::json!({
        "generator": format!("promptsales {}", env!("CARGO_PKG_VERSION")),
        "seed": config.seed,
        "scale": config.scale,
        "peak_months": config.peak_months,
        "from": clock::format_instant(from),
        "to": clock::format_instant(to),
        "marker": delta::MARKER,
        "tables": tables,
    });
    let path = args.out.join("delta.json");
    let tmp = args.out.join(".delta.json.tmp");
    std::fs::write(&tmp, serde_json::to_string_pretty(&manifest)? + "\n")
        .map_err(|e| promptsales_core::Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| promptsales_core::Error::io(&path, e))?;
    if !crate::output::quiet() {
        eprintln!(
            "wrote delta {} → {}: {total} rows in {} tables in {:.2} s to {}",
            clock::format_instant(from),
            clock::format_instant(to),
            tables.len(),
            started.elapsed().as_secs_f64(),
            args.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
