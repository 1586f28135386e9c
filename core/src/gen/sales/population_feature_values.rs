//! `sales.population_feature_values`: the values each feature can take (countries and cities
//! of the market catalog, age bands, genders, professions, education, workplaces, interests).

use std::ops::Range;
use std::sync::LazyLock;

use crate::catalog::markets::MARKETS;
use crate::catalog::vocab::INDUSTRIES;
use crate::gen::TableGen;
use crate::world::World;

/// Age bands: (label, min, max).
pub const AGE_BANDS: [(&str, i64, i64); 6] = [
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("25-44", 25, 44),
    ("35-54", 35, 54),
    ("45-64", 45, 64),
    ("18-65", 18, 65),
];
/// Genders.
pub const GENDERS: [&str; 3] = ["female", "male", "all"];
const PROFESSIONS: [&str; 6] = [
    "engineer",
    "teacher",
    "nurse",
    "entrepreneur",
    "student",
    "designer",
];
const EDUCATION: [&str; 4] = ["secondary", "technical", "university", "postgraduate"];
const WORKPLACES: [&str; 4] = ["office", "remote", "field", "retail"];

/// One value of the catalog.
#[derive(Debug, Clone)]
pub struct FeatureValue {
    /// Feature (1-based, see `POPULATION_FEATURES`).
    pub feature_id: i64,
    /// exact or range.
    pub value_type: &'static str,
    /// Range lower bound.
    pub min_value: Option<i64>,
    /// Range upper bound.
    pub max_value: Option<i64>,
    /// Exact value.
    pub exact_value: Option<&'static str>,
    /// Label.
    pub display_name: &'static str,
}

/// The catalog, value_id = index + 1.
pub static VALUES: LazyLock<Vec<FeatureValue>> = LazyLock::new(|| {
    let exact = |feature_id, v: &'static str| FeatureValue {
        feature_id,
        value_type: "exact",
        min_value: None,
        max_value: None,
        exact_value: Some(v),
        display_name: v,
    };
    let mut out = Vec::new();
    let mut countries: Vec<&'static str> = Vec::new();
    for m in &MARKETS {
        if !countries.contains(&m.country) {
            countries.push(m.country);
        }
    }
    out.extend(countries.into_iter().map(|c| exact(1, c)));
    out.extend(MARKETS.iter().map(|m| exact(2, m.city)));
    out.extend(AGE_BANDS.iter().map(|&(label, lo, hi)| FeatureValue {
        feature_id: 3,
        value_type: "range",
        min_value: Some(lo),
        max_value: Some(hi),
        exact_value: None,
        display_name: label,
    }));
    out.extend(GENDERS.iter().map(|g| exact(4, g)));
    out.extend(PROFESSIONS.iter().map(|p| exact(5, p)));
    out.extend(EDUCATION.iter().map(|p| exact(6, p)));
    out.extend(WORKPLACES.iter().map(|p| exact(7, p)));
    out.extend(INDUSTRIES.iter().map(|i| exact(8, i.interest)));
    out
});

/// The value id of the first value of `feature_id` plus `offset`.
pub fn value_id(feature_id: i64, offset: usize) -> i64 {
    let first = VALUES
        .iter()
        .position(|v| v.feature_id == feature_id)
        .unwrap_or(0);
    (first + offset) as i64 + 1
}

/// The value id of a market's country.
pub fn country_value_id(market: usize) -> i64 {
    let country = MARKETS[market].country;
    VALUES
        .iter()
        .position(|v| v.feature_id == 1 && v.exact_value == Some(country))
        .unwrap_or(0) as i64
        + 1
}

/// One row.
#[derive(Debug)]
pub struct PopulationFeatureValueRow<'a> {
    /// Key.
    pub value_id: i64,
    /// Feature.
    pub feature_id: i64,
    /// exact or range.
    pub value_type: &'a str,
    /// Range lower bound.
    pub min_value: Option<i64>,
    /// Range upper bound.
    pub max_value: Option<i64>,
    /// Exact value.
    pub exact_value: Option<&'a str>,
    /// Label.
    pub display_name: &'a str,
}

/// Generator of `sales.population_feature_values` (unit: catalog row).
#[derive(Debug)]
pub struct PopulationFeatureValues;

impl TableGen for PopulationFeatureValues {
    type Row<'a> = PopulationFeatureValueRow<'a>;

    fn units(_: &World) -> u64 {
        VALUES.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&PopulationFeatureValueRow<'_>)>(
        _: &World,
        units: Range<u64>,
        mut emit: F,
    ) {
        for u in units {
            let v = &VALUES[u as usize];
            emit(&PopulationFeatureValueRow {
                value_id: u as i64 + 1,
                feature_id: v.feature_id,
                value_type: v.value_type,
                min_value: v.min_value,
                max_value: v.max_value,
                exact_value: v.exact_value,
                display_name: v.display_name,
            });
        }
    }
}
