-- PromptAds demo: UPDATE … FROM (SELECT …). Run on a loaded database; THROWs if wrong.
-- Question: recompute every campaign's spend from its daily results (e.g. after a late cost
-- correction) in one set-based statement rather than a cursor.
-- Self-check on a copy: the recomputed spend equals ads.campaigns.spent for every campaign
-- (the generator derives a campaign's spend from the same daily costs, DESIGN.md §5.4), and
-- exactly the campaigns with results were updated. The database is not changed.
-- PostgreSQL twin (run in the test suite): sql/ads/postgres/demo/05_update_from.sql.
SET NOCOUNT ON;

SELECT campaign_id, CAST(0 AS DECIMAL(18, 2)) AS spent INTO #campaign_spend FROM ads.campaigns;

UPDATE c
SET c.spent = s.total
FROM #campaign_spend AS c
JOIN (SELECT campaign_id, SUM(cost) AS total FROM ads.daily_results GROUP BY campaign_id) AS s
    ON s.campaign_id = c.campaign_id;
DECLARE @updated INT = @@ROWCOUNT;

IF @updated <> (SELECT COUNT(DISTINCT campaign_id) FROM ads.daily_results)
    THROW 50501, N'UPDATE … FROM did not update exactly the campaigns with results.', 1;
IF EXISTS (SELECT 1 FROM #campaign_spend AS c JOIN ads.campaigns AS a ON a.campaign_id = c.campaign_id
           WHERE c.spent <> a.spent)
    THROW 50502, N'Recomputed spend differs from ads.campaigns.spent.', 1;
PRINT CONCAT(N'UPDATE … FROM: ', @updated, N' campaigns recomputed; spend equals ads.campaigns.spent.');
DROP TABLE #campaign_spend;
GO
