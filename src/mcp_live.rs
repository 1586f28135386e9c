//! `promptsales mcp content|sales --database-url … [--mongo-url … --redis-url …]`: the MCP
//! servers' live backend (crate `promptsales-mcp`, feature `live`, turned on by this crate's
//! `drivers` feature). Without the feature the flags still parse and say how to get it.

use std::process::ExitCode;

use anyhow::Result;
use promptsales_mcp::ServeOptions;

/// The live backend's flags (each URL also from an environment variable, so passwords need
/// not be on the command line).
#[derive(clap::Args, Debug)]
pub struct LiveArgs {
    /// Serve from the loaded databases (implied by any of the URL flags below; URLs not given
    /// as flags come from PROMPTSALES_DATABASE_URL, PROMPTSALES_MONGO_URL, PROMPTSALES_REDIS_URL).
    #[arg(long)]
    live: bool,
    /// PostgreSQL with the loaded ads tables (and content.images with pgvector for content).
    #[arg(long)]
    database_url: Option<String>,
    /// MongoDB holding the content store (content server).
    #[arg(long)]
    mongo_url: Option<String>,
    /// MongoDB database of the content store.
    #[arg(long, default_value = "promptcontent")]
    mongo_db: String,
    /// Redis for getContent's search cache (content server).
    #[arg(long)]
    redis_url: Option<String>,
    /// Serve the guarded read-only SQL tool querySql (sales server, live only).
    #[arg(long)]
    sql_tool: bool,
    /// Connection URL of querySql's read-only role (or PROMPTSALES_SQL_URL).
    #[arg(long)]
    sql_url: Option<String>,
}

impl LiveArgs {
    /// The first live flag given, if any.
    pub fn requested(&self) -> Option<&'static str> {
        [
            ("--live", self.live),
            ("--database-url", self.database_url.is_some()),
            ("--mongo-url", self.mongo_url.is_some()),
            ("--redis-url", self.redis_url.is_some()),
            ("--sql-tool", self.sql_tool),
            ("--sql-url", self.sql_url.is_some()),
        ]
        .into_iter()
        .find_map(|(flag, given)| given.then_some(flag))
    }
}

/// Serves from the databases; `flag` is the live flag that asked for it.
#[cfg(feature = "drivers")]
pub fn run(args: LiveArgs, _flag: &'static str, serve: ServeOptions) -> Result<ExitCode> {
    let options = promptsales_mcp::live::LiveOptions {
        database_url: args.database_url,
        mongo_url: args.mongo_url,
        mongo_db: args.mongo_db,
        redis_url: args.redis_url,
        sql_tool: args.sql_tool,
        sql_url: args.sql_url,
    };
    promptsales_mcp::live::run_live(serve, &options)?;
    Ok(ExitCode::SUCCESS)
}

/// This build has no database drivers: one line naming the flag, exit 2.
#[cfg(not(feature = "drivers"))]
pub fn run(args: LiveArgs, flag: &'static str, _serve: ServeOptions) -> Result<ExitCode> {
    // Parsed but unused in this build: nothing to connect to.
    let _ = args.mongo_db;
    eprintln!(
        "error: {flag}: the live backend is not in this build; rebuild with `cargo install --path . --features drivers`"
    );
    Ok(ExitCode::from(2))
}
