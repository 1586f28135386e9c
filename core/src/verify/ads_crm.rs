//! Checks for the PromptAds and PromptCrm stores (DESIGN.md §5 points 1–5, 7, 8). Expected
//! values come from DESIGN.md and DOMAIN.md, never from the generator's own constants, so a
//! generator bug cannot hide behind the check that should catch it.

#![allow(clippy::needless_range_loop)] // checks walk several columns of one row at a time

use std::collections::{HashMap, HashSet};

use arrow::array::Array;
use arrow::record_batch::RecordBatch;

use super::{cents, day, float, int, text, Dataset, Report};
use crate::catalog::calendar::{self, AS_OF, WINDOW_MONTHS, WINDOW_START};
use crate::error::Result;

/// Smallest campaign count for which the seasonal shape is checked (fewer campaigns than
/// that cannot show a monthly pattern: 16 months, ~3 campaigns each).
pub const SEASONALITY_MIN_CAMPAIGNS: usize = 100;

fn expected(count: f64) -> u64 {
    count.round().max(0.0) as u64
}

fn sample<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .take(5)
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Checks that every value of a child column is a parent key.
fn foreign_key(r: &mut Report, name: &str, child: &[i64], parent: &HashSet<i64>) {
    let orphans: Vec<i64> = child
        .iter()
        .copied()
        .filter(|v| !parent.contains(v))
        .collect();
    r.check(
        format!("{name} resolves"),
        orphans.is_empty(),
        if orphans.is_empty() {
            format!("{} references", child.len())
        } else {
            format!("{} orphans, e.g. {}", orphans.len(), sample(&orphans))
        },
    );
}

fn unique(r: &mut Report, name: &str, keys: &[i64]) {
    let set: HashSet<i64> = keys.iter().copied().collect();
    r.check(
        format!("{name} is unique"),
        set.len() == keys.len(),
        format!("{} rows, {} distinct", keys.len(), set.len()),
    );
}

fn ints(b: &RecordBatch, col: &str) -> Result<Vec<i64>> {
    Ok(int(b, col)?.values().to_vec())
}

fn days(b: &RecordBatch, col: &str) -> Result<Vec<i32>> {
    Ok(day(b, col)?.values().to_vec())
}

fn money(b: &RecordBatch, col: &str) -> Result<Vec<i64>> {
    Ok(cents(b, col)?.values().iter().map(|v| *v as i64).collect())
}

fn key_set(ds: &Dataset, table: &str, col: &str) -> Result<Option<HashSet<i64>>> {
    if !ds.has(table) {
        return Ok(None);
    }
    Ok(Some(ints(&ds.read(table)?, col)?.into_iter().collect()))
}

struct Campaign {
    start: i32,
    end: i32,
    budget: i64,
    spent: i64,
    active: bool,
}

fn campaign_map(ds: &Dataset) -> Result<HashMap<i64, Campaign>> {
    let b = ds.read("ads.campaigns")?;
    let (ids, starts, ends) = (
        ints(&b, "campaign_id")?,
        days(&b, "start_date")?,
        days(&b, "end_date")?,
    );
    let (budgets, spent, status) = (
        money(&b, "budget")?,
        money(&b, "spent")?,
        text(&b, "status")?,
    );
    Ok((0..ids.len())
        .map(|i| {
            (
                ids[i],
                Campaign {
                    start: starts[i],
                    end: ends[i],
                    budget: budgets[i],
                    spent: spent[i],
                    active: status.value(i) == "active",
                },
            )
        })
        .collect())
}

/// §5.1: exactly round(1000·S) campaigns, round(0.30·N) active (started in the window, end
/// after the as-of date), the rest completed inside the window; spend within budget.
pub fn campaigns(ds: &Dataset, r: &mut Report) -> Result<()> {
    let scale = ds.config().scale;
    let map = campaign_map(ds)?;
    let n = map.len() as u64;
    let want = expected(1000.0 * scale).max(1);
    r.check(
        "campaign count = round(1000·S)",
        n == want,
        format!("{n} (expected {want})"),
    );
    let active = map.values().filter(|c| c.active).count() as u64;
    let want_active = expected(0.30 * n as f64);
    r.check(
        "active campaigns = round(0.30·N)",
        active == want_active,
        format!(
            "{active} active, {} completed (expected {want_active} active)",
            n - active
        ),
    );
    let mut bad = Vec::new();
    for (id, c) in &map {
        let ok = c.start >= WINDOW_START
            && c.start <= AS_OF
            && c.start <= c.end
            && if c.active {
                c.end > AS_OF
            } else {
                c.end <= AS_OF
            };
        if !ok {
            bad.push(*id);
        }
    }
    bad.sort_unstable();
    r.check(
        "active: start in window and end after as-of; completed: start and end in window",
        bad.is_empty(),
        if bad.is_empty() {
            format!(
                "window {} … {}",
                calendar::date(WINDOW_START),
                calendar::date(AS_OF)
            )
        } else {
            format!("{} campaigns, e.g. {}", bad.len(), sample(&bad))
        },
    );
    let over: Vec<i64> = map
        .iter()
        .filter(|(_, c)| c.spent > c.budget || c.budget <= 0)
        .map(|(id, _)| *id)
        .collect();
    r.check(
        "spend ≤ budget (and budget > 0)",
        over.is_empty(),
        if over.is_empty() {
            format!("{} campaigns", map.len())
        } else {
            format!("{} over budget, e.g. {}", over.len(), sample(&over))
        },
    );
    Ok(())
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

/// §5.2: campaign starts and average daily revenue peak in the configured months.
pub fn seasonality(ds: &Dataset, r: &mut Report) -> Result<()> {
    let peaks = ds.config().peak_months;
    let map = campaign_map(ds)?;
    let mut starts = [0u64; WINDOW_MONTHS];
    for c in map.values() {
        if let Some(m) = calendar::window_month(c.start) {
            starts[m] += 1;
        }
    }
    let dr = ds.read("ads.daily_results")?;
    let (dd, rev) = (days(&dr, "day")?, money(&dr, "revenue")?);
    let mut revenue = [0i64; WINDOW_MONTHS];
    for (d, v) in dd.iter().zip(&rev) {
        if let Some(m) = calendar::window_month(*d) {
            revenue[m] += v;
        }
    }
    let daily: Vec<f64> = (0..WINDOW_MONTHS)
        .map(|m| revenue[m] as f64 / 100.0 / f64::from(calendar::window_month_span(m).1))
        .collect();
    let is_peak = |m: usize| peaks.contains(&calendar::window_month_number(m));
    let top = starts.iter().copied().max().unwrap_or(1).max(1);
    r.info("month    starts  avg daily revenue (USD)");
    for m in 0..WINDOW_MONTHS {
        let bar = "█".repeat((starts[m] * 30 / top) as usize);
        r.info(format!(
            "{}  {:>6}  {:>12.2} {}{}",
            calendar::window_month_label(m),
            starts[m],
            daily[m],
            if is_peak(m) { "*" } else { " " },
            bar
        ));
    }
    if map.len() < SEASONALITY_MIN_CAMPAIGNS {
        r.info(format!(
            "seasonal peaks not checked: {} campaigns < {SEASONALITY_MIN_CAMPAIGNS}",
            map.len()
        ));
        return Ok(());
    }
    let others: Vec<usize> = (0..WINDOW_MONTHS).filter(|&m| !is_peak(m)).collect();
    let med_starts = median(others.iter().map(|&m| starts[m] as f64).collect());
    let max_other = others.iter().map(|&m| starts[m]).max().unwrap_or(0);
    let med_rev = median(others.iter().map(|&m| daily[m]).collect());
    for m in (0..WINDOW_MONTHS).filter(|&m| is_peak(m)) {
        let label = calendar::window_month_label(m);
        r.check(
            format!("{label}: starts ≥ 2× median other month and > every other month"),
            starts[m] as f64 >= 2.0 * med_starts && starts[m] > max_other,
            format!(
                "{} starts; median other {med_starts}, max other {max_other}",
                starts[m]
            ),
        );
        r.check(
            format!("{label}: average daily revenue > median other month"),
            daily[m] > med_rev,
            format!("{:.2} vs {med_rev:.2} USD/day", daily[m]),
        );
    }
    Ok(())
}

/// Published click-through ranges per channel (DOMAIN.md §1), widened by 25% either side for
/// daily noise: (channel name, low, high, denominator is views instead of impressions).
const CTR_RANGES: [(&str, f64, f64, bool); 8] = [
    ("Facebook", 0.0090, 0.0265, false),
    ("Instagram", 0.0090, 0.0265, false),
    ("TikTok", 0.0060, 0.0200, false),
    ("LinkedIn", 0.0029, 0.0120, false),
    ("Google Search", 0.0250, 0.1304, false),
    ("Google Display", 0.0035, 0.0108, false),
    ("YouTube", 0.0020, 0.0150, true),
    ("Email", 0.0150, 0.0375, false),
];

/// §5.3: results only on run days; metric consistency; channel rates within published ranges;
/// daily cost sums to the campaign's spend.
pub fn results(ds: &Dataset, r: &mut Report) -> Result<()> {
    let map = campaign_map(ds)?;
    let dr = ds.read("ads.daily_results")?;
    let cid = ints(&dr, "campaign_id")?;
    let dd = days(&dr, "day")?;
    let mut outside = Vec::new();
    let mut seen: HashSet<(i64, i32)> = HashSet::with_capacity(dr.num_rows());
    let pid = ints(&dr, "placement_id")?;
    let mut dupes = 0usize;
    for i in 0..dr.num_rows() {
        match map.get(&cid[i]) {
            Some(c) if dd[i] >= c.start && dd[i] <= c.end.min(AS_OF) => {}
            _ => outside.push(format!("campaign {} day {}", cid[i], calendar::date(dd[i]))),
        }
        if !seen.insert((pid[i], dd[i])) {
            dupes += 1;
        }
    }
    r.check(
        "results only on days the campaign ran, up to as-of",
        outside.is_empty(),
        if outside.is_empty() {
            format!("{} placement-days", dr.num_rows())
        } else {
            format!("{} rows, e.g. {}", outside.len(), sample(&outside))
        },
    );
    r.check(
        "one row per placement and day",
        dupes == 0,
        format!("{dupes} duplicates"),
    );

    let col = |n: &str| ints(&dr, n);
    let (imp, reach, views, likes, comments, shares, inter, clicks, leads, conv) = (
        col("impressions")?,
        col("reach")?,
        col("views")?,
        col("likes")?,
        col("comments")?,
        col("shares")?,
        col("interactions")?,
        col("clicks")?,
        col("leads")?,
        col("conversions")?,
    );
    let cost = money(&dr, "cost")?;
    let mut bad = 0usize;
    for i in 0..dr.num_rows() {
        let nonneg = [
            imp[i],
            reach[i],
            views[i],
            likes[i],
            comments[i],
            shares[i],
            clicks[i],
            leads[i],
            conv[i],
            cost[i],
        ]
        .iter()
        .all(|v| *v >= 0);
        let ok = nonneg
            && reach[i] <= imp[i]
            && views[i] <= imp[i]
            && clicks[i] >= leads[i]
            && inter[i] == likes[i] + comments[i] + shares[i] + clicks[i];
        if !ok {
            bad += 1;
        }
    }
    r.check("metrics consistent (non-negative; reach, views ≤ impressions; clicks ≥ leads; interactions = likes+comments+shares+clicks)", bad == 0, format!("{bad} inconsistent rows"));

    // Daily costs add up to each campaign's recorded spend, which stays within budget.
    let mut spend: HashMap<i64, i64> = HashMap::new();
    for i in 0..dr.num_rows() {
        *spend.entry(cid[i]).or_default() += cost[i];
    }
    let mismatch: Vec<i64> = map
        .iter()
        .filter(|(id, c)| spend.get(id).copied().unwrap_or(0) != c.spent || c.spent > c.budget)
        .map(|(id, _)| *id)
        .collect();
    r.check(
        "Σ daily cost = campaign spent ≤ budget",
        mismatch.is_empty(),
        if mismatch.is_empty() {
            format!("{} campaigns", map.len())
        } else {
            format!(
                "{} campaigns differ, e.g. {}",
                mismatch.len(),
                sample(&mismatch)
            )
        },
    );

    // Channel rates against DOMAIN.md §1.
    let ch = ds.read("ads.channels")?;
    let names: HashMap<i64, String> = ints(&ch, "channel_id")?
        .into_iter()
        .zip(
            text(&ch, "name")?
                .iter()
                .map(|s| s.unwrap_or("").to_string()),
        )
        .collect();
    let chan = ints(&dr, "channel_id")?;
    let mut agg: HashMap<i64, (f64, f64, f64)> = HashMap::new();
    for i in 0..dr.num_rows() {
        let e = agg.entry(chan[i]).or_default();
        e.0 += imp[i] as f64;
        e.1 += views[i] as f64;
        e.2 += clicks[i] as f64;
    }
    for (name, lo, hi, per_view) in CTR_RANGES {
        let Some((&id, _)) = names.iter().find(|(_, n)| n.as_str() == name) else {
            continue;
        };
        let Some(&(i, v, c)) = agg.get(&id) else {
            continue;
        };
        let denom = if per_view { v } else { i };
        if denom < 10_000.0 {
            continue;
        }
        let ctr = c / denom;
        r.check(
            format!("{name} click-through within DOMAIN.md range"),
            ctr >= lo * 0.75 && ctr <= hi * 1.25,
            format!(
                "{:.3}% (published {:.2}%–{:.2}%{})",
                ctr * 100.0,
                lo * 100.0,
                hi * 100.0,
                if per_view { " of views" } else { "" }
            ),
        );
    }
    Ok(())
}

/// §5.4: per placement and day, conversions = number of sales, revenue = sum of their amounts,
/// leads = links captured that day; every sale's client is linked to its campaign; each
/// campaign links 400–1000 clients (clamped when there are fewer clients).
pub fn reconciliation(ds: &Dataset, r: &mut Report) -> Result<()> {
    let dr = ds.read("ads.daily_results")?;
    let (pid, dd, leads, conv, rev) = (
        ints(&dr, "placement_id")?,
        days(&dr, "day")?,
        ints(&dr, "leads")?,
        ints(&dr, "conversions")?,
        money(&dr, "revenue")?,
    );
    // (placement, day) → (ads leads, ads conversions, ads revenue, crm links, crm sales, crm amount)
    let mut cells: HashMap<(i64, i32), [i64; 6]> = HashMap::with_capacity(dr.num_rows());
    for i in 0..dr.num_rows() {
        let c = cells.entry((pid[i], dd[i])).or_default();
        c[0] += leads[i];
        c[1] += conv[i];
        c[2] += rev[i];
    }
    let sales = ds.read("crm.sales")?;
    let (sp, sd, amount, scl, scamp) = (
        ints(&sales, "placement_id")?,
        days(&sales, "sold_on")?,
        money(&sales, "amount")?,
        ints(&sales, "client_id")?,
        ints(&sales, "campaign_id")?,
    );
    for i in 0..sales.num_rows() {
        let c = cells.entry((sp[i], sd[i])).or_default();
        c[4] += 1;
        c[5] += amount[i];
    }
    let links = ds.read("crm.client_campaigns")?;
    let (lp, ld, lcl, lcamp) = (
        ints(&links, "placement_id")?,
        days(&links, "captured_on")?,
        ints(&links, "client_id")?,
        ints(&links, "campaign_id")?,
    );
    for i in 0..links.num_rows() {
        cells.entry((lp[i], ld[i])).or_default()[3] += 1;
    }
    let mut diffs: Vec<String> = Vec::new();
    let (mut d_leads, mut d_conv, mut d_rev) = (0usize, 0usize, 0usize);
    let mut keys: Vec<&(i64, i32)> = cells.keys().collect();
    keys.sort_unstable();
    for k in keys {
        let c = cells[k];
        if c[0] != c[3] {
            d_leads += 1;
        }
        if c[1] != c[4] {
            d_conv += 1;
        }
        if c[2] != c[5] {
            d_rev += 1;
        }
        if (c[0] != c[3] || c[1] != c[4] || c[2] != c[5]) && diffs.len() < 5 {
            diffs.push(format!(
                "placement {} {}: ads {}/{}/{:.2} vs crm {}/{}/{:.2}",
                k.0,
                calendar::date(k.1),
                c[0],
                c[1],
                c[2] as f64 / 100.0,
                c[3],
                c[4],
                c[5] as f64 / 100.0
            ));
        }
    }
    let n = cells.len();
    r.check(
        "leads = crm.client_campaigns captured, per placement and day",
        d_leads == 0,
        format!(
            "{d_leads} of {n} placement-days differ{}",
            if diffs.is_empty() {
                String::new()
            } else {
                format!("; {}", diffs.join("; "))
            }
        ),
    );
    r.check(
        "conversions = number of crm.sales, per placement and day",
        d_conv == 0,
        format!("{d_conv} of {n} placement-days differ"),
    );
    r.check(
        "revenue = Σ crm.sales.amount to the cent, per placement and day",
        d_rev == 0,
        format!("{d_rev} of {n} placement-days differ"),
    );
    let total_ads: i64 = rev.iter().sum();
    let total_crm: i64 = amount.iter().sum();
    r.info(format!(
        "revenue: ads {:.2} USD, crm {:.2} USD, {} sales, {} links",
        total_ads as f64 / 100.0,
        total_crm as f64 / 100.0,
        sales.num_rows(),
        links.num_rows()
    ));

    let linked: HashSet<(i64, i64)> = lcl.iter().copied().zip(lcamp.iter().copied()).collect();
    r.check(
        "client–campaign links are unique",
        linked.len() == links.num_rows(),
        format!("{} links, {} distinct", links.num_rows(), linked.len()),
    );
    let unlinked: Vec<String> = (0..sales.num_rows())
        .filter(|&i| !linked.contains(&(scl[i], scamp[i])))
        .map(|i| format!("client {} campaign {}", scl[i], scamp[i]))
        .collect();
    r.check(
        "every sale's client is linked to that campaign",
        unlinked.is_empty(),
        if unlinked.is_empty() {
            format!("{} sales", sales.num_rows())
        } else {
            format!("{} sales, e.g. {}", unlinked.len(), sample(&unlinked))
        },
    );

    let clients = expected(500_000.0 * ds.config().scale).max(1) as i64;
    let (lo, hi) = (400.min(clients), 1000.min(clients));
    let mut per: HashMap<i64, i64> = HashMap::new();
    for c in &lcamp {
        *per.entry(*c).or_default() += 1;
    }
    if ds.has("ads.campaigns") {
        for id in campaign_map(ds)?.keys() {
            per.entry(*id).or_default();
        }
    }
    let out: Vec<String> = per
        .iter()
        .filter(|(_, n)| **n < lo || **n > hi)
        .map(|(c, n)| format!("campaign {c}: {n}"))
        .collect();
    let (mn, mx) = (
        per.values().min().copied().unwrap_or(0),
        per.values().max().copied().unwrap_or(0),
    );
    r.check(
        format!("each campaign links {lo}–{hi} clients"),
        out.is_empty(),
        if out.is_empty() {
            format!("min {mn}, max {mx}")
        } else {
            format!("{} campaigns, e.g. {}", out.len(), sample(&out))
        },
    );
    Ok(())
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `id` is a valid national id of `id_type` for `country` (DOMAIN.md §6 and the
/// countries' published formats).
pub fn valid_national_id(id_type: &str, country: &str, id: &str) -> bool {
    let b = id.as_bytes();
    match (id_type, country) {
        // Costa Rica cédula física: 9 digits, first the province 1–7 (DESIGN.md §5.5).
        ("CEDULA", "CR") => b.len() == 9 && all_digits(id) && (b'1'..=b'7').contains(&b[0]),
        // DIMEX: 11–12 digits starting with 1.
        ("DIMEX", "CR") => (11..=12).contains(&b.len()) && all_digits(id) && b[0] == b'1',
        ("CURP", "MX") => {
            const CONS: &[u8] = b"BCDFGHJKLMNPQRSTVWXYZ";
            b.len() == 18
                && b[..4].iter().all(u8::is_ascii_uppercase)
                && b[4..10].iter().all(u8::is_ascii_digit)
                && (b[10] == b'H' || b[10] == b'M')
                && b[11..13].iter().all(u8::is_ascii_uppercase)
                && b[13..16].iter().all(|c| CONS.contains(c))
                && (b[16].is_ascii_digit() || b[16].is_ascii_uppercase())
                && b[17].is_ascii_digit()
        }
        ("CC", "CO") => (8..=10).contains(&b.len()) && all_digits(id),
        ("SSN", "US") => {
            let parts: Vec<&str> = id.split('-').collect();
            parts.len() == 3
                && parts[0].len() == 3
                && parts[1].len() == 2
                && parts[2].len() == 4
                && parts.iter().all(|p| all_digits(p))
                && parts[0] != "000"
                && parts[0] != "666"
                && !parts[0].starts_with('9')
                && parts[1] != "00"
                && parts[2] != "0000"
        }
        ("DNI", "ES") => {
            const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
            b.len() == 9
                && all_digits(&id[..8])
                && id[..8]
                    .parse::<usize>()
                    .map(|n| LETTERS[n % 23] == b[8])
                    .unwrap_or(false)
        }
        ("CEDULA_PA", "PA") => {
            let parts: Vec<&str> = id.split('-').collect();
            parts.len() == 3
                && parts.iter().all(|p| all_digits(p))
                && parts[0].len() <= 2
                && parts[1].len() <= 4
                && parts[2].len() <= 6
        }
        ("DPI", "GT") => b.len() == 13 && all_digits(id),
        _ => false,
    }
}

/// Whether `phone` is a valid E.164 number for `country` (Costa Rica per DOMAIN.md §6: +506,
/// 8 digits, landlines 2…, mobiles 6[0-4], 7[0-3], 8[3-9]).
pub fn valid_phone(country: &str, phone: &str) -> bool {
    let digits = |p: &str, n: usize| p.len() == n && all_digits(p);
    match country {
        "CR" => phone.strip_prefix("+506").is_some_and(|n| {
            digits(n, 8) && {
                let b = n.as_bytes();
                b[0] == b'2'
                    || (b[0] == b'6' && b[1] <= b'4')
                    || (b[0] == b'7' && b[1] <= b'3')
                    || (b[0] == b'8' && b[1] >= b'3')
            }
        }),
        "MX" => phone.strip_prefix("+52").is_some_and(|n| digits(n, 10)),
        "CO" => phone.strip_prefix("+573").is_some_and(|n| digits(n, 9)),
        "US" => phone
            .strip_prefix("+1")
            .is_some_and(|n| digits(n, 10) && n.as_bytes()[0] >= b'2' && n.as_bytes()[3] >= b'2'),
        "ES" => phone
            .strip_prefix("+34")
            .is_some_and(|n| digits(n, 9) && matches!(n.as_bytes()[0], b'6' | b'7')),
        "PA" => phone.strip_prefix("+5076").is_some_and(|n| digits(n, 7)),
        "GT" => phone.strip_prefix("+502").is_some_and(|n| digits(n, 8)),
        _ => false,
    }
}

/// Largest distance of a client's home from its city centre, km (DESIGN.md §5.5 "near").
pub const MAX_HOME_KM: f64 = 25.0;

/// §5.5: client count, unique and valid national ids, unique emails, valid phones, homes near
/// their city, double surnames, links biased toward the campaign's markets.
pub fn crm(ds: &Dataset, r: &mut Report) -> Result<()> {
    let cl = ds.read("crm.clients")?;
    let n = cl.num_rows() as u64;
    let want = expected(500_000.0 * ds.config().scale).max(1);
    r.check(
        "client count = round(500000·S)",
        n == want,
        format!("{n} (expected {want})"),
    );
    let ids = ints(&cl, "client_id")?;
    unique(r, "crm.clients.client_id", &ids);
    let (nid, typ, country, email, phone, city) = (
        text(&cl, "national_id")?,
        text(&cl, "id_type")?,
        text(&cl, "country_code")?,
        text(&cl, "email")?,
        text(&cl, "phone")?,
        text(&cl, "city")?,
    );
    let second = text(&cl, "second_last_name")?;
    let (lat, lon) = (float(&cl, "latitude")?, float(&cl, "longitude")?);
    let birth = days(&cl, "birth_date")?;

    let mut seen_ids: HashSet<&str> = HashSet::with_capacity(cl.num_rows());
    let mut seen_emails: HashSet<&str> = HashSet::with_capacity(cl.num_rows());
    let (mut dup_id, mut dup_email, mut bad_email) = (0usize, 0usize, 0usize);
    let (mut bad_id, mut bad_phone, mut far, mut bad_names, mut bad_age) =
        (Vec::new(), Vec::new(), Vec::new(), 0usize, 0usize);
    let mk = ds.read("ads.markets")?;
    let centres: HashMap<(String, String), (f64, f64)> = (0..mk.num_rows())
        .map(|i| -> Result<_> {
            Ok((
                (
                    text(&mk, "country_code")?.value(i).to_string(),
                    text(&mk, "city")?.value(i).to_string(),
                ),
                (
                    float(&mk, "latitude")?.value(i),
                    float(&mk, "longitude")?.value(i),
                ),
            ))
        })
        .collect::<Result<_>>()?;
    let mut max_km: f64 = 0.0;
    for i in 0..cl.num_rows() {
        let (id, t, c, e, p) = (
            nid.value(i),
            typ.value(i),
            country.value(i),
            email.value(i),
            phone.value(i),
        );
        if !seen_ids.insert(id) {
            dup_id += 1;
        }
        if !seen_emails.insert(e) {
            dup_email += 1;
        }
        let at = e.find('@');
        if !at.is_some_and(|a| a > 0 && e[a + 1..].contains('.') && !e[a + 1..].contains('@')) {
            bad_email += 1;
        }
        if !valid_national_id(t, c, id) {
            bad_id.push(format!("{t} {id} ({c})"));
        }
        if !valid_phone(c, p) {
            bad_phone.push(format!("{p} ({c})"));
        }
        match centres.get(&(c.to_string(), city.value(i).to_string())) {
            Some(&(clat, clon)) => {
                let km = haversine_km(clat, clon, lat.value(i), lon.value(i));
                max_km = max_km.max(km);
                if km > MAX_HOME_KM {
                    far.push(format!(
                        "client {} {km:.1} km from {}",
                        ids[i],
                        city.value(i)
                    ));
                }
            }
            None => far.push(format!("client {}: unknown city {}", ids[i], city.value(i))),
        }
        if c != "US" && second.is_null(i) {
            bad_names += 1;
        }
        let age_years = f64::from(AS_OF - birth[i]) / 365.25;
        if !(18.0..=100.0).contains(&age_years) {
            bad_age += 1;
        }
    }
    r.check(
        "national ids unique",
        dup_id == 0,
        format!("{dup_id} duplicates"),
    );
    r.check(
        "national ids valid for their country and type",
        bad_id.is_empty(),
        if bad_id.is_empty() {
            format!("{n} ids")
        } else {
            format!("{} invalid, e.g. {}", bad_id.len(), sample(&bad_id))
        },
    );
    r.check(
        "emails unique and well-formed",
        dup_email == 0 && bad_email == 0,
        format!("{dup_email} duplicates, {bad_email} malformed"),
    );
    r.check(
        "phones valid E.164 for the country",
        bad_phone.is_empty(),
        if bad_phone.is_empty() {
            format!("{n} phones")
        } else {
            format!("{} invalid, e.g. {}", bad_phone.len(), sample(&bad_phone))
        },
    );
    r.check(
        format!("homes within {MAX_HOME_KM} km of their city centre"),
        far.is_empty(),
        if far.is_empty() {
            format!("max {max_km:.1} km")
        } else {
            format!("{} clients, e.g. {}", far.len(), sample(&far))
        },
    );
    r.check(
        "Hispanic clients carry two surnames",
        bad_names == 0,
        format!("{bad_names} without a second surname"),
    );
    r.check(
        "adults: age 18–100 at the as-of date",
        bad_age == 0,
        format!("{bad_age} out of range"),
    );

    // Links biased toward the campaign's markets.
    if ds.has("ads.campaign_markets") {
        let cm = ds.read("ads.campaign_markets")?;
        let (cmc, cmm) = (ints(&cm, "campaign_id")?, ints(&cm, "market_id")?);
        let market_city: HashMap<i64, (String, String)> = (0..mk.num_rows())
            .map(|i| -> Result<_> {
                Ok((
                    int(&mk, "market_id")?.value(i),
                    (
                        text(&mk, "country_code")?.value(i).to_string(),
                        text(&mk, "city")?.value(i).to_string(),
                    ),
                ))
            })
            .collect::<Result<_>>()?;
        let mut targets: HashMap<i64, HashSet<(String, String)>> = HashMap::new();
        for i in 0..cm.num_rows() {
            if let Some(m) = market_city.get(&cmm[i]) {
                targets.entry(cmc[i]).or_default().insert(m.clone());
            }
        }
        let home: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let links = ds.read("crm.client_campaigns")?;
        let (lcl, lcamp) = (ints(&links, "client_id")?, ints(&links, "campaign_id")?);
        let mut inside = 0usize;
        for i in 0..links.num_rows() {
            if let (Some(&row), Some(t)) = (home.get(&lcl[i]), targets.get(&lcamp[i])) {
                if t.contains(&(country.value(row).to_string(), city.value(row).to_string())) {
                    inside += 1;
                }
            }
        }
        let share = inside as f64 / links.num_rows().max(1) as f64;
        let mut per: HashMap<i64, usize> = HashMap::new();
        for c in &lcamp {
            *per.entry(*c).or_default() += 1;
        }
        let widest = per.values().copied().max().unwrap_or(0);
        if widest * 5 > cl.num_rows() {
            // A campaign that links more than a fifth of all clients cannot favour its markets.
            r.info(format!("market bias not checked: a campaign links {widest} of {} clients; {:.1}% of links live in the campaign's markets", cl.num_rows(), share * 100.0));
        } else {
            r.check(
                "links biased toward the campaign's markets (≥ 60% live there)",
                share >= 0.60,
                format!("{:.1}% of {} links", share * 100.0, links.num_rows()),
            );
        }
    }
    Ok(())
}

/// Negative categories of DOMAIN.md §4.
const NEGATIVE_CATEGORIES: [&str; 7] = [
    "service",
    "product_quality",
    "delivery",
    "price",
    "offensive_ad",
    "spam",
    "sarcasm",
];

/// §5.7: incidents are a small share of ads; after each incident's start, reactions per
/// impression on that ad and channel drop measurably (at least half the recorded drop) and the
/// negative share of mentions rises.
pub fn sentiment(ds: &Dataset, r: &mut Report) -> Result<()> {
    let sd = ds.read("ads.sentiment_daily")?;
    let (s_label, s_cat, s_mentions, s_ad, s_ch, s_day) = (
        text(&sd, "sentiment")?,
        text(&sd, "category")?,
        ints(&sd, "mentions")?,
        ints(&sd, "ad_id")?,
        ints(&sd, "channel_id")?,
        days(&sd, "day")?,
    );
    let mut totals = [0i64; 3];
    let mut bad_rows = 0usize;
    for i in 0..sd.num_rows() {
        let k = match s_label.value(i) {
            "positive" => 0,
            "neutral" => 1,
            "negative" => 2,
            _ => {
                bad_rows += 1;
                continue;
            }
        };
        let cat_ok = if k == 2 {
            !s_cat.is_null(i) && NEGATIVE_CATEGORIES.contains(&s_cat.value(i))
        } else {
            s_cat.is_null(i)
        };
        if !cat_ok || s_mentions[i] < 0 {
            bad_rows += 1;
        }
        totals[k] += s_mentions[i];
    }
    let all = totals.iter().sum::<i64>().max(1) as f64;
    r.check(
        "sentiment rows well-formed (label, category only on negative, mentions ≥ 0)",
        bad_rows == 0,
        format!("{bad_rows} bad rows of {}", sd.num_rows()),
    );
    r.info(format!(
        "mentions: positive {:.1}%, neutral {:.1}%, negative {:.1}% (DOMAIN.md §4: 18/77/6)",
        totals[0] as f64 / all * 100.0,
        totals[1] as f64 / all * 100.0,
        totals[2] as f64 / all * 100.0
    ));
    if sd.num_rows() > 10_000 {
        r.check(
            "neutral mentions dominate and negatives stay a minority (DOMAIN.md §4)",
            totals[1] > totals[0] && totals[1] > totals[2] && (totals[2] as f64 / all) < 0.25,
            format!("{totals:?}"),
        );
    }

    let inc = ds.read("ads.sentiment_incidents")?;
    let (i_ad, i_ch, i_cat, i_start, i_drop) = (
        ints(&inc, "ad_id")?,
        ints(&inc, "channel_id")?,
        text(&inc, "category")?,
        days(&inc, "started_on")?,
        ints(&inc, "reaction_drop_pct")?,
    );
    if ds.has("ads.ads") {
        let ads = ds.read("ads.ads")?.num_rows();
        let share = inc.num_rows() as f64 / ads.max(1) as f64;
        r.info(format!(
            "incidents: {} of {ads} ads ({:.1}%)",
            inc.num_rows(),
            share * 100.0
        ));
        if ads >= 500 {
            r.check(
                "incidents hit a small share of ads (1–10%)",
                (0.01..=0.10).contains(&share),
                format!("{:.1}%", share * 100.0),
            );
        }
    }
    let dr = ds.read("ads.daily_results")?;
    let (d_ad, d_ch, d_day, d_imp, d_likes, d_comments, d_shares) = (
        ints(&dr, "ad_id")?,
        ints(&dr, "channel_id")?,
        days(&dr, "day")?,
        ints(&dr, "impressions")?,
        ints(&dr, "likes")?,
        ints(&dr, "comments")?,
        ints(&dr, "shares")?,
    );
    // (ad, channel) → index of the incident.
    let wanted: HashMap<(i64, i64), usize> = (0..inc.num_rows())
        .map(|i| ((i_ad[i], i_ch[i]), i))
        .collect();
    // Per incident: [impressions before, reactions before, impressions after, reactions after].
    let mut react = vec![[0f64; 4]; inc.num_rows()];
    for i in 0..dr.num_rows() {
        if let Some(&k) = wanted.get(&(d_ad[i], d_ch[i])) {
            let after = d_day[i] >= i_start[k];
            let o = if after { 2 } else { 0 };
            react[k][o] += d_imp[i] as f64;
            react[k][o + 1] += (d_likes[i] + d_comments[i] + d_shares[i]) as f64;
        }
    }
    // Per incident: [negative before, all before, negative after, all after].
    let mut neg = vec![[0f64; 4]; inc.num_rows()];
    for i in 0..sd.num_rows() {
        if let Some(&k) = wanted.get(&(s_ad[i], s_ch[i])) {
            let o = if s_day[i] >= i_start[k] { 2 } else { 0 };
            neg[k][o + 1] += s_mentions[i] as f64;
            if s_label.value(i) == "negative" {
                neg[k][o] += s_mentions[i] as f64;
            }
        }
    }
    let (mut weak, mut no_neg, mut bad_cat) = (Vec::new(), Vec::new(), 0usize);
    for k in 0..inc.num_rows() {
        if !NEGATIVE_CATEGORIES.contains(&i_cat.value(k)) {
            bad_cat += 1;
        }
        let [ib, rb, ia, ra] = react[k];
        let (before, after) = (rb / ib.max(1.0), ra / ia.max(1.0));
        let observed = if before > 0.0 {
            (1.0 - after / before) * 100.0
        } else {
            0.0
        };
        if ib == 0.0 || ia == 0.0 || observed < i_drop[k] as f64 * 0.5 {
            weak.push(format!(
                "ad {} channel {}: observed {observed:.0}% vs {}%",
                i_ad[k], i_ch[k], i_drop[k]
            ));
        }
        let [nb, ab, na, aa] = neg[k];
        if aa > 0.0 && ab > 0.0 && na / aa <= nb / ab {
            no_neg.push(format!("ad {} channel {}", i_ad[k], i_ch[k]));
        }
    }
    r.check(
        "incident categories are negative categories",
        bad_cat == 0,
        format!("{bad_cat} unknown"),
    );
    r.check(
        "reactions per impression drop ≥ half the recorded drop after each incident",
        weak.is_empty(),
        if weak.is_empty() {
            format!("{} incidents", inc.num_rows())
        } else {
            format!("{} incidents, e.g. {}", weak.len(), sample(&weak))
        },
    );
    r.check(
        "negative share of mentions rises after each incident",
        no_neg.is_empty(),
        if no_neg.is_empty() {
            format!("{} incidents", inc.num_rows())
        } else {
            format!("{} incidents, e.g. {}", no_neg.len(), sample(&no_neg))
        },
    );
    Ok(())
}

/// §5.8: primary keys are unique and every foreign key resolves, within and across stores.
pub fn integrity(ds: &Dataset, r: &mut Report) -> Result<()> {
    let brands = key_set(ds, "ads.brands", "brand_id")?;
    let campaigns = key_set(ds, "ads.campaigns", "campaign_id")?;
    let channels = key_set(ds, "ads.channels", "channel_id")?;
    let markets = key_set(ds, "ads.markets", "market_id")?;
    let clients = key_set(ds, "crm.clients", "client_id")?;
    let influencers = key_set(ds, "ads.influencers", "influencer_id")?;
    for (table, key) in [
        ("ads.brands", "brand_id"),
        ("ads.products", "product_id"),
        ("ads.campaigns", "campaign_id"),
        ("ads.ads", "ad_id"),
        ("ads.placements", "placement_id"),
        ("ads.influencers", "influencer_id"),
        ("crm.sales", "sale_id"),
        ("crm.interactions", "interaction_id"),
    ] {
        if ds.has(table) {
            unique(r, &format!("{table}.{key}"), &ints(&ds.read(table)?, key)?);
        }
    }
    let fk = |r: &mut Report,
              table: &str,
              col: &str,
              parent: &Option<HashSet<i64>>,
              label: &str|
     -> Result<()> {
        if let (true, Some(p)) = (ds.has(table), parent) {
            foreign_key(
                r,
                &format!("{table}.{col} → {label}"),
                &ints(&ds.read(table)?, col)?,
                p,
            );
        }
        Ok(())
    };
    fk(r, "ads.products", "brand_id", &brands, "ads.brands")?;
    fk(r, "ads.campaigns", "brand_id", &brands, "ads.brands")?;
    fk(
        r,
        "ads.campaign_channels",
        "campaign_id",
        &campaigns,
        "ads.campaigns",
    )?;
    fk(
        r,
        "ads.campaign_channels",
        "channel_id",
        &channels,
        "ads.channels",
    )?;
    fk(
        r,
        "ads.campaign_markets",
        "campaign_id",
        &campaigns,
        "ads.campaigns",
    )?;
    fk(
        r,
        "ads.campaign_markets",
        "market_id",
        &markets,
        "ads.markets",
    )?;
    fk(r, "ads.ads", "campaign_id", &campaigns, "ads.campaigns")?;
    let ads = key_set(ds, "ads.ads", "ad_id")?;
    let placements = key_set(ds, "ads.placements", "placement_id")?;
    fk(r, "ads.placements", "ad_id", &ads, "ads.ads")?;
    fk(
        r,
        "ads.daily_results",
        "placement_id",
        &placements,
        "ads.placements",
    )?;
    fk(
        r,
        "ads.sentiment_daily",
        "placement_id",
        &placements,
        "ads.placements",
    )?;
    fk(r, "ads.sentiment_incidents", "ad_id", &ads, "ads.ads")?;
    fk(
        r,
        "crm.client_campaigns",
        "client_id",
        &clients,
        "crm.clients",
    )?;
    fk(
        r,
        "crm.client_campaigns",
        "campaign_id",
        &campaigns,
        "ads.campaigns",
    )?;
    fk(
        r,
        "crm.client_campaigns",
        "placement_id",
        &placements,
        "ads.placements",
    )?;
    fk(r, "crm.interactions", "client_id", &clients, "crm.clients")?;
    fk(
        r,
        "crm.interactions",
        "campaign_id",
        &campaigns,
        "ads.campaigns",
    )?;
    fk(r, "crm.sales", "client_id", &clients, "crm.clients")?;
    fk(r, "crm.sales", "campaign_id", &campaigns, "ads.campaigns")?;
    fk(
        r,
        "crm.sales",
        "placement_id",
        &placements,
        "ads.placements",
    )?;
    let products = key_set(ds, "ads.products", "product_id")?;
    fk(r, "crm.sales", "product_id", &products, "ads.products")?;

    // Placements agree with their ad's campaign and the campaign's channels and markets, and
    // carry an influencer exactly on influencer channels.
    if [
        "ads.placements",
        "ads.ads",
        "ads.campaign_channels",
        "ads.campaign_markets",
        "ads.channels",
    ]
    .iter()
    .all(|t| ds.has(t))
    {
        let a = ds.read("ads.ads")?;
        let ad_campaign: HashMap<i64, i64> = ints(&a, "ad_id")?
            .into_iter()
            .zip(ints(&a, "campaign_id")?)
            .collect();
        let pair = |t: &str, c: &str| -> Result<HashSet<(i64, i64)>> {
            let b = ds.read(t)?;
            Ok(ints(&b, "campaign_id")?
                .into_iter()
                .zip(ints(&b, c)?)
                .collect())
        };
        let (cc, cmk) = (
            pair("ads.campaign_channels", "channel_id")?,
            pair("ads.campaign_markets", "market_id")?,
        );
        let ch = ds.read("ads.channels")?;
        let kind: HashMap<i64, String> = ints(&ch, "channel_id")?
            .into_iter()
            .zip(
                text(&ch, "kind")?
                    .iter()
                    .map(|s| s.unwrap_or("").to_string()),
            )
            .collect();
        let p = ds.read("ads.placements")?;
        let (pa, pc, pch, pm) = (
            ints(&p, "ad_id")?,
            ints(&p, "campaign_id")?,
            ints(&p, "channel_id")?,
            ints(&p, "market_id")?,
        );
        let pinf = int(&p, "influencer_id")?;
        let mut bad = Vec::new();
        let mut bad_inf = 0usize;
        for i in 0..p.num_rows() {
            if ad_campaign.get(&pa[i]) != Some(&pc[i])
                || !cc.contains(&(pc[i], pch[i]))
                || !cmk.contains(&(pc[i], pm[i]))
            {
                bad.push(format!("placement {}", int(&p, "placement_id")?.value(i)));
            }
            let is_inf = kind.get(&pch[i]).map(String::as_str) == Some("influencer");
            let ok = if is_inf {
                !pinf.is_null(i)
                    && influencers
                        .as_ref()
                        .is_none_or(|s| s.contains(&pinf.value(i)))
            } else {
                pinf.is_null(i)
            };
            if !ok {
                bad_inf += 1;
            }
        }
        r.check(
            "placements use their campaign's ad, channels and markets",
            bad.is_empty(),
            if bad.is_empty() {
                format!("{} placements", p.num_rows())
            } else {
                format!("{} bad, e.g. {}", bad.len(), sample(&bad))
            },
        );
        r.check(
            "influencer set exactly on influencer channels and resolves",
            bad_inf == 0,
            format!("{bad_inf} bad placements"),
        );
        let mut have: HashMap<i64, [usize; 3]> = HashMap::new();
        for c in ad_campaign.values() {
            have.entry(*c).or_default()[0] += 1;
        }
        for (c, _) in &cc {
            have.entry(*c).or_default()[1] += 1;
        }
        for (c, _) in &cmk {
            have.entry(*c).or_default()[2] += 1;
        }
        let missing: Vec<i64> = campaigns
            .iter()
            .flatten()
            .copied()
            .filter(|c| have.get(c).is_none_or(|h| h.contains(&0)))
            .collect();
        r.check(
            "every campaign has ads, channels and markets",
            missing.is_empty(),
            if missing.is_empty() {
                "all campaigns".to_string()
            } else {
                format!(
                    "{} campaigns lack one, e.g. {}",
                    missing.len(),
                    sample(&missing)
                )
            },
        );
    }
    // Ads use images 1..=max(100, round(100·S)) (content.images, generated by the content store).
    if ds.has("ads.ads") {
        let images = expected(100.0 * ds.config().scale).max(100) as i64;
        let bad: Vec<i64> = ints(&ds.read("ads.ads")?, "image_id")?
            .into_iter()
            .filter(|i| *i < 1 || *i > images)
            .collect();
        r.check(
            format!("ads.ads.image_id within 1..={images}"),
            bad.is_empty(),
            format!("{} out of range", bad.len()),
        );
    }
    Ok(())
}

/// Great-circle distance in km between two (latitude, longitude) points in degrees: the
/// haversine formula on a sphere of the mean Earth radius, 6 371.0088 km (IUGG). Written out
/// instead of a geometry crate, which cost more compile time than the whole check.
fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const MEAN_EARTH_RADIUS_KM: f64 = 6371.0088;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * MEAN_EARTH_RADIUS_KM * a.sqrt().asin()
}

#[cfg(test)]
mod distance_tests {
    use super::haversine_km;

    #[test]
    fn haversine_matches_known_distances() {
        // On a sphere of radius R: equator → pole is πR/2, one degree of arc is 2πR/360.
        let r = 6371.0088_f64;
        let quarter = haversine_km(0.0, -84.0, 90.0, 12.0);
        assert!(
            (quarter - std::f64::consts::FRAC_PI_2 * r).abs() < 1e-6,
            "{quarter}"
        );
        let one_degree = haversine_km(0.0, 0.0, 1.0, 0.0);
        assert!((one_degree - 2.0 * std::f64::consts::PI * r / 360.0).abs() < 1e-9);
        // Symmetric, and zero for one point.
        let (a, b) = (
            haversine_km(9.93, -84.09, 19.43, -99.13),
            haversine_km(19.43, -99.13, 9.93, -84.09),
        );
        assert!((a - b).abs() < 1e-9 && a > 1000.0, "{a} {b}");
        assert_eq!(haversine_km(9.9, -84.1, 9.9, -84.1), 0.0);
    }
}
