//! `sales.target_configuration`: each audience's filters (country, city, age band, gender,
//! interest), pointing at `population_feature_values`.

use std::ops::Range;

use super::campaign_created_at;
use super::population_feature_values::{country_value_id, value_id, AGE_BANDS, GENDERS};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// Filters per audience.
pub const FILTERS: u64 = 5;

/// One filter.
#[derive(Debug)]
pub struct TargetConfigurationRow {
    /// Key: `target_id · 10 + k`.
    pub config_id: i64,
    /// Audience.
    pub target_id: i64,
    /// Feature.
    pub feature_id: i64,
    /// Value of that feature.
    pub feature_value_id: i64,
    /// Created.
    pub created_at: i64,
}

/// Generator of `sales.target_configuration` (unit: campaign).
#[derive(Debug)]
pub struct TargetConfiguration;

const S: Stream = Stream::new("sales.target_configuration");

impl TableGen for TargetConfiguration {
    type Row<'a> = TargetConfigurationRow;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        world.campaign(unit as usize).markets.len() as u64 * FILTERS
    }

    fn generate<F: FnMut(&TargetConfigurationRow)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let c = world.campaign(u as usize);
            let created_at = campaign_created_at(world, u as usize) + 3600;
            let mut rng = S.rng(world.config.seed, c.id as u64);
            let age = rng.index(AGE_BANDS.len());
            let gender = rng.index(GENDERS.len());
            for (k, &m) in c.markets.iter().enumerate() {
                let target_id = c.id * 10 + k as i64 + 1;
                let filters = [
                    (1, country_value_id(m as usize)),
                    (2, value_id(2, m as usize)),
                    (3, value_id(3, age)),
                    (4, value_id(4, gender)),
                    (8, value_id(8, c.industry)),
                ];
                for (j, (feature_id, feature_value_id)) in filters.into_iter().enumerate() {
                    emit(&TargetConfigurationRow {
                        config_id: target_id * 10 + j as i64 + 1,
                        target_id,
                        feature_id,
                        feature_value_id,
                        created_at,
                    });
                }
            }
        }
    }
}
