//! Per-format encoders (shared by worker threads) and file sinks (one writer, in order).

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;
use parquet::arrow::arrow_writer::{compute_leaves, ArrowColumnChunk, ArrowRowGroupWriterFactory};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression as PqCompression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use sha2::{Digest, Sha256};

use crate::config::{Compression, Format};
use crate::doc::Document;
use crate::error::{Error, Result};

use super::FileEntry;

/// One chunk, encoded for one format, waiting to be appended.
#[derive(Debug)]
pub enum Encoded {
    /// Parquet column chunks of one row group.
    Parquet {
        /// Rows.
        rows: u64,
        /// Column chunks, in schema order.
        columns: Vec<ArrowColumnChunk>,
    },
    /// CSV bytes (no header).
    Csv {
        /// Rows.
        rows: u64,
        /// Bytes.
        bytes: Vec<u8>,
    },
    /// Concatenated BSON documents, or Extended JSON lines.
    Documents {
        /// Documents.
        rows: u64,
        /// Bytes.
        bytes: Vec<u8>,
    },
}

impl Encoded {
    /// Rows in the chunk.
    pub fn rows(&self) -> u64 {
        match self {
            Encoded::Parquet { rows, .. }
            | Encoded::Csv { rows, .. }
            | Encoded::Documents { rows, .. } => *rows,
        }
    }
}

/// A file being written, with its running SHA-256 and size.
struct HashingWriter {
    inner: BufWriter<File>,
    hasher: Sha256,
    bytes: u64,
}

impl Write for HashingWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

enum Sink {
    Parquet(SerializedFileWriter<HashingWriter>),
    Csv(HashingWriter),
    Documents(HashingWriter),
}

/// Writes one table file of one format: encode chunks anywhere, append them here in order.
pub struct TableWriter {
    format: Format,
    rel: PathBuf,
    tmp: PathBuf,
    path: PathBuf,
    sink: Sink,
}

impl std::fmt::Debug for TableWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableWriter")
            .field("path", &self.path)
            .finish()
    }
}

/// The part of a [`TableWriter`] that worker threads use to encode chunks.
#[derive(Debug, Clone)]
pub enum Encoder {
    /// Parquet column writers factory.
    Parquet(Arc<ArrowRowGroupWriterFactory>, SchemaRef),
    /// CSV.
    Csv,
    /// BSON documents, concatenated (a `mongodump` collection file).
    Bson,
    /// Canonical Extended JSON, one document per line.
    Jsonl,
}

fn properties(compression: Compression) -> Result<WriterProperties> {
    let codec = match compression {
        Compression::None => PqCompression::UNCOMPRESSED,
        Compression::Snappy => PqCompression::SNAPPY,
        Compression::Lz4 => PqCompression::LZ4_RAW,
        Compression::Zstd(level) => PqCompression::ZSTD(ZstdLevel::try_new(level)?),
    };
    Ok(WriterProperties::builder()
        .set_compression(codec)
        .set_created_by(format!("promptsales {}", env!("CARGO_PKG_VERSION")))
        .build())
}

impl TableWriter {
    /// Opens `<out>/<rel>` under a temporary name.
    pub fn create(
        out: &Path,
        rel: PathBuf,
        format: Format,
        schema: SchemaRef,
        compression: Compression,
    ) -> Result<(TableWriter, Encoder)> {
        let path = out.join(&rel);
        let dir = path.parent().unwrap_or(out).to_path_buf();
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let tmp = super::out::temporary_for(&path);
        // Registered before it exists: a signal's cleanup (and a killed run's journal) must
        // know every file that may appear.
        super::out::track(&tmp);
        let file = File::create(&tmp).map_err(|e| {
            super::out::untrack(&tmp);
            Error::io(&tmp, e)
        })?;
        let mut hw = HashingWriter {
            inner: BufWriter::with_capacity(1 << 20, file),
            hasher: Sha256::new(),
            bytes: 0,
        };
        let (sink, encoder) = match format {
            Format::Parquet => {
                let writer =
                    ArrowWriter::try_new(hw, schema.clone(), Some(properties(compression)?))?;
                let (file_writer, factory) = writer.into_serialized_writer()?;
                let factory = Arc::new(factory);
                (
                    Sink::Parquet(file_writer),
                    Encoder::Parquet(factory, schema),
                )
            }
            Format::Csv => {
                let header: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
                let mut line = header.join(",");
                line.push('\n');
                hw.write_all(line.as_bytes())
                    .map_err(|e| Error::io(&tmp, e))?;
                (Sink::Csv(hw), Encoder::Csv)
            }
            Format::Bson => (Sink::Documents(hw), Encoder::Bson),
            Format::Jsonl => (Sink::Documents(hw), Encoder::Jsonl),
        };
        Ok((
            TableWriter {
                format,
                rel,
                tmp,
                path,
                sink,
            },
            encoder,
        ))
    }

    /// Appends an encoded chunk.
    pub fn append(&mut self, chunk: Encoded) -> Result<()> {
        match (&mut self.sink, chunk) {
            (Sink::Parquet(writer), Encoded::Parquet { rows, columns }) => {
                if rows > 0 {
                    let mut rg = writer.next_row_group()?;
                    for c in columns {
                        c.append_to_row_group(&mut rg)?;
                    }
                    rg.close()?;
                }
                Ok(())
            }
            (Sink::Csv(w), Encoded::Csv { bytes, .. })
            | (Sink::Documents(w), Encoded::Documents { bytes, .. }) => {
                w.write_all(&bytes).map_err(|e| Error::io(&self.tmp, e))
            }
            _ => Err(Error::dataset(
                &self.path,
                "internal: chunk encoded for another format",
            )),
        }
    }

    /// Completes the file and renames it into place; on any failure the temporary file is
    /// removed.
    pub fn finish(self, rows: u64) -> Result<FileEntry> {
        self.finish_as(rows, true)
    }

    /// Completes the file; renames it into place only when `place` (otherwise it stays under
    /// its temporary name, still tracked, for a replacement to swap in at the end). On any
    /// failure the temporary file is removed.
    pub(super) fn finish_as(self, rows: u64, place: bool) -> Result<FileEntry> {
        let tmp = self.tmp.clone();
        let path = self.path.clone();
        // Tracked before the rename so a signal in between still finds it.
        if place {
            super::out::track(&path);
        }
        let result = self.finish_inner(rows, place);
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
            super::out::untrack(&path);
            super::out::untrack(&tmp);
        } else if place {
            super::out::untrack(&tmp);
        }
        result
    }

    fn finish_inner(self, rows: u64, place: bool) -> Result<FileEntry> {
        let mut hw = match self.sink {
            Sink::Parquet(writer) => writer.into_inner()?,
            Sink::Csv(w) | Sink::Documents(w) => w,
        };
        hw.flush().map_err(|e| Error::io(&self.tmp, e))?;
        let HashingWriter {
            inner,
            hasher,
            bytes,
        } = hw;
        drop(inner);
        let sha256 = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if place {
            fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))?;
        }
        Ok(FileEntry {
            path: self
                .rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            format: self.format,
            rows,
            bytes,
            sha256,
        })
    }

    /// Drops the temporary file (after an error).
    pub fn abandon(self) {
        let tmp = self.tmp.clone();
        drop(self);
        let _ = fs::remove_file(&tmp);
        super::out::untrack(&tmp);
    }
}

impl Encoder {
    /// Whether this encoder takes Arrow batches (else documents).
    pub fn is_tabular(&self) -> bool {
        matches!(self, Encoder::Parquet(..) | Encoder::Csv)
    }

    /// Encodes documents (BSON or Extended JSON lines).
    pub fn encode_documents(&self, docs: &[Document]) -> Result<Encoded> {
        let rows = docs.len() as u64;
        let mut bytes = Vec::with_capacity(docs.len() * 512);
        match self {
            Encoder::Bson => docs.iter().for_each(|d| d.write_bson(&mut bytes)),
            Encoder::Jsonl => {
                let mut line = String::with_capacity(1024);
                for d in docs {
                    line.clear();
                    d.write_json(&mut line);
                    line.push('\n');
                    bytes.extend_from_slice(line.as_bytes());
                }
            }
            _ => {
                return Err(Error::dataset(
                    "",
                    "internal: documents sent to a tabular encoder",
                ))
            }
        }
        Ok(Encoded::Documents { rows, bytes })
    }

    /// Encodes one batch as chunk `index` of the file.
    pub fn encode(&self, batch: &RecordBatch, index: usize) -> Result<Encoded> {
        let rows = batch.num_rows() as u64;
        match self {
            Encoder::Parquet(factory, schema) => {
                let mut writers = factory.create_column_writers(index)?;
                let mut w = writers.iter_mut();
                for (field, column) in schema.fields().iter().zip(batch.columns()) {
                    for leaf in compute_leaves(field, column)? {
                        match w.next() {
                            Some(writer) => writer.write(&leaf)?,
                            None => {
                                return Err(Error::dataset(
                                    "",
                                    "internal: column writer count mismatch",
                                ))
                            }
                        }
                    }
                }
                let columns = writers
                    .into_iter()
                    .map(|w| w.close())
                    .collect::<parquet::errors::Result<Vec<_>>>()?;
                Ok(Encoded::Parquet { rows, columns })
            }
            Encoder::Csv => {
                let mut bytes = Vec::with_capacity(batch.num_rows() * 96);
                {
                    let mut w = arrow::csv::WriterBuilder::new()
                        .with_header(false)
                        .with_date_format("%Y-%m-%d".to_string())
                        .with_timestamp_format("%Y-%m-%d %H:%M:%S".to_string())
                        .build(&mut bytes);
                    w.write(batch)?;
                }
                Ok(Encoded::Csv { rows, bytes })
            }
            Encoder::Bson | Encoder::Jsonl => Err(Error::dataset(
                "",
                "internal: an Arrow batch sent to a document encoder",
            )),
        }
    }
}
