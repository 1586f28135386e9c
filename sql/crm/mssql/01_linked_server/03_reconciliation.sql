-- Cross-server reconciliation through four-part names (DESIGN.md §5.4): for every campaign,
-- PromptAds' conversions, revenue and leads (ads.daily_results on the PROMPTADS linked server)
-- equal PromptCrm's sales count, sales amount and client↔campaign links, to the cent.
-- Run on PromptCrm:
--   sqlcmd -S mssql-crm -d PromptCrm -v ADS_DB=PromptAds -i sql/crm/mssql/01_linked_server/03_reconciliation.sql
-- Question: does any campaign disagree between the two stores? Finding: none (THROW otherwise).
-- The remote side is aggregated in a CTE on the four-part name; SQL Server sends the GROUP BY
-- to PROMPTADS as a remote query (the plan shows one Remote Query operator returning one row per
-- campaign instead of every daily row). OPENQUERY(PROMPTADS, '...') forces the same when an
-- older provider would not push it.
-- PostgreSQL twin (run in the test suite): sql/crm/postgres/twins/01_reconciliation.sql.
SET NOCOUNT ON;

WITH ads_side AS (
    SELECT r.campaign_id,
           SUM(r.conversions) AS conversions,
           SUM(r.revenue) AS revenue,
           SUM(r.leads) AS leads
    FROM [PROMPTADS].[$(ADS_DB)].ads.daily_results AS r
    GROUP BY r.campaign_id
),
crm_sales AS (
    SELECT s.campaign_id, COUNT_BIG(*) AS conversions, SUM(s.amount) AS revenue
    FROM crm.sales AS s
    GROUP BY s.campaign_id
),
crm_leads AS (
    SELECT cc.campaign_id, COUNT_BIG(*) AS leads
    FROM crm.client_campaigns AS cc
    GROUP BY cc.campaign_id
),
compared AS (
    SELECT COALESCE(a.campaign_id, l.campaign_id) AS campaign_id,
           COALESCE(a.conversions, 0) AS ads_conversions, COALESCE(s.conversions, 0) AS crm_conversions,
           COALESCE(a.revenue, 0) AS ads_revenue, COALESCE(s.revenue, 0) AS crm_revenue,
           COALESCE(a.leads, 0) AS ads_leads, COALESCE(l.leads, 0) AS crm_leads
    FROM ads_side AS a
    FULL OUTER JOIN crm_leads AS l ON l.campaign_id = a.campaign_id
    LEFT JOIN crm_sales AS s ON s.campaign_id = COALESCE(a.campaign_id, l.campaign_id)
)
SELECT campaign_id, ads_conversions, crm_conversions, ads_revenue, crm_revenue, ads_leads, crm_leads
INTO #mismatch
FROM compared
WHERE ads_conversions <> crm_conversions OR ads_revenue <> crm_revenue OR ads_leads <> crm_leads;

SELECT TOP (20) * FROM #mismatch ORDER BY campaign_id;

DECLARE @bad INT = (SELECT COUNT(*) FROM #mismatch);
DECLARE @campaigns INT = (SELECT COUNT(*) FROM [PROMPTADS].[$(ADS_DB)].ads.campaigns);
IF @bad <> 0
BEGIN
    DECLARE @msg NVARCHAR(200) = CONCAT(N'reconciliation: ', @bad, N' of ', @campaigns, N' campaigns differ between PromptAds and PromptCrm.');
    THROW 51003, @msg, 1;
END;
PRINT CONCAT(N'reconciliation: all ', @campaigns, N' campaigns agree (conversions, revenue to the cent, leads).');
DROP TABLE #mismatch;
GO
