//! `promptsales.report(...)`: the HTML page of `promptsales report`, as a string.

use std::path::PathBuf;

use promptsales_report::Error as ReportError;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyAny;

use crate::args;
use crate::errors::to_py;

fn to_py_report(err: ReportError) -> PyErr {
    match err {
        ReportError::Core(e) => to_py(e),
        e @ ReportError::Output { .. } => PyOSError::new_err(e.to_string()),
        e => PyRuntimeError::new_err(e.to_string()),
    }
}

/// The self-contained HTML report (charts, identity, verify summary) of the dataset in `path`,
/// or, without `path`, of the world generated for `scale`/`seed` (in a temporary folder that is
/// removed afterwards). With `out`, the page is also written there (temporary name, then rename).
#[pyfunction]
#[pyo3(signature = (path = None, *, scale = None, seed = None, peak_months = None, out = None))]
pub fn report(
    py: Python<'_>,
    path: Option<PathBuf>,
    scale: Option<f64>,
    seed: Option<i128>,
    peak_months: Option<Bound<'_, PyAny>>,
    out: Option<PathBuf>,
) -> PyResult<String> {
    if let Some(o) = &out {
        promptsales_report::check_out(o).map_err(to_py_report)?;
    }
    let html = match path {
        Some(dir) => {
            if scale.is_some() || seed.is_some() || peak_months.is_some() {
                return Err(PyValueError::new_err(
                    "report: give either a dataset folder or scale/seed to generate one, not both",
                ));
            }
            py.detach(|| promptsales_report::render_dir(&dir))
                .map_err(to_py_report)?
        }
        None => {
            let config = args::config(
                seed.unwrap_or(42),
                scale.unwrap_or(1.0),
                peak_months.as_ref(),
            )?;
            py.detach(|| promptsales_report::render_generated(&config))
                .map_err(to_py_report)?
        }
    };
    if let Some(o) = &out {
        promptsales_report::write_html(o, &html).map_err(to_py_report)?;
    }
    Ok(html)
}
