//! Campaign economics: the published ranges a marketer checks a dataset against (ROAS, CPA,
//! CPC, CPM and click → sale per channel kind), the rates that shape the funnel the generator
//! follows, and the built-in correlations with their documented sign and size.
//!
//! Two kinds of numbers live here and are kept apart on purpose:
//! - `*_BY_KIND` tables are the **cited ranges** (DOMAIN.md §1, §5, §8 and the sources named in
//!   `docs/economics.md`). `verify` judges the output against them; the generator never reads
//!   them, so a generator bug cannot move the goalposts.
//! - The funnel rates and lifts below are what the generator draws from; each cites its source
//!   or says **(assumption)**.
//!
//! ```
//! use promptsales_core::catalog::economics::{range_of, ROAS_BY_KIND};
//! let email = range_of(ROAS_BY_KIND, "email").unwrap();
//! let display = range_of(ROAS_BY_KIND, "display").unwrap();
//! assert!(email.low > display.high); // owned channels return an order of magnitude more
//! ```

use std::sync::LazyLock;

use super::vocab::{INDUSTRIES, MIN_PRICE_USD};

/// A published range for one channel kind.
#[derive(Debug, Clone, Copy)]
pub struct KindRange {
    /// Channel kind (social, search, display, video, email, sms, professional, influencer).
    pub kind: &'static str,
    /// Low end of the range.
    pub low: f64,
    /// High end of the range.
    pub high: f64,
    /// Where the range comes from.
    pub source: &'static str,
}

const fn r(kind: &'static str, low: f64, high: f64, source: &'static str) -> KindRange {
    KindRange {
        kind,
        low,
        high,
        source,
    }
}

/// The eight channel kinds, in the order the tables list them.
pub const KINDS: [&str; 8] = [
    "social",
    "search",
    "display",
    "video",
    "email",
    "sms",
    "professional",
    "influencer",
];

/// Return on ad spend (revenue ÷ cost) per channel kind.
pub static ROAS_BY_KIND: &[KindRange] = &[
    r(
        "social",
        2.0,
        4.0,
        "DOMAIN.md §8 reading: paid social around 2-4 (namediaexperts/First Page Sage 2026 blended 2.87)",
    ),
    r(
        "search",
        1.5,
        5.0,
        "DOMAIN.md §8: search non-brand low 1.5 (metricuno 2024) to ~5:1 mature search (namediaexperts 2026)",
    ),
    r(
        "display",
        0.5,
        2.0,
        "DOMAIN.md §8 reading (assumption): awareness channel, below the low end of search",
    ),
    r(
        "video",
        0.5,
        2.0,
        "DOMAIN.md §8 reading (assumption): awareness channel, below the low end of search",
    ),
    r(
        "email",
        15.0,
        50.0,
        "DOMAIN.md §8: owned email/SMS low 15, top quartile 50 (metricuno 2024)",
    ),
    r(
        "sms",
        15.0,
        50.0,
        "DOMAIN.md §8: owned email/SMS low 15, top quartile 50 (metricuno 2024)",
    ),
    r(
        "professional",
        1.0,
        3.0,
        "assumption: LinkedIn CPC $5.50-8.95 is 5-10x Meta's (DOMAIN.md §1) for B2C products, so ROAS sits between display and paid social",
    ),
    r(
        "influencer",
        2.0,
        6.5,
        "influencer marketing returns $5.20-6.50 per $1 in earned media value (archive.com EMV benchmarks 2025); sales are a part of it (assumption for the low end)",
    ),
];

/// Cost per acquisition (dollars per sale) per channel kind: **(derived)** B2C order values
/// $82–300 (DOMAIN.md §5) divided by the kind's ROAS range above; the directly published
/// figures (Google Ads CPA $45–117, DOMAIN.md §8; Display CPA ~$75, DOMAIN.md §1) fall inside.
pub static CPA_BY_KIND: &[KindRange] = &[
    r("social", 20.5, 150.0, "derived: AOV $82-300 (DOMAIN.md §5) / ROAS 2-4"),
    r("search", 16.4, 200.0, "derived: AOV $82-300 (DOMAIN.md §5) / ROAS 1.5-5; Google Ads CPA $45-117 (DOMAIN.md §8) inside"),
    r("display", 41.0, 600.0, "derived: AOV $82-300 (DOMAIN.md §5) / ROAS 0.5-2; Display CPA ~$75 (DOMAIN.md §1) inside"),
    r("video", 41.0, 600.0, "derived: AOV $82-300 (DOMAIN.md §5) / ROAS 0.5-2"),
    r("email", 1.64, 20.0, "derived: AOV $82-300 (DOMAIN.md §5) / ROAS 15-50"),
    r("sms", 1.64, 20.0, "derived: AOV $82-300 (DOMAIN.md §5) / ROAS 15-50"),
    r("professional", 27.3, 300.0, "derived: AOV $82-300 (DOMAIN.md §5) / ROAS 1-3"),
    r("influencer", 12.6, 150.0, "derived: AOV $82-300 (DOMAIN.md §5) / ROAS 2-6.5"),
];

/// Cost per click, dollars, per channel kind.
pub static CPC_BY_KIND: &[KindRange] = &[
    r("social", 0.26, 1.92, "DOMAIN.md §1: X $0.26 low to Meta lead-gen $1.92 (TikTok $0.30-2 inside)"),
    r("search", 1.36, 8.67, "DOMAIN.md §1: Google Search CPC $1.36 low to $8.67 industry max (WordStream 2022/23)"),
    r("display", 0.58, 0.75, "DOMAIN.md §1: Google Display CPC $0.58-0.75 (WordStream 2018-19, 2023)"),
    r("video", 0.27, 1.77, "derived from DOMAIN.md §1: YouTube CPM $2.16-3.53 / (1000 x TrueView CTR 0.2-0.8%)"),
    r("email", 0.03, 0.67, "derived: send cost $1-10 per 1000 (assumption) / click rate 1.5-3.75% (DOMAIN.md §1)"),
    r("sms", 0.07, 0.85, "derived: message cost $0.01-0.05 (assumption, international SMS to Latin America) / click rate 5.9-14.6% (DOMAIN.md §1)"),
    r("professional", 5.50, 21.0, "DOMAIN.md §1: LinkedIn CPC $5.50-21 (ZenABM 2026; digitalmoats)"),
    r("influencer", 0.30, 2.00, "DOMAIN.md §1: TikTok CPC $0.30-2 (affectgroup 2026), applied to sponsored creator posts (assumption)"),
];

/// Cost per 1 000 impressions (sends for email and SMS), dollars, per channel kind.
pub static CPM_BY_KIND: &[KindRange] = &[
    r(
        "social",
        3.0,
        12.16,
        "DOMAIN.md §1: TikTok $3 low to Meta Q4 $12.16",
    ),
    r(
        "search",
        34.0,
        1127.0,
        "derived from DOMAIN.md §1: CPC $1.36-8.67 x CTR 2.5-13% x 1000",
    ),
    r(
        "display",
        0.50,
        4.0,
        "DOMAIN.md §1: Google Display CPM $0.50-4",
    ),
    r(
        "video",
        2.16,
        5.01,
        "DOMAIN.md §1: YouTube CPM $2.16-3.53, high end x1.42 Q4 season (DOMAIN.md §3)",
    ),
    r("email", 1.0, 10.0, "assumption: ESP cost per 1000 sends"),
    r("sms", 10.0, 50.0, "assumption: $0.01-0.05 per message"),
    r(
        "professional",
        25.0,
        73.0,
        "DOMAIN.md §1: LinkedIn CPM $25-73",
    ),
    r(
        "influencer",
        3.0,
        12.16,
        "DOMAIN.md §1: Instagram Stories $6.25, TikTok $3-12",
    ),
];

/// Click → sale rate (fraction of clicks that end in a sale) per channel kind.
pub static CLICK_TO_SALE_BY_KIND: &[KindRange] = &[
    r(
        "social",
        0.0074,
        0.025,
        "DOMAIN.md §1 site CVR from social 0.74% (VWO) to §8 Meta CVR 2.5%",
    ),
    r(
        "search",
        0.0253,
        0.1296,
        "DOMAIN.md §1: Google Search CVR 2.53-12.96%",
    ),
    r(
        "display",
        0.0057,
        0.0077,
        "DOMAIN.md §1: Google Display CVR 0.57-0.77%",
    ),
    r(
        "video",
        0.005,
        0.015,
        "assumption: between display CVR (DOMAIN.md §1) and site CVR from social",
    ),
    r(
        "email",
        0.05,
        0.33,
        "DOMAIN.md §1: email click → purchase 1 in 20 (campaigns) to 1 in 3 (automations)",
    ),
    r(
        "sms",
        0.069,
        0.22,
        "derived from DOMAIN.md §1: SMS conversion 1-2% / click rate 8.9-14.5%",
    ),
    r(
        "professional",
        0.02,
        0.10,
        "assumption: B2B website conversion on LinkedIn, below its lead-gen form fill rates",
    ),
    r(
        "influencer",
        0.0074,
        0.025,
        "assumption: as paid social (DOMAIN.md §1, §8)",
    ),
];

/// The range of `kind` in `table`.
pub fn range_of(table: &'static [KindRange], kind: &str) -> Option<&'static KindRange> {
    table.iter().find(|k| k.kind == kind)
}

// ---- The funnel the generator follows ----------------------------------------------------

/// Share of leads that buy, averaged over a campaign's leads at lead quality 1 (before the
/// distance, channel × market and peak lifts). Chosen with the lifts so that click → sale lands
/// in the ranges above; lead → sale 20–40% for warm B2C leads (DOMAIN.md §5 stage rates
/// compounded for a short cycle; assumption).
pub const MEAN_SALE_PER_LEAD: f64 = 0.30;

/// Sale probability of a lead at lead quality 1 living in the placement's city, outside peak
/// months, before the channel × market lift: above [`MEAN_SALE_PER_LEAD`] because the distance
/// lift only lowers it (assumption, tuned so the mean lands near that share).
pub const SALE_PER_LEAD_AT_CITY: f64 = 0.35;

/// Highest sale probability of one lead.
pub const MAX_SALE_PER_LEAD: f64 = 0.90;

/// Lead quality spread: a campaign's quality `q` is log-uniform in `[1/SPREAD, SPREAD]`.
/// High `q` (broad lead magnets, one-field forms) captures `q`× the leads per click, whose
/// leads buy `1/q` as often; low `q` (strict qualification) the reverse. The lead-volume vs
/// lead-quality trade-off is the marketer's daily bread; its size is an **(assumption)**.
pub const LEAD_QUALITY_SPREAD: f64 = 3.0;

/// Cost per click ∝ q^−0.25: narrow, high-intent targeting costs more per click
/// **(assumption, the direction follows auction pricing of scarcer audiences)**.
pub const INTENT_CPC_ELASTICITY: f64 = 0.25;

/// Cost per click ∝ (industry order value)^0.5, normalised to mean 1 over the industries:
/// advertisers bid up to what a customer is worth, so high-ticket industries pay more per click
/// (WordStream CPC by industry spans ~6×, DOMAIN.md §1 $1.36–8.67) while their ROAS is still
/// higher (ROAS by industry 2.5–8, DOMAIN.md §8). Elasticity 0.5 is an **(assumption)**.
pub const INDUSTRY_CPC_ELASTICITY: f64 = 0.5;

/// Expected order value of an industry, dollars: mean shelf price of its catalog (log-uniform
/// within each product's range) × mean quantity 1.25 × mean discount factor 0.925 (the sale
/// draw in `world::plan`).
pub fn expected_order_usd(industry: usize) -> f64 {
    let products = INDUSTRIES[industry % INDUSTRIES.len()].products;
    let mean_price = products
        .iter()
        .map(|&(_, lo, hi)| {
            if hi <= 0.0 || lo <= 0.0 {
                MIN_PRICE_USD
            } else if (hi - lo).abs() < f64::EPSILON {
                lo
            } else {
                (hi - lo) / (hi / lo).ln()
            }
        })
        .sum::<f64>()
        / products.len() as f64;
    mean_price * 1.25 * 0.925
}

/// Cost-per-click multiplier of an industry (mean 1 over the industries).
pub fn industry_cpc_factor(industry: usize) -> f64 {
    static FACTORS: LazyLock<Vec<f64>> = LazyLock::new(|| {
        let raw: Vec<f64> = (0..INDUSTRIES.len())
            .map(|i| expected_order_usd(i).powf(INDUSTRY_CPC_ELASTICITY))
            .collect();
        let mean = raw.iter().sum::<f64>() / raw.len() as f64;
        raw.iter().map(|x| x / mean).collect()
    });
    FACTORS[industry % FACTORS.len()]
}

/// Great-circle distance in km (haversine, Earth radius 6 371 km).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Sale-probability multiplier for a client `km` from the placement's market city: 1 at the
/// city, falling with distance to a floor of 0.4 (scale 300 km). Buyers far from a store or
/// delivery zone convert less (shipping cost and time; assumption for the size).
pub fn distance_factor(km: f64) -> f64 {
    DISTANCE_FLOOR + (1.0 - DISTANCE_FLOOR) * (-km.max(0.0) / DISTANCE_SCALE_KM).exp()
}

/// Floor of [`distance_factor`] (assumption).
pub const DISTANCE_FLOOR: f64 = 0.4;
/// Distance scale of [`distance_factor`], km (assumption).
pub const DISTANCE_SCALE_KM: f64 = 300.0;

/// Whether a country is one of the Latin American markets of the catalog.
pub fn latin_america(country_code: &str) -> bool {
    matches!(country_code, "CR" | "MX" | "CO" | "PA" | "GT")
}

/// Sale-probability multiplier of a channel kind in a market's country. Social and creator
/// channels sell better in Latin America, where people spend more time on social networks
/// than in the US or Spain (DataReportal Digital 2024 puts Latin American countries above
/// 3 h/day against ~2 h/day in the US and Spain); search and email sell better in the US and
/// Spain, where buying starts from a search box and an inbox. Sizes are **(assumption)**.
pub fn channel_market_lift(kind: &str, country_code: &str) -> f64 {
    let latam = latin_america(country_code);
    match kind {
        "social" | "influencer" => {
            if latam {
                1.3
            } else {
                0.7
            }
        }
        "search" | "email" => {
            if latam {
                0.85
            } else {
                1.3
            }
        }
        _ => 1.0,
    }
}

/// Sale-probability multiplier of leads captured in a configured peak month: gift seasons
/// bring buyers with intent (Adobe: Cyber Week alone is 16.9% of the holiday season,
/// DOMAIN.md §3); the size is an **(assumption)**.
pub const PEAK_SALE_LIFT: f64 = 1.5;

// ---- What verify requires (the documented sign and size of each relationship) -------------

/// Median campaign ROAS range (issue 8; DOMAIN.md §8 blended 2.87 with owned channels above).
pub const CAMPAIGN_MEDIAN_ROAS: (f64, f64) = (2.0, 6.0);
/// Blended ROAS range (DOMAIN.md §8: 2.87 blended, ~5 mature search).
pub const BLENDED_ROAS: (f64, f64) = (2.5, 5.0);
/// Minimum Pearson correlation of campaign spend with revenue and with conversions.
pub const MIN_SPEND_CORRELATION: f64 = 0.6;
/// Largest share of campaigns allowed to lose money (ROAS < 1): under-delivery is a minority.
pub const MAX_UNDERWATER_SHARE: f64 = 0.25;
/// Sales per lead, nearest distance quintile ÷ farthest, at least.
pub const DISTANCE_MIN_RATIO: f64 = 1.5;
/// Sales per lead, leads captured in peak months ÷ other months, at least.
pub const PEAK_MIN_RATIO: f64 = 1.15;
/// Channel × market interaction: (social LatAm ÷ social US+ES) ÷ (search LatAm ÷ search
/// US+ES), sales per lead, at least.
pub const CHANNEL_MARKET_MIN_RATIO: f64 = 1.5;
/// Sales per lead, most expensive lead-cost quintile ÷ cheapest (within channel kind), at least.
pub const LEAD_COST_MIN_RATIO: f64 = 2.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_covers_every_kind_once_with_ordered_bounds() {
        for table in [
            ROAS_BY_KIND,
            CPA_BY_KIND,
            CPC_BY_KIND,
            CPM_BY_KIND,
            CLICK_TO_SALE_BY_KIND,
        ] {
            assert_eq!(table.len(), KINDS.len());
            for kind in KINDS {
                let k = range_of(table, kind).unwrap_or_else(|| panic!("{kind} missing"));
                assert!(k.low > 0.0 && k.low < k.high, "{kind}: {k:?}");
                assert!(!k.source.is_empty());
            }
        }
    }

    #[test]
    fn roas_ranges_order_owned_first_and_awareness_last() {
        let roas = |k| range_of(ROAS_BY_KIND, k).map(|r| r.low).unwrap_or(0.0);
        for k in ["social", "search", "professional", "influencer"] {
            assert!(roas("email") > roas(k) && roas("sms") > roas(k));
            assert!(roas(k) >= roas("display") && roas(k) >= roas("video"));
        }
    }

    #[test]
    fn cpa_ranges_are_order_value_over_roas() {
        for kind in KINDS {
            let roas = range_of(ROAS_BY_KIND, kind).unwrap();
            let cpa = range_of(CPA_BY_KIND, kind).unwrap();
            assert!((cpa.low - 82.0 / roas.high).abs() < 0.1, "{kind}");
            assert!((cpa.high - 300.0 / roas.low).abs() < 0.1, "{kind}");
        }
    }

    #[test]
    fn haversine_matches_known_distances() {
        // San José – Alajuela ≈ 16.5 km; San José – Mexico City ≈ 1 950 km; Madrid – Barcelona ≈ 505 km.
        let sj_al = distance_km(9.9281, -84.0907, 10.0163, -84.2116);
        assert!((15.5..17.5).contains(&sj_al), "{sj_al}");
        let sj_mx = distance_km(9.9281, -84.0907, 19.4326, -99.1332);
        assert!((1900.0..2000.0).contains(&sj_mx), "{sj_mx}");
        let md_bc = distance_km(40.4168, -3.7038, 41.3874, 2.1686);
        assert!((495.0..515.0).contains(&md_bc), "{md_bc}");
        assert_eq!(distance_km(1.0, 2.0, 1.0, 2.0), 0.0);
    }

    #[test]
    fn distance_factor_falls_to_its_floor() {
        assert_eq!(distance_factor(0.0), 1.0);
        assert!((distance_factor(300.0) - (0.4 + 0.6 / std::f64::consts::E)).abs() < 1e-12);
        assert!(distance_factor(2000.0) < 0.41 && distance_factor(2000.0) >= 0.4);
        assert!(distance_factor(10.0) > distance_factor(100.0));
    }

    #[test]
    fn channel_market_interaction_has_the_documented_size() {
        let social = channel_market_lift("social", "CR") / channel_market_lift("social", "US");
        let search = channel_market_lift("search", "CR") / channel_market_lift("search", "ES");
        assert!((social / search - (1.3 / 0.7) / (0.85 / 1.3)).abs() < 1e-9);
        assert!(social / search > CHANNEL_MARKET_MIN_RATIO);
        assert_eq!(channel_market_lift("display", "US"), 1.0);
    }

    #[test]
    fn industry_cpc_factors_average_one_and_follow_order_value() {
        let n = INDUSTRIES.len();
        let mean: f64 = (0..n).map(industry_cpc_factor).sum::<f64>() / n as f64;
        assert!((mean - 1.0).abs() < 1e-12);
        let food = INDUSTRIES
            .iter()
            .position(|i| i.key == "food_beverage")
            .unwrap();
        let travel = INDUSTRIES.iter().position(|i| i.key == "travel").unwrap();
        assert!(expected_order_usd(travel) > 5.0 * expected_order_usd(food));
        assert!(industry_cpc_factor(travel) > 2.0 * industry_cpc_factor(food));
        // Food: products $6-60, mean order value between $20 and $35.
        assert!((20.0..35.0).contains(&expected_order_usd(food)));
    }
}
