-- sales.crm_summary recomputed from PromptCrm: per campaign and day, the leads captured, those at
-- MQL or beyond (DOMAIN.md §5 funnel), the sales made and their amounts.
WITH leads AS (
    SELECT campaign_id, captured_on AS day, count(*) AS leads_total,
           count(*) FILTER (WHERE lead_status IN ('mql', 'sql', 'opportunity', 'won')) AS leads_qualified
    FROM crm.client_campaigns GROUP BY 1, 2
), sold AS (
    SELECT campaign_id, sold_on AS day, count(*) AS customers_converted, sum(amount) AS revenue_generated
    FROM crm.sales GROUP BY 1, 2
)
SELECT campaign_id, day AS summary_date, coalesce(l.leads_total, 0) AS leads_total,
       coalesce(l.leads_qualified, 0) AS leads_qualified, coalesce(s.customers_converted, 0) AS customers_converted,
       coalesce(s.revenue_generated, 0)::NUMERIC(18, 2) AS revenue_generated
FROM leads l FULL JOIN sold s USING (campaign_id, day)
ORDER BY 1, 2;
