SELECT campaign_id, summary_date, leads_total, leads_qualified, customers_converted, revenue_generated::NUMERIC(18, 2)
FROM sales.crm_summary ORDER BY 1, 2;
