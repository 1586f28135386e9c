//! `sales.targets`: one audience per campaign market.

use std::fmt::Write;
use std::ops::Range;

use super::campaign_created_at;
use crate::catalog::markets::MARKETS;
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// One audience.
#[derive(Debug)]
pub struct TargetRow<'a> {
    /// Key: `campaign_id · 10 + k`.
    pub target_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Market targeted.
    pub market_id: i64,
    /// Name.
    pub name: &'a str,
    /// Enabled.
    pub is_enabled: bool,
    /// Estimated people reached.
    pub estimated_reach: i64,
    /// Created.
    pub created_at: i64,
}

/// Generator of `sales.targets` (unit: campaign).
#[derive(Debug)]
pub struct Targets;

const S: Stream = Stream::new("sales.targets");

impl TableGen for Targets {
    type Row<'a> = TargetRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        world.campaign(unit as usize).markets.len() as u64
    }

    fn generate<F: FnMut(&TargetRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let mut name = String::new();
        for u in units {
            let c = world.campaign(u as usize);
            let created_at = campaign_created_at(world, u as usize) + 3600;
            let mut rng = S.rng(world.config.seed, c.id as u64);
            for (k, &m) in c.markets.iter().enumerate() {
                let market = &MARKETS[m as usize];
                name.clear();
                let _ = write!(name, "{} · {}", market.city, market.country);
                emit(&TargetRow {
                    target_id: c.id * 10 + k as i64 + 1,
                    campaign_id: c.id,
                    market_id: market.id,
                    name: &name,
                    is_enabled: true,
                    estimated_reach: i64::from(market.client_weight) * rng.between(200, 900),
                    created_at,
                });
            }
        }
    }
}
