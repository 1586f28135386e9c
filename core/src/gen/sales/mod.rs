//! PromptSales portal tables (the seeds' PostgreSQL design, eight modules, in snake_case).
//!
//! Keys are BIGINT. Child keys are composed from the parent's key (`parent · stride + k`), so
//! every foreign key is recomputed from its parent, never looked up. Campaign ids, budgets,
//! dates and status come from [`World::campaigns`], exactly as `ads.campaigns` has them.
//!
//! Users are laid out in id order: administrators, then staff (marketers and sales agents,
//! three marketers for every two agents), then one customer account per brand.

pub mod ads_summary;
pub mod api_call_logs;
pub mod campaign_approvals;
pub mod campaign_budget_transactions;
pub mod campaign_objectives;
pub mod campaign_performance;
pub mod campaign_schedule;
pub mod campaigns;
pub mod content_summary;
pub mod crm_summary;
pub mod etl_execution_logs;
pub mod etl_watermarks;
pub mod payment_methods;
pub mod plan_features;
pub mod plans;
pub mod population_feature_values;
pub mod population_features;
pub mod provider_apis;
pub mod provider_credentials;
pub mod provider_types;
pub mod providers;
pub mod subscription_usage;
pub mod subscriptions;
pub mod system_logs;
pub mod target_configuration;
pub mod targets;
pub mod transactions;
pub mod user_permissions;
pub mod user_sessions;
pub mod users;

use crate::rng::Stream;
use crate::world::World;

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Epoch seconds of `day` (epoch days) plus `seconds`.
#[inline]
pub fn at(day: i32, seconds: i64) -> i64 {
    i64::from(day) * DAY + seconds
}

/// Administrators: max(2, round(10·S)).
pub fn admins(world: &World) -> u64 {
    ((10.0 * world.config.scale).round() as u64).max(2)
}

/// Marketers and sales agents: max(10, round(360·S)) (≥ 300 at scale 1, issue 4).
pub fn staff(world: &World) -> u64 {
    ((360.0 * world.config.scale).round() as u64).max(10)
}

/// All users: admins + staff + one customer per brand.
pub fn user_count(world: &World) -> u64 {
    admins(world) + staff(world) + world.counts.brands
}

/// What a user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserKind {
    /// Portal administrator.
    Admin,
    /// Marketer (designs campaigns).
    Marketer,
    /// Sales agent (works the CRM).
    SalesAgent,
    /// A brand's customer account; holds the brand id.
    Customer(i64),
}

impl UserKind {
    /// The `user_type` value.
    pub fn name(self) -> &'static str {
        match self {
            UserKind::Admin => "admin",
            UserKind::Marketer => "marketer",
            UserKind::SalesAgent => "sales_agent",
            UserKind::Customer(_) => "customer",
        }
    }
}

/// The kind of user `user_id` (1-based).
pub fn user_kind(world: &World, user_id: i64) -> UserKind {
    let k = (user_id - 1) as u64;
    let (a, s) = (admins(world), staff(world));
    if k < a {
        UserKind::Admin
    } else if k < a + s {
        if (k - a) % 5 < 3 {
            UserKind::Marketer
        } else {
            UserKind::SalesAgent
        }
    } else {
        UserKind::Customer((k - a - s) as i64 + 1)
    }
}

/// The customer account of brand `brand_id`.
pub fn customer_of_brand(world: &World, brand_id: i64) -> i64 {
    (admins(world) + staff(world)) as i64 + brand_id
}

fn marketers(world: &World) -> u64 {
    let s = staff(world);
    (s / 5) * 3 + (s % 5).min(3)
}

fn agents(world: &World) -> u64 {
    staff(world) - marketers(world)
}

const S_ASSIGN: Stream = Stream::new("sales.assign");

/// A marketer picked by `key` (stable).
pub fn marketer(world: &World, key: u64) -> i64 {
    let j = S_ASSIGN.hash(world.config.seed, key) % marketers(world);
    (admins(world) + (j / 3) * 5 + j % 3) as i64 + 1
}

/// A sales agent picked by `key` (stable); a marketer when there is no agent.
pub fn agent(world: &World, key: u64) -> i64 {
    let n = agents(world);
    if n == 0 {
        return marketer(world, key);
    }
    let j = S_ASSIGN.hash(world.config.seed, key ^ 0x5a1e5) % n;
    (admins(world) + (j / 2) * 5 + 3 + j % 2) as i64 + 1
}

/// An administrator picked by `key` (stable).
pub fn admin(world: &World, key: u64) -> i64 {
    (S_ASSIGN.hash(world.config.seed, key ^ 0xad) % admins(world)) as i64 + 1
}

/// When campaign `index`'s record was created in the portal: 21–45 days before its start.
pub fn campaign_created_at(world: &World, index: usize) -> i64 {
    let c = world.campaign(index);
    let h = S_ASSIGN.hash(world.config.seed, c.id as u64 ^ 0xc4ea7e);
    at(
        c.start - 21 - (h % 25) as i32,
        9 * 3600 + ((h >> 8) % 28_800) as i64,
    )
}

/// When campaign `index`'s launch approval was granted (the last approval, before its start).
pub fn campaign_approved_at(world: &World, index: usize) -> i64 {
    let c = world.campaign(index);
    at(c.start - 2, 15 * 3600)
}

/// Campaign indices per brand (index = brand_id − 1), in id order.
pub fn campaigns_by_brand(world: &World) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); world.counts.brands as usize];
    for (i, c) in world.campaigns.iter().enumerate() {
        if let Some(v) = out.get_mut((c.brand_id - 1) as usize) {
            v.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Store};
    use crate::registry::{table, tables_of};
    use arrow::compute::concat_batches;

    fn world(scale: f64) -> World {
        World::new(&Config {
            scale,
            ..Config::default()
        })
    }

    #[test]
    fn portal_has_at_least_300_marketers_and_agents_at_scale_1() {
        let w = world(1.0);
        let staff = (1..=user_count(&w) as i64)
            .filter(|&u| matches!(user_kind(&w, u), UserKind::Marketer | UserKind::SalesAgent))
            .count();
        assert!(staff >= 300, "{staff}");
        assert_eq!(
            user_kind(&w, customer_of_brand(&w, 7)),
            UserKind::Customer(7)
        );
        assert_eq!(user_kind(&w, marketer(&w, 99)), UserKind::Marketer);
        assert_eq!(user_kind(&w, agent(&w, 99)), UserKind::SalesAgent);
        assert_eq!(user_kind(&w, admin(&w, 99)), UserKind::Admin);
    }

    #[test]
    fn sales_campaigns_equal_ads_campaigns() -> crate::Result<()> {
        let w = world(0.05);
        let n = w.counts.campaigns;
        let a = table("ads.campaigns")?.batch(&w, 0..n)?;
        let s = table("sales.campaigns")?.batch(&w, 0..n)?;
        for col in [
            "campaign_id",
            "brand_id",
            "name",
            "objective",
            "status",
            "start_date",
            "end_date",
            "budget",
            "spent",
        ] {
            assert_eq!(a.column_by_name(col), s.column_by_name(col), "{col}");
        }
        Ok(())
    }

    /// Any split of the units concatenates to the whole, for every sales table.
    #[test]
    fn sales_tables_split_equals_whole() -> crate::Result<()> {
        let w = world(0.03);
        for t in tables_of(&[Store::Sales]) {
            let units = t.units(&w);
            let whole = t.batch(&w, 0..units)?;
            let cut = units / 3;
            let parts = [t.batch(&w, 0..cut)?, t.batch(&w, cut..units)?];
            let joined = concat_batches(&t.schema(), &parts)?;
            assert_eq!(whole, joined, "{}", t.qualified_name());
            assert_eq!(
                whole.num_rows() as u64,
                t.count(&w, 0..units),
                "{}",
                t.qualified_name()
            );
        }
        Ok(())
    }

    /// The ledger's monthly spend adds up to the campaign's spend and never overdraws.
    #[test]
    fn monthly_spend_sums_to_campaign_spend() {
        let w = world(0.02);
        for i in 0..w.campaigns.len() {
            let total: i64 = campaign_budget_transactions::monthly_spend(&w, i)
                .iter()
                .map(|m| m.1)
                .sum();
            assert_eq!(total, w.campaign(i).spend_cents, "campaign index {i}");
            assert!(total <= w.campaign(i).budget_cents);
        }
    }
}
