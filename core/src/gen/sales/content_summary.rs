//! `sales.content_summary`: content the campaign consumed, per day and content type. Left empty by the generator: the ETL fills it from the
//! other stores.

use std::ops::Range;

use crate::gen::TableGen;
use crate::world::World;

/// One summary row.
#[derive(Debug)]
pub struct ContentSummaryRow<'a> {
    /// Key.
    pub summary_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Day.
    pub summary_date: i32,
    /// image, video, text or audio.
    pub content_type: &'a str,
    /// Pieces.
    pub total_pieces: i64,
    /// Approved.
    pub approved_pieces: i64,
    /// Rejected.
    pub rejected_pieces: i64,
    /// Waiting for review.
    pub pending_review: i64,
    /// Loaded by the ETL.
    pub etl_processed_at: i64,
}

/// Generator of `sales.content_summary` (no units: the table starts empty).
#[derive(Debug)]
pub struct ContentSummary;

impl TableGen for ContentSummary {
    type Row<'a> = ContentSummaryRow<'a>;

    fn units(_: &World) -> u64 {
        0
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        0
    }

    fn generate<F: FnMut(&ContentSummaryRow<'_>)>(_: &World, _: Range<u64>, _: F) {}
}
