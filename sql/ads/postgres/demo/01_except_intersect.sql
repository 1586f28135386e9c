-- PostgreSQL twin of sql/ads/mssql/demo/01_except_intersect.sql (same question, same logic).
-- Question: for the brand with the most campaigns, which markets did it advertise in during
-- 2024 but dropped in 2025 (EXCEPT), and which did it keep in both years (INTERSECT)?
-- Self-check: both answers equal a per-market flag computed without set operators.
BEGIN;
CREATE TEMP TABLE demo_brand ON COMMIT DROP AS
SELECT brand_id FROM ads.campaigns GROUP BY brand_id ORDER BY count(*) DESC, brand_id LIMIT 1;

CREATE TEMP TABLE dropped ON COMMIT DROP AS
SELECT cm.market_id FROM ads.campaign_markets cm JOIN ads.campaigns c USING (campaign_id)
WHERE c.brand_id = (SELECT brand_id FROM demo_brand) AND EXTRACT(YEAR FROM c.start_date) = 2024
EXCEPT
SELECT cm.market_id FROM ads.campaign_markets cm JOIN ads.campaigns c USING (campaign_id)
WHERE c.brand_id = (SELECT brand_id FROM demo_brand) AND EXTRACT(YEAR FROM c.start_date) = 2025;

CREATE TEMP TABLE kept ON COMMIT DROP AS
SELECT cm.market_id FROM ads.campaign_markets cm JOIN ads.campaigns c USING (campaign_id)
WHERE c.brand_id = (SELECT brand_id FROM demo_brand) AND EXTRACT(YEAR FROM c.start_date) = 2024
INTERSECT
SELECT cm.market_id FROM ads.campaign_markets cm JOIN ads.campaigns c USING (campaign_id)
WHERE c.brand_id = (SELECT brand_id FROM demo_brand) AND EXTRACT(YEAR FROM c.start_date) = 2025;

SELECT m.city, m.country, CASE WHEN k.market_id IS NULL THEN 'dropped in 2025' ELSE 'kept' END AS status
FROM ads.markets m
LEFT JOIN kept k USING (market_id)
WHERE m.market_id IN (SELECT market_id FROM dropped UNION ALL SELECT market_id FROM kept)
ORDER BY status, m.city;

DO $$
DECLARE
    n_dropped INT; n_kept INT; bad INT; brand BIGINT;
BEGIN
    SELECT brand_id INTO brand FROM demo_brand;
    -- Ground truth without set operators: one flag per market and year.
    CREATE TEMP TABLE flags ON COMMIT DROP AS
    SELECT cm.market_id,
           bool_or(EXTRACT(YEAR FROM c.start_date) = 2024) AS in_2024,
           bool_or(EXTRACT(YEAR FROM c.start_date) = 2025) AS in_2025
    FROM ads.campaign_markets cm JOIN ads.campaigns c USING (campaign_id)
    WHERE c.brand_id = brand GROUP BY cm.market_id;
    SELECT count(*) INTO n_dropped FROM dropped;
    SELECT count(*) INTO n_kept FROM kept;
    SELECT count(*) INTO bad FROM flags f
    WHERE (f.in_2024 AND NOT f.in_2025) <> (f.market_id IN (SELECT market_id FROM dropped))
       OR (f.in_2024 AND f.in_2025) <> (f.market_id IN (SELECT market_id FROM kept));
    IF bad <> 0 THEN
        RAISE EXCEPTION 'EXCEPT/INTERSECT disagree with the per-market flags on % markets', bad;
    END IF;
    IF n_dropped + n_kept = 0 THEN
        RAISE EXCEPTION 'brand % has no 2024 markets: the demo shows nothing', brand;
    END IF;
    RAISE NOTICE 'EXCEPT/INTERSECT: brand % dropped % markets in 2025 and kept % (match per-market flags)', brand, n_dropped, n_kept;
END $$;
ROLLBACK;
