//! One campaign's plan: spend per placement-day, the leads it captures (with their clients),
//! the sales they turn into, the interactions and the sentiment incidents. A pure function of
//! (seed, scale, campaign), recomputed by every table that needs it.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::catalog::calendar::{self, AS_OF};
use crate::catalog::channels::{self, LIKE_SHARE_COMMENT};
use crate::catalog::economics;
use crate::catalog::markets::MARKETS;
use crate::catalog::sentiment;
use crate::rng::{RowRng, Stream, Weighted};
use rand_distr::{Distribution, Exp};

use super::{CampaignCore, World, MARKET_BIAS};

/// A placement: one ad on one channel in one market.
#[derive(Debug, Clone, Copy)]
pub struct PlacementInfo {
    /// `placement_id`.
    pub placement_id: i64,
    /// Index of the ad within the campaign (0-based).
    pub ad_index: u8,
    /// `ad_id`.
    pub ad_id: i64,
    /// Channel catalog index.
    pub channel: u8,
    /// Market catalog index.
    pub market: u8,
    /// Influencer, on influencer channels only.
    pub influencer_id: Option<i64>,
}

/// What one placement-day spent and brought in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cell {
    /// Cost in cents.
    pub cost_cents: i64,
    /// CRM links captured that day.
    pub leads: u32,
    /// CRM sales that day.
    pub conversions: u32,
    /// Sum of those sales, cents.
    pub revenue_cents: i64,
}

/// A lead: one client linked to the campaign.
#[derive(Debug, Clone, Copy)]
pub struct Lead {
    /// The client.
    pub client_id: i64,
    /// Local placement index.
    pub placement: u32,
    /// Day captured.
    pub day: i32,
    /// Index into [`crate::catalog::vocab::LEAD_STATUSES`].
    pub status: u8,
    /// Interactions recorded for this lead.
    pub interactions: u8,
    /// Day of the sale, for won leads.
    pub sold_on: Option<i32>,
}

/// A sale, attributed to the placement and day it closed.
#[derive(Debug, Clone, Copy)]
pub struct Sale {
    /// The client (always linked to the campaign).
    pub client_id: i64,
    /// Local placement index.
    pub placement: u32,
    /// Day sold.
    pub day: i32,
    /// `product_id`.
    pub product_id: i64,
    /// Units.
    pub quantity: i64,
    /// Unit price, cents.
    pub unit_price_cents: i64,
    /// Discount percent.
    pub discount_pct: i64,
    /// quantity × unit price × (1 − discount), cents.
    pub amount_cents: i64,
    /// Day the client was captured as a lead (the sale's instant is never before the lead's).
    pub lead_day: i32,
}

/// A won lead of an active campaign whose sale falls after the as-of date but within the
/// campaign's flight: an opportunity in the window, a sale in the continuation.
#[derive(Debug, Clone, Copy)]
pub struct Closing {
    /// Index into [`CampaignPlan::leads`].
    pub lead: u32,
    /// The sale it becomes (day after the as-of date).
    pub sale: Sale,
}

/// A negative-sentiment incident on one ad and channel (ground truth).
#[derive(Debug, Clone, Copy)]
pub struct Incident {
    /// Ad index within the campaign.
    pub ad_index: u8,
    /// Channel catalog index.
    pub channel: u8,
    /// Index into [`NEGATIVE_CATEGORIES`].
    pub category: usize,
    /// First day of the incident.
    pub started_on: i32,
    /// Drop in reactions per impression from that day, percent.
    pub drop_pct: i64,
}

/// The results of one placement-day.
#[derive(Debug, Clone, Copy, Default)]
pub struct Daily {
    /// Impressions (sends for email/SMS).
    pub impressions: i64,
    /// Unique people reached.
    pub reach: i64,
    /// Views (video views, opens).
    pub views: i64,
    /// Likes.
    pub likes: i64,
    /// Comments.
    pub comments: i64,
    /// Shares.
    pub shares: i64,
    /// Clicks.
    pub clicks: i64,
    /// Exposure in hundredths of an hour.
    pub exposure_centihours: i64,
}

/// Mentions of one placement-day by sentiment.
#[derive(Debug, Clone, Copy)]
pub struct SentimentDay {
    /// Positive, neutral, negative mentions.
    pub mentions: [i64; 3],
    /// Negative category index.
    pub negative_category: usize,
}

/// A campaign's full plan.
#[derive(Debug, Clone)]
pub struct CampaignPlan {
    /// Campaign index (id − 1).
    pub index: usize,
    /// First day with results.
    pub first_day: i32,
    /// Days with results.
    pub days: i32,
    /// Placements in id order.
    pub placements: Vec<PlacementInfo>,
    /// `cells[p * days + d]`.
    pub cells: Vec<Cell>,
    /// Leads sorted by (day, placement, client).
    pub leads: Vec<Lead>,
    /// Sales sorted by (day, placement, client).
    pub sales: Vec<Sale>,
    /// Opportunities that close after the as-of date (active campaigns only), by lead index.
    pub closing: Vec<Closing>,
    /// Incidents, at most one per ad.
    pub incidents: Vec<Incident>,
    /// Multiplier on the base negative share (industry and brand variation).
    pub negative_bias: f64,
}

const S_PLAN: Stream = Stream::new("plan.weights");
const S_LEADS: Stream = Stream::new("plan.leads");
const S_CLIENTS: Stream = Stream::new("plan.clients");
const S_SALES: Stream = Stream::new("plan.sales");
const S_INCIDENTS: Stream = Stream::new("plan.incidents");
const S_PLACEMENT: Stream = Stream::new("ads.placements");
const S_DAILY: Stream = Stream::new("ads.daily_results");
const S_SENTIMENT: Stream = Stream::new("ads.sentiment_daily");

/// Smallest spend per placement-day, cents, of a channel that can host a sentiment incident
/// (assumption: below ~$15/day an ad has too little reach for a visible backlash).
const INCIDENT_MIN_DAILY_SPEND_CENTS: f64 = 1_500.0;

/// Days from lead to sale: exponential with a mean of 4 days (assumption; DOMAIN.md §5 gives
/// 14–30-day cycles for SMB B2B, B2C closes faster).
static SALE_LAG: std::sync::LazyLock<Exp<f64>> = std::sync::LazyLock::new(|| {
    Exp::new(0.25).unwrap_or_else(|_| unreachable!("0.25 is a valid rate"))
});

/// Days from a lead to its sale, drawn from [`SALE_LAG`].
pub(crate) fn sale_lag(rng: &mut RowRng) -> i32 {
    SALE_LAG.sample(rng) as i32
}

/// Sale-probability multiplier for a client living in market `home` of a lead on a placement
/// in market `market` (city-to-city distance, `economics::distance_factor`).
pub(crate) fn distance_factor(home: usize, market: usize) -> f64 {
    static TABLE: std::sync::LazyLock<Vec<f64>> = std::sync::LazyLock::new(|| {
        let n = MARKETS.len();
        let mut t = Vec::with_capacity(n * n);
        for a in &MARKETS {
            for b in &MARKETS {
                t.push(economics::distance_factor(economics::distance_km(
                    a.latitude,
                    a.longitude,
                    b.latitude,
                    b.longitude,
                )));
            }
        }
        t
    });
    TABLE[home * MARKETS.len() + market]
}

/// Demand multiplier of a calendar month: US index × Costa Rica overlay (DOMAIN.md §3) × 1.3
/// in configured peak months (campaigns are timed to them; assumption).
pub fn demand(world: &World, month: u32) -> f64 {
    let peak = if world.config.is_peak(month) {
        1.3
    } else {
        1.0
    };
    calendar::US_MONTH_INDEX[month as usize - 1] * calendar::costa_rica_overlay(month) * peak
}

/// Weight of each placement-day, placement-major (`p * days + d`): the market's size, the ad,
/// the day's factor (`day_factor[d]`, demand and any ramp) and weekday vs weekend, each jittered.
/// The window's plan and its continuation after the as-of date both spread leads with it, from
/// their own streams; the draws are market shares, ad shares, then one jitter per placement-day.
pub(super) fn placement_day_weights(
    c: &CampaignCore,
    placements: &[PlacementInfo],
    first_day: i32,
    day_factor: &[f64],
    rng: &mut RowRng,
) -> Vec<f64> {
    let market_share: Vec<f64> = c
        .markets
        .iter()
        .map(|&m| f64::from(MARKETS[m as usize].client_weight).sqrt() * rng.jitter(0.3))
        .collect();
    let ad_share: Vec<f64> = (0..c.ads).map(|_| rng.uniform(0.6, 1.4)).collect();
    let du = day_factor.len();
    let mut weights = vec![0f64; placements.len() * du];
    for (p, pl) in placements.iter().enumerate() {
        let mi = c.markets.iter().position(|&x| x == pl.market).unwrap_or(0);
        let base = market_share[mi] * ad_share[pl.ad_index as usize];
        let weekend_factor = if channels::channel(pl.channel as usize).kind == "professional" {
            0.6
        } else {
            1.1
        };
        for (d, factor) in day_factor.iter().enumerate() {
            let weekday = (first_day + d as i32 + 3).rem_euclid(7); // 0 = Monday
            let wk = if weekday >= 5 { weekend_factor } else { 1.0 };
            weights[p * du + d] = base * factor * wk * rng.jitter(0.25);
        }
    }
    weights
}

impl World {
    /// The plan of campaign `index` (0-based).
    pub fn plan(&self, index: usize) -> CampaignPlan {
        let c = &self.campaigns[index];
        let seed = self.config.seed;
        let key = c.id as u64;
        let days = c.run_days();
        let first_day = c.start;

        let placements = self.placements_of(index);

        // Lead weights per placement-day: market size, ad, demand of the day, weekday.
        let mut rng = S_PLAN.rng(seed, key);
        let day_factor: Vec<f64> = (0..days)
            .map(|d| {
                let day = first_day + d;
                let ramp = if d < 3 {
                    0.6 + 0.13 * f64::from(d)
                } else {
                    1.0
                };
                demand(self, calendar::month_of(day)) * ramp
            })
            .collect();
        let np = placements.len();
        let du = days as usize;
        let weights = placement_day_weights(c, &placements, first_day, &day_factor, &mut rng);
        // Placements of each of the campaign's channels (placements are ad-major, so a
        // channel's placements are not contiguous).
        let by_channel: Vec<Vec<usize>> = c
            .channels
            .iter()
            .map(|&ch| (0..np).filter(|&p| placements[p].channel == ch).collect())
            .collect();

        // Leads: each channel captures its fixed count (`CampaignCore::channel_leads`), spread
        // over its placement-days by the weights, so peak months capture more.
        let mut lrng = S_LEADS.rng(seed, key);
        let clients = self.pick_clients(c, S_CLIENTS.rng(seed, key));
        let mut leads: Vec<Lead> = Vec::with_capacity(clients.len());
        let mut homes: Vec<(i64, u8)> = Vec::with_capacity(clients.len());
        let mut next_client = clients.iter();
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
            for _ in 0..c.channel_leads[ci] {
                let Some(&(client_id, home)) = next_client.next() else {
                    break;
                };
                let x = lrng.unit() * acc;
                let k = cum.partition_point(|&v| v <= x).min(cum.len() - 1);
                leads.push(Lead {
                    client_id,
                    placement: pls[k / du] as u32,
                    day: first_day + (k % du) as i32,
                    status: 0,
                    interactions: 1,
                    sold_on: None,
                });
                homes.push((client_id, home));
            }
        }
        homes.sort_unstable_by_key(|h| h.0);
        leads.sort_unstable_by_key(|l| (l.day, l.placement, l.client_id));

        // Sales: each lead may close after a few days, with the campaign's base rate (1/q)
        // lifted by the client's distance from the placement's city, the channel in that
        // market and peak months (catalog::economics); a close that would fall after the last
        // run day stays an open opportunity.
        let last = c.last_run_day();
        let open_stages = Weighted::new(crate::catalog::vocab::OPEN_STAGE_WEIGHTS);
        let n_products = Self::brand_product_count(seed, c.brand_id);
        let base = economics::SALE_PER_LEAD_AT_CITY / c.quality;
        let mut sales = Vec::new();
        let mut closing = Vec::new();
        for (i, lead) in leads.iter_mut().enumerate() {
            let mut srng = S_SALES.rng(seed, key << 12 | i as u64);
            let pl = &placements[lead.placement as usize];
            let ch = channels::channel(pl.channel as usize);
            let market = &MARKETS[pl.market as usize];
            let home = homes
                .binary_search_by_key(&lead.client_id, |h| h.0)
                .map_or(pl.market, |j| homes[j].1);
            let peak = if self.config.is_peak(calendar::month_of(lead.day)) {
                economics::PEAK_SALE_LIFT
            } else {
                1.0
            };
            let p_win = (base
                * distance_factor(home as usize, pl.market as usize)
                * economics::channel_market_lift(ch.kind, market.country_code)
                * peak)
                .min(economics::MAX_SALE_PER_LEAD);
            let lag = sale_lag(&mut srng);
            let won = srng.chance(p_win);
            lead.interactions = 1 + srng.index(3) as u8;
            if won && lead.day + lag <= last {
                let sale = self.draw_sale(c.brand_id, n_products, &mut srng, lead, lead.day + lag);
                lead.status = 4;
                lead.sold_on = Some(sale.day);
                lead.interactions += 1;
                sales.push(sale);
            } else if won {
                lead.status = 3; // would close after the as-of date: still an opportunity
                                 // The sale itself, drawn from the lead's own stream after every window draw
                                 // (so the window is unchanged), happens in the continuation when the campaign
                                 // is still running on that day (DESIGN.md §10).
                if c.active && lead.day + lag <= c.end {
                    let sale =
                        self.draw_sale(c.brand_id, n_products, &mut srng, lead, lead.day + lag);
                    closing.push(Closing {
                        lead: i as u32,
                        sale,
                    });
                }
            } else {
                lead.status = open_stages.sample(&mut srng) as u8;
            }
        }
        sales.sort_unstable_by_key(|s| (s.day, s.placement, s.client_id));

        let mut cells = vec![Cell::default(); np * du];
        for l in &leads {
            cells[l.placement as usize * du + (l.day - first_day) as usize].leads += 1;
        }
        for s in &sales {
            let cell = &mut cells[s.placement as usize * du + (s.day - first_day) as usize];
            cell.conversions += 1;
            cell.revenue_cents += s.amount_cents;
        }

        // Cost: each channel's spend (its leads × clicks per lead × CPC) split over its
        // placement-days half by the leads each captured, half by its weight (clicks that did
        // not convert that day), with cumulative rounding so the cells sum to the channel's
        // spend to the cent.
        for (ci, pls) in by_channel.iter().enumerate() {
            let spend = c.channel_spend_cents(ci);
            let n_leads = f64::from(c.channel_leads[ci]).max(1.0);
            let total_w: f64 = pls
                .iter()
                .flat_map(|&p| weights[p * du..(p + 1) * du].iter())
                .sum::<f64>()
                .max(f64::MIN_POSITIVE);
            let idx: Vec<usize> = pls.iter().flat_map(|&p| p * du..(p + 1) * du).collect();
            let shares: Vec<f64> = idx
                .iter()
                .map(|&i| 0.5 * f64::from(cells[i].leads) / n_leads + 0.5 * weights[i] / total_w)
                .collect();
            let total = shares.iter().sum::<f64>().max(f64::MIN_POSITIVE);
            let (mut acc, mut prev) = (0f64, 0i64);
            for (k, (&i, &sh)) in idx.iter().zip(&shares).enumerate() {
                acc += sh;
                let boundary = if k + 1 == idx.len() {
                    spend
                } else {
                    ((spend as f64 * acc / total).round() as i64).clamp(prev, spend)
                };
                cells[i].cost_cents = boundary - prev;
                prev = boundary;
            }
        }

        // Incidents: a share of the ads on listened channels, with a week of results either side.
        let mut irng = S_INCIDENTS.rng(seed, key);
        // Only channels with an audience can host a backlash that listening tools see: at
        // least INCIDENT_MIN_DAILY_SPEND_CENTS per placement-day (assumption); the channel is
        // drawn by its spend (reach).
        let per_channel_cells = f64::from(c.ads) * c.markets.len() as f64 * f64::from(days);
        let listened: Vec<(u8, f64)> = c
            .channels
            .iter()
            .enumerate()
            .filter(|&(_, &ch)| channels::channel(ch as usize).has_sentiment)
            .map(|(i, &ch)| (ch, c.channel_spend_cents(i) as f64))
            .filter(|&(_, spend)| spend / per_channel_cells >= INCIDENT_MIN_DAILY_SPEND_CENTS)
            .collect();
        let negative_bias = irng.uniform(0.6, 2.0);
        let category_table = sentiment::negative_category_table();
        let mut incidents = Vec::new();
        for a in 0..c.ads {
            let hit = irng.chance(sentiment::INCIDENT_SHARE);
            if hit && !listened.is_empty() && days >= sentiment::INCIDENT_MIN_RUN_DAYS {
                let x = irng.unit() * listened.iter().map(|l| l.1).sum::<f64>();
                let mut acc = 0.0;
                let k = listened
                    .iter()
                    .position(|l| {
                        acc += l.1;
                        x < acc
                    })
                    .unwrap_or(listened.len() - 1);
                let channel = listened[k].0;
                let started_on = first_day + irng.between(7, i64::from(days) - 8) as i32;
                let category = category_table.sample(&mut irng);
                let (lo, hi) = sentiment::INCIDENT_DROP_PCT;
                incidents.push(Incident {
                    ad_index: a,
                    channel,
                    category,
                    started_on,
                    drop_pct: irng.between(lo, hi),
                });
            }
        }

        CampaignPlan {
            index,
            first_day,
            days,
            placements,
            cells,
            leads,
            sales,
            closing,
            incidents,
            negative_bias,
        }
    }

    /// A sale of one of the brand's products on `day`: product, quantity and discount drawn
    /// from the lead's stream in this order.
    pub(crate) fn draw_sale(
        &self,
        brand_id: i64,
        n_products: u64,
        srng: &mut RowRng,
        lead: &Lead,
        day: i32,
    ) -> Sale {
        let (product_id, _, unit_price_cents) =
            self.product(brand_id, srng.index(n_products as usize) as u64);
        let quantity = 1 + srng.pick_cumulative(&[80, 95, 100]) as i64;
        let discount_pct = [0, 0, 0, 0, 0, 0, 10, 15, 20, 30][srng.index(10)];
        let amount_cents = (unit_price_cents * quantity * (100 - discount_pct) + 50) / 100;
        Sale {
            client_id: lead.client_id,
            placement: lead.placement,
            day,
            product_id,
            quantity,
            unit_price_cents,
            discount_pct,
            amount_cents,
            lead_day: lead.day,
        }
    }

    /// The placements of campaign `index`: ad-major, then channel, then market.
    pub fn placements_of(&self, index: usize) -> Vec<PlacementInfo> {
        let c = &self.campaigns[index];
        let seed = self.config.seed;
        let mut placements = Vec::with_capacity(c.placements() as usize);
        let mut pid = self.placement_offsets[index] as i64;
        for a in 0..c.ads {
            for &ch in &c.channels {
                for &mk in &c.markets {
                    pid += 1;
                    let channel = channels::channel(ch as usize);
                    let influencer_id = (channel.kind == "influencer").then(|| {
                        let half = (self.counts.influencers / 2).max(1);
                        let j = S_PLACEMENT.hash(seed, pid as u64) % half;
                        let parity = if channel.platform == "tiktok" { 2 } else { 1 };
                        (2 * j + parity) as i64
                    });
                    placements.push(PlacementInfo {
                        placement_id: pid,
                        ad_index: a,
                        ad_id: (self.ad_offsets[index] + u64::from(a) + 1) as i64,
                        channel: ch,
                        market: mk,
                        influencer_id,
                    });
                }
            }
        }
        placements
    }

    /// `links` distinct clients with their home market: most from the campaign's markets
    /// (weighted by size), the rest from anywhere.
    fn pick_clients(&self, c: &CampaignCore, rng: RowRng) -> Vec<(i64, u8)> {
        let want = (c.links as u64).min(self.counts.clients) as usize;
        let taken = HashSet::with_capacity_and_hasher(want * 2, BuildHasherDefault::default());
        self.pick_more_clients(c, want, taken, rng)
    }

    /// `want` more distinct clients with their home market, none of them in `taken` (slots).
    pub(crate) fn pick_more_clients(
        &self,
        c: &CampaignCore,
        want: usize,
        mut taken: SlotSet,
        mut rng: RowRng,
    ) -> Vec<(i64, u8)> {
        let n = self.counts.clients;
        let want = want.min((n as usize).saturating_sub(taken.len()));
        let mut out = Vec::with_capacity(want);
        let market_cum: Vec<u32> = {
            let mut acc = 0;
            c.markets
                .iter()
                .map(|&m| {
                    acc += MARKETS[m as usize].client_weight;
                    acc
                })
                .collect()
        };
        while out.len() < want {
            let mut slot = None;
            for _ in 0..32 {
                let range = if rng.chance(MARKET_BIAS) {
                    self.slots
                        .market_slots(c.markets[rng.pick_cumulative(&market_cum)] as usize)
                } else {
                    0..n
                };
                if range.is_empty() {
                    continue;
                }
                let s = range.start + rng.random_below(range.end - range.start);
                if !taken.contains(&s) {
                    slot = Some(s);
                    break;
                }
            }
            // Dense corner (few clients): walk from a random slot to the next free one.
            let s = slot.unwrap_or_else(|| {
                let mut s = rng.random_below(n);
                while taken.contains(&s) {
                    s = (s + 1) % n;
                }
                s
            });
            taken.insert(s);
            out.push((self.slots.client_at(s), self.slots.market_of_slot(s) as u8));
        }
        out
    }
}

impl RowRng {
    /// Uniform in `[0, n)` for `n` ≥ 1.
    #[inline]
    pub fn random_below(&mut self, n: u64) -> u64 {
        use rand::RngExt;
        self.random_range(0..n)
    }
}

impl CampaignPlan {
    /// The cell of local placement `p` on day offset `d`.
    #[inline]
    pub fn cell(&self, p: usize, d: usize) -> &Cell {
        &self.cells[p * self.days as usize + d]
    }

    /// The incident affecting placement `p` on `day`, if any.
    #[inline]
    pub fn incident_on(&self, p: usize, day: i32) -> Option<&Incident> {
        let pl = &self.placements[p];
        self.incidents
            .iter()
            .find(|i| i.ad_index == pl.ad_index && i.channel == pl.channel && day >= i.started_on)
    }

    /// Results of local placement `p` on day offset `d` (DOMAIN.md §1–2 rates around the
    /// cell's spend).
    pub fn daily(&self, world: &World, p: usize, d: usize) -> Daily {
        self.daily_at(world, p, self.first_day + d as i32, self.cell(p, d))
    }

    /// Results of local placement `p` on `day` (in the window or after it) for the day's
    /// `cell`; drawn from the placement-day's own stream.
    pub fn daily_at(&self, world: &World, p: usize, day: i32, cell: &Cell) -> Daily {
        let pl = &self.placements[p];
        let ch = channels::channel(pl.channel as usize);
        let d = (day - self.first_day) as usize;
        let mut rng = S_DAILY.rng(world.config.seed, (pl.placement_id as u64) << 12 | d as u64);
        let campaign = &world.campaigns[self.index];
        let cpm = ch.cpm_cents
            * campaign.price_factor()
            * calendar::cpm_season(calendar::month_of(day))
            * rng.jitter(0.15);
        let impressions = (cell.cost_cents as f64 * 1000.0 / cpm).round() as i64;
        let imp = impressions as f64;
        let reach = ((imp / (ch.frequency * rng.jitter(0.2))).round() as i64)
            .clamp(i64::from(impressions > 0), impressions.max(0));
        let view_noise = rng.jitter(0.2);
        let views = rng
            .round_stochastic(imp * ch.view_rate * view_noise)
            .min(impressions);
        // Clicks are what the cell's spend bought at the campaign's cost per click.
        let cpc = campaign.cpc_cents(pl.channel) * rng.jitter(0.1);
        let clicks = rng
            .round_stochastic(cell.cost_cents as f64 / cpc)
            .max(i64::from(cell.leads));
        let mut rate = match pl.influencer_id {
            Some(id) => {
                let (tier, _, tiktok) = world.influencer(id);
                channels::influencer_reaction_rate(tier, tiktok)
            }
            None => ch.reaction_rate,
        };
        if let Some(inc) = self.incident_on(p, day) {
            rate *= 1.0 - inc.drop_pct as f64 / 100.0;
        }
        let reactions = imp * rate * rng.jitter(0.2);
        let likes = rng.round_stochastic(reactions * LIKE_SHARE_COMMENT[0]);
        let shares = rng.round_stochastic(reactions * LIKE_SHARE_COMMENT[1]);
        let comments = rng.round_stochastic(reactions * LIKE_SHARE_COMMENT[2]);
        let exposure_centihours = (imp * ch.exposure_seconds / 36.0).round() as i64;
        Daily {
            impressions,
            reach,
            views,
            likes,
            comments,
            shares,
            clicks,
            exposure_centihours,
        }
    }

    /// Mentions of placement `p` on day offset `d`, split by sentiment (DOMAIN.md §4).
    pub fn sentiment(&self, world: &World, p: usize, d: usize, daily: &Daily) -> SentimentDay {
        let pl = &self.placements[p];
        let day = self.first_day + d as i32;
        let mut rng = S_SENTIMENT.rng(world.config.seed, (pl.placement_id as u64) << 12 | d as u64);
        let total = daily.comments + daily.shares + rng.round_stochastic(daily.likes as f64 * 0.02);
        let incident = self.incident_on(p, day);
        let mut neg_share = sentiment::BASE_SHARE[2] * self.negative_bias;
        let mut pos_share = sentiment::BASE_SHARE[0];
        if incident.is_some() {
            neg_share *= sentiment::INCIDENT_NEGATIVE_BOOST;
            pos_share *= 0.5;
        }
        let neg_share = neg_share.min(0.75);
        let negative = rng.round_stochastic(total as f64 * neg_share).min(total);
        let rest = total - negative;
        let positive = rng
            .round_stochastic(rest as f64 * pos_share / (pos_share + sentiment::BASE_SHARE[1]))
            .min(rest);
        let negative_category = match incident {
            Some(i) => i.category,
            None => sentiment::negative_category_table().sample(&mut rng),
        };
        SentimentDay {
            mentions: [positive, rest - positive, negative],
            negative_category,
        }
    }
}

/// Last possible interaction time: the end of the as-of day, in seconds since the epoch.
pub const AS_OF_END_SECONDS: i64 = (AS_OF as i64 + 1) * 86_400 - 1;

/// A set of client slots.
pub(crate) type SlotSet = HashSet<u64, BuildHasherDefault<SlotHasher>>;

/// Hasher for client slots (already well-spread integers): one multiply instead of SipHash.
/// Only membership is asked of the set, never its order, so output does not depend on it.
#[derive(Debug, Default)]
pub(crate) struct SlotHasher(u64);

impl Hasher for SlotHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ 0x9e37_79b9_7f4a_7c15)
            .wrapping_mul(0xbf58_476d_1ce4_e5b9)
            .rotate_left(29);
    }
}
