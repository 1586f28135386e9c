-- ETL control on the portal: start a run, record a failure, refresh campaign_performance.
-- Times: watermarks and etl_processed_at are the SOURCES' simulated time (max updated_at read),
-- never now(), so the summaries are a pure function of the source state; started_at,
-- completed_at, next_run_at and the duration are the portal server's wall clock (UTC), because
-- they describe the run itself.
\set ON_ERROR_STOP 1

-- Marks the source running and returns its watermark and the run's start (microseconds, UTC).
CREATE OR REPLACE FUNCTION sales.etl_begin(p_source TEXT)
RETURNS TABLE (source TEXT, watermark TEXT, started_at TEXT)
LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY
    UPDATE sales.etl_watermarks w SET etl_status = 'running'
    WHERE w.source_system = p_source
    RETURNING w.source_system, to_char(w.last_updated_at, 'YYYY-MM-DD"T"HH24:MI:SS'),
              to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US');
    IF NOT FOUND THEN
        RAISE EXCEPTION 'sales.etl_watermarks has no row for source %', p_source;
    END IF;
END $$;

-- A failed run: the watermark stays where it was (the next run re-reads the same delta), the
-- watermark row says failed, and the log keeps the error (first 1000 characters).
CREATE OR REPLACE FUNCTION sales.etl_fail(p_source TEXT, p_started_at TEXT, p_error TEXT)
RETURNS TABLE (status TEXT, source TEXT, watermark TEXT, error TEXT)
LANGUAGE plpgsql AS $$
DECLARE
    started TIMESTAMP := coalesce(nullif(p_started_at, '')::TIMESTAMP, clock_timestamp() AT TIME ZONE 'UTC');
    finished TIMESTAMP := clock_timestamp() AT TIME ZONE 'UTC';
    wm TIMESTAMP;
BEGIN
    UPDATE sales.etl_watermarks w SET etl_status = 'failed'
    WHERE w.source_system = p_source RETURNING w.last_updated_at INTO wm;
    INSERT INTO sales.etl_execution_logs
        (etl_name, status, records_processed, records_failed, started_at, completed_at, error_message, execution_metadata)
    VALUES (p_source || '_summary', 'failed', 0, 0, started, finished, left(coalesce(p_error, 'unknown error'), 1000),
            jsonb_build_object('duration_ms', round(extract(EPOCH FROM finished - started) * 1000),
                               'watermark_from', to_char(wm, 'YYYY-MM-DD"T"HH24:MI:SS'),
                               'watermark_to', to_char(wm, 'YYYY-MM-DD"T"HH24:MI:SS')));
    RETURN QUERY SELECT 'failed'::TEXT, p_source, to_char(wm, 'YYYY-MM-DD"T"HH24:MI:SS'), left(p_error, 1000);
END $$;

-- Takes the watermark row of a source for this transaction and checks no other run moved it
-- since etl_begin (two overlapping runs never both apply the same delta).
CREATE OR REPLACE FUNCTION sales.etl_lock_watermark(p_source TEXT, p_from TEXT)
RETURNS TIMESTAMP
LANGUAGE plpgsql AS $$
DECLARE
    wm TIMESTAMP;
BEGIN
    SELECT last_updated_at INTO wm FROM sales.etl_watermarks WHERE source_system = p_source FOR UPDATE;
    IF wm IS DISTINCT FROM p_from::TIMESTAMP THEN
        RAISE EXCEPTION '% watermark moved from % to % during this run (another run applied first)',
            p_source, p_from, wm;
    END IF;
    RETURN wm;
END $$;

-- Closes a successful run in the caller's transaction: advances the watermark (only forward),
-- and logs records read, rows written and the duration.
CREATE OR REPLACE FUNCTION sales.etl_finish(p_source TEXT, p_started_at TEXT, p_from TIMESTAMP, p_to TIMESTAMP,
                                            p_records BIGINT, p_metadata JSONB)
RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    started TIMESTAMP := p_started_at::TIMESTAMP;
    finished TIMESTAMP := clock_timestamp() AT TIME ZONE 'UTC';
BEGIN
    IF p_to < p_from THEN
        RAISE EXCEPTION '% extract returned watermark % older than %', p_source, p_to, p_from;
    END IF;
    UPDATE sales.etl_watermarks
    SET last_updated_at = p_to, etl_status = 'idle', records_processed = p_records,
        -- The schedule (etl/n8n: every 11 minutes, the seeds' requirement) is wall-clock time.
        next_run_at = date_trunc('second', finished) + INTERVAL '11 minutes'
    WHERE source_system = p_source;
    INSERT INTO sales.etl_execution_logs
        (etl_name, status, records_processed, records_failed, started_at, completed_at, error_message, execution_metadata)
    VALUES (p_source || '_summary', 'success', p_records, 0, started, finished, NULL,
            p_metadata || jsonb_build_object(
                'duration_ms', round(extract(EPOCH FROM finished - started) * 1000),
                'watermark_from', to_char(p_from, 'YYYY-MM-DD"T"HH24:MI:SS'),
                'watermark_to', to_char(p_to, 'YYYY-MM-DD"T"HH24:MI:SS')));
END $$;

-- campaign_performance of the given campaigns, re-aggregated from their ads and crm summary rows
-- (the seeds' model: CampaignPerformance aggregates the summaries), which are themselves exact
-- recomputations of the sources; never an increment. Only campaigns that already have a row
-- (created by the ads load, which knows name, status and budget) are touched. Returns rows written.
CREATE OR REPLACE FUNCTION sales.etl_refresh_performance(p_campaigns BIGINT[], p_at TIMESTAMP)
RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    n BIGINT;
BEGIN
    UPDATE sales.campaign_performance p
    SET budget_spent = coalesce(a.spent, 0), total_impressions = coalesce(a.impressions, 0),
        total_clicks = coalesce(a.clicks, 0), total_leads = coalesce(c.leads, 0),
        total_customers = coalesce(c.customers, 0), total_revenue = coalesce(c.revenue, 0),
        last_updated = p_at
    FROM (SELECT DISTINCT unnest(p_campaigns) AS campaign_id) k
    LEFT JOIN (SELECT campaign_id, sum(spent) AS spent, sum(impressions) AS impressions, sum(clicks) AS clicks
               FROM sales.ads_summary WHERE campaign_id = ANY (p_campaigns) GROUP BY campaign_id) a
           ON a.campaign_id = k.campaign_id
    LEFT JOIN (SELECT campaign_id, sum(leads_total) AS leads, sum(customers_converted) AS customers,
                      sum(revenue_generated) AS revenue
               FROM sales.crm_summary WHERE campaign_id = ANY (p_campaigns) GROUP BY campaign_id) c
           ON c.campaign_id = k.campaign_id
    WHERE p.campaign_id = k.campaign_id;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$;
