//! `sales.transactions`: customer payments: subscription charges, campaign budget top-ups
//! (the budget of each campaign) and refunds of unspent budget.

use std::ops::Range;

use super::campaign_budget_transactions::BUDGET_TX_ID_STRIDE;
use super::payment_methods::default_method;
use super::subscriptions::subscriptions_of;
use super::{at, campaign_approved_at, campaigns_by_brand, customer_of_brand};
use crate::catalog::calendar::AS_OF;
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// Transaction ids are `customer user_id · 10000 + k`.
pub const TRANSACTION_ID_STRIDE: i64 = 10_000;

/// One payment.
#[derive(Debug)]
pub struct TransactionRow<'a> {
    /// Key.
    pub transaction_id: i64,
    /// Customer.
    pub user_id: i64,
    /// Subscription charged.
    pub subscription_id: Option<i64>,
    /// Campaign funded or refunded.
    pub campaign_id: Option<i64>,
    /// Amount, cents → DECIMAL(18,2).
    pub amount: i64,
    /// Currency.
    pub currency: &'a str,
    /// subscription, campaign_budget or refund.
    pub transaction_type: &'a str,
    /// completed or failed.
    pub status: &'a str,
    /// Method used.
    pub payment_method_id: i64,
    /// Processed.
    pub processed_at: i64,
    /// Why it failed.
    pub failure_reason: Option<&'a str>,
}

/// Generator of `sales.transactions` (unit: brand's customer account).
#[derive(Debug)]
pub struct Transactions;

const S: Stream = Stream::new("sales.transactions");

impl TableGen for Transactions {
    type Row<'a> = TransactionRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.brands
    }

    fn unit_rows(world: &World, _: u64) -> u64 {
        2 + 2 * world.counts.campaigns / world.counts.brands.max(1)
    }

    fn generate<F: FnMut(&TransactionRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let by_brand = campaigns_by_brand(world);
        for u in units {
            let brand_id = u as i64 + 1;
            let user_id = customer_of_brand(world, brand_id);
            let method = default_method(world, brand_id);
            let mut rng = S.rng(world.config.seed, brand_id as u64);
            let mut k = 0;
            let mut row = |emit: &mut F,
                           sub: Option<i64>,
                           camp: Option<i64>,
                           amount: i64,
                           kind: &'static str,
                           status: &'static str,
                           when: i64,
                           why: Option<&'static str>| {
                k += 1;
                emit(&TransactionRow {
                    transaction_id: user_id * TRANSACTION_ID_STRIDE + k,
                    user_id,
                    subscription_id: sub,
                    campaign_id: camp,
                    amount,
                    currency: "USD",
                    transaction_type: kind,
                    status,
                    payment_method_id: method,
                    processed_at: when,
                    failure_reason: why,
                });
            };
            for s in subscriptions_of(world, brand_id) {
                let when = at(s.start_date, 10 * 3600);
                if rng.chance(0.03) {
                    row(
                        &mut emit,
                        Some(s.subscription_id),
                        None,
                        s.amount_paid,
                        "subscription",
                        "failed",
                        when - 3600,
                        Some("card_declined"),
                    );
                }
                row(
                    &mut emit,
                    Some(s.subscription_id),
                    None,
                    s.amount_paid,
                    "subscription",
                    "completed",
                    when,
                    None,
                );
            }
            for &i in by_brand.get(u as usize).map(Vec::as_slice).unwrap_or(&[]) {
                let c = world.campaign(i);
                row(
                    &mut emit,
                    None,
                    Some(c.id),
                    c.budget_cents,
                    "campaign_budget",
                    "completed",
                    campaign_approved_at(world, i) + 300,
                    None,
                );
                let left = c.budget_cents - c.spend_cents;
                if !c.active && left > 0 {
                    row(
                        &mut emit,
                        None,
                        Some(c.id),
                        left,
                        "refund",
                        "completed",
                        at(c.end.min(AS_OF), 23 * 3600 + 55 * 60),
                        None,
                    );
                }
            }
            debug_assert!(k < TRANSACTION_ID_STRIDE && BUDGET_TX_ID_STRIDE > 0);
        }
    }
}
