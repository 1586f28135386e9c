//! `ads.sentiment_daily`: social-listening mentions per placement-day on listened channels,
//! three rows (positive, neutral, negative) per placement-day (DOMAIN.md §4 shares).

use std::ops::Range;

use crate::catalog::channels::{self, CHANNELS};
use crate::catalog::sentiment::{NEGATIVE_CATEGORIES, SENTIMENTS};
use crate::gen::TableGen;
use crate::world::World;

/// Mentions of one sentiment on one placement-day.
#[derive(Debug)]
pub struct SentimentRow<'a> {
    /// Placement.
    pub placement_id: i64,
    /// Day.
    pub day: i32,
    /// positive, neutral or negative.
    pub sentiment: &'a str,
    /// Negative category (null for positive and neutral).
    pub category: Option<&'a str>,
    /// Mentions.
    pub mentions: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Ad.
    pub ad_id: i64,
    /// Channel.
    pub channel_id: i64,
}

/// Generator of `ads.sentiment_daily` (unit: campaign).
#[derive(Debug)]
pub struct SentimentDaily;

impl TableGen for SentimentDaily {
    type Row<'a> = SentimentRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        let c = world.campaign(unit as usize);
        3 * c.sentiment_placements() * c.run_days() as u64
    }

    fn generate<F: FnMut(&SentimentRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let plan = world.plan(u as usize);
            let campaign_id = world.campaign(u as usize).id;
            for (p, pl) in plan.placements.iter().enumerate() {
                if !channels::channel(pl.channel as usize).has_sentiment {
                    continue;
                }
                let channel_id = CHANNELS[pl.channel as usize].id;
                for d in 0..plan.days as usize {
                    let daily = plan.daily(world, p, d);
                    let s = plan.sentiment(world, p, d, &daily);
                    for (k, label) in SENTIMENTS.iter().enumerate() {
                        emit(&SentimentRow {
                            placement_id: pl.placement_id,
                            day: plan.first_day + d as i32,
                            sentiment: label,
                            category: (k == 2)
                                .then_some(NEGATIVE_CATEGORIES[s.negative_category].0),
                            mentions: s.mentions[k],
                            campaign_id,
                            ad_id: pl.ad_id,
                            channel_id,
                        });
                    }
                }
            }
        }
    }
}
