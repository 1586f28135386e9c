//! `ads.campaign_channels`: which channels each campaign runs on.

use std::ops::Range;

use crate::catalog::channels::CHANNELS;
use crate::gen::TableGen;
use crate::world::World;

/// One campaign–channel link.
#[derive(Debug)]
pub struct CampaignChannelRow<'a> {
    /// Campaign.
    pub campaign_id: i64,
    /// Channel.
    pub channel_id: i64,
    /// Channel name, for readability.
    pub channel_name: &'a str,
}

/// Generator of `ads.campaign_channels` (unit: campaign).
#[derive(Debug)]
pub struct CampaignChannels;

impl TableGen for CampaignChannels {
    type Row<'a> = CampaignChannelRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        world.campaign(unit as usize).channels.len() as u64
    }

    fn generate<F: FnMut(&CampaignChannelRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let c = world.campaign(u as usize);
            for &ch in &c.channels {
                let channel = &CHANNELS[ch as usize];
                emit(&CampaignChannelRow {
                    campaign_id: c.id,
                    channel_id: channel.id,
                    channel_name: channel.name,
                });
            }
        }
    }
}
