//! The crate's one error type. Messages are one line and never contain a password.

use std::path::PathBuf;

/// Errors raised by `promptsales-loaders`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The engine's client is not compiled into this build (cargo feature `drivers`).
    #[error("{command}: this build has no {engine} client (it is in the cargo feature `drivers`); rebuild with `cargo install --path . --features drivers`")]
    NotBuilt {
        /// The command, e.g. `load mongo`.
        command: &'static str,
        /// The engine, e.g. `MongoDB`.
        engine: &'static str,
    },
    /// The connection string could not be parsed.
    #[error("--url: invalid PostgreSQL connection string ({0}); expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME")]
    BadUrl(String),
    /// No connection string was given.
    #[error("--url: no connection string (pass --url or set DATABASE_URL)")]
    NoUrl,
    /// The server could not be reached.
    #[error("cannot reach PostgreSQL at {target}: {message}")]
    Unreachable {
        /// host:port/dbname (no credentials).
        target: String,
        /// Why.
        message: String,
    },
    /// The server refused the credentials.
    #[error("PostgreSQL at {target} refused the password for user '{user}'")]
    Auth {
        /// host:port/dbname (no credentials).
        target: String,
        /// The user name.
        user: String,
    },
    /// `--if-exists fail` and the store's schema already has tables.
    #[error("schema '{0}' already has tables (use --if-exists truncate to reload it or append to add rows)")]
    AlreadyLoaded(String),
    /// `--from` is not a dataset folder, or lacks a table.
    #[error("--from {path}: {message}")]
    NotADataset {
        /// The folder.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A statement or COPY failed on the server.
    #[error("{context}: {message}")]
    Database {
        /// What was being done (e.g. `COPY sales.users`).
        context: String,
        /// The server's message.
        message: String,
    },
    /// A column type the binary encoder does not handle (a bug: the registry grew a type).
    #[error("{table}.{column}: no PostgreSQL binary encoding for Arrow type {data_type}")]
    UnsupportedType {
        /// Table.
        table: String,
        /// Column.
        column: String,
        /// Arrow type.
        data_type: String,
    },
    /// The SQL Server connection URL could not be parsed.
    #[error("--url: invalid SQL Server connection URL ({0}); expected sqlserver://USER:PASSWORD@HOST[:PORT]/DATABASE[?trust_server_certificate=true&encrypt=true|false]")]
    MssqlBadUrl(String),
    /// No SQL Server connection URL was given.
    #[error("--url: no connection URL (pass --url or set MSSQL_URL)")]
    MssqlNoUrl,
    /// The SQL Server could not be reached (TCP, TLS or handshake).
    #[error("cannot reach SQL Server at {target}: {message}")]
    MssqlUnreachable {
        /// host:port/database (no credentials).
        target: String,
        /// Why.
        message: String,
    },
    /// SQL Server refused the login.
    #[error("SQL Server at {target} refused the login for user '{user}'")]
    MssqlAuth {
        /// host:port/database (no credentials).
        target: String,
        /// The user name.
        user: String,
    },
    /// A string is longer than its NVARCHAR column (sized from the reference data).
    #[error("{table}.{column}: a value of {length} characters does not fit NVARCHAR({width}) (widen it in loaders/src/mssql/ddl.rs and regenerate sql/*/mssql/tables.sql)")]
    TooWide {
        /// Table.
        table: String,
        /// Column.
        column: String,
        /// Length in UTF-16 code units.
        length: usize,
        /// Declared width.
        width: usize,
    },
    /// A connection URL for a non-PostgreSQL engine could not be parsed.
    #[error("{flag}: invalid {engine} URL ({message}); expected {expected}")]
    BadEngineUrl {
        /// The flag (`--url`, `--index-host`).
        flag: &'static str,
        /// MongoDB, Redis, Pinecone.
        engine: &'static str,
        /// Why (credentials redacted).
        message: String,
        /// The accepted form.
        expected: &'static str,
    },
    /// A server other than PostgreSQL could not be reached.
    #[error("cannot reach {engine} at {target}: {message}")]
    EngineUnreachable {
        /// MongoDB, Redis, Pinecone.
        engine: &'static str,
        /// host:port (no credentials).
        target: String,
        /// Why (credentials redacted).
        message: String,
    },
    /// A server other than PostgreSQL refused the credentials.
    #[error("{engine} at {target} refused the credentials{hint}")]
    EngineAuth {
        /// MongoDB, Redis, Pinecone.
        engine: &'static str,
        /// host:port (no credentials).
        target: String,
        /// Where the credentials came from.
        hint: String,
    },
    /// `--if-exists fail` and the target already holds data.
    #[error("{engine} {what} already has data (use --if-exists truncate to reload it or append to add to it)")]
    EngineExists {
        /// MongoDB, Redis, Pinecone.
        engine: &'static str,
        /// e.g. `database promptcontent (collections: images, …)`.
        what: String,
    },
    /// A command failed on a server other than PostgreSQL.
    #[error("{engine}: {context}: {message}")]
    Remote {
        /// MongoDB, Redis, Pinecone.
        engine: &'static str,
        /// What was being done.
        context: String,
        /// The server's message (one line, credentials redacted).
        message: String,
    },
    /// The load finished but reading back disagreed with what was sent.
    #[error("{engine}: loaded data does not match the source: {message}")]
    Mismatch {
        /// MongoDB, Redis, Pinecone.
        engine: &'static str,
        /// What differed.
        message: String,
    },
    /// `--advance-to` cannot apply to this database (no clock, another world, backwards).
    #[error("--advance-to: {0}")]
    Advance(String),
    /// The generator or dataset reader failed.
    #[error(transparent)]
    Core(#[from] promptsales_core::Error),
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A server error for `engine`, reduced to its first line with `url`'s secrets redacted.
    pub fn remote(
        engine: &'static str,
        context: impl Into<String>,
        message: impl std::fmt::Display,
        url: &str,
    ) -> Self {
        Error::Remote {
            engine,
            context: context.into(),
            message: crate::common::redact(&message.to_string(), url),
        }
    }

    /// Wraps a `postgres` error with what was being done, keeping one line.
    pub fn db(context: impl Into<String>, e: &pg::Error) -> Self {
        let message = match e.as_db_error() {
            Some(db) => format!(
                "{}: {} (SQLSTATE {})",
                db.severity(),
                db.message(),
                db.code().code()
            ),
            None => e.to_string(),
        };
        Error::Database {
            context: context.into(),
            message: message.lines().next().unwrap_or("failed").to_string(),
        }
    }
}
