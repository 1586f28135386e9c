//! `sales.campaign_budget_transactions`: the budget ledger. A deposit of the budget, one
//! `spent` entry per calendar month equal to that month's `ads.daily_results` cost (from the
//! same campaign plan), and, for completed campaigns, a refund of what was left. The balance
//! never goes below zero because spend never exceeds the budget.

use std::ops::Range;

use super::{admin, at, campaign_approved_at, marketer};
use crate::catalog::calendar::{self, AS_OF};
use crate::gen::TableGen;
use crate::world::World;

/// Ledger ids are `campaign_id · 100 + k`.
pub const BUDGET_TX_ID_STRIDE: i64 = 100;

/// One ledger entry.
#[derive(Debug)]
pub struct CampaignBudgetTransactionRow<'a> {
    /// Key.
    pub budget_tx_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Amount (positive), cents → DECIMAL(18,2).
    pub amount: i64,
    /// deposit, spent or refund.
    pub transaction_type: &'a str,
    /// What it is.
    pub description: &'a str,
    /// Who recorded it.
    pub created_by: i64,
    /// When.
    pub created_at: i64,
    /// Budget left after it, cents.
    pub balance_after: i64,
    /// ads for spend; sales for deposits and refunds.
    pub source_system: &'a str,
}

/// Generator of `sales.campaign_budget_transactions` (unit: campaign).
#[derive(Debug)]
pub struct CampaignBudgetTransactions;

/// A campaign's spend per calendar month it ran: (last day with results in that month, cents).
pub fn monthly_spend(world: &World, index: usize) -> Vec<(i32, i64)> {
    let plan = world.plan(index);
    let mut out: Vec<(i32, i64)> = Vec::new();
    let mut month_key = None;
    for d in 0..plan.days {
        let day = plan.first_day + d;
        let cost: i64 = (0..plan.placements.len())
            .map(|p| plan.cells[p * plan.days as usize + d as usize].cost_cents)
            .sum();
        let key = calendar::window_month(day);
        if key != month_key || out.is_empty() {
            out.push((day, 0));
            month_key = key;
        }
        if let Some(last) = out.last_mut() {
            last.0 = day;
            last.1 += cost;
        }
    }
    out
}

impl TableGen for CampaignBudgetTransactions {
    type Row<'a> = CampaignBudgetTransactionRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        2 + u64::from(world.campaign(unit as usize).run_days() as u32 / 30)
    }

    fn generate<F: FnMut(&CampaignBudgetTransactionRow<'_>)>(
        world: &World,
        units: Range<u64>,
        mut emit: F,
    ) {
        for u in units {
            let i = u as usize;
            let c = world.campaign(i);
            let finance = admin(world, c.id as u64 ^ 0xf1);
            let ops = marketer(world, c.id as u64);
            let mut balance = c.budget_cents;
            let mut k = 1;
            emit(&CampaignBudgetTransactionRow {
                budget_tx_id: c.id * BUDGET_TX_ID_STRIDE + k,
                campaign_id: c.id,
                amount: c.budget_cents,
                transaction_type: "deposit",
                description: "Budget deposited at launch approval",
                created_by: finance,
                created_at: campaign_approved_at(world, i) + 600,
                balance_after: balance,
                source_system: "sales",
            });
            for (last_day, cents) in monthly_spend(world, i) {
                k += 1;
                balance -= cents;
                emit(&CampaignBudgetTransactionRow {
                    budget_tx_id: c.id * BUDGET_TX_ID_STRIDE + k,
                    campaign_id: c.id,
                    amount: cents,
                    transaction_type: "spent",
                    description: "Monthly media spend from PromptAds",
                    created_by: ops,
                    created_at: at(last_day, 23 * 3600 + 30 * 60),
                    balance_after: balance,
                    source_system: "ads",
                });
            }
            if !c.active && balance > 0 {
                k += 1;
                emit(&CampaignBudgetTransactionRow {
                    budget_tx_id: c.id * BUDGET_TX_ID_STRIDE + k,
                    campaign_id: c.id,
                    amount: balance,
                    transaction_type: "refund",
                    description: "Unspent budget returned to the customer",
                    created_by: finance,
                    created_at: at(c.end.min(AS_OF), 23 * 3600 + 50 * 60),
                    balance_after: 0,
                    source_system: "sales",
                });
            }
        }
    }
}
