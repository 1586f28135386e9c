-- PromptCrm extract for SQL Server: the T-SQL twin of ../crm_extract.sql (same JSON document,
-- taken by sales.etl_load_crm()), for the n8n "Microsoft SQL" node on the PromptCrm instance;
-- Query Parameters = {{ $json.watermark }}, bound as @p1. See ads_extract.sql for the snapshot
-- and version notes. Not executed here; parsed with sqlfluff's tsql dialect.
DECLARE @watermark DATETIME2(0) = CONVERT(DATETIME2(0), @p1, 126);

WITH changed_leads AS (
    SELECT campaign_id, captured_on AS day, updated_at
    FROM crm.client_campaigns WHERE updated_at > @watermark
), changed_sales AS (
    SELECT campaign_id, sold_on AS day, updated_at
    FROM crm.sales WHERE updated_at > @watermark
), touched AS (
    SELECT campaign_id, day FROM changed_leads
    UNION
    SELECT campaign_id, day FROM changed_sales
), leads AS (
    SELECT l.campaign_id, l.captured_on AS day, COUNT_BIG(*) AS leads_total,
           SUM(CASE WHEN l.lead_status IN ('mql', 'sql', 'opportunity', 'won') THEN 1 ELSE 0 END) AS leads_qualified
    FROM touched AS t INNER JOIN crm.client_campaigns AS l ON l.campaign_id = t.campaign_id AND l.captured_on = t.day
    GROUP BY l.campaign_id, l.captured_on
), sold AS (
    SELECT s.campaign_id, s.sold_on AS day, COUNT_BIG(*) AS customers_converted, SUM(s.amount) AS revenue_generated
    FROM touched AS t INNER JOIN crm.sales AS s ON s.campaign_id = t.campaign_id AND s.sold_on = t.day
    GROUP BY s.campaign_id, s.sold_on
), recomputed AS (
    SELECT t.campaign_id, t.day,
           ISNULL(l.leads_total, 0) AS leads_total, ISNULL(l.leads_qualified, 0) AS leads_qualified,
           ISNULL(s.customers_converted, 0) AS customers_converted,
           ISNULL(s.revenue_generated, 0) AS revenue_generated
    FROM touched AS t
    LEFT JOIN leads AS l ON l.campaign_id = t.campaign_id AND l.day = t.day
    LEFT JOIN sold AS s ON s.campaign_id = t.campaign_id AND s.day = t.day
)
SELECT (
    SELECT
        'crm' AS source,
        (SELECT CONVERT(VARCHAR(19), MAX(w.m), 126) FROM (
            SELECT MAX(updated_at) AS m FROM changed_leads
            UNION ALL SELECT MAX(updated_at) FROM changed_sales) AS w) AS watermark,
        (SELECT COUNT_BIG(*) FROM changed_leads) + (SELECT COUNT_BIG(*) FROM changed_sales) AS records,
        JSON_QUERY(ISNULL((
            SELECT campaign_id, CONVERT(CHAR(10), day, 23) AS summary_date, leads_total, leads_qualified,
                   customers_converted, CONVERT(VARCHAR(40), revenue_generated) AS revenue_generated
            FROM recomputed ORDER BY campaign_id, day FOR JSON PATH), '[]')) AS summary
    FOR JSON PATH, WITHOUT_ARRAY_WRAPPER, INCLUDE_NULL_VALUES
) AS payload;
