-- Cursors: walk the active campaigns with an explicit cursor (utilisation bands), and hand a
-- refcursor from a function to the client, fetching it in pages. Rolled back at the end.
\set ON_ERROR_STOP 1
BEGIN;

DO $$
DECLARE
    cur CURSOR FOR
        SELECT campaign_id, budget, spent FROM sales.campaigns WHERE status = 'active' ORDER BY campaign_id;
    r RECORD;
    seen INT := 0;
    high INT := 0;
    expected INT;
BEGIN
    OPEN cur;
    LOOP
        FETCH cur INTO r;
        EXIT WHEN NOT FOUND;
        seen := seen + 1;
        IF r.budget > 0 AND r.spent / r.budget >= 0.5 THEN
            high := high + 1;
        END IF;
    END LOOP;
    CLOSE cur;
    SELECT count(*) INTO expected FROM sales.campaigns WHERE status = 'active';
    IF seen <> expected OR expected = 0 THEN
        RAISE EXCEPTION 'cursor walked % rows, expected % (> 0)', seen, expected;
    END IF;
    IF high <> (SELECT count(*) FROM sales.campaigns WHERE status = 'active' AND budget > 0 AND spent / budget >= 0.5) THEN
        RAISE EXCEPTION 'cursor band count wrong';
    END IF;
    RAISE NOTICE 'cursor: % active campaigns, % at least half spent', seen, high;
END $$;

CREATE FUNCTION sales.demo_schedule_cursor(ref refcursor) RETURNS refcursor LANGUAGE plpgsql AS $$
BEGIN
    OPEN ref SCROLL FOR SELECT schedule_id, campaign_id, task_type, scheduled_at
                 FROM sales.campaign_schedule WHERE status = 'pending' ORDER BY scheduled_at, schedule_id;
    RETURN ref;
END $$;

SELECT sales.demo_schedule_cursor('pending_tasks');
FETCH 5 FROM pending_tasks;
MOVE ABSOLUTE 0 IN pending_tasks;

DO $$
DECLARE
    tasks REFCURSOR := 'pending_tasks';  -- the portal opened by the function above
    r RECORD;
    n INT := 0;
    previous TIMESTAMP := '-infinity';
BEGIN
    LOOP
        FETCH tasks INTO r;
        EXIT WHEN NOT FOUND;
        IF r.scheduled_at < previous THEN RAISE EXCEPTION 'refcursor out of order'; END IF;
        previous := r.scheduled_at;
        n := n + 1;
    END LOOP;
    IF n <> (SELECT count(*) FROM sales.campaign_schedule WHERE status = 'pending') THEN
        RAISE EXCEPTION 'refcursor returned % rows', n;
    END IF;
    RAISE NOTICE 'refcursor: % pending tasks in agenda order', n;
END $$;
CLOSE pending_tasks;

ROLLBACK;
