//! `ads.ads`: each campaign's creatives; `image_id` points into `content.images`.

use std::fmt::Write;
use std::ops::Range;

use crate::catalog::calendar;
use crate::catalog::markets::MARKETS;
use crate::catalog::vocab::{offer, AD_FORMATS, CTAS, INDUSTRIES, OFFERS};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// One ad.
#[derive(Debug)]
pub struct AdRow<'a> {
    /// Key (dense, campaign-major).
    pub ad_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Image (an image of the brand's industry, 1..=images).
    pub image_id: i64,
    /// Headline.
    pub headline: &'a str,
    /// Creative format.
    pub format: &'a str,
    /// Call to action.
    pub call_to_action: &'a str,
}

/// Generator of `ads.ads` (unit: campaign).
#[derive(Debug)]
pub struct Ads;

const S_AD: Stream = Stream::new("ads.ads");

/// The image of ad `ad_id` of campaign index `index`: one of the brand's industry images.
pub fn ad_image(world: &World, index: usize, ad_id: i64) -> i64 {
    let c = world.campaign(index);
    let n = world.images_of_industry(c.industry).max(1);
    let j = S_AD.hash(world.config.seed, ad_id as u64) % n;
    (c.industry as u64 + 1 + j * INDUSTRIES.len() as u64) as i64
}

impl TableGen for Ads {
    type Row<'a> = AdRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        u64::from(world.campaign(unit as usize).ads)
    }

    fn generate<F: FnMut(&AdRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let mut headline = String::new();
        for u in units {
            let index = u as usize;
            let c = world.campaign(index);
            let products = INDUSTRIES[c.industry].products;
            for a in 0..u64::from(c.ads) {
                let ad_id = (world.ad_offsets[index] + a + 1) as i64;
                let mut rng = S_AD.rng(world.config.seed, ad_id as u64 ^ 0x4ead);
                let cta = CTAS[rng.index(CTAS.len())];
                headline.clear();
                let _ = write!(
                    headline,
                    "{} {} — {cta}",
                    offer(
                        rng.index(OFFERS.len()),
                        calendar::month_of(c.start),
                        c.markets.iter().map(|&m| MARKETS[m as usize].country_code),
                    ),
                    products[rng.index(products.len())].0
                );
                emit(&AdRow {
                    ad_id,
                    campaign_id: c.id,
                    image_id: ad_image(world, index, ad_id),
                    headline: &headline,
                    format: AD_FORMATS[rng.index(AD_FORMATS.len())],
                    call_to_action: cta,
                });
            }
        }
    }
}
