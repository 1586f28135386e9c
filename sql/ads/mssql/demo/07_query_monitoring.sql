-- PromptAds demo: monitoring query performance. Run on a loaded database (needs VIEW SERVER
-- STATE for the DMVs and ALTER on the database for Query Store); THROWs if a tool shows nothing.
-- PostgreSQL twin (run in the test suite): sql/ads/postgres/demo/07_query_monitoring.sql
-- (pg_stat_statements, EXPLAIN (ANALYZE, BUFFERS), pg_stat_activity).
SET NOCOUNT ON;

-- 1. Query Store: a flight recorder of plans and run-time statistics per query, kept in the
--    database across restarts. Read: avg_duration and avg_logical_io_reads per plan (which query
--    costs most), count_executions (how often), and several plan_id for one query_id (a plan
--    change, the usual cause of "it was fast yesterday").
ALTER DATABASE CURRENT SET QUERY_STORE = ON;
ALTER DATABASE CURRENT SET QUERY_STORE (OPERATION_MODE = READ_WRITE, QUERY_CAPTURE_MODE = ALL);
GO

-- The workload to observe: channel revenue per month (the marketers' most frequent report).
SELECT channel_id, DATEFROMPARTS(YEAR(day), MONTH(day), 1) AS month, SUM(revenue) AS revenue
FROM ads.daily_results
WHERE day >= '2025-01-01'
GROUP BY channel_id, DATEFROMPARTS(YEAR(day), MONTH(day), 1)
OPTION (RECOMPILE);
GO

-- 2. SET STATISTICS IO, TIME ON: per statement, in the Messages tab. Read "logical reads"
--    per table (pages read from cache: the cost to reduce with an index or a narrower scan),
--    "physical reads" (pages from disk: a cold cache), and "CPU time" vs "elapsed time"
--    (elapsed far above CPU means waiting: I/O, locks or the network).
-- (SET STATISTICS IO, TIME ON is the one-line form; written as two statements here.)
SET STATISTICS IO ON;
SET STATISTICS TIME ON;
SELECT c.brand_id, SUM(r.cost) AS cost, SUM(r.revenue) AS revenue
FROM ads.daily_results AS r JOIN ads.campaigns AS c ON c.campaign_id = r.campaign_id
WHERE r.day BETWEEN '2025-01-01' AND '2025-03-31'
GROUP BY c.brand_id;
SET STATISTICS IO OFF;
SET STATISTICS TIME OFF;
GO

-- 3. sys.dm_exec_query_stats: cumulative statistics of cached plans since they were compiled.
--    Read total_worker_time / execution_count (CPU per run), total_logical_reads (I/O), and
--    last_elapsed_time; ordering by total_worker_time finds the queries worth tuning first.
SELECT TOP (10)
       qs.execution_count,
       qs.total_worker_time / qs.execution_count AS avg_cpu_us,
       qs.total_logical_reads / qs.execution_count AS avg_logical_reads,
       qs.last_elapsed_time AS last_elapsed_us,
       SUBSTRING(st.text, qs.statement_start_offset / 2 + 1,
                 (CASE qs.statement_end_offset WHEN -1 THEN DATALENGTH(st.text)
                       ELSE qs.statement_end_offset END - qs.statement_start_offset) / 2 + 1) AS statement_text
FROM sys.dm_exec_query_stats AS qs
CROSS APPLY sys.dm_exec_sql_text(qs.sql_handle) AS st
WHERE st.text LIKE N'%ads.daily_results%' AND st.text NOT LIKE N'%dm_exec_query_stats%'
ORDER BY qs.total_worker_time DESC;

-- 4. sys.dm_exec_requests: what runs right now. Read status and wait_type (what a slow request
--    waits on: PAGEIOLATCH = disk, LCK_M_* = a lock held by blocking_session_id), cpu_time and
--    logical_reads so far.
SELECT r.session_id, r.status, r.command, r.wait_type, r.wait_time, r.blocking_session_id,
       r.cpu_time, r.logical_reads, t.text
FROM sys.dm_exec_requests AS r
CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) AS t
WHERE r.session_id <> @@SPID OR r.session_id = @@SPID;

IF NOT EXISTS (SELECT 1 FROM sys.dm_exec_requests WHERE session_id = @@SPID)
    THROW 50701, N'sys.dm_exec_requests does not show this session.', 1;
IF NOT EXISTS (SELECT 1 FROM sys.dm_exec_query_stats AS qs
               CROSS APPLY sys.dm_exec_sql_text(qs.sql_handle) AS st
               WHERE st.text LIKE N'%SUM(r.cost) AS cost%' AND st.text NOT LIKE N'%dm_exec_query_stats%')
    THROW 50702, N'sys.dm_exec_query_stats has no entry for the workload query.', 1;
GO

-- 5. Query Store after the workload: flush, then the slowest recorded queries.
EXEC sys.sp_query_store_flush_db;
SELECT TOP (10) q.query_id, p.plan_id, rs.count_executions, rs.avg_duration, rs.avg_logical_io_reads,
       qt.query_sql_text
FROM sys.query_store_query AS q
JOIN sys.query_store_query_text AS qt ON qt.query_text_id = q.query_text_id
JOIN sys.query_store_plan AS p ON p.query_id = q.query_id
JOIN sys.query_store_runtime_stats AS rs ON rs.plan_id = p.plan_id
WHERE qt.query_sql_text LIKE N'%ads.daily_results%'
ORDER BY rs.avg_duration DESC;

IF NOT EXISTS (SELECT 1 FROM sys.query_store_query_text WHERE query_sql_text LIKE N'%SUM(revenue) AS revenue%')
    THROW 50703, N'Query Store did not record the workload query.', 1;
PRINT N'Monitoring: Query Store, dm_exec_query_stats and dm_exec_requests all show the workload.';
GO
