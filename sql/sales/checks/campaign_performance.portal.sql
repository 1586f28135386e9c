SELECT campaign_id, campaign_name, campaign_status, budget_total::NUMERIC(18, 2), budget_spent::NUMERIC(18, 2),
       total_impressions, total_clicks, total_leads, total_customers, total_revenue::NUMERIC(18, 2)
FROM sales.campaign_performance ORDER BY 1;
