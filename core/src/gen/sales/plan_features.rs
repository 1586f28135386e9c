//! `sales.plan_features`: the limits of each plan.

use std::fmt::Write;
use std::ops::Range;

use super::plans::{plan, BASE_PLANS, PLAN_COUNT};
use crate::gen::TableGen;
use crate::world::World;

/// Feature ids are `plan_id · 10 + k`.
pub const FEATURE_ID_STRIDE: i64 = 10;

/// Features of every plan: (name, type, unit).
pub const FEATURES: [(&str, &str, &str); 3] = [
    ("api_calls", "limit", "calls"),
    ("campaigns", "quota", "campaigns"),
    ("storage_gb", "limit", "GB"),
];

/// The limit of feature `k` (0-based) of plan `plan_id`.
pub fn feature_limit(plan_id: i64, k: usize) -> i64 {
    let (base, _, _) = plan(plan_id);
    let tier = (base % 3) as i64 + i64::from(BASE_PLANS[base].1 == "all") * 2;
    match k {
        0 => 10_000 * 5_i64.pow(tier as u32),
        1 => 5 * 4_i64.pow(tier as u32),
        _ => 10 * 5_i64.pow(tier as u32),
    }
}

/// One feature.
#[derive(Debug)]
pub struct PlanFeatureRow<'a> {
    /// Key.
    pub feature_id: i64,
    /// Plan.
    pub plan_id: i64,
    /// api_calls, campaigns or storage_gb.
    pub feature_name: &'a str,
    /// The limit, as text.
    pub feature_value: &'a str,
    /// limit, boolean or quota.
    pub feature_type: &'a str,
    /// calls, GB, campaigns.
    pub unit: &'a str,
    /// Display order.
    pub sort_order: i32,
}

/// Generator of `sales.plan_features` (unit: plan).
#[derive(Debug)]
pub struct PlanFeatures;

impl TableGen for PlanFeatures {
    type Row<'a> = PlanFeatureRow<'a>;

    fn units(_: &World) -> u64 {
        PLAN_COUNT
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        FEATURES.len() as u64
    }

    fn generate<F: FnMut(&PlanFeatureRow<'_>)>(_: &World, units: Range<u64>, mut emit: F) {
        let mut value = String::new();
        for u in units {
            let plan_id = u as i64 + 1;
            for (k, &(feature_name, feature_type, unit)) in FEATURES.iter().enumerate() {
                value.clear();
                let _ = write!(value, "{}", feature_limit(plan_id, k));
                emit(&PlanFeatureRow {
                    feature_id: plan_id * FEATURE_ID_STRIDE + k as i64 + 1,
                    plan_id,
                    feature_name,
                    feature_value: &value,
                    feature_type,
                    unit,
                    sort_order: k as i32 + 1,
                });
            }
        }
    }
}
