//! The one place where Rust errors become Python exceptions.
//!
//! | core error | Python exception |
//! |---|---|
//! | `UnknownTable` | `KeyError` |
//! | `InvalidArgument` (bad scale, seed, part, format, store…) | `ValueError`, the CLI's message |
//! | `InvalidArgument` for `--out` (folder not writable) | `OSError` |
//! | `Io` | `OSError` (with `errno`, so `FileNotFoundError`, `PermissionError`… as Python picks) |
//! | `Dataset` (a folder `verify` cannot read as a dataset) | `ValueError` |
//! | anything else (Arrow, Parquet, JSON: bugs, not user mistakes) | `RuntimeError` |
//!
//! A failed verification (with `raise_on_failure=True`) is `promptsales.VerificationError`.

use promptsales_core::Error;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyKeyError, PyOSError, PyRuntimeError, PyValueError};
use pyo3::PyErr;

create_exception!(
    promptsales,
    VerificationError,
    PyException,
    "A dataset breached an invariant; `.report` holds the verification report as a dict."
);

/// Converts a core error to the Python exception documented in the module table.
pub fn to_py(err: Error) -> PyErr {
    let message = err.to_string();
    match err {
        Error::UnknownTable(_) => PyKeyError::new_err(message),
        Error::InvalidArgument { flag: "--out", .. } => PyOSError::new_err(message),
        Error::InvalidArgument { .. } | Error::Dataset { .. } => PyValueError::new_err(message),
        Error::Io { path, source } => match source.raw_os_error() {
            // OSError(errno, strerror, filename) lets Python pick the subclass
            // (FileNotFoundError, PermissionError, …).
            Some(errno) => PyOSError::new_err((
                errno,
                strip_os_suffix(&source.to_string()),
                path.display().to_string(),
            )),
            None => PyOSError::new_err(message),
        },
        _ => PyRuntimeError::new_err(message),
    }
}

/// `std::io::Error` prints "No such file or directory (os error 2)"; Python adds the errno itself.
fn strip_os_suffix(text: &str) -> String {
    match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => text[..i].to_string(),
        _ => text.to_string(),
    }
}

/// `Result` of a core call, with the error converted.
pub trait IntoPy<T> {
    /// Converts the error with [`to_py`].
    fn py_err(self) -> Result<T, PyErr>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py_err(self) -> Result<T, PyErr> {
        self.map_err(to_py)
    }
}
