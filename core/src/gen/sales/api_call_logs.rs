//! `sales.api_call_logs`: the portal's calls to AI, design and ad-network APIs for each campaign.

use std::ops::Range;

use super::provider_apis::endpoint;
use super::{at, campaign_created_at, marketer};
use crate::catalog::calendar::AS_OF;
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// Call ids are `campaign_id · 1000 + k`.
pub const CALL_ID_STRIDE: i64 = 1000;

/// Providers a campaign calls: OpenAI, Anthropic, Canva, Adobe Express, Meta, Google, TikTok.
const CALLED: [i64; 7] = [3, 4, 5, 6, 10, 11, 12];

/// One call.
#[derive(Debug)]
pub struct ApiCallLogRow<'a> {
    /// Key.
    pub call_id: i64,
    /// Provider.
    pub provider_id: i64,
    /// Endpoint.
    pub api_id: i64,
    /// Caller.
    pub user_id: i64,
    /// Campaign the call was for.
    pub campaign_id: i64,
    /// Endpoint name.
    pub endpoint: &'a str,
    /// HTTP method.
    pub request_method: &'a str,
    /// HTTP status.
    pub response_status: i32,
    /// Duration.
    pub duration_ms: i32,
    /// Served from the cache.
    pub from_cache: bool,
    /// When.
    pub called_at: i64,
}

/// Generator of `sales.api_call_logs` (unit: campaign).
#[derive(Debug)]
pub struct ApiCallLogs;

const S: Stream = Stream::new("sales.api_call_logs");

fn calls(world: &World, unit: u64) -> i64 {
    let c = world.campaign(unit as usize);
    (10 + i64::from(c.run_days()) / 4).min(CALL_ID_STRIDE - 1)
}

impl TableGen for ApiCallLogs {
    type Row<'a> = ApiCallLogRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        calls(world, unit) as u64
    }

    fn generate<F: FnMut(&ApiCallLogRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let c = world.campaign(u as usize);
            let created = campaign_created_at(world, u as usize);
            let last = at(c.last_run_day().min(AS_OF), 22 * 3600);
            let user_id = marketer(world, c.id as u64);
            let mut rng = S.rng(world.config.seed, c.id as u64);
            for k in 1..=calls(world, u) {
                let provider_id = CALLED[rng.index(CALLED.len())];
                let e = rng.index(2);
                let (name, _, method, _) = endpoint(provider_id, e);
                let r = rng.unit();
                let status = if r < 0.02 {
                    500
                } else if r < 0.05 {
                    429
                } else {
                    200
                };
                let from_cache = status == 200 && rng.chance(0.2);
                emit(&ApiCallLogRow {
                    call_id: c.id * CALL_ID_STRIDE + k,
                    provider_id,
                    api_id: provider_id * 10 + e as i64 + 1,
                    user_id,
                    campaign_id: c.id,
                    endpoint: name,
                    request_method: method,
                    response_status: status,
                    duration_ms: if from_cache {
                        rng.between(2, 30) as i32
                    } else {
                        rng.between(120, 9_000) as i32
                    },
                    from_cache,
                    called_at: rng.between(created, last.max(created)),
                });
            }
        }
    }
}
