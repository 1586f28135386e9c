-- PromptAds demo: MERGE with OUTPUT $action. Run on a loaded database; THROWs if wrong.
-- Question: keep a per-channel monthly revenue/cost summary up to date from the daily results.
-- The summary was last refreshed on 2025-08-15 and holds one row for a retired channel; one
-- MERGE inserts the new months, updates the changed ones and deletes the retired row, and
-- OUTPUT $action reports which of the three happened to each row.
-- Self-check: the action counts equal what a comparison predicts, and the summary ends equal
-- to a fresh aggregate. Everything happens in a temp table; the database is not changed.
-- PostgreSQL twin (run in the test suite): sql/ads/postgres/demo/02_merge.sql.
SET NOCOUNT ON;

CREATE TABLE #channel_month (
    channel_id BIGINT NOT NULL,
    month DATE NOT NULL,
    revenue DECIMAL(18, 2) NOT NULL,
    cost DECIMAL(18, 2) NOT NULL,
    PRIMARY KEY (channel_id, month)
);
INSERT INTO #channel_month (channel_id, month, revenue, cost)
SELECT channel_id, DATEFROMPARTS(YEAR(day), MONTH(day), 1), SUM(revenue), SUM(cost)
FROM ads.daily_results WHERE day <= '2025-08-15'
GROUP BY channel_id, DATEFROMPARTS(YEAR(day), MONTH(day), 1);
INSERT INTO #channel_month (channel_id, month, revenue, cost) VALUES (-1, '2024-07-01', 1.00, 1.00);

SELECT channel_id, DATEFROMPARTS(YEAR(day), MONTH(day), 1) AS month, SUM(revenue) AS revenue, SUM(cost) AS cost
INTO #fresh
FROM ads.daily_results
GROUP BY channel_id, DATEFROMPARTS(YEAR(day), MONTH(day), 1);

DECLARE @expect_ins INT = (
    SELECT COUNT(*) FROM #fresh AS f
    WHERE NOT EXISTS (SELECT 1 FROM #channel_month AS t WHERE t.channel_id = f.channel_id AND t.month = f.month));
DECLARE @expect_upd INT = (
    SELECT COUNT(*) FROM #fresh AS f JOIN #channel_month AS t ON t.channel_id = f.channel_id AND t.month = f.month
    WHERE t.revenue <> f.revenue OR t.cost <> f.cost);
DECLARE @expect_del INT = (
    SELECT COUNT(*) FROM #channel_month AS t
    WHERE NOT EXISTS (SELECT 1 FROM #fresh AS f WHERE f.channel_id = t.channel_id AND f.month = t.month));

DECLARE @actions TABLE (action NVARCHAR(10) NOT NULL, channel_id BIGINT NOT NULL, month DATE NOT NULL);

MERGE #channel_month AS t
USING #fresh AS s ON t.channel_id = s.channel_id AND t.month = s.month
WHEN MATCHED AND (t.revenue <> s.revenue OR t.cost <> s.cost) THEN
    UPDATE SET revenue = s.revenue, cost = s.cost
WHEN NOT MATCHED BY TARGET THEN
    INSERT (channel_id, month, revenue, cost) VALUES (s.channel_id, s.month, s.revenue, s.cost)
WHEN NOT MATCHED BY SOURCE THEN
    DELETE
OUTPUT $action, COALESCE(inserted.channel_id, deleted.channel_id), COALESCE(inserted.month, deleted.month)
    INTO @actions (action, channel_id, month);

SELECT action, COUNT(*) AS row_count FROM @actions GROUP BY action ORDER BY action;

IF @expect_ins = 0 OR @expect_upd = 0 OR @expect_del <> 1
    THROW 50201, N'MERGE demo is not exercising all three actions.', 1;
IF (SELECT COUNT(*) FROM @actions WHERE action = N'INSERT') <> @expect_ins
   OR (SELECT COUNT(*) FROM @actions WHERE action = N'UPDATE') <> @expect_upd
   OR (SELECT COUNT(*) FROM @actions WHERE action = N'DELETE') <> @expect_del
    THROW 50202, N'OUTPUT $action counts differ from the expected inserts, updates and deletes.', 1;
IF EXISTS (SELECT channel_id, month, revenue, cost FROM #channel_month
           EXCEPT SELECT channel_id, month, revenue, cost FROM #fresh)
   OR EXISTS (SELECT channel_id, month, revenue, cost FROM #fresh
              EXCEPT SELECT channel_id, month, revenue, cost FROM #channel_month)
    THROW 50203, N'After MERGE the summary differs from the daily results.', 1;
PRINT N'MERGE: OUTPUT $action counts match; summary equals the daily results.';
DROP TABLE #channel_month;
DROP TABLE #fresh;
GO
