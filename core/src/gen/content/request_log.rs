//! `content.request_log`: the calls PromptContent made to the services while preparing each
//! campaign's content, a few days before it starts: token (POST), asset upload, design, export,
//! message generation, embeddings, optional generative fill and a vector search. Each call of a
//! campaign falls in its own minute and campaigns are spread over the working day, so no method
//! exceeds its per-minute limit (`verify` checks it). Server errors are retried once, a minute
//! later; cache hits (Redis, `api:resultados:*`) cost no tokens and answer in milliseconds.

use std::ops::Range;

use crate::doc::{Document, Value};
use crate::gen::content::campaign_logs;
use crate::gen::content::services::{Service, SERVICES, TOKEN_METHOD};
use crate::gen::content::{object_id, DocGen, Index};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// Request ids are `campaign_id * REQUESTS_PER_CAMPAIGN + k`.
pub const REQUESTS_PER_CAMPAIGN: i64 = 64;

/// One call.
#[derive(Debug, Clone, Copy)]
pub struct Call {
    /// Key.
    pub request_id: i64,
    /// Campaign the call prepared content for.
    pub campaign_id: i64,
    /// Index into `SERVICES`.
    pub service: usize,
    /// Index into the service's methods.
    pub method: usize,
    /// When, seconds since the epoch (UTC).
    pub at: i64,
    /// HTTP status.
    pub status: i32,
    /// Latency.
    pub latency_ms: i32,
    /// Prompt (input) tokens.
    pub prompt_tokens: i32,
    /// Completion (output) tokens.
    pub completion_tokens: i32,
    /// Answered from the cache.
    pub cache_hit: bool,
    /// The failed request this one retries.
    pub retry_of: Option<i64>,
}

impl Call {
    /// The service.
    pub fn service(&self) -> &'static Service {
        &SERVICES[self.service]
    }
}

const S_CALL: Stream = Stream::new("content.request_log");

fn method_index(service: usize, name: &str) -> usize {
    SERVICES[service]
        .methods
        .iter()
        .position(|m| m.name == name)
        .unwrap_or(0)
}

/// The request id of campaign `campaign_id`'s message-generation call (see `campaign_logs`).
pub fn generation_request(world: &World, index: usize) -> Option<Call> {
    call_plan(world, index)
        .into_iter()
        .rev()
        .find(|c| c.service().methods[c.method].name == "chat_completions" && c.status < 300)
}

/// The calls made for campaign index `index`, in time order.
pub fn call_plan(world: &World, index: usize) -> Vec<Call> {
    let c = world.campaign(index);
    let mut rng = S_CALL.rng(world.config.seed, c.id as u64);
    let mut steps: Vec<(usize, &str)> = vec![
        (0, TOKEN_METHOD),
        (0, "upload_asset"),
        (0, "create_design"),
        (0, "create_export"),
        (0, "get_export"),
        (2, "chat_completions"),
        (2, "embeddings"),
    ];
    if rng.chance(0.4) {
        steps.push((1, TOKEN_METHOD));
        steps.push((1, "generate_images"));
    }
    for _ in 0..1 + rng.index(2) {
        steps.push((3, "query"));
    }
    let day = c.start - 1 - rng.between(0, 9) as i32;
    // 08:00 + a campaign-specific offset; one minute per call.
    let mut minute = 8 * 60 + (c.id * 37).rem_euclid(540);
    let mut out = Vec::with_capacity(steps.len() + 2);
    let mut k = 0;
    for (service, name) in steps {
        let method = method_index(service, name);
        // The generating chat completion is new content by definition, never a cache replay.
        let cacheable = matches!(name, "embeddings" | "query");
        let mut attempt = 0;
        loop {
            let at = i64::from(day) * 86_400 + minute * 60 + rng.between(0, 59);
            minute += 1;
            let cache_hit = cacheable && attempt == 0 && rng.chance(0.15);
            let failed = !cache_hit && attempt == 0 && rng.chance(0.03);
            let status = if failed {
                if rng.chance(0.5) {
                    500
                } else {
                    503
                }
            } else if SERVICES[service].methods[method].http == "POST"
                && name != TOKEN_METHOD
                && service == 0
            {
                201
            } else {
                200
            };
            let (lo, hi) = match name {
                _ if cache_hit => (2, 30),
                TOKEN_METHOD => (120, 400),
                "get_export" => (80, 300),
                "chat_completions" => (1500, 6000),
                "embeddings" => (150, 500),
                "generate_images" => (4000, 12000),
                "query" => (20, 120),
                _ => (300, 1500),
            };
            // Tokens follow from the text the call carried (the campaign log's prompt and
            // messages; the description for its embedding).
            let (prompt_tokens, completion_tokens) = match name {
                _ if cache_hit || failed => (0, 0),
                "chat_completions" => campaign_logs::generation_tokens(world, index),
                "embeddings" => (campaign_logs::description_tokens(world, index), 0),
                _ => (0, 0),
            };
            let request_id = c.id * REQUESTS_PER_CAMPAIGN + k;
            k += 1;
            out.push(Call {
                request_id,
                campaign_id: c.id,
                service,
                method,
                at,
                status,
                latency_ms: rng.between(lo, hi) as i32,
                prompt_tokens,
                completion_tokens,
                cache_hit,
                retry_of: if attempt > 0 {
                    Some(request_id - 1)
                } else {
                    None
                },
            });
            attempt += 1;
            if !failed {
                break;
            }
        }
    }
    out
}

/// Generator of `content.request_log` (unit: campaign).
#[derive(Debug)]
pub struct RequestLog;

/// A row: one call plus its `_id`.
#[derive(Debug)]
pub struct RequestRow {
    /// MongoDB `_id`.
    pub object_id: [u8; 12],
    /// The call.
    pub call: Call,
}

impl TableGen for RequestLog {
    type Row<'a> = RequestRow;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        call_plan(world, unit as usize).len() as u64
    }

    fn generate<F: FnMut(&RequestRow)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            for call in call_plan(world, u as usize) {
                emit(&RequestRow {
                    object_id: object_id(
                        world.config.seed,
                        "request_log",
                        call.at,
                        call.request_id as u64,
                    ),
                    call,
                });
            }
        }
    }
}

impl DocGen for RequestLog {
    const INDEXES: &'static [Index] = &[
        Index {
            name: "campaign_id_1_requested_at_1",
            keys: &[("campaign_id", 1), ("requested_at", 1)],
            unique: false,
        },
        Index {
            name: "service_1_requested_at_-1",
            keys: &[("service", 1), ("requested_at", -1)],
            unique: false,
        },
    ];

    fn document(r: &RequestRow) -> Document {
        let c = &r.call;
        let s = c.service();
        let m = &s.methods[c.method];
        let endpoint = match (m.name, s.token_url) {
            (TOKEN_METHOD, Some(t)) => t.to_string(),
            _ => format!("{}{}", s.base_url, m.path),
        };
        crate::doc! {
            "_id" => Value::Oid(r.object_id),
            "request_id" => Value::I64(c.request_id),
            "campaign_id" => Value::I64(c.campaign_id),
            "service" => s.key,
            "service_id" => Value::I64(c.service as i64 + 1),
            "method" => m.name,
            "http_method" => m.http,
            "endpoint" => endpoint,
            "requested_at" => Value::Date(c.at * 1000),
            "status_code" => Value::I32(c.status),
            "result" => if c.status < 300 { "success" } else { "server_error" },
            "latency_ms" => Value::I32(c.latency_ms),
            "tokens" => crate::doc! {
                "prompt" => Value::I32(c.prompt_tokens),
                "completion" => Value::I32(c.completion_tokens),
                "total" => Value::I32(c.prompt_tokens + c.completion_tokens),
            },
            "cache_hit" => Value::Bool(c.cache_hit),
            "retry_of" => c.retry_of.map_or(Value::Null, Value::I64),
        }
    }
}
