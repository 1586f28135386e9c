-- PostgreSQL twin of sql/crm/mssql/03_analytics/*.sql: the four built-in correlations of
-- docs/economics.md, each found with its documented sign by CTE + PARTITION BY + RANK /
-- DENSE_RANK / NTILE queries by month, year, distance, channel and market.
-- Each finding RAISEs EXCEPTION if its sign or documented minimum size does not hold, and is
-- printed as "figure <verify metric name>=<value>" so the test step can compare it with the
-- same figure computed by `promptsales verify` in Rust (an independent implementation).
-- Distances: haversine on a sphere of 6371 km here (the T-SQL uses geography::STDistance on
-- the WGS 84 ellipsoid, < 0.5% apart). Peak months: the generator's default 12, 1, 8.
-- Latin America: CR, MX, CO, PA, GT (core/src/catalog/economics.rs).
BEGIN;

CREATE TEMP TABLE leads ON COMMIT DROP AS
SELECT cc.client_id, cc.campaign_id, cc.captured_on, ch.kind, m.country_code, m.city,
       m.country_code IN ('CR', 'MX', 'CO', 'PA', 'GT') AS latam,
       2 * 6371 * asin(least(1, sqrt(sin(radians(m.latitude - cl.latitude) / 2) ^ 2
           + cos(radians(cl.latitude)) * cos(radians(m.latitude)) * sin(radians(m.longitude - cl.longitude) / 2) ^ 2))) AS km,
       (s.client_id IS NOT NULL)::INT AS sold
FROM crm.client_campaigns cc
JOIN crm.clients cl ON cl.client_id = cc.client_id
JOIN ads.markets m ON m.market_id = cc.market_id
JOIN ads.channels ch ON ch.channel_id = cc.channel_id
LEFT JOIN (SELECT DISTINCT client_id, campaign_id FROM crm.sales) s
       ON s.client_id = cc.client_id AND s.campaign_id = cc.campaign_id;

-- 1. By month and year: revenue rank of each month inside its year (RANK OVER PARTITION BY).
WITH monthly AS (
    SELECT extract(YEAR FROM sold_on)::INT AS sale_year, extract(MONTH FROM sold_on)::INT AS sale_month,
           count(*) AS sales, sum(amount) AS revenue
    FROM crm.sales GROUP BY 1, 2
)
SELECT sale_year, sale_month, sales, revenue,
       rank() OVER (PARTITION BY sale_year ORDER BY revenue DESC) AS rank_in_year,
       round(revenue / sum(revenue) OVER (PARTITION BY sale_year), 3) AS share_of_year,
       CASE WHEN sale_month IN (12, 1, 8) THEN 'peak' ELSE '' END AS peak
FROM monthly ORDER BY sale_year, rank_in_year;

-- 2. Peak months: sales per lead by capture month, DENSE_RANK of conversion.
WITH by_month AS (
    SELECT extract(YEAR FROM captured_on)::INT AS capture_year, extract(MONTH FROM captured_on)::INT AS capture_month,
           count(*) AS leads, avg(sold) AS sales_per_lead
    FROM leads GROUP BY 1, 2
)
SELECT capture_year, capture_month, leads, round(sales_per_lead, 4) AS sales_per_lead,
       dense_rank() OVER (ORDER BY sales_per_lead DESC) AS conversion_rank,
       CASE WHEN capture_month IN (12, 1, 8) THEN 'peak' ELSE '' END AS peak
FROM by_month ORDER BY conversion_rank;

-- 3. Distance: quintiles of leads by km (NTILE), and per market the best band (RANK).
CREATE TEMP TABLE distance_q ON COMMIT DROP AS
WITH banded AS (SELECT sold, km, ntile(5) OVER (ORDER BY km) AS q FROM leads)
SELECT q, min(km) AS km_from, max(km) AS km_to, count(*) AS leads, avg(sold) AS sales_per_lead
FROM banded GROUP BY q;
TABLE distance_q ORDER BY q;

WITH by_band AS (
    SELECT city, country_code,
           CASE WHEN km < 25 THEN 1 WHEN km < 100 THEN 2 WHEN km < 300 THEN 3 WHEN km < 1000 THEN 4 ELSE 5 END AS band,
           count(*) AS leads, avg(sold) AS sales_per_lead
    FROM leads GROUP BY 1, 2, 3
)
SELECT city, country_code, band, leads, round(sales_per_lead, 4) AS sales_per_lead,
       rank() OVER (PARTITION BY city, country_code ORDER BY sales_per_lead DESC) AS rank_in_market
FROM by_band WHERE leads >= 100 ORDER BY country_code, city, rank_in_market;

-- 4. Channel × market: per country the channel kinds ranked, and the interaction index with
--    each lead weighed against its own campaign's sales per lead (AVG OVER PARTITION BY).
WITH cells AS (SELECT country_code, kind, count(*) AS leads, avg(sold) AS spl FROM leads GROUP BY 1, 2)
SELECT country_code, kind, leads, round(spl, 4) AS sales_per_lead,
       rank() OVER (PARTITION BY country_code ORDER BY spl DESC) AS rank_in_market
FROM cells WHERE leads >= 100 ORDER BY country_code, rank_in_market;

CREATE TEMP TABLE cm_index ON COMMIT DROP AS
WITH expected AS (
    SELECT kind, latam, sold, avg(sold) OVER (PARTITION BY campaign_id) AS campaign_rate FROM leads
)
SELECT kind, latam, sum(sold) / sum(campaign_rate) AS conversion_index, count(*) AS leads
FROM expected WHERE kind IN ('social', 'search') GROUP BY kind, latam;
TABLE cm_index ORDER BY kind, latam;

-- 5. Lead price: campaign × kind cost per lead relative to the kind's median (campaign × kind
--    groups with ≥ 30 leads), quintiles of leads by that ratio (running SUM OVER).
CREATE TEMP TABLE price_q ON COMMIT DROP AS
WITH by_kind AS (
    SELECT r.campaign_id, ch.kind, sum(r.cost) AS cost, sum(r.leads) AS leads, sum(r.conversions) AS conversions
    FROM ads.daily_results r JOIN ads.channels ch ON ch.channel_id = r.channel_id
    GROUP BY r.campaign_id, ch.kind HAVING sum(r.leads) >= 30
), medians AS (
    SELECT kind, percentile_cont(0.5) WITHIN GROUP (ORDER BY (cost / leads)::FLOAT8) AS median_cpl FROM by_kind GROUP BY kind
), relative AS (
    SELECT b.*, (b.cost / b.leads)::FLOAT8 / m.median_cpl AS relative_cpl
    FROM by_kind b JOIN medians m USING (kind) WHERE m.median_cpl > 0
), running AS (
    SELECT *, sum(leads) OVER (ORDER BY relative_cpl, leads ROWS UNBOUNDED PRECEDING) AS cum, sum(leads) OVER () AS total
    FROM relative
)
SELECT ceil(5.0 * cum / total)::INT AS q, count(*) AS campaign_kinds, sum(leads) AS leads,
       sum(conversions)::FLOAT8 / sum(leads) AS sales_per_lead,
       min(relative_cpl) AS rel_from, max(relative_cpl) AS rel_to
FROM running GROUP BY 1;
SELECT *, rank() OVER (ORDER BY sales_per_lead DESC) AS conversion_rank FROM price_q ORDER BY q;

DO $$
DECLARE
    peak FLOAT8; other FLOAT8; near FLOAT8; far FLOAT8;
    sl FLOAT8; sn FLOAT8; ql FLOAT8; qn FLOAT8; interaction FLOAT8;
    cheap FLOAT8; pricey FLOAT8; campaigns INT; r RECORD;
BEGIN
    SELECT count(*) INTO campaigns FROM ads.campaigns;
    IF campaigns < 300 THEN
        RAISE EXCEPTION 'analytics: % campaigns; the correlations are documented from 300 (scale >= 0.3)', campaigns;
    END IF;
    SELECT avg(sold) FILTER (WHERE extract(MONTH FROM captured_on) IN (12, 1, 8)),
           avg(sold) FILTER (WHERE extract(MONTH FROM captured_on) NOT IN (12, 1, 8))
    INTO peak, other FROM leads;
    SELECT sales_per_lead INTO near FROM distance_q WHERE q = 1;
    SELECT sales_per_lead INTO far FROM distance_q WHERE q = 5;
    SELECT conversion_index INTO sl FROM cm_index WHERE kind = 'social' AND latam;
    SELECT conversion_index INTO sn FROM cm_index WHERE kind = 'social' AND NOT latam;
    SELECT conversion_index INTO ql FROM cm_index WHERE kind = 'search' AND latam;
    SELECT conversion_index INTO qn FROM cm_index WHERE kind = 'search' AND NOT latam;
    interaction := (sl / sn) / (ql / qn);
    SELECT sales_per_lead INTO cheap FROM price_q WHERE q = 1;
    SELECT sales_per_lead INTO pricey FROM price_q WHERE q = 5;

    RAISE NOTICE 'figure peak.sales_per_lead.peak=%', peak;
    RAISE NOTICE 'figure peak.sales_per_lead.other=%', other;
    FOR r IN SELECT q, sales_per_lead FROM distance_q ORDER BY q LOOP
        RAISE NOTICE 'figure distance.sales_per_lead.q%=%', r.q, r.sales_per_lead;
    END LOOP;
    RAISE NOTICE 'figure channel_market.index.social.latam=%', sl;
    RAISE NOTICE 'figure channel_market.index.social.us_es=%', sn;
    RAISE NOTICE 'figure channel_market.index.search.latam=%', ql;
    RAISE NOTICE 'figure channel_market.index.search.us_es=%', qn;
    RAISE NOTICE 'figure channel_market.interaction=%', interaction;
    FOR r IN SELECT q, sales_per_lead FROM price_q ORDER BY q LOOP
        RAISE NOTICE 'figure lead_cost.sales_per_lead.q%=%', r.q, r.sales_per_lead;
    END LOOP;

    -- Documented sign and minimum size of each (docs/economics.md, "Built-in correlations").
    IF NOT (peak >= 1.15 * other) THEN
        RAISE EXCEPTION 'peak months: % vs % sales per lead (want >= 1.15x)', peak, other;
    END IF;
    IF NOT (near >= 1.5 * far) THEN
        RAISE EXCEPTION 'distance: nearest quintile % vs farthest % (want >= 1.5x)', near, far;
    END IF;
    IF NOT (interaction >= 1.5 AND sl > sn AND ql < qn) THEN
        RAISE EXCEPTION 'channel x market: social % / %, search % / %, interaction % (want social up and search down in LatAm, >= 1.5)', sl, sn, ql, qn, interaction;
    END IF;
    IF NOT (pricey >= 2 * cheap) THEN
        RAISE EXCEPTION 'lead price: priciest quintile % vs cheapest % (want >= 2x)', pricey, cheap;
    END IF;
    RAISE NOTICE 'analytics on % campaigns: peak %x (+), distance q1/q5 %x (-), channel x market interaction %x, lead price q5/q1 %x (+)',
        campaigns, round((peak / other)::NUMERIC, 2), round((near / far)::NUMERIC, 2),
        round(interaction::NUMERIC, 2), round((pricey / cheap)::NUMERIC, 2);
END $$;
COMMIT;
