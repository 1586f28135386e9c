//! `ads.channels`: the fixed channel catalog.

use std::ops::Range;

use crate::catalog::channels::CHANNELS;
use crate::gen::TableGen;
use crate::world::World;

/// One channel.
#[derive(Debug)]
pub struct ChannelRow<'a> {
    /// Key.
    pub channel_id: i64,
    /// Display name.
    pub name: &'a str,
    /// social, search, display, video, email, sms, professional or influencer.
    pub kind: &'a str,
    /// Platform.
    pub platform: &'a str,
}

/// Generator of `ads.channels` (unit: catalog row).
#[derive(Debug)]
pub struct Channels;

impl TableGen for Channels {
    type Row<'a> = ChannelRow<'a>;

    fn units(_: &World) -> u64 {
        CHANNELS.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&ChannelRow<'_>)>(_: &World, units: Range<u64>, mut emit: F) {
        for c in &CHANNELS[units.start as usize..units.end as usize] {
            emit(&ChannelRow {
                channel_id: c.id,
                name: c.name,
                kind: c.kind,
                platform: c.platform,
            });
        }
    }
}
