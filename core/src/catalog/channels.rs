//! The channel catalog with per-channel rates from DOMAIN.md §1–2.

/// One advertising channel and the rates its daily results are drawn around.
#[derive(Debug, Clone, Copy)]
pub struct Channel {
    /// `channel_id`.
    pub id: i64,
    /// Display name.
    pub name: &'static str,
    /// One of social, search, display, video, email, sms, professional, influencer.
    pub kind: &'static str,
    /// Platform the channel runs on.
    pub platform: &'static str,
    /// Typical cost per 1 000 impressions (sends, for email and SMS), in cents.
    pub cpm_cents: f64,
    /// Clicks per impression.
    pub ctr: f64,
    /// Click → CRM lead rate.
    pub lead_rate: f64,
    /// Lead → sale (closed-won) probability for B2C leads.
    pub win_rate: f64,
    /// Views per impression (video views, opens, ThruPlays).
    pub view_rate: f64,
    /// Reactions (likes + comments + shares) per impression.
    pub reaction_rate: f64,
    /// Seconds of exposure per impression.
    pub exposure_seconds: f64,
    /// Impressions per person reached (frequency).
    pub frequency: f64,
    /// Whether social listening tracks mentions (sentiment rows exist).
    pub has_sentiment: bool,
}

impl Channel {
    /// Expected cost per lead in cents: CPM / (1000 · CTR · lead rate).
    pub fn cost_per_lead_cents(&self) -> f64 {
        self.cpm_cents / (1000.0 * self.ctr * self.lead_rate)
    }
}

/// Likes : shares : comments ≈ 100 : 7 : 1.4 (TikTok posts, DOMAIN.md §2).
pub const LIKE_SHARE_COMMENT: [f64; 3] = [100.0 / 108.4, 7.0 / 108.4, 1.4 / 108.4];

/// The fixed channel catalog (ids 1..=12).
pub const CHANNELS: [Channel; 12] = [
    // Meta CPM $9.71 Q2–Q3, CTR 1.5–1.6% traffic, lead-ad CVR 8.78%; ThruPlay 18–25%;
    // Facebook engagement per impression 5.07% (DOMAIN.md §1, §2). Win rate: Facebook site
    // CVR 0.93% of visits vs 8.78% lead CVR → ~11% of leads buy (derived).
    Channel {
        id: 1,
        name: "Facebook",
        kind: "social",
        platform: "meta",
        cpm_cents: 971.0,
        ctr: 0.0155,
        lead_rate: 0.0878,
        win_rate: 0.11,
        view_rate: 0.22,
        reaction_rate: 0.0507 - 0.0155,
        exposure_seconds: 2.5,
        frequency: 2.2,
        has_sentiment: true,
    },
    // Instagram feed CPM $7.68; engagement per impression 1.16% (DOMAIN.md §1, §2).
    Channel {
        id: 2,
        name: "Instagram",
        kind: "social",
        platform: "meta",
        cpm_cents: 768.0,
        ctr: 0.0110,
        lead_rate: 0.0825,
        win_rate: 0.10,
        view_rate: 0.25,
        reaction_rate: 0.0116,
        exposure_seconds: 2.0,
        frequency: 2.4,
        has_sentiment: true,
    },
    // TikTok CPM $6–12, CTR 0.73–1.2%, engagement per view 6.72% (DOMAIN.md §1, §2);
    // lead rate (assumption).
    Channel {
        id: 3,
        name: "TikTok",
        kind: "social",
        platform: "tiktok",
        cpm_cents: 900.0,
        ctr: 0.0095,
        lead_rate: 0.05,
        win_rate: 0.08,
        view_rate: 0.50,
        reaction_rate: 0.0336,
        exposure_seconds: 4.0,
        frequency: 2.0,
        has_sentiment: true,
    },
    // X CPM $5.76, CPC $0.38 → CTR ≈ 1.5%; engagement per impression 2.31% (DOMAIN.md §1, §2).
    Channel {
        id: 4,
        name: "X",
        kind: "social",
        platform: "x",
        cpm_cents: 576.0,
        ctr: 0.0150,
        lead_rate: 0.03,
        win_rate: 0.07,
        view_rate: 0.15,
        reaction_rate: 0.0231 - 0.0150,
        exposure_seconds: 1.5,
        frequency: 1.8,
        has_sentiment: true,
    },
    // LinkedIn CPM $27, single-image CTR 0.56%, engagement per impression 6.5% (DOMAIN.md §1, §2).
    Channel {
        id: 5,
        name: "LinkedIn",
        kind: "professional",
        platform: "linkedin",
        cpm_cents: 2700.0,
        ctr: 0.0056,
        lead_rate: 0.06,
        win_rate: 0.18,
        view_rate: 0.20,
        reaction_rate: 0.0650 - 0.0056,
        exposure_seconds: 3.0,
        frequency: 1.6,
        has_sentiment: true,
    },
    // Google Search CTR 6.42%, CPC $4.66 → CPM ≈ $299, CVR 6.96% (DOMAIN.md §1).
    Channel {
        id: 6,
        name: "Google Search",
        kind: "search",
        platform: "google",
        cpm_cents: 29_917.0,
        ctr: 0.0642,
        lead_rate: 0.0696,
        win_rate: 0.16,
        view_rate: 1.0,
        reaction_rate: 0.0,
        exposure_seconds: 1.0,
        frequency: 1.3,
        has_sentiment: false,
    },
    // Google Display CTR 0.46%, CPM $2.80–3.12, CVR 0.77% (DOMAIN.md §1).
    Channel {
        id: 7,
        name: "Google Display",
        kind: "display",
        platform: "google",
        cpm_cents: 296.0,
        ctr: 0.0046,
        lead_rate: 0.0077,
        win_rate: 0.06,
        view_rate: 1.0,
        reaction_rate: 0.0,
        exposure_seconds: 1.2,
        frequency: 3.0,
        has_sentiment: false,
    },
    // YouTube CPM $3.53, view rate 31.9%, view CTR 0.514%, likes 4% and comments 0.5% of
    // views (DOMAIN.md §1, §2); lead rate (assumption).
    Channel {
        id: 8,
        name: "YouTube",
        kind: "video",
        platform: "google",
        cpm_cents: 353.0,
        ctr: 0.00514 * 0.319,
        lead_rate: 0.02,
        win_rate: 0.08,
        view_rate: 0.319,
        reaction_rate: 0.319 * 0.045,
        exposure_seconds: 8.0,
        frequency: 2.5,
        has_sentiment: true,
    },
    // Email: cost per 1 000 sends $1 (assumption); open rate 25.1%, click rate 2.5% of
    // delivered, click → purchase 1 in 20 (DOMAIN.md §1).
    Channel {
        id: 9,
        name: "Email",
        kind: "email",
        platform: "email",
        cpm_cents: 100.0,
        ctr: 0.025,
        lead_rate: 0.15,
        win_rate: 0.20,
        view_rate: 0.251,
        reaction_rate: 0.0,
        exposure_seconds: 10.0,
        frequency: 1.0,
        has_sentiment: false,
    },
    // SMS: cost per message $0.015 (assumption); click rate 8.9–14.5%, conversion 1–2%
    // (DOMAIN.md §1).
    Channel {
        id: 10,
        name: "SMS",
        kind: "sms",
        platform: "sms",
        cpm_cents: 1500.0,
        ctr: 0.10,
        lead_rate: 0.12,
        win_rate: 0.15,
        view_rate: 0.95,
        reaction_rate: 0.0,
        exposure_seconds: 5.0,
        frequency: 1.0,
        has_sentiment: false,
    },
    // Instagram influencers: CPM like Instagram Stories $6.25 (DOMAIN.md §1); reactions come
    // from the influencer's tier engagement rate (see `influencer_reaction_rate`).
    Channel {
        id: 11,
        name: "Instagram Influencers",
        kind: "influencer",
        platform: "instagram",
        cpm_cents: 625.0,
        ctr: 0.008,
        lead_rate: 0.04,
        win_rate: 0.10,
        view_rate: 0.35,
        reaction_rate: 0.0,
        exposure_seconds: 3.0,
        frequency: 1.5,
        has_sentiment: true,
    },
    // TikTok influencers: TikTok CPM (DOMAIN.md §1).
    Channel {
        id: 12,
        name: "TikTok Influencers",
        kind: "influencer",
        platform: "tiktok",
        cpm_cents: 700.0,
        ctr: 0.007,
        lead_rate: 0.035,
        win_rate: 0.09,
        view_rate: 0.55,
        reaction_rate: 0.0,
        exposure_seconds: 5.0,
        frequency: 1.4,
        has_sentiment: true,
    },
];

/// Channel by catalog index (0-based).
pub fn channel(index: usize) -> &'static Channel {
    &CHANNELS[index % CHANNELS.len()]
}

/// Influencer tiers: name, follower range, and (Instagram, TikTok) typical engagement rates,
/// (likes + comments) / followers (DOMAIN.md §1, influencer table).
pub const TIERS: [(&str, f64, f64, f64, f64); 4] = [
    ("nano", 1_000.0, 10_000.0, 0.035, 0.103),
    ("micro", 10_000.0, 100_000.0, 0.0275, 0.065),
    ("macro", 100_000.0, 1_000_000.0, 0.0165, 0.0475),
    ("mega", 1_000_000.0, 20_000_000.0, 0.012, 0.049),
];

/// Share of influencers per tier, percent (assumption: the long tail is nano).
pub const TIER_WEIGHTS: [u32; 4] = [50, 35, 12, 3];

/// Reactions per impression for an influencer post: engagement per follower divided by the
/// organic reach share (≈ 30% of followers, DOMAIN.md §2 "organic post reach ÷ followers").
pub fn influencer_reaction_rate(tier: usize, platform_tiktok: bool) -> f64 {
    let (_, _, _, ig, tt) = TIERS[tier.min(3)];
    (if platform_tiktok { tt } else { ig }) / 0.30
}
