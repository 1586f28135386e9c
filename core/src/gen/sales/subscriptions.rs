//! `sales.subscriptions`: each customer's plans (one or two).

use std::ops::Range;

use super::plans::{plan, PLAN_COUNT};
use super::{at, customer_of_brand, DAY};
use crate::catalog::calendar::{AS_OF, WINDOW_START};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// Subscription ids are `customer user_id · 10 + k`.
pub const SUBSCRIPTION_ID_STRIDE: i64 = 10;

/// One subscription, as the generators of its children need it.
#[derive(Debug, Clone, Copy)]
pub struct Subscription {
    /// Key.
    pub subscription_id: i64,
    /// Customer user.
    pub user_id: i64,
    /// Plan.
    pub plan_id: i64,
    /// active, cancelled or expired at the as-of date.
    pub status: &'static str,
    /// First day.
    pub start_date: i32,
    /// Last day of the paid term.
    pub end_date: i32,
    /// Renews automatically.
    pub auto_renew: bool,
    /// Cancellation time.
    pub cancelled_at: Option<i64>,
    /// Periods paid.
    pub periods: i64,
    /// Total paid, cents.
    pub amount_paid: i64,
}

const S: Stream = Stream::new("sales.subscriptions");

/// The subscriptions of brand `brand_id`'s customer account.
pub fn subscriptions_of(world: &World, brand_id: i64) -> Vec<Subscription> {
    let user_id = customer_of_brand(world, brand_id);
    let mut rng = S.rng(world.config.seed, brand_id as u64);
    let n = if rng.chance(0.35) { 2 } else { 1 };
    (1..=n)
        .map(|k| {
            let plan_id = rng.between(1, PLAN_COUNT as i64);
            let (_, annual, price) = plan(plan_id);
            let start_date =
                rng.between(i64::from(WINDOW_START) - 60, i64::from(AS_OF) - 30) as i32;
            let period = if annual { 365 } else { 30 };
            let periods = if annual {
                rng.between(1, 2)
            } else {
                rng.between(1, 18)
            };
            let end_date = start_date + (period * periods) as i32 - 1;
            let cancelled = rng.chance(0.12);
            let (status, cancelled_at) = if cancelled {
                (
                    "cancelled",
                    Some(at(end_date, 0) - rng.between(1, 20) * DAY),
                )
            } else if end_date < AS_OF {
                ("expired", None)
            } else {
                ("active", None)
            };
            Subscription {
                subscription_id: user_id * SUBSCRIPTION_ID_STRIDE + k,
                user_id,
                plan_id,
                status,
                start_date,
                end_date,
                auto_renew: status == "active" && rng.chance(0.8),
                cancelled_at,
                periods,
                amount_paid: price * periods,
            }
        })
        .collect()
}

/// One subscription row.
#[derive(Debug)]
pub struct SubscriptionRow<'a> {
    /// Key.
    pub subscription_id: i64,
    /// Customer user.
    pub user_id: i64,
    /// Plan.
    pub plan_id: i64,
    /// active, cancelled or expired.
    pub status: &'a str,
    /// First day.
    pub start_date: i32,
    /// Last day of the paid term.
    pub end_date: i32,
    /// Renews automatically.
    pub auto_renew: bool,
    /// Cancellation time.
    pub cancelled_at: Option<i64>,
    /// Total paid, cents → DECIMAL(18,2).
    pub amount_paid: i64,
    /// Created (the start day, 10:00).
    pub created_at: i64,
}

/// Generator of `sales.subscriptions` (unit: brand's customer account).
#[derive(Debug)]
pub struct Subscriptions;

impl TableGen for Subscriptions {
    type Row<'a> = SubscriptionRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.brands
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&SubscriptionRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            for s in subscriptions_of(world, u as i64 + 1) {
                emit(&SubscriptionRow {
                    subscription_id: s.subscription_id,
                    user_id: s.user_id,
                    plan_id: s.plan_id,
                    status: s.status,
                    start_date: s.start_date,
                    end_date: s.end_date,
                    auto_renew: s.auto_renew,
                    cancelled_at: s.cancelled_at,
                    amount_paid: s.amount_paid,
                    created_at: at(s.start_date, 10 * 3600),
                });
            }
        }
    }
}
