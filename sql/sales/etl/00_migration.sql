-- ETL migration on the PromptSales portal (PostgreSQL), applied once by an administrator after
-- `promptsales load postgres --stores sales` and before the first n8n run; idempotent (re-running
-- it changes nothing). It gives the ETL what its upserts and its log need:
--   * identity defaults for the summary keys and the execution log (the generator leaves the
--     summaries empty and writes the log's history with ids 1..n; new ids continue after them);
--   * the unique keys each upsert targets (keys.sql declares them; asserted here so the ETL
--     never depends on a schema that lacks them);
--   * execution_metadata on the log (the seeds' EtlExecutionLogs column: duration, watermarks,
--     rows written), nullable so the generated history stays as generated;
--   * watermarks of never-run sources: the generator writes a plausible nightly history into
--     sales.etl_watermarks, but the summaries start empty, so a watermark whose summary table is
--     empty is reset to the epoch and the first run is a full backfill.
\set ON_ERROR_STOP 1

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['content_summary', 'ads_summary', 'crm_summary'] LOOP
        EXECUTE format('CREATE SEQUENCE IF NOT EXISTS sales.%I OWNED BY sales.%I.summary_id', t || '_summary_id_seq', t);
        EXECUTE format('SELECT setval(%L, greatest((SELECT max(summary_id) FROM sales.%I), 0) + 1, false)',
                       'sales.' || t || '_summary_id_seq', t);
        EXECUTE format('ALTER TABLE sales.%I ALTER COLUMN summary_id SET DEFAULT nextval(%L)',
                       t, 'sales.' || t || '_summary_id_seq');
    END LOOP;
END $$;

CREATE SEQUENCE IF NOT EXISTS sales.etl_execution_logs_execution_id_seq
    OWNED BY sales.etl_execution_logs.execution_id;
DO $$
BEGIN
    PERFORM setval('sales.etl_execution_logs_execution_id_seq',
                   greatest((SELECT max(execution_id) FROM sales.etl_execution_logs), 0) + 1, false);
END $$;
ALTER TABLE sales.etl_execution_logs
    ALTER COLUMN execution_id SET DEFAULT nextval('sales.etl_execution_logs_execution_id_seq'),
    ADD COLUMN IF NOT EXISTS execution_metadata JSONB;

-- The upserts' conflict targets. keys.sql creates them; a database loaded without keys gets them here.
DO $$
DECLARE
    k RECORD;
BEGIN
    FOR k IN SELECT * FROM (VALUES
        ('content_summary', ARRAY['campaign_id', 'summary_date', 'content_type']),
        ('ads_summary', ARRAY['campaign_id', 'summary_date', 'channel']),
        ('crm_summary', ARRAY['campaign_id', 'summary_date']),
        ('campaign_performance', ARRAY['campaign_id']),
        ('etl_watermarks', ARRAY['source_system'])) AS v(tbl, cols)
    LOOP
        IF NOT EXISTS (
            SELECT 1 FROM pg_constraint c
            WHERE c.conrelid = ('sales.' || k.tbl)::regclass AND c.contype IN ('u', 'p')
              AND (SELECT array_agg(a.attname::TEXT ORDER BY a.attname)
                   FROM unnest(c.conkey) AS n JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = n)
                  = (SELECT array_agg(x ORDER BY x) FROM unnest(k.cols) AS x)) THEN
            EXECUTE format('ALTER TABLE sales.%I ADD UNIQUE (%s)', k.tbl,
                           (SELECT string_agg(quote_ident(x), ', ') FROM unnest(k.cols) AS x));
        END IF;
    END LOOP;
END $$;

-- Every source has its watermark row (the generator writes all three; a hand-made database may not).
INSERT INTO sales.etl_watermarks (watermark_id, source_system, last_updated_at, next_run_at, etl_status, records_processed)
SELECT (SELECT coalesce(max(watermark_id), 0) FROM sales.etl_watermarks) + row_number() OVER (ORDER BY s),
       s, TIMESTAMP '1970-01-01 00:00:00', TIMESTAMP '1970-01-01 00:00:00', 'idle', 0
FROM unnest(ARRAY['content', 'ads', 'crm']) AS s
WHERE NOT EXISTS (SELECT 1 FROM sales.etl_watermarks w WHERE w.source_system = s);

UPDATE sales.etl_watermarks w SET last_updated_at = TIMESTAMP '1970-01-01 00:00:00', etl_status = 'idle'
WHERE (w.source_system = 'content' AND NOT EXISTS (SELECT 1 FROM sales.content_summary))
   OR (w.source_system = 'ads' AND NOT EXISTS (SELECT 1 FROM sales.ads_summary))
   OR (w.source_system = 'crm' AND NOT EXISTS (SELECT 1 FROM sales.crm_summary));
