-- PostgreSQL twin of sql/crm/mssql/06_concurrency/*.sql, with real concurrent sessions: each
-- "session" is its own server connection opened through dblink (a separate backend process),
-- driven asynchronously (dblink_send_query) so that their transactions overlap for real.
-- Demonstrated and asserted:
--   1. three-way cascading deadlock: sessions moving reserve 1→2, 2→3, 3→1, each locking its
--      source row then (after a pause) its target: exactly one victim (SQLSTATE 40P01), the
--      other two commit, money conserved; then the ordered procedure (lower id first): no
--      victim, all three commit;
--   2. lost update: read-pause-write in two sessions loses one sale; SELECT … FOR UPDATE (the
--      twin of UPDLOCK, HOLDLOCK) keeps both;
--   3. incorrect summary: a row-by-row report under READ COMMITTED misses a transfer committed
--      mid-report; the same report in one REPEATABLE READ snapshot (the twin of SNAPSHOT) is exact;
--   4. dirty read: attempted under READ UNCOMMITTED and shown NOT to happen: PostgreSQL runs
--      READ UNCOMMITTED as READ COMMITTED and never returns uncommitted data, so there is no bug
--      to fix here (SQL Server's 03_dirty_read_* shows the real one).
-- The demo schema crm_demo and (if this script created it) dblink are dropped at the end.
\set ON_ERROR_STOP 1
SELECT NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'dblink') AS demo_created_dblink \gset
CREATE EXTENSION IF NOT EXISTS dblink;
DROP SCHEMA IF EXISTS crm_demo CASCADE;
CREATE SCHEMA crm_demo;

CREATE TABLE crm_demo.campaign_ledger (
    n INT PRIMARY KEY,                 -- 1..5, the ledger position
    campaign_id BIGINT NOT NULL UNIQUE,
    reserve NUMERIC(18, 2) NOT NULL,
    sales_total NUMERIC(18, 2) NOT NULL,
    sales_count INT NOT NULL
);
INSERT INTO crm_demo.campaign_ledger
SELECT row_number() OVER (ORDER BY campaign_id), campaign_id, 10000.00, sum(amount), count(*)
FROM crm.sales GROUP BY campaign_id ORDER BY campaign_id LIMIT 5;

CREATE FUNCTION crm_demo.move_reserve_unordered(p_from INT, p_to INT, p_amount NUMERIC, p_pause FLOAT8)
RETURNS TEXT LANGUAGE plpgsql AS $f$
BEGIN
    UPDATE crm_demo.campaign_ledger SET reserve = reserve - p_amount WHERE n = p_from;
    PERFORM pg_sleep(p_pause);
    UPDATE crm_demo.campaign_ledger SET reserve = reserve + p_amount WHERE n = p_to;
    RETURN 'committed';
END $f$;

CREATE FUNCTION crm_demo.move_reserve_ordered(p_from INT, p_to INT, p_amount NUMERIC, p_pause FLOAT8)
RETURNS TEXT LANGUAGE plpgsql AS $f$
BEGIN
    UPDATE crm_demo.campaign_ledger SET reserve = reserve + CASE WHEN n = p_from THEN -p_amount ELSE p_amount END
    WHERE n = least(p_from, p_to);
    PERFORM pg_sleep(p_pause);
    UPDATE crm_demo.campaign_ledger SET reserve = reserve + CASE WHEN n = p_from THEN -p_amount ELSE p_amount END
    WHERE n = greatest(p_from, p_to);
    RETURN 'committed';
END $f$;

CREATE FUNCTION crm_demo.add_sale_unsafe(p_n INT, p_amount NUMERIC, p_pause FLOAT8)
RETURNS TEXT LANGUAGE plpgsql AS $f$
DECLARE total NUMERIC; cnt INT;
BEGIN
    SELECT sales_total, sales_count INTO total, cnt FROM crm_demo.campaign_ledger WHERE n = p_n;
    PERFORM pg_sleep(p_pause);
    UPDATE crm_demo.campaign_ledger SET sales_total = total + p_amount, sales_count = cnt + 1 WHERE n = p_n;
    RETURN 'committed';
END $f$;

CREATE FUNCTION crm_demo.add_sale_safe(p_n INT, p_amount NUMERIC, p_pause FLOAT8)
RETURNS TEXT LANGUAGE plpgsql AS $f$
DECLARE total NUMERIC; cnt INT;
BEGIN
    SELECT sales_total, sales_count INTO total, cnt FROM crm_demo.campaign_ledger WHERE n = p_n FOR UPDATE;
    PERFORM pg_sleep(p_pause);
    UPDATE crm_demo.campaign_ledger SET sales_total = total + p_amount, sales_count = cnt + 1 WHERE n = p_n;
    RETURN 'committed';
END $f$;

-- Row-by-row report: in READ COMMITTED every statement of a (volatile) function takes a new
-- snapshot, so each row is read as committed at that moment.
CREATE FUNCTION crm_demo.sum_reserve(p_pause FLOAT8)
RETURNS NUMERIC LANGUAGE plpgsql AS $f$
DECLARE total NUMERIC := 0; r NUMERIC; i INT;
BEGIN
    FOR i IN 1..5 LOOP
        SELECT reserve INTO r FROM crm_demo.campaign_ledger WHERE n = i;
        total := total + r;
        PERFORM pg_sleep(p_pause);
    END LOOP;
    RETURN total;
END $f$;

-- The writer of the incorrect summary: waits, then moves reserve in one committed transaction.
CREATE FUNCTION crm_demo.move_reserve_later(p_from INT, p_to INT, p_amount NUMERIC, p_wait FLOAT8)
RETURNS TEXT LANGUAGE plpgsql AS $f$
BEGIN
    PERFORM pg_sleep(p_wait);
    UPDATE crm_demo.campaign_ledger SET reserve = reserve - p_amount WHERE n = p_from;
    UPDATE crm_demo.campaign_ledger SET reserve = reserve + p_amount WHERE n = p_to;
    RETURN 'committed';
END $f$;

CREATE TABLE crm_demo.outcome (demo TEXT, session TEXT, result TEXT, sqlstate TEXT);

-- Runs QUERIES[i] on connection s<i>, all sent at once (staggered by STAGGER seconds), then
-- collects each result, recording 'committed' or the SQLSTATE of the error.
CREATE FUNCTION crm_demo.run_concurrently(p_demo TEXT, p_queries TEXT[], p_stagger FLOAT8)
RETURNS VOID LANGUAGE plpgsql AS $f$
DECLARE i INT; res TEXT;
BEGIN
    FOR i IN 1..array_length(p_queries, 1) LOOP
        PERFORM dblink_send_query('s' || i, p_queries[i]);
        PERFORM pg_sleep(p_stagger);
    END LOOP;
    FOR i IN 1..array_length(p_queries, 1) LOOP
        BEGIN
            SELECT r INTO res FROM dblink_get_result('s' || i) AS t(r TEXT);
            INSERT INTO crm_demo.outcome VALUES (p_demo, 's' || i, res, NULL);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO crm_demo.outcome VALUES (p_demo, 's' || i, 'error', SQLSTATE);
        END;
        PERFORM * FROM dblink_get_result('s' || i, false) AS t(r TEXT);  -- drain the end marker
    END LOOP;
END $f$;

DO $$
DECLARE
    conn TEXT := format('host=%s port=%s dbname=%s user=%s',
                        split_part(current_setting('unix_socket_directories'), ',', 1),
                        current_setting('port'), current_database(), current_user);
    i INT;
BEGIN
    FOR i IN 1..3 LOOP
        PERFORM dblink_connect('s' || i, conn);
    END LOOP;
END $$;

-- 1a. Three-way cascading deadlock.
SELECT crm_demo.run_concurrently('deadlock3', ARRAY[
    'SELECT crm_demo.move_reserve_unordered(1, 2, 100, 1.0)',
    'SELECT crm_demo.move_reserve_unordered(2, 3, 100, 1.0)',
    'SELECT crm_demo.move_reserve_unordered(3, 1, 100, 1.0)'], 0.05);
CREATE TEMP TABLE after_deadlock AS SELECT n, reserve FROM crm_demo.campaign_ledger;
UPDATE crm_demo.campaign_ledger SET reserve = 10000.00;

-- 1b. The same transfers with the ordered procedure.
SELECT crm_demo.run_concurrently('deadlock3_fixed', ARRAY[
    'SELECT crm_demo.move_reserve_ordered(1, 2, 100, 1.0)',
    'SELECT crm_demo.move_reserve_ordered(2, 3, 100, 1.0)',
    'SELECT crm_demo.move_reserve_ordered(3, 1, 100, 1.0)'], 0.05);
CREATE TEMP TABLE after_fixed AS SELECT n, reserve FROM crm_demo.campaign_ledger;

-- 2. Lost update (sales 100.00 and 250.00 on ledger row 1), then prevented.
CREATE TEMP TABLE base AS SELECT sales_total, sales_count FROM crm_demo.campaign_ledger WHERE n = 1;
SELECT crm_demo.run_concurrently('lost_update', ARRAY[
    'SELECT crm_demo.add_sale_unsafe(1, 100, 1.0)',
    'SELECT crm_demo.add_sale_unsafe(1, 250, 1.0)'], 0.1);
CREATE TEMP TABLE after_lost AS SELECT sales_total, sales_count FROM crm_demo.campaign_ledger WHERE n = 1;
UPDATE crm_demo.campaign_ledger l SET sales_total = b.sales_total, sales_count = b.sales_count FROM base b WHERE l.n = 1;
SELECT crm_demo.run_concurrently('lost_update_fixed', ARRAY[
    'SELECT crm_demo.add_sale_safe(1, 100, 1.0)',
    'SELECT crm_demo.add_sale_safe(1, 250, 1.0)'], 0.1);
CREATE TEMP TABLE after_safe AS SELECT sales_total, sales_count FROM crm_demo.campaign_ledger WHERE n = 1;

-- 3. Incorrect summary: s1 reports (0.4 s per row); s2 moves 1 000.00 from row 5 to row 1
--    0.6 s later (row 1 already read, row 5 not yet).
UPDATE crm_demo.campaign_ledger SET reserve = 10000.00;
SELECT crm_demo.run_concurrently('summary', ARRAY[
    'SELECT crm_demo.sum_reserve(0.4)::TEXT',
    'SELECT crm_demo.move_reserve_later(5, 1, 1000, 0.6)'], 0.0);
UPDATE crm_demo.campaign_ledger SET reserve = 10000.00;
SELECT dblink_exec('s1', 'BEGIN ISOLATION LEVEL REPEATABLE READ');
SELECT crm_demo.run_concurrently('summary_fixed', ARRAY[
    'SELECT crm_demo.sum_reserve(0.4)::TEXT',
    'SELECT crm_demo.move_reserve_later(5, 1, 1000, 0.6)'], 0.0);
SELECT dblink_exec('s1', 'COMMIT');
CREATE TEMP TABLE summary_total AS SELECT sum(reserve) AS total FROM crm_demo.campaign_ledger;

-- 4. Dirty read attempt: s1 lowers row 1's reserve by 2 500.00 without committing; s2 reads it
--    under READ UNCOMMITTED; then s1 rolls back.
UPDATE crm_demo.campaign_ledger SET reserve = 10000.00;
SELECT dblink_exec('s1', 'BEGIN');
SELECT dblink_exec('s1', 'UPDATE crm_demo.campaign_ledger SET reserve = reserve - 2500 WHERE n = 1');
SELECT dblink_exec('s2', 'BEGIN ISOLATION LEVEL READ UNCOMMITTED');
INSERT INTO crm_demo.outcome
SELECT 'dirty_read', 's2', reserve::TEXT, isolation
FROM dblink('s2', 'SELECT reserve, current_setting(''transaction_isolation'') FROM crm_demo.campaign_ledger WHERE n = 1')
     AS t(reserve NUMERIC, isolation TEXT);
INSERT INTO crm_demo.outcome
SELECT 'dirty_read', 's1', reserve::TEXT, 'writer, uncommitted'
FROM dblink('s1', 'SELECT reserve FROM crm_demo.campaign_ledger WHERE n = 1') AS t(reserve NUMERIC);
SELECT dblink_exec('s2', 'COMMIT');
SELECT dblink_exec('s1', 'ROLLBACK');

SELECT * FROM crm_demo.outcome ORDER BY demo, session;

DO $$
DECLARE
    victims INT; commits INT; victim TEXT; expected NUMERIC[]; got NUMERIC[]; v INT;
    base_total NUMERIC; base_count INT; lost_total NUMERIC; lost_count INT; safe_total NUMERIC; safe_count INT;
    unsafe_sum NUMERIC; snapshot_sum NUMERIC; real_sum NUMERIC; seen TEXT; writer_saw TEXT; iso TEXT;
BEGIN
    -- 1a. Exactly one victim with SQLSTATE 40P01; the survivors' transfers applied, the victim's not.
    SELECT count(*) FILTER (WHERE sqlstate = '40P01'), count(*) FILTER (WHERE result = 'committed'),
           min(session) FILTER (WHERE sqlstate = '40P01')
    INTO victims, commits, victim FROM crm_demo.outcome WHERE demo = 'deadlock3';
    IF victims <> 1 OR commits <> 2 THEN
        RAISE EXCEPTION 'three-way deadlock: % victims (40P01) and % commits, expected 1 and 2', victims, commits;
    END IF;
    v := substr(victim, 2)::INT;   -- session i moved i -> i % 3 + 1
    expected := ARRAY[10000, 10000, 10000, 10000, 10000]::NUMERIC[];
    FOR i IN 1..3 LOOP
        IF i <> v THEN
            expected[i] := expected[i] - 100;
            expected[i % 3 + 1] := expected[i % 3 + 1] + 100;
        END IF;
    END LOOP;
    SELECT array_agg(reserve ORDER BY n) INTO got FROM after_deadlock;
    IF got <> expected THEN
        RAISE EXCEPTION 'three-way deadlock: reserves % after, expected % (victim %)', got, expected, victim;
    END IF;
    -- 1b. Ordered: nobody dies, the three transfers cancel out.
    SELECT count(*) FILTER (WHERE sqlstate IS NOT NULL), count(*) FILTER (WHERE result = 'committed')
    INTO victims, commits FROM crm_demo.outcome WHERE demo = 'deadlock3_fixed';
    SELECT array_agg(reserve ORDER BY n) INTO got FROM after_fixed;
    IF victims <> 0 OR commits <> 3 OR got <> ARRAY[10000, 10000, 10000, 10000, 10000]::NUMERIC[] THEN
        RAISE EXCEPTION 'ordered transfers: % errors, % commits, reserves %', victims, commits, got;
    END IF;
    RAISE NOTICE 'deadlock: 3 sessions in a cycle -> exactly 1 victim (%, SQLSTATE 40P01), 2 commits, money conserved; ordered locks -> 0 victims, 3 commits', victim;

    -- 2. Lost update.
    SELECT sales_total, sales_count INTO base_total, base_count FROM base;
    SELECT sales_total, sales_count INTO lost_total, lost_count FROM after_lost;
    SELECT sales_total, sales_count INTO safe_total, safe_count FROM after_safe;
    IF (SELECT count(*) FROM crm_demo.outcome WHERE demo LIKE 'lost_update%' AND result = 'committed') <> 4 THEN
        RAISE EXCEPTION 'lost update: not all four sessions committed';
    END IF;
    IF NOT (lost_total = base_total + 250 AND lost_count = base_count + 1) THEN
        RAISE EXCEPTION 'lost update: expected the 100.00 sale to be lost (total % + 250, count + 1), got % / %', base_total, lost_total, lost_count;
    END IF;
    IF NOT (safe_total = base_total + 350 AND safe_count = base_count + 2) THEN
        RAISE EXCEPTION 'lost update, fixed: expected total % + 350 and count + 2, got % / %', base_total, safe_total, safe_count;
    END IF;
    RAISE NOTICE 'lost update: read-pause-write kept % (the 100.00 sale lost); FOR UPDATE kept % (both sales)', lost_total - base_total, safe_total - base_total;

    -- 3. Incorrect summary.
    SELECT result::NUMERIC INTO unsafe_sum FROM crm_demo.outcome WHERE demo = 'summary' AND session = 's1';
    SELECT result::NUMERIC INTO snapshot_sum FROM crm_demo.outcome WHERE demo = 'summary_fixed' AND session = 's1';
    SELECT total INTO real_sum FROM summary_total;
    IF real_sum <> 50000 OR unsafe_sum <> real_sum - 1000 THEN
        RAISE EXCEPTION 'incorrect summary: READ COMMITTED report % vs real % (expected 1 000.00 missing)', unsafe_sum, real_sum;
    END IF;
    IF snapshot_sum <> real_sum THEN
        RAISE EXCEPTION 'incorrect summary, fixed: REPEATABLE READ report % vs real %', snapshot_sum, real_sum;
    END IF;
    RAISE NOTICE 'incorrect summary: READ COMMITTED row-by-row report % (1 000.00 missing), REPEATABLE READ snapshot % = real total', unsafe_sum, snapshot_sum;

    -- 4. Dirty read attempt.
    SELECT result, sqlstate INTO seen, iso FROM crm_demo.outcome WHERE demo = 'dirty_read' AND session = 's2';
    SELECT result INTO writer_saw FROM crm_demo.outcome WHERE demo = 'dirty_read' AND session = 's1';
    IF writer_saw::NUMERIC <> 7500 OR iso <> 'read uncommitted' THEN
        RAISE EXCEPTION 'dirty read setup: writer saw %, reader isolation %', writer_saw, iso;
    END IF;
    IF seen::NUMERIC <> 10000 THEN
        RAISE EXCEPTION 'dirty read: the READ UNCOMMITTED reader saw % (uncommitted 7500.00)', seen;
    END IF;
    RAISE NOTICE 'dirty read: not reproducible on PostgreSQL: under READ UNCOMMITTED the reader saw % while the writer''s uncommitted value was %', seen, writer_saw;
END $$;

SELECT dblink_disconnect('s1'), dblink_disconnect('s2'), dblink_disconnect('s3');
DROP SCHEMA crm_demo CASCADE;
\if :demo_created_dblink
DROP EXTENSION dblink;
\endif
