//! The PromptSales MCP server's campaign-performance tools over the embedded backend: the
//! facts of `ads.daily_results` (generated in memory from the same world, summed per campaign
//! and day, channel and market) and the campaign attributes of `ads.campaigns`,
//! `ads.campaign_channels` and `ads.campaign_markets`.
//!
//! Metric definitions (served as the resource [`METRICS_URI`]) follow the columns: reach is the
//! sum of `daily_results.reach`, sales the sum of `conversions` (= the number of `crm.sales`
//! rows, DESIGN.md §5.4), reactions `likes + comments + shares` (catalog/channels.rs,
//! `reaction_rate`), success rate `conversions / leads` (the share of captured leads who bought,
//! as `sales.campaign_performance.total_customers / total_leads`).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use promptsales_core::catalog::calendar::{self, AS_OF, WINDOW_START};
use promptsales_core::catalog::channels;
use promptsales_core::catalog::markets::MARKETS;
use promptsales_core::catalog::vocab::{INDUSTRIES, OBJECTIVES};
use promptsales_core::gen::ads::brands::brand_name;
use promptsales_core::gen::ads::campaigns::Campaigns;
use promptsales_core::gen::ads::daily_results::{DailyResultRow, DailyResults};
use promptsales_core::gen::TableGen;
use promptsales_core::World;
use rayon::prelude::*;
use serde_json::{json, Map, Value};

use crate::args::{clip, Args};
use crate::content::round6;
use crate::error::ToolError;

/// URI of the metric definitions resource.
pub const METRICS_URI: &str = "promptsales://sales/metrics";

/// Metrics a ranking can sort by.
pub const METRICS: [&str; 17] = [
    "reach",
    "impressions",
    "views",
    "reactions",
    "likes",
    "comments",
    "shares",
    "interactions",
    "clicks",
    "leads",
    "sales",
    "revenue",
    "cost",
    "success_rate",
    "ctr",
    "roas",
    "exposure_hours",
];

/// Sums of `ads.daily_results` columns (money in cents, exposure in hundredths of an hour).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Impressions.
    pub impressions: i64,
    /// People reached (summed over days and placements).
    pub reach: i64,
    /// Views.
    pub views: i64,
    /// Likes.
    pub likes: i64,
    /// Comments.
    pub comments: i64,
    /// Shares.
    pub shares: i64,
    /// Interactions (reactions + clicks).
    pub interactions: i64,
    /// Clicks.
    pub clicks: i64,
    /// Leads (CRM client links).
    pub leads: i64,
    /// Sales (CRM sales).
    pub conversions: i64,
    /// Exposure, hundredths of an hour.
    pub exposure_centihours: i64,
    /// Cost, cents.
    pub cost_cents: i64,
    /// Revenue, cents.
    pub revenue_cents: i64,
}

impl Totals {
    fn add_row(&mut self, r: &DailyResultRow<'_>) {
        self.impressions += r.impressions;
        self.reach += r.reach;
        self.views += r.views;
        self.likes += r.likes;
        self.comments += r.comments;
        self.shares += r.shares;
        self.interactions += r.interactions;
        self.clicks += r.clicks;
        self.leads += r.leads;
        self.conversions += r.conversions;
        self.exposure_centihours += r.exposure_hours;
        self.cost_cents += r.cost;
        self.revenue_cents += r.revenue;
    }

    pub(crate) fn add(&mut self, o: &Totals) {
        self.impressions += o.impressions;
        self.reach += o.reach;
        self.views += o.views;
        self.likes += o.likes;
        self.comments += o.comments;
        self.shares += o.shares;
        self.interactions += o.interactions;
        self.clicks += o.clicks;
        self.leads += o.leads;
        self.conversions += o.conversions;
        self.exposure_centihours += o.exposure_centihours;
        self.cost_cents += o.cost_cents;
        self.revenue_cents += o.revenue_cents;
    }

    /// Likes + comments + shares.
    pub fn reactions(&self) -> i64 {
        self.likes + self.comments + self.shares
    }

    fn ratio(a: i64, b: i64) -> Option<f64> {
        (b > 0).then(|| a as f64 / b as f64)
    }

    /// The value of `metric` (one of [`METRICS`]); `None` for a rate with a zero denominator.
    pub fn metric(&self, metric: &str) -> Option<f64> {
        Some(match metric {
            "reach" => self.reach as f64,
            "impressions" => self.impressions as f64,
            "views" => self.views as f64,
            "reactions" => self.reactions() as f64,
            "likes" => self.likes as f64,
            "comments" => self.comments as f64,
            "shares" => self.shares as f64,
            "interactions" => self.interactions as f64,
            "clicks" => self.clicks as f64,
            "leads" => self.leads as f64,
            "sales" => self.conversions as f64,
            "revenue" => self.revenue_cents as f64 / 100.0,
            "cost" => self.cost_cents as f64 / 100.0,
            "exposure_hours" => self.exposure_centihours as f64 / 100.0,
            "success_rate" => return Self::ratio(self.conversions, self.leads),
            "ctr" => return Self::ratio(self.clicks, self.impressions),
            "roas" => return Self::ratio(self.revenue_cents, self.cost_cents),
            _ => return None,
        })
    }

    /// Every metric as JSON (money also in exact cents).
    pub fn to_json(&self) -> Value {
        let rate = |v: Option<f64>| v.map(round6);
        json!({
            "reach": self.reach,
            "impressions": self.impressions,
            "views": self.views,
            "reactions": self.reactions(),
            "likes": self.likes,
            "comments": self.comments,
            "shares": self.shares,
            "interactions": self.interactions,
            "clicks": self.clicks,
            "leads": self.leads,
            "sales": self.conversions,
            "revenue": self.revenue_cents as f64 / 100.0,
            "revenue_cents": self.revenue_cents,
            "cost": self.cost_cents as f64 / 100.0,
            "cost_cents": self.cost_cents,
            "exposure_hours": self.exposure_centihours as f64 / 100.0,
            "success_rate": rate(Self::ratio(self.conversions, self.leads)),
            "ctr": rate(Self::ratio(self.clicks, self.impressions)),
            "roas": rate(Self::ratio(self.revenue_cents, self.cost_cents)),
        })
    }
}

/// One campaign's attributes and facts.
#[derive(Debug, Clone)]
pub struct CampaignFacts {
    /// `campaign_id`.
    pub id: i64,
    /// Name as in `ads.campaigns.name`.
    pub name: String,
    /// Brand.
    pub brand_id: i64,
    /// Brand name.
    pub brand: String,
    /// Industry key.
    pub industry: &'static str,
    /// Objective.
    pub objective: &'static str,
    /// active or completed.
    pub status: &'static str,
    /// First day.
    pub start: i32,
    /// Planned last day.
    pub end: i32,
    /// Budget, cents.
    pub budget_cents: i64,
    /// Channel names.
    pub channels: Vec<&'static str>,
    /// Markets as "City (CC)".
    pub markets: Vec<String>,
    /// Per day with results, ascending: (day, totals).
    pub daily: Vec<(i32, Totals)>,
    /// Per channel name.
    pub by_channel: BTreeMap<&'static str, Totals>,
    /// Per market label.
    pub by_market: BTreeMap<String, Totals>,
    /// Whole campaign.
    pub total: Totals,
}

impl CampaignFacts {
    /// Totals over days `from..=to`.
    pub fn period(&self, from: i32, to: i32) -> Totals {
        let mut t = Totals::default();
        let lo = self.daily.partition_point(|(d, _)| *d < from);
        for (d, x) in &self.daily[lo..] {
            if *d > to {
                break;
            }
            t.add(x);
        }
        t
    }

    /// Totals per calendar month `YYYY-MM`.
    pub fn by_month(&self) -> BTreeMap<String, Totals> {
        let mut out: BTreeMap<String, Totals> = BTreeMap::new();
        for (d, x) in &self.daily {
            out.entry(calendar::date(*d).format("%Y-%m").to_string())
                .or_default()
                .add(x);
        }
        out
    }

    fn header(&self) -> Value {
        json!({
            "campaign_id": self.id,
            "name": self.name,
            "brand_id": self.brand_id,
            "brand": self.brand,
            "industry": self.industry,
            "objective": self.objective,
            "status": self.status,
            "start_date": iso(self.start),
            "end_date": iso(self.end),
            "budget": self.budget_cents as f64 / 100.0,
            "budget_cents": self.budget_cents,
        })
    }
}

pub(crate) fn iso(day: i32) -> String {
    calendar::date(day).format("%Y-%m-%d").to_string()
}

/// Every campaign of a world with its facts.
#[derive(Debug)]
pub struct SalesIndex {
    campaigns: Vec<CampaignFacts>,
}

impl SalesIndex {
    /// Generates the campaigns and their daily results in memory (in parallel by campaign; the
    /// sums are integers, so the result does not depend on the thread count).
    pub fn new(world: &World) -> Self {
        let mut headers: Vec<CampaignFacts> = Vec::with_capacity(world.campaigns.len());
        let mut brand = String::new();
        Campaigns::generate(world, 0..Campaigns::units(world), |r| {
            let c = world.campaign((r.campaign_id - 1) as usize);
            brand_name(world, r.brand_id, &mut brand);
            headers.push(CampaignFacts {
                id: r.campaign_id,
                name: r.name.to_string(),
                brand_id: r.brand_id,
                brand: brand.clone(),
                industry: INDUSTRIES[c.industry].key,
                objective: OBJECTIVES[c.objective].0,
                status: if c.active { "active" } else { "completed" },
                start: r.start_date,
                end: r.end_date,
                budget_cents: r.budget,
                channels: c
                    .channels
                    .iter()
                    .map(|&ch| channels::channel(ch as usize).name)
                    .collect(),
                markets: c
                    .markets
                    .iter()
                    .map(|&m| market_label(m as usize))
                    .collect(),
                daily: Vec::new(),
                by_channel: BTreeMap::new(),
                by_market: BTreeMap::new(),
                total: Totals::default(),
            });
        });
        headers.par_iter_mut().enumerate().for_each(|(i, f)| {
            let mut daily: BTreeMap<i32, Totals> = BTreeMap::new();
            DailyResults::generate(world, i as u64..i as u64 + 1, |r| {
                daily.entry(r.day).or_default().add_row(r);
                let ch = channel_name(r.channel_id);
                f.by_channel.entry(ch).or_default().add_row(r);
                f.by_market
                    .entry(market_label_by_id(r.market_id))
                    .or_default()
                    .add_row(r);
                f.total.add_row(r);
            });
            f.daily = daily.into_iter().collect();
        });
        SalesIndex { campaigns: headers }
    }

    /// Every campaign, by ascending id.
    pub fn campaigns(&self) -> &[CampaignFacts] {
        &self.campaigns
    }

    fn campaign(&self, arg: &str, id: i64) -> Result<&CampaignFacts, ToolError> {
        usize::try_from(id - 1)
            .ok()
            .and_then(|i| self.campaigns.get(i))
            .ok_or_else(|| {
                ToolError::arg(
                    arg,
                    format!(
                        "no campaign {id}: campaign ids run from 1 to {}",
                        self.campaigns.len()
                    ),
                )
            })
    }

    fn max_id(&self) -> i64 {
        self.campaigns.len().max(1) as i64
    }

    /// `getCampaignPerformance`.
    pub fn performance(&self, args: &Map<String, Value>) -> Result<Value, ToolError> {
        let a = Args::new(args, &["campaign_id"])?;
        let id = a.int("campaign_id", 1, self.max_id(), None)?;
        let f = self.campaign("campaign_id", id)?;
        Ok(campaign_json(f))
    }

    /// `compareCampaigns`.
    pub fn compare(&self, args: &Map<String, Value>) -> Result<Value, ToolError> {
        let a = Args::new(args, &["campaign_ids"])?;
        let ids = a.ints("campaign_ids", (2, 10), (1, self.max_id()))?;
        let rows = ids
            .iter()
            .map(|&id| self.campaign("campaign_ids", id).map(campaign_json))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(json!({ "campaigns": rows }))
    }

    /// `topCampaigns`.
    pub fn top(&self, args: &Map<String, Value>) -> Result<Value, ToolError> {
        let q = TopQuery::parse(args)?;
        Ok(q.answer(self.campaigns.iter().map(|f| {
            (
                NamedCampaign {
                    id: f.id,
                    name: &f.name,
                    brand: &f.brand,
                    status: f.status,
                    start: f.start,
                },
                f.period(q.from, q.to),
            )
        })))
    }

    /// `campaignBreakdown`.
    pub fn breakdown(&self, args: &Map<String, Value>) -> Result<Value, ToolError> {
        let a = Args::new(args, &["campaign_id", "by"])?;
        let id = a.int("campaign_id", 1, self.max_id(), None)?;
        let by = a.choice("by", &["channel", "market", "month"], None)?;
        let f = self.campaign("campaign_id", id)?;
        let rows: Vec<Value> = match by {
            "channel" => f
                .by_channel
                .iter()
                .map(|(k, t)| json!({"key": k, "metrics": t.to_json()}))
                .collect(),
            "market" => f
                .by_market
                .iter()
                .map(|(k, t)| json!({"key": k, "metrics": t.to_json()}))
                .collect(),
            _ => f
                .by_month()
                .iter()
                .map(|(k, t)| json!({"key": k, "metrics": t.to_json()}))
                .collect(),
        };
        Ok(json!({
            "campaign_id": f.id,
            "name": f.name,
            "by": by,
            "rows": rows,
            "total": f.total.to_json(),
        }))
    }

    /// `findCampaigns`: campaigns whose name (or brand) resembles the query, best first.
    pub fn find(&self, args: &Map<String, Value>) -> Result<Value, ToolError> {
        let (query, limit) = find_args(args)?;
        Ok(find_answer(
            query,
            limit,
            self.campaigns.iter().map(|f| NamedCampaign {
                id: f.id,
                name: &f.name,
                brand: &f.brand,
                status: f.status,
                start: f.start,
            }),
        ))
    }
}

/// `topCampaigns`' arguments: the metric, how many, the period and the status filter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TopQuery<'a> {
    pub(crate) metric: &'a str,
    pub(crate) n: usize,
    pub(crate) from: i32,
    pub(crate) to: i32,
    pub(crate) status: &'a str,
}

impl<'a> TopQuery<'a> {
    /// Checks the arguments (metric one of [`METRICS`], n 1–100 default 10, the period, the
    /// status any/active/completed).
    pub(crate) fn parse(args: &'a Map<String, Value>) -> Result<Self, ToolError> {
        let a = Args::new(args, &["metric", "n", "from", "to", "status"])?;
        let metric = a.choice("metric", &METRICS, None)?;
        let n = a.int("n", 1, 100, Some(10))? as usize;
        let (from, to) = period(&a)?;
        let status = a.choice("status", &["any", "active", "completed"], Some("any"))?;
        Ok(TopQuery {
            metric,
            n,
            from,
            to,
            status,
        })
    }

    /// The answer from each campaign with its totals over the period — the one ranking both
    /// backends use: the status filter, campaigns without results in the period left out,
    /// best first (ties: lower id).
    pub(crate) fn answer<'c>(
        &self,
        campaigns: impl Iterator<Item = (NamedCampaign<'c>, Totals)>,
    ) -> Value {
        let mut ranked: Vec<(f64, NamedCampaign<'c>, Totals)> = campaigns
            .filter(|(c, _)| self.status == "any" || c.status == self.status)
            .filter_map(|(c, t)| {
                // A campaign without results in the period is not ranked.
                if t.impressions == 0 && t.conversions == 0 {
                    return None;
                }
                t.metric(self.metric).map(|v| (v, c, t))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
        let rows: Vec<Value> = ranked
            .iter()
            .take(self.n)
            .enumerate()
            .map(|(i, (v, c, t))| {
                json!({
                    "rank": i + 1,
                    "campaign_id": c.id,
                    "name": c.name,
                    "brand": c.brand,
                    "status": c.status,
                    "value": round6(*v),
                    "metrics": t.to_json(),
                })
            })
            .collect();
        json!({
            "metric": self.metric,
            "from": iso(self.from),
            "to": iso(self.to),
            "status": self.status,
            "ranked_campaigns": ranked.len(),
            "campaigns": rows,
        })
    }
}

/// What `findCampaigns` ranks, whichever backend lists the campaigns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NamedCampaign<'a> {
    pub(crate) id: i64,
    pub(crate) name: &'a str,
    pub(crate) brand: &'a str,
    pub(crate) status: &'a str,
    pub(crate) start: i32,
}

/// `findCampaigns`' arguments: the query (≤ 200 characters) and the limit (1–50, default 10).
pub(crate) fn find_args(args: &Map<String, Value>) -> Result<(&str, usize), ToolError> {
    let a = Args::new(args, &["query", "limit"])?;
    let query = a.text("query")?;
    if query.chars().count() > 200 {
        return Err(ToolError::arg("query", "must be at most 200 characters"));
    }
    let limit = a.int("limit", 1, 50, Some(10))? as usize;
    Ok((query, limit))
}

/// `findCampaigns`' answer: the campaigns by name similarity to `query`, best first (ties: lower
/// id), at most `limit` — the one ranking both backends use, so their answers are equal.
pub(crate) fn find_answer<'a>(
    query: &str,
    limit: usize,
    campaigns: impl Iterator<Item = NamedCampaign<'a>>,
) -> Value {
    let q = normalise(query);
    let q_grams = trigrams(&q);
    let mut hits: Vec<(f64, NamedCampaign<'a>)> = campaigns
        .filter_map(|c| {
            let s = similarity(&q, &q_grams, &normalise(c.name));
            (s > 0.0).then_some((s, c))
        })
        .collect();
    hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
    let rows: Vec<Value> = hits
        .iter()
        .take(limit)
        .map(|(s, c)| {
            json!({
                "campaign_id": c.id,
                "name": c.name,
                "brand": c.brand,
                "status": c.status,
                "start_date": iso(c.start),
                "score": round6(*s),
            })
        })
        .collect();
    json!({ "query": query, "count": rows.len(), "campaigns": rows })
}

fn campaign_json(f: &CampaignFacts) -> Value {
    let mut v = f.header();
    if let Value::Object(m) = &mut v {
        m.insert("channels".into(), json!(f.channels));
        m.insert("markets".into(), json!(f.markets));
        m.insert("metrics".into(), f.total.to_json());
    }
    v
}

pub(crate) fn period(a: &Args<'_>) -> Result<(i32, i32), ToolError> {
    let day = |name: &str, default: i32| -> Result<i32, ToolError> {
        match a.opt_text(name)? {
            None => Ok(default),
            Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(calendar::day_of)
                .map_err(|_| {
                    ToolError::arg(
                        name,
                        format!("must be a date YYYY-MM-DD (got '{}')", clip(s)),
                    )
                }),
        }
    };
    let from = day("from", WINDOW_START)?;
    let to = day("to", AS_OF)?;
    if from > to {
        return Err(ToolError::arg(
            "from",
            format!("must not be after 'to' ({} > {})", iso(from), iso(to)),
        ));
    }
    Ok((from, to))
}

fn channel_name(id: i64) -> &'static str {
    channels::CHANNELS
        .iter()
        .find(|c| c.id == id)
        .map_or("unknown", |c| c.name)
}

fn market_label(index: usize) -> String {
    let m = &MARKETS[index];
    format!("{} ({})", m.city, m.country_code)
}

fn market_label_by_id(id: i64) -> String {
    MARKETS
        .iter()
        .position(|m| m.id == id)
        .map_or_else(|| format!("market {id}"), market_label)
}

/// Lower case, accents removed, anything but letters and digits as single spaces.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_string()
}

pub(crate) fn trigrams(s: &str) -> Vec<[char; 3]> {
    let mut grams: Vec<[char; 3]> = Vec::new();
    for w in s.split(' ') {
        let padded: Vec<char> = format!("  {w} ").chars().collect();
        grams.extend(padded.windows(3).map(|g| [g[0], g[1], g[2]]));
    }
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Trigram similarity (shared / union, as PostgreSQL's pg_trgm computes it), raised to 1 when
/// the name contains the whole query.
pub(crate) fn similarity(q: &str, q_grams: &[[char; 3]], name: &str) -> f64 {
    if q.is_empty() {
        return 0.0;
    }
    if name.contains(q) {
        return 1.0;
    }
    let n = trigrams(name);
    let shared = q_grams
        .iter()
        .filter(|g| n.binary_search(g).is_ok())
        .count();
    let union = q_grams.len() + n.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// The metric definitions resource (Markdown).
pub fn metrics_doc() -> String {
    let mut s = String::from(
        "# PromptSales campaign metrics\n\n\
         Every metric is a sum over `ads.daily_results` rows of the campaign (and, for a period, of \
         the days `from..=to`), so the MCP answers equal SQL over the loaded tables:\n\n\
         | metric | definition |\n|---|---|\n",
    );
    for (m, d) in [
        ("reach", "SUM(reach): people reached per placement and day, summed (not de-duplicated across days)"),
        ("impressions", "SUM(impressions)"),
        ("views", "SUM(views) (video views, email opens, ThruPlays)"),
        ("reactions", "SUM(likes + comments + shares)"),
        ("likes / comments / shares", "SUM of each column"),
        ("interactions", "SUM(interactions) = reactions + clicks"),
        ("clicks", "SUM(clicks)"),
        ("leads", "SUM(leads) = the crm.client_campaigns links captured (DESIGN.md §5.4)"),
        ("sales", "SUM(conversions) = the number of crm.sales rows (DESIGN.md §5.4)"),
        ("revenue", "SUM(revenue) in USD (= SUM(crm.sales.amount)); also exact in revenue_cents"),
        ("cost", "SUM(cost) in USD (spend; never above the campaign budget); also cost_cents"),
        ("success_rate", "sales / leads: the share of captured leads who bought (sales.campaign_performance.total_customers / total_leads); null when leads = 0"),
        ("ctr", "clicks / impressions"),
        ("roas", "revenue / cost"),
        ("exposure_hours", "SUM(exposure_hours)"),
        ("channels", "ads.campaign_channels of the campaign (names from ads.channels)"),
        ("markets", "ads.campaign_markets of the campaign (city and country code)"),
    ] {
        s.push_str(&format!("| {m} | {d} |\n"));
    }
    s.push_str(
        "\nRates are rounded to 6 decimals; money is USD with cents. Dates are YYYY-MM-DD; the \
         data window runs from 2024-07-01 to the as-of date 2025-10-31.\n",
    );
    s
}

/// The sales server's state.
#[derive(Debug)]
pub struct SalesService {
    index: Arc<SalesIndex>,
}

impl SalesService {
    /// A service over `world` (builds the index).
    pub fn new(world: &World) -> Self {
        SalesService {
            index: Arc::new(SalesIndex::new(world)),
        }
    }

    /// The index.
    pub fn index(&self) -> &SalesIndex {
        &self.index
    }
}
