-- sales.campaign_performance recomputed from the raw stores (not from the summaries): one row per
-- PromptAds campaign; spend, impressions and clicks from its daily results; leads, customers (=
-- sales) and revenue from PromptCrm.
SELECT c.campaign_id, c.name AS campaign_name, c.status AS campaign_status, c.budget::NUMERIC(18, 2) AS budget_total,
       coalesce(d.spent, 0)::NUMERIC(18, 2) AS budget_spent, coalesce(d.impressions, 0) AS total_impressions,
       coalesce(d.clicks, 0) AS total_clicks, coalesce(l.leads, 0) AS total_leads,
       coalesce(s.customers, 0) AS total_customers, coalesce(s.revenue, 0)::NUMERIC(18, 2) AS total_revenue
FROM ads.campaigns c
LEFT JOIN (SELECT campaign_id, sum(cost) AS spent, sum(impressions) AS impressions, sum(clicks) AS clicks
           FROM ads.daily_results GROUP BY 1) d USING (campaign_id)
LEFT JOIN (SELECT campaign_id, count(*) AS leads FROM crm.client_campaigns GROUP BY 1) l USING (campaign_id)
LEFT JOIN (SELECT campaign_id, count(*) AS customers, sum(amount) AS revenue FROM crm.sales GROUP BY 1) s USING (campaign_id)
ORDER BY 1;
