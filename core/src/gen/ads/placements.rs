//! `ads.placements`: (ad, channel, market) triples of each campaign.

use std::ops::Range;

use crate::catalog::channels::CHANNELS;
use crate::catalog::markets::MARKETS;
use crate::gen::TableGen;
use crate::world::World;

/// One placement.
#[derive(Debug)]
pub struct PlacementRow<'a> {
    /// Key (dense, campaign-major).
    pub placement_id: i64,
    /// Ad.
    pub ad_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Channel.
    pub channel_id: i64,
    /// Market.
    pub market_id: i64,
    /// Influencer, only on influencer channels.
    pub influencer_id: Option<i64>,
    /// Channel kind, for readability.
    pub channel_kind: &'a str,
}

/// Generator of `ads.placements` (unit: campaign).
#[derive(Debug)]
pub struct Placements;

impl TableGen for Placements {
    type Row<'a> = PlacementRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        world.campaign(unit as usize).placements()
    }

    fn generate<F: FnMut(&PlacementRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let plan = world.placements_of(u as usize);
            let c = world.campaign(u as usize);
            for p in &plan {
                let ch = &CHANNELS[p.channel as usize];
                emit(&PlacementRow {
                    placement_id: p.placement_id,
                    ad_id: p.ad_id,
                    campaign_id: c.id,
                    channel_id: ch.id,
                    market_id: MARKETS[p.market as usize].id,
                    influencer_id: p.influencer_id,
                    channel_kind: ch.kind,
                });
            }
        }
    }
}
