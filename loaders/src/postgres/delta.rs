//! As-of loads and `--advance-to` (DESIGN.md §10). A database loaded with the source stores
//! (`ads`, `crm`) records where it stands in the generator-owned table [`CLOCK_TABLE`] — seed,
//! scale, peak months, stores and the instant `as_of`. [`advance`] applies exactly
//! delta(`as_of` → `T2`) in **one transaction**: per tracked table, the delta rows are copied
//! (binary COPY) into a temporary table and upserted by primary key (`INSERT … ON CONFLICT
//! (key) DO UPDATE`: new rows inserted, changed rows updated), then the clock moves to `T2`.
//! Either everything is applied and the clock moved, or nothing is.

use std::io::Write;
use std::time::Instant;

use pg::{Client, Transaction};
use promptsales_core::clock;
use promptsales_core::config::Config;
use promptsales_core::delta;
use promptsales_core::{Store, World};

use super::binary;
use crate::error::{Error, Result};

/// The generator-owned table recording the database's instant.
pub const CLOCK_TABLE: &str = "public.promptsales_clock";

const CLOCK_DDL: &str = "CREATE TABLE IF NOT EXISTS public.promptsales_clock (\n    \
     seed NUMERIC(20,0) NOT NULL,\n    scale DOUBLE PRECISION NOT NULL,\n    \
     peak_months TEXT NOT NULL,\n    stores TEXT NOT NULL,\n    as_of TIMESTAMP(0) NOT NULL,\n    \
     version TEXT NOT NULL\n)";

/// What the clock row says.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    /// Seed of the loaded world.
    pub seed: u64,
    /// Scale.
    pub scale: f64,
    /// Peak months, `12,1,8`.
    pub peak_months: String,
    /// Stores loaded, `ads,crm`.
    pub stores: Vec<Store>,
    /// The database's instant (seconds since the epoch, UTC).
    pub as_of: i64,
}

fn months(config: &Config) -> String {
    config
        .peak_months
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Records (replaces) the clock row: the database holds `stores` of `config`'s world at `as_of`.
pub fn write_clock(
    tx: &mut Transaction<'_>,
    config: &Config,
    stores: &[Store],
    as_of: i64,
) -> Result<()> {
    let stores: Vec<&str> = stores.iter().map(|s| s.name()).collect();
    tx.batch_execute(&format!("{CLOCK_DDL};\nDELETE FROM {CLOCK_TABLE};"))
        .map_err(|e| Error::db(format!("writing {CLOCK_TABLE}"), &e))?;
    tx.execute(
        "INSERT INTO public.promptsales_clock (seed, scale, peak_months, stores, as_of, version) \
         VALUES ($1::text::numeric, $2, $3, $4, to_timestamp($5::bigint) AT TIME ZONE 'UTC', $6)",
        &[
            &config.seed.to_string(),
            &config.scale,
            &months(config),
            &stores.join(","),
            &as_of,
            &env!("CARGO_PKG_VERSION"),
        ],
    )
    .map_err(|e| Error::db(format!("writing {CLOCK_TABLE}"), &e))?;
    Ok(())
}

/// Reads the clock row (`None` when the table or its row is missing).
pub fn read_clock(tx: &mut Transaction<'_>) -> Result<Option<Clock>> {
    let exists: bool = tx
        .query_one(
            "SELECT to_regclass('public.promptsales_clock') IS NOT NULL",
            &[],
        )
        .and_then(|r| r.try_get(0))
        .map_err(|e| Error::db(format!("reading {CLOCK_TABLE}"), &e))?;
    if !exists {
        return Ok(None);
    }
    let rows = tx
        .query(
            "SELECT seed::text, scale, peak_months, stores, \
             extract(epoch FROM as_of)::bigint FROM public.promptsales_clock FOR UPDATE",
            &[],
        )
        .map_err(|e| Error::db(format!("reading {CLOCK_TABLE}"), &e))?;
    let [row] = rows.as_slice() else {
        return Ok(None);
    };
    let get = |e: pg::Error| Error::db(format!("reading {CLOCK_TABLE}"), &e);
    let seed: String = row.try_get(0).map_err(get)?;
    let stores: String = row.try_get(3).map_err(get)?;
    Ok(Some(Clock {
        seed: seed
            .parse()
            .map_err(|_| Error::Advance(format!("{CLOCK_TABLE} has a bad seed '{seed}'")))?,
        scale: row.try_get(1).map_err(get)?,
        peak_months: row.try_get(2).map_err(get)?,
        stores: stores.split(',').filter_map(|s| s.parse().ok()).collect(),
        as_of: row.try_get(4).map_err(get)?,
    }))
}

/// One tracked table's part of an advance.
#[derive(Debug, Clone)]
pub struct TableDelta {
    /// `store.table`.
    pub table: String,
    /// Rows inserted (keys new at the target instant).
    pub inserted: u64,
    /// Rows updated (same key, changed values).
    pub updated: u64,
}

/// What an advance did.
#[derive(Debug, Clone)]
pub struct AdvanceReport {
    /// The database's instant before.
    pub from: i64,
    /// And after.
    pub to: i64,
    /// Per tracked table, in load order.
    pub tables: Vec<TableDelta>,
    /// Time generating the delta.
    pub generate_seconds: f64,
    /// Whole advance (generation, copy, upsert, commit).
    pub total_seconds: f64,
}

impl AdvanceReport {
    /// Rows inserted plus rows updated.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.inserted + t.updated).sum()
    }
}

/// Applies delta(clock → `to`) of `world`'s seed and scale to the database, in one transaction.
/// Refuses a database without a clock row, one loaded with another seed, scale or peak months,
/// and a `to` before its clock.
pub fn advance(client: &mut Client, world: &World, to: i64) -> Result<AdvanceReport> {
    let started = Instant::now();
    let mut tx = client.transaction().map_err(|e| Error::db("BEGIN", &e))?;
    let Some(clock_row) = read_clock(&mut tx)? else {
        return Err(Error::Advance(format!(
            "the database has no promptsales clock ({CLOCK_TABLE}); load it first with `load postgres --stores ads,crm [--as-of T]`"
        )));
    };
    let config = &world.config;
    if clock_row.seed != config.seed
        || clock_row.scale != config.scale
        || clock_row.peak_months != months(config)
    {
        return Err(Error::Advance(format!(
            "the database holds seed {} scale {} peak months {}, not seed {} scale {} peak months {} (pass the --seed, --scale and --peak-months it was loaded with)",
            clock_row.seed,
            clock_row.scale,
            clock_row.peak_months,
            config.seed,
            config.scale,
            months(config)
        )));
    }
    if to < clock_row.as_of {
        return Err(Error::Advance(format!(
            "{} is before the database's clock {} (deltas only move forward; valid: {} to {})",
            clock::format_instant(to),
            clock::format_instant(clock_row.as_of),
            clock::format_instant(clock_row.as_of),
            clock::format_instant(clock::LAST_INSTANT)
        )));
    }
    let target = world.at(to);
    let mut report = AdvanceReport {
        from: clock_row.as_of,
        to,
        tables: Vec::new(),
        generate_seconds: 0.0,
        total_seconds: 0.0,
    };
    for table in delta::tracked_tables()? {
        if !clock_row.stores.contains(&table.store) {
            continue;
        }
        let name = table.qualified_name();
        let t0 = Instant::now();
        let batch = delta::delta(&target, clock_row.as_of, table)?;
        report.generate_seconds += t0.elapsed().as_secs_f64();
        let (inserted, updated) = if batch.num_rows() == 0 {
            (0, 0)
        } else {
            upsert(&mut tx, table, &batch)?
        };
        report.tables.push(TableDelta {
            table: name,
            inserted,
            updated,
        });
    }
    write_clock(&mut tx, config, &clock_row.stores, to)?;
    tx.commit().map_err(|e| Error::db("COMMIT", &e))?;
    report.total_seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Copies `batch` into a temporary table shaped like `table` and upserts it by primary key.
fn upsert(
    tx: &mut Transaction<'_>,
    table: &promptsales_core::registry::TableDef,
    batch: &arrow::record_batch::RecordBatch,
) -> Result<(u64, u64)> {
    let name = table.qualified_name();
    let columns: Vec<String> = table
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let key = delta::primary_key(table);
    let context = format!("applying the delta of {name}");
    tx.batch_execute(&format!(
        "CREATE TEMP TABLE promptsales_delta (LIKE {name}) ON COMMIT DROP"
    ))
    .map_err(|e| Error::db(&context, &e))?;
    let mut buf = Vec::with_capacity(batch.num_rows() * 96);
    buf.extend_from_slice(binary::HEADER);
    binary::encode_rows(&name, batch, &mut buf)?;
    buf.extend_from_slice(binary::TRAILER);
    let mut writer = tx
        .copy_in(&format!(
            "COPY promptsales_delta ({}) FROM STDIN (FORMAT binary)",
            columns.join(", ")
        ))
        .map_err(|e| Error::db(&context, &e))?;
    writer.write_all(&buf).map_err(|e| Error::Database {
        context: context.clone(),
        message: e.to_string(),
    })?;
    writer.finish().map_err(|e| Error::db(&context, &e))?;
    let set: Vec<String> = columns
        .iter()
        .filter(|c| !key.contains(&c.as_str()))
        .map(|c| format!("{c} = EXCLUDED.{c}"))
        .collect();
    let sql = format!(
        "WITH up AS (INSERT INTO {name} ({cols}) SELECT {cols} FROM promptsales_delta \
         ON CONFLICT ({key}) DO UPDATE SET {set} RETURNING (xmax = 0) AS inserted) \
         SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up",
        cols = columns.join(", "),
        key = key.join(", "),
        set = set.join(", ")
    );
    let row = tx
        .query_one(&sql, &[])
        .map_err(|e| Error::db(&context, &e))?;
    let inserted: i64 = row.try_get(0).map_err(|e| Error::db(&context, &e))?;
    let updated: i64 = row.try_get(1).map_err(|e| Error::db(&context, &e))?;
    tx.batch_execute("DROP TABLE promptsales_delta")
        .map_err(|e| Error::db(&context, &e))?;
    Ok((inserted as u64, updated as u64))
}

/// Stores of a load that the clock covers (the sources that change: ads, crm).
pub fn clocked_stores(stores: &[Store]) -> Vec<Store> {
    stores
        .iter()
        .copied()
        .filter(|s| matches!(s, Store::Ads | Store::Crm))
        .collect()
}
