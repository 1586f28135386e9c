-- PromptCrm analytics 3: by sales channel and market (CTE, PARTITION BY, RANK, windowed AVG).
-- Run on PromptCrm; THROWs if the finding does not hold.
-- PostgreSQL twin (run in the test suite): sql/crm/postgres/twins/03_analytics.sql.
--
-- Question 1: in each market country, which channel kinds convert leads best?
-- Question 2: does the best channel depend on the market?
-- Finding (built-in correlation 3, docs/economics.md): yes; social sells better in Latin
--   America, search in the US and Spain. Against each lead's own campaign (lead quality varies
--   ~9× between campaigns), (social LatAm ÷ US+ES) ÷ (search LatAm ÷ US+ES) ≥ 1.5
--   (built in: 2.84, diluted by the within-campaign comparison).
-- Latin America = CR, MX, CO, PA, GT (core/src/catalog/economics.rs, latin_america).
SET NOCOUNT ON;

WITH leads AS (
    SELECT cc.campaign_id, ch.kind, m.country_code,
           CASE WHEN m.country_code IN (N'CR', N'MX', N'CO', N'PA', N'GT') THEN 1 ELSE 0 END AS latam,
           CASE WHEN EXISTS (SELECT 1 FROM crm.sales AS s
                             WHERE s.client_id = cc.client_id AND s.campaign_id = cc.campaign_id)
                THEN 1.0 ELSE 0.0 END AS sold
    FROM crm.client_campaigns AS cc
    JOIN crm.ads_channels AS ch ON ch.channel_id = cc.channel_id
    JOIN crm.ads_markets AS m ON m.market_id = cc.market_id
),
cells AS (
    SELECT country_code, kind, COUNT_BIG(*) AS leads, AVG(sold) AS sales_per_lead
    FROM leads
    GROUP BY country_code, kind
)
SELECT country_code, kind, leads, sales_per_lead,
       RANK() OVER (PARTITION BY country_code ORDER BY sales_per_lead DESC) AS rank_in_market
FROM cells
WHERE leads >= 100
ORDER BY country_code, rank_in_market;

-- Question 2: each lead weighed against its campaign's sales per lead (AVG OVER PARTITION BY).
WITH leads AS (
    SELECT ch.kind,
           CASE WHEN m.country_code IN (N'CR', N'MX', N'CO', N'PA', N'GT') THEN 1 ELSE 0 END AS latam,
           CASE WHEN EXISTS (SELECT 1 FROM crm.sales AS s
                             WHERE s.client_id = cc.client_id AND s.campaign_id = cc.campaign_id)
                THEN 1.0 ELSE 0.0 END AS sold,
           cc.campaign_id
    FROM crm.client_campaigns AS cc
    JOIN crm.ads_channels AS ch ON ch.channel_id = cc.channel_id
    JOIN crm.ads_markets AS m ON m.market_id = cc.market_id
),
expected AS (
    SELECT kind, latam, sold, AVG(sold) OVER (PARTITION BY campaign_id) AS campaign_rate
    FROM leads
)
SELECT kind, latam, SUM(sold) / SUM(campaign_rate) AS conversion_index, COUNT_BIG(*) AS leads
INTO #index
FROM expected
WHERE kind IN (N'social', N'search')
GROUP BY kind, latam;

SELECT * FROM #index ORDER BY kind, latam;

DECLARE @social_latam FLOAT = (SELECT conversion_index FROM #index WHERE kind = N'social' AND latam = 1);
DECLARE @social_other FLOAT = (SELECT conversion_index FROM #index WHERE kind = N'social' AND latam = 0);
DECLARE @search_latam FLOAT = (SELECT conversion_index FROM #index WHERE kind = N'search' AND latam = 1);
DECLARE @search_other FLOAT = (SELECT conversion_index FROM #index WHERE kind = N'search' AND latam = 0);
DECLARE @interaction FLOAT = (@social_latam / NULLIF(@social_other, 0)) / NULLIF(@search_latam / NULLIF(@search_other, 0), 0);
IF @interaction IS NULL OR @interaction < 1.5
BEGIN
    DECLARE @m NVARCHAR(200) = CONCAT(N'channel × market: interaction ', @interaction, N' (want ≥ 1.5).');
    THROW 51221, @m, 1;
END;
PRINT CONCAT(N'channel × market: social LatAm/US+ES ', FORMAT(@social_latam / @social_other, 'N2'), N'×, search ',
             FORMAT(@search_latam / @search_other, 'N2'), N'×, interaction ', FORMAT(@interaction, 'N2'), N' (documented: social wins in LatAm, search in US/ES).');
DROP TABLE #index;
GO
