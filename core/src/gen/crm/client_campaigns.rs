//! `crm.client_campaigns`: the leads — one client linked to one campaign through the placement
//! and day that captured it. Per placement and day, the count equals `ads.daily_results.leads`.

use std::ops::Range;

use crate::catalog::channels::CHANNELS;
use crate::catalog::markets::MARKETS;
use crate::catalog::vocab::LEAD_STATUSES;
use crate::gen::TableGen;
use crate::world::World;

/// One client–campaign link.
#[derive(Debug)]
pub struct ClientCampaignRow<'a> {
    /// Client.
    pub client_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Placement that captured the lead.
    pub placement_id: i64,
    /// Its channel.
    pub channel_id: i64,
    /// Its market.
    pub market_id: i64,
    /// Day captured.
    pub captured_on: i32,
    /// Funnel status (DOMAIN.md §5): new, mql, sql, opportunity, won, lost.
    pub lead_status: &'a str,
}

/// Generator of `crm.client_campaigns` (unit: campaign).
#[derive(Debug)]
pub struct ClientCampaigns;

impl TableGen for ClientCampaigns {
    type Row<'a> = ClientCampaignRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        u64::from(world.campaign(unit as usize).links)
    }

    fn generate<F: FnMut(&ClientCampaignRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let plan = world.plan(u as usize);
            let campaign_id = world.campaign(u as usize).id;
            for l in &plan.leads {
                let pl = &plan.placements[l.placement as usize];
                emit(&ClientCampaignRow {
                    client_id: l.client_id,
                    campaign_id,
                    placement_id: pl.placement_id,
                    channel_id: CHANNELS[pl.channel as usize].id,
                    market_id: MARKETS[pl.market as usize].id,
                    captured_on: l.day,
                    lead_status: LEAD_STATUSES[l.status as usize],
                });
            }
        }
    }
}
