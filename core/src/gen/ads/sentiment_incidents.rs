//! `ads.sentiment_incidents`: the ground truth of the "negative sentiment with a drop in
//! influencer reactions" query — which ad, on which channel, from which day, and by how much
//! reactions per impression fell.

use std::ops::Range;

use crate::catalog::channels::CHANNELS;
use crate::catalog::sentiment::NEGATIVE_CATEGORIES;
use crate::gen::TableGen;
use crate::world::World;

/// One incident.
#[derive(Debug)]
pub struct IncidentRow<'a> {
    /// Ad.
    pub ad_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Channel.
    pub channel_id: i64,
    /// Negative category.
    pub category: &'a str,
    /// First day.
    pub started_on: i32,
    /// Drop in reactions per impression, percent.
    pub reaction_drop_pct: i64,
}

/// Generator of `ads.sentiment_incidents` (unit: campaign).
#[derive(Debug)]
pub struct SentimentIncidents;

impl TableGen for SentimentIncidents {
    type Row<'a> = IncidentRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&IncidentRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let plan = world.plan(u as usize);
            let index = u as usize;
            for i in &plan.incidents {
                emit(&IncidentRow {
                    ad_id: (world.ad_offsets[index] + u64::from(i.ad_index) + 1) as i64,
                    campaign_id: world.campaign(index).id,
                    channel_id: CHANNELS[i.channel as usize].id,
                    category: NEGATIVE_CATEGORIES[i.category].0,
                    started_on: i.started_on,
                    reaction_drop_pct: i.drop_pct,
                });
            }
        }
    }
}
