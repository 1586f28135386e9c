-- sales.ads_summary recomputed from PromptAds: per campaign, day and channel, the sums of every
-- daily result (spent = cost, engagement = interactions).
SELECT d.campaign_id, d.day AS summary_date, ch.name AS channel, sum(d.impressions) AS impressions,
       sum(d.clicks) AS clicks, sum(d.cost)::NUMERIC(18, 2) AS spent, sum(d.reach) AS reach,
       sum(d.interactions) AS engagement, sum(d.conversions) AS conversions
FROM ads.daily_results d JOIN ads.channels ch USING (channel_id)
GROUP BY d.campaign_id, d.day, ch.name
ORDER BY 1, 2, 3;
