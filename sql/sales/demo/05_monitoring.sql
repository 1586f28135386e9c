-- Query monitoring: pg_stat_statements (needs shared_preload_libraries), pg_stat_activity and
-- EXPLAIN (ANALYZE, BUFFERS). The extension is dropped again if this script created it.
\set ON_ERROR_STOP 1
SELECT NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS demo_created_pgss \gset
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;

-- A recognisable statement, run three times.
SELECT /* demo_monitoring */ count(*) FROM sales.transactions WHERE user_id = 1;
SELECT /* demo_monitoring */ count(*) FROM sales.transactions WHERE user_id = 2;
SELECT /* demo_monitoring */ count(*) FROM sales.transactions WHERE user_id = 3;

SELECT calls, rows, round(total_exec_time::NUMERIC, 3) AS total_ms, left(query, 80) AS query
FROM pg_stat_statements WHERE query LIKE '%demo_monitoring%' AND query NOT LIKE '%pg_stat_statements%'
ORDER BY calls DESC LIMIT 5;

SELECT pid, usename, state, wait_event_type, left(query, 60) AS query
FROM pg_stat_activity WHERE datname = current_database();

EXPLAIN (ANALYZE, BUFFERS)
SELECT c.campaign_id, c.name, sum(t.amount) AS paid
FROM sales.campaigns c JOIN sales.transactions t ON t.campaign_id = c.campaign_id
WHERE c.status = 'active' GROUP BY c.campaign_id, c.name;

DO $$
DECLARE
    calls BIGINT;
    me INT;
    plan JSON;
BEGIN
    SELECT coalesce(sum(s.calls), 0) INTO calls FROM pg_stat_statements s
    WHERE s.query LIKE '%demo_monitoring%' AND s.query NOT LIKE '%pg_stat_statements%';
    IF calls < 3 THEN RAISE EXCEPTION 'pg_stat_statements recorded % calls of the demo query (expected >= 3)', calls; END IF;

    SELECT count(*) INTO me FROM pg_stat_activity WHERE pid = pg_backend_pid() AND state = 'active';
    IF me <> 1 THEN RAISE EXCEPTION 'pg_stat_activity does not show this session as active'; END IF;

    EXECUTE 'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) FROM sales.campaigns WHERE campaign_id = 1' INTO plan;
    IF plan -> 0 -> 'Plan' ->> 'Actual Rows' IS NULL OR plan -> 0 -> 'Plan' ->> 'Shared Hit Blocks' IS NULL THEN
        RAISE EXCEPTION 'EXPLAIN (ANALYZE, BUFFERS) did not report actual rows and buffers: %', plan;
    END IF;
    IF (plan -> 0 -> 'Plan' ->> 'Actual Rows')::INT <> 1 THEN
        RAISE EXCEPTION 'EXPLAIN ANALYZE actual rows %', plan -> 0 -> 'Plan' ->> 'Actual Rows';
    END IF;
    RAISE NOTICE 'monitoring: % recorded calls, EXPLAIN buffers reported', calls;
END $$;

\if :demo_created_pgss
DROP EXTENSION pg_stat_statements;
\endif
