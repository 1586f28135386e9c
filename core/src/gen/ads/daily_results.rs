//! `ads.daily_results`: one row per placement and day the campaign ran, up to the world's
//! clock (the as-of date for the window; after it, today's row holds what was reported so far).
//! Leads, conversions and revenue come from the campaign plan, so they equal the CRM's links
//! and sales for that placement and day by construction.

use std::ops::Range;

use crate::catalog::channels::CHANNELS;
use crate::catalog::markets::MARKETS;
use crate::clock;
use crate::gen::TableGen;
use crate::world::{Cell, Continuation, Daily, World};

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
    /// Last change (UTC): the day's last hourly report or event so far; the end of the day
    /// once it is over.
    pub updated_at: i64,
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
        let after = if c.active && world.after_window() {
            (c.end.min(clock::day_of(world.clock)) - c.last_run_day()).max(0)
        } else {
            0
        };
        c.placements() * (c.run_days() + after) as u64
    }

    fn generate<F: FnMut(&DailyResultRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let t = world.clock;
        let today = clock::day_of(t);
        for u in units {
            let plan = world.plan(u as usize);
            let campaign_id = world.campaign(u as usize).id;
            let cont = if world.after_window() {
                world.continuation(&plan)
            } else {
                Continuation::default()
            };
            // Today's events so far per placement: (leads, conversions, revenue, last instant).
            let mut partial = vec![(0i64, 0i64, 0i64, i64::MIN); plan.placements.len()];
            if cont.days > 0 {
                for l in cont.leads.iter().filter(|l| l.day == today && l.at <= t) {
                    let e = &mut partial[l.placement as usize];
                    e.0 += 1;
                    e.3 = e.3.max(l.at);
                }
                for s in cont
                    .sales
                    .iter()
                    .filter(|s| s.sale.day == today && s.at <= t)
                {
                    let e = &mut partial[s.sale.placement as usize];
                    e.1 += 1;
                    e.2 += s.sale.amount_cents;
                    e.3 = e.3.max(s.at);
                }
            }
            let last_day = (cont.first_day + cont.days - 1).min(today);
            for (p, pl) in plan.placements.iter().enumerate() {
                let channel_id = CHANNELS[pl.channel as usize].id;
                let market_id = MARKETS[pl.market as usize].id;
                let mut row = |day: i32, cell: &Cell, m: &Daily, updated_at: i64| {
                    emit(&DailyResultRow {
                        placement_id: pl.placement_id,
                        campaign_id,
                        ad_id: pl.ad_id,
                        channel_id,
                        market_id,
                        day,
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
                        updated_at,
                    })
                };
                for d in 0..plan.days as usize {
                    let day = plan.first_day + d as i32;
                    row(
                        day,
                        plan.cell(p, d),
                        &plan.daily(world, p, d),
                        clock::day_end(day),
                    );
                }
                // After the window: finished days in full; today as reported so far.
                for day in cont.first_day..=last_day {
                    let full = cont.cell(p, (day - cont.first_day) as usize);
                    let m = plan.daily_at(world, p, day, full);
                    if day < today {
                        row(day, full, &m, clock::day_end(day));
                        continue;
                    }
                    let h = clock::hour_ticks(day, t);
                    let (leads, conversions, revenue, last_event) = partial[p];
                    let cell = Cell {
                        cost_cents: clock::reported(full.cost_cents, h),
                        leads: leads as u32,
                        conversions: conversions as u32,
                        revenue_cents: revenue,
                    };
                    let part = Daily {
                        impressions: clock::reported(m.impressions, h),
                        reach: clock::reported(m.reach, h),
                        views: clock::reported(m.views, h),
                        likes: clock::reported(m.likes, h),
                        comments: clock::reported(m.comments, h),
                        shares: clock::reported(m.shares, h),
                        clicks: clock::reported(m.clicks, h).max(leads),
                        exposure_centihours: clock::reported(m.exposure_centihours, h),
                    };
                    row(
                        day,
                        &cell,
                        &part,
                        clock::last_report(day, t).max(last_event),
                    );
                }
            }
        }
    }
}
