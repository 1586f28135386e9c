//! `sales.ads_summary`: ad results per campaign, day and channel. Left empty by the generator: the ETL fills it from the
//! other stores.

use std::ops::Range;

use crate::gen::TableGen;
use crate::world::World;

/// One summary row.
#[derive(Debug)]
pub struct AdsSummaryRow<'a> {
    /// Key.
    pub summary_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Day.
    pub summary_date: i32,
    /// Channel name.
    pub channel: &'a str,
    /// Impressions.
    pub impressions: i64,
    /// Clicks.
    pub clicks: i64,
    /// Cost, cents.
    pub spent: i64,
    /// Reach.
    pub reach: i64,
    /// Interactions.
    pub engagement: i64,
    /// Sales.
    pub conversions: i64,
    /// Loaded by the ETL.
    pub etl_processed_at: i64,
}

/// Generator of `sales.ads_summary` (no units: the table starts empty).
#[derive(Debug)]
pub struct AdsSummary;

impl TableGen for AdsSummary {
    type Row<'a> = AdsSummaryRow<'a>;

    fn units(_: &World) -> u64 {
        0
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        0
    }

    fn generate<F: FnMut(&AdsSummaryRow<'_>)>(_: &World, _: Range<u64>, _: F) {}
}
