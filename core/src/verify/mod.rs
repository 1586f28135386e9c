//! `verify`: reads a generated dataset back with Arrow's own readers and checks every invariant
//! of DESIGN.md §5 that applies to the tables present, independently of the generator (it never
//! calls the generator to decide what is right, except to rebuild nothing: expected sizes come
//! from the formulas of DESIGN.md §4).
//!
//! Checks are grouped in modules (`ads_crm`, and one per store as stores are added); each group
//! is a function `fn(&Dataset, &mut Report) -> Result<()>` listed in [`GROUPS`].

mod ads_crm;
mod content;
mod dataset;
mod economics;
mod report;
mod sales;
pub mod state;

use std::path::Path;

use crate::error::Result;

pub use content::{key_shaped, tag_in_description};
pub use dataset::{cents, day, float, int, seconds, text, Dataset, FileProblem};
pub use report::{Check, Metric, Report, Section};

/// A group of checks: its name, the tables it needs, and the function.
pub type Group = (
    &'static str,
    &'static [&'static str],
    fn(&Dataset, &mut Report) -> Result<()>,
);

/// Every check group, in report order. A group runs when all its tables are in the dataset.
pub static GROUPS: &[Group] = &[
    ("files", &[], dataset::check_files),
    ("campaigns", &["ads.campaigns"], ads_crm::campaigns),
    (
        "seasonality",
        &["ads.campaigns", "ads.daily_results"],
        ads_crm::seasonality,
    ),
    (
        "results",
        &[
            "ads.campaigns",
            "ads.placements",
            "ads.daily_results",
            "ads.channels",
        ],
        ads_crm::results,
    ),
    (
        "reconciliation",
        &["ads.daily_results", "crm.sales", "crm.client_campaigns"],
        ads_crm::reconciliation,
    ),
    (
        "crm",
        &["crm.clients", "crm.client_campaigns", "ads.markets"],
        ads_crm::crm,
    ),
    (
        "sentiment",
        &[
            "ads.sentiment_incidents",
            "ads.sentiment_daily",
            "ads.daily_results",
        ],
        ads_crm::sentiment,
    ),
    ("integrity", &[], ads_crm::integrity),
    (
        "economics",
        &[
            "ads.daily_results",
            "ads.channels",
            "ads.markets",
            "crm.client_campaigns",
            "crm.sales",
            "crm.clients",
        ],
        economics::economics,
    ),
    (
        "sales mirror",
        &["ads.campaigns", "sales.campaigns"],
        sales::mirror,
    ),
    (
        "sales ledger",
        &["sales.campaigns", "sales.campaign_budget_transactions"],
        sales::ledger,
    ),
    ("sales integrity", &["sales.users"], sales::integrity),
    ("content", &["content.images"], content::images_check),
    (
        "content-ads",
        &["content.images", "ads.ads"],
        content::cross_store,
    ),
    (
        "content-collections",
        &[
            "content.services",
            "content.credentials",
            "content.request_log",
            "content.campaign_logs",
            "content.mcp_servers",
        ],
        content::collections,
    ),
];

/// Verifies the dataset in `dir` (a folder with `manifest.json`, or with the
/// `manifest.<part>.json` of every part of a partitioned run).
pub fn verify_dir(dir: &Path) -> Result<Report> {
    let ds = Dataset::open(dir)?;
    verify(&ds)
}

/// Verifies part `part` of a partitioned dataset alone: its files and its tables' row counts
/// (`verify --part K`).
pub fn verify_part(dir: &Path, part: u32) -> Result<Report> {
    let ds = Dataset::open_part(dir, part)?;
    verify(&ds)
}

/// Verifies an opened dataset. File sizes and checksums are checked first; then every group
/// runs even when a table is damaged or missing: a group that cannot read its tables (or whose
/// reader crashes on corrupt bytes) becomes a failed check naming the file, and the report is
/// always complete.
pub fn verify(ds: &Dataset) -> Result<Report> {
    let mut report = Report::new(ds);
    for (name, needs, check) in GROUPS {
        if ds.part().is_some() && *name != "files" {
            report.skip_because(
                name,
                "cross-table checks need every part: run verify on the folder of all parts",
            );
            continue;
        }
        if needs.iter().all(|t| ds.has(t)) {
            report.begin(name);
            run_guarded(&mut report, |r| check(ds, r));
        } else {
            report.skip(name, needs.iter().filter(|t| !ds.has(t)).copied().collect());
        }
    }
    if ds.part().is_some() {
        report.begin("part tables");
        run_guarded(&mut report, |r| dataset::check_part_tables(ds, r));
    }
    Ok(report)
}

/// Runs one group; an error or a panic (a reader meeting corrupt bytes) becomes a failed check
/// in that group instead of ending the report.
fn run_guarded(report: &mut Report, group: impl FnOnce(&mut Report) -> Result<()>) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| group(report)));
    let failure = match outcome {
        Ok(Ok(())) => return,
        Ok(Err(e)) => e.to_string(),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown");
            format!("a reader crashed on damaged data: {msg}")
        }
    };
    report.check(
        "the group's tables could be read",
        false,
        failure.lines().next().unwrap_or_default(),
    );
}
