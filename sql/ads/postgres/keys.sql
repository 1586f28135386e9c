-- PromptAds on PostgreSQL: keys, checks and indexes, applied by `promptsales load postgres`
-- after the data is copied (building them once is faster than maintaining them per row).

ALTER TABLE ads.brands ADD PRIMARY KEY (brand_id);
ALTER TABLE ads.products ADD PRIMARY KEY (product_id),
    ADD FOREIGN KEY (brand_id) REFERENCES ads.brands (brand_id),
    ADD CHECK (unit_price > 0);
ALTER TABLE ads.channels ADD PRIMARY KEY (channel_id),
    ADD CHECK (kind IN ('social', 'search', 'display', 'video', 'email', 'sms', 'professional', 'influencer'));
ALTER TABLE ads.markets ADD PRIMARY KEY (market_id);
ALTER TABLE ads.campaigns ADD PRIMARY KEY (campaign_id),
    ADD FOREIGN KEY (brand_id) REFERENCES ads.brands (brand_id),
    ADD CHECK (status IN ('active', 'completed')),
    ADD CHECK (end_date >= start_date),
    ADD CHECK (budget >= 0 AND spent >= 0 AND spent <= budget);
ALTER TABLE ads.campaign_channels ADD PRIMARY KEY (campaign_id, channel_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id),
    ADD FOREIGN KEY (channel_id) REFERENCES ads.channels (channel_id);
ALTER TABLE ads.campaign_markets ADD PRIMARY KEY (campaign_id, market_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id),
    ADD FOREIGN KEY (market_id) REFERENCES ads.markets (market_id);
ALTER TABLE ads.influencers ADD PRIMARY KEY (influencer_id),
    ADD CHECK (followers >= 0);
ALTER TABLE ads.ads ADD PRIMARY KEY (ad_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id);
ALTER TABLE ads.placements ADD PRIMARY KEY (placement_id),
    ADD FOREIGN KEY (ad_id) REFERENCES ads.ads (ad_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id),
    ADD FOREIGN KEY (channel_id) REFERENCES ads.channels (channel_id),
    ADD FOREIGN KEY (market_id) REFERENCES ads.markets (market_id),
    ADD FOREIGN KEY (influencer_id) REFERENCES ads.influencers (influencer_id),
    ADD CHECK ((influencer_id IS NULL) = (channel_kind <> 'influencer'));
ALTER TABLE ads.daily_results ADD PRIMARY KEY (placement_id, day),
    ADD FOREIGN KEY (placement_id) REFERENCES ads.placements (placement_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id),
    ADD CHECK (cost >= 0 AND revenue >= 0 AND leads >= 0 AND conversions >= 0);
ALTER TABLE ads.sentiment_daily ADD PRIMARY KEY (placement_id, day, sentiment),
    ADD FOREIGN KEY (placement_id) REFERENCES ads.placements (placement_id),
    ADD CHECK (sentiment IN ('positive', 'neutral', 'negative'));
ALTER TABLE ads.sentiment_incidents ADD PRIMARY KEY (ad_id),
    ADD FOREIGN KEY (ad_id) REFERENCES ads.ads (ad_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES ads.campaigns (campaign_id),
    ADD FOREIGN KEY (channel_id) REFERENCES ads.channels (channel_id);

-- The seeds' queries: results per campaign and period, per channel, negative sentiment by day.
CREATE INDEX ON ads.campaigns (start_date);
CREATE INDEX ON ads.daily_results (campaign_id, day);
CREATE INDEX ON ads.daily_results (channel_id, day);
CREATE INDEX ON ads.placements (campaign_id);
CREATE INDEX ON ads.sentiment_daily (day) WHERE sentiment = 'negative';
