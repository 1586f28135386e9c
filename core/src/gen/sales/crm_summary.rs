//! `sales.crm_summary`: funnel results per campaign and day. Left empty by the generator: the ETL fills it from the
//! other stores.

use std::ops::Range;

use crate::gen::TableGen;
use crate::world::World;

/// One summary row.
#[derive(Debug)]
pub struct CrmSummaryRow {
    /// Key.
    pub summary_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Day.
    pub summary_date: i32,
    /// Leads.
    pub leads_total: i64,
    /// MQL or better.
    pub leads_qualified: i64,
    /// Won.
    pub customers_converted: i64,
    /// Revenue, cents.
    pub revenue_generated: i64,
    /// Loaded by the ETL.
    pub etl_processed_at: i64,
}

/// Generator of `sales.crm_summary` (no units: the table starts empty).
#[derive(Debug)]
pub struct CrmSummary;

impl TableGen for CrmSummary {
    type Row<'a> = CrmSummaryRow;

    fn units(_: &World) -> u64 {
        0
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        0
    }

    fn generate<F: FnMut(&CrmSummaryRow)>(_: &World, _: Range<u64>, _: F) {}
}
