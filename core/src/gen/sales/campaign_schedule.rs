//! `sales.campaign_schedule`: the automated agenda (review, approval, publishing, weekly
//! reports) with reminders.

use std::ops::Range;

use super::{agent, at, marketer, DAY};
use crate::catalog::calendar::AS_OF;
use crate::gen::TableGen;
use crate::world::World;

/// Schedule ids are `campaign_id · 1000 + k`.
pub const SCHEDULE_ID_STRIDE: i64 = 1000;
/// At most this many weekly reports per campaign.
const MAX_REPORTS: i64 = 60;

/// One task.
#[derive(Debug)]
pub struct CampaignScheduleRow<'a> {
    /// Key.
    pub schedule_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// What to do.
    pub task_description: &'a str,
    /// content_review, approval, publish or report.
    pub task_type: &'a str,
    /// Due.
    pub scheduled_at: i64,
    /// completed or pending (at the as-of date).
    pub status: &'a str,
    /// Reminder sent.
    pub reminder_sent: bool,
    /// Reminder time (a day before).
    pub reminder_sent_at: Option<i64>,
    /// Done.
    pub completed_at: Option<i64>,
    /// Responsible user.
    pub assigned_to: i64,
}

/// Generator of `sales.campaign_schedule` (unit: campaign).
#[derive(Debug)]
pub struct CampaignSchedule;

fn reports(world: &World, unit: u64) -> i64 {
    let c = world.campaign(unit as usize);
    (i64::from(c.end - c.start + 1) / 7).clamp(1, MAX_REPORTS)
}

impl TableGen for CampaignSchedule {
    type Row<'a> = CampaignScheduleRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        3 + reports(world, unit) as u64
    }

    fn generate<F: FnMut(&CampaignScheduleRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let as_of_end = at(AS_OF + 1, 0);
        for u in units {
            let c = world.campaign(u as usize);
            let m = marketer(world, c.id as u64);
            let a = agent(world, c.id as u64);
            let mut k = 0;
            let mut task = |description: &'static str, kind: &'static str, due: i64, who: i64| {
                k += 1;
                let done = due < as_of_end;
                emit(&CampaignScheduleRow {
                    schedule_id: c.id * SCHEDULE_ID_STRIDE + k,
                    campaign_id: c.id,
                    task_description: description,
                    task_type: kind,
                    scheduled_at: due,
                    status: if done { "completed" } else { "pending" },
                    reminder_sent: due - DAY < as_of_end,
                    reminder_sent_at: (due - DAY < as_of_end).then_some(due - DAY),
                    completed_at: done.then_some(due + 2 * 3600),
                    assigned_to: who,
                });
            };
            task(
                "Review AI-generated content",
                "content_review",
                at(c.start - 13, 10 * 3600),
                m,
            );
            task(
                "Request launch approval",
                "approval",
                at(c.start - 3, 10 * 3600),
                m,
            );
            task(
                "Publish on every channel",
                "publish",
                at(c.start, 8 * 3600),
                m,
            );
            for w in 1..=reports(world, u) {
                task(
                    "Weekly performance report",
                    "report",
                    at(c.start + 7 * w as i32, 9 * 3600),
                    a,
                );
            }
        }
    }
}
