//! `ads.influencers`: creators hired on the influencer channels.

use std::fmt::Write;
use std::ops::Range;

use crate::catalog::channels::TIERS;
use crate::catalog::markets::MARKETS;
use crate::catalog::vocab::NICHES;
use crate::catalog::{fold_ascii, names};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// One influencer.
#[derive(Debug)]
pub struct InfluencerRow<'a> {
    /// Key; odd ids post on Instagram, even ids on TikTok.
    pub influencer_id: i64,
    /// Unique handle.
    pub handle: &'a str,
    /// instagram or tiktok.
    pub platform: &'a str,
    /// nano, micro, macro or mega (DOMAIN.md §1).
    pub tier: &'a str,
    /// Followers, log-uniform within the tier.
    pub followers: i64,
    /// Home country.
    pub country_code: &'a str,
    /// Content niche.
    pub niche: &'a str,
}

/// Generator of `ads.influencers` (unit: influencer).
#[derive(Debug)]
pub struct Influencers;

const S_HANDLE: Stream = Stream::new("ads.influencers.handle");

impl TableGen for Influencers {
    type Row<'a> = InfluencerRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.influencers
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&InfluencerRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let mut handle = String::new();
        for u in units {
            let influencer_id = u as i64 + 1;
            let (tier, followers, tiktok) = world.influencer(influencer_id);
            let mut rng = S_HANDLE.rng(world.config.seed, influencer_id as u64);
            let market = &MARKETS[rng.index(MARKETS.len())];
            let first = if rng.chance(0.6) {
                names::for_country(market.country_code)
                    .female
                    .sample(&mut rng)
            } else {
                names::for_country(market.country_code)
                    .male
                    .sample(&mut rng)
            };
            let niche = NICHES[rng.index(NICHES.len())];
            handle.clear();
            handle.push('@');
            fold_ascii(first, &mut handle);
            let _ = write!(
                handle,
                ".{niche}.{}{influencer_id}",
                market.country_code.to_ascii_lowercase()
            );
            emit(&InfluencerRow {
                influencer_id,
                handle: &handle,
                platform: if tiktok { "tiktok" } else { "instagram" },
                tier: TIERS[tier].0,
                followers,
                country_code: market.country_code,
                niche,
            });
        }
    }
}
