//! `ads.campaigns`: the campaigns (ids shared by every store).

use std::fmt::Write;
use std::ops::Range;

use crate::catalog::calendar;
use crate::catalog::markets::MARKETS;
use crate::catalog::vocab::{EVERGREEN_THEMES, INDUSTRIES, MONTH_THEMES, OBJECTIVES};
use crate::gen::ads::brands::brand_name;
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// One campaign.
#[derive(Debug)]
pub struct CampaignRow<'a> {
    /// Key, shared by ads, crm, content and sales.
    pub campaign_id: i64,
    /// Advertiser.
    pub brand_id: i64,
    /// Name: brand · theme year.
    pub name: &'a str,
    /// awareness, traffic, engagement, leads or sales.
    pub objective: &'a str,
    /// active or completed (at the world's clock).
    pub status: &'a str,
    /// First day.
    pub start_date: i32,
    /// Planned last day.
    pub end_date: i32,
    /// Budget, cents → DECIMAL(18,2) USD.
    pub budget: i64,
    /// Spent up to the world's clock (= the sum of its daily results' cost).
    pub spent: i64,
    /// Currency of budget and spend.
    pub currency: &'a str,
    /// Audience description.
    pub target_audience: &'a str,
    /// Last change (UTC): the last hourly spend report, or the end of its last day.
    pub updated_at: i64,
}

/// Generator of `ads.campaigns` (unit: campaign).
#[derive(Debug)]
pub struct Campaigns;

const S_TEXT: Stream = Stream::new("ads.campaigns.text");
const AGE_BANDS: [&str; 6] = ["18-24", "25-34", "25-44", "35-54", "45-64", "18-65"];
const GENDERS: [&str; 3] = ["Mujeres", "Hombres", "Adultos"];

/// Writes a campaign's display name into `out`.
pub fn campaign_name(world: &World, index: usize, out: &mut String) {
    let c = world.campaign(index);
    let mut rng = S_TEXT.rng(world.config.seed, c.id as u64);
    brand_name(world, c.brand_id, out);
    let month = calendar::month_of(c.start);
    let theme = if rng.chance(0.65) {
        let t = MONTH_THEMES[month as usize - 1];
        t[rng.index(t.len())]
    } else {
        EVERGREEN_THEMES[rng.index(EVERGREEN_THEMES.len())]
    };
    let year = calendar::date(c.start).format("%Y");
    let _ = write!(out, " · {theme} {year}");
}

impl TableGen for Campaigns {
    type Row<'a> = CampaignRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&CampaignRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let (mut name, mut audience) = (String::new(), String::new());
        for u in units {
            let c = world.campaign(u as usize);
            campaign_name(world, u as usize, &mut name);
            let mut rng = S_TEXT.rng(world.config.seed, c.id as u64 ^ 0xa0d1);
            audience.clear();
            let _ = write!(
                audience,
                "{} {}",
                GENDERS[rng.index(3)],
                AGE_BANDS[rng.index(AGE_BANDS.len())]
            );
            for (i, &m) in c.markets.iter().enumerate() {
                audience.push_str(if i == 0 { " · " } else { ", " });
                audience.push_str(MARKETS[m as usize].city);
            }
            let _ = write!(audience, " · interés: {}", INDUSTRIES[c.industry].interest);
            let state = world.campaign_state(u as usize);
            emit(&CampaignRow {
                campaign_id: c.id,
                brand_id: c.brand_id,
                name: &name,
                objective: OBJECTIVES[c.objective].0,
                status: if state.active { "active" } else { "completed" },
                start_date: c.start,
                end_date: c.end,
                budget: c.budget_cents,
                spent: state.spent_cents,
                currency: "USD",
                target_audience: &audience,
                updated_at: state.updated_at,
            });
        }
    }
}
