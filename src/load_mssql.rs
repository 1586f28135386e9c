//! `promptsales load sqlserver`: generate (or read `--from` a dataset) and bulk-load PromptAds
//! and PromptCrm into SQL Server through the TDS bulk-load path. The URL comes from `--url` or
//! `MSSQL_URL`; it is never printed (errors name host, port, database and user only).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
#[cfg(feature = "drivers")]
use {
    crate::load::{world_config, CliProgress},
    promptsales_core::config::Store,
    promptsales_core::verify::Dataset,
    promptsales_core::World,
    promptsales_loaders::mssql::{self, IfExists, Source},
    std::io::IsTerminal,
    std::sync::Mutex,
};

/// `load sqlserver` flags.
#[derive(clap::Args, Debug)]
#[cfg_attr(not(feature = "drivers"), allow(dead_code))]
pub struct SqlserverArgs {
    /// Connection URL, e.g. sqlserver://user:password@host:1433/PromptAds?trust_server_certificate=true
    /// (default: $MSSQL_URL).
    #[arg(long)]
    url: Option<String>,
    /// Stores, comma-separated: ads, crm.
    #[arg(long, default_value = "ads")]
    stores: String,
    /// Load a generated dataset folder (Parquet or CSV, with manifest.json) instead of generating.
    #[arg(long, conflicts_with_all = ["scale", "seed", "peak_months"])]
    from: Option<PathBuf>,
    /// Scale factor (0.001–100) when generating [default: 1].
    #[arg(long, allow_hyphen_values = true)]
    scale: Option<String>,
    /// Seed (0 … 2^64−1) when generating [default: 42].
    #[arg(long, allow_hyphen_values = true)]
    seed: Option<String>,
    /// Seasonal peak months when generating [default: 12,1,8].
    #[arg(long, allow_hyphen_values = true)]
    peak_months: Option<String>,
    /// When a store's schema already has tables: fail, truncate (drop and reload) or append.
    #[arg(long, default_value = "fail")]
    if_exists: String,
    /// No progress bars.
    #[arg(long)]
    no_progress: bool,
}

/// Runs `load sqlserver`.
#[cfg(not(feature = "drivers"))]
pub fn run(_: SqlserverArgs) -> Result<ExitCode> {
    Err(promptsales_loaders::Error::NotBuilt {
        command: "load sqlserver",
        engine: "SQL Server",
    }
    .into())
}

/// Runs `load sqlserver`.
#[cfg(feature = "drivers")]
pub fn run(args: SqlserverArgs) -> Result<ExitCode> {
    let mut list: Vec<Store> = Vec::new();
    for s in args.stores.split(',') {
        let s: Store = s.parse()?;
        if !matches!(s, Store::Ads | Store::Crm) {
            return Err(promptsales_core::Error::invalid(
                "--stores",
                format!("store '{s}' has no SQL Server schema (valid: ads, crm)"),
            )
            .into());
        }
        if !list.contains(&s) {
            list.push(s);
        }
    }
    let if_exists: IfExists = args.if_exists.parse()?;
    let url = match args.url.or_else(|| std::env::var("MSSQL_URL").ok()) {
        Some(u) if !u.trim().is_empty() => u,
        _ => return Err(promptsales_loaders::Error::MssqlNoUrl.into()),
    };
    // Check the URL and the source before touching the server.
    let target = mssql::parse_url(&url)?.target();
    let dataset = match &args.from {
        Some(dir) => {
            Some(
                Dataset::open(dir).map_err(|e| promptsales_loaders::Error::NotADataset {
                    path: dir.clone(),
                    message: match e {
                        promptsales_core::Error::Dataset { message, .. } => message,
                        other => other.to_string(),
                    },
                })?,
            )
        }
        None => None,
    };
    let world = match &dataset {
        Some(_) => None,
        None => Some(World::new(&world_config(
            args.scale.as_deref(),
            args.seed.as_deref(),
            args.peak_months.as_deref(),
        )?)),
    };
    let source = match (&dataset, &world) {
        (Some(ds), _) => Source::Dataset(ds),
        (None, Some(w)) => Source::Generate(w),
        (None, None) => return Err(anyhow::anyhow!("nothing to load")),
    };
    let mut conn = mssql::connect(&url)?;
    let quiet = crate::output::quiet();
    let progress = CliProgress {
        bars: !args.no_progress && !quiet && std::io::stderr().is_terminal(),
        lines: !quiet,
        bar: Mutex::new(None),
    };
    let report = mssql::load(&mut conn, &list, source, if_exists, &progress)?;
    let rows = report.rows();
    if quiet {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "loaded {} tables, {rows} rows in {:.2} s ({:.0} rows/s; keys {:.2} s, statistics {:.2} s) into {target}",
        report.tables.len(),
        report.total_seconds,
        rows as f64 / report.total_seconds.max(1e-9),
        report.keys_seconds,
        report.analyze_seconds,
    );
    Ok(ExitCode::SUCCESS)
}
