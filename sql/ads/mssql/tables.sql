-- Generated from the promptsales table registry (loaders/src/mssql/ddl.rs); do not edit.
-- Regenerate: UPDATE_SQL=1 cargo test --release -p promptsales-loaders mssql::ddl
-- NVARCHAR widths: longest value at seed 42, scale 0.1, x1.5, rounded up to a power of two.
IF SCHEMA_ID(N'ads') IS NULL EXEC(N'CREATE SCHEMA ads');
GO

CREATE TABLE ads.brands (
    brand_id BIGINT NOT NULL,
    name NVARCHAR(32) NOT NULL,
    industry NVARCHAR(32) NOT NULL,
    country_code NVARCHAR(16) NOT NULL,
    website NVARCHAR(64) NOT NULL
);

CREATE TABLE ads.products (
    product_id BIGINT NOT NULL,
    brand_id BIGINT NOT NULL,
    name NVARCHAR(64) NOT NULL,
    category NVARCHAR(32) NOT NULL,
    unit_price DECIMAL(18,2) NOT NULL
);

CREATE TABLE ads.channels (
    channel_id BIGINT NOT NULL,
    name NVARCHAR(32) NOT NULL,
    kind NVARCHAR(32) NOT NULL,
    platform NVARCHAR(16) NOT NULL
);

CREATE TABLE ads.markets (
    market_id BIGINT NOT NULL,
    country_code NVARCHAR(16) NOT NULL,
    country NVARCHAR(32) NOT NULL,
    city NVARCHAR(32) NOT NULL,
    latitude FLOAT NOT NULL,
    longitude FLOAT NOT NULL,
    currency NVARCHAR(16) NOT NULL
);

CREATE TABLE ads.campaigns (
    campaign_id BIGINT NOT NULL,
    brand_id BIGINT NOT NULL,
    name NVARCHAR(128) NOT NULL,
    objective NVARCHAR(16) NOT NULL,
    status NVARCHAR(16) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    budget DECIMAL(18,2) NOT NULL,
    spent DECIMAL(18,2) NOT NULL,
    currency NVARCHAR(16) NOT NULL,
    target_audience NVARCHAR(256) NOT NULL,
    updated_at DATETIME2(0) NOT NULL
);

CREATE TABLE ads.campaign_channels (
    campaign_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    channel_name NVARCHAR(32) NOT NULL
);

CREATE TABLE ads.campaign_markets (
    campaign_id BIGINT NOT NULL,
    market_id BIGINT NOT NULL,
    city NVARCHAR(32) NOT NULL
);

CREATE TABLE ads.influencers (
    influencer_id BIGINT NOT NULL,
    handle NVARCHAR(64) NOT NULL,
    platform NVARCHAR(16) NOT NULL,
    tier NVARCHAR(16) NOT NULL,
    followers BIGINT NOT NULL,
    country_code NVARCHAR(16) NOT NULL,
    niche NVARCHAR(16) NOT NULL
);

CREATE TABLE ads.ads (
    ad_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    image_id BIGINT NOT NULL,
    headline NVARCHAR(128) NOT NULL,
    format NVARCHAR(16) NOT NULL,
    call_to_action NVARCHAR(64) NOT NULL
);

CREATE TABLE ads.placements (
    placement_id BIGINT NOT NULL,
    ad_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    market_id BIGINT NOT NULL,
    influencer_id BIGINT NULL,
    channel_kind NVARCHAR(32) NOT NULL
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
    exposure_hours DECIMAL(18,2) NOT NULL,
    cost DECIMAL(18,2) NOT NULL,
    revenue DECIMAL(18,2) NOT NULL,
    currency NVARCHAR(16) NOT NULL,
    updated_at DATETIME2(0) NOT NULL
);

CREATE TABLE ads.sentiment_daily (
    placement_id BIGINT NOT NULL,
    day DATE NOT NULL,
    sentiment NVARCHAR(16) NOT NULL,
    category NVARCHAR(32) NULL,
    mentions BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    ad_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL
);

CREATE TABLE ads.sentiment_incidents (
    ad_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    category NVARCHAR(32) NOT NULL,
    started_on DATE NOT NULL,
    reaction_drop_pct BIGINT NOT NULL
);
GO
