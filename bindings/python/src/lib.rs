//! `import promptsales`: the PromptSales generator as a Python library.
//!
//! Tables are handed to Python as lazy Arrow streams through the Arrow PyCapsule interface
//! (`__arrow_c_stream__`), so `pyarrow.table(t)`, `polars.DataFrame(t)` and DuckDB's
//! `duckdb.sql("select … from t")` take the batches the generator builds without copying them,
//! and a table larger than memory can be read batch by batch. Keyword arguments mirror the
//! CLI's flags and share their validation, defaults and messages. Exceptions are mapped in
//! [`errors`].

mod args;
mod arrow_export;
mod errors;
mod report;

use std::path::PathBuf;
use std::sync::Arc;

use arrow::datatypes::SchemaRef;
use promptsales_core::config::DEFAULT_SEED;
use promptsales_core::registry::{self, TableDef};
use promptsales_core::sink::{self, WriteOptions};
use promptsales_core::stream::TableStream;
use promptsales_core::{verify as core_verify, Compression, Error, Partition, World};
use pyo3::exceptions::PyNotADirectoryError;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList};

use crate::errors::{IntoPy, VerificationError};

// The Python signatures spell the CLI defaults as literals (so `inspect.signature` and the stubs
// show them); this keeps them equal to the core constants.
const _: () = assert!(DEFAULT_SEED == 42 && sink::DEFAULT_ROW_GROUP_ROWS == 131_072);

/// A generated table (or one part of it): a lazy Arrow stream.
///
/// Nothing is generated until a consumer reads it; each read (`pyarrow.table(t)`,
/// `polars.DataFrame(t)`, a DuckDB query, `t.to_reader()`) streams the rows anew, batch by batch,
/// the same rows and batches as the CLI's Parquet row groups.
#[pyclass(module = "promptsales", name = "Table", frozen)]
#[derive(Debug)]
struct PyTable {
    world: Arc<World>,
    table: &'static TableDef,
    partition: Partition,
    chunk_rows: u64,
}

impl PyTable {
    fn stream(&self) -> TableStream {
        TableStream::with_chunk_rows(
            self.world.clone(),
            self.table,
            self.partition,
            self.chunk_rows,
        )
    }
}

#[pymethods]
impl PyTable {
    /// The table's `store.table` name.
    #[getter]
    fn name(&self) -> String {
        self.table.qualified_name()
    }

    /// The Arrow schema (a `promptsales.Schema`; `pyarrow.schema(t.schema)` converts it).
    #[getter]
    fn schema(&self) -> PySchema {
        PySchema(self.table.schema())
    }

    /// `(part, parts)` of this slice.
    #[getter]
    fn partition(&self) -> (u32, u32) {
        (self.partition.index(), self.partition.count())
    }

    /// Number of record batches a read yields.
    #[getter]
    fn num_batches(&self, py: Python<'_>) -> usize {
        py.detach(|| self.stream().num_batches())
    }

    /// Counts the rows (generates them, in parallel, without keeping them).
    fn count_rows(&self, py: Python<'_>) -> u64 {
        py.detach(|| {
            let units = self.partition.row_range(self.table.units(&self.world));
            self.table.count(&self.world, units)
        })
    }

    /// The Arrow PyCapsule stream interface. `requested_schema` is accepted and ignored: the
    /// stream always has the table's own schema (the interface lets a producer do so).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let stream = py.detach(|| self.stream());
        arrow_export::stream_capsule(py, Box::new(stream))
    }

    /// The Arrow PyCapsule schema interface.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        arrow_export::schema_capsule(py, &self.table.schema())
    }

    /// A `pyarrow.RecordBatchReader` over the rows (needs pyarrow).
    fn to_reader<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        py.import("pyarrow")?
            .getattr("RecordBatchReader")?
            .call_method1("from_stream", (slf,))
    }

    fn __repr__(&self) -> String {
        let (k, n) = (self.partition.index(), self.partition.count());
        let part = if n == 1 {
            String::new()
        } else {
            format!(", part={k}, parts={n}")
        };
        let config = &self.world.config;
        format!(
            "promptsales.Table('{}', scale={}, seed={}{part})",
            self.table.qualified_name(),
            config.scale,
            config.seed
        )
    }
}

/// An Arrow schema with the PyCapsule schema interface (`pyarrow.schema(s)` accepts it).
#[pyclass(module = "promptsales", name = "Schema", frozen)]
#[derive(Debug)]
struct PySchema(SchemaRef);

#[pymethods]
impl PySchema {
    /// Column names, in order.
    #[getter]
    fn names(&self) -> Vec<String> {
        self.0.fields().iter().map(|f| f.name().clone()).collect()
    }

    fn __len__(&self) -> usize {
        self.0.fields().len()
    }

    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        arrow_export::schema_capsule(py, &self.0)
    }

    fn __repr__(&self) -> String {
        let cols: Vec<String> = self
            .0
            .fields()
            .iter()
            .map(|f| format!("{}: {}", f.name(), f.data_type()))
            .collect();
        format!("promptsales.Schema({})", cols.join(", "))
    }
}

/// The registry's tables as `store.table` names, in output order (parents before children).
#[pyfunction]
#[pyo3(signature = (scale = 1.0))]
fn tables(scale: f64) -> PyResult<Vec<String>> {
    promptsales_core::config::validate_scale(scale).py_err()?;
    Ok(registry::TABLES
        .iter()
        .map(TableDef::qualified_name)
        .collect())
}

/// One table (or part `part` of `parts`) as a lazy Arrow stream.
///
/// `row_group_rows` sets the rows per batch as `--row-group-rows` sets the rows per Parquet row
/// group: the batches are the row groups the CLI writes with the same value.
#[pyfunction]
#[pyo3(signature = (
    name, *, scale = 1.0, seed = 42, parts = 1, part = 1, peak_months = None,
    row_group_rows = 131072
))]
#[allow(clippy::too_many_arguments)]
fn table(
    py: Python<'_>,
    name: &str,
    scale: f64,
    seed: i128,
    parts: i64,
    part: i64,
    peak_months: Option<Bound<'_, PyAny>>,
    row_group_rows: i64,
) -> PyResult<PyTable> {
    let table = registry::table(name).py_err()?;
    let config = args::config(seed, scale, peak_months.as_ref())?;
    let partition = args::partition(part, parts).py_err()?;
    let chunk_rows = sink::validate_row_group_rows(row_group_rows).py_err()?;
    let world = py.detach(|| Arc::new(World::new(&config)));
    Ok(PyTable {
        world,
        table,
        partition,
        chunk_rows,
    })
}

/// Every table of `stores` (default: every store the registry generates) as lazy Arrow
/// streams, in a dict keyed by `store.table`; they share one world plan.
#[pyfunction]
#[pyo3(signature = (*, scale = 1.0, seed = 42, stores = None, peak_months = None))]
fn generate<'py>(
    py: Python<'py>,
    scale: f64,
    seed: i128,
    stores: Option<Bound<'py, PyAny>>,
    peak_months: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let config = args::config(seed, scale, peak_months.as_ref())?;
    let stores = args::stores(stores.as_ref())?;
    let world = py.detach(|| Arc::new(World::new(&config)));
    let out = PyDict::new(py);
    for table in registry::tables_of(&stores) {
        let t = PyTable {
            world: world.clone(),
            table,
            partition: Partition::default(),
            chunk_rows: sink::DEFAULT_ROW_GROUP_ROWS,
        };
        out.set_item(table.qualified_name(), t)?;
    }
    Ok(out)
}

/// Writes the dataset to `out` exactly as `promptsales generate` does (same files, same bytes)
/// and returns the manifest as a dict.
#[pyfunction]
#[pyo3(signature = (
    out, *, scale = 1.0, seed = 42, stores = None, formats = None, parts = 1,
    part = 1, peak_months = None, compression = "snappy", row_group_rows = 131072,
    overwrite = false
))]
#[allow(clippy::too_many_arguments)]
fn write<'py>(
    py: Python<'py>,
    out: PathBuf,
    scale: f64,
    seed: i128,
    stores: Option<Bound<'py, PyAny>>,
    formats: Option<Bound<'py, PyAny>>,
    parts: i64,
    part: i64,
    peak_months: Option<Bound<'py, PyAny>>,
    compression: &str,
    row_group_rows: i64,
    overwrite: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let config = args::config(seed, scale, peak_months.as_ref())?;
    let stores = args::stores(stores.as_ref())?;
    let formats = match formats {
        Some(f) => args::formats(&f)?,
        None => vec![promptsales_core::Format::Parquet],
    };
    let partition = args::partition(part, parts).py_err()?;
    let compression: Compression = compression.parse().py_err()?;
    let row_group_rows = sink::validate_row_group_rows(row_group_rows).py_err()?;
    let options = WriteOptions {
        out: out.clone(),
        stores,
        formats,
        partition,
        compression,
        row_group_rows,
        tables: Vec::new(),
        overwrite,
    };
    let manifest = py.detach(|| {
        // Create the folder first so a failure is an OSError with its errno.
        std::fs::create_dir_all(&out).map_err(|e| Error::io(&out, e))?;
        let world = World::new(&config);
        let manifest = sink::write_dataset(&world, &options, &sink::NoProgress)?;
        Ok::<_, Error>(serde_json::to_string(&manifest)?)
    });
    json_to_py(py, &manifest.py_err()?)
}

/// Checks every invariant of the dataset in `path` (as `promptsales verify`) and returns the
/// report as a dict (`passed`, sections, checks). With `raise_on_failure=True`, a breach raises
/// `VerificationError` whose `.report` is that dict.
#[pyfunction]
#[pyo3(signature = (path, *, raise_on_failure = false))]
fn verify<'py>(
    py: Python<'py>,
    path: PathBuf,
    raise_on_failure: bool,
) -> PyResult<Bound<'py, PyAny>> {
    // A path that is missing or not a folder is a file problem (OSError), not a bad dataset.
    let meta = std::fs::metadata(&path)
        .map_err(|e| Error::io(&path, e))
        .py_err()?;
    if !meta.is_dir() {
        return Err(PyNotADirectoryError::new_err(format!(
            "{}: not a folder (expected a dataset folder with manifest.json)",
            path.display()
        )));
    }
    let report = py.detach(|| core_verify::verify_dir(&path)).py_err()?;
    let json = serde_json::to_string(&report.to_json())
        .map_err(Error::from)
        .py_err()?;
    let dict = json_to_py(py, &json)?;
    if raise_on_failure && !report.passed() {
        let failed: Vec<String> = report
            .failures()
            .iter()
            .map(|c| format!("{}: {}", c.name, c.detail))
            .collect();
        let err = VerificationError::new_err(format!(
            "{}: {} of {} checks failed: {}",
            path.display(),
            failed.len(),
            report.check_count(),
            failed.join("; ")
        ));
        err.value(py).setattr("report", dict)?;
        return Err(err);
    }
    Ok(dict)
}

fn json_to_py<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

/// Coherent, deterministic synthetic data for the PromptSales ecosystem, as zero-copy Arrow
/// streams.
#[pymodule]
fn promptsales(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    m.add_function(wrap_pyfunction!(table, m)?)?;
    m.add_function(wrap_pyfunction!(generate, m)?)?;
    m.add_function(wrap_pyfunction!(write, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(report::report, m)?)?;
    m.add_class::<PyTable>()?;
    m.add_class::<PySchema>()?;
    m.add("VerificationError", m.py().get_type::<VerificationError>())?;
    let all = PyList::new(
        m.py(),
        [
            "__version__",
            "tables",
            "table",
            "generate",
            "write",
            "verify",
            "report",
            "Table",
            "Schema",
            "VerificationError",
        ],
    )?;
    m.add("__all__", all)?;
    Ok(())
}
