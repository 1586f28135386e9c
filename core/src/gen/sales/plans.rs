//! `sales.plans`: subscription tiers per sub-company plus bundles, monthly and annual.

use std::ops::Range;

use super::at;
use crate::catalog::calendar::WINDOW_START;
use crate::gen::TableGen;
use crate::world::World;

/// Base plans: (name, subsystem, monthly price in cents, trial days, max users).
pub const BASE_PLANS: [(&str, &str, i64, i32, Option<i64>); 11] = [
    ("Content Starter", "content", 4_900, 14, Some(3)),
    ("Content Pro", "content", 14_900, 14, Some(10)),
    ("Content Enterprise", "content", 49_900, 0, None),
    ("Ads Starter", "ads", 5_900, 14, Some(3)),
    ("Ads Pro", "ads", 17_900, 14, Some(10)),
    ("Ads Enterprise", "ads", 59_900, 0, None),
    ("CRM Starter", "crm", 3_900, 14, Some(5)),
    ("CRM Pro", "crm", 12_900, 14, Some(20)),
    ("CRM Enterprise", "crm", 44_900, 0, None),
    ("Bundle Growth", "all", 39_900, 7, Some(25)),
    ("Bundle Scale", "all", 99_900, 0, None),
];

/// Plan count: every base plan, monthly and annual.
pub const PLAN_COUNT: u64 = BASE_PLANS.len() as u64 * 2;

/// Annual plans cost ten months.
pub const ANNUAL_MONTHS: i64 = 10;

/// Plan `plan_id` (1-based): (base index, annual, price in cents).
pub fn plan(plan_id: i64) -> (usize, bool, i64) {
    let i = (plan_id - 1) as usize;
    let base = i / 2;
    let annual = i % 2 == 1;
    let monthly = BASE_PLANS[base].2;
    (
        base,
        annual,
        if annual {
            monthly * ANNUAL_MONTHS
        } else {
            monthly
        },
    )
}

/// One plan.
#[derive(Debug)]
pub struct PlanRow<'a> {
    /// Key.
    pub plan_id: i64,
    /// Unique name.
    pub name: &'a str,
    /// Description.
    pub description: &'a str,
    /// content, ads, crm or all.
    pub subsystem: &'a str,
    /// monthly or annual.
    pub billing_cycle: &'a str,
    /// Price per cycle, cents → DECIMAL(18,2).
    pub price: i64,
    /// Currency.
    pub currency: &'a str,
    /// Sold now.
    pub is_active: bool,
    /// Free trial days.
    pub trial_days: i32,
    /// Seats (none = unlimited).
    pub max_users: Option<i64>,
    /// Created.
    pub created_at: i64,
}

/// Generator of `sales.plans` (unit: catalog row).
#[derive(Debug)]
pub struct Plans;

impl TableGen for Plans {
    type Row<'a> = PlanRow<'a>;

    fn units(_: &World) -> u64 {
        PLAN_COUNT
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&PlanRow<'_>)>(_: &World, units: Range<u64>, mut emit: F) {
        let (mut name, mut description) = (String::new(), String::new());
        for u in units {
            let plan_id = u as i64 + 1;
            let (base, annual, price) = plan(plan_id);
            let (base_name, subsystem, _, trial_days, max_users) = BASE_PLANS[base];
            name.clear();
            name.push_str(base_name);
            name.push_str(if annual { " (annual)" } else { " (monthly)" });
            description.clear();
            description.push_str(match subsystem {
                "all" => "Bundle: PromptContent, PromptAds and PromptCrm in one subscription",
                "content" => "PromptContent: AI-generated images, copy and video",
                "ads" => "PromptAds: campaign design, publishing and measurement",
                _ => "PromptCrm: leads, funnels and AI sales agents",
            });
            emit(&PlanRow {
                plan_id,
                name: &name,
                description: &description,
                subsystem,
                billing_cycle: if annual { "annual" } else { "monthly" },
                price,
                currency: "USD",
                is_active: true,
                trial_days,
                max_users,
                created_at: at(WINDOW_START - 365, 0),
            });
        }
    }
}
