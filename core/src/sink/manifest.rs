//! `manifest.json`: version, seed, scale, configuration, row counts and file checksums. No
//! timestamps, so two runs with the same inputs write the same manifest.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::{Format, Partition};
use crate::error::{Error, Result};
use crate::world::World;

use super::WriteOptions;

/// One written file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the dataset folder, `/`-separated.
    pub path: String,
    /// Format.
    pub format: Format,
    /// Data rows.
    pub rows: u64,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file, hex.
    pub sha256: String,
}

/// One table of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableEntry {
    /// Data rows (in this partition).
    pub rows: u64,
    /// Files, one per format.
    pub files: Vec<FileEntry>,
}

/// The manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `promptsales`.
    pub generator: String,
    /// Crate version.
    pub version: String,
    /// Seed.
    pub seed: u64,
    /// Scale.
    pub scale: f64,
    /// Peak months.
    pub peak_months: Vec<u32>,
    /// Dimension of the content image embeddings.
    #[serde(default = "default_embedding_dims")]
    pub embedding_dims: u32,
    /// Parquet codec.
    pub compression: String,
    /// Rows per row group.
    pub row_group_rows: u64,
    /// Formats written.
    pub formats: Vec<Format>,
    /// Stores written.
    pub stores: Vec<String>,
    /// Which slice.
    pub partition: Partition,
    /// `store.table` → entry.
    pub tables: BTreeMap<String, TableEntry>,
}

fn default_embedding_dims() -> u32 {
    crate::config::DEFAULT_EMBEDDING_DIMS
}

/// `manifest.json`, or `manifest.<part>.json` for one part of a partitioned run.
pub fn manifest_name(partition: Partition) -> String {
    if partition.is_whole() {
        "manifest.json".to_string()
    } else {
        format!("manifest.{}.json", partition.index())
    }
}

impl Manifest {
    pub(super) fn new(world: &World, options: &WriteOptions) -> Self {
        Manifest {
            generator: "promptsales".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            seed: world.config.seed,
            scale: world.config.scale,
            peak_months: world.config.peak_months.clone(),
            embedding_dims: world.config.embedding_dims,
            compression: options.compression.to_string(),
            row_group_rows: options.row_group_rows,
            formats: options.formats.clone(),
            stores: options
                .stores
                .iter()
                .map(|s| s.name().to_string())
                .collect(),
            partition: options.partition,
            tables: BTreeMap::new(),
        }
    }

    /// Writes the manifest (temporary name, then rename).
    pub fn write(&self, path: &Path) -> Result<()> {
        let tmp = path.with_extension("json.tmp");
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
        fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    }

    /// Reads a manifest.
    pub fn read(path: &Path) -> Result<Self> {
        let text = fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        serde_json::from_str(&text)
            .map_err(|e| Error::dataset(path, format!("not a promptsales manifest ({e})")))
    }
}
