//! `promptsales load mongo | pgvector | pinecone | redis`: the content store and the cache.
//! Each generates (or reads `--from` a dataset) and hands rows to its engine in
//! `promptsales-loaders`; URLs and keys are never printed (errors name host and port only).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use promptsales_core::config;
use promptsales_core::verify::Dataset;
use promptsales_core::World;
#[cfg(feature = "drivers")]
use promptsales_loaders::{mongo, pinecone, redis};
use promptsales_loaders::{pgvector, postgres};
use promptsales_loaders::{IfExists, LoadProgress, Source, TableLoad};

use crate::load::LoadTarget;

/// Where rows come from, and what to do with existing data (shared by every content engine).
#[derive(Args, Debug)]
pub struct SourceArgs {
    /// Load a generated dataset folder (with manifest.json and the content store) instead of generating.
    #[arg(long, conflicts_with_all = ["scale", "seed", "peak_months", "embedding_dims"])]
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
    /// Embedding dimension when generating: 384 or 1536 [default: 384].
    #[arg(long, allow_hyphen_values = true)]
    embedding_dims: Option<String>,
    /// When the target already holds data: fail, truncate (drop and reload) or append.
    #[arg(long, default_value = "fail")]
    if_exists: String,
}

/// `load mongo`.
#[derive(Args, Debug)]
#[cfg_attr(not(feature = "drivers"), allow(dead_code))]
pub struct MongoArgs {
    /// Connection string, e.g. mongodb://user:password@host:27017/?authSource=admin (default: $MONGODB_URL).
    #[arg(long)]
    url: Option<String>,
    /// Database name.
    #[arg(long, default_value = promptsales_core::gen::content::DATABASE)]
    db: String,
    #[command(flatten)]
    source: SourceArgs,
}

/// `load pgvector`.
#[derive(Args, Debug)]
pub struct PgvectorArgs {
    /// PostgreSQL URL of a server with the `vector` extension (default: $DATABASE_URL).
    #[arg(long)]
    url: Option<String>,
    #[command(flatten)]
    source: SourceArgs,
}

/// `load pinecone`.
#[derive(Args, Debug)]
#[cfg_attr(not(feature = "drivers"), allow(dead_code))]
pub struct PineconeArgs {
    /// Index host from describe_index (INDEX-PROJECT.svc.REGION.pinecone.io). The API key is read from $PINECONE_API_KEY.
    #[arg(long)]
    index_host: String,
    /// Namespace for the image vectors.
    #[arg(long, default_value = "images")]
    namespace: String,
    #[command(flatten)]
    source: SourceArgs,
}

/// `load redis`.
#[derive(Args, Debug)]
#[cfg_attr(not(feature = "drivers"), allow(dead_code))]
pub struct RedisArgs {
    /// Redis URL, e.g. redis://:password@host:6379/0 (default: $REDIS_URL).
    #[arg(long)]
    url: Option<String>,
    #[command(flatten)]
    source: SourceArgs,
}

#[cfg(feature = "drivers")]
fn url_or_env(url: Option<String>, var: &str) -> Result<String> {
    match url.or_else(|| std::env::var(var).ok()) {
        Some(u) if !u.trim().is_empty() => Ok(u),
        _ => Err(promptsales_core::Error::invalid(
            "--url",
            format!("no connection string (pass --url or set {var})"),
        )
        .into()),
    }
}

/// What the source arguments resolve to (checked before any server is contacted).
struct Input {
    from: Origin,
    if_exists: IfExists,
}

enum Origin {
    Dataset(Box<Dataset>),
    World(Box<World>),
}

impl Input {
    fn new(a: &SourceArgs) -> Result<Input> {
        let if_exists: IfExists = a.if_exists.parse()?;
        if let Some(dir) = &a.from {
            let ds = Dataset::open(dir).map_err(|e| promptsales_loaders::Error::NotADataset {
                path: dir.clone(),
                message: match e {
                    promptsales_core::Error::Dataset { message, .. } => message,
                    other => other.to_string(),
                },
            })?;
            return Ok(Input {
                from: Origin::Dataset(Box::new(ds)),
                if_exists,
            });
        }
        let mut cfg = crate::load::world_config(
            a.scale.as_deref(),
            a.seed.as_deref(),
            a.peak_months.as_deref(),
        )?;
        if let Some(d) = &a.embedding_dims {
            let n: i64 = d.trim().parse().map_err(|_| {
                promptsales_core::Error::invalid(
                    "--embedding-dims",
                    format!("must be 384 or 1536 (got '{d}')"),
                )
            })?;
            cfg.embedding_dims = config::validate_embedding_dims(n)?;
        }
        Ok(Input {
            from: Origin::World(Box::new(World::new(&cfg))),
            if_exists,
        })
    }

    fn source(&self) -> Source<'_> {
        match &self.from {
            Origin::Dataset(ds) => Source::Dataset(ds),
            Origin::World(w) => Source::Generate(w),
        }
    }
}

/// A load's closing summary line, hidden by `--quiet`.
macro_rules! summary {
    ($($arg:tt)*) => {
        if !crate::output::quiet() {
            eprintln!($($arg)*);
        }
    };
}

struct Lines;

impl LoadProgress for Lines {
    fn table_done(&self, load: &TableLoad) {
        if crate::output::quiet() {
            return;
        }
        eprintln!(
            "{:<44} {:>9} {:>7.2} s {:>10.0} /s",
            load.table,
            load.rows,
            load.seconds,
            load.rows as f64 / load.seconds.max(1e-9)
        );
    }

    fn step_done(&self, what: &str, seconds: f64) {
        if crate::output::quiet() {
            return;
        }
        eprintln!("{what:<44} {:>19.2} s", seconds);
    }
}

/// Runs `load mongo | pgvector | pinecone | redis`.
pub fn run(target: LoadTarget) -> Result<ExitCode> {
    match target {
        #[cfg(feature = "drivers")]
        LoadTarget::Mongo(a) => {
            let input = Input::new(&a.source)?;
            let url = url_or_env(a.url, "MONGODB_URL")?;
            let m = mongo::Mongo::connect(&url)?;
            let report = m.load(&a.db, input.source(), input.if_exists, &Lines)?;
            let checked = m.verify(&a.db, input.source())?;
            summary!(
                "loaded {} collections, {} documents in {} batches, {:.2} s ({:.0} docs/s; indexes {:.2} s) into {}/{}; verified counts, indexes and {checked} documents read back",
                report.collections.len(),
                report.documents(),
                report.batches,
                report.total_seconds,
                report.documents() as f64 / report.total_seconds.max(1e-9),
                report.index_seconds,
                m.target(),
                a.db,
            );
        }
        LoadTarget::Pgvector(a) => {
            let input = Input::new(&a.source)?;
            let url = match a.url.or_else(|| std::env::var("DATABASE_URL").ok()) {
                Some(u) if !u.trim().is_empty() => u,
                _ => return Err(promptsales_loaders::Error::NoUrl.into()),
            };
            let target = postgres::target(&postgres::parse_url(&url)?);
            let mut client = postgres::connect(&url)?;
            let loads = pgvector::load(&mut client, input.source(), None, input.if_exists, &Lines)?;
            let rows: u64 = loads.iter().map(|l| l.rows).sum();
            summary!(
                "loaded {rows} image vectors into {} with an HNSW (cosine) index at {target}",
                pgvector::TABLE
            );
        }
        #[cfg(feature = "drivers")]
        LoadTarget::Pinecone(a) => {
            let input = Input::new(&a.source)?;
            let key = std::env::var("PINECONE_API_KEY").unwrap_or_default();
            let pc = pinecone::Pinecone::new(&a.index_host, &key)?;
            let report =
                pinecone::load(&pc, input.source(), &a.namespace, input.if_exists, &Lines)?;
            summary!(
                "upserted {} vectors in {} requests ({} retries) into namespace '{}', {:.2} s",
                report.upserted,
                report.requests,
                report.retries,
                a.namespace,
                report.seconds
            );
        }
        #[cfg(feature = "drivers")]
        LoadTarget::Redis(a) => {
            let input = Input::new(&a.source)?;
            let url = url_or_env(a.url, "REDIS_URL")?;
            let mut con = redis::connect(&url)?;
            let entries = redis::entries(input.source())?;
            let started = std::time::Instant::now();
            let loads = redis::write(&mut con, &entries, input.if_exists, &Lines)?;
            let keys: u64 = loads.iter().map(|l| l.rows).sum();
            let secs = started.elapsed().as_secs_f64();
            summary!(
                "warmed {keys} keys ({} commands) in {secs:.3} s of writes ({:.0} keys/s), {} families, into {}",
                redis::commands(&entries),
                keys as f64 / secs.max(1e-9),
                loads.len(),
                promptsales_loaders::common::url_target(&url, 6379)
            );
        }
        #[cfg(not(feature = "drivers"))]
        LoadTarget::Mongo(_) | LoadTarget::Pinecone(_) | LoadTarget::Redis(_) => {
            let (command, engine) = match target {
                LoadTarget::Mongo(_) => ("load mongo", "MongoDB"),
                LoadTarget::Pinecone(_) => ("load pinecone", "Pinecone"),
                _ => ("load redis", "Redis"),
            };
            return Err(promptsales_loaders::Error::NotBuilt { command, engine }.into());
        }
        LoadTarget::Postgres { .. } => return crate::load::run(target),
        LoadTarget::Sqlserver(args) => return crate::load_mssql::run(args),
    }
    Ok(ExitCode::SUCCESS)
}
