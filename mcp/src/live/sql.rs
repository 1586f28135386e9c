//! `querySql`: a guarded read-only SQL tool on the live sales server, served only with
//! `--sql-tool` and its own connection (`--sql-url` / `PROMPTSALES_SQL_URL`). Layers, each
//! enough alone against writes:
//!
//! 1. **the role**, checked at start: not a superuser, cannot create roles or databases, does
//!    not bypass row security, and holds no INSERT, UPDATE, DELETE or TRUNCATE privilege on any
//!    table, view or foreign table outside the system catalogs — otherwise the server refuses to
//!    start;
//! 2. **one statement**: the text is parsed with the extended protocol (`Parse`), which
//!    PostgreSQL refuses for more than one command ("cannot insert multiple commands into a
//!    prepared statement"), and must start with SELECT, WITH, VALUES or TABLE;
//! 3. **the transaction**: `BEGIN READ ONLY`, `SET LOCAL statement_timeout` =
//!    [`TIMEOUT_MS`], always rolled back;
//! 4. **the answer**: at most `max_rows` (≤ [`ROW_CAP`]) rows fetched from a portal
//!    (`truncated` says when there were more).

use std::error::Error as StdError;

use chrono::{DateTime as ChronoDateTime, NaiveDate};
use pg::types::{FromSql, Type};
use serde_json::{json, Map, Value};

use crate::args::{clip, Args, MAX_TEXT_CHARS};
use crate::error::{Error, Result, ToolError};
use crate::live::pool::PgPool;
use crate::live::{required, LiveOptions, SQL_URL_ENV};
use crate::tools::ToolDef;

/// Statement timeout of a `querySql` call, milliseconds.
pub const TIMEOUT_MS: u32 = 2_000;
/// Most rows a call returns.
pub const ROW_CAP: i64 = 1_000;
/// First keywords of an accepted statement.
pub const ALLOWED_STARTS: [&str; 4] = ["select", "with", "values", "table"];

/// The tool's connection, checked read-only at start.
#[derive(Debug)]
pub struct SqlTool {
    pool: PgPool,
    role: String,
}

/// Why a role is refused, `None` when it is read-only.
pub fn refusal(
    superuser: bool,
    create_role: bool,
    create_db: bool,
    bypass_rls: bool,
    writable: &[String],
) -> Option<String> {
    if superuser {
        return Some("is a superuser".into());
    }
    if create_role {
        return Some("can create roles (CREATEROLE)".into());
    }
    if create_db {
        return Some("can create databases (CREATEDB)".into());
    }
    if bypass_rls {
        return Some("bypasses row-level security (BYPASSRLS)".into());
    }
    if !writable.is_empty() {
        return Some(format!(
            "may INSERT, UPDATE, DELETE or TRUNCATE {}",
            writable.join(", ")
        ));
    }
    None
}

/// Whether `sql` starts with one of [`ALLOWED_STARTS`] (after white space and opening
/// parentheses), as a whole word.
pub fn starts_read_only(sql: &str) -> bool {
    let s = sql.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
    let word: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    ALLOWED_STARTS.contains(&word.as_str())
}

impl SqlTool {
    /// Connects with `--sql-url` and refuses a role that could write.
    pub fn connect(options: &LiveOptions) -> Result<Self> {
        let url = required("--sql-url", &options.sql_url, SQL_URL_ENV)?;
        let pool = PgPool::open("--sql-url", &url)?;
        let (role, reason) = pool
            .with(|c| {
                let r = c.query_one(
                    "SELECT current_user::text, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, \
                       ARRAY(SELECT n.nspname || '.' || c.relname FROM pg_class c \
                             JOIN pg_namespace n ON n.oid = c.relnamespace \
                             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') \
                               AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
                               AND n.nspname NOT LIKE 'pg\\_toast%' \
                               AND (has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE') \
                                 OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE')) \
                             ORDER BY 1 LIMIT 3) \
                     FROM pg_roles r WHERE r.rolname = current_user",
                    &[],
                )?;
                let writable: Vec<String> = r.try_get(5)?;
                Ok((
                    r.try_get::<_, String>(0)?,
                    refusal(
                        r.try_get(1)?,
                        r.try_get(2)?,
                        r.try_get(3)?,
                        r.try_get(4)?,
                        &writable,
                    ),
                ))
            })
            .map_err(|e| Error::invalid("--sql-url", e.0))?;
        if let Some(why) = reason {
            return Err(Error::invalid(
                "--sql-url",
                format!(
                    "role '{role}' {why}: querySql needs a read-only role (SELECT privileges only); refusing to serve it"
                ),
            ));
        }
        Ok(SqlTool { pool, role })
    }

    /// `role@host:port/db` for the start-up log.
    pub fn summary(&self) -> String {
        format!("read-only role '{}' at {}", self.role, self.pool.target())
    }

    /// `querySql`.
    pub fn query(&self, args: &Map<String, Value>) -> std::result::Result<Value, ToolError> {
        let a = Args::new(args, &["sql", "max_rows"])?;
        let sql = a.text("sql")?;
        let max_rows = a.int("max_rows", 1, ROW_CAP, Some(ROW_CAP))?;
        if !starts_read_only(sql) {
            return Err(ToolError::arg(
                "sql",
                format!(
                    "must be one read-only query starting with SELECT, WITH, VALUES or TABLE (got '{}')",
                    clip(sql)
                ),
            ));
        }
        let (columns, rows, truncated) = self.pool.with(|c| {
            let mut tx = c.build_transaction().read_only(true).start()?;
            tx.batch_execute(&format!("SET LOCAL statement_timeout = {TIMEOUT_MS}"))?;
            let statement = tx.prepare(sql)?;
            let portal = tx.bind(&statement, &[])?;
            // One row more than asked, to know whether the answer was cut.
            let fetched = tx.query_portal(&portal, (max_rows + 1) as i32)?;
            let columns: Vec<String> = statement
                .columns()
                .iter()
                .map(|c| c.name().to_string())
                .collect();
            let truncated = fetched.len() as i64 > max_rows;
            let mut rows = Vec::with_capacity(fetched.len());
            for r in fetched.iter().take(max_rows as usize) {
                let mut row = Vec::with_capacity(columns.len());
                for i in 0..columns.len() {
                    row.push(r.try_get::<_, Cell>(i)?.0);
                }
                rows.push(Value::Array(row));
            }
            tx.rollback()?;
            Ok((columns, rows, truncated))
        })?;
        Ok(json!({
            "columns": columns,
            "row_count": rows.len(),
            "rows": rows,
            "truncated": truncated,
            "max_rows": max_rows,
        }))
    }
}

/// The tool's definition.
pub fn tool() -> ToolDef {
    ToolDef {
        name: "querySql",
        title: "Read-only SQL over the sales tables",
        description: "Runs ONE read-only query (SELECT, WITH, VALUES or TABLE) on the PromptSales database as a role that cannot write, in a read-only transaction with a 2 s statement timeout; at most max_rows rows (≤ 1000; 'truncated' says when there were more). Prefer the typed tools; use this for questions they do not cover. Tables: ads.campaigns, ads.daily_results, ads.brands, ads.channels, ads.markets, ads.campaign_channels, ads.campaign_markets.",
        input: json!({
            "type": "object",
            "properties": {
                "sql": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS, "description": "One SELECT/WITH/VALUES/TABLE statement, no parameters"},
                "max_rows": {"type": "integer", "minimum": 1, "maximum": ROW_CAP, "default": ROW_CAP}
            },
            "required": ["sql"],
            "additionalProperties": false
        }),
        output: json!({
            "type": "object",
            "properties": {
                "columns": {"type": "array", "items": {"type": "string"}},
                "row_count": {"type": "integer"},
                "rows": {"type": "array", "items": {"type": "array"}},
                "truncated": {"type": "boolean"},
                "max_rows": {"type": "integer"}
            },
            "required": ["columns", "row_count", "rows", "truncated"]
        }),
    }
}

/// Any column value as JSON: numbers, text, booleans, dates (ISO 8601), JSON and arrays of
/// these; NUMERIC as a JSON number (a double, exact for money's two decimals); another type as
/// a note asking for a text cast.
struct Cell(Value);

type BoxError = Box<dyn StdError + Sync + Send>;

/// Days from 1970-01-01 to PostgreSQL's epoch 2000-01-01.
const PG_EPOCH_DAYS: i64 = 10_957;

fn pg_date(days: i32) -> Value {
    let d =
        NaiveDate::from_num_days_from_ce_opt(719_163 + (i64::from(days) + PG_EPOCH_DAYS) as i32);
    d.map_or(Value::Null, |d| json!(d.format("%Y-%m-%d").to_string()))
}

fn pg_timestamp(micros: i64, zone: bool) -> Value {
    let unix = micros + PG_EPOCH_DAYS * 86_400_000_000;
    match ChronoDateTime::from_timestamp_micros(unix) {
        Some(t) => {
            let s = t.naive_utc().format("%Y-%m-%dT%H:%M:%S%.f").to_string();
            json!(if zone { format!("{s}Z") } else { s })
        }
        None => Value::Null,
    }
}

/// PostgreSQL's binary NUMERIC (`numeric.c`, `numeric_send`: ndigits, weight, sign, dscale,
/// then base-10000 digits) as a JSON number; NaN and infinities as null.
pub fn numeric(raw: &[u8]) -> std::result::Result<Value, BoxError> {
    let word = |i: usize| -> std::result::Result<i16, BoxError> {
        raw.get(i..i + 2)
            .map(|b| i16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "short numeric".into())
    };
    let ndigits = word(0)?.max(0) as usize;
    let weight = i32::from(word(2)?);
    let sign = word(4)? as u16;
    let dscale = word(6)?.max(0) as usize;
    if sign != 0 && sign != 0x4000 {
        return Ok(Value::Null);
    }
    let mut v = 0f64;
    for i in 0..ndigits {
        v += f64::from(word(8 + 2 * i)?) * 10000f64.powi(weight - i as i32);
    }
    if sign == 0x4000 {
        v = -v;
    }
    let rounded: f64 = format!("{v:.dscale$}").parse().unwrap_or(v);
    Ok(json!(rounded))
}

impl<'a> FromSql<'a> for Cell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        Ok(Cell(match *ty {
            Type::BOOL => json!(bool::from_sql(ty, raw)?),
            Type::INT2 => json!(i16::from_sql(ty, raw)?),
            Type::INT4 => json!(i32::from_sql(ty, raw)?),
            Type::INT8 => json!(i64::from_sql(ty, raw)?),
            Type::OID => json!(u32::from_sql(ty, raw)?),
            Type::FLOAT4 => json!(f64::from(f32::from_sql(ty, raw)?)),
            Type::FLOAT8 => json!(f64::from_sql(ty, raw)?),
            Type::NUMERIC => numeric(raw)?,
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                json!(String::from_sql(ty, raw)?)
            }
            Type::DATE => pg_date(i32::from_sql(&Type::INT4, raw)?),
            Type::TIMESTAMP => pg_timestamp(i64::from_sql(&Type::INT8, raw)?, false),
            Type::TIMESTAMPTZ => pg_timestamp(i64::from_sql(&Type::INT8, raw)?, true),
            Type::JSON => serde_json::from_slice(raw)?,
            // jsonb's binary form: a version byte (1), then the text.
            Type::JSONB => serde_json::from_slice(raw.get(1..).unwrap_or_default())?,
            Type::TEXT_ARRAY | Type::VARCHAR_ARRAY | Type::NAME_ARRAY => {
                json!(Vec::<Option<String>>::from_sql(ty, raw)?)
            }
            Type::INT2_ARRAY => json!(Vec::<Option<i16>>::from_sql(ty, raw)?),
            Type::INT4_ARRAY => json!(Vec::<Option<i32>>::from_sql(ty, raw)?),
            Type::INT8_ARRAY => json!(Vec::<Option<i64>>::from_sql(ty, raw)?),
            Type::FLOAT4_ARRAY => json!(Vec::<Option<f32>>::from_sql(ty, raw)?),
            Type::FLOAT8_ARRAY => json!(Vec::<Option<f64>>::from_sql(ty, raw)?),
            Type::BOOL_ARRAY => json!(Vec::<Option<bool>>::from_sql(ty, raw)?),
            _ => json!(format!("<{} value: cast it to text to read it>", ty.name())),
        }))
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, BoxError> {
        Ok(Cell(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_read_only_starts_pass() {
        for ok in [
            "SELECT 1",
            "  select * from ads.campaigns",
            "(SELECT 1) UNION (SELECT 2)",
            "WITH x AS (SELECT 1) SELECT * FROM x",
            "VALUES (1)",
            "table ads.channels",
        ] {
            assert!(starts_read_only(ok), "{ok}");
        }
        for bad in [
            "INSERT INTO t VALUES (1)",
            "update t set x = 1",
            "DELETE FROM t",
            "DROP TABLE t",
            "selectx 1",
            "-- comment\nSELECT 1",
            "/* c */ SELECT 1",
            "SET statement_timeout = 0",
            "COMMIT",
            "",
        ] {
            assert!(!starts_read_only(bad), "{bad}");
        }
    }

    #[test]
    fn roles_that_could_write_are_refused() {
        assert_eq!(refusal(false, false, false, false, &[]), None);
        assert!(refusal(true, false, false, false, &[]).is_some_and(|r| r.contains("superuser")));
        assert!(refusal(false, true, false, false, &[]).is_some_and(|r| r.contains("CREATEROLE")));
        assert!(refusal(false, false, true, false, &[]).is_some_and(|r| r.contains("CREATEDB")));
        assert!(refusal(false, false, false, true, &[]).is_some_and(|r| r.contains("BYPASSRLS")));
        assert!(
            refusal(false, false, false, false, &["ads.campaigns".into()])
                .is_some_and(|r| r.contains("ads.campaigns"))
        );
    }

    #[test]
    fn numeric_binary_decodes() -> std::result::Result<(), BoxError> {
        // 1234.56: ndigits 2, weight 0, sign +, dscale 2; digits 1234, 5600.
        let raw = [0, 2, 0, 0, 0, 0, 0, 2, 0x04, 0xd2, 0x15, 0xe0];
        assert_eq!(numeric(&raw)?, json!(1234.56));
        // -0.05: ndigits 1, weight -1, sign −, dscale 2; digit 500.
        let raw = [0, 1, 0xff, 0xff, 0x40, 0, 0, 2, 0x01, 0xf4];
        assert_eq!(numeric(&raw)?, json!(-0.05));
        // NaN.
        assert_eq!(numeric(&[0, 0, 0, 0, 0xc0, 0, 0, 0])?, Value::Null);
        assert!(numeric(&[0, 1]).is_err());
        assert_eq!(pg_date(0), json!("2000-01-01"));
        assert_eq!(
            pg_timestamp(86_400_000_000 + 1_500_000, true),
            json!("2000-01-02T00:00:01.500Z")
        );
        Ok(())
    }
}
