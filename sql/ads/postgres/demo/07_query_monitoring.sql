-- PostgreSQL twin of sql/ads/mssql/demo/07_query_monitoring.sql. The SQL Server tools and
-- their PostgreSQL counterparts:
--   Query Store / sys.dm_exec_query_stats  →  pg_stat_statements (calls, mean time, buffers)
--   sys.dm_exec_requests                   →  pg_stat_activity (state, wait_event)
--   SET STATISTICS IO, TIME ON             →  EXPLAIN (ANALYZE, BUFFERS) (shared hit/read
--                                             blocks = logical/physical reads; execution time)
-- Self-check: the workload query shows up in each with the values it must have.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SELECT pg_stat_statements_reset();

-- The workload: channel revenue per month, run three times.
SELECT channel_id, date_trunc('month', day) AS month, sum(revenue) AS revenue
FROM ads.daily_results WHERE day >= DATE '2025-01-01' GROUP BY 1, 2 \g /dev/null
SELECT channel_id, date_trunc('month', day) AS month, sum(revenue) AS revenue
FROM ads.daily_results WHERE day >= DATE '2025-01-01' GROUP BY 1, 2 \g /dev/null
SELECT channel_id, date_trunc('month', day) AS month, sum(revenue) AS revenue
FROM ads.daily_results WHERE day >= DATE '2025-01-01' GROUP BY 1, 2 \g /dev/null

DO $$
DECLARE
    calls BIGINT; mean_ms DOUBLE PRECISION; blocks BIGINT; plan JSON; hit BIGINT; exec_ms DOUBLE PRECISION;
    n_rows BIGINT; me INT;
BEGIN
    -- pg_stat_statements: one normalised entry, three calls, buffers touched.
    SELECT s.calls, s.mean_exec_time, s.shared_blks_hit + s.shared_blks_read
    INTO calls, mean_ms, blocks
    FROM pg_stat_statements s
    WHERE s.query LIKE '%sum(revenue) AS revenue%' AND s.query NOT LIKE '%pg_stat_statements%'
      AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database());
    IF calls IS DISTINCT FROM 3 OR NOT blocks > 0 THEN
        RAISE EXCEPTION 'pg_stat_statements: expected 3 calls with buffers, got % calls, % blocks', calls, blocks;
    END IF;
    -- EXPLAIN (ANALYZE, BUFFERS): the STATISTICS IO/TIME of PostgreSQL.
    EXECUTE 'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT c.brand_id, sum(r.cost), sum(r.revenue)
             FROM ads.daily_results r JOIN ads.campaigns c USING (campaign_id)
             WHERE r.day BETWEEN DATE ''2025-01-01'' AND DATE ''2025-03-31'' GROUP BY c.brand_id' INTO plan;
    hit := (plan -> 0 -> 'Plan' ->> 'Shared Hit Blocks')::BIGINT + (plan -> 0 -> 'Plan' ->> 'Shared Read Blocks')::BIGINT;
    exec_ms := (plan -> 0 ->> 'Execution Time')::DOUBLE PRECISION;
    n_rows := (plan -> 0 -> 'Plan' ->> 'Actual Rows')::BIGINT;
    IF NOT hit > 0 OR exec_ms IS NULL OR n_rows <> (SELECT count(DISTINCT c.brand_id) FROM ads.daily_results r
            JOIN ads.campaigns c USING (campaign_id) WHERE r.day BETWEEN DATE '2025-01-01' AND DATE '2025-03-31') THEN
        RAISE EXCEPTION 'EXPLAIN ANALYZE: % blocks, % ms, % rows', hit, exec_ms, n_rows;
    END IF;
    -- pg_stat_activity: this very session is active, running this block.
    SELECT count(*) INTO me FROM pg_stat_activity WHERE pid = pg_backend_pid() AND state = 'active';
    IF me <> 1 THEN
        RAISE EXCEPTION 'pg_stat_activity does not show this session as active';
    END IF;
    RAISE NOTICE 'monitoring: pg_stat_statements 3 calls (mean % ms, % blocks); EXPLAIN ANALYZE % blocks, % rows; pg_stat_activity shows this session',
        round(mean_ms::NUMERIC, 2), blocks, hit, n_rows;
END $$;
