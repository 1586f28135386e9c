//! `ads.daily_results`: one row per placement and day the campaign ran, up to the as-of date.
//! Leads, conversions and revenue come from the campaign plan, so they equal the CRM's links
//! and sales for that placement and day by construction.

use std::ops::Range;

use crate::catalog::channels::CHANNELS;
use crate::catalog::markets::MARKETS;
use crate::gen::TableGen;
use crate::world::World;

/// One placement-day.
#[derive(Debug)]
pub struct DailyResultRow<'a> {
    /// Placement.
    pub placement_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Ad.
    pub ad_id: i64,
    /// Channel.
    pub channel_id: i64,
    /// Market.
    pub market_id: i64,
    /// Day.
    pub day: i32,
    /// Impressions (sends for email and SMS).
    pub impressions: i64,
    /// People reached.
    pub reach: i64,
    /// Views / opens.
    pub views: i64,
    /// Likes.
    pub likes: i64,
    /// Comments.
    pub comments: i64,
    /// Shares.
    pub shares: i64,
    /// likes + comments + shares + clicks.
    pub interactions: i64,
    /// Clicks (≥ leads).
    pub clicks: i64,
    /// CRM links captured (= `crm.client_campaigns` rows for this placement and day).
    pub leads: i64,
    /// CRM sales (= `crm.sales` rows for this placement and day).
    pub conversions: i64,
    /// Exposure hours, hundredths → DECIMAL(18,2).
    pub exposure_hours: i64,
    /// Cost, cents → DECIMAL(18,2).
    pub cost: i64,
    /// Revenue (= sum of `crm.sales.amount`), cents → DECIMAL(18,2).
    pub revenue: i64,
    /// Currency of cost and revenue.
    pub currency: &'a str,
}

/// Generator of `ads.daily_results` (unit: campaign).
#[derive(Debug)]
pub struct DailyResults;

impl TableGen for DailyResults {
    type Row<'a> = DailyResultRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        let c = world.campaign(unit as usize);
        c.placements() * c.run_days() as u64
    }

    fn generate<F: FnMut(&DailyResultRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let plan = world.plan(u as usize);
            let campaign_id = world.campaign(u as usize).id;
            for (p, pl) in plan.placements.iter().enumerate() {
                let channel_id = CHANNELS[pl.channel as usize].id;
                let market_id = MARKETS[pl.market as usize].id;
                for d in 0..plan.days as usize {
                    let cell = plan.cell(p, d);
                    let m = plan.daily(world, p, d);
                    emit(&DailyResultRow {
                        placement_id: pl.placement_id,
                        campaign_id,
                        ad_id: pl.ad_id,
                        channel_id,
                        market_id,
                        day: plan.first_day + d as i32,
                        impressions: m.impressions,
                        reach: m.reach,
                        views: m.views,
                        likes: m.likes,
                        comments: m.comments,
                        shares: m.shares,
                        interactions: m.likes + m.comments + m.shares + m.clicks,
                        clicks: m.clicks,
                        leads: i64::from(cell.leads),
                        conversions: i64::from(cell.conversions),
                        exposure_hours: m.exposure_centihours,
                        cost: cell.cost_cents,
                        revenue: cell.revenue_cents,
                        currency: "USD",
                    });
                }
            }
        }
    }
}
