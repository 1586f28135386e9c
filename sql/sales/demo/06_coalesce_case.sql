-- COALESCE and CASE: a campaign scorecard with budget-utilisation bands and defaults for
-- missing values (no ETL summary yet, staff users without a brand, PayPal without a card).
\set ON_ERROR_STOP 1

SELECT c.campaign_id, c.name,
       CASE
           WHEN c.spent = 0 THEN 'not started'
           WHEN c.spent < 0.5 * c.budget THEN 'under half'
           WHEN c.spent < c.budget THEN 'over half'
           ELSE 'fully spent'
       END AS utilisation,
       COALESCE(p.total_revenue, 0) AS etl_revenue,
       COALESCE(p.last_updated::TEXT, 'awaiting ETL') AS etl_status
FROM sales.campaigns c LEFT JOIN sales.campaign_performance p USING (campaign_id)
ORDER BY c.campaign_id LIMIT 10;

SELECT u.user_type, COALESCE(u.brand_id::TEXT, 'staff') AS brand, count(*)
FROM sales.users u GROUP BY 1, 2 ORDER BY 1 LIMIT 10;

SELECT method_type, COALESCE(card_brand, 'wallet') AS brand, COALESCE(last_four, 'n/a') AS last_four, count(*)
FROM sales.payment_methods GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

DO $$
DECLARE
    total INT;
    banded INT;
    nulls INT;
BEGIN
    SELECT count(*) INTO total FROM sales.campaigns;
    SELECT sum(n) INTO banded FROM (
        SELECT count(*) AS n FROM sales.campaigns
        GROUP BY CASE WHEN spent = 0 THEN 0 WHEN spent < 0.5 * budget THEN 1 WHEN spent < budget THEN 2 ELSE 3 END) b;
    IF banded <> total THEN RAISE EXCEPTION 'CASE bands cover % of % campaigns', banded, total; END IF;

    SELECT count(*) INTO nulls FROM sales.campaigns c LEFT JOIN sales.campaign_performance p USING (campaign_id)
    WHERE COALESCE(p.total_revenue, 0) IS NULL;
    IF nulls <> 0 THEN RAISE EXCEPTION 'COALESCE left % NULLs', nulls; END IF;

    IF (SELECT count(*) FROM sales.users WHERE COALESCE(brand_id::TEXT, 'staff') = 'staff')
       <> (SELECT count(*) FROM sales.users WHERE user_type <> 'customer') THEN
        RAISE EXCEPTION 'COALESCE default does not match the staff users';
    END IF;
    RAISE NOTICE 'coalesce/case: % campaigns banded, no NULL left', total;
END $$;
