-- LEFT, RIGHT and CROSS JOIN on the portal: campaigns with and without ETL summaries, users
-- and their sessions, and the plan × provider-type matrix.
\set ON_ERROR_STOP 1

-- LEFT JOIN: every campaign, with its (still empty) performance row.
SELECT c.campaign_id, c.status, p.total_revenue
FROM sales.campaigns c LEFT JOIN sales.campaign_performance p ON p.campaign_id = c.campaign_id
ORDER BY c.campaign_id LIMIT 5;

-- RIGHT JOIN: every user, with how many sessions they opened.
SELECT u.user_id, u.user_type, count(s.session_id) AS sessions
FROM sales.user_sessions s RIGHT JOIN sales.users u ON u.user_id = s.user_id
GROUP BY u.user_id, u.user_type ORDER BY sessions DESC, u.user_id LIMIT 5;

-- CROSS JOIN: which plan could be billed through which provider type.
SELECT p.name AS plan, t.type_name
FROM sales.plans p CROSS JOIN sales.provider_types t
WHERE t.type_name = 'payment' ORDER BY p.plan_id LIMIT 5;

DO $$
DECLARE
    campaigns INT := (SELECT count(*) FROM sales.campaigns);
    users INT := (SELECT count(*) FROM sales.users);
BEGIN
    IF (SELECT count(*) FROM sales.campaigns c LEFT JOIN sales.campaign_performance p USING (campaign_id)) <> campaigns THEN
        RAISE EXCEPTION 'LEFT JOIN lost or duplicated campaigns';
    END IF;
    IF (SELECT count(*) FROM sales.campaigns c JOIN sales.campaign_performance p USING (campaign_id)) <> 0 THEN
        RAISE EXCEPTION 'INNER JOIN should be empty before the ETL runs';
    END IF;
    IF (SELECT count(DISTINCT u.user_id) FROM sales.user_sessions s RIGHT JOIN sales.users u ON u.user_id = s.user_id) <> users THEN
        RAISE EXCEPTION 'RIGHT JOIN lost users';
    END IF;
    IF (SELECT count(*) FROM sales.user_sessions s RIGHT JOIN sales.users u ON u.user_id = s.user_id)
       <> (SELECT count(*) FROM sales.user_sessions) + (SELECT count(*) FROM sales.users u
           WHERE NOT EXISTS (SELECT 1 FROM sales.user_sessions s WHERE s.user_id = u.user_id)) THEN
        RAISE EXCEPTION 'RIGHT JOIN row count wrong';
    END IF;
    IF (SELECT count(*) FROM sales.plans CROSS JOIN sales.provider_types)
       <> (SELECT count(*) FROM sales.plans) * (SELECT count(*) FROM sales.provider_types) THEN
        RAISE EXCEPTION 'CROSS JOIN is not the product';
    END IF;
    RAISE NOTICE 'joins: LEFT keeps % campaigns, RIGHT keeps % users, CROSS is the product', campaigns, users;
END $$;
