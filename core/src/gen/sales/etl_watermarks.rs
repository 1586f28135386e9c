//! `sales.etl_watermarks`: the incremental-load position of each source store.

use std::ops::Range;

use super::at;
use crate::catalog::calendar::AS_OF;
use crate::gen::TableGen;
use crate::world::World;

/// Source systems the ETL reads.
pub const SOURCES: [&str; 3] = ["content", "ads", "crm"];

/// One watermark.
#[derive(Debug)]
pub struct EtlWatermarkRow<'a> {
    /// Key.
    pub watermark_id: i64,
    /// content, ads or crm (unique).
    pub source_system: &'a str,
    /// Last change read.
    pub last_updated_at: i64,
    /// Next run.
    pub next_run_at: i64,
    /// idle, running or failed.
    pub etl_status: &'a str,
    /// Rows read by the last run.
    pub records_processed: i64,
}

/// Generator of `sales.etl_watermarks` (unit: catalog row).
#[derive(Debug)]
pub struct EtlWatermarks;

impl TableGen for EtlWatermarks {
    type Row<'a> = EtlWatermarkRow<'a>;

    fn units(_: &World) -> u64 {
        SOURCES.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&EtlWatermarkRow<'_>)>(_: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            emit(&EtlWatermarkRow {
                watermark_id: u as i64 + 1,
                source_system: SOURCES[u as usize],
                last_updated_at: at(AS_OF, 2 * 3600 + u as i64 * 600),
                next_run_at: at(AS_OF + 1, 2 * 3600 + u as i64 * 600),
                etl_status: "idle",
                records_processed: 0,
            });
        }
    }
}
