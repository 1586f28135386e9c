-- PostgreSQL twin of sql/crm/mssql/01_linked_server/03_reconciliation.sql.
-- On SQL Server PromptAds and PromptCrm are two instances joined by a linked server and
-- four-part names; here both stores are schemas of one database, so the same CTEs read
-- ads.daily_results directly. The linked server itself is not exercised (no SQL Server here).
-- Question: does any campaign disagree between PromptAds (conversions, revenue, leads) and
-- PromptCrm (sales count, sales amount, client↔campaign links)? Finding: none.
DO $$
DECLARE
    campaigns INT; bad INT; total_revenue NUMERIC; total_leads BIGINT;
BEGIN
    WITH ads_side AS (
        SELECT campaign_id, sum(conversions) AS conversions, sum(revenue) AS revenue, sum(leads) AS leads
        FROM ads.daily_results GROUP BY campaign_id
    ), crm_sales AS (
        SELECT campaign_id, count(*) AS conversions, sum(amount) AS revenue FROM crm.sales GROUP BY campaign_id
    ), crm_leads AS (
        SELECT campaign_id, count(*) AS leads FROM crm.client_campaigns GROUP BY campaign_id
    ), compared AS (
        SELECT coalesce(a.campaign_id, l.campaign_id) AS campaign_id,
               coalesce(a.conversions, 0) AS ads_conversions, coalesce(s.conversions, 0) AS crm_conversions,
               coalesce(a.revenue, 0) AS ads_revenue, coalesce(s.revenue, 0) AS crm_revenue,
               coalesce(a.leads, 0) AS ads_leads, coalesce(l.leads, 0) AS crm_leads
        FROM ads_side a
        FULL JOIN crm_leads l ON l.campaign_id = a.campaign_id
        LEFT JOIN crm_sales s ON s.campaign_id = coalesce(a.campaign_id, l.campaign_id)
    )
    SELECT count(*), count(*) FILTER (WHERE ads_conversions <> crm_conversions OR ads_revenue <> crm_revenue OR ads_leads <> crm_leads),
           sum(crm_revenue), sum(crm_leads)
    INTO campaigns, bad, total_revenue, total_leads FROM compared;
    IF campaigns <> (SELECT count(*) FROM ads.campaigns) OR campaigns = 0 THEN
        RAISE EXCEPTION 'reconciliation: compared % campaigns, ads.campaigns has %', campaigns, (SELECT count(*) FROM ads.campaigns);
    END IF;
    IF bad <> 0 THEN
        RAISE EXCEPTION 'reconciliation: % of % campaigns differ between ads and crm', bad, campaigns;
    END IF;
    RAISE NOTICE 'reconciliation: all % campaigns agree (% leads, revenue % to the cent)', campaigns, total_leads, total_revenue;
END $$;
