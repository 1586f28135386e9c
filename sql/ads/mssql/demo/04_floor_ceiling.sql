-- PromptAds demo: FLOOR and CEILING. Run on a loaded database; THROWs if wrong.
-- Question: how do campaigns spread over $5,000 budget bands (FLOOR), how many weeks does each
-- run (CEILING of days / 7), and what does a campaign-week cost in each band?
-- Self-check: each campaign sits inside its band, weeks cover its days with less than one week
-- to spare, and the bands add up to every campaign.
-- PostgreSQL twin (run in the test suite): sql/ads/postgres/demo/04_floor_ceiling.sql.
SET NOCOUNT ON;

SELECT campaign_id, budget, spent,
       FLOOR(budget / 5000) * 5000 AS band_from,
       DATEDIFF(DAY, start_date, end_date) + 1 AS run_days,
       CAST(CEILING((DATEDIFF(DAY, start_date, end_date) + 1) / 7.0) AS INT) AS run_weeks
INTO #banded
FROM ads.campaigns;

SELECT band_from, band_from + 5000 AS band_to, COUNT(*) AS campaigns,
       CAST(SUM(spent) / SUM(run_weeks) AS DECIMAL(18, 2)) AS spend_per_campaign_week
FROM #banded GROUP BY band_from ORDER BY band_from;

IF EXISTS (SELECT 1 FROM #banded WHERE NOT (budget >= band_from AND budget < band_from + 5000))
    THROW 50401, N'FLOOR: a campaign lies outside its budget band.', 1;
IF EXISTS (SELECT 1 FROM #banded WHERE NOT (run_weeks * 7 >= run_days AND (run_weeks - 1) * 7 < run_days))
    THROW 50402, N'CEILING: weeks do not cover a campaign''s days with less than a week to spare.', 1;
IF (SELECT COUNT(*) FROM #banded) <> (SELECT COUNT(*) FROM ads.campaigns)
   OR (SELECT COUNT(DISTINCT band_from) FROM #banded) < 2
    THROW 50403, N'The budget bands do not hold every campaign in at least two bands.', 1;
PRINT N'FLOOR/CEILING: every campaign in its band; weeks cover every run.';
DROP TABLE #banded;
GO
