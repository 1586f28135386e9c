-- PromptAds demo: EXCEPT and INTERSECT. Run on a loaded database; THROWs if the answer is wrong.
-- Question: for the brand with the most campaigns, which markets did it advertise in during
-- 2024 but dropped in 2025 (EXCEPT), and which did it keep in both years (INTERSECT)?
-- Both operators compare whole rows and remove duplicates, so no DISTINCT or join is needed.
-- Self-check: both answers equal a per-market flag computed without set operators.
-- PostgreSQL twin (run in the test suite): sql/ads/postgres/demo/01_except_intersect.sql.
SET NOCOUNT ON;

DECLARE @brand_id BIGINT = (
    SELECT TOP (1) brand_id FROM ads.campaigns GROUP BY brand_id ORDER BY COUNT(*) DESC, brand_id);

DECLARE @dropped TABLE (market_id BIGINT PRIMARY KEY);
DECLARE @kept TABLE (market_id BIGINT PRIMARY KEY);

INSERT INTO @dropped (market_id)
SELECT cm.market_id FROM ads.campaign_markets AS cm JOIN ads.campaigns AS c ON c.campaign_id = cm.campaign_id
WHERE c.brand_id = @brand_id AND YEAR(c.start_date) = 2024
EXCEPT
SELECT cm.market_id FROM ads.campaign_markets AS cm JOIN ads.campaigns AS c ON c.campaign_id = cm.campaign_id
WHERE c.brand_id = @brand_id AND YEAR(c.start_date) = 2025;

INSERT INTO @kept (market_id)
SELECT cm.market_id FROM ads.campaign_markets AS cm JOIN ads.campaigns AS c ON c.campaign_id = cm.campaign_id
WHERE c.brand_id = @brand_id AND YEAR(c.start_date) = 2024
INTERSECT
SELECT cm.market_id FROM ads.campaign_markets AS cm JOIN ads.campaigns AS c ON c.campaign_id = cm.campaign_id
WHERE c.brand_id = @brand_id AND YEAR(c.start_date) = 2025;

SELECT m.city, m.country, CASE WHEN k.market_id IS NULL THEN N'dropped in 2025' ELSE N'kept' END AS status
FROM ads.markets AS m
LEFT JOIN @kept AS k ON k.market_id = m.market_id
WHERE m.market_id IN (SELECT market_id FROM @dropped UNION ALL SELECT market_id FROM @kept)
ORDER BY status, m.city;

-- Ground truth without set operators: one flag per market and year.
DECLARE @bad INT = (
    SELECT COUNT(*)
    FROM (
        SELECT cm.market_id,
               MAX(CASE WHEN YEAR(c.start_date) = 2024 THEN 1 ELSE 0 END) AS in_2024,
               MAX(CASE WHEN YEAR(c.start_date) = 2025 THEN 1 ELSE 0 END) AS in_2025
        FROM ads.campaign_markets AS cm JOIN ads.campaigns AS c ON c.campaign_id = cm.campaign_id
        WHERE c.brand_id = @brand_id
        GROUP BY cm.market_id
    ) AS f
    WHERE (CASE WHEN f.in_2024 = 1 AND f.in_2025 = 0 THEN 1 ELSE 0 END)
              <> (CASE WHEN f.market_id IN (SELECT market_id FROM @dropped) THEN 1 ELSE 0 END)
       OR (CASE WHEN f.in_2024 = 1 AND f.in_2025 = 1 THEN 1 ELSE 0 END)
              <> (CASE WHEN f.market_id IN (SELECT market_id FROM @kept) THEN 1 ELSE 0 END));
IF @bad <> 0
    THROW 50101, N'EXCEPT/INTERSECT disagree with the per-market flags.', 1;
IF NOT EXISTS (SELECT 1 FROM @dropped) AND NOT EXISTS (SELECT 1 FROM @kept)
    THROW 50102, N'The brand has no 2024 markets: the demo shows nothing.', 1;
PRINT N'EXCEPT/INTERSECT: answers match the per-market flags.';
GO
