//! The window's invariants on the state at an instant after it (DESIGN.md §10): the checks of
//! §5.1, §5.3, §5.4 and §5.8 that concern the tables that keep changing, re-derived from the
//! generated rows of the state (never from the generator's plan), with "as-of" read as the
//! world's clock.

use std::collections::{HashMap, HashSet};

use arrow::record_batch::RecordBatch;

use crate::clock;
use crate::error::Result;
use crate::registry;
use crate::world::World;

use super::{cents, day, int, seconds, text, Report};

fn rows(world: &World, name: &str) -> Result<RecordBatch> {
    let t = registry::table(name)?;
    t.batch(world, 0..t.units(world))
}

fn ints(b: &RecordBatch, c: &str) -> Result<Vec<i64>> {
    Ok(int(b, c)?.values().to_vec())
}

fn money(b: &RecordBatch, c: &str) -> Result<Vec<i64>> {
    Ok(cents(b, c)?.values().iter().map(|v| *v as i64).collect())
}

fn days(b: &RecordBatch, c: &str) -> Result<Vec<i32>> {
    Ok(day(b, c)?.values().to_vec())
}

fn first<T: std::fmt::Debug>(v: &[T]) -> String {
    format!(
        "{} (e.g. {:?})",
        v.len(),
        v.iter().take(3).collect::<Vec<_>>()
    )
}

/// The generated rows the state checks read.
#[derive(Debug, Clone)]
pub struct StateRows {
    /// `ads.campaigns`.
    pub campaigns: RecordBatch,
    /// `ads.placements`.
    pub placements: RecordBatch,
    /// `ads.daily_results`.
    pub daily_results: RecordBatch,
    /// `crm.client_campaigns`.
    pub links: RecordBatch,
    /// `crm.sales`.
    pub sales: RecordBatch,
    /// `crm.interactions`.
    pub interactions: RecordBatch,
}

/// Generates the rows of the state at `world.clock` that [`check_rows`] reads.
pub fn state_rows(world: &World) -> Result<StateRows> {
    Ok(StateRows {
        campaigns: rows(world, "ads.campaigns")?,
        placements: rows(world, "ads.placements")?,
        daily_results: rows(world, "ads.daily_results")?,
        links: rows(world, "crm.client_campaigns")?,
        sales: rows(world, "crm.sales")?,
        interactions: rows(world, "crm.interactions")?,
    })
}

/// Checks the state at `world.clock`; every check names what it compares.
pub fn check_state(world: &World) -> Result<Report> {
    check_rows(world, &state_rows(world)?)
}

/// Checks `state` as the rows of the state at `world.clock`.
pub fn check_rows(world: &World, state: &StateRows) -> Result<Report> {
    let t = world.clock;
    let today = clock::day_of(t);
    let mut r = Report::default();
    let (camp, dr, links, sales, touches, placements) = (
        &state.campaigns,
        &state.daily_results,
        &state.links,
        &state.sales,
        &state.interactions,
        &state.placements,
    );

    // §5.1 at T: status follows the end date; Σ cost = spent ≤ budget.
    let (cid, end, budget, spent, status) = (
        ints(camp, "campaign_id")?,
        days(camp, "end_date")?,
        money(camp, "budget")?,
        money(camp, "spent")?,
        text(camp, "status")?,
    );
    let start = days(camp, "start_date")?;
    let mut bad = Vec::new();
    for i in 0..cid.len() {
        let active = status.value(i) == "active";
        if active != (t < clock::day_end(end[i])) {
            bad.push(cid[i]);
        }
    }
    r.check(
        "status: active until the end date's last second, completed after",
        bad.is_empty(),
        first(&bad),
    );
    let (dpid, dcid, dday) = (
        ints(dr, "placement_id")?,
        ints(dr, "campaign_id")?,
        days(dr, "day")?,
    );
    let cost = money(dr, "cost")?;
    let mut spend: HashMap<i64, i64> = HashMap::new();
    for i in 0..dr.num_rows() {
        *spend.entry(dcid[i]).or_default() += cost[i];
    }
    let bad: Vec<i64> = (0..cid.len())
        .filter(|&i| spend.get(&cid[i]).copied().unwrap_or(0) != spent[i] || spent[i] > budget[i])
        .map(|i| cid[i])
        .collect();
    r.check(
        "Σ daily cost = campaign spent ≤ budget",
        bad.is_empty(),
        first(&bad),
    );

    // §5.3 at T: results only on days run up to T, one per placement-day, consistent metrics.
    let span: HashMap<i64, (i32, i32)> = (0..cid.len())
        .map(|i| (cid[i], (start[i], end[i])))
        .collect();
    let mut seen = HashSet::with_capacity(dr.num_rows());
    let mut outside = Vec::new();
    let mut dupes = 0;
    for i in 0..dr.num_rows() {
        match span.get(&dcid[i]) {
            Some(&(s, e)) if dday[i] >= s && dday[i] <= e.min(today) => {}
            _ => outside.push((dcid[i], dday[i])),
        }
        if !seen.insert((dpid[i], dday[i])) {
            dupes += 1;
        }
    }
    r.check(
        "results only on days the campaign ran, up to T; one row per placement-day",
        outside.is_empty() && dupes == 0,
        format!("{} outside, {dupes} duplicates", first(&outside)),
    );
    let c = |n: &str| ints(dr, n);
    let (imp, reach, views, likes, comments, shares, inter, clicks, leads, conv) = (
        c("impressions")?,
        c("reach")?,
        c("views")?,
        c("likes")?,
        c("comments")?,
        c("shares")?,
        c("interactions")?,
        c("clicks")?,
        c("leads")?,
        c("conversions")?,
    );
    let revenue = money(dr, "revenue")?;
    let bad = (0..dr.num_rows())
        .filter(|&i| {
            !([
                imp[i], reach[i], views[i], clicks[i], leads[i], conv[i], cost[i],
            ]
            .iter()
            .all(|v| *v >= 0)
                && reach[i] <= imp[i]
                && views[i] <= imp[i]
                && clicks[i] >= leads[i]
                && inter[i] == likes[i] + comments[i] + shares[i] + clicks[i])
        })
        .count();
    r.check(
        "metrics consistent (reach, views ≤ impressions; clicks ≥ leads; interactions = likes+comments+shares+clicks)",
        bad == 0,
        format!("{bad} inconsistent rows"),
    );

    // §5.4 at T: per placement-day, ads = CRM to the cent.
    let mut crm: HashMap<(i64, i32), (i64, i64, i64)> = HashMap::new();
    let (lpid, lday, lclient, lcamp) = (
        ints(links, "placement_id")?,
        days(links, "captured_on")?,
        ints(links, "client_id")?,
        ints(links, "campaign_id")?,
    );
    for i in 0..links.num_rows() {
        crm.entry((lpid[i], lday[i])).or_default().0 += 1;
    }
    let (spid, sday, sclient, scamp, amount) = (
        ints(sales, "placement_id")?,
        days(sales, "sold_on")?,
        ints(sales, "client_id")?,
        ints(sales, "campaign_id")?,
        money(sales, "amount")?,
    );
    for i in 0..sales.num_rows() {
        let e = crm.entry((spid[i], sday[i])).or_default();
        e.1 += 1;
        e.2 += amount[i];
    }
    let mut off = Vec::new();
    for i in 0..dr.num_rows() {
        let got = crm.remove(&(dpid[i], dday[i])).unwrap_or_default();
        if got != (leads[i], conv[i], revenue[i]) {
            off.push((dpid[i], dday[i]));
        }
    }
    let orphans: Vec<(i64, i32)> = crm.keys().copied().collect();
    r.check(
        "per placement-day: leads = links, conversions = sales, revenue = Σ amount (to the cent)",
        off.is_empty() && orphans.is_empty(),
        format!(
            "{} differ, {} CRM placement-days without a result row",
            first(&off),
            first(&orphans)
        ),
    );

    // Links: unique, 400–1000 per campaign (clamped), every sale's client linked before it.
    let mut captured: HashMap<(i64, i64), i32> = HashMap::with_capacity(links.num_rows());
    let mut per_campaign: HashMap<i64, u64> = HashMap::new();
    for i in 0..links.num_rows() {
        captured.insert((lclient[i], lcamp[i]), lday[i]);
        *per_campaign.entry(lcamp[i]).or_default() += 1;
    }
    let n_clients = world.counts.clients;
    let (lo, hi) = (400.min(n_clients), 1000.min(n_clients));
    let out_of_range: Vec<i64> = cid
        .iter()
        .filter(|id| !(lo..=hi).contains(&per_campaign.get(id).copied().unwrap_or(0)))
        .copied()
        .collect();
    r.check(
        format!("links unique; each campaign links {lo}–{hi} clients"),
        captured.len() == links.num_rows() && out_of_range.is_empty(),
        format!(
            "{} links, {} distinct; {} campaigns out of range",
            links.num_rows(),
            captured.len(),
            first(&out_of_range)
        ),
    );
    let unlinked: Vec<i64> = (0..sales.num_rows())
        .filter(|&i| {
            captured
                .get(&(sclient[i], scamp[i]))
                .is_none_or(|&d| d > sday[i])
        })
        .map(|i| ints(sales, "sale_id").map(|v| v[i]).unwrap_or(0))
        .collect();
    r.check(
        "every sale's client is linked to its campaign, captured on or before the sale",
        unlinked.is_empty(),
        first(&unlinked),
    );

    // §5.8 at T: keys unique, foreign keys resolve, markers not in the future.
    let sale_ids = ints(sales, "sale_id")?;
    let touch_ids = ints(touches, "interaction_id")?;
    let unique = |v: &[i64]| v.iter().collect::<HashSet<_>>().len() == v.len();
    r.check(
        "sale_id and interaction_id unique",
        unique(&sale_ids) && unique(&touch_ids),
        format!("{} sales, {} interactions", sale_ids.len(), touch_ids.len()),
    );
    let pids: HashSet<i64> = ints(placements, "placement_id")?.into_iter().collect();
    let touch_links = (0..touches.num_rows())
        .filter(|&i| {
            let (cl, ca) = (
                int(touches, "client_id").map(|a| a.value(i)).unwrap_or(0),
                int(touches, "campaign_id").map(|a| a.value(i)).unwrap_or(0),
            );
            !captured.contains_key(&(cl, ca))
        })
        .count();
    let dangling = dpid
        .iter()
        .chain(&lpid)
        .chain(&spid)
        .filter(|p| !pids.contains(p))
        .count();
    r.check(
        "placement ids resolve; every interaction belongs to a link",
        dangling == 0 && touch_links == 0,
        format!("{dangling} unknown placements, {touch_links} interactions without a link"),
    );
    let mut future = Vec::new();
    for (name, b) in [
        ("ads.campaigns", camp),
        ("ads.daily_results", dr),
        ("crm.client_campaigns", links),
        ("crm.interactions", touches),
        ("crm.sales", sales),
    ] {
        let m = seconds(b, "updated_at")?;
        let n = m.values().iter().filter(|&&v| v > t).count();
        if n > 0 {
            future.push(format!("{name}: {n}"));
        }
    }
    r.check(
        format!("updated_at ≤ T ({})", clock::format_instant(t)),
        future.is_empty(),
        future.join(", "),
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{Array, ArrayRef, Decimal128Array, TimestampSecondArray};

    use super::*;
    use crate::config::Config;

    fn replace(b: &RecordBatch, name: &str, column: ArrayRef) -> RecordBatch {
        let mut cols = b.columns().to_vec();
        let i = b.schema().index_of(name).unwrap_or(0);
        cols[i] = column;
        RecordBatch::try_new(b.schema(), cols).unwrap_or_else(|_| b.clone())
    }

    fn failed(world: &World, state: &StateRows) -> Vec<String> {
        check_rows(world, state)
            .map(|r| r.failures().iter().map(|c| c.name.clone()).collect())
            .unwrap_or_else(|e| vec![e.to_string()])
    }

    /// The checks pass on the generated state and catch a sale one cent off, a marker in the
    /// future and a campaign whose status ignores its end date.
    #[test]
    fn state_checks_pass_and_catch_breaches() -> Result<()> {
        let world = World::new(&Config {
            scale: 0.02,
            ..Config::default()
        })
        .at(clock::parse_instant("--as-of", "2025-11-20T15:30:00")?);
        let good = state_rows(&world)?;
        assert_eq!(failed(&world, &good), Vec::<String>::new());

        let mut bad = good.clone();
        let amounts = cents(&good.sales, "amount")?;
        let mut v: Vec<i128> = amounts.values().to_vec();
        v[0] += 1;
        let col = Decimal128Array::from(v).with_data_type(amounts.data_type().clone());
        bad.sales = replace(&good.sales, "amount", Arc::new(col));
        let f = failed(&world, &bad);
        assert!(
            f.iter().any(|n| n.starts_with("per placement-day")),
            "{f:?}"
        );

        let mut bad = good.clone();
        let marks = seconds(&good.links, "updated_at")?;
        let mut v: Vec<i64> = marks.values().to_vec();
        v[0] = world.clock + 1;
        bad.links = replace(
            &good.links,
            "updated_at",
            Arc::new(TimestampSecondArray::from(v)),
        );
        let f = failed(&world, &bad);
        assert_eq!(f, vec!["updated_at ≤ T (2025-11-20T15:30:00)".to_string()]);

        let mut bad = good.clone();
        let status = text(&good.campaigns, "status")?;
        let flipped: arrow::array::StringArray = status
            .iter()
            .map(|s| s.map(|s| if s == "active" { "completed" } else { "active" }))
            .collect();
        let col = arrow::compute::cast(
            &flipped,
            good.campaigns
                .schema()
                .field_with_name("status")?
                .data_type(),
        )?;
        bad.campaigns = replace(&good.campaigns, "status", col);
        let f = failed(&world, &bad);
        assert!(f.iter().any(|n| n.starts_with("status:")), "{f:?}");
        Ok(())
    }
}
