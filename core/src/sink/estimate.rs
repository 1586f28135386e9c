//! Output size estimates (`promptsales tables --bytes`): a sample of each table's first rows is
//! encoded exactly as `generate` would, and its bytes per row are scaled to the table's row
//! count. An estimate, not a promise: Parquet compresses a large file somewhat better than a
//! sample, so the Parquet figure errs on the high side.

use parquet::arrow::ArrowWriter;
use parquet::basic::Compression as PqCompression;
use parquet::file::properties::WriterProperties;

use crate::config::Format;
use crate::error::Result;
use crate::registry::TableDef;
use crate::world::World;

use super::Encoder;

/// Rows sampled per table.
const SAMPLE_ROWS: u64 = 8192;

/// Estimated bytes of `table` written as `format` with the default options (Snappy Parquet),
/// given its exact row count `rows`. `None` when the table cannot be written as `format`.
pub fn estimate_bytes(
    world: &World,
    table: &TableDef,
    format: Format,
    rows: u64,
) -> Result<Option<u64>> {
    if !table.supports(format) {
        return Ok(None);
    }
    let units = table.units(world);
    let sample = table
        .chunks(world, 0..units, SAMPLE_ROWS)
        .into_iter()
        .next()
        .unwrap_or(0..0);
    let (sample_rows, sample_bytes, fixed) = match format {
        Format::Parquet => {
            let batch = table.batch(world, sample)?;
            let props = WriterProperties::builder()
                .set_compression(PqCompression::SNAPPY)
                .build();
            let mut buf = Vec::new();
            let mut w = ArrowWriter::try_new(&mut buf, table.schema_for(world), Some(props))?;
            w.write(&batch)?;
            w.close()?;
            // An empty file's size is the footer and schema, paid once.
            let mut empty = Vec::new();
            ArrowWriter::try_new(&mut empty, table.schema_for(world), None)?.close()?;
            let fixed = empty.len() as u64;
            (
                batch.num_rows() as u64,
                (buf.len() as u64).saturating_sub(fixed),
                fixed,
            )
        }
        Format::Csv => {
            let batch = table.batch(world, sample)?;
            let header: usize = table
                .schema_for(world)
                .fields()
                .iter()
                .map(|f| f.name().len() + 1)
                .sum();
            let bytes = match Encoder::Csv.encode(&batch, 0)? {
                super::Encoded::Csv { bytes, .. } => bytes.len() as u64,
                _ => 0,
            };
            (batch.num_rows() as u64, bytes, header as u64)
        }
        Format::Bson | Format::Jsonl => {
            let docs = table.documents(world, sample);
            let enc = if format == Format::Bson {
                Encoder::Bson
            } else {
                Encoder::Jsonl
            };
            let bytes = match enc.encode_documents(&docs)? {
                super::Encoded::Documents { bytes, .. } => bytes.len() as u64,
                _ => 0,
            };
            (docs.len() as u64, bytes, 0)
        }
    };
    if sample_rows == 0 {
        return Ok(Some(fixed));
    }
    let per_row = sample_bytes as f64 / sample_rows as f64;
    Ok(Some(fixed + (per_row * rows as f64).round() as u64))
}
