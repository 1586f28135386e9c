//! `content.mcp_servers`: the PromptContent MCP server and its two tools, `getContent`
//! (semantic image search over the description embeddings) and `generateCampaignContent` (three
//! messages per target population), with their input schemas, back ends, caches and usage
//! counters consistent with the other collections.

use std::ops::Range;

use crate::catalog::calendar::AS_OF;
use crate::catalog::vocab::INDUSTRIES;
use crate::doc::{Document, Value};
use crate::gen::content::campaign_logs::{MESSAGES_PER_POPULATION, MODEL};
use crate::gen::content::request_log::call_plan;
use crate::gen::content::{millis, object_id, DocGen, Index, DATABASE};
use crate::gen::TableGen;
use crate::world::World;

/// Server name.
pub const SERVER: &str = "promptcontent-mcp";
/// The tools it exposes.
pub const TOOLS: [&str; 2] = ["getContent", "generateCampaignContent"];

/// The server row.
#[derive(Debug)]
pub struct McpServerRow {
    /// MongoDB `_id`.
    pub object_id: [u8; 12],
    /// Embedding dimension of the vector index.
    pub dims: u32,
    /// `getContent` calls so far (vector queries in `request_log`).
    pub get_content_calls: i64,
    /// `generateCampaignContent` calls so far (one per campaign log).
    pub generate_calls: i64,
}

/// Generator of `content.mcp_servers` (unit: server).
#[derive(Debug)]
pub struct McpServers;

impl TableGen for McpServers {
    type Row<'a> = McpServerRow;

    fn units(_: &World) -> u64 {
        1
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&McpServerRow)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let queries = (0..world.campaigns.len())
                .flat_map(|i| call_plan(world, i))
                .filter(|c| c.service().key == "pinecone")
                .count() as i64;
            emit(&McpServerRow {
                object_id: object_id(
                    world.config.seed,
                    "mcp_servers",
                    millis(AS_OF, 0) / 1000,
                    u + 1,
                ),
                dims: world.config.embedding_dims,
                get_content_calls: queries,
                generate_calls: world.campaigns.len() as i64,
            });
        }
    }
}

fn prop(kind: &str, description: &str) -> Value {
    Value::Doc(crate::doc! { "type" => kind, "description" => description })
}

impl DocGen for McpServers {
    const INDEXES: &'static [Index] = &[Index {
        name: "name_1",
        keys: &[("name", 1)],
        unique: true,
    }];

    fn document(r: &McpServerRow) -> Document {
        let categories = Value::Array(INDUSTRIES.iter().map(|i| Value::from(i.key)).collect());
        let get_content = crate::doc! {
            "name" => TOOLS[0],
            "description" => "Finds images whose descriptions match a text query, optionally filtered by category and hashtags.",
            "input_schema" => crate::doc! {
                "type" => "object",
                "properties" => crate::doc! {
                    "query" => prop("string", "What the image should show"),
                    "category" => crate::doc! { "type" => "string", "enum" => categories },
                    "hashtags" => crate::doc! { "type" => "array", "items" => crate::doc! { "type" => "string" } },
                    "top_k" => crate::doc! { "type" => "integer", "minimum" => Value::I32(1), "maximum" => Value::I32(50), "default" => Value::I32(10) },
                },
                "required" => Value::Array(vec![Value::from("query")]),
            },
            "backend" => crate::doc! {
                "database" => DATABASE,
                "collection" => "images",
                "vector_index" => crate::doc! {
                    "provider" => "pinecone",
                    "index" => "promptcontent-images",
                    "dimension" => Value::I32(r.dims as i32),
                    "metric" => "cosine",
                    "id_field" => "vector_id",
                },
                "filters" => Value::Array(vec![Value::from("category"), Value::from("hashtags"), Value::from("approval.status")]),
            },
            "cache" => crate::doc! { "redis_key" => "contenido:busqueda:{hash}", "ttl_seconds" => Value::I32(7200) },
        };
        let generate = crate::doc! {
            "name" => TOOLS[1],
            "description" => "Writes the messages of a campaign for each target population and logs them in campaign_logs.",
            "input_schema" => crate::doc! {
                "type" => "object",
                "properties" => crate::doc! {
                    "campaign_id" => prop("integer", "Campaign key shared by all PromptSales stores"),
                    "description" => prop("string", "What the campaign is about"),
                    "populations" => crate::doc! { "type" => "array", "items" => crate::doc! { "type" => "object" }, "minItems" => Value::I32(1) },
                },
                "required" => Value::Array(vec![Value::from("campaign_id"), Value::from("populations")]),
            },
            "output" => crate::doc! { "messages_per_population" => Value::I32(MESSAGES_PER_POPULATION as i32), "writes_to" => "campaign_logs" },
            "backend" => crate::doc! { "service" => "openai", "model" => MODEL, "max_output_tokens" => Value::I32(800) },
            "cache" => crate::doc! { "redis_key" => "ai:generacion:{model}:{hash}", "ttl_seconds" => Value::I32(86_400) },
        };
        crate::doc! {
            "_id" => Value::Oid(r.object_id),
            "name" => SERVER,
            "version" => "1.0.0",
            "transport" => crate::doc! {
                "type" => "streamable-http",
                "url" => "http://promptcontent-mcp.promptsales.svc.cluster.local:8080/mcp",
            },
            "auth" => crate::doc! { "type" => "bearer", "token" => "env:MCP_SERVER_TOKEN" },
            "tools" => Value::Array(vec![Value::Doc(get_content), Value::Doc(generate)]),
            "configuration" => crate::doc! {
                "mongodb_uri" => "env:PROMPTCONTENT_MONGODB_URI",
                "database" => DATABASE,
                "request_timeout_ms" => Value::I32(400),
                "max_concurrent_requests" => Value::I32(32),
            },
            "usage_metrics" => crate::doc! {
                "getContent_calls" => Value::I64(r.get_content_calls),
                "generateCampaignContent_calls" => Value::I64(r.generate_calls),
                "as_of" => Value::Date(millis(AS_OF, 86_399)),
            },
            "status" => "active",
        }
    }
}
