//! `sales.campaign_approvals`: human approval of the AI-generated work; all resolved before
//! the campaign starts (the launch approval is the last, at [`campaign_approved_at`]).

use std::ops::Range;

use super::{admin, at, campaign_approved_at, marketer};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// One approval request.
#[derive(Debug)]
pub struct CampaignApprovalRow<'a> {
    /// Key: `campaign_id · 10 + k`.
    pub approval_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Marketer who asked.
    pub requested_by: i64,
    /// Admin who decided.
    pub approved_by: i64,
    /// content, budget, schedule or launch.
    pub approval_type: &'a str,
    /// approved or rejected.
    pub status: &'a str,
    /// Reviewer's comment.
    pub comments: &'a str,
    /// Asked.
    pub requested_at: i64,
    /// Decided (before the start date).
    pub resolved_at: i64,
}

/// Generator of `sales.campaign_approvals` (unit: campaign).
#[derive(Debug)]
pub struct CampaignApprovals;

const S: Stream = Stream::new("sales.campaign_approvals");

fn rejected_first(world: &World, campaign_id: i64) -> bool {
    S.rng(world.config.seed, campaign_id as u64).chance(0.2)
}

impl TableGen for CampaignApprovals {
    type Row<'a> = CampaignApprovalRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        4 + u64::from(rejected_first(world, unit as i64 + 1))
    }

    fn generate<F: FnMut(&CampaignApprovalRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let c = world.campaign(u as usize);
            let requested_by = marketer(world, c.id as u64);
            let approved_by = admin(world, c.id as u64);
            let mut rng = S.rng(world.config.seed, c.id as u64 ^ 0x77);
            let mut k = 0;
            let mut row = |kind: &'static str,
                           status: &'static str,
                           comments: &'static str,
                           day: i32,
                           hour: i64| {
                k += 1;
                let requested_at = at(day, hour * 3600);
                emit(&CampaignApprovalRow {
                    approval_id: c.id * 10 + k,
                    campaign_id: c.id,
                    requested_by,
                    approved_by,
                    approval_type: kind,
                    status,
                    comments,
                    requested_at,
                    resolved_at: requested_at + 3600 * (1 + hour % 5),
                });
            };
            if rejected_first(world, c.id) {
                row(
                    "content",
                    "rejected",
                    "Copy off-brand; regenerate the headline set",
                    c.start - 14,
                    9,
                );
            }
            let h = rng.between(9, 12);
            row(
                "content",
                "approved",
                "AI-generated images and copy approved",
                c.start - 12,
                h,
            );
            row(
                "budget",
                "approved",
                "Budget within the client's plan",
                c.start - 9,
                h + 1,
            );
            row(
                "schedule",
                "approved",
                "Publishing agenda confirmed",
                c.start - 6,
                h + 2,
            );
            // The launch approval: requested the day the campaign record says it was approved.
            let launch = campaign_approved_at(world, u as usize);
            k += 1;
            emit(&CampaignApprovalRow {
                approval_id: c.id * 10 + k,
                campaign_id: c.id,
                requested_by,
                approved_by,
                approval_type: "launch",
                status: "approved",
                comments: "Go-live approved",
                requested_at: launch - 2 * 3600,
                resolved_at: launch,
            });
        }
    }
}
