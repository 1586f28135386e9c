-- DESIGN.md §5.4 inside PostgreSQL: for every placement and day, PromptAds conversions equal
-- the number of PromptCrm sales, revenue equals the sum of their amounts, and leads equal the
-- client↔campaign links captured that day. Returns the placement-days that differ (expect none).
WITH s AS (
    SELECT placement_id, sold_on AS day, count(*) AS conversions, sum(amount) AS revenue
    FROM crm.sales GROUP BY placement_id, sold_on
), l AS (
    SELECT placement_id, captured_on AS day, count(*) AS leads
    FROM crm.client_campaigns GROUP BY placement_id, captured_on
), d AS (
    SELECT placement_id, day, conversions, revenue, leads FROM ads.daily_results
)
SELECT coalesce(d.placement_id, s.placement_id, l.placement_id) AS placement_id,
       coalesce(d.day, s.day, l.day) AS day,
       d.conversions, s.conversions AS crm_sales, d.revenue, s.revenue AS crm_revenue,
       d.leads, l.leads AS crm_leads
FROM d
FULL JOIN s ON s.placement_id = d.placement_id AND s.day = d.day
FULL JOIN l ON l.placement_id = coalesce(d.placement_id, s.placement_id) AND l.day = coalesce(d.day, s.day)
WHERE coalesce(d.conversions, 0) <> coalesce(s.conversions, 0)
   OR coalesce(d.revenue, 0) <> coalesce(s.revenue, 0)
   OR coalesce(d.leads, 0) <> coalesce(l.leads, 0)
   OR d.placement_id IS NULL
