//! Pure row generation: one module per table, no I/O and no Arrow. A generator walks a range of
//! its *units* (the rows it is partitioned by: campaigns, clients, brands, catalog rows) and
//! hands each row to a callback; rows borrow scratch strings, so nothing allocates per row.

pub mod ads;
pub mod content;
pub mod crm;
pub mod sales;

use std::ops::Range;

use crate::world::World;

/// A table's generator.
pub trait TableGen {
    /// The row struct; fields are named like the columns.
    type Row<'a>;
    /// Number of partition units at this world's scale.
    fn units(world: &World) -> u64;
    /// Rows unit `unit` produces (exact where cheap, an estimate otherwise); used to size chunks.
    fn unit_rows(world: &World, unit: u64) -> u64;
    /// Emits the rows of `units`, in order.
    fn generate<F: FnMut(&Self::Row<'_>)>(world: &World, units: Range<u64>, emit: F);
}
