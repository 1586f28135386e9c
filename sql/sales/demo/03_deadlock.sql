-- Deadlocks with two real sessions (dblink): session A locks campaign 1 then 2, session B
-- locks 2 then 1; PostgreSQL detects the cycle (SQLSTATE 40P01) and aborts one of them. Then
-- the fix: both take locks in the same order (ascending campaign_id) and both finish.
-- Both sessions roll back; dblink is dropped again if this script created it.
\set ON_ERROR_STOP 1
SELECT NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'dblink') AS demo_created_dblink \gset
CREATE EXTENSION IF NOT EXISTS dblink;

CREATE TEMP TABLE demo_deadlock_outcome (phase TEXT, deadlocks INT, completed INT);

DO $$
DECLARE
    conn TEXT := format('host=%s port=%s dbname=%s user=%s',
                        split_part(current_setting('unix_socket_directories'), ',', 1),
                        current_setting('port'), current_database(), current_user);
    deadlocks INT := 0;
    completed INT := 0;
    lock1 TEXT := 'UPDATE sales.campaigns SET spent = spent WHERE campaign_id = 1';
    lock2 TEXT := 'UPDATE sales.campaigns SET spent = spent WHERE campaign_id = 2';
BEGIN
    PERFORM dblink_connect('demo_a', conn);
    PERFORM dblink_connect('demo_b', conn);

    -- Phase 1: opposite lock order.
    PERFORM dblink_exec('demo_a', 'BEGIN');
    PERFORM dblink_exec('demo_b', 'BEGIN');
    PERFORM dblink_exec('demo_a', lock1);
    PERFORM dblink_exec('demo_b', lock2);
    PERFORM dblink_send_query('demo_a', lock2);       -- A waits for B
    PERFORM pg_sleep(0.3);
    BEGIN
        PERFORM dblink_exec('demo_b', lock1);         -- B waits for A: a cycle
        completed := completed + 1;
    EXCEPTION WHEN deadlock_detected THEN
        deadlocks := deadlocks + 1;
        RAISE NOTICE 'session B: %', SQLERRM;
    END;
    BEGIN
        PERFORM * FROM dblink_get_result('demo_a') AS t(status TEXT);
        completed := completed + 1;
    EXCEPTION WHEN deadlock_detected THEN
        deadlocks := deadlocks + 1;
        RAISE NOTICE 'session A: %', SQLERRM;
    END;
    PERFORM * FROM dblink_get_result('demo_a', false) AS t(status TEXT);
    PERFORM dblink_exec('demo_a', 'ROLLBACK');
    PERFORM dblink_exec('demo_b', 'ROLLBACK');
    INSERT INTO demo_deadlock_outcome VALUES ('opposite order', deadlocks, completed);

    -- Phase 2: the same lock order in both sessions.
    deadlocks := 0;
    completed := 0;
    PERFORM dblink_exec('demo_a', 'BEGIN');
    PERFORM dblink_exec('demo_b', 'BEGIN');
    PERFORM dblink_exec('demo_a', lock1);
    PERFORM dblink_send_query('demo_b', lock1);       -- B waits for A, holding nothing
    PERFORM pg_sleep(0.3);
    BEGIN
        PERFORM dblink_exec('demo_a', lock2);
        PERFORM dblink_exec('demo_a', 'ROLLBACK');    -- A finishes and releases
        completed := completed + 1;
    EXCEPTION WHEN deadlock_detected THEN
        deadlocks := deadlocks + 1;
    END;
    BEGIN
        PERFORM * FROM dblink_get_result('demo_b') AS t(status TEXT);
        PERFORM * FROM dblink_get_result('demo_b', false) AS t(status TEXT);
        PERFORM dblink_exec('demo_b', lock2);
        PERFORM dblink_exec('demo_b', 'ROLLBACK');
        completed := completed + 1;
    EXCEPTION WHEN deadlock_detected THEN
        deadlocks := deadlocks + 1;
    END;
    INSERT INTO demo_deadlock_outcome VALUES ('same order', deadlocks, completed);

    PERFORM dblink_disconnect('demo_a');
    PERFORM dblink_disconnect('demo_b');
END $$;

TABLE demo_deadlock_outcome;

DO $$
BEGIN
    IF (SELECT deadlocks FROM demo_deadlock_outcome WHERE phase = 'opposite order') <> 1
       OR (SELECT completed FROM demo_deadlock_outcome WHERE phase = 'opposite order') <> 1 THEN
        RAISE EXCEPTION 'expected exactly one deadlock victim and one survivor with opposite lock order';
    END IF;
    IF (SELECT deadlocks FROM demo_deadlock_outcome WHERE phase = 'same order') <> 0
       OR (SELECT completed FROM demo_deadlock_outcome WHERE phase = 'same order') <> 2 THEN
        RAISE EXCEPTION 'with the same lock order both sessions must finish without a deadlock';
    END IF;
    RAISE NOTICE 'deadlock: detected with opposite order, none with the fixed order';
END $$;

DROP TABLE demo_deadlock_outcome;
\if :demo_created_dblink
DROP EXTENSION dblink;
\endif
