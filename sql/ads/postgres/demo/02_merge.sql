-- PostgreSQL twin of sql/ads/mssql/demo/02_merge.sql.
-- Question: keep a per-channel monthly revenue/cost summary up to date from the daily results.
-- The summary was last refreshed on 2025-08-15 and holds one row for a retired channel; one
-- MERGE inserts the new months, updates the changed ones and deletes the retired row.
-- T-SQL reports each row's action with OUTPUT $action; PostgreSQL 15 has no RETURNING on
-- MERGE, so the twin checks the affected-row count (GET DIAGNOSTICS) against the expected
-- inserts + updates + deletes, and the final table against a fresh aggregate.
BEGIN;
CREATE TEMP TABLE channel_month (
    channel_id BIGINT NOT NULL,
    month DATE NOT NULL,
    revenue NUMERIC(18,2) NOT NULL,
    cost NUMERIC(18,2) NOT NULL,
    PRIMARY KEY (channel_id, month)
) ON COMMIT DROP;
-- The stale snapshot: results up to 2025-08-15, plus a retired channel.
INSERT INTO channel_month
SELECT channel_id, date_trunc('month', day)::DATE, sum(revenue), sum(cost)
FROM ads.daily_results WHERE day <= DATE '2025-08-15' GROUP BY 1, 2;
INSERT INTO channel_month VALUES (-1, DATE '2024-07-01', 1.00, 1.00);

CREATE TEMP TABLE fresh ON COMMIT DROP AS
SELECT channel_id, date_trunc('month', day)::DATE AS month, sum(revenue) AS revenue, sum(cost) AS cost
FROM ads.daily_results GROUP BY 1, 2;

DO $$
DECLARE
    expect_ins INT; expect_upd INT; expect_del INT; affected INT; diff INT;
BEGIN
    SELECT count(*) INTO expect_ins FROM fresh f
    WHERE NOT EXISTS (SELECT 1 FROM channel_month t WHERE t.channel_id = f.channel_id AND t.month = f.month);
    SELECT count(*) INTO expect_upd FROM fresh f JOIN channel_month t USING (channel_id, month)
    WHERE (t.revenue, t.cost) IS DISTINCT FROM (f.revenue, f.cost);
    SELECT count(*) INTO expect_del FROM channel_month t
    WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.channel_id = t.channel_id AND f.month = t.month);

    MERGE INTO channel_month AS t
    USING fresh AS s ON t.channel_id = s.channel_id AND t.month = s.month
    WHEN MATCHED AND (t.revenue <> s.revenue OR t.cost <> s.cost) THEN
        UPDATE SET revenue = s.revenue, cost = s.cost
    WHEN NOT MATCHED THEN
        INSERT (channel_id, month, revenue, cost) VALUES (s.channel_id, s.month, s.revenue, s.cost);
    GET DIAGNOSTICS affected = ROW_COUNT;
    -- PostgreSQL 15 MERGE has no WHEN NOT MATCHED BY SOURCE (T-SQL does): delete separately.
    DELETE FROM channel_month t
    WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.channel_id = t.channel_id AND f.month = t.month);
    GET DIAGNOSTICS diff = ROW_COUNT;
    affected := affected + diff;

    IF expect_ins = 0 OR expect_upd = 0 OR expect_del <> 1 THEN
        RAISE EXCEPTION 'MERGE demo is not exercising all actions (insert %, update %, delete %)', expect_ins, expect_upd, expect_del;
    END IF;
    IF affected <> expect_ins + expect_upd + expect_del THEN
        RAISE EXCEPTION 'MERGE touched % rows, expected % inserts + % updates + % deletes', affected, expect_ins, expect_upd, expect_del;
    END IF;
    SELECT count(*) INTO diff FROM (
        (SELECT * FROM channel_month EXCEPT SELECT * FROM fresh)
        UNION ALL
        (SELECT * FROM fresh EXCEPT SELECT * FROM channel_month)) d;
    IF diff <> 0 THEN
        RAISE EXCEPTION 'after MERGE the summary differs from the daily results in % rows', diff;
    END IF;
    RAISE NOTICE 'MERGE: % inserted, % updated, % deleted; summary equals the daily results', expect_ins, expect_upd, expect_del;
END $$;
ROLLBACK;
