-- PromptAds extract for SQL Server: the T-SQL twin of ../ads_extract.sql, for the n8n
-- "Microsoft SQL" node (n8n-nodes-base.microsoftSql, typeVersion 1.2, Execute Query) on the
-- PromptAds instance. The node binds its Query Parameters as @p1, @p2…: Query Parameters =
-- {{ $json.watermark }} ('YYYY-MM-DDTHH:MI:SS'). One statement: under READ_COMMITTED_SNAPSHOT
-- (or SNAPSHOT isolation) the watermark and the rows come from one snapshot. Same JSON document
-- as the PostgreSQL extract, so the portal's sales.etl_load_ads() takes either.
-- Needs SQL Server 2016+ (FOR JSON) and the indexes of sources.sql. Not executed here (no SQL
-- Server on these machines); parsed with sqlfluff's tsql dialect by scripts/test.d/90-etl.sh.
DECLARE @watermark DATETIME2(0) = CONVERT(DATETIME2(0), @p1, 126);

WITH changed_results AS (
    SELECT campaign_id, day, channel_id, updated_at
    FROM ads.daily_results WHERE updated_at > @watermark
), changed_campaigns AS (
    SELECT campaign_id, name, status, budget, updated_at
    FROM ads.campaigns WHERE updated_at > @watermark
), touched AS (
    SELECT DISTINCT campaign_id, day, channel_id FROM changed_results
), recomputed AS (
    SELECT d.campaign_id, d.day, ch.name AS channel,
           SUM(d.impressions) AS impressions, SUM(d.clicks) AS clicks, SUM(d.cost) AS spent,
           SUM(d.reach) AS reach, SUM(d.interactions) AS engagement, SUM(d.conversions) AS conversions
    FROM touched AS t
    INNER JOIN ads.daily_results AS d ON d.campaign_id = t.campaign_id AND d.day = t.day AND d.channel_id = t.channel_id
    INNER JOIN ads.channels AS ch ON ch.channel_id = d.channel_id
    GROUP BY d.campaign_id, d.day, ch.name
)
SELECT (
    SELECT
        'ads' AS source,
        (SELECT CONVERT(VARCHAR(19), MAX(w.m), 126) FROM (
            SELECT MAX(updated_at) AS m FROM changed_results
            UNION ALL SELECT MAX(updated_at) FROM changed_campaigns) AS w) AS watermark,
        (SELECT COUNT_BIG(*) FROM changed_results) + (SELECT COUNT_BIG(*) FROM changed_campaigns) AS records,
        JSON_QUERY(ISNULL((
            SELECT campaign_id, CONVERT(CHAR(10), day, 23) AS summary_date, channel, impressions, clicks,
                   CONVERT(VARCHAR(40), spent) AS spent, reach, engagement, conversions
            FROM recomputed ORDER BY campaign_id, day, channel FOR JSON PATH), '[]')) AS summary,
        JSON_QUERY(ISNULL((
            SELECT campaign_id, name, status, CONVERT(VARCHAR(40), budget) AS budget
            FROM changed_campaigns ORDER BY campaign_id FOR JSON PATH), '[]')) AS campaigns
    FOR JSON PATH, WITHOUT_ARRAY_WRAPPER, INCLUDE_NULL_VALUES
) AS payload;
