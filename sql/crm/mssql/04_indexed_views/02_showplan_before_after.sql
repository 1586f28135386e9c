-- The estimated execution plan of one analytic question, without and with the indexed views
-- (seeds: "show estimated execution plan ... sin optimización y luego con vistas e índices").
-- Run on PromptCrm after 01_indexed_views.sql (in SSMS, Ctrl+L shows the same estimated plan;
-- SET SHOWPLAN_XML returns it as XML instead of running the query):
--   sqlcmd -S mssql-crm -d PromptCrm -y 0 -i sql/crm/mssql/04_indexed_views/02_showplan_before_after.sql
-- Question: sales per lead by channel and market country, for peak vs other capture months.
-- PostgreSQL twin (run in the test suite, EXPLAIN cost before > after asserted):
-- sql/crm/postgres/twins/04_materialized_views.sql.
SET NOCOUNT ON;
GO

SET SHOWPLAN_XML ON;
GO

-- BEFORE: from the base tables, in the best plain form (an outer join to the sales).
-- Expected operators: Clustered Index Scan on PK_client_campaigns (every lead) and on PK_sales
-- (every sale), Hash Match (Right Outer Join) on (client_id, campaign_id), Compute Scalar for
-- MONTH(), Hash Match (Aggregate) over ~500 000 rows at scale 1; the estimated subtree cost is
-- dominated by the two scans and the join.
SELECT m.country_code, ch.kind,
       CASE WHEN MONTH(cc.captured_on) IN (12, 1, 8) THEN N'peak' ELSE N'other' END AS season,
       COUNT_BIG(*) AS leads,
       COUNT_BIG(s.sale_id) AS sold
FROM crm.client_campaigns AS cc
LEFT JOIN crm.sales AS s ON s.client_id = cc.client_id AND s.campaign_id = cc.campaign_id
JOIN crm.ads_channels AS ch ON ch.channel_id = cc.channel_id
JOIN crm.ads_markets AS m ON m.market_id = cc.market_id
GROUP BY m.country_code, ch.kind, CASE WHEN MONTH(cc.captured_on) IN (12, 1, 8) THEN N'peak' ELSE N'other' END;
GO

-- AFTER: the same answer from the two indexed views. NOEXPAND makes every edition read the
-- materialised rows (Enterprise/Developer would also match them automatically).
-- Expected operators: Clustered Index Scan on UCX_v_leads_monthly and UCX_v_sales_by_lead_month
-- (~1/60 of the rows each), a Merge Join on their shared clustered key (no sort needed), a
-- small Hash Match (Aggregate); no scan of crm.client_campaigns or crm.sales.
SELECT m.country_code, ch.kind,
       CASE WHEN l.capture_month IN (12, 1, 8) THEN N'peak' ELSE N'other' END AS season,
       SUM(l.leads) AS leads,
       SUM(COALESCE(s.sales, 0)) AS sold
FROM crm.v_leads_monthly AS l WITH (NOEXPAND)
LEFT JOIN crm.v_sales_by_lead_month AS s WITH (NOEXPAND)
    ON s.campaign_id = l.campaign_id AND s.channel_id = l.channel_id AND s.market_id = l.market_id
   AND s.capture_year = l.capture_year AND s.capture_month = l.capture_month
JOIN crm.ads_channels AS ch ON ch.channel_id = l.channel_id
JOIN crm.ads_markets AS m ON m.market_id = l.market_id
GROUP BY m.country_code, ch.kind, CASE WHEN l.capture_month IN (12, 1, 8) THEN N'peak' ELSE N'other' END;
GO

SET SHOWPLAN_XML OFF;
GO

-- Read in each plan: StatementSubTreeCost of the root (the optimizer's estimate; expect the
-- AFTER plan well below the BEFORE one), EstimateRows on the scans, and the absence of
-- crm.sales / crm.client_campaigns in the AFTER plan. Self-check that both give one answer:
WITH before_q AS (
    SELECT m.country_code, ch.kind,
           CASE WHEN MONTH(cc.captured_on) IN (12, 1, 8) THEN N'peak' ELSE N'other' END AS season,
           COUNT_BIG(*) AS leads,
           COUNT_BIG(s.sale_id) AS sold
    FROM crm.client_campaigns AS cc
    LEFT JOIN crm.sales AS s ON s.client_id = cc.client_id AND s.campaign_id = cc.campaign_id
    JOIN crm.ads_channels AS ch ON ch.channel_id = cc.channel_id
    JOIN crm.ads_markets AS m ON m.market_id = cc.market_id
    GROUP BY m.country_code, ch.kind, CASE WHEN MONTH(cc.captured_on) IN (12, 1, 8) THEN N'peak' ELSE N'other' END
),
after_q AS (
    SELECT m.country_code, ch.kind,
           CASE WHEN l.capture_month IN (12, 1, 8) THEN N'peak' ELSE N'other' END AS season,
           SUM(l.leads) AS leads,
           SUM(COALESCE(s.sales, 0)) AS sold
    FROM crm.v_leads_monthly AS l WITH (NOEXPAND)
    LEFT JOIN crm.v_sales_by_lead_month AS s WITH (NOEXPAND)
        ON s.campaign_id = l.campaign_id AND s.channel_id = l.channel_id AND s.market_id = l.market_id
       AND s.capture_year = l.capture_year AND s.capture_month = l.capture_month
    JOIN crm.ads_channels AS ch ON ch.channel_id = l.channel_id
    JOIN crm.ads_markets AS m ON m.market_id = l.market_id
    GROUP BY m.country_code, ch.kind, CASE WHEN l.capture_month IN (12, 1, 8) THEN N'peak' ELSE N'other' END
),
diff AS (
    SELECT country_code, kind, season, leads, sold FROM before_q
    EXCEPT
    SELECT country_code, kind, season, leads, sold FROM after_q
)
SELECT COUNT(*) AS differing_groups INTO #diff FROM diff;
IF (SELECT differing_groups FROM #diff) <> 0
    THROW 51311, N'showplan: the indexed-view query does not give the base query''s answer.', 1;
PRINT N'showplan: both queries give the same answer; compare StatementSubTreeCost of the two plans above.';
DROP TABLE #diff;
GO
