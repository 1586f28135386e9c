-- PromptCrm analytics 4: lead price vs lead quality, across the linked server (CTE over a
-- four-part name, PERCENTILE_CONT / SUM OVER PARTITION BY, running totals).
-- Run on PromptCrm after 01_linked_server/*; THROWs if the finding does not hold.
--   sqlcmd -S mssql-crm -d PromptCrm -v ADS_DB=PromptAds -i sql/crm/mssql/03_analytics/04_lead_price.sql
-- PostgreSQL twin (run in the test suite): sql/crm/postgres/twins/03_analytics.sql.
--
-- Question: do campaigns that pay more per lead (compared within the same channel kind) get
-- leads that buy more often?
-- Finding (built-in correlation 4, docs/economics.md): yes; the priciest fifth of leads (by the
--   campaign × kind cost per lead relative to the kind's median) buys at least 2× as often as
--   the cheapest fifth (built in: sales per lead ∝ 1/q, cost per lead ∝ q^−1.25).
-- Spend lives in PromptAds, so the campaign × channel aggregate runs on PROMPTADS (four-part
-- name); only ~3 000 aggregated rows cross the link at scale 1.
SET NOCOUNT ON;

WITH remote AS (
    SELECT r.campaign_id, r.channel_id, SUM(r.cost) AS cost, SUM(r.leads) AS leads, SUM(r.conversions) AS conversions
    FROM [PROMPTADS].[$(ADS_DB)].ads.daily_results AS r
    GROUP BY r.campaign_id, r.channel_id
),
by_kind AS (
    SELECT r.campaign_id, ch.kind, SUM(r.cost) AS cost, SUM(r.leads) AS leads, SUM(r.conversions) AS conversions
    FROM remote AS r
    JOIN crm.ads_channels AS ch ON ch.channel_id = r.channel_id
    GROUP BY r.campaign_id, ch.kind
    -- 30 leads at least, so one campaign's handful of leads does not set a price.
    HAVING SUM(r.leads) >= 30
),
relative AS (
    SELECT campaign_id, kind, leads, conversions, cost / leads AS cost_per_lead,
           (cost / leads) / PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY cost / leads) OVER (PARTITION BY kind) AS relative_cpl
    FROM by_kind
),
running AS (
    SELECT *, SUM(leads) OVER (ORDER BY relative_cpl, leads ROWS UNBOUNDED PRECEDING) AS cumulative_leads,
           SUM(leads) OVER () AS total_leads
    FROM relative
)
SELECT CAST(CEILING(5.0 * cumulative_leads / total_leads) AS INT) AS price_quintile,
       COUNT(*) AS campaign_kinds, SUM(leads) AS leads, SUM(conversions) AS conversions,
       SUM(conversions) * 1.0 / SUM(leads) AS sales_per_lead,
       MIN(relative_cpl) AS relative_cpl_from, MAX(relative_cpl) AS relative_cpl_to
INTO #price
FROM running
GROUP BY CAST(CEILING(5.0 * cumulative_leads / total_leads) AS INT);

SELECT *, RANK() OVER (ORDER BY sales_per_lead DESC) AS conversion_rank FROM #price ORDER BY price_quintile;

DECLARE @cheap FLOAT = (SELECT sales_per_lead FROM #price WHERE price_quintile = 1);
DECLARE @pricey FLOAT = (SELECT sales_per_lead FROM #price WHERE price_quintile = 5);
IF @cheap IS NULL OR @pricey IS NULL OR @cheap = 0 OR @pricey < 2 * @cheap
BEGIN
    DECLARE @m NVARCHAR(200) = CONCAT(N'lead price: priciest quintile ', @pricey, N' vs cheapest ', @cheap, N' (want ≥ 2×).');
    THROW 51231, @m, 1;
END;
PRINT CONCAT(N'lead price: priciest fifth ', FORMAT(@pricey, 'N3'), N' vs cheapest ', FORMAT(@cheap, 'N3'), N' sales per lead = ', FORMAT(@pricey / @cheap, 'N2'), N'× (documented sign +).');
DROP TABLE #price;
GO
