//! The crate's one error type, plus [`ToolError`]: a bad tool argument, reported to the MCP
//! client as a tool result with `isError: true` (so a model can correct its call) rather than as
//! a server failure.

use std::path::PathBuf;

/// Errors raised by `promptsales-mcp` while starting or serving.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A command-line value is outside its valid range.
    #[error("{flag}: {message}")]
    InvalidArgument {
        /// The flag as typed, e.g. `--listen`.
        flag: &'static str,
        /// What is wrong and what is valid.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The generator refused the world's configuration.
    #[error("{0}")]
    Core(#[from] promptsales_core::Error),
    /// The MCP transport failed (stdio closed mid-message, handshake refused…).
    #[error("mcp transport: {0}")]
    Transport(String),
    /// Binding or serving the HTTP listener failed.
    #[error("http {addr}: {message}")]
    Http {
        /// Listen address.
        addr: String,
        /// What failed.
        message: String,
    },
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
}

/// A tool call the server understood but cannot answer: a missing or invalid argument (named,
/// with its valid range), or an unknown campaign. One line, never a stack trace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ToolError(pub String);

impl ToolError {
    /// An argument outside its valid range.
    pub fn arg(name: &str, message: impl std::fmt::Display) -> Self {
        ToolError(format!("argument '{name}': {message}"))
    }
}
