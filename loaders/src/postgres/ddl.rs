//! PostgreSQL DDL derived from the table registry (the one source of truth for names and
//! types). `sql/<store>/postgres/tables.sql` is this module's output, committed so it can be
//! read and reviewed; a test proves the committed file equals what the registry produces.
//! Keys, checks and indexes are hand-written in `sql/<store>/postgres/keys.sql` and applied
//! after the data.

use arrow::datatypes::{DataType, TimeUnit};
use promptsales_core::registry::tables_of;
use promptsales_core::Store;

use crate::error::{Error, Result};

/// The PostgreSQL type of an Arrow column type.
pub fn pg_type(data_type: &DataType) -> Option<&'static str> {
    Some(match data_type {
        DataType::Int64 => "BIGINT",
        DataType::Int32 => "INTEGER",
        DataType::Float64 => "DOUBLE PRECISION",
        DataType::Boolean => "BOOLEAN",
        DataType::Date32 => "DATE",
        DataType::Timestamp(TimeUnit::Second, None) => "TIMESTAMP(0)",
        DataType::Decimal128(18, 2) => "NUMERIC(18,2)",
        DataType::Utf8 => "TEXT",
        DataType::Dictionary(k, v) if **k == DataType::Int32 && **v == DataType::Utf8 => "TEXT",
        _ => return None,
    })
}

/// `CREATE TABLE` statements of a store's tables, in registry order, in the store's schema.
pub fn create_tables(store: Store) -> Result<String> {
    let mut out = format!(
        "-- Generated from the promptsales table registry (loaders/src/postgres/ddl.rs); do not edit.\n\
         -- Regenerate: UPDATE_SQL=1 cargo test -p promptsales-loaders ddl\n\
         CREATE SCHEMA IF NOT EXISTS {0};\n",
        store.name()
    );
    for t in tables_of(&[store]) {
        let schema = t.schema();
        out.push_str(&format!("\nCREATE TABLE {}.{} (\n", store.name(), t.name));
        let n = schema.fields().len();
        for (i, f) in schema.fields().iter().enumerate() {
            let ty = pg_type(f.data_type()).ok_or_else(|| Error::UnsupportedType {
                table: t.qualified_name(),
                column: f.name().clone(),
                data_type: f.data_type().to_string(),
            })?;
            out.push_str(&format!(
                "    {} {}{}{}\n",
                f.name(),
                ty,
                if f.is_nullable() { "" } else { " NOT NULL" },
                if i + 1 < n { "," } else { "" }
            ));
        }
        out.push_str(");\n");
    }
    Ok(out)
}

/// The committed `tables.sql` of a store.
pub fn committed_tables_sql(store: Store) -> &'static str {
    match store {
        Store::Ads => include_str!("../../../sql/ads/postgres/tables.sql"),
        Store::Crm => include_str!("../../../sql/crm/postgres/tables.sql"),
        Store::Sales => include_str!("../../../sql/sales/postgres/tables.sql"),
        _ => "",
    }
}

/// The committed `keys.sql` of a store (primary and foreign keys, checks, indexes).
pub fn keys_sql(store: Store) -> &'static str {
    match store {
        Store::Ads => include_str!("../../../sql/ads/postgres/keys.sql"),
        Store::Crm => include_str!("../../../sql/crm/postgres/keys.sql"),
        Store::Sales => include_str!("../../../sql/sales/postgres/keys.sql"),
        _ => "",
    }
}

/// Stores with PostgreSQL DDL.
pub const STORES: [Store; 3] = [Store::Ads, Store::Crm, Store::Sales];

#[cfg(test)]
mod tests {
    use super::*;

    /// `sql/<store>/postgres/tables.sql` equals the registry's DDL (names, types, nullability).
    /// With `UPDATE_SQL=1` the files are rewritten instead.
    #[test]
    fn ddl_committed_tables_sql_matches_registry() -> Result<()> {
        for store in STORES {
            let generated = create_tables(store)?;
            if std::env::var_os("UPDATE_SQL").is_some() {
                let path = format!(
                    "{}/../sql/{}/postgres/tables.sql",
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
                "sql/{}/postgres/tables.sql is stale: run UPDATE_SQL=1 cargo test -p promptsales-loaders ddl",
                store.name()
            );
        }
        Ok(())
    }

    /// Every registry column has a PostgreSQL type, and the mapping keeps money exact.
    #[test]
    fn types_map_money_to_numeric() {
        assert_eq!(pg_type(&DataType::Decimal128(18, 2)), Some("NUMERIC(18,2)"));
        assert_eq!(pg_type(&DataType::Decimal128(10, 4)), None);
        assert_eq!(pg_type(&DataType::Date32), Some("DATE"));
    }

    /// keys.sql names only tables and columns the registry has (a cheap static cross-check:
    /// every `store.table` it mentions exists).
    #[test]
    fn keys_sql_mentions_only_registry_tables() {
        for store in STORES {
            let sql = keys_sql(store);
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
