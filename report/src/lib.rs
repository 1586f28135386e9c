//! # promptsales-report
//!
//! One self-contained HTML page that shows a generated PromptSales world at a glance: its
//! identity (version, seed, scale, row counts, checksum status), charts of the story the data
//! tells (seasonality, funnel, ROAS and CPA against the cited ranges, the built-in correlations,
//! sentiment incidents, clients on a map, content) and the `verify` summary.
//!
//! It is a sibling of the loaders: it consumes `promptsales-core` (the dataset reader and
//! `verify`) and nothing consumes it but the CLI and the Python module. Charts are drawn with
//! plotters' SVG backend and inlined; the page has no script, and its Content-Security-Policy
//! forbids every network fetch.
//!
//! Where `verify` measured a figure (a named metric, the row counts, the check groups), the
//! page prints `verify`'s value; every printed figure carries `data-figure` / `data-value`
//! attributes so tests can compare it with `promptsales verify --json`.
//!
//! ```
//! use promptsales_core::Config;
//!
//! let config = Config { scale: 0.002, ..Config::default() };
//! let html = promptsales_report::render_generated(&config)?;
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains(r#"id="chart-months""#));
//! # Ok::<(), promptsales_report::Error>(())
//! ```

mod charts;
mod figures;
mod page;
mod pca;

use std::fs;
use std::path::Path;

use promptsales_core::config::Store;
use promptsales_core::sink::{self, NoProgress, WriteOptions};
use promptsales_core::verify::{self, Dataset};
use promptsales_core::{Config, World};

pub use figures::{KINDS, MAX_SCATTER_POINTS};

/// Errors raised by `promptsales-report`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading the dataset, verifying or generating failed.
    #[error(transparent)]
    Core(#[from] promptsales_core::Error),
    /// plotters failed to draw a chart (a bug, not a user mistake).
    #[error("drawing a chart: {0}")]
    Chart(String),
    /// The output file cannot be written.
    #[error("--out {path}: {message}")]
    Output {
        /// The file asked for.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Renders the report of an opened dataset (runs `verify` on it).
pub fn render(ds: &Dataset) -> Result<String> {
    // Independent reads of the same files: verify's checks and the charts' aggregates.
    let (report, figures) = rayon::join(|| verify::verify(ds), || figures::compute(ds));
    page::build(ds, &report?, &figures?)
}

/// Renders the report of the dataset in `dir`.
pub fn render_dir(dir: &Path) -> Result<String> {
    let ds = Dataset::open(dir)?;
    render(&ds)
}

/// Generates the whole dataset for `config` (all stores, Parquet) into a temporary folder that
/// is removed afterwards, and renders its report.
pub fn render_generated(config: &Config) -> Result<String> {
    let tmp = tempfile::Builder::new()
        .prefix("promptsales-report-")
        .tempdir()
        .map_err(|e| promptsales_core::Error::io(std::env::temp_dir(), e))?;
    let world = World::new(config);
    let options = WriteOptions {
        stores: Store::ALL.to_vec(),
        ..WriteOptions::new(tmp.path())
    };
    sink::write_dataset(&world, &options, &NoProgress)?;
    render_dir(tmp.path())
}

/// Checks, before any work, that `path` can be written: not a folder, its folder exists.
pub fn check_out(path: &Path) -> Result<()> {
    let fail = |message: &str| Error::Output {
        path: path.display().to_string(),
        message: message.to_string(),
    };
    if path.is_dir() {
        return Err(fail("is a folder; give a file name such as report.html"));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(fail("its folder does not exist"));
    }
    Ok(())
}

/// Writes `html` to `path` atomically: a hidden temporary file in the same folder, renamed
/// over `path` once complete, so a reader never sees half a report.
pub fn write_html(path: &Path, html: &str) -> Result<()> {
    check_out(path)?;
    let fail = |e: std::io::Error| Error::Output {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report.html".to_string());
    let tmp = parent.join(format!(".{name}.tmp"));
    fs::write(&tmp, html).map_err(fail)?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        fail(e)
    })
}
