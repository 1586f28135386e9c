//! A generated dataset opened for reading: its manifest(s) and its tables, read back with
//! Arrow's Parquet and CSV readers.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{
    Array, AsArray, Date32Array, Decimal128Array, Float64Array, Int64Array, StringArray,
    TimestampSecondArray,
};
use arrow::compute::{cast, concat_batches};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use sha2::{Digest, Sha256};

use crate::config::{Config, Format};
use crate::doc::{self, Document};
use crate::error::{Error, Result};
use crate::registry;
use crate::sink::{FileEntry, Manifest};

use super::Report;

/// An opened dataset.
#[derive(Debug)]
pub struct Dataset {
    root: PathBuf,
    manifests: Vec<Manifest>,
    /// `store.table` → files in part order (one format).
    files: BTreeMap<String, Vec<FileEntry>>,
    rows: BTreeMap<String, u64>,
}

impl Dataset {
    /// Opens `dir`: `manifest.json`, or every `manifest.<part>.json` of a partitioned run.
    pub fn open(dir: &Path) -> Result<Self> {
        if !dir.is_dir() {
            return Err(Error::dataset(dir, "not a folder"));
        }
        let mut manifests = Vec::new();
        let whole = dir.join("manifest.json");
        if whole.is_file() {
            manifests.push(Manifest::read(&whole)?);
        } else {
            let mut parts: Vec<(u32, PathBuf)> = fs::read_dir(dir)
                .map_err(|e| Error::io(dir, e))?
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let k = name
                        .strip_prefix("manifest.")?
                        .strip_suffix(".json")?
                        .parse()
                        .ok()?;
                    Some((k, e.path()))
                })
                .collect();
            parts.sort();
            for (_, p) in &parts {
                manifests.push(Manifest::read(p)?);
            }
        }
        let Some(first) = manifests.first() else {
            return Err(Error::dataset(dir, "not a promptsales dataset (no manifest.json: generate it with `promptsales generate --out DIR`)"));
        };
        let count = first.partition.count();
        if manifests.len() as u32 != count
            || manifests.iter().enumerate().any(|(i, m)| {
                m.partition.index() != i as u32 + 1
                    || m.seed != first.seed
                    || m.scale != first.scale
            })
        {
            return Err(Error::dataset(dir, format!("incomplete partitioned dataset: expected manifests of parts 1..={count} with the same seed and scale")));
        }
        let mut files: BTreeMap<String, Vec<FileEntry>> = BTreeMap::new();
        let mut rows: BTreeMap<String, u64> = BTreeMap::new();
        for m in &manifests {
            for (name, entry) in &m.tables {
                *rows.entry(name.clone()).or_default() += entry.rows;
                let pick = entry
                    .files
                    .iter()
                    .find(|f| f.format == Format::Parquet)
                    .or_else(|| entry.files.first());
                if let Some(f) = pick {
                    files.entry(name.clone()).or_default().push(f.clone());
                }
            }
        }
        Ok(Dataset {
            root: dir.to_path_buf(),
            manifests,
            files,
            rows,
        })
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The (first) manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifests[0]
    }

    /// The configuration the dataset was generated with.
    pub fn config(&self) -> Config {
        let m = self.manifest();
        Config {
            seed: m.seed,
            scale: m.scale,
            peak_months: m.peak_months.clone(),
            embedding_dims: m.embedding_dims,
        }
    }

    /// One line describing it.
    pub fn describe(&self) -> String {
        let m = self.manifest();
        format!(
            "promptsales {} · seed {} · scale {} · {} part(s) · {} tables",
            m.version,
            m.seed,
            m.scale,
            self.manifests.len(),
            self.files.len()
        )
    }

    /// Whether `store.table` is in the dataset.
    pub fn has(&self, table: &str) -> bool {
        self.files.contains_key(table)
    }

    /// Row count of `store.table` per the manifest(s).
    pub fn manifest_rows(&self, table: &str) -> u64 {
        self.rows.get(table).copied().unwrap_or(0)
    }

    /// Names of the tables present.
    pub fn tables(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Reads a whole table (all parts, in order) as one batch.
    pub fn read(&self, table: &str) -> Result<RecordBatch> {
        let files = self.files.get(table).ok_or_else(|| {
            Error::dataset(&self.root, format!("table {table} is not in the dataset"))
        })?;
        let mut batches = Vec::new();
        let mut schema: Option<SchemaRef> = None;
        for f in files {
            let path = self.root.join(&f.path);
            let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
            match f.format {
                Format::Parquet => {
                    let reader = ParquetRecordBatchReaderBuilder::try_new(file)?
                        .with_batch_size(1 << 16)
                        .build()?;
                    for b in reader {
                        let b = b?;
                        schema.get_or_insert_with(|| b.schema());
                        batches.push(b);
                    }
                }
                Format::Bson | Format::Jsonl => {
                    return Err(Error::dataset(&path, format!("{table} is only present as documents here; read it with Dataset::documents")));
                }
                Format::Csv => {
                    let def = registry::table(table)?;
                    let plain = Arc::new(Schema::new(
                        def.schema()
                            .fields()
                            .iter()
                            .map(|fl| match fl.data_type() {
                                DataType::Dictionary(_, v) => {
                                    Field::new(fl.name(), v.as_ref().clone(), true)
                                }
                                dt => Field::new(fl.name(), dt.clone(), true),
                            })
                            .collect::<Vec<_>>(),
                    ));
                    let reader = arrow::csv::ReaderBuilder::new(plain.clone())
                        .with_header(true)
                        .with_batch_size(1 << 16)
                        .build(file)?;
                    schema.get_or_insert(plain);
                    for b in reader {
                        batches.push(b?);
                    }
                }
            }
        }
        let schema = match schema {
            Some(s) => s,
            None => registry::table(table).map(|t| t.schema())?,
        };
        Ok(concat_batches(&schema, &batches)?)
    }
}

impl Dataset {
    /// Reads a document collection (all parts, in order) from its BSON dump, or from its
    /// Extended JSON lines when no BSON was written.
    pub fn documents(&self, table: &str) -> Result<Vec<Document>> {
        let entries: Vec<&FileEntry> = self
            .manifests
            .iter()
            .filter_map(|m| m.tables.get(table))
            .flat_map(|e| e.files.iter())
            .collect();
        let bson: Vec<&&FileEntry> = entries
            .iter()
            .filter(|f| f.format == Format::Bson && f.path.ends_with(".bson"))
            .collect();
        let jsonl: Vec<&&FileEntry> = entries
            .iter()
            .filter(|f| f.format == Format::Jsonl)
            .collect();
        let mut out = Vec::new();
        if !bson.is_empty() {
            for f in bson {
                let path = self.root.join(&f.path);
                let bytes = fs::read(&path).map_err(|e| Error::io(&path, e))?;
                out.extend(
                    doc::decode_all(&bytes)
                        .map_err(|e| Error::dataset(&path, format!("not valid BSON: {e}")))?,
                );
            }
        } else if !jsonl.is_empty() {
            for f in jsonl {
                let path = self.root.join(&f.path);
                let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                for (i, line) in text.lines().enumerate() {
                    out.push(Document::from_extended_json(line).map_err(|e| {
                        Error::dataset(&path, format!("line {}: not Extended JSON: {e}", i + 1))
                    })?);
                }
            }
        } else {
            return Err(Error::dataset(
                &self.root,
                format!("{table} has no BSON or JSONL file"),
            ));
        }
        Ok(out)
    }

    /// Whether `store.table` was written as documents (BSON or JSONL).
    pub fn has_documents(&self, table: &str) -> bool {
        self.manifests
            .iter()
            .filter_map(|m| m.tables.get(table))
            .flat_map(|e| e.files.iter())
            .any(|f| matches!(f.format, Format::Bson | Format::Jsonl))
    }

    /// Every file of `store.table` in every part.
    pub fn files_of(&self, table: &str) -> Vec<&FileEntry> {
        self.manifests
            .iter()
            .filter_map(|m| m.tables.get(table))
            .flat_map(|e| e.files.iter())
            .collect()
    }
}

fn column<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a Arc<dyn Array>> {
    batch
        .column_by_name(name)
        .ok_or_else(|| Error::dataset("", format!("column {name} missing")))
}

fn wrong(name: &str, want: &str) -> Error {
    Error::dataset("", format!("column {name} is not {want}"))
}

/// An `Int64` column.
pub fn int<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a Int64Array> {
    column(batch, name)?
        .as_primitive_opt()
        .ok_or_else(|| wrong(name, "Int64"))
}

/// A `Date32` column.
pub fn day<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a Date32Array> {
    column(batch, name)?
        .as_primitive_opt()
        .ok_or_else(|| wrong(name, "Date32"))
}

/// A `Decimal128(18,2)` column (values in cents).
pub fn cents<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a Decimal128Array> {
    column(batch, name)?
        .as_primitive_opt()
        .ok_or_else(|| wrong(name, "Decimal128"))
}

/// A `Float64` column.
pub fn float<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a Float64Array> {
    column(batch, name)?
        .as_primitive_opt()
        .ok_or_else(|| wrong(name, "Float64"))
}

/// A `Timestamp(Second)` column.
pub fn seconds<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a TimestampSecondArray> {
    column(batch, name)?
        .as_primitive_opt()
        .ok_or_else(|| wrong(name, "Timestamp(Second)"))
}

/// A string column (plain or dictionary-encoded), as plain strings.
pub fn text(batch: &RecordBatch, name: &str) -> Result<StringArray> {
    let c = cast(column(batch, name)?, &DataType::Utf8)?;
    Ok(c.as_string::<i32>().clone())
}

/// Checks every file against the manifest: present, same size, same SHA-256.
pub fn check_files(ds: &Dataset, report: &mut Report) -> Result<()> {
    let mut checked = 0;
    let mut bad = Vec::new();
    for m in &ds.manifests {
        for entry in m.tables.values() {
            for f in &entry.files {
                checked += 1;
                let path = ds.root.join(&f.path);
                match sha256_file(&path) {
                    Ok((bytes, sha)) if bytes == f.bytes && sha == f.sha256 => {}
                    Ok((bytes, _)) => bad.push(format!(
                        "{} (checksum or size differs: {bytes} bytes)",
                        f.path
                    )),
                    Err(_) => bad.push(format!("{} (missing or unreadable)", f.path)),
                }
            }
        }
    }
    report.check(
        "files match the manifest (size and SHA-256)",
        bad.is_empty(),
        if bad.is_empty() {
            format!("{checked} files")
        } else {
            bad.iter().take(5).cloned().collect::<Vec<_>>().join("; ")
        },
    );
    for t in ds.tables() {
        report.info(format!("{t}: {} rows", ds.manifest_rows(t)));
    }
    Ok(())
}

fn sha256_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        total += n as u64;
    }
    Ok((
        total,
        h.finalize().iter().map(|b| format!("{b:02x}")).collect(),
    ))
}
