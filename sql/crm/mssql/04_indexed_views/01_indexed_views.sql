-- Two indexed (materialised) views that pre-aggregate what the analytic queries of
-- 03_analytics scan row by row (seeds: "al menos dos vistas ... materializarlas con índices").
-- Run on PromptCrm:  sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/04_indexed_views/01_indexed_views.sql
-- PostgreSQL twin (run in the test suite): sql/crm/postgres/twins/04_materialized_views.sql.
--
-- The strategic choice: the grain is (campaign, channel, market, capture/sale month) — small
-- (~1 row per 60 leads at scale 1) yet enough for every month / year / channel / market / peak
-- question, so those questions read the view's clustered index instead of 500 000+ leads and
-- their sales. A view is materialised by its unique clustered index; SQL Server then maintains
-- it on every insert, update and delete of the base tables.
-- Indexed-view rules honoured: WITH SCHEMABINDING, two-part names, COUNT_BIG(*) with GROUP BY,
-- SUM over non-nullable columns only, deterministic expressions (YEAR, MONTH), no outer join,
-- and the SET options below (ANSI_NULLS, QUOTED_IDENTIFIER on at creation, etc.).
SET NOCOUNT ON;
SET ANSI_NULLS ON;
SET ANSI_PADDING ON;
SET ANSI_WARNINGS ON;
SET ARITHABORT ON;
SET CONCAT_NULL_YIELDS_NULL ON;
SET QUOTED_IDENTIFIER ON;
SET NUMERIC_ROUNDABORT OFF;
GO

-- Leads per campaign, channel, market and capture month.
CREATE OR ALTER VIEW crm.v_leads_monthly
WITH SCHEMABINDING
AS
SELECT cc.campaign_id, cc.channel_id, cc.market_id,
       YEAR(cc.captured_on) AS capture_year, MONTH(cc.captured_on) AS capture_month,
       COUNT_BIG(*) AS leads
FROM crm.client_campaigns AS cc
GROUP BY cc.campaign_id, cc.channel_id, cc.market_id, YEAR(cc.captured_on), MONTH(cc.captured_on);
GO

CREATE UNIQUE CLUSTERED INDEX UCX_v_leads_monthly
    ON crm.v_leads_monthly (campaign_id, channel_id, market_id, capture_year, capture_month);
GO

-- Sales (count and amount) per campaign, channel, market and the month the LEAD was captured:
-- the join to the lead puts each sale in its lead's cohort, which is what the conversion
-- questions ask (a December lead that buys in January counts for December). A lead buys at
-- most once per campaign in this dataset (the PostgreSQL twin asserts it), so sales = leads
-- that bought; the inner join is allowed in an indexed view.
CREATE OR ALTER VIEW crm.v_sales_by_lead_month
WITH SCHEMABINDING
AS
SELECT cc.campaign_id, cc.channel_id, cc.market_id,
       YEAR(cc.captured_on) AS capture_year, MONTH(cc.captured_on) AS capture_month,
       COUNT_BIG(*) AS sales, SUM(s.amount) AS revenue
FROM crm.sales AS s
JOIN crm.client_campaigns AS cc ON cc.client_id = s.client_id AND cc.campaign_id = s.campaign_id
GROUP BY cc.campaign_id, cc.channel_id, cc.market_id, YEAR(cc.captured_on), MONTH(cc.captured_on);
GO

CREATE UNIQUE CLUSTERED INDEX UCX_v_sales_by_lead_month
    ON crm.v_sales_by_lead_month (campaign_id, channel_id, market_id, capture_year, capture_month);
GO

-- Self-check: the views hold exactly the base tables' totals.
IF (SELECT SUM(leads) FROM crm.v_leads_monthly WITH (NOEXPAND)) <> (SELECT COUNT_BIG(*) FROM crm.client_campaigns)
    THROW 51301, N'v_leads_monthly does not add up to crm.client_campaigns.', 1;
IF (SELECT SUM(revenue) FROM crm.v_sales_by_lead_month WITH (NOEXPAND)) <> (SELECT SUM(amount) FROM crm.sales)
    THROW 51302, N'v_sales_by_lead_month does not add up to crm.sales.', 1;
PRINT N'indexed views: crm.v_leads_monthly and crm.v_sales_by_lead_month materialised and equal to their base tables.';
GO
