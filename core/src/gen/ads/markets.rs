//! `ads.markets`: the fixed market catalog (DOMAIN.md §6 cities).

use std::ops::Range;

use crate::catalog::markets::MARKETS;
use crate::gen::TableGen;
use crate::world::World;

/// One market.
#[derive(Debug)]
pub struct MarketRow<'a> {
    /// Key.
    pub market_id: i64,
    /// ISO alpha-2.
    pub country_code: &'a str,
    /// Country.
    pub country: &'a str,
    /// City.
    pub city: &'a str,
    /// City-centre latitude.
    pub latitude: f64,
    /// City-centre longitude.
    pub longitude: f64,
    /// ISO 4217.
    pub currency: &'a str,
}

/// Generator of `ads.markets` (unit: catalog row).
#[derive(Debug)]
pub struct Markets;

impl TableGen for Markets {
    type Row<'a> = MarketRow<'a>;

    fn units(_: &World) -> u64 {
        MARKETS.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&MarketRow<'_>)>(_: &World, units: Range<u64>, mut emit: F) {
        for m in &MARKETS[units.start as usize..units.end as usize] {
            emit(&MarketRow {
                market_id: m.id,
                country_code: m.country_code,
                country: m.country,
                city: m.city,
                latitude: m.latitude,
                longitude: m.longitude,
                currency: m.currency,
            });
        }
    }
}
