-- PromptAds extract (runs on the ads store with the ETL role; $1 = the ads watermark,
-- 'YYYY-MM-DDTHH:MI:SS', simulated UTC time). One statement, so the watermark it returns and the
-- rows it read come from one snapshot: a change committed meanwhile has a later updated_at and is
-- picked up by the next run. Returns one row, one JSON document:
--   watermark  max(updated_at) of the changed rows (NULL when nothing changed: keep the old one)
--   records    changed source rows read (ads.daily_results + ads.campaigns)
--   summary    the ads_summary rows of every (campaign, day, channel) a changed daily result
--              touches, recomputed from ALL of that key's daily results (never an increment)
--   campaigns  name, status and budget of every changed campaign (for campaign_performance)
-- Money leaves as text so no float ever holds a cent.
WITH changed_results AS (
    SELECT campaign_id, day, channel_id, updated_at
    FROM ads.daily_results WHERE updated_at > $1::TIMESTAMP
), changed_campaigns AS (
    SELECT campaign_id, name, status, budget, updated_at
    FROM ads.campaigns WHERE updated_at > $1::TIMESTAMP
), touched AS (
    SELECT DISTINCT campaign_id, day, channel_id FROM changed_results
), recomputed AS (
    SELECT d.campaign_id, d.day, ch.name AS channel,
           sum(d.impressions) AS impressions, sum(d.clicks) AS clicks, sum(d.cost) AS spent,
           sum(d.reach) AS reach, sum(d.interactions) AS engagement, sum(d.conversions) AS conversions
    FROM touched t
    JOIN ads.daily_results d ON d.campaign_id = t.campaign_id AND d.day = t.day AND d.channel_id = t.channel_id
    JOIN ads.channels ch ON ch.channel_id = d.channel_id
    GROUP BY d.campaign_id, d.day, ch.name
)
SELECT json_build_object(
    'source', 'ads',
    'watermark', (SELECT to_char(max(m), 'YYYY-MM-DD"T"HH24:MI:SS') FROM (
                      SELECT max(updated_at) AS m FROM changed_results
                      UNION ALL SELECT max(updated_at) FROM changed_campaigns) w),
    'records', (SELECT count(*) FROM changed_results) + (SELECT count(*) FROM changed_campaigns),
    'summary', coalesce((SELECT json_agg(json_build_object(
                    'campaign_id', campaign_id, 'summary_date', day, 'channel', channel,
                    'impressions', impressions, 'clicks', clicks, 'spent', spent::TEXT, 'reach', reach,
                    'engagement', engagement, 'conversions', conversions)
                    ORDER BY campaign_id, day, channel) FROM recomputed), '[]'::JSON),
    'campaigns', coalesce((SELECT json_agg(json_build_object(
                    'campaign_id', campaign_id, 'name', name, 'status', status, 'budget', budget::TEXT)
                    ORDER BY campaign_id) FROM changed_campaigns), '[]'::JSON)
)::TEXT AS payload
