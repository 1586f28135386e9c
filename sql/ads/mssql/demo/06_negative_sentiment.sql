-- PromptAds demo: ads of one brand that caused negative sentiment and a drop in reactions,
-- compared across influencers. Run on a loaded database; THROWs if the answer is wrong.
-- Question (seeds): for a date range, which ads of one brand caused negative sentiment on social
-- networks and a drop in reactions, naming the channel (and, on influencer channels, the
-- influencers), the negative category and the % drop?
--
-- How the query finds them, from sentiment_daily and daily_results only:
-- 1. Per ad, channel and day: negative and total mentions, and the negative category. An
--    incident keeps one complaint category from its first day on, while ordinary days draw
--    categories at random, so the incident starts where the final run of one category begins.
-- 2. Keep runs of at least 7 days whose negative share of mentions at least doubles.
-- 3. Reaction drop per placement (one influencer or market): reactions (likes + comments +
--    shares) per impression after the start vs before. The ad-channel drop is
--    1 - actual reactions after / reactions expected at each placement's own earlier rate, so
--    a shift of impressions between influencers does not pass for a drop.
-- 4. Keep drops of at least 15 % that started inside the range.
-- Self-check: the answer is exactly the ground truth ads.sentiment_incidents of that brand and
-- range, each with its channel, category and a drop within 5 points of reaction_drop_pct.
-- Indexes used: CX_sentiment_daily_day / IX_sentiment_daily_negative, IX_daily_results_channel_day.
-- PostgreSQL twin (run in the test suite): sql/ads/postgres/demo/06_negative_sentiment.sql.
SET NOCOUNT ON;

-- Parameters: the brand with the most incidents; the range runs from the first of the month
-- after its earliest incident (so at least one falls outside) to the as-of date.
DECLARE @brand_id BIGINT = (
    SELECT TOP (1) c.brand_id FROM ads.sentiment_incidents AS i
    JOIN ads.campaigns AS c ON c.campaign_id = i.campaign_id
    GROUP BY c.brand_id ORDER BY COUNT(*) DESC, c.brand_id);
DECLARE @date_from DATE = (
    SELECT DATEADD(MONTH, 1, DATEFROMPARTS(YEAR(MIN(i.started_on)), MONTH(MIN(i.started_on)), 1))
    FROM ads.sentiment_incidents AS i JOIN ads.campaigns AS c ON c.campaign_id = i.campaign_id
    WHERE c.brand_id = @brand_id);
DECLARE @date_to DATE = '2025-10-31';

CREATE TABLE #found (
    ad_id BIGINT NOT NULL, channel_id BIGINT NOT NULL, channel NVARCHAR(64) NOT NULL,
    category NVARCHAR(64) NOT NULL, started_on DATE NOT NULL, drop_pct DECIMAL(9, 1) NOT NULL,
    influencers NVARCHAR(MAX) NULL, PRIMARY KEY (ad_id, channel_id));

WITH brand_ads AS (
    SELECT a.ad_id
    FROM ads.ads AS a JOIN ads.campaigns AS c ON c.campaign_id = a.campaign_id
    WHERE c.brand_id = @brand_id AND c.end_date >= @date_from AND c.start_date <= @date_to
),
day_mood AS (           -- 1. one row per ad, channel and day
    SELECT s.ad_id, s.channel_id, s.day,
           SUM(CASE WHEN s.sentiment = N'negative' THEN s.mentions ELSE 0 END) AS negative,
           SUM(s.mentions) AS mentions,
           MIN(s.category) AS cat_lo,
           MAX(s.category) AS cat_hi
    FROM ads.sentiment_daily AS s JOIN brand_ads AS b ON b.ad_id = s.ad_id
    GROUP BY s.ad_id, s.channel_id, s.day
),
final_cat AS (          -- the category on each ad-channel's last day
    SELECT ad_id, channel_id, cat_lo AS category, CASE WHEN cat_lo = cat_hi THEN 1 ELSE 0 END AS single
    FROM (SELECT d.*, ROW_NUMBER() OVER (PARTITION BY ad_id, channel_id ORDER BY day DESC) AS rn
          FROM day_mood AS d) AS x
    WHERE rn = 1
),
breaks AS (             -- the last day that does not belong to the final run
    SELECT d.ad_id, d.channel_id, MAX(d.day) AS last_break
    FROM day_mood AS d JOIN final_cat AS f ON f.ad_id = d.ad_id AND f.channel_id = d.channel_id
    WHERE d.cat_lo <> f.category OR d.cat_hi <> f.category
    GROUP BY d.ad_id, d.channel_id
),
runs AS (               -- 2. the final run: start, length, negative share before and during
    SELECT d.ad_id, d.channel_id, f.category,
           MIN(CASE WHEN d.day > b.last_break THEN d.day END) AS started_on,
           SUM(CASE WHEN d.day > b.last_break THEN 1 ELSE 0 END) AS run_days,
           CAST(SUM(CASE WHEN d.day > b.last_break THEN d.negative ELSE 0 END) AS FLOAT)
               / NULLIF(SUM(CASE WHEN d.day > b.last_break THEN d.mentions ELSE 0 END), 0) AS share_during,
           CAST(SUM(CASE WHEN d.day <= b.last_break THEN d.negative ELSE 0 END) AS FLOAT)
               / NULLIF(SUM(CASE WHEN d.day <= b.last_break THEN d.mentions ELSE 0 END), 0) AS share_before
    FROM day_mood AS d
    JOIN final_cat AS f ON f.ad_id = d.ad_id AND f.channel_id = d.channel_id
    JOIN breaks AS b ON b.ad_id = d.ad_id AND b.channel_id = d.channel_id
    WHERE f.single = 1
    GROUP BY d.ad_id, d.channel_id, f.category
),
suspects AS (
    SELECT * FROM runs
    WHERE run_days >= 7 AND share_during >= 2 * COALESCE(share_before, 0) AND share_during > 0
),
per_placement AS (      -- 3. reactions per impression before and after, per placement
    SELECT s.ad_id, s.channel_id, r.placement_id,
           CAST(SUM(CASE WHEN r.day < s.started_on THEN r.likes + r.comments + r.shares ELSE 0 END) AS FLOAT)
               / NULLIF(SUM(CASE WHEN r.day < s.started_on THEN r.impressions ELSE 0 END), 0) AS rate_before,
           SUM(CASE WHEN r.day >= s.started_on THEN r.likes + r.comments + r.shares ELSE 0 END) AS reactions_after,
           SUM(CASE WHEN r.day >= s.started_on THEN r.impressions ELSE 0 END) AS impressions_after
    FROM suspects AS s
    JOIN ads.daily_results AS r ON r.ad_id = s.ad_id AND r.channel_id = s.channel_id
    GROUP BY s.ad_id, s.channel_id, r.placement_id
),
drops AS (
    SELECT ad_id, channel_id,
           ROUND(100 * (1 - SUM(reactions_after) / NULLIF(SUM(rate_before * impressions_after), 0)), 1) AS drop_pct
    FROM per_placement WHERE rate_before > 0
    GROUP BY ad_id, channel_id
)
INSERT INTO #found (ad_id, channel_id, channel, category, started_on, drop_pct, influencers)
SELECT s.ad_id, s.channel_id, ch.name, s.category, s.started_on, d.drop_pct,
       (SELECT STRING_AGG(h.handle, N', ') WITHIN GROUP (ORDER BY h.handle)
        FROM (SELECT DISTINCT i.handle
              FROM ads.placements AS pl JOIN ads.influencers AS i ON i.influencer_id = pl.influencer_id
              WHERE pl.ad_id = s.ad_id AND pl.channel_id = s.channel_id) AS h)
FROM suspects AS s
JOIN drops AS d ON d.ad_id = s.ad_id AND d.channel_id = s.channel_id
JOIN ads.channels AS ch ON ch.channel_id = s.channel_id
WHERE d.drop_pct >= 15 AND s.started_on BETWEEN @date_from AND @date_to;   -- 4.

SELECT ad_id, channel, category, started_on, drop_pct, influencers FROM #found ORDER BY drop_pct DESC;

-- Self-check against the ground truth.
SELECT i.ad_id, i.channel_id, ch.name AS channel, i.category, i.reaction_drop_pct
INTO #truth
FROM ads.sentiment_incidents AS i
JOIN ads.campaigns AS c ON c.campaign_id = i.campaign_id
JOIN ads.channels AS ch ON ch.channel_id = i.channel_id
WHERE c.brand_id = @brand_id AND i.started_on BETWEEN @date_from AND @date_to;

IF (SELECT COUNT(*) FROM #truth) < 1
    THROW 50601, N'Too few incidents in the range to test the query.', 1;
IF EXISTS (SELECT ad_id, channel_id FROM #truth EXCEPT SELECT ad_id, channel_id FROM #found)
   OR EXISTS (SELECT ad_id, channel_id FROM #found EXCEPT SELECT ad_id, channel_id FROM #truth)
    THROW 50602, N'The query did not return exactly the ground-truth incidents of the brand and range.', 1;
IF EXISTS (SELECT 1 FROM #found AS f JOIN #truth AS t ON t.ad_id = f.ad_id AND t.channel_id = f.channel_id
           WHERE f.channel <> t.channel OR f.category <> t.category
              OR ABS(f.drop_pct - t.reaction_drop_pct) > 5)
    THROW 50603, N'An incident has a wrong channel or category, or a drop more than 5 points off.', 1;
PRINT N'Negative sentiment: exactly the ground-truth incidents, channel and category right, drop within 5 points.';
DROP TABLE #found;
DROP TABLE #truth;
GO
