//! The PromptSales server over the loaded ads tables: each tool is SQL (sums of
//! `ads.daily_results` per campaign, channel, market, month or period, and the campaign's
//! attributes), read in one read-only REPEATABLE READ transaction so a call sees one snapshot.
//! Rankings (top-N, name similarity) run in Rust over the SQL rows with the embedded backend's
//! own functions, so both backends give the same JSON, ties included.

use std::collections::BTreeMap;

use pg::{Client, IsolationLevel, Row, Transaction};
use serde_json::{json, Map, Value};

use crate::args::Args;
use crate::error::{Result, ToolError};
use crate::live::pool::PgPool;
use crate::live::sql::SqlTool;
use crate::live::{required, LiveOptions, DATABASE_URL_ENV};
use crate::sales::{find_answer, find_args, iso, NamedCampaign, TopQuery, Totals};

/// The 13 sums of a [`Totals`], over `ads.daily_results d` (money and exposure in hundredths,
/// exact: the columns are NUMERIC(18,2)).
pub const TOTALS_SQL: &str =
    "COALESCE(SUM(d.impressions), 0)::bigint, COALESCE(SUM(d.reach), 0)::bigint, \
    COALESCE(SUM(d.views), 0)::bigint, COALESCE(SUM(d.likes), 0)::bigint, \
    COALESCE(SUM(d.comments), 0)::bigint, COALESCE(SUM(d.shares), 0)::bigint, \
    COALESCE(SUM(d.interactions), 0)::bigint, COALESCE(SUM(d.clicks), 0)::bigint, \
    COALESCE(SUM(d.leads), 0)::bigint, COALESCE(SUM(d.conversions), 0)::bigint, \
    COALESCE(SUM(d.exposure_hours) * 100, 0)::bigint, COALESCE(SUM(d.cost) * 100, 0)::bigint, \
    COALESCE(SUM(d.revenue) * 100, 0)::bigint";

/// A campaign's attributes (as the embedded backend's header): channels by ascending channel
/// id and markets by ascending market id, the order of the world's plan.
pub const HEADER_SQL: &str = "SELECT c.campaign_id, c.name, c.brand_id, b.name, b.industry, \
    c.objective, c.status, (c.start_date - DATE '1970-01-01')::int, \
    (c.end_date - DATE '1970-01-01')::int, (c.budget * 100)::bigint, \
    ARRAY(SELECT ch.name FROM ads.campaign_channels cc JOIN ads.channels ch ON ch.channel_id = cc.channel_id \
          WHERE cc.campaign_id = c.campaign_id ORDER BY cc.channel_id), \
    ARRAY(SELECT m.city || ' (' || m.country_code || ')' FROM ads.campaign_markets cm \
          JOIN ads.markets m ON m.market_id = cm.market_id WHERE cm.campaign_id = c.campaign_id ORDER BY cm.market_id) \
    FROM ads.campaigns c JOIN ads.brands b ON b.brand_id = c.brand_id \
    WHERE c.campaign_id = ANY($1)";

/// Totals per campaign of `ads.daily_results`, for campaigns `$1`.
fn per_campaign_sql() -> String {
    format!(
        "SELECT d.campaign_id, {TOTALS_SQL} FROM ads.daily_results d \
         WHERE d.campaign_id = ANY($1) GROUP BY d.campaign_id"
    )
}

/// Totals per campaign over days `$1..=$2` (day numbers since 1970-01-01).
fn period_sql() -> String {
    format!(
        "SELECT d.campaign_id, {TOTALS_SQL} FROM ads.daily_results d \
         WHERE d.day BETWEEN DATE '1970-01-01' + $1::int AND DATE '1970-01-01' + $2::int \
         GROUP BY d.campaign_id"
    )
}

/// Totals of campaign `$1` per channel name, market label or month `YYYY-MM`.
pub fn breakdown_sql(by: &str) -> String {
    let (key, join) = match by {
        "channel" => (
            "ch.name",
            "JOIN ads.channels ch ON ch.channel_id = d.channel_id",
        ),
        "market" => (
            "m.city || ' (' || m.country_code || ')'",
            "JOIN ads.markets m ON m.market_id = d.market_id",
        ),
        _ => ("to_char(d.day, 'YYYY-MM')", ""),
    };
    format!(
        "SELECT {key}, {TOTALS_SQL} FROM ads.daily_results d {join} \
         WHERE d.campaign_id = $1 GROUP BY 1"
    )
}

/// The campaigns' names, brands, status and start (for ranking and fuzzy search).
const NAMES_SQL: &str = "SELECT c.campaign_id, c.name, b.name, c.status, \
    (c.start_date - DATE '1970-01-01')::int FROM ads.campaigns c \
    JOIN ads.brands b ON b.brand_id = c.brand_id";

/// A [`Totals`] from 13 columns starting at `at`.
pub fn totals(row: &Row, at: usize) -> std::result::Result<Totals, pg::Error> {
    let g = |i: usize| row.try_get::<_, i64>(at + i);
    Ok(Totals {
        impressions: g(0)?,
        reach: g(1)?,
        views: g(2)?,
        likes: g(3)?,
        comments: g(4)?,
        shares: g(5)?,
        interactions: g(6)?,
        clicks: g(7)?,
        leads: g(8)?,
        conversions: g(9)?,
        exposure_centihours: g(10)?,
        cost_cents: g(11)?,
        revenue_cents: g(12)?,
    })
}

/// One row of [`NAMES_SQL`].
struct Named {
    id: i64,
    name: String,
    brand: String,
    status: String,
    start: i32,
}

fn names(tx: &mut Transaction<'_>) -> std::result::Result<Vec<Named>, pg::Error> {
    tx.query(NAMES_SQL, &[])?
        .iter()
        .map(|r| {
            Ok(Named {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                brand: r.try_get(2)?,
                status: r.try_get(3)?,
                start: r.try_get(4)?,
            })
        })
        .collect()
}

/// The sales server's live state.
#[derive(Debug)]
pub struct LiveSales {
    pool: PgPool,
    sql: Option<SqlTool>,
}

type Answer = std::result::Result<Value, ToolError>;

impl LiveSales {
    /// Connects to `--database-url` and checks the ads tables are there.
    pub fn connect(options: &LiveOptions) -> Result<Self> {
        let url = required("--database-url", &options.database_url, DATABASE_URL_ENV)?;
        let pool = PgPool::open("--database-url", &url)?;
        check_tables("--database-url", &pool, ADS_TABLES)?;
        let sql = if options.sql_tool {
            Some(SqlTool::connect(options)?)
        } else if options.sql_url.is_some() {
            return Err(crate::error::Error::invalid(
                "--sql-url",
                "only applies with --sql-tool (the read-only SQL tool is off unless asked for)",
            ));
        } else {
            None
        };
        Ok(LiveSales { pool, sql })
    }

    /// Whether `querySql` is served.
    pub fn sql_enabled(&self) -> bool {
        self.sql.is_some()
    }

    /// One line for the start-up log (no credentials).
    pub fn summary(&self) -> String {
        format!(
            "ads tables at {}{}",
            self.pool.target(),
            self.sql
                .as_ref()
                .map_or(String::new(), |s| format!("; querySql as {}", s.summary()))
        )
    }

    /// Runs tool `name`.
    pub fn call(&self, name: &str, args: &Map<String, Value>) -> Option<Answer> {
        Some(match name {
            "getCampaignPerformance" => self.performance(args),
            "compareCampaigns" => self.compare(args),
            "topCampaigns" => self.top(args),
            "campaignBreakdown" => self.breakdown(args),
            "findCampaigns" => self.find(args),
            "querySql" => match &self.sql {
                Some(s) => s.query(args),
                None => return None,
            },
            _ => return None,
        })
    }

    /// Runs `f` in a read-only REPEATABLE READ transaction (one snapshot per call).
    fn read(
        &self,
        f: impl FnOnce(&mut Transaction<'_>) -> std::result::Result<Answer, pg::Error>,
    ) -> Answer {
        self.pool
            .with(|c: &mut Client| {
                let mut tx = c
                    .build_transaction()
                    .read_only(true)
                    .isolation_level(IsolationLevel::RepeatableRead)
                    .start()?;
                let out = f(&mut tx)?;
                tx.commit()?;
                Ok(out)
            })
            .and_then(|a| a)
    }

    fn campaigns_json(
        tx: &mut Transaction<'_>,
        arg: &str,
        ids: &[i64],
        count: i64,
    ) -> std::result::Result<Answer, pg::Error> {
        let mut headers: BTreeMap<i64, Value> = BTreeMap::new();
        for r in tx.query(HEADER_SQL, &[&ids])? {
            let id: i64 = r.try_get(0)?;
            let budget: i64 = r.try_get(9)?;
            let channels: Vec<String> = r.try_get(10)?;
            let markets: Vec<String> = r.try_get(11)?;
            headers.insert(
                id,
                json!({
                    "campaign_id": id,
                    "name": r.try_get::<_, String>(1)?,
                    "brand_id": r.try_get::<_, i64>(2)?,
                    "brand": r.try_get::<_, String>(3)?,
                    "industry": r.try_get::<_, String>(4)?,
                    "objective": r.try_get::<_, String>(5)?,
                    "status": r.try_get::<_, String>(6)?,
                    "start_date": iso(r.try_get(7)?),
                    "end_date": iso(r.try_get(8)?),
                    "budget": budget as f64 / 100.0,
                    "budget_cents": budget,
                    "channels": channels,
                    "markets": markets,
                }),
            );
        }
        let mut metrics: BTreeMap<i64, Totals> = BTreeMap::new();
        for r in tx.query(per_campaign_sql().as_str(), &[&ids])? {
            metrics.insert(r.try_get(0)?, totals(&r, 1)?);
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(mut v) = headers.get(id).cloned() else {
                return Ok(Err(ToolError::arg(
                    arg,
                    format!("no campaign {id}: campaign ids run from 1 to {count}"),
                )));
            };
            if let Value::Object(m) = &mut v {
                m.insert(
                    "metrics".into(),
                    metrics.get(id).copied().unwrap_or_default().to_json(),
                );
            }
            out.push(v);
        }
        Ok(Ok(Value::Array(out)))
    }

    fn performance(&self, args: &Map<String, Value>) -> Answer {
        let a = Args::new(args, &["campaign_id"])?;
        self.read(|tx| {
            let n = campaign_count(tx)?;
            let id = match a.int("campaign_id", 1, n.max(1), None) {
                Ok(id) => id,
                Err(e) => return Ok(Err(e)),
            };
            Ok(
                Self::campaigns_json(tx, "campaign_id", &[id], n)?.map(|v| match v {
                    Value::Array(mut rows) => rows.pop().unwrap_or(Value::Null),
                    other => other,
                }),
            )
        })
    }

    fn compare(&self, args: &Map<String, Value>) -> Answer {
        let a = Args::new(args, &["campaign_ids"])?;
        self.read(|tx| {
            let n = campaign_count(tx)?;
            let ids = match a.ints("campaign_ids", (2, 10), (1, n.max(1))) {
                Ok(ids) => ids,
                Err(e) => return Ok(Err(e)),
            };
            Ok(Self::campaigns_json(tx, "campaign_ids", &ids, n)?
                .map(|rows| json!({ "campaigns": rows })))
        })
    }

    fn top(&self, args: &Map<String, Value>) -> Answer {
        let q = TopQuery::parse(args)?;
        self.read(|tx| {
            let named: BTreeMap<i64, Named> = names(tx)?.into_iter().map(|c| (c.id, c)).collect();
            let mut rows = Vec::new();
            for r in tx.query(period_sql().as_str(), &[&q.from, &q.to])? {
                let id: i64 = r.try_get(0)?;
                let t = totals(&r, 1)?;
                if let Some(c) = named.get(&id) {
                    rows.push((c, t));
                }
            }
            Ok(Ok(q.answer(rows.into_iter().map(|(c, t)| {
                (
                    NamedCampaign {
                        id: c.id,
                        name: &c.name,
                        brand: &c.brand,
                        status: &c.status,
                        start: c.start,
                    },
                    t,
                )
            }))))
        })
    }

    fn breakdown(&self, args: &Map<String, Value>) -> Answer {
        let a = Args::new(args, &["campaign_id", "by"])?;
        self.read(|tx| {
            let n = campaign_count(tx)?;
            let id = match a.int("campaign_id", 1, n.max(1), None) {
                Ok(id) => id,
                Err(e) => return Ok(Err(e)),
            };
            let by = match a.choice("by", &["channel", "market", "month"], None) {
                Ok(by) => by,
                Err(e) => return Ok(Err(e)),
            };
            let Some(name) = tx
                .query_opt(
                    "SELECT name FROM ads.campaigns WHERE campaign_id = $1",
                    &[&id],
                )?
                .map(|r| r.try_get::<_, String>(0))
                .transpose()?
            else {
                return Ok(Err(ToolError::arg(
                    "campaign_id",
                    format!("no campaign {id}: campaign ids run from 1 to {n}"),
                )));
            };
            // Keys in Rust's string order (the embedded backend's BTreeMap), not the
            // database collation's.
            let mut rows: BTreeMap<String, Totals> = BTreeMap::new();
            for r in tx.query(breakdown_sql(by).as_str(), &[&id])? {
                rows.insert(r.try_get(0)?, totals(&r, 1)?);
            }
            let mut total = Totals::default();
            rows.values().for_each(|t| total.add(t));
            let rows: Vec<Value> = rows
                .iter()
                .map(|(k, t)| json!({"key": k, "metrics": t.to_json()}))
                .collect();
            Ok(Ok(json!({
                "campaign_id": id,
                "name": name,
                "by": by,
                "rows": rows,
                "total": total.to_json(),
            })))
        })
    }

    fn find(&self, args: &Map<String, Value>) -> Answer {
        let (query, limit) = find_args(args)?;
        self.read(|tx| {
            let all = names(tx)?;
            Ok(Ok(find_answer(
                query,
                limit,
                all.iter().map(|c| NamedCampaign {
                    id: c.id,
                    name: &c.name,
                    brand: &c.brand,
                    status: &c.status,
                    start: c.start,
                }),
            )))
        })
    }
}

fn campaign_count(tx: &mut Transaction<'_>) -> std::result::Result<i64, pg::Error> {
    tx.query_one("SELECT count(*) FROM ads.campaigns", &[])?
        .try_get(0)
}

/// The ads tables the sales tools read.
pub const ADS_TABLES: &[&str] = &[
    "ads.campaigns",
    "ads.brands",
    "ads.channels",
    "ads.markets",
    "ads.campaign_channels",
    "ads.campaign_markets",
    "ads.daily_results",
];

/// Checks every table of `tables` exists (an error naming `flag` and how to load it).
pub fn check_tables(flag: &'static str, pool: &PgPool, tables: &[&str]) -> Result<()> {
    let names: Vec<String> = tables.iter().map(|t| t.to_string()).collect();
    let missing: Vec<String> = pool
        .with(|c| {
            c.query(
                "SELECT t FROM unnest($1::text[]) t WHERE to_regclass(t) IS NULL",
                &[&names],
            )?
            .iter()
            .map(|r| r.try_get(0))
            .collect()
        })
        .map_err(|e| crate::error::Error::invalid(flag, e.0))?;
    if missing.is_empty() {
        return Ok(());
    }
    let hint = if missing.iter().any(|t| t.starts_with("content.")) {
        "load them with `promptsales load postgres --stores ads` and `promptsales load pgvector`"
    } else {
        "load them with `promptsales load postgres --stores ads`"
    };
    Err(crate::error::Error::invalid(
        flag,
        format!(
            "the database at {} has no table {} ({hint})",
            pool.target(),
            missing.join(", ")
        ),
    ))
}
