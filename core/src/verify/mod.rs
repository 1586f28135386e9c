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

use std::path::Path;

use crate::error::Result;

pub use content::{key_shaped, tag_in_description};
pub use dataset::{cents, day, float, int, seconds, text, Dataset};
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

/// Verifies an opened dataset.
pub fn verify(ds: &Dataset) -> Result<Report> {
    let mut report = Report::new(ds);
    for (name, needs, check) in GROUPS {
        if needs.iter().all(|t| ds.has(t)) {
            report.begin(name);
            check(ds, &mut report)?;
        } else {
            report.skip(name, needs.iter().filter(|t| !ds.has(t)).copied().collect());
        }
    }
    Ok(report)
}
