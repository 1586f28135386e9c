//! `sales.population_features`: the dimensions audiences are filtered by.

use std::ops::Range;

use crate::gen::TableGen;
use crate::world::World;

/// (feature_name, category, data_type), ids 1..
pub const POPULATION_FEATURES: [(&str, &str, &str); 8] = [
    ("country", "geographic", "string"),
    ("city", "geographic", "string"),
    ("age", "demographic", "integer"),
    ("gender", "demographic", "string"),
    ("profession", "demographic", "string"),
    ("education", "demographic", "string"),
    ("workplace", "behavioral", "string"),
    ("interests", "psychographic", "string"),
];

/// One feature.
#[derive(Debug)]
pub struct PopulationFeatureRow<'a> {
    /// Key.
    pub feature_id: i64,
    /// Unique name.
    pub feature_name: &'a str,
    /// demographic, geographic, psychographic or behavioral.
    pub feature_category: &'a str,
    /// string, integer, date or boolean.
    pub data_type: &'a str,
    /// Usable in targets.
    pub is_active: bool,
    /// Display order.
    pub sort_order: i32,
}

/// Generator of `sales.population_features` (unit: catalog row).
#[derive(Debug)]
pub struct PopulationFeatures;

impl TableGen for PopulationFeatures {
    type Row<'a> = PopulationFeatureRow<'a>;

    fn units(_: &World) -> u64 {
        POPULATION_FEATURES.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&PopulationFeatureRow<'_>)>(_: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let (feature_name, feature_category, data_type) = POPULATION_FEATURES[u as usize];
            emit(&PopulationFeatureRow {
                feature_id: u as i64 + 1,
                feature_name,
                feature_category,
                data_type,
                is_active: true,
                sort_order: u as i32 + 1,
            });
        }
    }
}
