//! Change over time (DESIGN.md §10): the state at an instant and the delta between two.
//!
//! The state at `T` is what the registry's generators produce for [`World::at`]`(T)`. The
//! tables that change after the window are [`TRACKED`]; each carries `updated_at`, the row's
//! last change. Rows are never deleted, so the delta from `T` to `T'` is the rows of state(`T'`)
//! whose `updated_at` is after `T` — new rows (keys absent at `T`) and changed rows (same key) —
//! and state(`T`) + delta(`T`→`T'`) = state(`T'`), applied as an upsert keyed by [`primary_key`].
//! Only campaigns still running after `T` change, so a delta generates just those
//! ([`live_units`]).
//!
//! ```
//! use promptsales_core::{clock, delta, registry, Config, World};
//!
//! let world = World::new(&Config { scale: 0.005, ..Config::default() });
//! let t1 = clock::parse_instant("--to", "2025-11-02T12:00:00")?;
//! let table = registry::table("crm.client_campaigns")?;
//! let rows = delta::delta(&world.at(t1), clock::WINDOW_END, table)?;
//! assert!(rows.num_rows() > 0, "leads keep arriving");
//! # Ok::<(), promptsales_core::Error>(())
//! ```

use std::ops::Range;

use arrow::array::{Array, AsArray, BooleanArray};
use arrow::compute::{concat_batches, filter_record_batch};
use arrow::datatypes::TimestampSecondType;
use arrow::record_batch::RecordBatch;

use crate::clock;
use crate::error::{Error, Result};
use crate::registry::{self, TableDef};
use crate::world::{last_change, World};

/// The tables that change after the window, in registry (load) order.
pub const TRACKED: [&str; 5] = [
    "ads.campaigns",
    "ads.daily_results",
    "crm.client_campaigns",
    "crm.interactions",
    "crm.sales",
];

/// The marker column every tracked table carries.
pub const MARKER: &str = "updated_at";

/// Whether a table changes after the window.
pub fn is_tracked(table: &TableDef) -> bool {
    TRACKED.contains(&table.qualified_name().as_str())
}

/// The tracked tables of the registry, in order.
pub fn tracked_tables() -> Result<Vec<&'static TableDef>> {
    TRACKED.iter().map(|n| registry::table(n)).collect()
}

/// Primary-key columns of a tracked table (as in `sql/<store>/postgres/keys.sql`).
pub fn primary_key(table: &TableDef) -> &'static [&'static str] {
    match table.qualified_name().as_str() {
        "ads.campaigns" => &["campaign_id"],
        "ads.daily_results" => &["placement_id", "day"],
        "crm.client_campaigns" => &["client_id", "campaign_id"],
        "crm.interactions" => &["interaction_id"],
        "crm.sales" => &["sale_id"],
        _ => &[],
    }
}

/// Campaign units (indices) whose rows can change after instant `since`: active at the as-of
/// date and not over by `since` (end date + the interaction tail, [`last_change`]), as
/// contiguous ranges.
pub fn live_units(world: &World, since: i64) -> Vec<Range<u64>> {
    let mut out: Vec<Range<u64>> = Vec::new();
    for (i, c) in world.campaigns.iter().enumerate() {
        if last_change(c) <= since {
            continue;
        }
        let i = i as u64;
        match out.last_mut() {
            Some(r) if r.end == i => r.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// Rows of `batch` whose `updated_at` is after `since`.
pub fn changed_since(batch: &RecordBatch, since: i64) -> Result<RecordBatch> {
    let marker = batch
        .column_by_name(MARKER)
        .and_then(|c| c.as_primitive_opt::<TimestampSecondType>())
        .ok_or_else(|| {
            Error::dataset("", format!("no {MARKER} column of type Timestamp(Second)"))
        })?;
    let keep: BooleanArray = (0..marker.len())
        .map(|i| Some(marker.is_valid(i) && marker.value(i) > since))
        .collect();
    Ok(filter_record_batch(batch, &keep)?)
}

/// delta(`since` → `world.clock`) of one tracked table: the rows of the state at the world's
/// clock changed or added after `since`, in the table's row order.
pub fn delta(world: &World, since: i64, table: &TableDef) -> Result<RecordBatch> {
    if !is_tracked(table) {
        return Err(Error::UnknownTable(format!(
            "{} (no deltas: it does not change after the window; tracked: {})",
            table.qualified_name(),
            TRACKED.join(", ")
        )));
    }
    if since > world.clock {
        return Err(Error::invalid(
            "--from",
            format!(
                "{} is after --to {}",
                clock::format_instant(since),
                clock::format_instant(world.clock)
            ),
        ));
    }
    let mut parts = Vec::new();
    for units in live_units(world, since) {
        parts.push(changed_since(&table.batch(world, units)?, since)?);
    }
    Ok(concat_batches(&table.schema(), &parts)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn tracked_tables_carry_the_marker_and_their_keys() -> Result<()> {
        for t in tracked_tables()? {
            let schema = t.schema();
            assert!(schema.field_with_name(MARKER).is_ok(), "{}", t.name);
            for k in primary_key(t) {
                assert!(schema.field_with_name(k).is_ok(), "{}.{k}", t.name);
            }
            assert!(!primary_key(t).is_empty());
        }
        Ok(())
    }

    #[test]
    fn live_units_are_the_campaigns_running_after_since() {
        let world = World::new(&Config {
            scale: 0.02,
            ..Config::default()
        });
        let live: u64 = live_units(&world, clock::WINDOW_END)
            .iter()
            .map(|r| r.end - r.start)
            .sum();
        assert_eq!(
            live, 6,
            "round(0.30 · 20) campaigns are active at the window end"
        );
        assert!(live_units(&world, clock::LAST_INSTANT).is_empty());
    }
}
