//! `sales.etl_execution_logs`: nightly ETL runs over the last 90 days of the window.

use std::ops::Range;

use super::at;
use crate::catalog::calendar::AS_OF;
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// Days of history.
pub const DAYS: u64 = 90;
/// Jobs per night.
pub const JOBS: [&str; 3] = ["content_summary", "ads_summary", "crm_summary"];

/// One run.
#[derive(Debug)]
pub struct EtlExecutionLogRow<'a> {
    /// Key.
    pub execution_id: i64,
    /// Job.
    pub etl_name: &'a str,
    /// success, partial or failed.
    pub status: &'a str,
    /// Rows written.
    pub records_processed: i64,
    /// Rows rejected.
    pub records_failed: i64,
    /// Start.
    pub started_at: i64,
    /// End.
    pub completed_at: i64,
    /// Error text.
    pub error_message: Option<&'a str>,
}

/// Generator of `sales.etl_execution_logs` (unit: run).
#[derive(Debug)]
pub struct EtlExecutionLogs;

const S: Stream = Stream::new("sales.etl_execution_logs");

impl TableGen for EtlExecutionLogs {
    type Row<'a> = EtlExecutionLogRow<'a>;

    fn units(_: &World) -> u64 {
        DAYS * JOBS.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&EtlExecutionLogRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let day = AS_OF - (DAYS - 1) as i32 + (u / JOBS.len() as u64) as i32;
            let job = (u % JOBS.len() as u64) as usize;
            let mut rng = S.rng(world.config.seed, u);
            let started_at = at(day, 2 * 3600 + job as i64 * 600);
            let r = rng.unit();
            let (status, failed, error) = if r < 0.02 {
                ("failed", 0, Some("source connection timed out"))
            } else if r < 0.06 {
                (
                    "partial",
                    rng.between(1, 50),
                    Some("rows rejected by a check constraint"),
                )
            } else {
                ("success", 0, None)
            };
            emit(&EtlExecutionLogRow {
                execution_id: u as i64 + 1,
                etl_name: JOBS[job],
                status,
                records_processed: if status == "failed" {
                    0
                } else {
                    rng.between(500, 20_000)
                },
                records_failed: failed,
                started_at,
                completed_at: started_at + rng.between(20, 400),
                error_message: error,
            });
        }
    }
}
