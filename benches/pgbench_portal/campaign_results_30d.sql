-- Portal dashboard: a campaign's last 30 days of results by day (index on campaign_id, day).
\set cid random(1, :max_campaign)
SELECT day, sum(impressions) AS impressions, sum(clicks) AS clicks, sum(conversions) AS conversions,
       sum(cost) AS cost, sum(revenue) AS revenue
FROM ads.daily_results
WHERE campaign_id = :cid
  AND day > (SELECT max(d.day) FROM ads.daily_results d WHERE d.campaign_id = :cid) - 30
GROUP BY day ORDER BY day;
