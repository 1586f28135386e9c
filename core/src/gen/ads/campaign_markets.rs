//! `ads.campaign_markets`: which markets each campaign targets.

use std::ops::Range;

use crate::catalog::markets::MARKETS;
use crate::gen::TableGen;
use crate::world::World;

/// One campaign–market link.
#[derive(Debug)]
pub struct CampaignMarketRow<'a> {
    /// Campaign.
    pub campaign_id: i64,
    /// Market.
    pub market_id: i64,
    /// City, for readability.
    pub city: &'a str,
}

/// Generator of `ads.campaign_markets` (unit: campaign).
#[derive(Debug)]
pub struct CampaignMarkets;

impl TableGen for CampaignMarkets {
    type Row<'a> = CampaignMarketRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        world.campaign(unit as usize).markets.len() as u64
    }

    fn generate<F: FnMut(&CampaignMarketRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let c = world.campaign(u as usize);
            for &m in &c.markets {
                let market = &MARKETS[m as usize];
                emit(&CampaignMarketRow {
                    campaign_id: c.id,
                    market_id: market.id,
                    city: market.city,
                });
            }
        }
    }
}
