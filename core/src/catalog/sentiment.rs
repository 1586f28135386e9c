//! Sentiment categories and shares (DOMAIN.md §4).

/// Sentiment labels.
pub const SENTIMENTS: [&str; 3] = ["positive", "neutral", "negative"];

/// Share of brand mentions: positive 18%, neutral 77%, negative 6% (mention.com, DOMAIN.md §4),
/// normalised to sum to 1.
pub const BASE_SHARE: [f64; 3] = [18.0 / 101.0, 77.0 / 101.0, 6.0 / 101.0];

/// Negative categories and their mix for a retailer, percent (DOMAIN.md §4, assumption based on
/// Corra and Resolver).
pub const NEGATIVE_CATEGORIES: [(&str, u32); 7] = [
    ("service", 25),
    ("product_quality", 22),
    ("delivery", 20),
    ("price", 15),
    ("offensive_ad", 5),
    ("spam", 8),
    ("sarcasm", 5),
];

/// Chance that an ad draws a negative-sentiment incident (assumption: no published rate,
/// DOMAIN.md "Gaps"); only ads on channels with social listening, enough reach (see
/// `world::plan`) and at least [`INCIDENT_MIN_RUN_DAYS`] days of results qualify, about 40% of
/// ads, so ≈ 4% of all ads carry one.
pub const INCIDENT_SHARE: f64 = 0.10;
/// Minimum run days for an ad to host an incident (a week before and after the start).
pub const INCIDENT_MIN_RUN_DAYS: i32 = 21;
/// Negative-mention share multiplier while an incident runs (assumption).
pub const INCIDENT_NEGATIVE_BOOST: f64 = 6.0;
/// Range of the drop in influencer/social reactions, percent (assumption).
pub const INCIDENT_DROP_PCT: (i64, i64) = (30, 70);

/// The negative-category mix as a sampling table.
pub fn negative_category_table() -> &'static crate::rng::Weighted {
    static TABLE: std::sync::LazyLock<crate::rng::Weighted> = std::sync::LazyLock::new(|| {
        crate::rng::Weighted::new(NEGATIVE_CATEGORIES.iter().map(|c| c.1))
    });
    &TABLE
}
