//! `sales.provider_apis`: the endpoints the portal calls (two per provider).

use std::fmt::Write;
use std::ops::Range;

use super::providers::PROVIDERS;
use crate::gen::TableGen;
use crate::world::World;

/// Endpoints per provider.
pub const APIS_PER_PROVIDER: i64 = 2;

/// Endpoints by provider type (index = provider_type_id − 1): (name, path, method, auth).
pub const ENDPOINTS: [[(&str, &str, &str, &str); 2]; 6] = [
    [
        ("create_payment", "/v1/payments", "POST", "api_key"),
        ("refund", "/v1/refunds", "POST", "api_key"),
    ],
    [
        ("generate_text", "/v1/messages", "POST", "api_key"),
        ("generate_image", "/v1/images", "POST", "api_key"),
    ],
    [
        ("render_design", "/v1/designs", "POST", "oauth"),
        ("export_asset", "/v1/exports", "GET", "oauth"),
    ],
    [
        ("run_report", "/v1/reports:run", "POST", "oauth"),
        ("realtime", "/v1/realtime", "GET", "oauth"),
    ],
    [
        ("upsert_contact", "/v3/contacts", "PUT", "jwt"),
        ("send_campaign", "/v3/campaigns/send", "POST", "jwt"),
    ],
    [
        ("publish_ad", "/v19/ads", "POST", "oauth"),
        ("ad_insights", "/v19/insights", "GET", "oauth"),
    ],
];

/// The endpoint `k` (0-based) of provider `provider_id`.
pub fn endpoint(
    provider_id: i64,
    k: usize,
) -> (&'static str, &'static str, &'static str, &'static str) {
    let type_id = PROVIDERS[(provider_id - 1) as usize].1;
    ENDPOINTS[(type_id - 1) as usize][k]
}

/// One endpoint.
#[derive(Debug)]
pub struct ProviderApiRow<'a> {
    /// Key: `provider_id · 10 + k`.
    pub api_id: i64,
    /// Provider.
    pub provider_id: i64,
    /// Name.
    pub endpoint_name: &'a str,
    /// URL.
    pub endpoint_url: &'a str,
    /// GET, POST, PUT or DELETE.
    pub http_method: &'a str,
    /// oauth, api_key, jwt or basic.
    pub auth_method: &'a str,
    /// Client settings (JSON text).
    pub config_json: &'a str,
    /// Rate limit.
    pub rate_limit_per_minute: i32,
    /// Timeout.
    pub timeout_ms: i32,
}

/// Generator of `sales.provider_apis` (unit: provider).
#[derive(Debug)]
pub struct ProviderApis;

impl TableGen for ProviderApis {
    type Row<'a> = ProviderApiRow<'a>;

    fn units(_: &World) -> u64 {
        PROVIDERS.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        APIS_PER_PROVIDER as u64
    }

    fn generate<F: FnMut(&ProviderApiRow<'_>)>(_: &World, units: Range<u64>, mut emit: F) {
        let (mut url, mut config) = (String::new(), String::new());
        for u in units {
            let provider_id = u as i64 + 1;
            let domain = PROVIDERS[u as usize].2;
            for k in 0..APIS_PER_PROVIDER as usize {
                let (name, path, method, auth) = endpoint(provider_id, k);
                url.clear();
                let _ = write!(url, "https://api.{domain}{path}");
                let rate = 60 * (1 + (provider_id % 5) as i32);
                config.clear();
                let _ = write!(
                    config,
                    "{{\"retries\": 3, \"backoff_ms\": 500, \"rate_limit\": {rate}}}"
                );
                emit(&ProviderApiRow {
                    api_id: provider_id * 10 + k as i64 + 1,
                    provider_id,
                    endpoint_name: name,
                    endpoint_url: &url,
                    http_method: method,
                    auth_method: auth,
                    config_json: &config,
                    rate_limit_per_minute: rate,
                    timeout_ms: 30_000,
                });
            }
        }
    }
}
