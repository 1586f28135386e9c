//! The MCP protocol side: one [`rmcp::ServerHandler`] for both servers, dispatching
//! `tools/call` to the content or sales tools, and serving over stdio.
//!
//! Errors follow the MCP specification (2025-11-25, "Error Handling"): an unknown tool is a
//! JSON-RPC error (-32602, invalid params); a call with missing or invalid arguments is a tool
//! result with `isError: true` and a one-line message naming the argument and its valid range,
//! so a model can correct its call. Either way the server keeps serving.

use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    JsonObject, ListResourcesResult, ListToolsResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, Resource,
    ResourceContents, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::{Map, Value};

use crate::content::ContentService;
use crate::error::{Error, Result, ToolError};
use crate::sales::{metrics_doc, SalesService, METRICS_URI};
use crate::tools::{content_tools, sales_tools, ToolDef};
use crate::Kind;

/// Which server, with its state.
#[derive(Debug, Clone)]
pub enum Backend {
    /// PromptContent: getContent, generateCampaignContent.
    Content(Arc<ContentService>),
    /// PromptSales: campaign performance.
    Sales(Arc<SalesService>),
    /// Either server over the loaded databases (feature `live`).
    #[cfg(feature = "live")]
    Live(Arc<crate::live::LiveBackend>),
}

impl Backend {
    /// Which server this backend serves.
    pub fn kind(&self) -> Kind {
        match self {
            Backend::Content(_) => Kind::Content,
            Backend::Sales(_) => Kind::Sales,
            #[cfg(feature = "live")]
            Backend::Live(l) => l.kind(),
        }
    }
}

/// The MCP server (cheap to clone: the state is shared).
#[derive(Debug, Clone)]
pub struct McpServer {
    backend: Backend,
    tools: Arc<Vec<Tool>>,
}

fn object(v: Value) -> JsonObject {
    match v {
        Value::Object(m) => m,
        _ => JsonObject::new(),
    }
}

fn to_tool(d: ToolDef) -> Tool {
    Tool::new(d.name, d.description, Arc::new(object(d.input)))
        .with_title(d.title)
        .with_raw_output_schema(Arc::new(object(d.output)))
}

impl McpServer {
    /// A server over `backend`.
    pub fn new(backend: Backend) -> Self {
        #[allow(unused_mut)] // extended only by the live backend
        let mut defs = match backend.kind() {
            Kind::Content => content_tools(),
            Kind::Sales => sales_tools(),
        };
        #[cfg(feature = "live")]
        if let Backend::Live(l) = &backend {
            defs.extend(l.extra_tools());
        }
        McpServer {
            backend,
            tools: Arc::new(defs.into_iter().map(to_tool).collect()),
        }
    }

    /// The server's name as announced in `initialize`.
    pub fn name(&self) -> &'static str {
        match self.backend.kind() {
            Kind::Content => "promptcontent-mcp",
            Kind::Sales => "promptsales-mcp",
        }
    }

    /// Runs tool `name` on `args`: `None` when no such tool exists.
    pub fn call(&self, name: &str, args: &Map<String, Value>) -> Option<Result<Value, ToolError>> {
        Some(match (&self.backend, name) {
            (Backend::Content(c), "getContent") => c.get_content(args),
            (Backend::Content(c), "generateCampaignContent") => c.generate_campaign_content(args),
            (Backend::Sales(s), "getCampaignPerformance") => s.index().performance(args),
            (Backend::Sales(s), "compareCampaigns") => s.index().compare(args),
            (Backend::Sales(s), "topCampaigns") => s.index().top(args),
            (Backend::Sales(s), "campaignBreakdown") => s.index().breakdown(args),
            (Backend::Sales(s), "findCampaigns") => s.index().find(args),
            #[cfg(feature = "live")]
            (Backend::Live(l), _) => return l.call(name, args),
            _ => return None,
        })
    }

    /// [`McpServer::call`] from the async handler: the live backend's database clients block,
    /// so its calls run on tokio's blocking pool; the embedded backend answers in place.
    async fn call_blocking_aware(
        &self,
        name: &str,
        args: Map<String, Value>,
    ) -> Option<Result<Value, ToolError>> {
        #[cfg(feature = "live")]
        if let Backend::Live(_) = &self.backend {
            let this = self.clone();
            let name = name.to_string();
            return match tokio::task::spawn_blocking(move || this.call(&name, &args)).await {
                Ok(answer) => answer,
                Err(e) => Some(Err(ToolError(format!("the tool call failed: {e}")))),
            };
        }
        self.call(name, &args)
    }

    /// Serves one client over stdin/stdout until it disconnects.
    pub async fn serve_stdio(self) -> Result<()> {
        let running = self
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| Error::Transport(e.to_string()))?;
        running
            .waiting()
            .await
            .map_err(|e| Error::Transport(e.to_string()))?;
        Ok(())
    }
}

impl ServerHandler for McpServer {
    fn get_info(&self) -> ServerConfig {
        let caps = match self.backend.kind() {
            Kind::Sales => ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .build(),
            Kind::Content => ServerCapabilities::builder().enable_tools().build(),
        };
        let instructions = match self.backend.kind() {
            Kind::Content => "PromptContent: getContent finds images by description (with hashtags); generateCampaignContent writes three messages per target population and logs them.",
            Kind::Sales => "PromptSales: campaign performance (reach, success rate, sales, revenue, reactions, channels). Read promptsales://sales/metrics for the definitions; use findCampaigns to get a campaign id from a name.",
        };
        ServerConfig::new(caps)
            .with_server_info(Implementation::new(self.name(), env!("CARGO_PKG_VERSION")))
            .with_instructions(instructions)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.tools.as_ref().clone()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let args = request.arguments.unwrap_or_default();
        match self.call_blocking_aware(&request.name, args).await {
            None => Err(ErrorData::invalid_params(
                format!(
                    "unknown tool '{}' (tools: {})",
                    crate::args::clip(&request.name),
                    self.tools
                        .iter()
                        .map(|t| t.name.as_ref())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None,
            )),
            Some(Ok(value)) => Ok(CallToolResult::structured(value).into()),
            Some(Err(e)) => Ok(CallToolResult::error(vec![ContentBlock::text(e.0)]).into()),
        }
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        Ok(match self.backend.kind() {
            Kind::Sales => ListResourcesResult::with_all_items(vec![Resource::new(
                METRICS_URI,
                "metrics",
            )
            .with_title("Campaign metric definitions")
            .with_description("How reach, success rate, sales, reactions and the other metrics are computed from the tables")
            .with_mime_type("text/markdown")]),
            Kind::Content => ListResourcesResult::default(),
        })
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        match (self.backend.kind(), request.uri.as_str()) {
            (Kind::Sales, METRICS_URI) => {
                Ok(ReadResourceResult::new(vec![ResourceContents::text(
                    metrics_doc(),
                    METRICS_URI,
                )
                .with_mime_type("text/markdown")])
                .into())
            }
            (_, uri) => Err(ErrorData::resource_not_found(
                format!("no resource '{}'", crate::args::clip(uri)),
                None,
            )),
        }
    }
}
