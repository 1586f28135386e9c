//! The numbers behind the charts, computed from the dataset files (read back with the same
//! Arrow readers `verify` uses). Every part is optional: a chart whose tables are not in the
//! dataset says so instead of failing the report.

use std::collections::{BTreeMap, HashMap};

use arrow::array::{Array, AsArray};
use arrow::datatypes::Float32Type;
use arrow::record_batch::RecordBatch;
use promptsales_core::catalog::calendar::{self, WINDOW_MONTHS};
use promptsales_core::catalog::economics::distance_km;
use promptsales_core::verify::{cents, day, float, int, text, Dataset};

use crate::pca;
use crate::Result;

/// Channel kinds in display order (DESIGN.md §5b).
pub const KINDS: [&str; 8] = [
    "social",
    "search",
    "display",
    "video",
    "email",
    "sms",
    "professional",
    "influencer",
];

/// Most points any scatter draws; larger sets are sampled with a fixed stride so the page stays
/// small (< 5 MB at scale 1) and the sample is deterministic.
pub const MAX_SCATTER_POINTS: usize = 2_000;

/// One window month.
#[derive(Debug, Clone)]
pub struct Month {
    /// `YYYY-MM`.
    pub label: String,
    /// Campaigns starting in it.
    pub starts: u64,
    /// Revenue, cents.
    pub revenue_cents: i64,
    /// Days in the month.
    pub days: i32,
    /// Whether it is a configured peak month.
    pub peak: bool,
}

impl Month {
    /// Average daily revenue in dollars (as `verify`'s seasonality histogram prints it).
    pub fn daily_revenue(&self) -> f64 {
        self.revenue_cents as f64 / 100.0 / f64::from(self.days.max(1))
    }
}

/// Funnel and money of one channel kind.
#[derive(Debug, Clone, Default)]
pub struct Kind {
    /// Channel kind.
    pub kind: &'static str,
    /// Σ impressions.
    pub impressions: i64,
    /// Σ clicks.
    pub clicks: i64,
    /// Σ leads.
    pub leads: i64,
    /// Σ conversions (sales).
    pub sales: i64,
    /// Σ cost, cents.
    pub cost_cents: i64,
    /// Σ revenue, cents.
    pub revenue_cents: i64,
}

/// A distance band of leads (by quintile of home → market-city distance).
#[derive(Debug, Clone, Default)]
pub struct Band {
    /// Largest distance in the band, km.
    pub max_km: f64,
    /// Leads in the band.
    pub leads: u64,
    /// Those leads' sales.
    pub sales: u64,
}

/// Leads and sales of one (channel kind, country) cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// Leads captured.
    pub leads: u64,
    /// Sales closed.
    pub sales: u64,
}

/// One market city and its clients.
#[derive(Debug, Clone)]
pub struct City {
    /// ISO country code.
    pub country_code: String,
    /// City name.
    pub city: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// CRM clients living there.
    pub clients: u64,
}

/// One ground-truth sentiment incident.
#[derive(Debug, Clone)]
pub struct Incident {
    /// Start day (epoch days).
    pub day: i32,
    /// Ad.
    pub ad_id: i64,
    /// Negative category.
    pub category: String,
    /// Recorded drop in reactions per impression, %.
    pub drop_pct: i64,
}

/// An image projected on the embedding's first two principal components.
#[derive(Debug, Clone)]
pub struct Projected {
    /// First component.
    pub x: f64,
    /// Second component.
    pub y: f64,
    /// Image category.
    pub category: String,
}

/// Everything the charts draw.
#[derive(Debug, Default)]
pub struct Figures {
    /// Campaign starts and revenue per window month.
    pub months: Option<Vec<Month>>,
    /// Funnel and money per channel kind, in [`KINDS`] order (kinds with no rows left out).
    pub kinds: Option<Vec<Kind>>,
    /// Sales per lead by distance quintile (q1 nearest).
    pub bands: Option<Vec<Band>>,
    /// (kind, country code) → leads and sales.
    pub heat: Option<BTreeMap<(String, String), Cell>>,
    /// Leads and sales in peak months and in the other months: [peak leads, peak sales, other
    /// leads, other sales].
    pub peak: Option<[i64; 4]>,
    /// Per day: (epoch day, negative mentions, all mentions).
    pub sentiment: Option<Vec<(i32, i64, i64)>>,
    /// Per campaign (by id): (spend cents, revenue cents, sales), from the daily results.
    pub campaigns: Option<Vec<(i64, i64, i64)>>,
    /// Ground-truth incidents.
    pub incidents: Option<Vec<Incident>>,
    /// Clients per market city.
    pub cities: Option<Vec<City>>,
    /// Images per category.
    pub categories: Option<Vec<(String, u64)>>,
    /// Hashtags by frequency (top 25).
    pub hashtags: Option<Vec<(String, u64)>>,
    /// Embedding projection and the share of variance of the two components.
    pub projection: Option<(Vec<Projected>, [f64; 2])>,
}

fn has_all(ds: &Dataset, tables: &[&str]) -> bool {
    tables.iter().all(|t| ds.has(t))
}

/// Reads the dataset and computes every figure whose tables are present.
pub fn compute(ds: &Dataset) -> Result<Figures> {
    let mut f = Figures::default();
    let peaks = ds.config().peak_months;
    let kind_of = if ds.has("ads.channels") {
        let ch = ds.read("ads.channels")?;
        let kinds = text(&ch, "kind")?;
        int(&ch, "channel_id")?
            .values()
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, kinds.value(i).to_string()))
            .collect::<HashMap<i64, String>>()
    } else {
        HashMap::new()
    };
    let markets = if ds.has("ads.markets") {
        let m = ds.read("ads.markets")?;
        let (cc, city, lat, lon) = (
            text(&m, "country_code")?,
            text(&m, "city")?,
            float(&m, "latitude")?,
            float(&m, "longitude")?,
        );
        int(&m, "market_id")?
            .values()
            .iter()
            .enumerate()
            .map(|(i, id)| {
                (
                    *id,
                    (
                        cc.value(i).to_string(),
                        city.value(i).to_string(),
                        lat.value(i),
                        lon.value(i),
                    ),
                )
            })
            .collect::<HashMap<i64, (String, String, f64, f64)>>()
    } else {
        HashMap::new()
    };

    let dr = if ds.has("ads.daily_results") {
        Some(ds.read("ads.daily_results")?)
    } else {
        None
    };
    if let (true, Some(dr)) = (ds.has("ads.campaigns"), &dr) {
        let mut months: Vec<Month> = (0..WINDOW_MONTHS)
            .map(|m| Month {
                label: calendar::window_month_label(m),
                starts: 0,
                revenue_cents: 0,
                days: calendar::window_month_span(m).1,
                peak: peaks.contains(&calendar::window_month_number(m)),
            })
            .collect();
        let c = ds.read("ads.campaigns")?;
        for d in day(&c, "start_date")?.values().iter() {
            if let Some(m) = calendar::window_month(*d) {
                months[m].starts += 1;
            }
        }
        let (dd, rev) = (day(dr, "day")?, cents(dr, "revenue")?);
        // Window month per window day, computed once.
        let month_of: Vec<Option<usize>> = (calendar::WINDOW_START..=calendar::AS_OF)
            .map(calendar::window_month)
            .collect();
        for (d, v) in dd.values().iter().zip(rev.values().iter()) {
            let m = match usize::try_from(d - calendar::WINDOW_START) {
                Ok(i) if i < month_of.len() => month_of[i],
                _ => None,
            };
            if let Some(m) = m {
                months[m].revenue_cents += *v as i64;
            }
        }
        f.months = Some(months);
    }

    if let (true, Some(dr)) = (ds.has("ads.channels"), &dr) {
        let (ch, dd) = (int(dr, "channel_id")?.values(), day(dr, "day")?.values());
        let (imp, clk, leads, conv) = (
            int(dr, "impressions")?.values(),
            int(dr, "clicks")?.values(),
            int(dr, "leads")?.values(),
            int(dr, "conversions")?.values(),
        );
        let (cost, rev) = (cents(dr, "cost")?.values(), cents(dr, "revenue")?.values());
        let mut kinds: Vec<Kind> = KINDS
            .iter()
            .map(|k| Kind {
                kind: k,
                ..Kind::default()
            })
            .collect();
        let slot: HashMap<i64, usize> = kind_of
            .iter()
            .filter_map(|(id, k)| KINDS.iter().position(|x| x == k).map(|p| (*id, p)))
            .collect();
        let mut peak = [0i64; 4];
        // Peak flag per window day, computed once (the calendar lookup per row is slow).
        let flags: Vec<bool> = (calendar::WINDOW_START..=calendar::AS_OF)
            .map(|d| peaks.contains(&calendar::month_of(d)))
            .collect();
        let is_peak_day = |d: i32| match usize::try_from(d - calendar::WINDOW_START) {
            Ok(i) if i < flags.len() => flags[i],
            _ => peaks.contains(&calendar::month_of(d)),
        };
        let camp = int(dr, "campaign_id")?.values();
        let mut per_campaign: BTreeMap<i64, (i64, i64, i64)> = BTreeMap::new();
        for i in 0..dr.num_rows() {
            let e = per_campaign.entry(camp[i]).or_default();
            e.0 += cost[i] as i64;
            e.1 += rev[i] as i64;
            e.2 += conv[i];
            if let Some(&s) = slot.get(&ch[i]) {
                let k = &mut kinds[s];
                k.impressions += imp[i];
                k.clicks += clk[i];
                k.leads += leads[i];
                k.sales += conv[i];
                k.cost_cents += cost[i] as i64;
                k.revenue_cents += rev[i] as i64;
            }
            let o = if is_peak_day(dd[i]) { 0 } else { 2 };
            peak[o] += leads[i];
            peak[o + 1] += conv[i];
        }
        kinds.retain(|k| k.impressions > 0 || k.cost_cents > 0);
        f.kinds = Some(kinds);
        f.peak = Some(peak);
        f.campaigns = Some(per_campaign.into_values().collect());
    }

    let clients = if ds.has("crm.clients") {
        Some(ds.read("crm.clients")?)
    } else {
        None
    };
    if let (true, Some(cl)) = (
        has_all(
            ds,
            &[
                "crm.client_campaigns",
                "crm.sales",
                "ads.markets",
                "ads.channels",
            ],
        ),
        &clients,
    ) {
        let (bands, heat) = leads_and_sales(ds, cl, &kind_of, &markets)?;
        f.bands = Some(bands);
        f.heat = Some(heat);
    }

    if ds.has("ads.sentiment_daily") {
        let sd = ds.read("ads.sentiment_daily")?;
        let (dd, label, mentions) = (
            day(&sd, "day")?.values(),
            text(&sd, "sentiment")?,
            int(&sd, "mentions")?.values(),
        );
        let mut per_day: BTreeMap<i32, (i64, i64)> = BTreeMap::new();
        for i in 0..sd.num_rows() {
            let e = per_day.entry(dd[i]).or_default();
            e.1 += mentions[i];
            if label.value(i) == "negative" {
                e.0 += mentions[i];
            }
        }
        f.sentiment = Some(per_day.into_iter().map(|(d, (n, a))| (d, n, a)).collect());
    }
    if ds.has("ads.sentiment_incidents") {
        let inc = ds.read("ads.sentiment_incidents")?;
        let (dd, ad, cat, drop) = (
            day(&inc, "started_on")?.values(),
            int(&inc, "ad_id")?.values(),
            text(&inc, "category")?,
            int(&inc, "reaction_drop_pct")?.values(),
        );
        let mut v: Vec<Incident> = (0..inc.num_rows())
            .map(|i| Incident {
                day: dd[i],
                ad_id: ad[i],
                category: cat.value(i).to_string(),
                drop_pct: drop[i],
            })
            .collect();
        v.sort_by_key(|i| (i.day, i.ad_id));
        f.incidents = Some(v);
    }

    if let (true, Some(cl)) = (ds.has("ads.markets"), &clients) {
        let (cc, city) = (text(cl, "country_code")?, text(cl, "city")?);
        let mut counts: HashMap<(&str, &str), u64> = HashMap::new();
        for i in 0..cl.num_rows() {
            *counts.entry((cc.value(i), city.value(i))).or_default() += 1;
        }
        let mut cities: Vec<City> = markets
            .values()
            .map(|(c, n, lat, lon)| City {
                country_code: c.clone(),
                city: n.clone(),
                lat: *lat,
                lon: *lon,
                clients: counts.get(&(c.as_str(), n.as_str())).copied().unwrap_or(0),
            })
            .collect();
        cities.sort_by(|a, b| {
            b.clients
                .cmp(&a.clients)
                .then_with(|| a.country_code.cmp(&b.country_code))
                .then_with(|| a.city.cmp(&b.city))
        });
        f.cities = Some(cities);
    }

    if ds.has("content.images") {
        images(ds, &mut f)?;
    }
    Ok(f)
}

/// Leads and their sales by distance quintile, and by (channel kind, country): what the CRM
/// queries (JOIN client_campaigns → clients → markets, LEFT JOIN sales) find.
type LeadsAndSales = (Vec<Band>, BTreeMap<(String, String), Cell>);

fn leads_and_sales(
    ds: &Dataset,
    cl: &RecordBatch,
    kind_of: &HashMap<i64, String>,
    markets: &HashMap<i64, (String, String, f64, f64)>,
) -> Result<LeadsAndSales> {
    let (cid, lat, lon) = (
        int(cl, "client_id")?.values(),
        float(cl, "latitude")?.values(),
        float(cl, "longitude")?.values(),
    );
    let home: HashMap<i64, (f64, f64)> = (0..cl.num_rows())
        .map(|i| (cid[i], (lat[i], lon[i])))
        .collect();
    let cc = ds.read("crm.client_campaigns")?;
    let (client, campaign, market, channel) = (
        int(&cc, "client_id")?.values(),
        int(&cc, "campaign_id")?.values(),
        int(&cc, "market_id")?.values(),
        int(&cc, "channel_id")?.values(),
    );
    let mut dist = Vec::with_capacity(cc.num_rows());
    let mut lead_of: HashMap<(i64, i64), usize> = HashMap::with_capacity(cc.num_rows());
    let mut heat: BTreeMap<(String, String), Cell> = BTreeMap::new();
    for i in 0..cc.num_rows() {
        let km = match (home.get(&client[i]), markets.get(&market[i])) {
            (Some(&(la, lo)), Some((_, _, mla, mlo))) => distance_km(la, lo, *mla, *mlo),
            _ => f64::NAN,
        };
        dist.push(km);
        lead_of.entry((client[i], campaign[i])).or_insert(i);
        if let (Some(k), Some((country, ..))) = (kind_of.get(&channel[i]), markets.get(&market[i]))
        {
            heat.entry((k.clone(), country.clone())).or_default().leads += 1;
        }
    }
    let sales = ds.read("crm.sales")?;
    let (s_client, s_campaign, s_market, s_channel) = (
        int(&sales, "client_id")?.values(),
        int(&sales, "campaign_id")?.values(),
        int(&sales, "market_id")?.values(),
        int(&sales, "channel_id")?.values(),
    );
    let mut sold = vec![0u32; cc.num_rows()];
    for i in 0..sales.num_rows() {
        if let Some(&l) = lead_of.get(&(s_client[i], s_campaign[i])) {
            sold[l] += 1;
        }
        if let (Some(k), Some((country, ..))) =
            (kind_of.get(&s_channel[i]), markets.get(&s_market[i]))
        {
            heat.entry((k.clone(), country.clone())).or_default().sales += 1;
        }
    }
    // Quintiles of leads by distance (ties broken by row order, so the split is deterministic).
    let mut order: Vec<usize> = (0..dist.len()).filter(|&i| dist[i].is_finite()).collect();
    order.sort_by(|&a, &b| dist[a].total_cmp(&dist[b]).then(a.cmp(&b)));
    let n = order.len();
    let bands = (0..5)
        .map(|q| {
            let part = &order[q * n / 5..(q + 1) * n / 5];
            Band {
                max_km: part.last().map(|&i| dist[i]).unwrap_or(0.0),
                leads: part.len() as u64,
                sales: part.iter().map(|&i| u64::from(sold[i])).sum(),
            }
        })
        .collect();
    Ok((bands, heat))
}

fn images(ds: &Dataset, f: &mut Figures) -> Result<()> {
    let im = ds.read("content.images")?;
    let cat = text(&im, "category")?;
    let mut cats: BTreeMap<String, u64> = BTreeMap::new();
    for i in 0..im.num_rows() {
        *cats.entry(cat.value(i).to_string()).or_default() += 1;
    }
    f.categories = Some(cats.into_iter().collect());

    if let Some(tags) = im
        .column_by_name("hashtags")
        .and_then(|c| c.as_list_opt::<i32>())
    {
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for i in 0..tags.len() {
            let list = tags.value(i);
            if let Some(s) = list.as_string_opt::<i32>() {
                for t in s.iter().flatten() {
                    *counts.entry(t.to_string()).or_default() += 1;
                }
            }
        }
        let mut v: Vec<(String, u64)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(25);
        f.hashtags = Some(v);
    }

    if let Some(emb) = im
        .column_by_name("embedding")
        .and_then(|c| c.as_fixed_size_list_opt())
    {
        let dims = emb.value_length() as usize;
        let stride = im.num_rows().div_ceil(MAX_SCATTER_POINTS).max(1);
        let rows: Vec<usize> = (0..im.num_rows()).step_by(stride).collect();
        let mut data = Vec::with_capacity(rows.len() * dims);
        for &i in &rows {
            let v = emb.value(i);
            match v.as_primitive_opt::<Float32Type>() {
                Some(p) if p.len() == dims => data.extend(p.values().iter().map(|x| f64::from(*x))),
                _ => data.extend(std::iter::repeat_n(0.0, dims)),
            }
        }
        if dims >= 2 && rows.len() >= 3 {
            let (coords, explained) = pca::project2(&data, rows.len(), dims);
            let points = rows
                .iter()
                .zip(coords)
                .map(|(&i, (x, y))| Projected {
                    x,
                    y,
                    category: cat.value(i).to_string(),
                })
                .collect();
            f.projection = Some((points, explained));
        }
    }
    Ok(())
}

/// Sales per lead, 0 when there are no leads.
pub fn per_lead(sales: f64, leads: f64) -> f64 {
    if leads > 0.0 {
        sales / leads
    } else {
        0.0
    }
}

/// Pearson correlation of two equally long series (0 when either is constant).
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    if n < 2 {
        return 0.0;
    }
    let (mx, my) = (
        x[..n].iter().sum::<f64>() / n as f64,
        y[..n].iter().sum::<f64>() / n as f64,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (dx, dy) = (x[i] - mx, y[i] - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx > 0.0 && syy > 0.0 {
        sxy / (sxx * syy).sqrt()
    } else {
        0.0
    }
}

/// Median (0 for an empty set).
pub fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_median_per_lead() {
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        assert_eq!(pearson(&[1.0, 1.0], &[1.0, 2.0]), 0.0);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(per_lead(3.0, 0.0), 0.0);
        assert_eq!(per_lead(1.0, 4.0), 0.25);
    }
}
