//! The **live** backend (feature `live`): both MCP servers answered from the loaded databases
//! instead of a world generated in memory, with the same answers on the same world.
//!
//! - **content**: `getContent` searches `content.images` in PostgreSQL + pgvector (cosine,
//!   `<=>`), scores recomputed in Rust with the embedded backend's cosine so the ranking and
//!   the scores are the embedded ones, cached in Redis under `contenido:busqueda:{hash}` for
//!   7200 s (docs/redis.md); `generateCampaignContent` reads the campaign from the ads tables
//!   and writes the request (`request_log`) and the log (`campaign_logs`) to MongoDB;
//! - **sales**: every tool is SQL over `ads.daily_results`, `ads.campaigns`, `ads.brands`,
//!   `ads.campaign_channels`/`campaign_markets`, `ads.channels`/`markets`; ranking and name
//!   similarity run in Rust over the SQL rows, as in the embedded backend; optionally the
//!   guarded read-only `querySql` tool ([`sql`]).
//!
//! The database clients block, so the server runs live calls on tokio's blocking pool
//! (`server.rs`). Connection URLs come from flags or environment variables and never appear
//! in a message (passwords are redacted).

pub mod content;
pub mod pool;
pub mod sales;
pub mod sql;

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::error::{Error, Result, ToolError};
use crate::server::{Backend, McpServer};
use crate::tools::ToolDef;
use crate::{Kind, ServeOptions};

/// Environment variable for `--database-url` (PostgreSQL with the ads tables and pgvector).
pub const DATABASE_URL_ENV: &str = "PROMPTSALES_DATABASE_URL";
/// Environment variable for `--mongo-url`.
pub const MONGO_URL_ENV: &str = "PROMPTSALES_MONGO_URL";
/// Environment variable for `--redis-url`.
pub const REDIS_URL_ENV: &str = "PROMPTSALES_REDIS_URL";
/// Environment variable for `--sql-url` (the read-only role of `querySql`).
pub const SQL_URL_ENV: &str = "PROMPTSALES_SQL_URL";

/// The live backend's settings, as given on the command line (`None`: not given).
#[derive(Default)]
pub struct LiveOptions {
    /// PostgreSQL with the ads tables (and, for content, `content.images` with pgvector).
    pub database_url: Option<String>,
    /// MongoDB (content).
    pub mongo_url: Option<String>,
    /// MongoDB database of the content store.
    pub mongo_db: String,
    /// Redis (content's search cache).
    pub redis_url: Option<String>,
    /// Serve `querySql` (sales).
    pub sql_tool: bool,
    /// The read-only role's connection URL for `querySql`.
    pub sql_url: Option<String>,
}

impl std::fmt::Debug for LiveOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let given = |o: &Option<String>| o.as_ref().map(|_| "<given>");
        f.debug_struct("LiveOptions")
            .field("database_url", &given(&self.database_url))
            .field("mongo_url", &given(&self.mongo_url))
            .field("mongo_db", &self.mongo_db)
            .field("redis_url", &given(&self.redis_url))
            .field("sql_tool", &self.sql_tool)
            .field("sql_url", &given(&self.sql_url))
            .finish()
    }
}

/// The flag's value, else the environment variable's; an error naming both when neither.
pub fn required(flag: &'static str, value: &Option<String>, env: &str) -> Result<String> {
    value
        .clone()
        .or_else(|| std::env::var(env).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            Error::invalid(
                flag,
                format!("the live backend needs this connection URL (pass {flag} or set {env})"),
            )
        })
}

/// A loader error at start as a one-line error naming `flag`.
pub(crate) fn flag_error(flag: &'static str, e: promptsales_loaders::Error) -> Error {
    let text = e.to_string();
    Error::invalid(
        flag,
        text.strip_prefix("--url: ").unwrap_or(&text).to_string(),
    )
}

/// Either live server.
#[derive(Debug)]
pub enum LiveBackend {
    /// PromptContent over pgvector, MongoDB and Redis.
    Content(content::LiveContent),
    /// PromptSales over the ads tables.
    Sales(sales::LiveSales),
}

impl LiveBackend {
    /// Connects and checks every store the server needs (errors name the flag).
    pub fn connect(kind: Kind, options: &LiveOptions, rt: tokio::runtime::Handle) -> Result<Self> {
        match kind {
            Kind::Content => {
                for (flag, given) in [
                    ("--sql-tool", options.sql_tool),
                    ("--sql-url", options.sql_url.is_some()),
                ] {
                    if given {
                        return Err(Error::invalid(
                            flag,
                            "only applies to the sales server (mcp sales)",
                        ));
                    }
                }
                Ok(LiveBackend::Content(content::LiveContent::connect(
                    options, rt,
                )?))
            }
            Kind::Sales => {
                for (flag, given) in [
                    ("--mongo-url", options.mongo_url.is_some()),
                    ("--redis-url", options.redis_url.is_some()),
                ] {
                    if given {
                        return Err(Error::invalid(
                            flag,
                            "only applies to the content server (mcp content)",
                        ));
                    }
                }
                Ok(LiveBackend::Sales(sales::LiveSales::connect(options)?))
            }
        }
    }

    /// Which server.
    pub fn kind(&self) -> Kind {
        match self {
            LiveBackend::Content(_) => Kind::Content,
            LiveBackend::Sales(_) => Kind::Sales,
        }
    }

    /// Tools beyond the embedded server's (`querySql` when enabled).
    pub fn extra_tools(&self) -> Vec<ToolDef> {
        match self {
            LiveBackend::Sales(s) if s.sql_enabled() => vec![sql::tool()],
            _ => Vec::new(),
        }
    }

    /// Runs tool `name`: `None` when no such tool exists.
    pub fn call(&self, name: &str, args: &Map<String, Value>) -> Option<Result<Value, ToolError>> {
        match self {
            LiveBackend::Content(c) => c.call(name, args),
            LiveBackend::Sales(s) => s.call(name, args),
        }
    }
}

/// Connects the live backend and serves until the client disconnects (stdio) or a signal
/// (HTTP).
pub fn run_live(options: ServeOptions, live: &LiveOptions) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Transport(format!("starting the async runtime: {e}")))?;
    let backend = Arc::new(LiveBackend::connect(
        options.kind,
        live,
        runtime.handle().clone(),
    )?);
    eprintln!("{}", backend_summary(&backend));
    let server = McpServer::new(Backend::Live(Arc::clone(&backend)));
    let served = runtime.block_on(async move {
        match options.http {
            None => server.serve_stdio().await,
            Some(http) => crate::http::serve_http(server, http).await,
        }
    });
    // The blocking PostgreSQL clients run their own runtime when they close: drop them here,
    // after the async runtime (and every task holding the server) is gone, not inside it.
    drop(runtime);
    drop(backend);
    served
}

fn backend_summary(b: &LiveBackend) -> String {
    match b {
        LiveBackend::Content(c) => format!("promptsales mcp content (live): {}", c.summary()),
        LiveBackend::Sales(s) => format!("promptsales mcp sales (live): {}", s.summary()),
    }
}
