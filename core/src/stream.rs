//! Lazy Arrow streams: a table's rows as a [`RecordBatchReader`] that generates each batch
//! only when the consumer asks for it, so a table larger than memory can be consumed batch by
//! batch (the Python bindings hand this reader to pyarrow, polars and DuckDB through the Arrow C
//! stream interface).
//!
//! The batches are exactly the chunks the file writers turn into Parquet row groups (same
//! boundaries, same rows, in order). When the next batch is needed, a small window of the
//! following chunks is generated in parallel (bounded prefetch: at most `window` batches are
//! held), so the stream is as fast as the writers' generation and its memory does not grow with
//! the scale.
//!
//! ```
//! use std::sync::Arc;
//! use promptsales_core::{registry, stream::TableStream, Config, Partition, World};
//!
//! let world = Arc::new(World::new(&Config { scale: 0.002, ..Config::default() }));
//! let table = registry::table("ads.campaigns")?;
//! let rows: usize = TableStream::new(world, table, Partition::default())
//!     .map(|batch| batch.map(|b| b.num_rows()))
//!     .sum::<Result<usize, _>>()?;
//! assert_eq!(rows, 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

use arrow::datatypes::SchemaRef;
use arrow::error::ArrowError;
use arrow::record_batch::{RecordBatch, RecordBatchReader};
use rayon::prelude::*;

use crate::config::Partition;
use crate::registry::TableDef;
use crate::sink::DEFAULT_ROW_GROUP_ROWS;
use crate::world::World;

/// One table (or one part of it) as a lazy, ordered stream of record batches.
#[derive(Debug)]
pub struct TableStream {
    world: Arc<World>,
    table: &'static TableDef,
    schema: SchemaRef,
    chunks: Vec<Range<u64>>,
    next_chunk: usize,
    window: usize,
    ready: VecDeque<RecordBatch>,
    failed: bool,
}

impl TableStream {
    /// The rows of `partition` of `table`, cut into the writers' chunks of
    /// [`DEFAULT_ROW_GROUP_ROWS`] rows. Nothing is generated until the first batch is read.
    pub fn new(world: Arc<World>, table: &'static TableDef, partition: Partition) -> Self {
        Self::with_chunk_rows(world, table, partition, DEFAULT_ROW_GROUP_ROWS)
    }

    /// As [`TableStream::new`] with chunks of about `chunk_rows` rows (the writers'
    /// `row_group_rows`).
    pub fn with_chunk_rows(
        world: Arc<World>,
        table: &'static TableDef,
        partition: Partition,
        chunk_rows: u64,
    ) -> Self {
        let units = partition.row_range(table.units(&world));
        let chunks = table.chunks(&world, units, chunk_rows.max(1));
        TableStream {
            schema: table.schema(),
            world,
            table,
            chunks,
            next_chunk: 0,
            window: 2 * rayon::current_num_threads().max(1),
            ready: VecDeque::new(),
            failed: false,
        }
    }

    /// Sets how many batches are generated ahead, in parallel, when the consumer asks for the
    /// next one (1 = strictly one at a time, no parallelism).
    pub fn prefetch(mut self, window: usize) -> Self {
        self.window = window.max(1);
        self
    }

    /// The table streamed.
    pub fn table(&self) -> &'static TableDef {
        self.table
    }

    /// Number of batches the stream yields in total.
    pub fn num_batches(&self) -> usize {
        self.chunks.len()
    }

    fn fill(&mut self) -> Result<(), ArrowError> {
        let end = (self.next_chunk + self.window).min(self.chunks.len());
        let todo = &self.chunks[self.next_chunk..end];
        let world = &*self.world;
        let table = self.table;
        let batches: Vec<RecordBatch> = todo
            .par_iter()
            .map(|units| table.batch(world, units.clone()))
            .collect::<crate::Result<_>>()
            .map_err(|e| ArrowError::ExternalError(Box::new(e)))?;
        self.next_chunk = end;
        self.ready.extend(batches);
        Ok(())
    }
}

impl Iterator for TableStream {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        if self.ready.is_empty() && self.next_chunk < self.chunks.len() {
            if let Err(e) = self.fill() {
                self.failed = true;
                return Some(Err(e));
            }
        }
        self.ready.pop_front().map(Ok)
    }
}

impl RecordBatchReader for TableStream {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::registry::TABLES;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    fn world() -> Arc<World> {
        Arc::new(World::new(&Config {
            scale: 0.003,
            ..Config::default()
        }))
    }

    #[test]
    fn stream_equals_the_writers_chunks_for_every_table_and_window() -> TestResult {
        let world = world();
        for table in TABLES {
            let units = 0..table.units(&world);
            let expected = table
                .chunks(&world, units, 1024)
                .into_iter()
                .map(|c| table.batch(&world, c))
                .collect::<crate::Result<Vec<_>>>()?;
            for window in [1, 3] {
                let got =
                    TableStream::with_chunk_rows(world.clone(), table, Partition::default(), 1024)
                        .prefetch(window)
                        .collect::<Result<Vec<_>, _>>()?;
                assert_eq!(got, expected, "{} window {window}", table.qualified_name());
            }
        }
        Ok(())
    }

    #[test]
    fn generates_only_a_window_ahead() -> TestResult {
        let world = world();
        let table = crate::registry::table("crm.clients")?;
        let mut stream =
            TableStream::with_chunk_rows(world, table, Partition::default(), 100).prefetch(2);
        assert!(stream.num_batches() > 4);
        assert_eq!(
            stream.next_chunk, 0,
            "nothing is generated before the first read"
        );
        stream.next().transpose()?;
        assert_eq!((stream.next_chunk, stream.ready.len()), (2, 1));
        stream.next().transpose()?;
        stream.next().transpose()?;
        assert_eq!((stream.next_chunk, stream.ready.len()), (4, 1));
        Ok(())
    }

    #[test]
    fn parts_concatenate_to_the_whole() -> TestResult {
        let world = world();
        let table = crate::registry::table("crm.client_campaigns")?;
        let rows =
            |p: Partition| TableStream::new(world.clone(), table, p).collect::<Result<Vec<_>, _>>();
        let whole = arrow::compute::concat_batches(&table.schema(), &rows(Partition::default())?)?;
        let mut parts = Vec::new();
        for k in 1..=3 {
            parts.extend(rows(Partition::new(k, 3)?)?);
        }
        let joined = arrow::compute::concat_batches(&table.schema(), &parts)?;
        assert!(whole.num_rows() > 0);
        assert_eq!(joined, whole);
        Ok(())
    }
}
