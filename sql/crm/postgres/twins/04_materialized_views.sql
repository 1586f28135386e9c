-- PostgreSQL twin of sql/crm/mssql/04_indexed_views/*.sql: the two pre-aggregated views as
-- materialized views with unique indexes, and the planner's estimated cost of the analytic
-- question before (base tables) and after (views), the twin of SHOWPLAN_XML's
-- StatementSubTreeCost. Asserts: both queries give the same answer; the views add up to their
-- base tables; the estimated total cost after is below the cost before. Rolled back at the end.
-- The "before" query is the best plain form (an outer join to the sales, hash-joined), not a
-- per-row subquery, so the comparison is with a fair baseline.
-- Unlike SQL Server's indexed views, PostgreSQL's materialized views are not maintained on
-- write: they need REFRESH MATERIALIZED VIEW CONCURRENTLY (hence the unique indexes).
BEGIN;

CREATE MATERIALIZED VIEW crm.v_leads_monthly AS
SELECT campaign_id, channel_id, market_id,
       extract(YEAR FROM captured_on)::INT AS capture_year, extract(MONTH FROM captured_on)::INT AS capture_month,
       count(*) AS leads
FROM crm.client_campaigns
GROUP BY 1, 2, 3, 4, 5;
CREATE UNIQUE INDEX ON crm.v_leads_monthly (campaign_id, channel_id, market_id, capture_year, capture_month);

CREATE MATERIALIZED VIEW crm.v_sales_by_lead_month AS
SELECT cc.campaign_id, cc.channel_id, cc.market_id,
       extract(YEAR FROM cc.captured_on)::INT AS capture_year, extract(MONTH FROM cc.captured_on)::INT AS capture_month,
       count(*) AS sales, sum(s.amount) AS revenue
FROM crm.sales s
JOIN crm.client_campaigns cc ON cc.client_id = s.client_id AND cc.campaign_id = s.campaign_id
GROUP BY 1, 2, 3, 4, 5;
CREATE UNIQUE INDEX ON crm.v_sales_by_lead_month (campaign_id, channel_id, market_id, capture_year, capture_month);
ANALYZE crm.v_leads_monthly;
ANALYZE crm.v_sales_by_lead_month;

CREATE TEMP TABLE q_before ON COMMIT DROP AS
SELECT m.country_code, ch.kind,
       CASE WHEN extract(MONTH FROM cc.captured_on) IN (12, 1, 8) THEN 'peak' ELSE 'other' END AS season,
       count(*) AS leads,
       count(s.sale_id) AS sold
FROM crm.client_campaigns cc
LEFT JOIN crm.sales s ON s.client_id = cc.client_id AND s.campaign_id = cc.campaign_id
JOIN ads.channels ch ON ch.channel_id = cc.channel_id
JOIN ads.markets m ON m.market_id = cc.market_id
GROUP BY 1, 2, 3;

CREATE TEMP TABLE q_after ON COMMIT DROP AS
SELECT m.country_code, ch.kind,
       CASE WHEN l.capture_month IN (12, 1, 8) THEN 'peak' ELSE 'other' END AS season,
       sum(l.leads) AS leads,
       sum(coalesce(s.sales, 0)) AS sold
FROM crm.v_leads_monthly l
LEFT JOIN crm.v_sales_by_lead_month s
       ON s.campaign_id = l.campaign_id AND s.channel_id = l.channel_id AND s.market_id = l.market_id
      AND s.capture_year = l.capture_year AND s.capture_month = l.capture_month
JOIN ads.channels ch ON ch.channel_id = l.channel_id
JOIN ads.markets m ON m.market_id = l.market_id
GROUP BY 1, 2, 3;

CREATE FUNCTION pg_temp.plan_cost(q TEXT) RETURNS FLOAT8 LANGUAGE plpgsql AS $f$
DECLARE plan JSON;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Total Cost')::FLOAT8;
END $f$;

DO $$
DECLARE
    before_cost FLOAT8; after_cost FLOAT8; differing INT; view_rows BIGINT; base_rows BIGINT; multi INT;
BEGIN
    before_cost := pg_temp.plan_cost($q$
        SELECT m.country_code, ch.kind,
               CASE WHEN extract(MONTH FROM cc.captured_on) IN (12, 1, 8) THEN 'peak' ELSE 'other' END AS season,
               count(*) AS leads,
               count(s.sale_id) AS sold
        FROM crm.client_campaigns cc
        LEFT JOIN crm.sales s ON s.client_id = cc.client_id AND s.campaign_id = cc.campaign_id
        JOIN ads.channels ch ON ch.channel_id = cc.channel_id
        JOIN ads.markets m ON m.market_id = cc.market_id
        GROUP BY 1, 2, 3 $q$);
    after_cost := pg_temp.plan_cost($q$
        SELECT m.country_code, ch.kind,
               CASE WHEN l.capture_month IN (12, 1, 8) THEN 'peak' ELSE 'other' END AS season,
               sum(l.leads) AS leads, sum(coalesce(s.sales, 0)) AS sold
        FROM crm.v_leads_monthly l
        LEFT JOIN crm.v_sales_by_lead_month s
               ON s.campaign_id = l.campaign_id AND s.channel_id = l.channel_id AND s.market_id = l.market_id
              AND s.capture_year = l.capture_year AND s.capture_month = l.capture_month
        JOIN ads.channels ch ON ch.channel_id = l.channel_id
        JOIN ads.markets m ON m.market_id = l.market_id
        GROUP BY 1, 2, 3 $q$);

    -- The views count sales, the base query counts leads that bought: equal only because a
    -- lead buys at most once per campaign in this dataset; check that first.
    SELECT count(*) INTO multi FROM (SELECT 1 FROM crm.sales GROUP BY client_id, campaign_id HAVING count(*) > 1) d;
    SELECT count(*) INTO differing FROM (
        (SELECT * FROM q_before EXCEPT SELECT * FROM q_after) UNION ALL (SELECT * FROM q_after EXCEPT SELECT * FROM q_before)) d;
    SELECT count(*) INTO view_rows FROM crm.v_leads_monthly;
    SELECT count(*) INTO base_rows FROM crm.client_campaigns;
    IF multi <> 0 THEN
        RAISE EXCEPTION 'materialized views: % leads have more than one sale; the views would count sales, not buyers', multi;
    END IF;
    IF differing <> 0 OR (SELECT count(*) FROM q_before) = 0 THEN
        RAISE EXCEPTION 'materialized views: % groups differ between the base query and the views', differing;
    END IF;
    IF (SELECT sum(leads) FROM crm.v_leads_monthly) <> base_rows
       OR (SELECT sum(revenue) FROM crm.v_sales_by_lead_month) <> (SELECT sum(amount) FROM crm.sales) THEN
        RAISE EXCEPTION 'materialized views do not add up to crm.client_campaigns / crm.sales';
    END IF;
    RAISE NOTICE 'figure plan.cost.before=%', before_cost;
    RAISE NOTICE 'figure plan.cost.after=%', after_cost;
    IF NOT (after_cost < before_cost) THEN
        RAISE EXCEPTION 'materialized views: estimated cost after % is not below before %', after_cost, before_cost;
    END IF;
    RAISE NOTICE 'materialized views: same answer (% groups); estimated cost % -> % (%x lower); % leads read as % view rows',
        (SELECT count(*) FROM q_before), round(before_cost::NUMERIC), round(after_cost::NUMERIC),
        round((before_cost / after_cost)::NUMERIC, 1), base_rows, view_rows;
END $$;
ROLLBACK;
