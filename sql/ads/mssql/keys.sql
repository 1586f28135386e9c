-- PromptAds on SQL Server: keys, checks and indexes, applied by `promptsales load sqlserver`
-- after the data is bulk-loaded (one sort per index instead of maintaining them row by row).
-- Clustered indexes follow how the demo queries scan: facts by campaign and day, sentiment by
-- day; each primary key stays unique but NONCLUSTERED where the scan order differs.

ALTER TABLE ads.brands ADD CONSTRAINT PK_brands PRIMARY KEY CLUSTERED (brand_id);
ALTER TABLE ads.products ADD CONSTRAINT PK_products PRIMARY KEY CLUSTERED (product_id);
ALTER TABLE ads.products ADD CONSTRAINT FK_products_brand FOREIGN KEY (brand_id) REFERENCES ads.brands (brand_id);
ALTER TABLE ads.products ADD CONSTRAINT CK_products_price CHECK (unit_price > 0);
ALTER TABLE ads.channels ADD CONSTRAINT PK_channels PRIMARY KEY CLUSTERED (channel_id);
ALTER TABLE ads.channels ADD CONSTRAINT UQ_channels_name UNIQUE (name);
ALTER TABLE ads.channels ADD CONSTRAINT CK_channels_kind CHECK (kind IN (N'social', N'search', N'display', N'video', N'email', N'sms', N'professional', N'influencer'));
ALTER TABLE ads.markets ADD CONSTRAINT PK_markets PRIMARY KEY CLUSTERED (market_id);
ALTER TABLE ads.markets ADD CONSTRAINT CK_markets_coordinates CHECK (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180);
ALTER TABLE ads.campaigns ADD CONSTRAINT PK_campaigns PRIMARY KEY CLUSTERED (campaign_id);
ALTER TABLE ads.campaigns ADD CONSTRAINT FK_campaigns_brand FOREIGN KEY (brand_id) REFERENCES ads.brands (brand_id);
ALTER TABLE ads.campaigns ADD CONSTRAINT CK_campaigns_status CHECK (status IN (N'active', N'completed'));
ALTER TABLE ads.campaigns ADD CONSTRAINT CK_campaigns_dates CHECK (end_date >= start_date);
ALTER TABLE ads.campaigns ADD CONSTRAINT CK_campaigns_budget CHECK (budget >= 0 AND spent >= 0 AND spent <= budget);
ALTER TABLE ads.campaign_channels ADD CONSTRAINT PK_campaign_channels PRIMARY KEY CLUSTERED (campaign_id, channel_id);
ALTER TABLE ads.campaign_channels ADD CONSTRAINT FK_campaign_channels_campaign FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id);
ALTER TABLE ads.campaign_channels ADD CONSTRAINT FK_campaign_channels_channel FOREIGN KEY (channel_id) REFERENCES ads.channels (channel_id);
ALTER TABLE ads.campaign_markets ADD CONSTRAINT PK_campaign_markets PRIMARY KEY CLUSTERED (campaign_id, market_id);
ALTER TABLE ads.campaign_markets ADD CONSTRAINT FK_campaign_markets_campaign FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id);
ALTER TABLE ads.campaign_markets ADD CONSTRAINT FK_campaign_markets_market FOREIGN KEY (market_id) REFERENCES ads.markets (market_id);
ALTER TABLE ads.influencers ADD CONSTRAINT PK_influencers PRIMARY KEY CLUSTERED (influencer_id);
ALTER TABLE ads.influencers ADD CONSTRAINT CK_influencers_followers CHECK (followers >= 0);
ALTER TABLE ads.ads ADD CONSTRAINT PK_ads PRIMARY KEY CLUSTERED (ad_id);
ALTER TABLE ads.ads ADD CONSTRAINT FK_ads_campaign FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id);
ALTER TABLE ads.placements ADD CONSTRAINT PK_placements PRIMARY KEY CLUSTERED (placement_id);
ALTER TABLE ads.placements ADD CONSTRAINT FK_placements_ad FOREIGN KEY (ad_id) REFERENCES ads.ads (ad_id);
ALTER TABLE ads.placements ADD CONSTRAINT FK_placements_campaign FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id);
ALTER TABLE ads.placements ADD CONSTRAINT FK_placements_channel FOREIGN KEY (channel_id) REFERENCES ads.channels (channel_id);
ALTER TABLE ads.placements ADD CONSTRAINT FK_placements_market FOREIGN KEY (market_id) REFERENCES ads.markets (market_id);
ALTER TABLE ads.placements ADD CONSTRAINT FK_placements_influencer FOREIGN KEY (influencer_id) REFERENCES ads.influencers (influencer_id);
ALTER TABLE ads.placements ADD CONSTRAINT CK_placements_influencer CHECK ((influencer_id IS NULL AND channel_kind <> N'influencer')
        OR (influencer_id IS NOT NULL AND channel_kind = N'influencer'));
GO

-- Daily facts: clustered by (campaign_id, day) because every report slices a campaign over a
-- date range; the (placement_id, day) key stays unique as a nonclustered primary key.
CREATE CLUSTERED INDEX CX_daily_results_campaign_day ON ads.daily_results (campaign_id, day);
ALTER TABLE ads.daily_results ADD CONSTRAINT PK_daily_results PRIMARY KEY NONCLUSTERED (placement_id, day);
ALTER TABLE ads.daily_results ADD CONSTRAINT FK_daily_results_placement FOREIGN KEY (placement_id) REFERENCES ads.placements (placement_id);
ALTER TABLE ads.daily_results ADD CONSTRAINT FK_daily_results_campaign FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id);
ALTER TABLE ads.daily_results ADD CONSTRAINT CK_daily_results_money CHECK (cost >= 0 AND revenue >= 0 AND leads >= 0 AND conversions >= 0);
CREATE NONCLUSTERED INDEX IX_daily_results_channel_day ON ads.daily_results (channel_id, day)
    INCLUDE (likes, comments, shares, interactions, cost, revenue);

-- Sentiment: clustered by day (the negative-sentiment query scans a date range).
CREATE CLUSTERED INDEX CX_sentiment_daily_day ON ads.sentiment_daily (day, placement_id);
ALTER TABLE ads.sentiment_daily ADD CONSTRAINT PK_sentiment_daily PRIMARY KEY NONCLUSTERED (placement_id, day, sentiment);
ALTER TABLE ads.sentiment_daily ADD CONSTRAINT FK_sentiment_daily_placement FOREIGN KEY (placement_id) REFERENCES ads.placements (placement_id);
ALTER TABLE ads.sentiment_daily ADD CONSTRAINT CK_sentiment_daily_sentiment CHECK (sentiment IN (N'positive', N'neutral', N'negative'));
CREATE NONCLUSTERED INDEX IX_sentiment_daily_negative ON ads.sentiment_daily (ad_id, day)
    INCLUDE (category, mentions, channel_id) WHERE sentiment = N'negative';

ALTER TABLE ads.sentiment_incidents ADD CONSTRAINT PK_sentiment_incidents PRIMARY KEY CLUSTERED (ad_id);
ALTER TABLE ads.sentiment_incidents ADD CONSTRAINT FK_sentiment_incidents_ad FOREIGN KEY (ad_id) REFERENCES ads.ads (ad_id);
ALTER TABLE ads.sentiment_incidents ADD CONSTRAINT FK_sentiment_incidents_campaign FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id);
ALTER TABLE ads.sentiment_incidents ADD CONSTRAINT FK_sentiment_incidents_channel FOREIGN KEY (channel_id) REFERENCES ads.channels (channel_id);
ALTER TABLE ads.sentiment_incidents ADD CONSTRAINT CK_sentiment_incidents_drop CHECK (reaction_drop_pct BETWEEN 0 AND 100);

CREATE NONCLUSTERED INDEX IX_campaigns_brand_start ON ads.campaigns (brand_id, start_date) INCLUDE (end_date, budget, status);
CREATE NONCLUSTERED INDEX IX_placements_ad ON ads.placements (ad_id) INCLUDE (channel_id, market_id, influencer_id);
CREATE NONCLUSTERED INDEX IX_ads_campaign ON ads.ads (campaign_id);
GO
