//! The `economics` verify group (docs/economics.md): it passes on generated data at a scale
//! where it judges (≥ 300 campaigns), records the named metrics, and fails by name on a copy
//! corrupted to break each relationship.

mod common;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use common::{col, edit_csv, generate, rehash, run};

fn verify(dir: &Path) -> (bool, String) {
    let o = run(&["verify", dir.to_str().expect("utf-8")]);
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    for f in common::files(from) {
        let dst = to.join(&f);
        fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
        fs::copy(from.join(&f), dst).expect("copy");
    }
}

fn read_csv(path: &Path) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut rdr = csv::Reader::from_path(path).expect("open csv");
    let header = rdr.headers().expect("header").clone();
    let rows = rdr.records().map(|r| r.expect("row")).collect();
    (header, rows)
}

fn set(row: &csv::StringRecord, c: usize, value: String) -> csv::StringRecord {
    let mut r: Vec<String> = row.iter().map(String::from).collect();
    r[c] = value;
    csv::StringRecord::from(r)
}

fn cents(s: &str) -> i64 {
    let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
    let frac = format!("{frac:0<2}");
    whole.parse::<i64>().expect("cents") * 100 + frac[..2].parse::<i64>().expect("cents")
}

fn money(c: i64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

/// Channel kind of a catalog channel id (DESIGN.md §5b channel catalog, ids 1..=12).
fn kind(channel_id: &str) -> &'static str {
    match channel_id {
        "1" | "2" | "3" | "4" => "social",
        "5" => "professional",
        "6" => "search",
        "7" => "display",
        "8" => "video",
        "9" => "email",
        "10" => "sms",
        _ => "influencer",
    }
}

/// Market ids 1–17 and 26–31 are Latin American (CR, MX, CO, PA, GT); 18–25 are US and Spain.
fn latin_america(market_id: &str) -> bool {
    let m: i64 = market_id.parse().expect("market id");
    !(18..=25).contains(&m)
}

/// Breaks a copy in `rel` and asserts verify fails with `[FAIL] {expect}`.
fn breach(
    base: &Path,
    name: &str,
    rel: &str,
    edit: impl FnOnce(&csv::StringRecord, &mut Vec<csv::StringRecord>),
    expect: &str,
) {
    let dir = base.parent().expect("parent").join(name);
    copy_dir(base, &dir);
    edit_csv(&dir.join(rel), edit);
    rehash(&dir, rel);
    let (ok, report) = verify(&dir);
    assert!(!ok, "{name}: verify passed a corrupted dataset:\n{report}");
    assert!(
        report.contains(&format!("[FAIL] {expect}")),
        "{name}: expected '[FAIL] {expect}' in:\n{report}"
    );
}

#[test]
fn economics_holds_and_each_breach_is_caught_by_name() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let base = tmp.path().join("base");
    generate(&base, &["--scale", "0.3", "--format", "csv"]);
    let (ok, report) = verify(&base);
    assert!(ok, "the uncorrupted copy must pass:\n{report}");
    for judged in [
        "[ok] median campaign ROAS in range",
        "[ok] blended ROAS in range",
        "[ok] campaign spend correlates with revenue",
        "[ok] campaign spend correlates with conversions",
        "[ok] ROAS ordered as the sources order channels",
        "[ok] sales per lead fall with distance from the market city",
        "[ok] peak months convert better",
        "[ok] sales per lead rise with cost per lead",
        "[ok] ROAS search within cited range",
        "[ok] CPC social within cited range",
    ] {
        assert!(report.contains(judged), "missing '{judged}' in:\n{report}");
    }
    // The named metrics reach `verify --json`.
    let o = run(&["verify", "--json", base.to_str().expect("utf-8")]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("verify --json");
    let text = json.to_string();
    for metric in [
        "roas.campaign_median",
        "roas.blended",
        "roas.kind.email",
        "cpa.kind.search",
        "cpc.kind.display",
        "cpm.kind.social",
        "click_to_sale.kind.search",
        "corr.spend_revenue",
        "corr.spend_conversions",
        "distance.sales_per_lead.q1",
        "distance.sales_per_lead.q5",
        "peak.sales_per_lead.peak",
        "peak.sales_per_lead.other",
        "channel_market.sales_per_lead.social.CR",
        "lead_cost.sales_per_lead.q5",
    ] {
        assert!(
            text.contains(&format!("\"{metric}\"")),
            "{metric} not in --json"
        );
    }

    // Paid social bought at five times its price: its CPC leaves the cited range (at scale 0.3
    // only kinds used by ≥ 60 campaigns are judged; social is).
    breach(
        &base,
        "social_price",
        "ads/daily_results.csv",
        |h, rows| {
            let (c, ch) = (col(h, "cost"), col(h, "channel_id"));
            for r in rows.iter_mut().filter(|r| kind(&r[ch]) == "social") {
                *r = set(r, c, money(cents(&r[c]) * 5));
            }
        },
        "CPC social within cited range",
    );

    // One campaign in seven spends thirty times as much for the same results: spend no
    // longer tracks revenue.
    breach(
        &base,
        "spend_noise",
        "ads/daily_results.csv",
        |h, rows| {
            let (c, k) = (col(h, "cost"), col(h, "campaign_id"));
            for r in rows.iter_mut() {
                if r[k].parse::<i64>().expect("id") % 7 == 0 {
                    *r = set(r, c, money(cents(&r[c]) * 30));
                }
            }
        },
        "campaign spend correlates with revenue",
    );

    // Client coordinates rotated by one row: distance no longer says anything about buying.
    breach(
        &base,
        "distance",
        "crm/clients.csv",
        |h, rows| {
            let (la, lo) = (col(h, "latitude"), col(h, "longitude"));
            let coords: Vec<(String, String)> = rows
                .iter()
                .map(|r| (r[la].to_string(), r[lo].to_string()))
                .collect();
            let n = rows.len();
            for (i, r) in rows.iter_mut().enumerate() {
                let (a, b) = &coords[(i + n / 2) % n];
                *r = set(&set(r, la, a.clone()), lo, b.clone());
            }
        },
        "sales per lead fall with distance from the market city",
    );

    // Two in three sales of leads captured in peak months (Dec, Jan, Aug) removed.
    let (ch, links) = read_csv(&base.join("crm/client_campaigns.csv"));
    let (lc, lk, lday) = (
        col(&ch, "client_id"),
        col(&ch, "campaign_id"),
        col(&ch, "captured_on"),
    );
    let peak_leads: HashSet<(String, String)> = links
        .iter()
        .filter(|r| {
            let month = &r[lday][5..7];
            matches!(month, "12" | "01" | "08")
        })
        .map(|r| (r[lc].to_string(), r[lk].to_string()))
        .collect();
    breach(
        &base,
        "peak",
        "crm/sales.csv",
        |h, rows| {
            let (c, k) = (col(h, "client_id"), col(h, "campaign_id"));
            let mut n = 0usize;
            rows.retain(|r| {
                if peak_leads.contains(&(r[c].to_string(), r[k].to_string())) {
                    n += 1;
                    n.is_multiple_of(3)
                } else {
                    true
                }
            });
        },
        "peak months convert better",
    );

    // Two in three sales of social leads in Latin American markets removed.
    breach(
        &base,
        "channel_market",
        "crm/sales.csv",
        |h, rows| {
            let (c, m) = (col(h, "channel_id"), col(h, "market_id"));
            let mut n = 0usize;
            rows.retain(|r| {
                if kind(&r[c]) == "social" && latin_america(&r[m]) {
                    n += 1;
                    n.is_multiple_of(3)
                } else {
                    true
                }
            });
        },
        "channel × market: social sells more in Latin America, search in the US and Spain",
    );

    // Cost per lead mirrored within each channel kind (new CPL = median² / CPL): the
    // priciest leads become the cheapest.
    breach(
        &base,
        "lead_cost",
        "ads/daily_results.csv",
        |h, rows| {
            let (c, k, chn, l) = (
                col(h, "cost"),
                col(h, "campaign_id"),
                col(h, "channel_id"),
                col(h, "leads"),
            );
            let mut groups: HashMap<(String, &str), (f64, f64)> = HashMap::new();
            for r in rows.iter() {
                let e = groups.entry((r[k].to_string(), kind(&r[chn]))).or_default();
                e.0 += cents(&r[c]) as f64;
                e.1 += r[l].parse::<f64>().expect("leads");
            }
            let mut by_kind: HashMap<&str, Vec<f64>> = HashMap::new();
            for ((_, kd), (cost, leads)) in &groups {
                if *leads > 0.0 {
                    by_kind.entry(kd).or_default().push(cost / leads);
                }
            }
            let median: HashMap<&str, f64> = by_kind
                .into_iter()
                .map(|(kd, mut v)| {
                    v.sort_by(f64::total_cmp);
                    (kd, v[v.len() / 2])
                })
                .collect();
            for r in rows.iter_mut() {
                let kd = kind(&r[chn]);
                let (cost, leads) = groups[&(r[k].to_string(), kd)];
                if leads > 0.0 && cost > 0.0 {
                    let cpl = cost / leads;
                    let factor = (median[kd] / cpl).powi(2);
                    let new = (cents(&r[c]) as f64 * factor).round() as i64;
                    *r = set(r, c, money(new));
                }
            }
        },
        "sales per lead rise with cost per lead",
    );
}
