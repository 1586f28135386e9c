-- PromptCrm → portal load: one transaction that upserts the crm_summary rows the extract
-- recomputed (crm_extract.sql), re-aggregates campaign_performance of the touched campaigns,
-- advances the crm watermark and logs the run; on any error all of it rolls back.
\set ON_ERROR_STOP 1

CREATE OR REPLACE FUNCTION sales.etl_load_crm(p_payload TEXT, p_started_at TEXT, p_watermark_from TEXT)
RETURNS TABLE (source TEXT, status TEXT, records_processed BIGINT, summary_rows BIGINT,
               performance_rows BIGINT, watermark TEXT)
LANGUAGE plpgsql AS $$
DECLARE
    doc JSONB := p_payload::JSONB;
    wm_from TIMESTAMP := sales.etl_lock_watermark('crm', p_watermark_from);
    wm_to TIMESTAMP := coalesce((doc ->> 'watermark')::TIMESTAMP, wm_from);
    records BIGINT := (doc ->> 'records')::BIGINT;
    n_summary BIGINT;
    n_perf BIGINT;
    touched BIGINT[];
BEGIN
    IF doc ->> 'source' IS DISTINCT FROM 'crm' THEN
        RAISE EXCEPTION 'etl_load_crm got a % payload', coalesce(doc ->> 'source', 'unlabelled');
    END IF;
    INSERT INTO sales.crm_summary AS s
        (campaign_id, summary_date, leads_total, leads_qualified, customers_converted, revenue_generated, etl_processed_at)
    SELECT r.campaign_id, r.summary_date, r.leads_total, r.leads_qualified, r.customers_converted,
           r.revenue_generated, wm_to
    FROM jsonb_to_recordset(doc -> 'summary') AS r(campaign_id BIGINT, summary_date DATE, leads_total BIGINT,
         leads_qualified BIGINT, customers_converted BIGINT, revenue_generated NUMERIC(18, 2))
    ON CONFLICT (campaign_id, summary_date) DO UPDATE
    SET leads_total = excluded.leads_total, leads_qualified = excluded.leads_qualified,
        customers_converted = excluded.customers_converted, revenue_generated = excluded.revenue_generated,
        etl_processed_at = excluded.etl_processed_at;
    GET DIAGNOSTICS n_summary = ROW_COUNT;

    SELECT coalesce(array_agg(DISTINCT (e ->> 'campaign_id')::BIGINT), '{}') INTO touched
    FROM jsonb_array_elements(doc -> 'summary') e;
    n_perf := sales.etl_refresh_performance(touched, wm_to);

    PERFORM sales.etl_finish('crm', p_started_at, wm_from, wm_to, records,
        jsonb_build_object('summary_rows', n_summary, 'performance_rows', n_perf, 'campaigns', cardinality(touched)));
    RETURN QUERY SELECT 'crm'::TEXT, 'success'::TEXT, records, n_summary, n_perf,
                        to_char(wm_to, 'YYYY-MM-DD"T"HH24:MI:SS');
END $$;
