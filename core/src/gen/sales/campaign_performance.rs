//! `sales.campaign_performance`: the consolidated scorecard per campaign. Left empty by the generator: the ETL fills it from the
//! other stores.

use std::ops::Range;

use crate::gen::TableGen;
use crate::world::World;

/// One summary row.
#[derive(Debug)]
pub struct CampaignPerformanceRow<'a> {
    /// Campaign (key).
    pub campaign_id: i64,
    /// Name.
    pub campaign_name: &'a str,
    /// Status.
    pub campaign_status: &'a str,
    /// Budget, cents.
    pub budget_total: i64,
    /// Spent, cents.
    pub budget_spent: i64,
    /// Impressions.
    pub total_impressions: i64,
    /// Clicks.
    pub total_clicks: i64,
    /// Leads.
    pub total_leads: i64,
    /// Sales.
    pub total_customers: i64,
    /// Revenue, cents.
    pub total_revenue: i64,
    /// Loaded by the ETL.
    pub last_updated: i64,
}

/// Generator of `sales.campaign_performance` (no units: the table starts empty).
#[derive(Debug)]
pub struct CampaignPerformance;

impl TableGen for CampaignPerformance {
    type Row<'a> = CampaignPerformanceRow<'a>;

    fn units(_: &World) -> u64 {
        0
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        0
    }

    fn generate<F: FnMut(&CampaignPerformanceRow<'_>)>(_: &World, _: Range<u64>, _: F) {}
}
