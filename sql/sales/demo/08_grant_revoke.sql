-- GRANT and REVOKE with least privilege: an analyst role that may only read the portal, and
-- an agent role that may read and write the audit log; then write is revoked. Roles are
-- created inside a transaction that is rolled back, so nothing is left behind.
\set ON_ERROR_STOP 1
BEGIN;

CREATE ROLE demo_portal_reader NOLOGIN;
CREATE ROLE demo_portal_agent NOLOGIN;
GRANT USAGE ON SCHEMA sales TO demo_portal_reader, demo_portal_agent;
GRANT SELECT ON ALL TABLES IN SCHEMA sales TO demo_portal_reader;
GRANT SELECT, INSERT, UPDATE ON sales.system_logs TO demo_portal_agent;
GRANT SELECT ON sales.users TO demo_portal_agent;

SELECT grantee, table_name, string_agg(privilege_type, ', ' ORDER BY privilege_type) AS privileges
FROM information_schema.role_table_grants
WHERE grantee IN ('demo_portal_reader', 'demo_portal_agent') AND table_name IN ('system_logs', 'users', 'campaigns')
GROUP BY 1, 2 ORDER BY 1, 2;

SET ROLE demo_portal_reader;
DO $$
BEGIN
    PERFORM count(*) FROM sales.campaigns;
    BEGIN
        UPDATE sales.campaigns SET name = name WHERE campaign_id = 1;
        RAISE EXCEPTION 'read-only role could write sales.campaigns';
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'reader: write refused as expected';
    END;
END $$;
RESET ROLE;

SET ROLE demo_portal_agent;
DO $$
BEGIN
    INSERT INTO sales.system_logs (log_id, user_id, event_type, severity, description, ip_address, created_at)
    VALUES (-1, 1, 'permission_grant', 'info', 'demo', '127.0.0.1', now());
    BEGIN
        PERFORM count(*) FROM sales.transactions;
        RAISE EXCEPTION 'agent role could read sales.transactions';
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'agent: transactions hidden as expected';
    END;
END $$;
RESET ROLE;

REVOKE INSERT, UPDATE ON sales.system_logs FROM demo_portal_agent;
SET ROLE demo_portal_agent;
DO $$
BEGIN
    BEGIN
        INSERT INTO sales.system_logs (log_id, user_id, event_type, severity, description, ip_address, created_at)
        VALUES (-2, 1, 'permission_grant', 'info', 'demo', '127.0.0.1', now());
        RAISE EXCEPTION 'revoked role could still write';
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'agent: write refused after REVOKE';
    END;
END $$;
RESET ROLE;

DO $$
BEGIN
    IF has_table_privilege('demo_portal_reader', 'sales.campaigns', 'INSERT')
       OR NOT has_table_privilege('demo_portal_reader', 'sales.campaigns', 'SELECT')
       OR has_table_privilege('demo_portal_agent', 'sales.system_logs', 'INSERT')
       OR NOT has_table_privilege('demo_portal_agent', 'sales.system_logs', 'SELECT') THEN
        RAISE EXCEPTION 'privileges are not least-privilege as granted';
    END IF;
    RAISE NOTICE 'grant/revoke: OK';
END $$;

ROLLBACK;
