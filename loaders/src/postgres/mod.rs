//! PostgreSQL loader: creates each store's schema from `sql/<store>/postgres/tables.sql`,
//! streams rows into `COPY … FROM STDIN (FORMAT binary)` with hand-encoded buffers (one
//! transaction per table), then applies `keys.sql` (primary and foreign keys, checks,
//! indexes) and runs `ANALYZE`.
//!
//! **Atomicity and resume.** Each table is copied in its own transaction, so a table is
//! either fully loaded or absent. Keys are added only after every table of the store loaded;
//! a failed run exits non-zero and leaves a store without keys, which `--if-exists truncate`
//! reloads from scratch.

pub mod binary;
pub mod ddl;
pub mod delta;

use std::io::Write;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use arrow::record_batch::RecordBatch;
use pg::config::Host;
use pg::error::SqlState;
use pg::{Client, NoTls};
use promptsales_core::registry::{tables_of, TableDef};
use promptsales_core::Store;
use rayon::prelude::*;

use crate::common::redact;
// Kept at this path for code written against `postgres::{IfExists, Source, …}`.
pub use crate::common::{IfExists, LoadProgress, Quiet, Source, TableLoad};
use crate::error::{Error, Result};

/// Rows per encoded chunk (one COPY write).
pub const CHUNK_ROWS: u64 = 1 << 16;

/// What a load did.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Tables in load order.
    pub tables: Vec<TableLoad>,
    /// Time spent adding keys and indexes.
    pub keys_seconds: f64,
    /// Time spent in ANALYZE.
    pub analyze_seconds: f64,
    /// Whole load.
    pub total_seconds: f64,
}

impl LoadReport {
    /// Rows over all tables.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.rows).sum()
    }
}

/// `host:port/dbname` of a configuration (never the password).
pub fn target(config: &pg::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!(
        "{host}:{port}/{}",
        config.get_dbname().unwrap_or("postgres")
    )
}

/// Parses a connection string (URL or key=value form).
pub fn parse_url(url: &str) -> Result<pg::Config> {
    let mut config: pg::Config = url
        .parse()
        .map_err(|e: pg::Error| Error::BadUrl(redact(&e.to_string(), url)))?;
    if config.get_hosts().is_empty() {
        return Err(Error::BadUrl("no host".to_string()));
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(std::time::Duration::from_secs(10));
    }
    Ok(config)
}

/// Connects (no TLS: the loader targets a server on the same network).
pub fn connect(url: &str) -> Result<Client> {
    let config = parse_url(url)?;
    let target = target(&config);
    config.connect(NoTls).map_err(|e| {
        let user = config.get_user().unwrap_or("").to_string();
        if matches!(
            e.code(),
            Some(c) if *c == SqlState::INVALID_PASSWORD || *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        ) || e.to_string().contains("password missing")
        {
            Error::Auth { target: target.clone(), user }
        } else if e.as_db_error().is_some() {
            Error::db(format!("connecting to {target}"), &e)
        } else {
            let text = e.to_string();
            let source = std::error::Error::source(&e).map(|s| s.to_string());
            Error::Unreachable {
                target: target.clone(),
                message: redact(&source.unwrap_or(text), url),
            }
        }
    })
}

/// Loads `stores` from `source` into the database behind `client`.
pub fn load(
    client: &mut Client,
    stores: &[Store],
    source: Source<'_>,
    if_exists: IfExists,
    progress: &dyn LoadProgress,
) -> Result<LoadReport> {
    let started = Instant::now();
    let stores: Vec<Store> = ddl::STORES
        .into_iter()
        .filter(|s| stores.contains(s))
        .collect();
    if let Some(s) = [Store::Content].into_iter().find(|s| stores.contains(s)) {
        return Err(promptsales_core::Error::invalid(
            "--stores",
            format!("store '{s}' has no PostgreSQL schema (valid: ads, crm, sales)"),
        )
        .into());
    }
    if let Source::Dataset(ds) = source {
        crate::common::require_tables(ds, tables_of(&stores))?;
    }
    // Decide for every store before changing anything.
    let mut fresh = Vec::new();
    for &store in &stores {
        let existing = table_count(client, store)?;
        if existing > 0 && if_exists == IfExists::Fail {
            return Err(Error::AlreadyLoaded(store.name().to_string()));
        }
        fresh.push(existing == 0 || if_exists == IfExists::Truncate);
    }
    let mut report = LoadReport::default();
    for (&store, &fresh) in stores.iter().zip(&fresh) {
        if fresh {
            let sql = format!(
                "DROP SCHEMA IF EXISTS {0} CASCADE;\n{1}",
                store.name(),
                ddl::committed_tables_sql(store)
            );
            let mut tx = client.transaction().map_err(|e| Error::db("BEGIN", &e))?;
            tx.batch_execute(&sql)
                .map_err(|e| Error::db(format!("creating schema {}", store.name()), &e))?;
            tx.commit().map_err(|e| Error::db("COMMIT", &e))?;
        }
        for t in tables_of(&[store]) {
            progress.table_started(t);
            let done = copy_table(client, t, source)?;
            progress.table_done(&done);
            report.tables.push(done);
        }
        if fresh {
            let t0 = Instant::now();
            let mut tx = client.transaction().map_err(|e| Error::db("BEGIN", &e))?;
            tx.batch_execute(ddl::keys_sql(store)).map_err(|e| {
                Error::db(format!("adding keys and indexes to {}", store.name()), &e)
            })?;
            tx.commit().map_err(|e| Error::db("COMMIT", &e))?;
            let secs = t0.elapsed().as_secs_f64();
            report.keys_seconds += secs;
            progress.step_done(&format!("keys and indexes of {}", store.name()), secs);
        }
    }
    // Where the sources now stand (DESIGN.md §10): `--advance-to` starts from here.
    let clocked = delta::clocked_stores(&stores);
    if !clocked.is_empty() {
        let world = crate::common::world_of(source);
        let mut tx = client.transaction().map_err(|e| Error::db("BEGIN", &e))?;
        delta::write_clock(&mut tx, &world.config, &clocked, world.clock)?;
        tx.commit().map_err(|e| Error::db("COMMIT", &e))?;
    }
    let t0 = Instant::now();
    for t in tables_of(&stores) {
        client
            .batch_execute(&format!("ANALYZE {}", t.qualified_name()))
            .map_err(|e| Error::db(format!("ANALYZE {}", t.qualified_name()), &e))?;
    }
    report.analyze_seconds = t0.elapsed().as_secs_f64();
    progress.step_done("analyze", report.analyze_seconds);
    report.total_seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn table_count(client: &mut Client, store: Store) -> Result<i64> {
    let row = client
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1",
            &[&store.name()],
        )
        .map_err(|e| Error::db("reading information_schema", &e))?;
    row.try_get(0)
        .map_err(|e| Error::db("reading information_schema", &e))
}

/// A unit of encoding work.
enum Piece {
    Units(std::ops::Range<u64>),
    Slice(usize, usize),
}

fn copy_table(client: &mut Client, t: &TableDef, source: Source<'_>) -> Result<TableLoad> {
    let name = t.qualified_name();
    let started = Instant::now();
    let (pieces, whole): (Vec<Piece>, Option<RecordBatch>) = match source {
        Source::Generate(world) => {
            let units = t.units(world);
            let pieces = if units == 0 {
                Vec::new()
            } else {
                t.chunks(world, 0..units, CHUNK_ROWS)
                    .into_iter()
                    .map(Piece::Units)
                    .collect()
            };
            (pieces, None)
        }
        Source::Dataset(ds) => {
            let batch = ds.read(&name)?;
            let expected = t.schema();
            let names: Vec<&String> = batch
                .schema_ref()
                .fields()
                .iter()
                .map(|f| f.name())
                .collect();
            let want: Vec<&String> = expected.fields().iter().map(|f| f.name()).collect();
            if names != want {
                return Err(Error::NotADataset {
                    path: ds.root().to_path_buf(),
                    message: format!("{name} has columns {names:?}, expected {want:?}"),
                });
            }
            let n = batch.num_rows();
            let step = CHUNK_ROWS as usize;
            let pieces = (0..n)
                .step_by(step)
                .map(|o| Piece::Slice(o, step.min(n - o)))
                .collect();
            (pieces, Some(batch))
        }
    };
    let encode = |p: &Piece| -> Result<Vec<u8>> {
        let batch = match (p, source, &whole) {
            (Piece::Units(r), Source::Generate(world), _) => t.batch(world, r.clone())?,
            (Piece::Slice(o, n), _, Some(b)) => b.slice(*o, *n),
            _ => return Ok(Vec::new()),
        };
        let mut out = Vec::with_capacity(batch.num_rows() * 64);
        binary::encode_rows(&name, &batch, &mut out)?;
        Ok(out)
    };

    let columns: Vec<String> = t
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let statement = format!(
        "COPY {name} ({}) FROM STDIN (FORMAT binary)",
        columns.join(", ")
    );
    let context = format!("COPY {name}");
    let mut tx = client.transaction().map_err(|e| Error::db("BEGIN", &e))?;
    let mut writer = tx
        .copy_in(&statement)
        .map_err(|e| Error::db(&context, &e))?;
    let io_err = |e: std::io::Error| Error::Database {
        context: context.clone(),
        message: e.to_string(),
    };
    writer.write_all(binary::HEADER).map_err(io_err)?;
    // Encode in parallel windows on a producer thread while this thread feeds the server.
    let window = rayon::current_num_threads().max(1) * 2;
    let streamed: Result<()> = std::thread::scope(|scope| {
        let (send, receive) = sync_channel::<Result<Vec<u8>>>(window);
        let producer = scope.spawn(move || {
            for group in pieces.chunks(window) {
                let encoded: Vec<Result<Vec<u8>>> = group.par_iter().map(encode).collect();
                for e in encoded {
                    let failed = e.is_err();
                    if send.send(e).is_err() || failed {
                        return;
                    }
                }
            }
        });
        let mut outcome = Ok(());
        for buf in receive {
            match buf {
                Ok(buf) => {
                    if let Err(e) = writer.write_all(&buf) {
                        outcome = Err(io_err(e));
                        break;
                    }
                }
                Err(e) => {
                    outcome = Err(e);
                    break;
                }
            }
        }
        let _ = producer.join();
        outcome
    });
    streamed?;
    writer.write_all(binary::TRAILER).map_err(io_err)?;
    let rows = writer.finish().map_err(|e| Error::db(&context, &e))?;
    tx.commit()
        .map_err(|e| Error::db(format!("COMMIT {name}"), &e))?;
    Ok(TableLoad {
        table: name,
        rows,
        seconds: started.elapsed().as_secs_f64(),
    })
}
