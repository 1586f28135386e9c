-- PromptAds → portal load: one transaction (one function call) that upserts the ads_summary rows
-- the extract recomputed (ads_extract.sql), upserts name/status/budget of changed campaigns into
-- campaign_performance, re-aggregates campaign_performance for every campaign touched, advances
-- the ads watermark to the extract's max(updated_at) and logs the run. If anything fails, all of
-- it rolls back and the watermark stays.
\set ON_ERROR_STOP 1

CREATE OR REPLACE FUNCTION sales.etl_load_ads(p_payload TEXT, p_started_at TEXT, p_watermark_from TEXT)
RETURNS TABLE (source TEXT, status TEXT, records_processed BIGINT, summary_rows BIGINT,
               performance_rows BIGINT, watermark TEXT)
LANGUAGE plpgsql AS $$
DECLARE
    doc JSONB := p_payload::JSONB;
    wm_from TIMESTAMP := sales.etl_lock_watermark('ads', p_watermark_from);
    wm_to TIMESTAMP := coalesce((doc ->> 'watermark')::TIMESTAMP, wm_from);
    records BIGINT := (doc ->> 'records')::BIGINT;
    n_summary BIGINT;
    n_new BIGINT;
    n_perf BIGINT;
    touched BIGINT[];
BEGIN
    IF doc ->> 'source' IS DISTINCT FROM 'ads' THEN
        RAISE EXCEPTION 'etl_load_ads got a % payload', coalesce(doc ->> 'source', 'unlabelled');
    END IF;
    INSERT INTO sales.ads_summary AS s
        (campaign_id, summary_date, channel, impressions, clicks, spent, reach, engagement, conversions, etl_processed_at)
    SELECT r.campaign_id, r.summary_date, r.channel, r.impressions, r.clicks, r.spent, r.reach, r.engagement,
           r.conversions, wm_to
    FROM jsonb_to_recordset(doc -> 'summary') AS r(campaign_id BIGINT, summary_date DATE, channel TEXT,
         impressions BIGINT, clicks BIGINT, spent NUMERIC(18, 2), reach BIGINT, engagement BIGINT, conversions BIGINT)
    ON CONFLICT (campaign_id, summary_date, channel) DO UPDATE
    SET impressions = excluded.impressions, clicks = excluded.clicks, spent = excluded.spent,
        reach = excluded.reach, engagement = excluded.engagement, conversions = excluded.conversions,
        etl_processed_at = excluded.etl_processed_at;
    GET DIAGNOSTICS n_summary = ROW_COUNT;

    -- A campaign's row is born here (the ads store owns name, status and budget); totals follow below.
    INSERT INTO sales.campaign_performance AS p
        (campaign_id, campaign_name, campaign_status, budget_total, budget_spent, total_impressions,
         total_clicks, total_leads, total_customers, total_revenue, last_updated)
    SELECT c.campaign_id, c.name, c.status, c.budget, 0, 0, 0, 0, 0, 0, wm_to
    FROM jsonb_to_recordset(doc -> 'campaigns') AS c(campaign_id BIGINT, name TEXT, status TEXT, budget NUMERIC(18, 2))
    ON CONFLICT (campaign_id) DO UPDATE
    SET campaign_name = excluded.campaign_name, campaign_status = excluded.campaign_status,
        budget_total = excluded.budget_total, last_updated = excluded.last_updated;
    GET DIAGNOSTICS n_new = ROW_COUNT;

    SELECT coalesce(array_agg(DISTINCT k.campaign_id), '{}') INTO touched FROM (
        SELECT (e ->> 'campaign_id')::BIGINT AS campaign_id FROM jsonb_array_elements(doc -> 'summary') e
        UNION ALL
        SELECT (e ->> 'campaign_id')::BIGINT FROM jsonb_array_elements(doc -> 'campaigns') e) k;
    n_perf := sales.etl_refresh_performance(touched, wm_to);

    PERFORM sales.etl_finish('ads', p_started_at, wm_from, wm_to, records,
        jsonb_build_object('summary_rows', n_summary, 'performance_rows', n_perf, 'campaigns', cardinality(touched)));
    RETURN QUERY SELECT 'ads'::TEXT, 'success'::TEXT, records, n_summary, n_perf,
                        to_char(wm_to, 'YYYY-MM-DD"T"HH24:MI:SS');
END $$;
