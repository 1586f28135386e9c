//! Campaign economics (DESIGN.md §9, docs/economics.md): ROAS, CPA, CPC, CPM and click → sale
//! per channel kind inside their cited ranges (`catalog::economics::*_BY_KIND`), spend that
//! correlates with outcomes, and each built-in correlation with its documented sign and size.
//! Every figure is recorded with `Report::metric` under the names docs/economics.md lists.
//!
//! Expected ranges come from the cited tables and the documented sizes, never from the
//! generator's rates, so a generator bug cannot hide behind the check that should catch it.

#![allow(clippy::needless_range_loop)] // checks walk several columns of one row at a time

use std::collections::{HashMap, HashSet};

use super::{cents, day, float, int, text, Dataset, Report};
use crate::catalog::calendar;
use crate::catalog::economics::{
    self as eco, range_of, KindRange, CLICK_TO_SALE_BY_KIND, CPA_BY_KIND, CPC_BY_KIND, CPM_BY_KIND,
    KINDS, ROAS_BY_KIND,
};
use crate::error::Result;

/// Fewest campaigns for which the statistical checks are judged (fewer campaigns give too few
/// leads per channel kind, distance quintile or market to separate signal from noise); below
/// it the figures are still recorded.
pub const ECONOMICS_MIN_CAMPAIGNS: usize = 300;
/// Fewest campaigns using a channel kind for its ROAS, CPA, CPC, CPM and click → sale to be
/// judged: campaign-level spread (industry, lead quality) moves the aggregate of a few dozen
/// campaigns outside narrow published bands (e.g. Display CPC $0.58–0.75). At scale 1 every
/// kind has more.
const MIN_KIND_CAMPAIGNS: usize = 60;
/// Fewest leads in a group for a sales-per-lead comparison to be judged.
const MIN_GROUP_LEADS: f64 = 300.0;
/// Fewest leads of one campaign on one channel kind for its cost per lead to be ranked.
const MIN_CAMPAIGN_KIND_LEADS: f64 = 30.0;

#[derive(Default, Clone, Copy)]
struct Totals {
    cost: f64,
    revenue: f64,
    conversions: f64,
    clicks: f64,
    impressions: f64,
    leads: f64,
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    if x.len() < 2 {
        return 0.0;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx <= 0.0 || syy <= 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

fn median(mut v: Vec<f64>) -> f64 {
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

/// Sales per lead in five equal-count groups of `(key, sold)` sorted by key (q1 = lowest key).
fn quintiles(mut items: Vec<(f64, f64, f64)>) -> Option<[f64; 5]> {
    // (key, leads, sales)
    if items.len() < 5 {
        return None;
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total_leads: f64 = items.iter().map(|i| i.1).sum();
    let mut out = [0.0; 5];
    let (mut acc, mut leads, mut sales, mut q) = (0.0, 0.0, 0.0, 0usize);
    for (k, &(_, l, s)) in items.iter().enumerate() {
        acc += l;
        leads += l;
        sales += s;
        let boundary = total_leads * (q + 1) as f64 / 5.0;
        if acc >= boundary || k + 1 == items.len() {
            out[q] = if leads > 0.0 { sales / leads } else { 0.0 };
            q += 1;
            leads = 0.0;
            sales = 0.0;
            if q == 5 {
                break;
            }
        }
    }
    (q == 5).then_some(out)
}

fn within(r: &mut Report, what: &str, kind: &str, value: f64, range: &KindRange, unit: &str) {
    r.check(
        format!("{what} {kind} within cited range"),
        value >= range.low && value <= range.high,
        format!(
            "{value:.4}{unit} (cited {}–{}{unit}: {})",
            range.low, range.high, range.source
        ),
    );
}

/// DESIGN.md §9: the economics of the ads and CRM stores.
pub fn economics(ds: &Dataset, r: &mut Report) -> Result<()> {
    let dr = ds.read("ads.daily_results")?;
    let ch = ds.read("ads.channels")?;
    let mk = ds.read("ads.markets")?;
    let kinds: HashMap<i64, String> = int(&ch, "channel_id")?
        .values()
        .iter()
        .copied()
        .zip(
            text(&ch, "kind")?
                .iter()
                .map(|s| s.unwrap_or("").to_string()),
        )
        .collect();
    let mid = int(&mk, "market_id")?.values().to_vec();
    let mcc = text(&mk, "country_code")?;
    let (mlat, mlon) = (float(&mk, "latitude")?, float(&mk, "longitude")?);
    let markets: HashMap<i64, (String, f64, f64)> = (0..mk.num_rows())
        .map(|i| {
            (
                mid[i],
                (mcc.value(i).to_string(), mlat.value(i), mlon.value(i)),
            )
        })
        .collect();

    let col = |n: &str| -> Result<Vec<f64>> {
        Ok(int(&dr, n)?.values().iter().map(|&v| v as f64).collect())
    };
    let (imp, clicks, leads, conv) = (
        col("impressions")?,
        col("clicks")?,
        col("leads")?,
        col("conversions")?,
    );
    let money = |n: &str| -> Result<Vec<f64>> {
        Ok(cents(&dr, n)?
            .values()
            .iter()
            .map(|&v| v as f64 / 100.0)
            .collect())
    };
    let (cost, revenue) = (money("cost")?, money("revenue")?);
    let cid = int(&dr, "campaign_id")?.values().to_vec();
    let chan = int(&dr, "channel_id")?.values().to_vec();

    let mut by_campaign: HashMap<i64, Totals> = HashMap::new();
    let mut by_kind: HashMap<&str, Totals> = HashMap::new();
    let mut by_campaign_kind: HashMap<(i64, &str), Totals> = HashMap::new();
    for i in 0..dr.num_rows() {
        let kind = kinds.get(&chan[i]).map_or("", String::as_str);
        for t in [
            by_campaign.entry(cid[i]).or_default(),
            by_kind.entry(kind).or_default(),
            by_campaign_kind.entry((cid[i], kind)).or_default(),
        ] {
            t.cost += cost[i];
            t.revenue += revenue[i];
            t.conversions += conv[i];
            t.clicks += clicks[i];
            t.impressions += imp[i];
            t.leads += leads[i];
        }
    }
    let judged = by_campaign.len() >= ECONOMICS_MIN_CAMPAIGNS;
    if !judged {
        r.info(format!(
            "{} campaigns: figures recorded, judged from {ECONOMICS_MIN_CAMPAIGNS} campaigns (scale ≥ 0.3)",
            by_campaign.len()
        ));
    }

    // Campaign ROAS and the spend → outcome correlations.
    let mut ids: Vec<i64> = by_campaign.keys().copied().collect();
    ids.sort_unstable();
    let camp: Vec<Totals> = ids.iter().map(|id| by_campaign[id]).collect();
    let roas: Vec<f64> = camp
        .iter()
        .filter(|t| t.cost > 0.0)
        .map(|t| t.revenue / t.cost)
        .collect();
    let median_roas = median(roas.clone());
    let underwater = roas.iter().filter(|&&x| x < 1.0).count() as f64 / roas.len().max(1) as f64;
    let (spend_sum, rev_sum) = camp
        .iter()
        .fold((0.0, 0.0), |a, t| (a.0 + t.cost, a.1 + t.revenue));
    let blended = if spend_sum > 0.0 {
        rev_sum / spend_sum
    } else {
        0.0
    };
    let spend: Vec<f64> = camp.iter().map(|t| t.cost).collect();
    let corr_rev = pearson(&spend, &camp.iter().map(|t| t.revenue).collect::<Vec<_>>());
    let corr_conv = pearson(
        &spend,
        &camp.iter().map(|t| t.conversions).collect::<Vec<_>>(),
    );
    r.metric("roas.campaign_median", median_roas);
    r.metric("roas.blended", blended);
    r.metric("roas.share_below_1", underwater);
    r.metric("corr.spend_revenue", corr_rev);
    r.metric("corr.spend_conversions", corr_conv);
    if judged {
        let (lo, hi) = eco::CAMPAIGN_MEDIAN_ROAS;
        r.check(
            "median campaign ROAS in range",
            (lo..=hi).contains(&median_roas),
            format!("{median_roas:.2} (want {lo}–{hi}, DOMAIN.md §8)"),
        );
        let (lo, hi) = eco::BLENDED_ROAS;
        r.check(
            "blended ROAS in range",
            (lo..=hi).contains(&blended),
            format!("{blended:.2} (want {lo}–{hi}: 2.87 blended, ~5 mature search, DOMAIN.md §8)"),
        );
        r.check(
            "campaigns losing money are a minority",
            underwater <= eco::MAX_UNDERWATER_SHARE,
            format!(
                "{:.1}% with ROAS < 1 (at most {:.0}%)",
                underwater * 100.0,
                eco::MAX_UNDERWATER_SHARE * 100.0
            ),
        );
        for (name, c) in [("revenue", corr_rev), ("conversions", corr_conv)] {
            r.check(
                format!("campaign spend correlates with {name}"),
                c >= eco::MIN_SPEND_CORRELATION,
                format!("Pearson {c:.3} (want ≥ {})", eco::MIN_SPEND_CORRELATION),
            );
        }
    }

    // Per channel kind, against the cited ranges.
    let mut kind_roas: HashMap<&str, f64> = HashMap::new();
    for kind in KINDS {
        let Some(t) = by_kind.get(kind) else {
            continue;
        };
        let roas = if t.cost > 0.0 {
            t.revenue / t.cost
        } else {
            0.0
        };
        let cpa = if t.conversions > 0.0 {
            t.cost / t.conversions
        } else {
            0.0
        };
        let cpc = if t.clicks > 0.0 {
            t.cost / t.clicks
        } else {
            0.0
        };
        let cpm = if t.impressions > 0.0 {
            t.cost * 1000.0 / t.impressions
        } else {
            0.0
        };
        let c2s = if t.clicks > 0.0 {
            t.conversions / t.clicks
        } else {
            0.0
        };
        r.metric(format!("roas.kind.{kind}"), roas);
        r.metric(format!("cpa.kind.{kind}"), cpa);
        r.metric(format!("cpc.kind.{kind}"), cpc);
        r.metric(format!("cpm.kind.{kind}"), cpm);
        r.metric(format!("click_to_sale.kind.{kind}"), c2s);
        let campaigns = by_campaign_kind.keys().filter(|k| k.1 == kind).count();
        if !judged || campaigns < MIN_KIND_CAMPAIGNS {
            continue;
        }
        {
            kind_roas.insert(kind, roas);
            let find = |table| range_of(table, kind).copied();
            if let Some(range) = find(ROAS_BY_KIND) {
                within(r, "ROAS", kind, roas, &range, "");
            }
            if let Some(range) = find(CPA_BY_KIND) {
                within(r, "CPA", kind, cpa, &range, " $");
            }
            if let Some(range) = find(CLICK_TO_SALE_BY_KIND) {
                within(r, "click → sale", kind, c2s, &range, "");
            }
        }
        {
            if let Some(range) = range_of(CPC_BY_KIND, kind) {
                within(r, "CPC", kind, cpc, range, " $");
            }
            if let Some(range) = range_of(CPM_BY_KIND, kind) {
                within(r, "CPM", kind, cpm, range, " $");
            }
        }
    }
    if judged && kind_roas.len() >= 3 {
        let owned = ["email", "sms"];
        let awareness = ["display", "video"];
        let rest: Vec<(&str, f64)> = kind_roas
            .iter()
            .filter(|(k, _)| !owned.contains(k) && !awareness.contains(k))
            .map(|(k, v)| (*k, *v))
            .collect();
        let min_owned = owned
            .iter()
            .filter_map(|k| kind_roas.get(k))
            .fold(f64::INFINITY, |a, &b| a.min(b));
        let max_aware = awareness
            .iter()
            .filter_map(|k| kind_roas.get(k))
            .fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        let max_rest = rest.iter().fold(f64::NEG_INFINITY, |a, b| a.max(b.1));
        let min_rest = rest.iter().fold(f64::INFINITY, |a, b| a.min(b.1));
        r.check(
            "ROAS ordered as the sources order channels",
            min_owned > max_rest && max_aware < min_rest,
            format!(
                "owned email/SMS ≥ {min_owned:.2} > paid social/search/professional/influencer {min_rest:.2}–{max_rest:.2} > display/video ≤ {max_aware:.2}"
            ),
        );
    }

    // Built-in correlation 4: campaigns that pay more per lead get leads that buy more often.
    let mut by_kind_cpl: HashMap<&str, Vec<f64>> = HashMap::new();
    for (&(_, kind), t) in &by_campaign_kind {
        if t.leads >= MIN_CAMPAIGN_KIND_LEADS {
            by_kind_cpl.entry(kind).or_default().push(t.cost / t.leads);
        }
    }
    let kind_median: HashMap<&str, f64> = by_kind_cpl
        .into_iter()
        .map(|(k, v)| (k, median(v)))
        .collect();
    let mut lead_cost: Vec<(f64, f64, f64)> = by_campaign_kind
        .iter()
        .filter(|(_, t)| t.leads >= MIN_CAMPAIGN_KIND_LEADS)
        .filter_map(|(&(_, kind), t)| {
            let m = kind_median.get(kind).copied().filter(|m| *m > 0.0)?;
            Some((t.cost / t.leads / m, t.leads, t.conversions))
        })
        .collect();
    lead_cost.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    if let Some(q) = quintiles(lead_cost) {
        for (i, v) in q.iter().enumerate() {
            r.metric(format!("lead_cost.sales_per_lead.q{}", i + 1), *v);
        }
        if judged {
            let ratio = if q[0] > 0.0 { q[4] / q[0] } else { 0.0 };
            r.check(
                "sales per lead rise with cost per lead",
                ratio >= eco::LEAD_COST_MIN_RATIO,
                format!(
                    "priciest quintile {:.3} vs cheapest {:.3}: {ratio:.2}× (want ≥ {}×)",
                    q[4],
                    q[0],
                    eco::LEAD_COST_MIN_RATIO
                ),
            );
        }
    }

    // Lead-level correlations: distance, peak months, channel × market.
    let cc = ds.read("crm.client_campaigns")?;
    let sales = ds.read("crm.sales")?;
    let clients = ds.read("crm.clients")?;
    let sold: HashSet<(i64, i64)> = int(&sales, "client_id")?
        .values()
        .iter()
        .copied()
        .zip(int(&sales, "campaign_id")?.values().iter().copied())
        .collect();
    let client_id = int(&clients, "client_id")?.values().to_vec();
    let (clat, clon) = (float(&clients, "latitude")?, float(&clients, "longitude")?);
    let home: HashMap<i64, (f64, f64)> = (0..clients.num_rows())
        .map(|i| (client_id[i], (clat.value(i), clon.value(i))))
        .collect();
    let (lc, lk, lch, lm) = (
        int(&cc, "client_id")?.values().to_vec(),
        int(&cc, "campaign_id")?.values().to_vec(),
        int(&cc, "channel_id")?.values().to_vec(),
        int(&cc, "market_id")?.values().to_vec(),
    );
    let captured = day(&cc, "captured_on")?.values().to_vec();
    let peaks = ds.config().peak_months;
    let mut distance: Vec<(f64, f64, f64)> = Vec::with_capacity(cc.num_rows());
    let mut peak = [(0.0f64, 0.0f64); 2]; // (leads, sales): other, peak
    let mut cells: HashMap<(String, String), (f64, f64)> = HashMap::new();
    let mut bought = vec![0.0f64; cc.num_rows()];
    let mut per_campaign: HashMap<i64, (f64, f64)> = HashMap::new();
    for i in 0..cc.num_rows() {
        bought[i] = f64::from(u8::from(sold.contains(&(lc[i], lk[i]))));
        let e = per_campaign.entry(lk[i]).or_default();
        e.0 += 1.0;
        e.1 += bought[i];
    }
    // Channel × market groups, each lead weighed against its own campaign's sales per lead so
    // that lead quality (which varies ~9× between campaigns) does not drown the market effect:
    // (Σ sold, Σ expected) per (kind, Latin America?).
    let mut lift: HashMap<(String, bool), (f64, f64)> = HashMap::new();
    for i in 0..cc.num_rows() {
        let Some((cc_code, mlat, mlon)) = markets.get(&lm[i]) else {
            continue;
        };
        if let Some(&(lat, lon)) = home.get(&lc[i]) {
            distance.push((eco::distance_km(lat, lon, *mlat, *mlon), 1.0, bought[i]));
        }
        let p = &mut peak[usize::from(peaks.contains(&calendar::month_of(captured[i])))];
        p.0 += 1.0;
        p.1 += bought[i];
        let kind = kinds.get(&lch[i]).cloned().unwrap_or_default();
        let (n, s) = per_campaign[&lk[i]];
        let g = lift
            .entry((kind.clone(), eco::latin_america(cc_code)))
            .or_default();
        g.0 += bought[i];
        g.1 += s / n;
        let e = cells.entry((kind, cc_code.clone())).or_default();
        e.0 += 1.0;
        e.1 += bought[i];
    }

    // Built-in correlation 1: sales per lead fall with the client's distance from the city.
    if let Some(q) = quintiles(distance) {
        for (i, v) in q.iter().enumerate() {
            r.metric(format!("distance.sales_per_lead.q{}", i + 1), *v);
        }
        if judged {
            let ratio = if q[4] > 0.0 { q[0] / q[4] } else { 0.0 };
            r.check(
                "sales per lead fall with distance from the market city",
                ratio >= eco::DISTANCE_MIN_RATIO,
                format!(
                    "nearest quintile {:.3} vs farthest {:.3}: {ratio:.2}× (want ≥ {}×)",
                    q[0],
                    q[4],
                    eco::DISTANCE_MIN_RATIO
                ),
            );
        }
    }

    // Built-in correlation 2: leads captured in peak months buy more often.
    let rate = |(l, s): (f64, f64)| if l > 0.0 { s / l } else { 0.0 };
    let (other, in_peak) = (rate(peak[0]), rate(peak[1]));
    r.metric("peak.sales_per_lead.peak", in_peak);
    r.metric("peak.sales_per_lead.other", other);
    if judged && peak[0].0 >= MIN_GROUP_LEADS && peak[1].0 >= MIN_GROUP_LEADS {
        let ratio = if other > 0.0 { in_peak / other } else { 0.0 };
        r.check(
            "peak months convert better",
            ratio >= eco::PEAK_MIN_RATIO,
            format!(
                "{in_peak:.3} vs {other:.3} sales per lead: {ratio:.2}× (want ≥ {}×)",
                eco::PEAK_MIN_RATIO
            ),
        );
    }

    // Built-in correlation 3: conversion differs by channel × market.
    let mut keys: Vec<&(String, String)> = cells.keys().collect();
    keys.sort();
    for k in keys {
        let (l, s) = cells[k];
        if l >= 100.0 {
            r.metric(
                format!("channel_market.sales_per_lead.{}.{}", k.0, k.1),
                s / l,
            );
        }
    }
    let index = |kind: &str, latam: bool| {
        lift.get(&(kind.to_string(), latam))
            .filter(|g| g.1 > 0.0)
            .map(|g| g.0 / g.1)
    };
    let leads_in = |kind: &str, latam: bool| {
        cells
            .iter()
            .filter(|((k, c), _)| k == kind && eco::latin_america(c) == latam)
            .map(|(_, v)| v.0)
            .sum::<f64>()
    };
    let enough = [
        ("social", true),
        ("social", false),
        ("search", true),
        ("search", false),
    ]
    .iter()
    .all(|&(k, l)| leads_in(k, l) >= MIN_GROUP_LEADS);
    if let (true, Some(sl), Some(sn), Some(ql), Some(qn)) = (
        enough,
        index("social", true),
        index("social", false),
        index("search", true),
        index("search", false),
    ) {
        for (name, v) in [
            ("social.latam", sl),
            ("social.us_es", sn),
            ("search.latam", ql),
            ("search.us_es", qn),
        ] {
            r.metric(format!("channel_market.index.{name}"), v);
        }
        let social = sl / sn.max(f64::MIN_POSITIVE);
        let search = ql / qn.max(f64::MIN_POSITIVE);
        let interaction = social / search.max(f64::MIN_POSITIVE);
        r.metric("channel_market.interaction", interaction);
        if judged {
            r.check(
                "channel × market: social sells more in Latin America, search in the US and Spain",
                interaction >= eco::CHANNEL_MARKET_MIN_RATIO,
                format!(
                    "against each lead's campaign: social LatAm/US+ES {social:.2}×, search {search:.2}×: interaction {interaction:.2} (want ≥ {})",
                    eco::CHANNEL_MARKET_MIN_RATIO
                ),
            );
        }
    } else if judged {
        r.info("channel × market: fewer than 300 leads in a social/search × LatAm/US+ES group; not judged");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_of_a_line_is_one_and_of_its_mirror_minus_one() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert!((pearson(&x, &[2.0, 4.0, 6.0, 8.0]) - 1.0).abs() < 1e-12);
        assert!((pearson(&x, &[8.0, 6.0, 4.0, 2.0]) + 1.0).abs() < 1e-12);
        assert_eq!(pearson(&x, &[1.0, 1.0, 1.0, 1.0]), 0.0);
    }

    #[test]
    fn quintiles_split_by_leads_in_key_order() {
        // Ten groups of one lead each; keys reversed; the lowest keys bought.
        let items: Vec<(f64, f64, f64)> = (0..10)
            .map(|i| (f64::from(10 - i), 1.0, f64::from(u8::from(i >= 8))))
            .collect();
        let q = quintiles(items).expect("five groups");
        assert_eq!(q, [1.0, 0.0, 0.0, 0.0, 0.0]);
        assert!(quintiles(vec![(1.0, 1.0, 1.0)]).is_none());
    }
}
