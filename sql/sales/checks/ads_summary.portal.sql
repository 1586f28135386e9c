SELECT campaign_id, summary_date, channel, impressions, clicks, spent::NUMERIC(18, 2), reach, engagement, conversions
FROM sales.ads_summary ORDER BY 1, 2, 3;
