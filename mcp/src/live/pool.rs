//! A small PostgreSQL connection pool for the live backend: idle connections are reused,
//! a broken one is dropped, and a call that finds the server down is a tool error (the server
//! keeps serving and reconnects on a later call).

use std::sync::Mutex;

use pg::{Client, NoTls};
use promptsales_loaders::common::redact;

use crate::error::{Error, Result, ToolError};

/// Idle connections kept (the MCP servers run at most a few calls at once per client; more
/// calls than this open extra connections that are closed after use).
pub const MAX_IDLE: usize = 8;

/// Every statement of a tool call is cut after this long (a hung query must not hold a
/// blocking thread forever).
pub const STATEMENT_TIMEOUT: &str = "15s";

/// Connections to one PostgreSQL database.
pub struct PgPool {
    config: pg::Config,
    url: String,
    target: String,
    idle: Mutex<Vec<Client>>,
}

impl std::fmt::Debug for PgPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the URL: it may hold a password.
        f.debug_struct("PgPool")
            .field("target", &self.target)
            .finish()
    }
}

impl PgPool {
    /// Opens one connection to check `url` (errors name `flag`, never the password).
    pub fn open(flag: &'static str, url: &str) -> Result<Self> {
        let config = promptsales_loaders::postgres::parse_url(url)
            .map_err(|e| super::flag_error(flag, e))?;
        let target = promptsales_loaders::postgres::target(&config);
        let client =
            promptsales_loaders::postgres::connect(url).map_err(|e| super::flag_error(flag, e))?;
        let pool = PgPool {
            config,
            url: url.to_string(),
            target,
            idle: Mutex::new(Vec::new()),
        };
        let mut client = client;
        client
            .batch_execute(&format!("SET statement_timeout = '{STATEMENT_TIMEOUT}'"))
            .map_err(|e| Error::invalid(flag, pool.message(&e)))?;
        pool.put(client);
        Ok(pool)
    }

    /// `host:port/dbname` (no credentials).
    pub fn target(&self) -> &str {
        &self.target
    }

    /// One line for a PostgreSQL error, the URL's secrets redacted.
    pub fn message(&self, e: &pg::Error) -> String {
        let text = match e.as_db_error() {
            Some(db) => format!("{}: {}", db.code().code(), db.message()),
            None => {
                let source = std::error::Error::source(e).map(|s| s.to_string());
                match source {
                    Some(s) => format!("{e}: {s}"),
                    None => e.to_string(),
                }
            }
        };
        format!(
            "PostgreSQL at {}: {}",
            self.target,
            redact(&text, &self.url)
        )
    }

    fn put(&self, client: Client) {
        if client.is_closed() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(client);
        }
    }

    fn take(&self) -> Result<Client, ToolError> {
        let reused = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        if let Some(c) = reused {
            return Ok(c);
        }
        let mut client = self.config.connect(NoTls).map_err(|e| {
            ToolError(format!(
                "the database is unavailable ({}); try again later",
                self.message(&e)
            ))
        })?;
        client
            .batch_execute(&format!("SET statement_timeout = '{STATEMENT_TIMEOUT}'"))
            .map_err(|e| ToolError(self.message(&e)))?;
        Ok(client)
    }

    /// Runs `f` on a pooled connection; a failure becomes a one-line tool error.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Client) -> std::result::Result<T, pg::Error>,
    ) -> Result<T, ToolError> {
        let mut client = self.take()?;
        let out = f(&mut client);
        // A statement error leaves the connection usable (no transaction is left open: every
        // multi-statement call uses a `Transaction`, rolled back on drop); a closed one is
        // dropped by `put`.
        self.put(client);
        out.map_err(|e| {
            // Connection exceptions (class 08) and shutdowns (57P01–57P03) mean the server is
            // going away; 57014 (a statement timeout) does not.
            let going_away = e
                .code()
                .is_some_and(|c| c.code().starts_with("08") || c.code().starts_with("57P"));
            if e.is_closed() || e.as_db_error().is_none() || going_away {
                ToolError(format!(
                    "the database is unavailable ({}); try again later",
                    self.message(&e)
                ))
            } else {
                ToolError(self.message(&e))
            }
        })
    }
}
