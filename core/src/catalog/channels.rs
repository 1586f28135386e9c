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
    /// Clicks per impression; with the CPM it sets the cost per click (CPM / (1000 · CTR)).
    pub ctr: f64,
    /// Clicks that end in a sale (before the lifts of `catalog::economics`).
    pub click_to_sale: f64,
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
    /// Typical cost per click in cents: CPM / (1000 · CTR).
    pub fn cpc_cents(&self) -> f64 {
        self.cpm_cents / (1000.0 * self.ctr)
    }

    /// Clicks → CRM leads at lead quality 1: click → sale over the mean share of leads that
    /// buy (`economics::MEAN_SALE_PER_LEAD`), so leads × that share reproduces click → sale.
    pub fn click_to_lead(&self) -> f64 {
        self.click_to_sale / super::economics::MEAN_SALE_PER_LEAD
    }
}

/// Likes : shares : comments ≈ 100 : 7 : 1.4 (TikTok posts, DOMAIN.md §2).
pub const LIKE_SHARE_COMMENT: [f64; 3] = [100.0 / 108.4, 7.0 / 108.4, 1.4 / 108.4];

/// The fixed channel catalog (ids 1..=12).
pub const CHANNELS: [Channel; 12] = [
    // Meta CPM $9.71 Q2–Q3, CTR 1.3% → CPC $0.75 (Meta CPC $0.45–1.92), click → sale 1.3%
    // (Meta CVR 1.1–2.5%); ThruPlay 18–25%; Facebook engagement per impression 5.07%
    // (DOMAIN.md §1, §2, §8).
    Channel {
        id: 1,
        name: "Facebook",
        kind: "social",
        platform: "meta",
        cpm_cents: 971.0,
        ctr: 0.013,
        click_to_sale: 0.013,
        view_rate: 0.22,
        reaction_rate: 0.0507 - 0.0155,
        exposure_seconds: 2.5,
        frequency: 2.2,
        has_sentiment: true,
    },
    // Instagram feed CPM $7.68, CTR 1.1% → CPC $0.70; engagement per impression 1.16% (DOMAIN.md §1, §2);
    // click → sale as Meta (DOMAIN.md §8).
    Channel {
        id: 2,
        name: "Instagram",
        kind: "social",
        platform: "meta",
        cpm_cents: 768.0,
        ctr: 0.011,
        click_to_sale: 0.011,
        view_rate: 0.25,
        reaction_rate: 0.0116,
        exposure_seconds: 2.0,
        frequency: 2.4,
        has_sentiment: true,
    },
    // TikTok CPM $6–12, CTR 0.73–1.2% → CPC $0.78 (TikTok $0.70–1.50), engagement per view
    // 6.72% (DOMAIN.md §1, §2); click → sale as Meta (DOMAIN.md §8).
    Channel {
        id: 3,
        name: "TikTok",
        kind: "social",
        platform: "tiktok",
        cpm_cents: 900.0,
        ctr: 0.0115,
        click_to_sale: 0.013,
        view_rate: 0.50,
        reaction_rate: 0.0336,
        exposure_seconds: 4.0,
        frequency: 2.0,
        has_sentiment: true,
    },
    // X CPM $5.76, CPC $0.38 → CTR ≈ 1.5%; engagement per impression 2.31% (DOMAIN.md §1, §2);
    // click → sale near the social site CVR 0.74% (DOMAIN.md §1).
    Channel {
        id: 4,
        name: "X",
        kind: "social",
        platform: "x",
        cpm_cents: 576.0,
        ctr: 0.015,
        click_to_sale: 0.008,
        view_rate: 0.15,
        reaction_rate: 0.0231 - 0.0150,
        exposure_seconds: 1.5,
        frequency: 1.8,
        has_sentiment: true,
    },
    // LinkedIn CPM $27, CTR 0.49% → CPC $5.51 (LinkedIn $5.50–21); engagement per impression
    // 6.5% (DOMAIN.md §1, §2); click → sale 8% (assumption, docs/economics.md).
    Channel {
        id: 5,
        name: "LinkedIn",
        kind: "professional",
        platform: "linkedin",
        cpm_cents: 2700.0,
        ctr: 0.0049,
        click_to_sale: 0.08,
        view_rate: 0.20,
        reaction_rate: 0.0650 - 0.0056,
        exposure_seconds: 3.0,
        frequency: 1.6,
        has_sentiment: true,
    },
    // Google Search CTR 6.42%, CPC $2.33 (range $1.36–8.67) → CPM ≈ $150; click → sale 4.5%
    // (DOMAIN.md §1, §8).
    Channel {
        id: 6,
        name: "Google Search",
        kind: "search",
        platform: "google",
        cpm_cents: 14_959.0,
        ctr: 0.0642,
        click_to_sale: 0.045,
        view_rate: 1.0,
        reaction_rate: 0.0,
        exposure_seconds: 1.0,
        frequency: 1.3,
        has_sentiment: false,
    },
    // Google Display CPM $3.08, CTR 0.51% (0.35–1.08%) → CPC $0.60 (range $0.58–0.75; the
    // campaign's lead quality lifts the click-weighted mean ~1.1×), CVR 0.6% (0.57–0.77%)
    // (DOMAIN.md §1).
    Channel {
        id: 7,
        name: "Google Display",
        kind: "display",
        platform: "google",
        cpm_cents: 308.0,
        ctr: 0.0051,
        click_to_sale: 0.006,
        view_rate: 1.0,
        reaction_rate: 0.0,
        exposure_seconds: 1.2,
        frequency: 3.0,
        has_sentiment: false,
    },
    // YouTube CPM $3.00 (range $2.16–3.53), TrueView CTR 0.3% → CPC $1.00, view rate 31.9%,
    // likes 4% and comments 0.5% of views (DOMAIN.md §1, §2); click → sale 0.9% (assumption).
    Channel {
        id: 8,
        name: "YouTube",
        kind: "video",
        platform: "google",
        cpm_cents: 300.0,
        ctr: 0.003,
        click_to_sale: 0.009,
        view_rate: 0.319,
        reaction_rate: 0.319 * 0.045,
        exposure_seconds: 8.0,
        frequency: 2.5,
        has_sentiment: true,
    },
    // Email: cost per 1 000 sends $6.50 (assumption); open rate 25.1%, click rate 2.0% of
    // delivered → CPC $0.33, click → purchase 6% (1 in 20 for campaigns, more for flows;
    // DOMAIN.md §1).
    Channel {
        id: 9,
        name: "Email",
        kind: "email",
        platform: "email",
        cpm_cents: 650.0,
        ctr: 0.02,
        click_to_sale: 0.06,
        view_rate: 0.251,
        reaction_rate: 0.0,
        exposure_seconds: 10.0,
        frequency: 1.0,
        has_sentiment: false,
    },
    // SMS: cost per message $0.03 (assumption: international SMS to Latin America); click rate
    // 8.9% → CPC $0.34, click → sale 7.5% (conversion 1–2% ÷ clicks, DOMAIN.md §1).
    Channel {
        id: 10,
        name: "SMS",
        kind: "sms",
        platform: "sms",
        cpm_cents: 3000.0,
        ctr: 0.089,
        click_to_sale: 0.075,
        view_rate: 0.95,
        reaction_rate: 0.0,
        exposure_seconds: 5.0,
        frequency: 1.0,
        has_sentiment: false,
    },
    // Instagram influencers: CPM like Instagram Stories $6.25 (DOMAIN.md §1), CTR 0.8% → CPC
    // $0.78; click → sale as paid social (assumption); reactions come from the influencer's
    // tier engagement rate (see `influencer_reaction_rate`).
    Channel {
        id: 11,
        name: "Instagram Influencers",
        kind: "influencer",
        platform: "instagram",
        cpm_cents: 625.0,
        ctr: 0.008,
        click_to_sale: 0.015,
        view_rate: 0.35,
        reaction_rate: 0.0,
        exposure_seconds: 3.0,
        frequency: 1.5,
        has_sentiment: true,
    },
    // TikTok influencers: TikTok CPM, CPC $1.00 (DOMAIN.md §1); click → sale as paid social
    // (assumption).
    Channel {
        id: 12,
        name: "TikTok Influencers",
        kind: "influencer",
        platform: "tiktok",
        cpm_cents: 700.0,
        ctr: 0.007,
        click_to_sale: 0.018,
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
