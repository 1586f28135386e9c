-- PromptCrm extract (runs on the crm store with the ETL role; $1 = the crm watermark,
-- 'YYYY-MM-DDTHH:MI:SS', simulated UTC time). One statement, one snapshot (see ads_extract.sql).
-- Returns one row, one JSON document:
--   watermark  max(updated_at) of the changed rows (NULL when nothing changed)
--   records    changed source rows read (crm.client_campaigns + crm.sales)
--   summary    the crm_summary rows of every (campaign, day) a changed lead (captured_on) or a
--              changed sale (sold_on) touches, recomputed from ALL of that day's leads and sales
-- crm.interactions also carries updated_at, but no summary column depends on it, so the ETL
-- neither reads it nor holds SELECT on it; crm.clients (personal data) is never readable either.
-- "Qualified" is MQL or further down the funnel (DOMAIN.md §5: lead → MQL → SQL → opportunity →
-- closed-won); a customer converted is a sale, so the day's count equals PromptAds' conversions
-- (DESIGN.md §5.4). Money leaves as text.
WITH changed_leads AS (
    SELECT campaign_id, captured_on AS day, updated_at
    FROM crm.client_campaigns WHERE updated_at > $1::TIMESTAMP
), changed_sales AS (
    SELECT campaign_id, sold_on AS day, updated_at
    FROM crm.sales WHERE updated_at > $1::TIMESTAMP
), touched AS (
    SELECT campaign_id, day FROM changed_leads
    UNION
    SELECT campaign_id, day FROM changed_sales
), leads AS (
    SELECT l.campaign_id, l.captured_on AS day, count(*) AS leads_total,
           count(*) FILTER (WHERE l.lead_status IN ('mql', 'sql', 'opportunity', 'won')) AS leads_qualified
    FROM touched t JOIN crm.client_campaigns l ON l.campaign_id = t.campaign_id AND l.captured_on = t.day
    GROUP BY l.campaign_id, l.captured_on
), sold AS (
    SELECT s.campaign_id, s.sold_on AS day, count(*) AS customers_converted, sum(s.amount) AS revenue_generated
    FROM touched t JOIN crm.sales s ON s.campaign_id = t.campaign_id AND s.sold_on = t.day
    GROUP BY s.campaign_id, s.sold_on
), recomputed AS (
    SELECT t.campaign_id, t.day,
           coalesce(l.leads_total, 0) AS leads_total, coalesce(l.leads_qualified, 0) AS leads_qualified,
           coalesce(s.customers_converted, 0) AS customers_converted,
           coalesce(s.revenue_generated, 0) AS revenue_generated
    FROM touched t
    LEFT JOIN leads l ON l.campaign_id = t.campaign_id AND l.day = t.day
    LEFT JOIN sold s ON s.campaign_id = t.campaign_id AND s.day = t.day
)
SELECT json_build_object(
    'source', 'crm',
    'watermark', (SELECT to_char(max(m), 'YYYY-MM-DD"T"HH24:MI:SS') FROM (
                      SELECT max(updated_at) AS m FROM changed_leads
                      UNION ALL SELECT max(updated_at) FROM changed_sales) w),
    'records', (SELECT count(*) FROM changed_leads) + (SELECT count(*) FROM changed_sales),
    'summary', coalesce((SELECT json_agg(json_build_object(
                    'campaign_id', campaign_id, 'summary_date', day, 'leads_total', leads_total,
                    'leads_qualified', leads_qualified, 'customers_converted', customers_converted,
                    'revenue_generated', revenue_generated::TEXT)
                    ORDER BY campaign_id, day) FROM recomputed), '[]'::JSON)
)::TEXT AS payload
