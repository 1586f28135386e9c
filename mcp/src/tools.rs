//! Tool definitions: names, descriptions, JSON input and output schemas. The content tools
//! follow the `mcp_servers` collection (`core/src/gen/content/mcp_servers.rs`): same names,
//! arguments, limits and defaults.

use promptsales_core::catalog::vocab::INDUSTRIES;
use serde_json::{json, Value};

use crate::args::MAX_TEXT_CHARS;
use crate::content::{DEFAULT_TOP_K, MAX_POPULATIONS, MAX_TOP_K};
use crate::sales::METRICS;

/// One tool: name, title, description, input schema, output schema.
#[derive(Debug, Clone)]
pub struct ToolDef {
    /// Name clients call.
    pub name: &'static str,
    /// Short human title.
    pub title: &'static str,
    /// What it does.
    pub description: &'static str,
    /// JSON Schema of the arguments.
    pub input: Value,
    /// JSON Schema of `structuredContent`.
    pub output: Value,
}

fn metrics_schema() -> Value {
    let int = json!({"type": "integer"});
    let num = json!({"type": "number"});
    // Nullable as anyOf, not a type array: portable to single-type schema dialects
    // (the MCP inspector's --strict portability check).
    let rate = json!({"anyOf": [{"type": "number"}, {"type": "null"}]});
    json!({
        "type": "object",
        "properties": {
            "reach": int, "impressions": int, "views": int, "reactions": int, "likes": int,
            "comments": int, "shares": int, "interactions": int, "clicks": int, "leads": int,
            "sales": int, "revenue": num, "revenue_cents": int, "cost": num, "cost_cents": int,
            "exposure_hours": num, "success_rate": rate, "ctr": rate, "roas": rate
        },
        "required": ["reach", "sales", "reactions", "revenue_cents", "success_rate"]
    })
}

fn campaign_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "campaign_id": {"type": "integer"},
            "name": {"type": "string"},
            "brand": {"type": "string"},
            "status": {"type": "string", "enum": ["active", "completed"]},
            "start_date": {"type": "string"},
            "end_date": {"type": "string"},
            "channels": {"type": "array", "items": {"type": "string"}},
            "markets": {"type": "array", "items": {"type": "string"}},
            "metrics": metrics_schema()
        },
        "required": ["campaign_id", "name", "status", "channels", "markets", "metrics"]
    })
}

fn campaign_id_arg() -> Value {
    json!({"type": "integer", "minimum": 1, "description": "Campaign key shared by all PromptSales stores"})
}

/// The PromptContent server's tools.
pub fn content_tools() -> Vec<ToolDef> {
    let categories: Vec<&str> = INDUSTRIES.iter().map(|i| i.key).collect();
    vec![
        ToolDef {
            name: "getContent",
            title: "Find images by description",
            description: "Finds images whose descriptions match a text query, optionally filtered by category and hashtags. Returns each image's id, url, a description excerpt, the cosine score and its hashtags.",
            input: json!({
                "type": "object",
                "properties": {
                    "query": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS, "description": "What the image should show"},
                    "category": {"type": "string", "enum": categories},
                    "hashtags": {"type": "array", "items": {"type": "string"}, "maxItems": 12, "description": "Every one of these tags must be on the image"},
                    "top_k": {"type": "integer", "minimum": 1, "maximum": MAX_TOP_K, "default": DEFAULT_TOP_K}
                },
                "required": ["query"],
                "additionalProperties": false
            }),
            output: json!({
                "type": "object",
                "properties": {
                    "query": {"type": "string"},
                    "category": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    "count": {"type": "integer"},
                    "images": {"type": "array", "items": {
                        "type": "object",
                        "properties": {
                            "image_id": {"type": "integer"},
                            "url": {"type": "string"},
                            "category": {"type": "string"},
                            "description_excerpt": {"type": "string"},
                            "score": {"type": "number"},
                            "hashtags": {"type": "array", "items": {"type": "string"}}
                        },
                        "required": ["image_id", "url", "description_excerpt", "score", "hashtags"]
                    }}
                },
                "required": ["query", "count", "images"]
            }),
        },
        ToolDef {
            name: "generateCampaignContent",
            title: "Write campaign messages per population",
            description: "Stores the request and writes a campaign log with exactly three messages (informativo, emocional, urgencia) per target population, each with a channel of the campaign and an image chosen with getContent.",
            input: json!({
                "type": "object",
                "properties": {
                    "campaign_id": campaign_id_arg(),
                    "description": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS, "description": "What the campaign is about (default: the campaign's name)"},
                    "populations": {"type": "array", "minItems": 1, "maxItems": MAX_POPULATIONS, "items": {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string", "minLength": 1, "maxLength": 200},
                            "age_min": {"type": "integer", "minimum": 13, "maximum": 100},
                            "age_max": {"type": "integer", "minimum": 13, "maximum": 100},
                            "gender": {"type": "string", "enum": ["all", "female", "male"]},
                            "markets": {"type": "array", "items": {"type": "string"}}
                        },
                        "required": ["name"],
                        "additionalProperties": false
                    }}
                },
                "required": ["campaign_id", "populations"],
                "additionalProperties": false
            }),
            output: json!({
                "type": "object",
                "properties": {
                    "request_id": {"type": "string"},
                    "campaign_id": {"type": "integer"},
                    "campaign_name": {"type": "string"},
                    "description": {"type": "string"},
                    "image_ids": {"type": "array", "items": {"type": "integer"}},
                    "target_populations": {"type": "array", "items": {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string"},
                            "messages": {"type": "array", "minItems": 3, "maxItems": 3, "items": {
                                "type": "object",
                                "properties": {
                                    "message_no": {"type": "integer"},
                                    "tone": {"type": "string"},
                                    "channel": {"type": "string"},
                                    "text": {"type": "string"},
                                    "image_id": {"anyOf": [{"type": "integer"}, {"type": "null"}]}
                                },
                                "required": ["tone", "channel", "text"]
                            }}
                        },
                        "required": ["name", "messages"]
                    }},
                    "stored_at": {"type": "string"}
                },
                "required": ["request_id", "campaign_id", "target_populations", "stored_at"]
            }),
        },
    ]
}

/// The PromptSales server's tools.
pub fn sales_tools() -> Vec<ToolDef> {
    let date = json!({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"});
    vec![
        ToolDef {
            name: "getCampaignPerformance",
            title: "One campaign's performance",
            description: "Reach, success rate, sales, revenue, reactions, clicks, leads, cost, ROAS and the channels and markets of one campaign (definitions: resource promptsales://sales/metrics).",
            input: json!({
                "type": "object",
                "properties": {"campaign_id": campaign_id_arg()},
                "required": ["campaign_id"],
                "additionalProperties": false
            }),
            output: campaign_schema(),
        },
        ToolDef {
            name: "compareCampaigns",
            title: "Compare campaigns",
            description: "The performance of 2 to 10 campaigns side by side.",
            input: json!({
                "type": "object",
                "properties": {"campaign_ids": {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 2, "maxItems": 10}},
                "required": ["campaign_ids"],
                "additionalProperties": false
            }),
            output: json!({
                "type": "object",
                "properties": {"campaigns": {"type": "array", "items": campaign_schema()}},
                "required": ["campaigns"]
            }),
        },
        ToolDef {
            name: "topCampaigns",
            title: "Top campaigns by a metric",
            description: "The N campaigns with the highest value of a metric over a period (default: the whole window 2024-07-01..2025-10-31), optionally only active or completed ones.",
            input: json!({
                "type": "object",
                "properties": {
                    "metric": {"type": "string", "enum": METRICS},
                    "n": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
                    "from": date,
                    "to": date,
                    "status": {"type": "string", "enum": ["any", "active", "completed"], "default": "any"}
                },
                "required": ["metric"],
                "additionalProperties": false
            }),
            output: json!({
                "type": "object",
                "properties": {
                    "metric": {"type": "string"},
                    "from": {"type": "string"},
                    "to": {"type": "string"},
                    "ranked_campaigns": {"type": "integer"},
                    "campaigns": {"type": "array", "items": {
                        "type": "object",
                        "properties": {
                            "rank": {"type": "integer"},
                            "campaign_id": {"type": "integer"},
                            "name": {"type": "string"},
                            "value": {"type": "number"},
                            "metrics": metrics_schema()
                        },
                        "required": ["rank", "campaign_id", "value"]
                    }}
                },
                "required": ["metric", "from", "to", "campaigns"]
            }),
        },
        ToolDef {
            name: "campaignBreakdown",
            title: "Campaign breakdown",
            description: "One campaign's metrics split by channel, market or calendar month.",
            input: json!({
                "type": "object",
                "properties": {
                    "campaign_id": campaign_id_arg(),
                    "by": {"type": "string", "enum": ["channel", "market", "month"]}
                },
                "required": ["campaign_id", "by"],
                "additionalProperties": false
            }),
            output: json!({
                "type": "object",
                "properties": {
                    "campaign_id": {"type": "integer"},
                    "by": {"type": "string"},
                    "rows": {"type": "array", "items": {
                        "type": "object",
                        "properties": {"key": {"type": "string"}, "metrics": metrics_schema()},
                        "required": ["key", "metrics"]
                    }},
                    "total": metrics_schema()
                },
                "required": ["campaign_id", "by", "rows", "total"]
            }),
        },
        ToolDef {
            name: "findCampaigns",
            title: "Find campaigns by name",
            description: "Campaigns whose name resembles the query (accent- and case-insensitive trigram similarity; 1 when the name contains the query), best first.",
            input: json!({
                "type": "object",
                "properties": {
                    "query": {"type": "string", "minLength": 1, "maxLength": 200},
                    "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}
                },
                "required": ["query"],
                "additionalProperties": false
            }),
            output: json!({
                "type": "object",
                "properties": {
                    "query": {"type": "string"},
                    "count": {"type": "integer"},
                    "campaigns": {"type": "array", "items": {
                        "type": "object",
                        "properties": {
                            "campaign_id": {"type": "integer"},
                            "name": {"type": "string"},
                            "score": {"type": "number"}
                        },
                        "required": ["campaign_id", "name", "score"]
                    }}
                },
                "required": ["query", "count", "campaigns"]
            }),
        },
    ]
}
