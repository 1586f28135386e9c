//! A generated dataset opened for reading: its manifest(s) and its tables, read back with
//! Arrow's Parquet and CSV readers.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

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
use crate::sink::{self, FileEntry, Manifest};

use super::Report;

/// An opened dataset.
#[derive(Debug)]
pub struct Dataset {
    root: PathBuf,
    manifests: Vec<Manifest>,
    /// `store.table` → files in part order (one format).
    files: BTreeMap<String, Vec<FileEntry>>,
    rows: BTreeMap<String, u64>,
    /// `Some(K)`: only part K is checked (`verify --part K`).
    part: Option<u32>,
    /// Every file any manifest in the folder lists (and the manifests): anything else is
    /// unexpected.
    known: std::collections::BTreeSet<String>,
    /// File problems, computed once (size/SHA-256 first, before any table is read).
    problems: OnceLock<Vec<FileProblem>>,
}

/// A file that does not match the manifest, or that no manifest lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// Path relative to the dataset folder.
    pub path: String,
    /// `store.table` the file belongs to (empty for an unexpected file).
    pub table: String,
    /// What is wrong, e.g. `missing`, `SHA-256 differs from the manifest`.
    pub reason: String,
}

impl Dataset {
    /// Opens part `part` (1-based) of a partitioned dataset alone: its `manifest.<part>.json`
    /// and its files (`verify --part K`, e.g. one Kubernetes pod checking its own output).
    pub fn open_part(dir: &Path, part: u32) -> Result<Self> {
        if !dir.is_dir() {
            return Err(Error::dataset(dir, "not a folder"));
        }
        let path = dir.join(format!("manifest.{part}.json"));
        if !path.is_file() {
            return Err(Error::invalid(
                "--part",
                format!(
                    "{} has no manifest.{part}.json (parts present: {})",
                    dir.display(),
                    part_numbers(dir)
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let manifest = Manifest::read(&path)?;
        Self::from_manifests(dir, vec![manifest], Some(part))
    }

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
            return Err(Error::dataset(dir, format!("incomplete partitioned dataset: expected manifests of parts 1..={count} with the same seed and scale (check one part with `verify --part K`)")));
        }
        Self::from_manifests(dir, manifests, None)
    }

    fn from_manifests(dir: &Path, manifests: Vec<Manifest>, part: Option<u32>) -> Result<Self> {
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
        // Every manifest in the folder vouches for its files, also in `--part` mode where the
        // other parts' files are legitimately present.
        let mut known = std::collections::BTreeSet::new();
        for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if sink::is_manifest_name(&name) {
                if let Ok(m) = Manifest::read(&entry.path()) {
                    known.extend(
                        m.tables
                            .values()
                            .flat_map(|t| t.files.iter().map(|f| f.path.clone())),
                    );
                }
                known.insert(name);
            }
        }
        Ok(Dataset {
            root: dir.to_path_buf(),
            manifests,
            files,
            rows,
            part,
            known,
            problems: OnceLock::new(),
        })
    }

    /// `Some(K)` when only part K is verified.
    pub fn part(&self) -> Option<u32> {
        self.part
    }

    /// Files that are missing, unreadable, of another size or checksum than the manifest says,
    /// or present without being listed — checked before any table is read.
    pub fn file_problems(&self) -> &[FileProblem] {
        self.problems.get_or_init(|| {
            let mut out = Vec::new();
            for m in &self.manifests {
                for (table, entry) in &m.tables {
                    for f in &entry.files {
                        let path = self.root.join(&f.path);
                        let reason = match sha256_file(&path) {
                            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                                Some("missing".to_string())
                            }
                            Err(e) => Some(format!("unreadable ({e})")),
                            Ok((bytes, _)) if bytes != f.bytes => {
                                Some(format!("{bytes} bytes, the manifest says {}", f.bytes))
                            }
                            Ok((_, sha)) if sha != f.sha256 => {
                                Some("SHA-256 differs from the manifest".to_string())
                            }
                            Ok(_) => None,
                        };
                        if let Some(reason) = reason {
                            out.push(FileProblem {
                                path: f.path.clone(),
                                table: table.clone(),
                                reason,
                            });
                        }
                    }
                }
            }
            match sink::files_under(&self.root) {
                Ok(all) => out.extend(all.into_iter().filter(|f| !self.known.contains(f)).map(
                    |path| FileProblem {
                        reason: if path.rsplit('/').next().is_some_and(sink::is_temporary) {
                            "unexpected file: a temporary left by an interrupted run".into()
                        } else {
                            "unexpected file: no manifest lists it".into()
                        },
                        path,
                        table: String::new(),
                    },
                )),
                Err(e) => out.push(FileProblem {
                    path: String::new(),
                    table: String::new(),
                    reason: format!("cannot list the folder ({e})"),
                }),
            }
            out
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
        let parts = match self.part {
            Some(k) => format!("part {k} of {}", m.partition.count()),
            None => format!("{} part(s)", self.manifests.len()),
        };
        format!(
            "promptsales {} · seed {} · scale {} · {parts} · {} tables",
            m.version,
            m.seed,
            m.scale,
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
            self.read_file(table, f, &path, &mut schema, &mut batches)
                .map_err(|e| match e {
                    Error::Io { .. } | Error::Dataset { .. } => e,
                    other => Error::dataset(&f.path, format!("cannot be read: {other}")),
                })?;
        }
        let schema = match schema {
            Some(s) => s,
            None => registry::table(table).map(|t| t.schema())?,
        };
        Ok(concat_batches(&schema, &batches)?)
    }

    fn read_file(
        &self,
        table: &str,
        f: &FileEntry,
        path: &Path,
        schema: &mut Option<SchemaRef>,
        batches: &mut Vec<RecordBatch>,
    ) -> Result<()> {
        {
            let file = File::open(path).map_err(|e| Error::io(&f.path, e))?;
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
                    return Err(Error::dataset(path, format!("{table} is only present as documents here; read it with Dataset::documents")));
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
        Ok(())
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

/// Checks every file against the manifest — present, same size, same SHA-256 — and that the
/// folder holds no file the manifests do not list. One summary check, plus one failed check
/// per damaged, missing or unexpected file, naming it and the reason.
pub fn check_files(ds: &Dataset, report: &mut Report) -> Result<()> {
    let listed: usize = ds
        .manifests
        .iter()
        .flat_map(|m| m.tables.values())
        .map(|t| t.files.len())
        .sum();
    let problems = ds.file_problems();
    report.check(
        "files match the manifest (size and SHA-256), no unexpected files",
        problems.is_empty(),
        if problems.is_empty() {
            format!("{listed} files")
        } else {
            format!("{} of {listed} files have a problem", problems.len())
        },
    );
    for p in problems {
        report.check(format!("file {}", p.path), false, p.reason.clone());
    }
    for t in ds.tables() {
        report.info(format!("{t}: {} rows", ds.manifest_rows(t)));
    }
    Ok(())
}

/// `verify --part K`: each table of the part reads back completely with the manifest's row
/// count (the cross-table invariants need every part and run on the whole folder).
pub fn check_part_tables(ds: &Dataset, report: &mut Report) -> Result<()> {
    let names: Vec<String> = ds.tables().map(String::from).collect();
    for t in names {
        let want = ds.manifest_rows(&t);
        let def = registry::table(&t)?;
        let tabular = ds
            .files
            .get(&t)
            .is_some_and(|f| f.iter().all(|e| e.format.is_tabular()));
        let got = if tabular {
            ds.read(&t).map(|b| b.num_rows() as u64)
        } else {
            ds.documents(&t).map(|d| d.len() as u64)
        };
        match got {
            Ok(n) => report.check(
                format!(
                    "{} reads back with the manifest's row count",
                    def.qualified_name()
                ),
                n == want,
                format!("{n} rows, manifest {want}"),
            ),
            Err(e) => report.check(
                format!(
                    "{} reads back with the manifest's row count",
                    def.qualified_name()
                ),
                false,
                e.to_string(),
            ),
        }
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

/// The part numbers K of the `manifest.<K>.json` files in `dir`, sorted.
fn part_numbers(dir: &Path) -> Vec<u32> {
    let mut parts: Vec<u32> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_prefix("manifest.")?
                .strip_suffix(".json")?
                .parse()
                .ok()
        })
        .collect();
    parts.sort_unstable();
    parts
}
