//! After the window (DESIGN.md §10): what a campaign still active at the as-of date does from
//! the next day to its end date. A pure function of (seed, scale, campaign) like the window's
//! plan, and independent of the instant asked for: the state at `T` is this continuation cut at
//! `T`, so the states at two instants agree on everything before the earlier one.
//!
//! - **Leads** keep arriving at the window's daily pace, spread over the remaining
//!   placement-days like the window's (market, ad, month demand, weekday), but a campaign links
//!   at most 1 000 CRM clients (DESIGN.md §4, §5.5), so it captures at most `1000 − links`
//!   more, all new to it.
//! - **Sales**: each new lead closes with the window's probability (distance, channel × market,
//!   peak month; catalog::economics) after the same lag; the window's opportunities whose sale
//!   falls in the flight close too. Sales after the end date stay opportunities, as in the window.
//! - **Spend** pays for the new leads at each channel's clicks per lead × CPC, within the
//!   budget left (so Σ cost never exceeds the budget), split over placement-days half by leads
//!   and half by weight, to the cent.
//! - **Instants**: leads and sales happen at seconds drawn from [`clock::HOUR_WEIGHTS`]; the
//!   day's counters are reported hourly ([`clock::reported`]).

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use crate::catalog::calendar::{self, AS_OF};
use crate::catalog::channels;
use crate::catalog::economics;
use crate::catalog::markets::MARKETS;
use crate::clock;
use crate::rng::{Stream, Weighted};

use super::plan::{
    distance_factor, placement_day_weights, CampaignPlan, Cell, Lead, Sale, SlotSet,
};
use super::{largest_remainder, World};

/// A lead captured after the window.
#[derive(Debug, Clone, Copy)]
pub struct NewLead {
    /// The client (never linked to the campaign before).
    pub client_id: i64,
    /// Local placement index.
    pub placement: u32,
    /// Day captured.
    pub day: i32,
    /// Instant captured.
    pub at: i64,
    /// Funnel status once everything has happened (index into `LEAD_STATUSES`; 4 = won).
    pub status: u8,
    /// Touches before any purchase (1–3).
    pub touches: u8,
    /// Instant of its sale, if it closes within the flight.
    pub sale_at: Option<i64>,
}

impl NewLead {
    /// Status at instant `t` (≥ the capture): an opportunity until its sale.
    pub fn status_at(&self, t: i64) -> u8 {
        match self.sale_at {
            Some(s) if s > t => 3,
            _ => self.status,
        }
    }

    /// Last change at or before `t`: the sale, else the capture.
    pub fn updated_at(&self, t: i64) -> i64 {
        match self.sale_at {
            Some(s) if s <= t => s,
            _ => self.at,
        }
    }
}

/// A sale after the window.
#[derive(Debug, Clone, Copy)]
pub struct TimedSale {
    /// The sale (placement, day, product, amount).
    pub sale: Sale,
    /// Its instant.
    pub at: i64,
    /// The window lead it closes (an opportunity at the as-of date), or `None` for a new lead.
    pub window_lead: Option<u32>,
}

/// A campaign's continuation after the as-of date (empty for campaigns that ended in it).
#[derive(Debug, Clone, Default)]
pub struct Continuation {
    /// First day (the day after the as-of date).
    pub first_day: i32,
    /// Days, up to the end date.
    pub days: i32,
    /// Full-day cells, `cells[p * days + d]`.
    pub cells: Vec<Cell>,
    /// New leads sorted by (day, placement, client).
    pub leads: Vec<NewLead>,
    /// Sales sorted by (instant, placement, client).
    pub sales: Vec<TimedSale>,
}

/// A campaign's row values at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CampaignState {
    /// Spent so far, cents (= Σ reported daily cost).
    pub spent_cents: i64,
    /// Still running.
    pub active: bool,
    /// Last change: the last hourly report, or the end of its last day.
    pub updated_at: i64,
}

const S_WEIGHTS: Stream = Stream::new("delta.weights");
const S_LEADS: Stream = Stream::new("delta.leads");
const S_CLIENTS: Stream = Stream::new("delta.clients");
const S_SALES: Stream = Stream::new("delta.sales");
const S_LEAD_AT: Stream = Stream::new("delta.lead_at");
const S_SALE_AT: Stream = Stream::new("delta.sale_at");

/// Most CRM clients one campaign links (DESIGN.md §4, §5.5).
pub const MAX_LINKS: u64 = 1000;

/// Days after its end date a campaign's rows can still change: a lead captured on the last day
/// gets its touches within 3 hours + 2 × 2 days ([`crate::gen`]'s `crm.interactions`).
pub const TAIL_DAYS: i64 = 5;

/// The last instant any row of campaign `c` can change (its end date's last second + the
/// interaction tail); campaigns that ended in the window never change after it.
pub fn last_change(c: &super::CampaignCore) -> i64 {
    if c.active {
        clock::day_end(c.end) + TAIL_DAYS * clock::DAY
    } else {
        clock::WINDOW_END
    }
}

impl Continuation {
    /// The full-day cell of local placement `p` on day offset `d`.
    pub fn cell(&self, p: usize, d: usize) -> &Cell {
        &self.cells[p * self.days as usize + d]
    }

    /// Continuation spend reported by instant `t`, cents.
    pub fn spent_at(&self, t: i64) -> i64 {
        let du = self.days as usize;
        if du == 0 {
            return 0;
        }
        let today = clock::day_of(t);
        let mut spent = 0;
        for (i, cell) in self.cells.iter().enumerate() {
            let day = self.first_day + (i % du) as i32;
            if day < today {
                spent += cell.cost_cents;
            } else if day == today {
                spent += clock::reported(cell.cost_cents, clock::hour_ticks(day, t));
            }
        }
        spent
    }
}

impl World {
    /// Instant a lead of campaign `campaign_id` was captured on `day`.
    pub fn lead_captured_at(&self, campaign_id: i64, client_id: i64, day: i32) -> i64 {
        let mut rng = S_LEAD_AT.rng(
            self.config.seed,
            (campaign_id as u64) << 32 | client_id as u64,
        );
        clock::instant_in_day(&mut rng, day)
    }

    /// Instant of a sale on `day` to a client captured at `captured_at` (never before it).
    pub fn sale_at(&self, campaign_id: i64, client_id: i64, day: i32, captured_at: i64) -> i64 {
        let mut rng = S_SALE_AT.rng(
            self.config.seed,
            (campaign_id as u64) << 32 | client_id as u64,
        );
        let t = clock::instant_in_day(&mut rng, day);
        if t < captured_at {
            (captured_at + 60).min(clock::day_end(day))
        } else {
            t
        }
    }

    /// Instant of a window sale (its lead's capture day is in the sale).
    pub fn window_sale_at(&self, campaign_id: i64, sale: &Sale) -> i64 {
        let captured = self.lead_captured_at(campaign_id, sale.client_id, sale.lead_day);
        self.sale_at(campaign_id, sale.client_id, sale.day, captured)
    }

    /// Last change of a window lead at the window end: its sale, else its capture.
    pub fn window_lead_updated_at(&self, campaign_id: i64, lead: &Lead) -> i64 {
        let captured = self.lead_captured_at(campaign_id, lead.client_id, lead.day);
        match lead.sold_on {
            Some(day) => self.sale_at(campaign_id, lead.client_id, day, captured),
            None => captured,
        }
    }

    /// The campaign row's values at this world's clock. Cheap for the window and for campaigns
    /// that ended in it; otherwise computes the plan and its continuation.
    pub fn campaign_state(&self, index: usize) -> CampaignState {
        let c = &self.campaigns[index];
        if !c.active || !self.after_window() {
            return CampaignState {
                spent_cents: c.spend_cents,
                active: c.active,
                updated_at: clock::day_end(c.last_run_day()),
            };
        }
        let plan = self.plan(index);
        let cont = self.continuation(&plan);
        let t = self.clock;
        let last_tick = (t + 1) / 3600 * 3600 - 1;
        CampaignState {
            spent_cents: c.spend_cents + cont.spent_at(t),
            active: t < clock::day_end(c.end),
            updated_at: last_tick.min(clock::day_end(c.end)),
        }
    }

    /// The continuation of campaign `plan.index` after the as-of date (empty for campaigns
    /// that ended in the window).
    pub fn continuation(&self, plan: &CampaignPlan) -> Continuation {
        let c = &self.campaigns[plan.index];
        let first_day = AS_OF + 1;
        let days = if c.active { c.end - AS_OF } else { 0 };
        if days <= 0 {
            return Continuation {
                first_day,
                ..Continuation::default()
            };
        }
        let seed = self.config.seed;
        let key = c.id as u64;
        let du = days as usize;
        let placements = &plan.placements;
        let np = placements.len();

        // Weights per placement-day, as in the window (market size, ad, month demand, weekday).
        let mut rng = S_WEIGHTS.rng(seed, key);
        let demand: Vec<f64> = (0..days)
            .map(|d| super::demand(self, calendar::month_of(first_day + d)))
            .collect();
        let weights = placement_day_weights(c, placements, first_day, &demand, &mut rng);
        let by_channel: Vec<Vec<usize>> = c
            .channels
            .iter()
            .map(|&ch| (0..np).filter(|&p| placements[p].channel == ch).collect())
            .collect();

        // How many more leads: the window's daily pace over the remaining days, within the
        // campaign's 1 000-client audience; split over channels like the window's leads.
        let cap = MAX_LINKS
            .min(self.counts.clients)
            .saturating_sub(u64::from(c.links));
        let pace = f64::from(c.links) * f64::from(days) / f64::from(c.run_days().max(1));
        let extra = (pace.round() as u64).min(cap);
        let shares: Vec<f64> = c.channel_leads.iter().map(|&n| f64::from(n)).collect();
        let per_channel = largest_remainder(extra, &shares);

        let mut taken: SlotSet =
            HashSet::with_capacity_and_hasher(plan.leads.len() * 2, BuildHasherDefault::default());
        for l in &plan.leads {
            taken.insert(self.slots.slot_of(l.client_id));
        }
        let clients = self.pick_more_clients(c, extra as usize, taken, S_CLIENTS.rng(seed, key));
        let mut next_client = clients.iter();
        let mut lrng = S_LEADS.rng(seed, key);
        let mut raw: Vec<(i64, u8, u32, i32)> = Vec::with_capacity(clients.len());
        let mut cum: Vec<f64> = Vec::new();
        for (ci, pls) in by_channel.iter().enumerate() {
            cum.clear();
            let mut acc = 0f64;
            for &p in pls {
                for d in 0..du {
                    acc += weights[p * du + d];
                    cum.push(acc);
                }
            }
            if cum.is_empty() {
                continue;
            }
            for _ in 0..per_channel[ci] {
                let Some(&(client_id, home)) = next_client.next() else {
                    break;
                };
                let x = lrng.unit() * acc;
                let k = cum.partition_point(|&v| v <= x).min(cum.len() - 1);
                raw.push((
                    client_id,
                    home,
                    pls[k / du] as u32,
                    first_day + (k % du) as i32,
                ));
            }
        }
        raw.sort_unstable_by_key(|r| (r.3, r.2, r.0));

        // Outcomes, with the window's probabilities and lag.
        let open_stages = Weighted::new(crate::catalog::vocab::OPEN_STAGE_WEIGHTS);
        let n_products = Self::brand_product_count(seed, c.brand_id);
        let base = economics::SALE_PER_LEAD_AT_CITY / c.quality;
        let mut leads = Vec::with_capacity(raw.len());
        let mut sales = Vec::new();
        for (i, &(client_id, home, placement, day)) in raw.iter().enumerate() {
            let mut srng = S_SALES.rng(seed, key << 12 | i as u64);
            let pl = &placements[placement as usize];
            let ch = channels::channel(pl.channel as usize);
            let market = &MARKETS[pl.market as usize];
            let peak = if self.config.is_peak(calendar::month_of(day)) {
                economics::PEAK_SALE_LIFT
            } else {
                1.0
            };
            let p_win = (base
                * distance_factor(home as usize, pl.market as usize)
                * economics::channel_market_lift(ch.kind, market.country_code)
                * peak)
                .min(economics::MAX_SALE_PER_LEAD);
            let lag = super::plan::sale_lag(&mut srng);
            let won = srng.chance(p_win);
            let touches = 1 + srng.index(3) as u8;
            let at = self.lead_captured_at(c.id, client_id, day);
            let lead = Lead {
                client_id,
                placement,
                day,
                status: 0,
                interactions: touches,
                sold_on: None,
            };
            let (status, sale_at) = if won && day + lag <= c.end {
                let sale = self.draw_sale(c.brand_id, n_products, &mut srng, &lead, day + lag);
                let s_at = self.sale_at(c.id, client_id, sale.day, at);
                sales.push(TimedSale {
                    sale,
                    at: s_at,
                    window_lead: None,
                });
                (4, Some(s_at))
            } else if won {
                (3, None)
            } else {
                (open_stages.sample(&mut srng) as u8, None)
            };
            leads.push(NewLead {
                client_id,
                placement,
                day,
                at,
                status,
                touches,
                sale_at,
            });
        }
        for cl in &plan.closing {
            let lead = &plan.leads[cl.lead as usize];
            let captured = self.lead_captured_at(c.id, lead.client_id, lead.day);
            sales.push(TimedSale {
                sale: cl.sale,
                at: self.sale_at(c.id, lead.client_id, cl.sale.day, captured),
                window_lead: Some(cl.lead),
            });
        }
        sales.sort_unstable_by_key(|s| (s.at, s.sale.placement, s.sale.client_id));

        let mut cells = vec![Cell::default(); np * du];
        for l in &leads {
            cells[l.placement as usize * du + (l.day - first_day) as usize].leads += 1;
        }
        for s in &sales {
            let cell =
                &mut cells[s.sale.placement as usize * du + (s.sale.day - first_day) as usize];
            cell.conversions += 1;
            cell.revenue_cents += s.sale.amount_cents;
        }

        // Spend: each channel's new leads × clicks per lead × CPC, scaled down to the budget
        // left if need be, split half by leads and half by weight with cumulative rounding.
        let want: Vec<i64> = c
            .channels
            .iter()
            .zip(&per_channel)
            .map(|(&ch, &n)| (n as f64 * c.clicks_per_lead(ch) * c.cpc_cents(ch)).round() as i64)
            .collect();
        let left = (c.budget_cents - c.spend_cents).max(0);
        let total: i64 = want.iter().sum();
        let spend: Vec<i64> = if total > left {
            want.iter()
                .map(|&w| (i128::from(w) * i128::from(left) / i128::from(total)) as i64)
                .collect()
        } else {
            want
        };
        for (ci, pls) in by_channel.iter().enumerate() {
            let n_leads = (per_channel[ci] as f64).max(1.0);
            let idx: Vec<usize> = pls.iter().flat_map(|&p| p * du..(p + 1) * du).collect();
            let total_w: f64 = idx
                .iter()
                .map(|&i| weights[i])
                .sum::<f64>()
                .max(f64::MIN_POSITIVE);
            let shares: Vec<f64> = idx
                .iter()
                .map(|&i| 0.5 * f64::from(cells[i].leads) / n_leads + 0.5 * weights[i] / total_w)
                .collect();
            let sum = shares.iter().sum::<f64>().max(f64::MIN_POSITIVE);
            let (mut acc, mut prev) = (0f64, 0i64);
            for (k, (&i, &sh)) in idx.iter().zip(&shares).enumerate() {
                acc += sh;
                let boundary = if k + 1 == idx.len() {
                    spend[ci]
                } else {
                    ((spend[ci] as f64 * acc / sum).round() as i64).clamp(prev, spend[ci])
                };
                cells[i].cost_cents = boundary - prev;
                prev = boundary;
            }
        }

        Continuation {
            first_day,
            days,
            cells,
            leads,
            sales,
        }
    }
}
