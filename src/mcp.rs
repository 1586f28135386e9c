//! `promptsales mcp content|sales`: the MCP servers (crate `promptsales-mcp`) over a world
//! generated in memory, on stdio (default) or Streamable HTTP (`--listen`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;
use promptsales_core::World;
use promptsales_mcp::http::HttpOptions;
use promptsales_mcp::{Kind, ServeOptions};

use crate::{parse_config, WorldArgs};

/// Which server.
#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum Server {
    /// PromptContent: getContent, generateCampaignContent.
    Content,
    /// PromptSales: campaign performance tools and the metrics resource.
    Sales,
}

/// `promptsales mcp content|sales [--listen ADDR --token-file FILE]`.
#[derive(clap::Args, Debug)]
pub struct McpArgs {
    /// Which server: content or sales.
    #[arg(value_enum)]
    server: Server,
    #[command(flatten)]
    world: WorldArgs,
    /// Serve Streamable HTTP on this address (e.g. 127.0.0.1:8080) at /mcp instead of stdio.
    #[arg(long)]
    listen: Option<String>,
    /// File holding the HTTP bearer token (default: the MCP_SERVER_TOKEN environment variable).
    #[arg(long)]
    token_file: Option<PathBuf>,
    /// Browser origin allowed to call the HTTP endpoint (repeatable; localhost is always allowed).
    #[arg(long)]
    allow_origin: Vec<String>,
    /// Folder where generateCampaignContent stores requests and campaign logs.
    #[arg(long, default_value = "mcp-state")]
    state_dir: PathBuf,
    #[command(flatten)]
    live: crate::mcp_live::LiveArgs,
}

pub fn run(args: McpArgs) -> Result<ExitCode> {
    let config = parse_config(&args.world)?;
    let http = match &args.listen {
        None => {
            if args.token_file.is_some() {
                return Err(promptsales_core::Error::invalid(
                    "--token-file",
                    "only applies with --listen (stdio needs no token)",
                )
                .into());
            }
            None
        }
        Some(addr) => {
            let listen: SocketAddr = addr.trim().parse().map_err(|_| {
                promptsales_core::Error::invalid(
                    "--listen",
                    format!("must be IP:PORT, e.g. 127.0.0.1:8080 (got '{addr}')"),
                )
            })?;
            for o in &args.allow_origin {
                if !(o.starts_with("http://") || o.starts_with("https://")) || o.ends_with('/') {
                    return Err(promptsales_core::Error::invalid(
                        "--allow-origin",
                        format!("must be scheme://host[:port] without a path (got '{o}')"),
                    )
                    .into());
                }
            }
            Some(HttpOptions {
                listen,
                token: promptsales_mcp::read_token(args.token_file.as_deref())?,
                allowed_origins: args.allow_origin.clone(),
            })
        }
    };
    let kind = match args.server {
        Server::Content => Kind::Content,
        Server::Sales => Kind::Sales,
    };
    if let Some(flag) = args.live.requested() {
        let serve = ServeOptions {
            kind,
            state_dir: args.state_dir,
            http,
        };
        return crate::mcp_live::run(args.live, flag, serve);
    }
    let started = Instant::now();
    let world = Arc::new(World::new(&config));
    // stdout belongs to the protocol in stdio mode: every human line goes to stderr.
    eprintln!(
        "promptsales mcp {}: world seed {} scale {} generated in {:.2} s; building the tool index",
        match kind {
            Kind::Content => "content",
            Kind::Sales => "sales",
        },
        config.seed,
        config.scale,
        started.elapsed().as_secs_f64()
    );
    promptsales_mcp::run(
        world,
        ServeOptions {
            kind,
            state_dir: args.state_dir,
            http,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}
