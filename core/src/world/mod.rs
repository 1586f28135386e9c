//! The world: the pure, shared plan every table generator reads (DESIGN.md §3).
//!
//! [`World::new`] computes, from the configuration alone, the few things that need a global
//! view: how many campaigns start in each month, which campaigns are active, and prefix sums
//! of ads and placements per campaign (so their ids are dense). Everything heavier is derived
//! per campaign on demand by [`World::plan`] — the spend, leads, sales and incidents of one
//! campaign — so `ads.daily_results` and `crm.sales` compute the same numbers independently
//! and agree to the cent by construction.

mod continuation;
mod plan;

use crate::catalog::calendar::{self, AS_OF, WINDOW_DAYS, WINDOW_MONTHS, WINDOW_START};
use crate::catalog::channels::{self, TIERS, TIER_WEIGHTS};
use crate::catalog::economics;
use crate::catalog::markets::MARKETS;
use crate::catalog::vocab::{INDUSTRIES, MIN_PRICE_USD, OBJECTIVES};
use crate::clock;
use crate::config::Config;
use crate::rng::{Permutation, RowRng, Stream, Weighted};

pub use continuation::{last_change, CampaignState, Continuation, NewLead, TimedSale};
pub use plan::{
    demand, CampaignPlan, Cell, Closing, Daily, Incident, Lead, PlacementInfo, Sale, SentimentDay,
    AS_OF_END_SECONDS,
};

/// Row counts that follow directly from the scale (DESIGN.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// round(1000·S), at least 1.
    pub campaigns: u64,
    /// round(500 000·S), at least 1.
    pub clients: u64,
    /// max(100, round(100·S)).
    pub images: u64,
    /// max(8, round(150·S)).
    pub brands: u64,
    /// max(24, round(2000·S)).
    pub influencers: u64,
}

impl Counts {
    /// The counts for a scale.
    pub fn for_scale(scale: f64) -> Self {
        let r = |x: f64| x.round().max(0.0) as u64;
        Counts {
            campaigns: r(1000.0 * scale).max(1),
            clients: r(500_000.0 * scale).max(1),
            images: r(100.0 * scale).max(100),
            brands: r(150.0 * scale).max(8),
            influencers: r(2000.0 * scale).max(24),
        }
    }
}

/// Share of campaigns that are active at the as-of date (DESIGN.md §5.1).
pub const ACTIVE_SHARE: f64 = 0.30;
/// Campaign-start weight of a peak month relative to an average month (assumption, chosen so
/// that a peak month has ≈3× the starts of the median other month).
pub const PEAK_START_WEIGHT: f64 = 3.0;
/// Share of a campaign's leads drawn from its own markets; the rest come from anywhere
/// (assumption: lookalike and organic reach).
pub const MARKET_BIAS: f64 = 0.85;

/// The fixed parameters of one campaign, computed when the world is built.
#[derive(Debug, Clone)]
pub struct CampaignCore {
    /// `campaign_id` (1-based, in start-date order).
    pub id: i64,
    /// `brand_id`.
    pub brand_id: i64,
    /// Index into [`INDUSTRIES`].
    pub industry: usize,
    /// First day (epoch day).
    pub start: i32,
    /// Planned last day (epoch day); after the as-of date for active campaigns.
    pub end: i32,
    /// Active at the as-of date.
    pub active: bool,
    /// Channel catalog indices (distinct, 1–4).
    pub channels: Vec<u8>,
    /// Market catalog indices (distinct, 1–3).
    pub markets: Vec<u8>,
    /// Number of ads (1–4).
    pub ads: u8,
    /// Client links (leads) the campaign captures: 400–1000, clamped to the client count.
    pub links: u32,
    /// Index into [`OBJECTIVES`].
    pub objective: usize,
    /// Budget in cents.
    pub budget_cents: i64,
    /// Spend to date in cents (≤ budget): the sum of [`CampaignCore::channel_spend_cents`].
    pub spend_cents: i64,
    /// Lead quality `q` (`economics::LEAD_QUALITY_SPREAD`): leads per click scale with `q`,
    /// sales per lead with `1/q`, cost per click with `q^-0.25`.
    pub quality: f64,
    /// Leads captured on each of [`CampaignCore::channels`] (sums to `links`).
    pub channel_leads: Vec<u32>,
}

impl CampaignCore {
    /// Last day with results: the end, or the as-of date for active campaigns.
    pub fn last_run_day(&self) -> i32 {
        self.end.min(AS_OF)
    }

    /// Days with results.
    pub fn run_days(&self) -> i32 {
        self.last_run_day() - self.start + 1
    }

    /// Placements: ads × channels × markets.
    pub fn placements(&self) -> u64 {
        u64::from(self.ads) * self.channels.len() as u64 * self.markets.len() as u64
    }

    /// Cost per click on channel catalog index `channel`, cents: the channel's typical CPC ×
    /// the industry's factor × `q^-0.25` (catalog::economics).
    pub fn cpc_cents(&self, channel: u8) -> f64 {
        channels::channel(channel as usize).cpc_cents() * self.price_factor()
    }

    /// What this campaign pays relative to the channel's typical price, per click and per
    /// impression alike (so its click-through rate stays the channel's published CTR): the
    /// industry's factor × `q^-0.25` (catalog::economics).
    pub fn price_factor(&self) -> f64 {
        economics::industry_cpc_factor(self.industry)
            * self.quality.powf(-economics::INTENT_CPC_ELASTICITY)
    }

    /// Clicks bought per lead captured on `channel`.
    pub fn clicks_per_lead(&self, channel: u8) -> f64 {
        1.0 / (channels::channel(channel as usize).click_to_lead() * self.quality)
    }

    /// What the leads of the `i`-th channel cost, cents: leads × clicks per lead × CPC.
    pub fn channel_spend_cents(&self, i: usize) -> i64 {
        let ch = self.channels[i];
        (f64::from(self.channel_leads[i]) * self.clicks_per_lead(ch) * self.cpc_cents(ch)).round()
            as i64
    }

    /// Placements on channels with social listening.
    pub fn sentiment_placements(&self) -> u64 {
        let n = self
            .channels
            .iter()
            .filter(|&&c| channels::channel(c as usize).has_sentiment)
            .count() as u64;
        u64::from(self.ads) * n * self.markets.len() as u64
    }
}

/// Where clients live: slots `0..clients` are laid out in city blocks (by
/// [`crate::catalog::markets::Market::client_weight`]) and scattered over client ids by a
/// keyed permutation, so "a client in Heredia" is one draw and a client's city is one inversion.
#[derive(Debug, Clone)]
pub struct ClientSlots {
    perm: Permutation,
    /// `bounds[i]..bounds[i+1]` are the slots of market `i`.
    bounds: Vec<u64>,
}

impl ClientSlots {
    fn new(clients: u64, seed: u64) -> Self {
        let weights: Vec<f64> = MARKETS.iter().map(|m| f64::from(m.client_weight)).collect();
        let counts = largest_remainder(clients, &weights);
        let mut bounds = Vec::with_capacity(counts.len() + 1);
        let mut acc = 0;
        bounds.push(0);
        for c in counts {
            acc += c;
            bounds.push(acc);
        }
        ClientSlots {
            perm: Permutation::new(clients, seed, Stream::new("crm.clients.slot")),
            bounds,
        }
    }

    /// Market index of a client.
    pub fn market_of(&self, client_id: i64) -> usize {
        self.market_of_slot(self.perm.invert((client_id - 1) as u64))
    }

    /// Market index of a slot.
    pub fn market_of_slot(&self, slot: u64) -> usize {
        self.bounds.partition_point(|&b| b <= slot) - 1
    }

    /// Slot of a client.
    pub fn slot_of(&self, client_id: i64) -> u64 {
        self.perm.invert((client_id - 1) as u64)
    }

    /// Client id living in `slot`.
    pub fn client_at(&self, slot: u64) -> i64 {
        self.perm.apply(slot) as i64 + 1
    }

    /// Slot range of market `m`.
    pub fn market_slots(&self, m: usize) -> std::ops::Range<u64> {
        self.bounds[m]..self.bounds[m + 1]
    }
}

/// The shared plan. Cheap to build (O(campaigns)); `Sync`, shared by all generator threads.
#[derive(Debug, Clone)]
pub struct World {
    /// The configuration it was built from.
    pub config: Config,
    /// Scale-derived counts.
    pub counts: Counts,
    /// Campaigns, index = id − 1.
    pub campaigns: Vec<CampaignCore>,
    /// `ad_offsets[i]` = ads of campaigns before campaign index `i` (len = campaigns + 1).
    pub ad_offsets: Vec<u64>,
    /// `placement_offsets[i]` = placements of campaigns before index `i` (len = campaigns + 1).
    pub placement_offsets: Vec<u64>,
    /// `product_offsets[b]` = products of brands before brand index `b` (len = brands + 1).
    pub product_offsets: Vec<u64>,
    /// Client home locations.
    pub slots: ClientSlots,
    /// Month (0–15) starts per window month.
    pub month_starts: [u64; WINDOW_MONTHS],
    /// The instant whose state the generators produce (DESIGN.md §10): [`clock::WINDOW_END`]
    /// for the window; later instants continue the active campaigns ([`World::at`]).
    pub clock: i64,
}

/// Splits `total` into integer parts proportional to `weights` (largest remainder; ties go to
/// the earlier index), so the parts sum to `total` exactly.
pub fn largest_remainder(total: u64, weights: &[f64]) -> Vec<u64> {
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let raw: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut out: Vec<u64> = raw.iter().map(|r| r.floor() as u64).collect();
    let mut rest = total - out.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let fa = raw[a] - raw[a].floor();
        let fb = raw[b] - raw[b].floor();
        fb.total_cmp(&fa).then(a.cmp(&b))
    });
    for &i in order.iter().cycle() {
        if rest == 0 {
            break;
        }
        out[i] += 1;
        rest -= 1;
    }
    out
}

const S_START: Stream = Stream::new("ads.campaigns.start");
const S_CORE: Stream = Stream::new("ads.campaigns.core");
const S_BRAND: Stream = Stream::new("ads.brands");
const S_PRODUCT: Stream = Stream::new("ads.products");
const S_INFLUENCER: Stream = Stream::new("ads.influencers");

/// Relative use of each channel by campaigns (assumption: Meta and Google dominate SMB spend).
const CHANNEL_USE: [u32; 12] = [20, 20, 12, 5, 6, 15, 8, 8, 10, 5, 8, 6];

impl World {
    /// Builds the world for a validated configuration.
    pub fn new(config: &Config) -> Self {
        let counts = Counts::for_scale(config.scale);
        let seed = config.seed;
        let n = counts.campaigns;

        // Campaign starts per window month: peak months weigh PEAK_START_WEIGHT, the others
        // follow the US monthly index (DOMAIN.md §3).
        let weights: Vec<f64> = (0..WINDOW_MONTHS)
            .map(|i| {
                let m = calendar::window_month_number(i);
                if config.is_peak(m) {
                    PEAK_START_WEIGHT
                } else {
                    calendar::US_MONTH_INDEX[m as usize - 1]
                }
            })
            .collect();
        let per_month = largest_remainder(n, &weights);
        let mut month_starts = [0u64; WINDOW_MONTHS];
        month_starts.copy_from_slice(&per_month);

        // Start days: uniform within the month, sorted so ids follow start dates.
        let mut starts = Vec::with_capacity(n as usize);
        for (i, &count) in per_month.iter().enumerate() {
            let (first, len) = calendar::window_month_span(i);
            let mut days: Vec<i32> = (0..count)
                .map(|k| first + (S_START.hash(seed, (i as u64) << 32 | k) % len as u64) as i32)
                .collect();
            days.sort_unstable();
            starts.extend(days);
        }

        // Active campaigns: the top ACTIVE_SHARE by (start position + noise); later starts are
        // likelier to still run at the as-of date.
        let n_active = (ACTIVE_SHARE * n as f64).round() as usize;
        let mut order: Vec<(f64, usize)> = starts
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let u =
                    (S_START.hash(seed, u64::MAX - i as u64) >> 11) as f64 / (1u64 << 53) as f64;
                (
                    f64::from(s - WINDOW_START) / f64::from(WINDOW_DAYS) + 0.6 * u,
                    i,
                )
            })
            .collect();
        order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut active = vec![false; n as usize];
        for &(_, i) in order.iter().take(n_active) {
            active[i] = true;
        }

        let channel_table = Weighted::new(CHANNEL_USE);
        let objective_table = Weighted::new(OBJECTIVES.iter().map(|o| o.1));
        let campaigns: Vec<CampaignCore> = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                Self::campaign_core(
                    seed,
                    &counts,
                    i,
                    start,
                    active[i],
                    &channel_table,
                    &objective_table,
                )
            })
            .collect();

        let mut ad_offsets = Vec::with_capacity(campaigns.len() + 1);
        let mut placement_offsets = Vec::with_capacity(campaigns.len() + 1);
        let (mut a, mut p) = (0u64, 0u64);
        for c in &campaigns {
            ad_offsets.push(a);
            placement_offsets.push(p);
            a += u64::from(c.ads);
            p += c.placements();
        }
        ad_offsets.push(a);
        placement_offsets.push(p);

        let mut product_offsets = Vec::with_capacity(counts.brands as usize + 1);
        let mut acc = 0;
        for b in 0..counts.brands {
            product_offsets.push(acc);
            acc += Self::brand_product_count(seed, b as i64 + 1);
        }
        product_offsets.push(acc);

        World {
            config: config.clone(),
            counts,
            campaigns,
            ad_offsets,
            placement_offsets,
            product_offsets,
            slots: ClientSlots::new(counts.clients, seed),
            month_starts,
            clock: clock::WINDOW_END,
        }
    }

    /// The same world at instant `t` ([`clock::WINDOW_END`]`..=`[`clock::LAST_INSTANT`],
    /// validated by [`clock::parse_instant`]): the generators produce the state at `t`.
    pub fn at(&self, t: i64) -> World {
        World {
            clock: t.clamp(clock::WINDOW_END, clock::LAST_INSTANT),
            ..self.clone()
        }
    }

    /// Whether the clock is after the window (the active campaigns have moved on).
    pub fn after_window(&self) -> bool {
        self.clock > clock::WINDOW_END
    }

    #[allow(clippy::too_many_arguments)]
    fn campaign_core(
        seed: u64,
        counts: &Counts,
        index: usize,
        start: i32,
        active: bool,
        channel_table: &Weighted,
        objective_table: &Weighted,
    ) -> CampaignCore {
        let id = index as i64 + 1;
        let mut rng = S_CORE.rng(seed, id as u64);
        let brand_id = rng.between(1, counts.brands as i64);
        let industry = Self::brand_industry(seed, brand_id);
        let end = if active {
            AS_OF + rng.between(15, 240) as i32
        } else {
            (start + rng.log_uniform(10.0, 120.0) as i32 - 1).min(AS_OF)
        };

        let n_channels = 1 + rng.pick_cumulative(&[20, 55, 85, 100]);
        let mut chans: Vec<u8> = Vec::with_capacity(n_channels);
        while chans.len() < n_channels {
            let c = channel_table.sample(&mut rng) as u8;
            if !chans.contains(&c) {
                chans.push(c);
            }
        }
        chans.sort_unstable();

        let home = Self::brand_country_market(seed, brand_id);
        let n_markets = 1 + rng.pick_cumulative(&[45, 80, 100]);
        let mut markets: Vec<u8> = vec![home as u8];
        while markets.len() < n_markets {
            let same_country = rng.chance(0.7);
            let m = if same_country {
                let cc = MARKETS[home].country_code;
                let candidates: Vec<usize> = (0..MARKETS.len())
                    .filter(|&i| MARKETS[i].country_code == cc)
                    .collect();
                candidates[rng.index(candidates.len())]
            } else {
                rng.index(MARKETS.len())
            } as u8;
            if !markets.contains(&m) {
                markets.push(m);
            }
            if markets.len() < n_markets && rng.chance(0.05) {
                break; // a country with few cities: accept fewer markets sometimes
            }
        }
        markets.sort_unstable();

        let ads = 1 + rng.pick_cumulative(&[25, 60, 85, 100]) as u8;
        let links = (rng.between(400, 1000) as u64).min(counts.clients) as u32;
        let objective = objective_table.sample(&mut rng);

        // Spend follows from the leads: each channel captures its share of the campaign's links
        // and pays for the clicks they take at its cost per click (catalog::economics). The
        // budget covers the planned flight, of which the elapsed share is spent.
        let spread = economics::LEAD_QUALITY_SPREAD.ln();
        let quality = rng.uniform(-spread, spread).exp();
        let shares: Vec<f64> = chans.iter().map(|_| rng.uniform(0.5, 1.5)).collect();
        let channel_leads: Vec<u32> = largest_remainder(u64::from(links), &shares)
            .into_iter()
            .map(|n| n as u32)
            .collect();
        let mut core = CampaignCore {
            id,
            brand_id,
            industry,
            start,
            end,
            active,
            channels: chans,
            markets,
            ads,
            links,
            objective,
            budget_cents: 0,
            spend_cents: 0,
            quality,
            channel_leads,
        };
        let spend: i64 = (0..core.channels.len())
            .map(|i| core.channel_spend_cents(i))
            .sum();
        let planned = f64::from(end - start + 1);
        let elapsed = f64::from(end.min(AS_OF) - start + 1);
        let frac = (elapsed / planned) * rng.uniform(0.90, 1.0);
        core.budget_cents = ((spend as f64 / frac) / 10_000.0).ceil().max(1.0) as i64 * 10_000;
        core.spend_cents = spend;
        core
    }

    /// Industry index of a brand.
    pub fn brand_industry(seed: u64, brand_id: i64) -> usize {
        (S_BRAND.hash(seed, brand_id as u64) % INDUSTRIES.len() as u64) as usize
    }

    /// Home market (catalog index) of a brand: 70% Costa Rica, the rest by client weight
    /// (assumption).
    pub fn brand_country_market(seed: u64, brand_id: i64) -> usize {
        // Cumulative client weights of the market catalog; Costa Rica's cities come first, so
        // its table is a prefix of the whole one.
        static CUMULATIVE: std::sync::LazyLock<(Vec<u32>, usize)> =
            std::sync::LazyLock::new(|| {
                let costa_rica = MARKETS
                    .iter()
                    .take_while(|m| m.country_code == "CR")
                    .count();
                (
                    cumulative(&MARKETS.iter().map(|m| m.client_weight).collect::<Vec<_>>()),
                    costa_rica,
                )
            });
        let (all, costa_rica) = &*CUMULATIVE;
        let mut rng = S_BRAND.rng(seed, brand_id as u64 ^ 0x5eed);
        if rng.chance(0.7) {
            rng.pick_cumulative(&all[..*costa_rica])
        } else {
            rng.pick_cumulative(all)
        }
    }

    /// Products a brand sells (3–5).
    pub fn brand_product_count(seed: u64, brand_id: i64) -> u64 {
        3 + S_PRODUCT.hash(seed, brand_id as u64) % 3
    }

    /// `(product_id, industry product index, unit price in cents)` of product `k` of a brand.
    pub fn product(&self, brand_id: i64, k: u64) -> (i64, usize, i64) {
        let product_id = (self.product_offsets[brand_id as usize - 1] + k + 1) as i64;
        let industry = Self::brand_industry(self.config.seed, brand_id);
        let catalog = INDUSTRIES[industry].products;
        let idx = ((S_PRODUCT.hash(self.config.seed, brand_id as u64 ^ 0xab) + k)
            % catalog.len() as u64) as usize;
        let (_, lo, hi) = catalog[idx];
        let mut rng = S_PRODUCT.rng(self.config.seed, product_id as u64);
        let usd = if hi <= 0.0 {
            MIN_PRICE_USD
        } else {
            rng.log_uniform(lo, hi)
        };
        // Prices end in .99 or .00 like shelf prices.
        let cents = if rng.chance(0.7) {
            (usd.floor() as i64).max(1) * 100 - 1
        } else {
            usd.round().max(1.0) as i64 * 100
        };
        (product_id, idx, cents)
    }

    /// `(tier index, followers, platform is TikTok)` of an influencer. Odd ids post on
    /// Instagram, even ids on TikTok.
    pub fn influencer(&self, influencer_id: i64) -> (usize, i64, bool) {
        let mut rng = S_INFLUENCER.rng(self.config.seed, influencer_id as u64);
        let tier = rng.pick_cumulative(&cumulative(&TIER_WEIGHTS));
        let (_, lo, hi, _, _) = TIERS[tier];
        let followers = rng.log_uniform(lo, hi) as i64;
        (tier, followers, influencer_id % 2 == 0)
    }

    /// A campaign by index.
    pub fn campaign(&self, index: usize) -> &CampaignCore {
        &self.campaigns[index]
    }

    /// Number of images whose industry is `industry`.
    pub fn images_of_industry(&self, industry: usize) -> u64 {
        let n = INDUSTRIES.len() as u64;
        let k = industry as u64;
        if self.counts.images > k {
            (self.counts.images - k - 1) / n + 1
        } else {
            0
        }
    }

    /// A per-(stream, key) generator under this world's seed.
    pub fn rng(&self, stream: Stream, key: u64) -> RowRng {
        stream.rng(self.config.seed, key)
    }
}

fn cumulative(weights: &[u32]) -> Vec<u32> {
    let mut acc = 0;
    weights
        .iter()
        .map(|w| {
            acc += w;
            acc
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_sizes_hold_at_scale_one() {
        let w = World::new(&Config::default());
        assert_eq!(w.campaigns.len(), 1000);
        assert_eq!(w.counts.clients, 500_000);
        assert_eq!(w.campaigns.iter().filter(|c| c.active).count(), 300);
        for c in &w.campaigns {
            assert!(c.start >= WINDOW_START && c.start <= AS_OF);
            if c.active {
                assert!(c.end > AS_OF)
            } else {
                assert!(c.end <= AS_OF && c.end >= c.start)
            }
            assert!(c.spend_cents <= c.budget_cents);
            assert!((400..=1000).contains(&c.links));
        }
        assert!(w.campaigns.windows(2).all(|p| p[0].start <= p[1].start));
    }

    #[test]
    fn largest_remainder_sums_exactly() {
        let parts = largest_remainder(1000, &[3.0, 1.0, 1.0, 0.5]);
        assert_eq!(parts.iter().sum::<u64>(), 1000);
        // 545.45, 181.82, 181.82, 90.91: floors sum to 997; the three largest fractions (.91, .82, .82) get one more.
        assert_eq!(parts, vec![545, 182, 182, 91]);
    }

    #[test]
    fn client_slots_invert() {
        let w = World::new(&Config {
            scale: 0.01,
            ..Config::default()
        });
        for m in 0..MARKETS.len() {
            for slot in w.slots.market_slots(m).take(5) {
                assert_eq!(w.slots.market_of(w.slots.client_at(slot)), m);
            }
        }
    }
}
