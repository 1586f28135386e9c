//! `sales.subscription_usage`: consumption of each plan feature per subscription.

use std::ops::Range;

use super::at;
use super::plan_features::{feature_limit, FEATURES, FEATURE_ID_STRIDE};
use super::subscriptions::subscriptions_of;
use crate::catalog::calendar::{self, AS_OF};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// One usage counter.
#[derive(Debug)]
pub struct SubscriptionUsageRow {
    /// Key: `subscription_id · 10 + k`.
    pub usage_id: i64,
    /// Subscription.
    pub subscription_id: i64,
    /// Plan feature.
    pub feature_id: i64,
    /// Used in the current period (never above the limit).
    pub current_usage: i64,
    /// The plan's limit.
    pub usage_limit: i64,
    /// Start of the current period.
    pub last_reset: i32,
    /// Last update.
    pub updated_at: i64,
}

/// Generator of `sales.subscription_usage` (unit: brand's customer account).
#[derive(Debug)]
pub struct SubscriptionUsage;

const S: Stream = Stream::new("sales.subscription_usage");

impl TableGen for SubscriptionUsage {
    type Row<'a> = SubscriptionUsageRow;

    fn units(world: &World) -> u64 {
        world.counts.brands
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        FEATURES.len() as u64
    }

    fn generate<F: FnMut(&SubscriptionUsageRow)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            for s in subscriptions_of(world, u as i64 + 1) {
                let mut rng = S.rng(world.config.seed, s.subscription_id as u64);
                let last = s.end_date.min(AS_OF);
                let d = calendar::date(last);
                let last_reset =
                    calendar::ymd(chrono::Datelike::year(&d), chrono::Datelike::month(&d), 1)
                        .max(s.start_date);
                for k in 0..FEATURES.len() {
                    let limit = feature_limit(s.plan_id, k);
                    emit(&SubscriptionUsageRow {
                        usage_id: s.subscription_id * 10 + k as i64 + 1,
                        subscription_id: s.subscription_id,
                        feature_id: s.plan_id * FEATURE_ID_STRIDE + k as i64 + 1,
                        current_usage: (limit as f64 * rng.uniform(0.05, 0.98)) as i64,
                        usage_limit: limit,
                        last_reset,
                        updated_at: at(last, rng.between(0, 86_399)),
                    });
                }
            }
        }
    }
}
