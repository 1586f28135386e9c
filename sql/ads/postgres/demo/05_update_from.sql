-- PostgreSQL twin of sql/ads/mssql/demo/05_update_from.sql (T-SQL: UPDATE … FROM (SELECT …)).
-- Question: recompute every campaign's spend from its daily results (e.g. after a late cost
-- correction), in one set-based statement rather than a cursor.
-- Self-check on a copy: the recomputed spend equals ads.campaigns.spent for every campaign
-- (the generator derives a campaign's spend from the same daily costs, DESIGN.md §5.4), and
-- exactly the campaigns with results were updated.
BEGIN;
CREATE TEMP TABLE campaign_spend ON COMMIT DROP AS
SELECT campaign_id, 0::NUMERIC(18,2) AS spent FROM ads.campaigns;

DO $$
DECLARE
    updated INT; with_results INT; wrong INT;
BEGIN
    UPDATE campaign_spend AS c
    SET spent = s.total
    FROM (SELECT campaign_id, sum(cost) AS total FROM ads.daily_results GROUP BY campaign_id) AS s
    WHERE s.campaign_id = c.campaign_id;
    GET DIAGNOSTICS updated = ROW_COUNT;
    SELECT count(DISTINCT campaign_id) INTO with_results FROM ads.daily_results;
    SELECT count(*) INTO wrong FROM campaign_spend c JOIN ads.campaigns a USING (campaign_id)
    WHERE c.spent <> a.spent;
    IF updated <> with_results THEN
        RAISE EXCEPTION 'UPDATE … FROM updated % campaigns, % have results', updated, with_results;
    END IF;
    IF wrong <> 0 THEN
        RAISE EXCEPTION 'recomputed spend differs from ads.campaigns.spent for % campaigns', wrong;
    END IF;
    RAISE NOTICE 'UPDATE … FROM: % campaigns recomputed; spend equals ads.campaigns.spent for all', updated;
END $$;
ROLLBACK;
