//! Arrow layouts of the PromptAds tables.

use crate::columns;
use crate::gen::ads::ads::Ads;
use crate::gen::ads::brands::Brands;
use crate::gen::ads::campaign_channels::CampaignChannels;
use crate::gen::ads::campaign_markets::CampaignMarkets;
use crate::gen::ads::campaigns::Campaigns;
use crate::gen::ads::channels::Channels;
use crate::gen::ads::daily_results::DailyResults;
use crate::gen::ads::influencers::Influencers;
use crate::gen::ads::markets::Markets;
use crate::gen::ads::placements::Placements;
use crate::gen::ads::products::Products;
use crate::gen::ads::sentiment_daily::SentimentDaily;
use crate::gen::ads::sentiment_incidents::SentimentIncidents;

columns!(BrandsBatch for Brands { brand_id: I64, name: Str, industry: Dict, country_code: Dict, website: Str });
columns!(ProductsBatch for Products { product_id: I64, brand_id: I64, name: Str, category: Dict, unit_price: Money });
columns!(ChannelsBatch for Channels { channel_id: I64, name: Str, kind: Dict, platform: Dict });
columns!(MarketsBatch for Markets { market_id: I64, country_code: Dict, country: Dict, city: Str, latitude: F64, longitude: F64, currency: Dict });
columns!(CampaignsBatch for Campaigns {
    campaign_id: I64, brand_id: I64, name: Str, objective: Dict, status: Dict, start_date: Date, end_date: Date,
    budget: Money, spent: Money, currency: Dict, target_audience: Str, updated_at: Timestamp,
});
columns!(CampaignChannelsBatch for CampaignChannels { campaign_id: I64, channel_id: I64, channel_name: Dict });
columns!(CampaignMarketsBatch for CampaignMarkets { campaign_id: I64, market_id: I64, city: Dict });
columns!(InfluencersBatch for Influencers { influencer_id: I64, handle: Str, platform: Dict, tier: Dict, followers: I64, country_code: Dict, niche: Dict });
columns!(AdsBatch for Ads { ad_id: I64, campaign_id: I64, image_id: I64, headline: Str, format: Dict, call_to_action: Dict });
columns!(PlacementsBatch for Placements { placement_id: I64, ad_id: I64, campaign_id: I64, channel_id: I64, market_id: I64, influencer_id: OptI64, channel_kind: Dict });
columns!(DailyResultsBatch for DailyResults {
    placement_id: I64, campaign_id: I64, ad_id: I64, channel_id: I64, market_id: I64, day: Date,
    impressions: I64, reach: I64, views: I64, likes: I64, comments: I64, shares: I64, interactions: I64,
    clicks: I64, leads: I64, conversions: I64, exposure_hours: Money, cost: Money, revenue: Money, currency: Dict,
    updated_at: Timestamp,
});
columns!(SentimentDailyBatch for SentimentDaily {
    placement_id: I64, day: Date, sentiment: Dict, category: OptDict, mentions: I64, campaign_id: I64, ad_id: I64, channel_id: I64,
});
columns!(SentimentIncidentsBatch for SentimentIncidents { ad_id: I64, campaign_id: I64, channel_id: I64, category: Dict, started_on: Date, reaction_drop_pct: I64 });
