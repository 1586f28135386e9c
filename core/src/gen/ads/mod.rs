//! PromptAds tables.

#![allow(clippy::module_inception)] // `ads.ads` is a table of the `ads` store

pub mod ads;
pub mod brands;
pub mod campaign_channels;
pub mod campaign_markets;
pub mod campaigns;
pub mod channels;
pub mod daily_results;
pub mod influencers;
pub mod markets;
pub mod placements;
pub mod products;
pub mod sentiment_daily;
pub mod sentiment_incidents;
