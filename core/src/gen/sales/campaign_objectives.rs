//! `sales.campaign_objectives`: measurable goals of each campaign.

use std::ops::Range;

use super::campaign_created_at;
use crate::catalog::vocab::OBJECTIVES;
use crate::gen::TableGen;
use crate::world::World;

/// One objective.
#[derive(Debug)]
pub struct CampaignObjectiveRow<'a> {
    /// Key: `campaign_id · 10 + k`.
    pub objective_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// awareness, traffic, engagement, leads or sales.
    pub objective_type: &'a str,
    /// impressions, clicks, leads or revenue.
    pub target_metric: &'a str,
    /// Target (count, or cents of revenue).
    pub target_value: i64,
    /// count or usd_cents.
    pub unit: &'a str,
    /// Created.
    pub created_at: i64,
}

/// Generator of `sales.campaign_objectives` (unit: campaign).
#[derive(Debug)]
pub struct CampaignObjectives;

impl TableGen for CampaignObjectives {
    type Row<'a> = CampaignObjectiveRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        2
    }

    fn generate<F: FnMut(&CampaignObjectiveRow<'_>)>(
        world: &World,
        units: Range<u64>,
        mut emit: F,
    ) {
        for u in units {
            let c = world.campaign(u as usize);
            let created_at = campaign_created_at(world, u as usize);
            let objective = OBJECTIVES[c.objective].0;
            let (metric, value, unit) = match objective {
                "awareness" => ("impressions", c.budget_cents / 100 * 150, "count"),
                "traffic" | "engagement" => ("clicks", c.budget_cents / 100, "count"),
                "leads" => ("leads", i64::from(c.links), "count"),
                _ => ("revenue", c.budget_cents * 3, "usd_cents"),
            };
            emit(&CampaignObjectiveRow {
                objective_id: c.id * 10 + 1,
                campaign_id: c.id,
                objective_type: objective,
                target_metric: metric,
                target_value: value.max(1),
                unit,
                created_at,
            });
            // Every campaign also tracks the leads it hands to the CRM.
            emit(&CampaignObjectiveRow {
                objective_id: c.id * 10 + 2,
                campaign_id: c.id,
                objective_type: "leads",
                target_metric: "leads",
                target_value: i64::from(c.links).max(1),
                unit: "count",
                created_at,
            });
        }
    }
}
