//! `promptsales load postgres`: generate (or read `--from` a dataset) and bulk-load into
//! PostgreSQL with binary COPY. The URL comes from `--url` or `DATABASE_URL`; it is never
//! printed (errors name host, port, database and user only).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::Result;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use promptsales_core::config::{self, Store};
use promptsales_core::registry::TableDef;
use promptsales_core::verify::Dataset;
use promptsales_core::Config;
use promptsales_loaders::postgres::{self, IfExists, LoadProgress, Source, TableLoad};

/// Databases `load` can fill.
#[derive(Subcommand, Debug)]
pub enum LoadTarget {
    /// PostgreSQL: one schema per store, binary COPY, keys and indexes after the data.
    Postgres {
        /// Connection URL, e.g. postgresql://user:password@host:5432/db (default: $DATABASE_URL).
        #[arg(long)]
        url: Option<String>,
        /// Stores, comma-separated: ads, crm, sales.
        #[arg(long, default_value = "sales")]
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
        /// No progress bars (per-table lines stay; --quiet hides them).
        #[arg(long)]
        no_progress: bool,
        /// Load the state at this instant (YYYY-MM-DDTHH:MM:SS, UTC, from 2025-10-31T23:59:59)
        /// instead of the window's end.
        #[arg(long, conflicts_with = "from")]
        as_of: Option<String>,
        /// Apply the delta from the database's clock to this instant, in one transaction,
        /// instead of loading (see docs/deltas.md).
        #[arg(long, conflicts_with_all = ["from", "as_of"])]
        advance_to: Option<String>,
    },
    /// SQL Server: ads and crm schemas, TDS bulk load, keys and indexes after the data (build feature `drivers`).
    Sqlserver(crate::load_mssql::SqlserverArgs),
    /// MongoDB (content store): collections, indexes, unordered insert_many (build feature `drivers`).
    Mongo(crate::load_content::MongoArgs),
    /// PostgreSQL + pgvector: content.images with a vector column and an HNSW index.
    Pgvector(crate::load_content::PgvectorArgs),
    /// Pinecone (REST data plane): image vectors with metadata (build feature `drivers`).
    Pinecone(crate::load_content::PineconeArgs),
    /// Redis: warm the cache keys of the seeds' Redis plan (build feature `drivers`).
    Redis(crate::load_content::RedisArgs),
}

pub(crate) fn world_config(
    scale: Option<&str>,
    seed: Option<&str>,
    months: Option<&str>,
) -> Result<Config> {
    let scale_text = scale.unwrap_or("1");
    let scale: f64 = scale_text.trim().parse().map_err(|_| {
        promptsales_core::Error::invalid(
            "--scale",
            format!(
                "must be a number from {} to {} (got '{scale_text}')",
                config::MIN_SCALE,
                config::MAX_SCALE
            ),
        )
    })?;
    let seed_text = seed.unwrap_or("42");
    let seed: i128 = seed_text.trim().parse().map_err(|_| {
        promptsales_core::Error::invalid(
            "--seed",
            format!(
                "must be a whole number from 0 to {} (got '{seed_text}')",
                u64::MAX
            ),
        )
    })?;
    let months = config::parse_int_list("--peak-months", months.unwrap_or("12,1,8"))?;
    Ok(Config::new(seed, scale, &months)?)
}

/// Runs `load <target>`.
pub fn run(target: LoadTarget) -> Result<ExitCode> {
    let LoadTarget::Postgres {
        url,
        stores,
        from,
        scale,
        seed,
        peak_months,
        if_exists,
        no_progress,
        as_of,
        advance_to,
    } = target
    else {
        if let LoadTarget::Sqlserver(args) = target {
            return crate::load_mssql::run(args);
        }
        return crate::load_content::run(target);
    };
    if let Some(to) = advance_to {
        return crate::delta::advance(
            url,
            &world_config(scale.as_deref(), seed.as_deref(), peak_months.as_deref())?,
            &to,
        );
    }
    let mut list: Vec<Store> = Vec::new();
    for s in stores.split(',') {
        let s: Store = s.parse()?;
        if s == Store::Content {
            return Err(promptsales_core::Error::invalid(
                "--stores",
                "content is not a PostgreSQL store (valid for load postgres: ads, crm, sales); load it with `load mongo` or `load pgvector`",
            )
            .into());
        }
        if !list.contains(&s) {
            list.push(s);
        }
    }
    let if_exists: IfExists = if_exists.parse()?;
    let url = match url.or_else(|| std::env::var("DATABASE_URL").ok()) {
        Some(u) if !u.trim().is_empty() => u,
        _ => return Err(promptsales_loaders::Error::NoUrl.into()),
    };
    // Check the source before touching the server.
    let dataset = match &from {
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
        None => Some(crate::delta::world_at(
            &world_config(scale.as_deref(), seed.as_deref(), peak_months.as_deref())?,
            as_of.as_deref(),
        )?),
    };
    let source = match (&dataset, &world) {
        (Some(ds), _) => Source::Dataset(ds),
        (None, Some(w)) => Source::Generate(w),
        (None, None) => return Err(anyhow::anyhow!("nothing to load")),
    };
    let config = postgres::parse_url(&url)?;
    let target = postgres::target(&config);
    let mut client = postgres::connect(&url)?;
    let quiet = crate::output::quiet();
    let progress = CliProgress {
        bars: !no_progress && !quiet && std::io::stderr().is_terminal(),
        lines: !quiet,
        bar: Mutex::new(None),
    };
    let report = postgres::load(&mut client, &list, source, if_exists, &progress)?;
    let rows = report.rows();
    if quiet {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "loaded {} tables, {rows} rows in {:.2} s ({:.0} rows/s; keys {:.2} s, analyze {:.2} s) into {target}",
        report.tables.len(),
        report.total_seconds,
        rows as f64 / report.total_seconds.max(1e-9),
        report.keys_seconds,
        report.analyze_seconds,
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) struct CliProgress {
    pub(crate) bars: bool,
    /// Per-table and per-step lines (hidden by --quiet; --no-progress hides only the bars).
    pub(crate) lines: bool,
    pub(crate) bar: Mutex<Option<ProgressBar>>,
}

impl LoadProgress for CliProgress {
    fn table_started(&self, table: &TableDef) {
        if !self.bars {
            return;
        }
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message(format!("COPY {}", table.qualified_name()));
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        if let Ok(mut b) = self.bar.lock() {
            *b = Some(bar);
        }
    }

    fn table_done(&self, load: &TableLoad) {
        if let Ok(mut b) = self.bar.lock() {
            if let Some(bar) = b.take() {
                bar.finish_and_clear();
            }
        }
        if !self.lines {
            return;
        }
        eprintln!(
            "{:<36} {:>11} rows {:>7.2} s {:>12.0} rows/s",
            load.table,
            load.rows,
            load.seconds,
            load.rows as f64 / load.seconds.max(1e-9)
        );
    }

    fn step_done(&self, what: &str, seconds: f64) {
        if !self.lines {
            return;
        }
        eprintln!("{what:<36} {:>24.2} s", seconds);
    }
}
