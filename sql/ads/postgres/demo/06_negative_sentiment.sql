-- PostgreSQL twin of sql/ads/mssql/demo/06_negative_sentiment.sql.
-- Question (seeds, PromptAds): for a date range, which ads of one brand caused negative
-- sentiment on social networks and a drop in reactions, naming the channel (and, on influencer
-- channels, the influencers), the negative category and the % drop?
--
-- How the query finds them, from sentiment_daily and daily_results only:
-- 1. Per ad, channel and day: negative and total mentions, and the negative category. An
--    incident keeps one complaint category from its first day on, while ordinary days draw
--    categories at random, so the incident starts where the final run of one category begins.
-- 2. Keep runs of at least 7 days whose negative share of mentions at least doubles.
-- 3. Reaction drop per placement (one influencer or market): reactions (likes + comments +
--    shares) per impression after the start vs before. The ad-channel drop is
--    1 − actual reactions after / reactions expected at each placement's own earlier rate, so
--    a shift of impressions between influencers does not pass for a drop.
-- 4. Keep drops of at least 15 % that started inside the range.
-- The query is wrapped in a session-local function (pg_temp) so it can be asked for several
-- brands and ranges; the T-SQL twin runs it once with variables.
-- Self-check: for every brand with incidents over the whole window, and for the brand with
-- the most incidents over a range that starts after its first one, the answer is exactly the
-- ground truth ads.sentiment_incidents of that brand and range (same ads and channels), each
-- with its channel, category and a drop within 5 points of reaction_drop_pct. Brands and
-- ranges are chosen from the data, never hard-coded.
BEGIN;
CREATE FUNCTION pg_temp.negative_sentiment_ads(p_brand BIGINT, p_from DATE, p_to DATE)
RETURNS TABLE (ad_id BIGINT, channel TEXT, channel_id BIGINT, category TEXT, started_on DATE,
               drop_pct NUMERIC, influencers TEXT)
LANGUAGE sql STABLE AS $fn$
WITH brand_ads AS (
    SELECT a.ad_id
    FROM ads.ads a JOIN ads.campaigns c ON c.campaign_id = a.campaign_id
    WHERE c.brand_id = p_brand AND c.end_date >= p_from AND c.start_date <= p_to),
day_mood AS (           -- 1. one row per ad, channel and day
    SELECT s.ad_id, s.channel_id, s.day,
           sum(CASE WHEN s.sentiment = 'negative' THEN s.mentions ELSE 0 END) AS negative,
           sum(s.mentions) AS mentions,
           min(s.category) AS cat_lo,
           max(s.category) AS cat_hi
    FROM ads.sentiment_daily s JOIN brand_ads b ON b.ad_id = s.ad_id
    GROUP BY s.ad_id, s.channel_id, s.day),
final_cat AS (          -- the category on each ad-channel's last day
    SELECT DISTINCT ON (ad_id, channel_id) ad_id, channel_id, cat_lo AS category, cat_lo = cat_hi AS single
    FROM day_mood ORDER BY ad_id, channel_id, day DESC),
breaks AS (             -- the last day that does not belong to the final run
    SELECT d.ad_id, d.channel_id, max(d.day) AS last_break
    FROM day_mood d JOIN final_cat f USING (ad_id, channel_id)
    WHERE d.cat_lo <> f.category OR d.cat_hi <> f.category
    GROUP BY d.ad_id, d.channel_id),
runs AS (               -- 2. the final run: start, length, negative share before and during
    SELECT d.ad_id, d.channel_id, f.category, min(d.day) FILTER (WHERE d.day > b.last_break) AS started_on,
           count(*) FILTER (WHERE d.day > b.last_break) AS run_days,
           sum(d.negative) FILTER (WHERE d.day > b.last_break)::NUMERIC
               / NULLIF(sum(d.mentions) FILTER (WHERE d.day > b.last_break), 0) AS share_during,
           sum(d.negative) FILTER (WHERE d.day <= b.last_break)::NUMERIC
               / NULLIF(sum(d.mentions) FILTER (WHERE d.day <= b.last_break), 0) AS share_before
    FROM day_mood d JOIN final_cat f USING (ad_id, channel_id)
    JOIN breaks b USING (ad_id, channel_id)   -- no break at all: no before period to compare
    WHERE f.single
    GROUP BY d.ad_id, d.channel_id, f.category),
suspects AS (
    SELECT * FROM runs
    WHERE run_days >= 7 AND share_during >= 2 * COALESCE(share_before, 0) AND share_during > 0),
per_placement AS (      -- 3. reactions per impression before and after, per placement
    SELECT s.ad_id, s.channel_id, r.placement_id,
           sum(r.likes + r.comments + r.shares) FILTER (WHERE r.day < s.started_on)::NUMERIC
               / NULLIF(sum(r.impressions) FILTER (WHERE r.day < s.started_on), 0) AS rate_before,
           sum(r.likes + r.comments + r.shares) FILTER (WHERE r.day >= s.started_on) AS reactions_after,
           sum(r.impressions) FILTER (WHERE r.day >= s.started_on) AS impressions_after
    FROM suspects s JOIN ads.daily_results r ON r.ad_id = s.ad_id AND r.channel_id = s.channel_id
    GROUP BY s.ad_id, s.channel_id, r.placement_id),
drops AS (
    SELECT ad_id, channel_id,
           round(100 * (1 - sum(reactions_after) / NULLIF(sum(rate_before * impressions_after), 0)), 1) AS drop_pct
    FROM per_placement WHERE rate_before > 0
    GROUP BY ad_id, channel_id)
SELECT s.ad_id, ch.name::TEXT, s.channel_id, s.category::TEXT, s.started_on, d.drop_pct,
       (SELECT string_agg(DISTINCT i.handle, ', ' ORDER BY i.handle)
        FROM ads.placements pl JOIN ads.influencers i ON i.influencer_id = pl.influencer_id
        WHERE pl.ad_id = s.ad_id AND pl.channel_id = s.channel_id) AS influencers
FROM suspects s
JOIN drops d USING (ad_id, channel_id)
JOIN ads.ads a ON a.ad_id = s.ad_id
JOIN ads.campaigns c ON c.campaign_id = a.campaign_id
JOIN ads.channels ch ON ch.channel_id = s.channel_id
WHERE d.drop_pct >= 15 AND s.started_on BETWEEN p_from AND p_to;   -- 4.
$fn$;

-- The marketer's view: the brand with the most incidents, over the whole window.
SELECT f.ad_id, f.channel, f.category, f.started_on, f.drop_pct, f.influencers
FROM (SELECT c.brand_id FROM ads.sentiment_incidents i JOIN ads.campaigns c USING (campaign_id)
      GROUP BY c.brand_id ORDER BY count(*) DESC, c.brand_id LIMIT 1) b,
     pg_temp.negative_sentiment_ads(b.brand_id, DATE '2024-07-01', DATE '2025-10-31') f
ORDER BY f.drop_pct DESC;

-- Cases: every brand with incidents over the whole window, plus the top brand from the first
-- of the month after its earliest incident (so the range must exclude that one).
CREATE TEMP TABLE cases ON COMMIT DROP AS
SELECT c.brand_id, DATE '2024-07-01' AS date_from, DATE '2025-10-31' AS date_to
FROM ads.sentiment_incidents i JOIN ads.campaigns c USING (campaign_id) GROUP BY c.brand_id;
INSERT INTO cases
SELECT b.brand_id, (date_trunc('month', min(i.started_on)) + INTERVAL '1 month')::DATE, DATE '2025-10-31'
FROM (SELECT c.brand_id FROM ads.sentiment_incidents i JOIN ads.campaigns c USING (campaign_id)
      GROUP BY c.brand_id ORDER BY count(*) DESC, c.brand_id LIMIT 1) b
JOIN ads.campaigns c ON c.brand_id = b.brand_id JOIN ads.sentiment_incidents i USING (campaign_id)
GROUP BY b.brand_id;

CREATE TEMP TABLE found ON COMMIT DROP AS
SELECT k.brand_id, k.date_from, k.date_to, f.*
FROM cases k, pg_temp.negative_sentiment_ads(k.brand_id, k.date_from, k.date_to) f;

CREATE TEMP TABLE truth ON COMMIT DROP AS
SELECT k.brand_id, k.date_from, k.date_to, i.ad_id, i.channel_id, ch.name AS channel, i.category, i.reaction_drop_pct
FROM cases k
JOIN ads.campaigns c ON c.brand_id = k.brand_id
JOIN ads.sentiment_incidents i ON i.campaign_id = c.campaign_id AND i.started_on BETWEEN k.date_from AND k.date_to
JOIN ads.channels ch ON ch.channel_id = i.channel_id;

DO $$
DECLARE
    n_cases INT; n_truth INT; n_found INT; missing INT; extra INT; wrong INT; worst NUMERIC;
    narrowed INT; all_incidents INT;
BEGIN
    SELECT count(*) INTO n_cases FROM cases;
    SELECT count(*) INTO n_truth FROM truth;
    SELECT count(*) INTO n_found FROM found;
    SELECT count(*) INTO all_incidents FROM ads.sentiment_incidents;
    SELECT count(*) INTO missing FROM truth t WHERE NOT EXISTS (
        SELECT 1 FROM found f WHERE (f.brand_id, f.date_from, f.ad_id, f.channel_id) = (t.brand_id, t.date_from, t.ad_id, t.channel_id));
    SELECT count(*) INTO extra FROM found f WHERE NOT EXISTS (
        SELECT 1 FROM truth t WHERE (f.brand_id, f.date_from, f.ad_id, f.channel_id) = (t.brand_id, t.date_from, t.ad_id, t.channel_id));
    SELECT count(*) FILTER (WHERE f.channel <> t.channel OR f.category <> t.category OR abs(f.drop_pct - t.reaction_drop_pct) > 5),
           max(abs(f.drop_pct - t.reaction_drop_pct))
    INTO wrong, worst
    FROM found f JOIN truth t USING (brand_id, date_from, ad_id, channel_id);
    -- The narrowed case must have excluded at least one incident of its brand.
    SELECT count(*) INTO narrowed FROM cases k
    WHERE k.date_from > DATE '2024-07-01'
      AND (SELECT count(*) FROM truth t WHERE (t.brand_id, t.date_from) = (k.brand_id, k.date_from))
        < (SELECT count(*) FROM truth t WHERE t.brand_id = k.brand_id AND t.date_from = DATE '2024-07-01');
    IF all_incidents < 3 OR narrowed <> 1 THEN
        RAISE EXCEPTION 'negative sentiment: % incidents in the data, narrowed range excluded some: %; too few to test', all_incidents, narrowed = 1;
    END IF;
    IF missing <> 0 OR extra <> 0 OR n_found <> n_truth THEN
        RAISE EXCEPTION 'negative sentiment: found % rows for % ground-truth incidents (% missed, % not incidents)', n_found, n_truth, missing, extra;
    END IF;
    IF wrong <> 0 THEN
        RAISE EXCEPTION 'negative sentiment: % incidents with a wrong channel, category or a drop off by > 5 points (worst %)', wrong, worst;
    END IF;
    RAISE NOTICE 'negative sentiment: % brand/range cases, % ground-truth incidents found exactly (all % in the data; one range excludes its brand''s first); channel and category right, drop within % points (≤ 5)',
        n_cases, n_truth, all_incidents, worst;
END $$;
ROLLBACK;
