-- PostgreSQL twin of sql/ads/mssql/demo/04_floor_ceiling.sql.
-- Question: how do campaigns spread over $5,000 budget bands (FLOOR), how many weeks does each
-- run (CEILING of days / 7), and what does a campaign-week cost in each band?
-- Self-check: each campaign sits inside its band, weeks cover its days with less than one week
-- to spare, and the bands add up to every campaign.
BEGIN;
CREATE TEMP TABLE banded ON COMMIT DROP AS
SELECT campaign_id, budget, spent,
       FLOOR(budget / 5000) * 5000 AS band_from,
       (end_date - start_date + 1) AS run_days,
       CEILING((end_date - start_date + 1) / 7.0)::INT AS run_weeks
FROM ads.campaigns;

SELECT band_from, band_from + 5000 AS band_to, count(*) AS campaigns,
       round(sum(spent) / sum(run_weeks), 2) AS spend_per_campaign_week
FROM banded GROUP BY band_from ORDER BY band_from;

DO $$
DECLARE
    bad_band INT; bad_weeks INT; total INT; banded_total INT; bands INT;
BEGIN
    SELECT count(*) INTO bad_band FROM banded WHERE NOT (budget >= band_from AND budget < band_from + 5000);
    SELECT count(*) INTO bad_weeks FROM banded WHERE NOT (run_weeks * 7 >= run_days AND (run_weeks - 1) * 7 < run_days);
    SELECT count(*) INTO total FROM ads.campaigns;
    SELECT sum(n), count(*) INTO banded_total, bands FROM (SELECT count(*) AS n FROM banded GROUP BY band_from) b;
    IF bad_band <> 0 OR bad_weeks <> 0 THEN
        RAISE EXCEPTION 'FLOOR/CEILING: % campaigns outside their band, % with weeks not covering their days', bad_band, bad_weeks;
    END IF;
    IF banded_total <> total OR bands < 2 THEN
        RAISE EXCEPTION 'bands hold % of % campaigns in % bands', banded_total, total, bands;
    END IF;
    RAISE NOTICE 'FLOOR/CEILING: % campaigns in % budget bands of $5,000; weeks cover every run', total, bands;
END $$;
ROLLBACK;
