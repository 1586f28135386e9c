//! File writers: Parquet and CSV, the output layout of DESIGN.md §6 and the manifest.
//!
//! A table's units are cut into chunks of about `row_group_rows` rows (a pure function of the
//! world), chunks are generated *and encoded* in parallel in a bounded window, and one writer
//! appends them in order — so the bytes do not depend on the thread count and memory does not
//! grow with the scale. Each Parquet row group is one chunk. Files are written under a hidden
//! temporary name and renamed when complete; the manifest is written last.

mod estimate;
mod manifest;
pub mod mongo;
mod out;
mod writers;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::config::{Compression, Format, Partition, Store};
use crate::error::{Error, Result};
use crate::registry::{self, TableDef};
use crate::world::World;

pub use estimate::estimate_bytes;
pub use manifest::{manifest_name, FileEntry, Manifest, TableEntry};
pub(crate) use out::{files_under, is_manifest_name, is_temporary};
pub use out::{interrupted, remove_partial_output};
pub use writers::{Encoded, Encoder, TableWriter};

/// Default rows per chunk (and Parquet row group).
pub const DEFAULT_ROW_GROUP_ROWS: u64 = 131_072;

/// What to write and how.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// Output folder.
    pub out: PathBuf,
    /// Stores to write.
    pub stores: Vec<Store>,
    /// Formats to write.
    pub formats: Vec<Format>,
    /// Which slice.
    pub partition: Partition,
    /// Parquet codec.
    pub compression: Compression,
    /// Rows per chunk / row group (1 024 … 16 777 216).
    pub row_group_rows: u64,
    /// Only these `store.table` names (of `stores`); empty = every table of `stores`.
    pub tables: Vec<String>,
    /// Replace our own previous dataset in `out` (removing exactly the files its manifest
    /// listed); without it a folder holding a dataset is refused.
    pub overwrite: bool,
}

impl WriteOptions {
    /// Defaults: all stores this crate generates, Parquet, whole, Snappy.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        WriteOptions {
            out: out.into(),
            stores: vec![Store::Ads, Store::Crm],
            formats: vec![Format::Parquet],
            partition: Partition::default(),
            compression: Compression::default(),
            row_group_rows: DEFAULT_ROW_GROUP_ROWS,
            tables: Vec::new(),
            overwrite: false,
        }
    }

    /// The tables this run writes, in registry order.
    pub fn selected_tables(&self) -> Vec<&'static TableDef> {
        registry::tables_of(&self.stores)
            .filter(|t| self.tables.is_empty() || self.tables.contains(&t.qualified_name()))
            .collect()
    }
}

/// The formats `table` is written in for the requested `formats`: those it supports, or — when
/// it supports none of them — Parquet (every table has it), so `--format csv` or `bson` works
/// with any store mix. The CLI reports each table written in a fallback format.
pub fn formats_for(table: &TableDef, formats: &[Format]) -> Vec<Format> {
    let chosen: Vec<Format> = formats
        .iter()
        .copied()
        .filter(|&f| table.supports(f))
        .collect();
    if chosen.is_empty() {
        vec![if table.supports(Format::Parquet) {
            Format::Parquet
        } else {
            table.formats[0]
        }]
    } else {
        chosen
    }
}

/// `--tables`: a comma-separated list of `store.table` names from the registry.
pub fn parse_tables(text: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for name in text.split(',').map(str::trim) {
        let t = registry::table(name).map_err(|_| {
            Error::invalid(
                "--tables",
                format!("unknown table '{name}' (valid: store.table names listed by `promptsales tables`, e.g. ads.campaigns,crm.clients)"),
            )
        })?;
        if !out.contains(&t.qualified_name()) {
            out.push(t.qualified_name());
        }
    }
    Ok(out)
}

/// `--row-group-rows`: 1 024 … 16 777 216.
pub fn validate_row_group_rows(rows: i64) -> Result<u64> {
    u64::try_from(rows)
        .ok()
        .filter(|r| (1024..=16_777_216).contains(r))
        .ok_or_else(|| {
            Error::invalid(
                "--row-group-rows",
                format!("must be from 1024 to 16777216 (got {rows})"),
            )
        })
}

/// Progress callbacks (the CLI draws bars; tests and bindings pass [`NoProgress`]).
pub trait Progress: Sync {
    /// A table starts; it has `chunks` chunks.
    fn table_started(&self, _table: &TableDef, _chunks: u64) {}
    /// One chunk of the current table was written.
    fn chunk_done(&self, _rows: u64) {}
    /// The table is complete.
    fn table_done(&self, _table: &TableDef, _rows: u64, _seconds: f64) {}
}

/// No progress reporting.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;
impl Progress for NoProgress {}

/// Relative path of a table file for a partition (BSON: the `mongorestore` layout of
/// [`mongo`]).
pub fn table_path(table: &TableDef, format: Format, partition: Partition) -> PathBuf {
    if format == Format::Bson {
        return mongo::bson_path(table, partition);
    }
    let ext = format.extension();
    let store = table.store.name();
    if partition.is_whole() {
        PathBuf::from(store).join(format!("{}.{ext}", table.name))
    } else {
        PathBuf::from(store).join(table.name).join(format!(
            "{}.{}.{ext}",
            table.name,
            partition.index()
        ))
    }
}

/// Writes a small file in one go (temporary name, then rename) and describes it for the
/// manifest (0 rows: it holds no table rows, e.g. a collection's metadata).
/// Unless `place`, the file stays under its temporary name (see [`TableWriter::finish_as`]).
fn write_small_file(
    out: &Path,
    rel: &Path,
    format: Format,
    bytes: &[u8],
    place: bool,
) -> Result<FileEntry> {
    use sha2::{Digest, Sha256};
    let path = out.join(rel);
    let dir = path.parent().unwrap_or(out);
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = out::temporary_for(&path);
    // Both registered before they exist, so a signal at any point finds whichever is there.
    out::track(&tmp);
    if place {
        out::track(&path);
    }
    let written = fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e));
    let written = if place {
        written.and_then(|()| fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e)))
    } else {
        written
    };
    if place || written.is_err() {
        out::untrack(&tmp);
    }
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        out::untrack(&path);
        return Err(e);
    }
    Ok(FileEntry {
        path: rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        format,
        rows: 0,
        bytes: bytes.len() as u64,
        sha256: Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    })
}

/// Checks that `out` can be created and written, before anything is generated.
pub fn check_writable(out: &Path) -> Result<()> {
    let fail = |e: std::io::Error| {
        Error::invalid(
            "--out",
            format!("{}: cannot write there ({e})", out.display()),
        )
    };
    fs::create_dir_all(out).map_err(fail)?;
    let probe = out.join(out::WRITE_PROBE);
    fs::write(&probe, b"").map_err(fail)?;
    // Parts of one run start together in one folder (one Kubernetes pod per part): another
    // part may have removed the shared probe first, which still proves the folder writable.
    match fs::remove_file(&probe) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(fail(e)),
        _ => Ok(()),
    }
}

/// Generates and writes the dataset; returns the manifest (also written to the folder).
///
/// Nothing is created before the options and the output folder pass their checks (see
/// [`WriteOptions::overwrite`]). On an error every file this run wrote is removed again, so
/// the folder never holds a half-written dataset.
pub fn write_dataset(
    world: &World,
    options: &WriteOptions,
    progress: &dyn Progress,
) -> Result<Manifest> {
    let tables = options.selected_tables();
    if tables.is_empty() {
        return Err(Error::invalid(
            "--tables",
            "none of the tables belongs to the chosen --stores",
        ));
    }
    let mut manifest = Manifest::new(world, options);
    for table in &tables {
        manifest.tables.insert(
            table.qualified_name(),
            TableEntry {
                rows: 0,
                files: Vec::new(),
            },
        );
    }
    let replacement = out::prepare(options, &manifest)?;
    // Replacing a dataset: the new files wait under temporary names until all are written.
    let place = replacement.is_empty();
    check_writable(&options.out)?;
    let journal = out::Journal::begin(&options.out, options.partition)?;
    let manifest_path = options.out.join(manifest_name(options.partition));
    let mut swapping = false;
    let result = (|| {
        for table in &tables {
            let entry = write_table_as(world, table, options, progress, place)?;
            manifest.tables.insert(table.qualified_name(), entry);
        }
        if !place {
            let finished: Vec<String> = manifest
                .tables
                .values()
                .flat_map(|t| t.files.iter().map(|f| f.path.clone()))
                .collect();
            swapping = true;
            replacement.commit(&options.out, &finished)?;
        }
        let tmp = manifest_path.with_extension("json.tmp");
        out::track(&tmp);
        let written = manifest.write(&manifest_path);
        out::untrack(&tmp);
        written
    })();
    // The run is over: its files are no longer "in progress" for the signal handler.
    let done: Vec<PathBuf> = manifest
        .tables
        .values()
        .flat_map(|t| t.files.iter())
        .map(|f| options.out.join(&f.path))
        .collect();
    for path in &done {
        out::untrack(path);
    }
    if let Err(e) = result {
        for path in &done {
            let tmp = out::temporary_for(path);
            out::untrack(&tmp);
            let _ = fs::remove_file(&tmp);
            // Before the swap the name still holds the previous dataset's file: it stays.
            if place || swapping {
                let _ = fs::remove_file(path);
            }
        }
        // A swap that failed half-way leaves old and new files without a manifest: the journal
        // (which lists them all) stays, so `--overwrite` can clear the folder.
        if !swapping {
            journal.finish();
        }
        return Err(e);
    }
    journal.finish();
    Ok(manifest)
}

/// Writes one table in every requested format it supports (BSON adds the collection's
/// `.metadata.json`).
pub fn write_table(
    world: &World,
    table: &TableDef,
    options: &WriteOptions,
    progress: &dyn Progress,
) -> Result<TableEntry> {
    write_table_as(world, table, options, progress, true)
}

/// [`write_table`], leaving the finished files under their temporary names unless `place`.
fn write_table_as(
    world: &World,
    table: &TableDef,
    options: &WriteOptions,
    progress: &dyn Progress,
    place: bool,
) -> Result<TableEntry> {
    let started = Instant::now();
    let units = options.partition.row_range(table.units(world));
    let chunks = table.chunks(world, units, options.row_group_rows);
    progress.table_started(table, chunks.len() as u64);

    let formats = formats_for(table, &options.formats);
    let needs_batch = formats.iter().any(|f| f.is_tabular());
    let needs_documents = formats.iter().any(|f| !f.is_tabular());
    let mut writers = Vec::with_capacity(formats.len());
    let mut encoders = Vec::with_capacity(formats.len());
    for &format in &formats {
        let rel = table_path(table, format, options.partition);
        match TableWriter::create(
            &options.out,
            rel,
            format,
            table.schema_for(world),
            options.compression,
        ) {
            Ok((w, e)) => {
                writers.push(w);
                encoders.push(e);
            }
            Err(e) => {
                writers.into_iter().for_each(TableWriter::abandon);
                return Err(e);
            }
        }
    }
    let result = (|| {
        let window = 2 * rayon::current_num_threads().max(1);
        let mut rows = 0u64;
        for (w, batch_of_chunks) in chunks.chunks(window).enumerate() {
            let encoded: Vec<Result<Vec<Encoded>>> = batch_of_chunks
                .par_iter()
                .enumerate()
                .map(|(i, units)| {
                    let batch = if needs_batch {
                        Some(table.batch(world, units.clone())?)
                    } else {
                        None
                    };
                    let documents = if needs_documents {
                        table.documents(world, units.clone())
                    } else {
                        Vec::new()
                    };
                    encoders
                        .iter()
                        .map(|enc| match &batch {
                            Some(b) if enc.is_tabular() => enc.encode(b, w * window + i),
                            _ => enc.encode_documents(&documents),
                        })
                        .collect()
                })
                .collect();
            for chunk in encoded {
                let chunk = chunk?;
                let n = chunk.first().map(Encoded::rows).unwrap_or(0);
                for (wr, enc) in writers.iter_mut().zip(chunk) {
                    wr.append(enc)?;
                }
                rows += n;
                progress.chunk_done(n);
            }
        }
        Ok(rows)
    })();
    let rows = match result {
        Ok(rows) => rows,
        Err(e) => {
            for wr in writers {
                wr.abandon();
            }
            return Err(e);
        }
    };
    let mut files = Vec::with_capacity(writers.len() + 1);
    let mut pending = writers.into_iter();
    while let Some(wr) = pending.next() {
        match wr.finish_as(rows, place) {
            Ok(f) => files.push(f),
            Err(e) => {
                pending.for_each(TableWriter::abandon);
                remove_written(&options.out, &files, place);
                return Err(e);
            }
        }
    }
    if formats.contains(&Format::Bson) {
        match write_small_file(
            &options.out,
            &mongo::metadata_path(table, options.partition),
            Format::Bson,
            mongo::metadata_json(table).as_bytes(),
            place,
        ) {
            Ok(f) => files.push(f),
            Err(e) => {
                remove_written(&options.out, &files, place);
                return Err(e);
            }
        }
    }
    progress.table_done(table, rows, started.elapsed().as_secs_f64());
    Ok(TableEntry { rows, files })
}

/// Removes the completed files of a table that failed part-way (its other formats): where
/// they were placed, or their temporaries when they were waiting to replace a dataset (the
/// final name then still holds the previous dataset's file, which stays).
fn remove_written(out: &Path, files: &[FileEntry], placed: bool) {
    for f in files {
        let mut path = out.join(&f.path);
        if !placed {
            path = out::temporary_for(&path);
        }
        out::untrack(&path);
        let _ = fs::remove_file(&path);
    }
}
