//! T-SQL DDL derived from the table registry (the one source of truth for names and types),
//! the SQL Server twin of [`crate::postgres::ddl`]. `sql/<store>/mssql/tables.sql` is this
//! module's output, committed for review; a test proves the committed file equals what the
//! registry produces. Keys, checks and indexes are hand-written in `sql/<store>/mssql/keys.sql`
//! and applied after the data.
//!
//! **NVARCHAR widths are sized from the data.** Arrow strings carry no length, so the widths
//! come from the longest value (in UTF-16 code units, SQL Server's unit for NVARCHAR) that the
//! generator produces at the reference world ([`REFERENCE_SEED`], [`REFERENCE_SCALE`]), times
//! [`HEADROOM`], rounded up to a power of two (at least 16); beyond 4000 the column is
//! `NVARCHAR(MAX)`. Strings are assembled from bounded catalogs, so longer values at larger
//! scales are not expected; the loader still checks every value against its width and names
//! the column if one does not fit, rather than letting the server truncate or fail mid-batch.

use std::collections::BTreeMap;

use arrow::array::{Array, AsArray};
use arrow::datatypes::{DataType, Int32Type, TimeUnit};
use promptsales_core::registry::{tables_of, TableDef};
use promptsales_core::{Config, Store, World};

use crate::error::{Error, Result};

/// Seed of the world whose strings size the NVARCHAR columns.
pub const REFERENCE_SEED: u64 = 42;
/// Scale of that world (every catalog value appears; large tables stay quick to scan).
pub const REFERENCE_SCALE: f64 = 0.1;
/// Margin over the longest value seen, as a fraction (1.5 = 50 % longer still fits).
pub const HEADROOM: f64 = 1.5;
/// Widest sized NVARCHAR (SQL Server's limit for NVARCHAR(n)); wider is NVARCHAR(MAX).
pub const MAX_NVARCHAR: usize = 4000;

/// Stores with T-SQL DDL (SQL Server in production, DESIGN.md §1).
pub const STORES: [Store; 2] = [Store::Ads, Store::Crm];

/// Longest value per `table.column` in UTF-16 code units, for string columns.
pub type Widths = BTreeMap<String, usize>;

/// The declared NVARCHAR width for a longest value of `longest` code units (`None` = MAX).
pub fn nvarchar_width(longest: usize) -> Option<usize> {
    let wanted = ((longest.max(1) as f64) * HEADROOM).ceil() as usize;
    let width = wanted.next_power_of_two().max(16);
    (width <= MAX_NVARCHAR).then_some(width)
}

fn is_string(data_type: &DataType) -> bool {
    match data_type {
        DataType::Utf8 => true,
        DataType::Dictionary(k, v) => **k == DataType::Int32 && **v == DataType::Utf8,
        _ => false,
    }
}

/// The T-SQL type of an Arrow column type (`width` = declared NVARCHAR width, `None` = MAX).
pub fn tsql_type(data_type: &DataType, width: Option<usize>) -> Option<String> {
    Some(match data_type {
        DataType::Int64 => "BIGINT".into(),
        DataType::Int32 => "INT".into(),
        DataType::Float64 => "FLOAT".into(),
        DataType::Boolean => "BIT".into(),
        DataType::Date32 => "DATE".into(),
        DataType::Timestamp(TimeUnit::Second, None) => "DATETIME2(0)".into(),
        DataType::Decimal128(18, 2) => "DECIMAL(18,2)".into(),
        t if is_string(t) => match width {
            Some(w) => format!("NVARCHAR({w})"),
            None => "NVARCHAR(MAX)".into(),
        },
        _ => return None,
    })
}

/// UTF-16 length of the longest non-null string in column `i` of a batch.
pub fn longest_in(column: &dyn Array) -> usize {
    let len = |s: &str| s.encode_utf16().count();
    match column.data_type() {
        DataType::Utf8 => {
            let a = column.as_string::<i32>();
            (0..a.len())
                .filter(|&r| a.is_valid(r))
                .map(|r| len(a.value(r)))
                .max()
                .unwrap_or(0)
        }
        DataType::Dictionary(_, _) => {
            let d = column.as_dictionary::<Int32Type>();
            let values = d.values().as_string::<i32>();
            d.keys()
                .iter()
                .flatten()
                .map(|k| len(values.value(k as usize)))
                .max()
                .unwrap_or(0)
        }
        _ => 0,
    }
}

/// Measures the longest value of every string column of `store` in `world`.
pub fn measure(world: &World, store: Store) -> Result<Widths> {
    let mut out = Widths::new();
    for t in tables_of(&[store]) {
        let schema = t.schema();
        let strings: Vec<usize> = (0..schema.fields().len())
            .filter(|&i| is_string(schema.field(i).data_type()))
            .collect();
        for &i in &strings {
            out.insert(key(t, schema.field(i).name()), 0);
        }
        if strings.is_empty() {
            continue;
        }
        let units = t.units(world);
        for range in t.chunks(world, 0..units, 1 << 16) {
            let batch = t.batch(world, range)?;
            for &i in &strings {
                let longest = longest_in(batch.column(i).as_ref());
                let slot = out.entry(key(t, schema.field(i).name())).or_insert(0);
                *slot = (*slot).max(longest);
            }
        }
    }
    Ok(out)
}

/// Widths measured on the reference world.
pub fn reference_widths(store: Store) -> Result<Widths> {
    let config = Config::new(REFERENCE_SEED as i128, REFERENCE_SCALE, &[12, 1, 8])?;
    measure(&World::new(&config), store)
}

fn key(t: &TableDef, column: &str) -> String {
    format!("{}.{column}", t.qualified_name())
}

/// `CREATE TABLE` batches of a store's tables, in registry order, in the store's schema.
pub fn create_tables(store: Store, widths: &Widths) -> Result<String> {
    let mut out = format!(
        "-- Generated from the promptsales table registry (loaders/src/mssql/ddl.rs); do not edit.\n\
         -- Regenerate: UPDATE_SQL=1 cargo test --release -p promptsales-loaders mssql::ddl\n\
         -- NVARCHAR widths: longest value at seed {REFERENCE_SEED}, scale {REFERENCE_SCALE}, \
         x{HEADROOM}, rounded up to a power of two.\n\
         IF SCHEMA_ID(N'{0}') IS NULL EXEC(N'CREATE SCHEMA {0}');\nGO\n",
        store.name()
    );
    for t in tables_of(&[store]) {
        let schema = t.schema();
        out.push_str(&format!("\nCREATE TABLE {}.{} (\n", store.name(), t.name));
        let n = schema.fields().len();
        for (i, f) in schema.fields().iter().enumerate() {
            let width = match widths.get(&key(t, f.name())) {
                Some(&longest) => nvarchar_width(longest),
                None => Some(MAX_NVARCHAR),
            };
            let ty = tsql_type(f.data_type(), width).ok_or_else(|| Error::UnsupportedType {
                table: t.qualified_name(),
                column: f.name().clone(),
                data_type: f.data_type().to_string(),
            })?;
            out.push_str(&format!(
                "    {} {}{}{}\n",
                f.name(),
                ty,
                if f.is_nullable() {
                    " NULL"
                } else {
                    " NOT NULL"
                },
                if i + 1 < n { "," } else { "" }
            ));
        }
        out.push_str(");\n");
    }
    out.push_str("GO\n");
    Ok(out)
}

/// The committed `tables.sql` of a store.
pub fn committed_tables_sql(store: Store) -> &'static str {
    match store {
        Store::Ads => include_str!("../../../sql/ads/mssql/tables.sql"),
        Store::Crm => include_str!("../../../sql/crm/mssql/tables.sql"),
        _ => "",
    }
}

/// The committed `keys.sql` of a store (primary and foreign keys, checks, indexes).
pub fn keys_sql(store: Store) -> &'static str {
    match store {
        Store::Ads => include_str!("../../../sql/ads/mssql/keys.sql"),
        Store::Crm => include_str!("../../../sql/crm/mssql/keys.sql"),
        _ => "",
    }
}

/// Splits a T-SQL script into batches on lines that are only `GO` (the client-side batch
/// separator of sqlcmd and SSMS; the server never sees it). Empty batches are dropped.
pub fn batches(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in script.lines() {
        if line.trim().eq_ignore_ascii_case("go") {
            if !current.trim().is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// Declared NVARCHAR width of every string column in a committed `tables.sql`
/// (`table.column` → width, `None` = MAX).
pub fn declared_widths(store: Store) -> BTreeMap<String, Option<usize>> {
    let mut out = BTreeMap::new();
    let mut table = String::new();
    for line in committed_tables_sql(store).lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
            table = rest.trim_end_matches(" (").to_string();
        } else if let Some((column, rest)) = line.split_once(" NVARCHAR(") {
            let width = rest.split(')').next().unwrap_or("MAX").parse().ok();
            out.insert(format!("{table}.{column}"), width);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sql/<store>/mssql/tables.sql` equals the registry's T-SQL (names, types, nullability,
    /// NVARCHAR widths from the reference data). With `UPDATE_SQL=1` the files are rewritten.
    #[test]
    fn ddl_committed_tables_sql_matches_registry() -> Result<()> {
        for store in STORES {
            let generated = create_tables(store, &reference_widths(store)?)?;
            if std::env::var_os("UPDATE_SQL").is_some() {
                let path = format!(
                    "{}/../sql/{}/mssql/tables.sql",
                    env!("CARGO_MANIFEST_DIR"),
                    store.name()
                );
                std::fs::write(&path, &generated)
                    .map_err(|e| promptsales_core::Error::io(&path, e))?;
                continue;
            }
            assert_eq!(
                committed_tables_sql(store),
                generated,
                "sql/{}/mssql/tables.sql is stale: run UPDATE_SQL=1 cargo test --release -p promptsales-loaders mssql::ddl",
                store.name()
            );
        }
        Ok(())
    }

    /// Every column of every ads/crm table is declared, with the registry's order.
    #[test]
    fn ddl_declares_every_registry_column() -> Result<()> {
        for store in STORES {
            let sql = create_tables(store, &Widths::new())?;
            for t in tables_of(&[store]) {
                let start = sql
                    .find(&format!("CREATE TABLE {} (", t.qualified_name()))
                    .unwrap_or_else(|| panic!("{} missing", t.qualified_name()));
                let body = &sql[start..];
                let body = &body[..body.find(");").unwrap_or(body.len())];
                let declared: Vec<&str> = body
                    .lines()
                    .skip(1)
                    .filter_map(|l| l.split_whitespace().next())
                    .collect();
                let want: Vec<String> = t
                    .schema()
                    .fields()
                    .iter()
                    .map(|f| f.name().clone())
                    .collect();
                assert_eq!(declared, want, "{}", t.qualified_name());
            }
        }
        Ok(())
    }

    /// Money stays exact, dates and timestamps keep their precision, unknown types are refused.
    #[test]
    fn types_map_money_to_decimal() {
        assert_eq!(
            tsql_type(&DataType::Decimal128(18, 2), None).as_deref(),
            Some("DECIMAL(18,2)")
        );
        assert_eq!(tsql_type(&DataType::Decimal128(10, 4), None), None);
        assert_eq!(tsql_type(&DataType::Date32, None).as_deref(), Some("DATE"));
        assert_eq!(
            tsql_type(&DataType::Timestamp(TimeUnit::Second, None), None).as_deref(),
            Some("DATETIME2(0)")
        );
        assert_eq!(
            tsql_type(&DataType::Utf8, Some(64)).as_deref(),
            Some("NVARCHAR(64)")
        );
        assert_eq!(
            tsql_type(&DataType::Utf8, None).as_deref(),
            Some("NVARCHAR(MAX)")
        );
    }

    /// Widths: 1.5× the longest value, rounded up to a power of two, 16 at least, MAX past 4000.
    #[test]
    fn nvarchar_widths_have_headroom() {
        assert_eq!(nvarchar_width(0), Some(16));
        assert_eq!(nvarchar_width(10), Some(16));
        assert_eq!(nvarchar_width(11), Some(32)); // 16.5 → 32
        assert_eq!(nvarchar_width(40), Some(64));
        assert_eq!(nvarchar_width(43), Some(128)); // 64.5 → 128
        assert_eq!(nvarchar_width(2000), None); // 3000 → 4096 > 4000
        assert_eq!(nvarchar_width(1365), Some(2048));
    }

    /// A different seed's data fits the committed widths (sizes come from catalogs, not luck).
    #[test]
    fn other_seed_fits_committed_widths() -> Result<()> {
        let config = Config::new(7, 0.05, &[12, 1, 8])?;
        let world = World::new(&config);
        for store in STORES {
            let declared = declared_widths(store);
            for (column, longest) in measure(&world, store)? {
                match declared.get(&column) {
                    Some(Some(w)) => assert!(longest <= *w, "{column}: {longest} > {w}"),
                    Some(None) => {}
                    None => panic!("{column} has no NVARCHAR declaration"),
                }
            }
        }
        Ok(())
    }

    /// GO splits batches, case-insensitively, only on a line of its own.
    #[test]
    fn go_splits_batches() {
        let b = batches("SELECT 1;\nGO\n-- going\nSELECT 'GO';\n  go  \n\nGO\n");
        assert_eq!(b, vec!["SELECT 1;\n", "-- going\nSELECT 'GO';\n"]);
    }

    /// keys.sql names only tables the registry has.
    #[test]
    fn keys_sql_mentions_only_registry_tables() {
        for store in STORES {
            let sql = keys_sql(store);
            assert!(sql.contains("PRIMARY KEY"), "{} keys.sql", store.name());
            for word in sql.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
                if let Some(rest) = word.strip_prefix(&format!("{}.", store.name())) {
                    let name = format!("{}.{}", store.name(), rest);
                    assert!(
                        promptsales_core::registry::table(&name).is_ok(),
                        "keys.sql of {} mentions unknown table {name}",
                        store.name()
                    );
                }
            }
        }
    }
}
