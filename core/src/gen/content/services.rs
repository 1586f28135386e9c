//! `content.services`: the third-party APIs PromptContent calls, with their real base URLs,
//! methods and token endpoints. Credentials are references to environment variables (`env:NAME`),
//! never values. Rate limits are the published per-user/per-key figures where the provider
//! documents one, otherwise a conservative **(assumption)** stated in `rate_limits.source`.

use std::ops::Range;

use crate::doc::{Document, Value};
use crate::gen::content::{object_id, DocGen, Index};
use crate::gen::TableGen;
use crate::world::World;

/// One API method.
#[derive(Debug, Clone, Copy)]
pub struct Method {
    /// Operation name.
    pub name: &'static str,
    /// HTTP verb.
    pub http: &'static str,
    /// Path under the base URL.
    pub path: &'static str,
    /// Requests allowed per minute for one user/key.
    pub per_minute: i32,
    /// Whether calls consume model tokens.
    pub uses_tokens: bool,
}

/// A third-party service.
#[derive(Debug, Clone, Copy)]
pub struct Service {
    /// Short key (`canva`).
    pub key: &'static str,
    /// Display name.
    pub name: &'static str,
    /// What PromptContent uses it for.
    pub purpose: &'static str,
    /// Base URL of the API.
    pub base_url: &'static str,
    /// Documentation.
    pub docs_url: &'static str,
    /// Authentication scheme.
    pub auth: &'static str,
    /// Token endpoint (always called with POST), if the scheme has one.
    pub token_url: Option<&'static str>,
    /// OAuth grant used at the token endpoint.
    pub grant_type: Option<&'static str>,
    /// Environment variables holding the credentials.
    pub env: &'static [&'static str],
    /// Methods used.
    pub methods: &'static [Method],
    /// Where the rate limits come from.
    pub limits_source: &'static str,
}

/// Token-endpoint method name, shared with `request_log`.
pub const TOKEN_METHOD: &str = "token";

/// The catalog.
pub const SERVICES: [Service; 4] = [
    Service {
        key: "canva",
        name: "Canva Connect API",
        purpose: "create designs from approved images and export them for each placement",
        base_url: "https://api.canva.com/rest/v1",
        docs_url: "https://www.canva.dev/docs/connect/",
        auth: "oauth2_authorization_code_pkce",
        token_url: Some("https://api.canva.com/rest/v1/oauth/token"),
        grant_type: Some("refresh_token"),
        env: &["CANVA_CLIENT_ID", "CANVA_CLIENT_SECRET", "CANVA_REFRESH_TOKEN"],
        methods: &[
            Method { name: TOKEN_METHOD, http: "POST", path: "/oauth/token", per_minute: 20, uses_tokens: false },
            Method { name: "create_design", http: "POST", path: "/designs", per_minute: 20, uses_tokens: false },
            Method { name: "upload_asset", http: "POST", path: "/asset-uploads", per_minute: 30, uses_tokens: false },
            Method { name: "create_export", http: "POST", path: "/exports", per_minute: 20, uses_tokens: false },
            Method { name: "get_export", http: "GET", path: "/exports/{exportId}", per_minute: 120, uses_tokens: false },
        ],
        limits_source: "Canva Connect API reference, per-endpoint limits per user (assumption where an endpoint publishes none)",
    },
    Service {
        key: "adobe",
        name: "Adobe Firefly Services (Adobe IMS)",
        purpose: "generative fill and expand of product images",
        base_url: "https://firefly-api.adobe.io",
        docs_url: "https://developer.adobe.com/firefly-services/docs/",
        auth: "oauth2_client_credentials",
        token_url: Some("https://ims-na1.adobelogin.com/ims/token/v3"),
        grant_type: Some("client_credentials"),
        env: &["ADOBE_CLIENT_ID", "ADOBE_CLIENT_SECRET"],
        methods: &[
            Method { name: TOKEN_METHOD, http: "POST", path: "/ims/token/v3", per_minute: 10, uses_tokens: false },
            Method { name: "generate_images", http: "POST", path: "/v3/images/generate", per_minute: 20, uses_tokens: false },
            Method { name: "expand_image", http: "POST", path: "/v3/images/expand", per_minute: 20, uses_tokens: false },
        ],
        limits_source: "assumption: 20 requests/minute per organisation for generation endpoints",
    },
    Service {
        key: "openai",
        name: "OpenAI API",
        purpose: "campaign messages per population and description embeddings",
        base_url: "https://api.openai.com/v1",
        docs_url: "https://platform.openai.com/docs/api-reference",
        auth: "bearer_api_key",
        token_url: None,
        grant_type: None,
        env: &["OPENAI_API_KEY"],
        methods: &[
            Method { name: "chat_completions", http: "POST", path: "/chat/completions", per_minute: 500, uses_tokens: true },
            Method { name: "embeddings", http: "POST", path: "/embeddings", per_minute: 3000, uses_tokens: true },
        ],
        limits_source: "OpenAI usage tier 1 requests-per-minute (assumption: tier limits change; see the account's limits page)",
    },
    Service {
        key: "pinecone",
        name: "Pinecone",
        purpose: "vector index of image descriptions for getContent",
        base_url: "https://api.pinecone.io",
        docs_url: "https://docs.pinecone.io/reference/api/introduction",
        auth: "api_key_header",
        token_url: None,
        grant_type: None,
        env: &["PINECONE_API_KEY", "PINECONE_INDEX_HOST"],
        methods: &[
            Method { name: "upsert_vectors", http: "POST", path: "/vectors/upsert", per_minute: 600, uses_tokens: false },
            Method { name: "query", http: "POST", path: "/query", per_minute: 600, uses_tokens: false },
        ],
        limits_source: "assumption: 10 requests/second per index on a serverless starter project",
    },
];

/// Index of a service by key.
pub fn service_index(key: &str) -> usize {
    SERVICES.iter().position(|s| s.key == key).unwrap_or(0)
}

/// One service row.
#[derive(Debug)]
pub struct ServiceRow {
    /// Key (1-based).
    pub service_id: i64,
    /// MongoDB `_id`.
    pub object_id: [u8; 12],
    /// The catalog entry.
    pub service: &'static Service,
    /// Registration time, ms.
    pub registered_at: i64,
}

/// Generator of `content.services` (unit: catalog row).
#[derive(Debug)]
pub struct Services;

/// Day the integrations were registered (2024-06-01).
const REGISTERED_DAY: i32 = 19_875;

impl TableGen for Services {
    type Row<'a> = ServiceRow;

    fn units(_: &World) -> u64 {
        SERVICES.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&ServiceRow)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let registered = i64::from(REGISTERED_DAY) * 86_400 + 9 * 3600 + u as i64 * 600;
            emit(&ServiceRow {
                service_id: u as i64 + 1,
                object_id: object_id(world.config.seed, "services", registered, u + 1),
                service: &SERVICES[u as usize],
                registered_at: registered * 1000,
            });
        }
    }
}

impl DocGen for Services {
    const INDEXES: &'static [Index] = &[Index {
        name: "key_1",
        keys: &[("key", 1)],
        unique: true,
    }];

    fn document(r: &ServiceRow) -> Document {
        let s = r.service;
        let methods = s
            .methods
            .iter()
            .map(|m| {
                let url = match (m.name, s.token_url) {
                    (TOKEN_METHOD, Some(t)) => t.to_string(),
                    _ => format!("{}{}", s.base_url, m.path),
                };
                Value::Doc(crate::doc! {
                    "name" => m.name,
                    "http_method" => m.http,
                    "path" => m.path,
                    "url" => url,
                    "rate_limit_per_minute" => Value::I32(m.per_minute),
                    "consumes_tokens" => Value::Bool(m.uses_tokens),
                })
            })
            .collect();
        let env = |name: &str| Value::from(format!("env:{name}"));
        let mut auth = crate::doc! {
            "type" => s.auth,
            "credentials" => Value::Array(s.env.iter().map(|e| env(e)).collect()),
        };
        if let (Some(url), Some(grant)) = (s.token_url, s.grant_type) {
            auth.put(
                "token_endpoint",
                crate::doc! {
                    "http_method" => "POST",
                    "url" => url,
                    "grant_type" => grant,
                    "content_type" => "application/x-www-form-urlencoded",
                },
            );
        }
        let per_minute = s.methods.iter().map(|m| m.per_minute).min().unwrap_or(0);
        crate::doc! {
            "_id" => Value::Oid(r.object_id),
            "service_id" => Value::I64(r.service_id),
            "key" => s.key,
            "name" => s.name,
            "purpose" => s.purpose,
            "base_url" => s.base_url,
            "docs_url" => s.docs_url,
            "auth" => auth,
            "methods" => Value::Array(methods),
            "rate_limits" => crate::doc! {
                "requests_per_minute" => Value::I32(per_minute),
                "scope" => "per user or key",
                "source" => s.limits_source,
            },
            "timeout_ms" => Value::I32(30_000),
            "retry" => crate::doc! { "max_retries" => Value::I32(3), "backoff" => "exponential with jitter, honours Retry-After" },
            "cache" => crate::doc! { "redis_key" => format!("api:resultados:{}:{{method}}:{{hash}}", s.key), "ttl_seconds" => Value::I32(3600) },
            "status" => "active",
            "registered_at" => Value::Date(r.registered_at),
        }
    }
}
