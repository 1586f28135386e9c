//! `ads.brands`: the advertisers.

use std::fmt::Write;
use std::ops::Range;

use crate::catalog::fold_ascii;
use crate::catalog::markets::MARKETS;
use crate::catalog::vocab::{BRAND_SUFFIXES, INDUSTRIES};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// One brand.
#[derive(Debug)]
pub struct BrandRow<'a> {
    /// Key.
    pub brand_id: i64,
    /// Trade name.
    pub name: &'a str,
    /// Industry key (also the content image category).
    pub industry: &'a str,
    /// Home country (ISO alpha-2).
    pub country_code: &'a str,
    /// Web site.
    pub website: &'a str,
}

/// Generator of `ads.brands` (unit: brand).
#[derive(Debug)]
pub struct Brands;

const S_NAME: Stream = Stream::new("ads.brands.name");

/// Writes brand `brand_id`'s trade name into `out`.
pub fn brand_name(world: &World, brand_id: i64, out: &mut String) {
    let industry = &INDUSTRIES[World::brand_industry(world.config.seed, brand_id)];
    let h = S_NAME.hash(world.config.seed, brand_id as u64);
    out.clear();
    out.push_str(industry.brand_words[(h % industry.brand_words.len() as u64) as usize]);
    out.push(' ');
    out.push_str(BRAND_SUFFIXES[((h >> 16) % BRAND_SUFFIXES.len() as u64) as usize]);
}

fn tld(country_code: &str) -> &'static str {
    match country_code {
        "CR" => "cr",
        "MX" => "mx",
        "CO" => "co",
        "ES" => "es",
        "PA" => "pa",
        "GT" => "gt",
        _ => "com",
    }
}

impl TableGen for Brands {
    type Row<'a> = BrandRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.brands
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&BrandRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let (mut name, mut site) = (String::new(), String::new());
        for u in units {
            let brand_id = u as i64 + 1;
            brand_name(world, brand_id, &mut name);
            let market = &MARKETS[World::brand_country_market(world.config.seed, brand_id)];
            site.clear();
            site.push_str("https://www.");
            fold_ascii(&name, &mut site);
            site.retain(|c| c != '.');
            let _ = write!(site, "{brand_id}.{}", tld(market.country_code));
            emit(&BrandRow {
                brand_id,
                name: &name,
                industry: INDUSTRIES[World::brand_industry(world.config.seed, brand_id)].key,
                country_code: market.country_code,
                website: &site,
            });
        }
    }
}
