//! `crm.client_campaigns`: the leads — one client linked to one campaign through the placement
//! and day that captured it. Per placement and day, the count equals `ads.daily_results.leads`.

use std::ops::Range;

use crate::catalog::channels::CHANNELS;
use crate::catalog::markets::MARKETS;
use crate::catalog::vocab::LEAD_STATUSES;
use crate::gen::TableGen;
use crate::world::{Continuation, World};

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
    /// Last change (UTC): the capture, or the sale that won it.
    pub updated_at: i64,
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
        let t = world.clock;
        for u in units {
            let plan = world.plan(u as usize);
            let campaign_id = world.campaign(u as usize).id;
            let cont = if world.after_window() {
                world.continuation(&plan)
            } else {
                Continuation::default()
            };
            // Window opportunities that have closed by now: lead index → sale instant.
            let mut closed: Vec<(u32, i64)> = cont
                .sales
                .iter()
                .filter(|s| s.at <= t)
                .filter_map(|s| s.window_lead.map(|l| (l, s.at)))
                .collect();
            closed.sort_unstable();
            let mut row = |client_id: i64, placement: u32, day: i32, status: u8, at: i64| {
                let pl = &plan.placements[placement as usize];
                emit(&ClientCampaignRow {
                    client_id,
                    campaign_id,
                    placement_id: pl.placement_id,
                    channel_id: CHANNELS[pl.channel as usize].id,
                    market_id: MARKETS[pl.market as usize].id,
                    captured_on: day,
                    lead_status: LEAD_STATUSES[status as usize],
                    updated_at: at,
                })
            };
            for (i, l) in plan.leads.iter().enumerate() {
                match closed.binary_search_by_key(&(i as u32), |c| c.0) {
                    Ok(k) => row(l.client_id, l.placement, l.day, 4, closed[k].1),
                    Err(_) => row(
                        l.client_id,
                        l.placement,
                        l.day,
                        l.status,
                        world.window_lead_updated_at(campaign_id, l),
                    ),
                }
            }
            for l in cont.leads.iter().filter(|l| l.at <= t) {
                row(
                    l.client_id,
                    l.placement,
                    l.day,
                    l.status_at(t),
                    l.updated_at(t),
                );
            }
        }
    }
}
