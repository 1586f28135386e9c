//! The crate's one error type. Every message is a single line that names the flag, file or
//! table at fault and, for a bad value, the valid range.

use std::path::PathBuf;

/// Errors raised by `promptsales-core`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration value (CLI flag, Python keyword) is outside its valid range.
    #[error("{flag}: {message}")]
    InvalidArgument {
        /// The flag as the user typed it, e.g. `--scale`.
        flag: &'static str,
        /// What is wrong and what is valid.
        message: String,
    },
    /// A table name that is not in the registry.
    #[error("unknown table '{0}' (run `promptsales tables` for the list)")]
    UnknownTable(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A dataset folder is not what `verify` or a loader expects.
    #[error("{path}: {message}")]
    Dataset {
        /// The folder or file at fault.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// Arrow failed to build or convert a batch (a bug, not a user mistake).
    #[error("arrow: {0}")]
    Arrow(#[from] arrow::error::ArrowError),
    /// Parquet failed to encode or decode.
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// JSON (manifest) failed to encode or decode.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid(flag: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidArgument {
            flag,
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Shorthand for [`Error::Dataset`].
    pub fn dataset(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Dataset {
            path: path.into(),
            message: message.into(),
        }
    }
}
