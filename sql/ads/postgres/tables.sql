-- Generated from the promptsales table registry (loaders/src/postgres/ddl.rs); do not edit.
-- Regenerate: UPDATE_SQL=1 cargo test -p promptsales-loaders ddl
CREATE SCHEMA IF NOT EXISTS ads;

CREATE TABLE ads.brands (
    brand_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    industry TEXT NOT NULL,
    country_code TEXT NOT NULL,
    website TEXT NOT NULL
);

CREATE TABLE ads.products (
    product_id BIGINT NOT NULL,
    brand_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    unit_price NUMERIC(18,2) NOT NULL
);

CREATE TABLE ads.channels (
    channel_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    platform TEXT NOT NULL
);

CREATE TABLE ads.markets (
    market_id BIGINT NOT NULL,
    country_code TEXT NOT NULL,
    country TEXT NOT NULL,
    city TEXT NOT NULL,
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    currency TEXT NOT NULL
);

CREATE TABLE ads.campaigns (
    campaign_id BIGINT NOT NULL,
    brand_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    objective TEXT NOT NULL,
    status TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    budget NUMERIC(18,2) NOT NULL,
    spent NUMERIC(18,2) NOT NULL,
    currency TEXT NOT NULL,
    target_audience TEXT NOT NULL,
    updated_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE ads.campaign_channels (
    campaign_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    channel_name TEXT NOT NULL
);

CREATE TABLE ads.campaign_markets (
    campaign_id BIGINT NOT NULL,
    market_id BIGINT NOT NULL,
    city TEXT NOT NULL
);

CREATE TABLE ads.influencers (
    influencer_id BIGINT NOT NULL,
    handle TEXT NOT NULL,
    platform TEXT NOT NULL,
    tier TEXT NOT NULL,
    followers BIGINT NOT NULL,
    country_code TEXT NOT NULL,
    niche TEXT NOT NULL
);

CREATE TABLE ads.ads (
    ad_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    image_id BIGINT NOT NULL,
    headline TEXT NOT NULL,
    format TEXT NOT NULL,
    call_to_action TEXT NOT NULL
);

CREATE TABLE ads.placements (
    placement_id BIGINT NOT NULL,
    ad_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    market_id BIGINT NOT NULL,
    influencer_id BIGINT,
    channel_kind TEXT NOT NULL
);

CREATE TABLE ads.daily_results (
    placement_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    ad_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    market_id BIGINT NOT NULL,
    day DATE NOT NULL,
    impressions BIGINT NOT NULL,
    reach BIGINT NOT NULL,
    views BIGINT NOT NULL,
    likes BIGINT NOT NULL,
    comments BIGINT NOT NULL,
    shares BIGINT NOT NULL,
    interactions BIGINT NOT NULL,
    clicks BIGINT NOT NULL,
    leads BIGINT NOT NULL,
    conversions BIGINT NOT NULL,
    exposure_hours NUMERIC(18,2) NOT NULL,
    cost NUMERIC(18,2) NOT NULL,
    revenue NUMERIC(18,2) NOT NULL,
    currency TEXT NOT NULL,
    updated_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE ads.sentiment_daily (
    placement_id BIGINT NOT NULL,
    day DATE NOT NULL,
    sentiment TEXT NOT NULL,
    category TEXT,
    mentions BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    ad_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL
);

CREATE TABLE ads.sentiment_incidents (
    ad_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    category TEXT NOT NULL,
    started_on DATE NOT NULL,
    reaction_drop_pct BIGINT NOT NULL
);
