//! `sales.campaigns`: the portal's record of each campaign, mirroring `ads.campaigns` (same
//! ids, budgets, spend, dates and status: all from [`World::campaigns`]).

use std::ops::Range;

use super::{admin, campaign_approved_at, campaign_created_at, customer_of_brand, marketer};
use crate::catalog::vocab::{INDUSTRIES, OBJECTIVES};
use crate::gen::ads::campaigns::campaign_name;
use crate::gen::TableGen;
use crate::world::World;

/// One campaign.
#[derive(Debug)]
pub struct SalesCampaignRow<'a> {
    /// Key (the same number in every store).
    pub campaign_id: i64,
    /// Advertiser.
    pub brand_id: i64,
    /// The brand's customer account.
    pub customer_id: i64,
    /// Marketer who designed it.
    pub created_by: i64,
    /// Name (as in ads).
    pub name: &'a str,
    /// Objective (as in ads).
    pub objective: &'a str,
    /// active or completed (as in ads).
    pub status: &'a str,
    /// First day.
    pub start_date: i32,
    /// Planned last day.
    pub end_date: i32,
    /// Budget, cents → DECIMAL(18,2).
    pub budget: i64,
    /// Spent to the as-of date, cents.
    pub spent: i64,
    /// Currency.
    pub currency: &'a str,
    /// Industry key.
    pub industry: &'a str,
    /// Admin who approved the launch.
    pub approved_by: i64,
    /// Launch approval.
    pub approved_at: i64,
    /// Created in the portal.
    pub created_at: i64,
}

/// Generator of `sales.campaigns` (unit: campaign).
#[derive(Debug)]
pub struct SalesCampaigns;

impl TableGen for SalesCampaigns {
    type Row<'a> = SalesCampaignRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&SalesCampaignRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let mut name = String::new();
        for u in units {
            let i = u as usize;
            let c = world.campaign(i);
            campaign_name(world, i, &mut name);
            emit(&SalesCampaignRow {
                campaign_id: c.id,
                brand_id: c.brand_id,
                customer_id: customer_of_brand(world, c.brand_id),
                created_by: marketer(world, c.id as u64),
                name: &name,
                objective: OBJECTIVES[c.objective].0,
                status: if c.active { "active" } else { "completed" },
                start_date: c.start,
                end_date: c.end,
                budget: c.budget_cents,
                spent: c.spend_cents,
                currency: "USD",
                industry: INDUSTRIES[c.industry].key,
                approved_by: admin(world, c.id as u64),
                approved_at: campaign_approved_at(world, i),
                created_at: campaign_created_at(world, i),
            });
        }
    }
}
