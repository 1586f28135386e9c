-- The ETL's least-privilege role. Run as an administrator on every database the ETL touches
-- (the portal, and the ads/crm stores wherever they live; each section applies only where its
-- schema exists), after 00_migration.sql and the load functions. Idempotent.
-- It creates the role NOLOGIN; the deployment gives it LOGIN and a password from a secret
--   (printf "ALTER ROLE promptsales_etl LOGIN PASSWORD '%s'" "$(cat /run/secrets/etl)" | psql)
-- so no password is ever in this repository or on a command line.
-- What the role can do:
--   sources  SELECT on exactly the tables the extracts read: ads.campaigns, ads.daily_results,
--            ads.channels, crm.client_campaigns, crm.sales (not crm.clients: personal data)
--   portal   write the four summaries, the watermarks and the execution log; call the etl_*
--            functions (SECURITY INVOKER: they run with these privileges, nothing more)
--   nothing else: no other table in any schema, no DDL (PUBLIC has no CREATE since PG 15; revoked
--   again here for older servers).
\set ON_ERROR_STOP 1

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'promptsales_etl') THEN
        CREATE ROLE promptsales_etl NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION;
    END IF;
END $$;

DO $$
DECLARE
    s TEXT;
    t TEXT;
    f REGPROCEDURE;
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO promptsales_etl', current_database());
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    -- Start from nothing in the three stores' schemas, then grant what the ETL needs.
    FOREACH s IN ARRAY ARRAY['ads', 'crm', 'sales'] LOOP
        IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = s) THEN
            EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM promptsales_etl', s);
            EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM promptsales_etl', s);
            EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM promptsales_etl', s);
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO promptsales_etl', s);
        END IF;
    END LOOP;

    IF to_regclass('ads.daily_results') IS NOT NULL THEN
        GRANT SELECT ON ads.campaigns, ads.daily_results, ads.channels TO promptsales_etl;
    END IF;
    IF to_regclass('crm.sales') IS NOT NULL THEN
        GRANT SELECT ON crm.client_campaigns, crm.sales TO promptsales_etl;
    END IF;

    IF to_regclass('sales.etl_watermarks') IS NOT NULL THEN
        FOREACH t IN ARRAY ARRAY['content_summary', 'ads_summary', 'crm_summary', 'campaign_performance'] LOOP
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON sales.%I TO promptsales_etl', t);
        END LOOP;
        GRANT SELECT, UPDATE ON sales.etl_watermarks TO promptsales_etl;
        GRANT SELECT, INSERT ON sales.etl_execution_logs TO promptsales_etl;
        GRANT USAGE ON SEQUENCE sales.content_summary_summary_id_seq, sales.ads_summary_summary_id_seq,
            sales.crm_summary_summary_id_seq, sales.etl_execution_logs_execution_id_seq TO promptsales_etl;
        FOR f IN SELECT p.oid::REGPROCEDURE FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'sales' AND p.proname LIKE 'etl\_%' LOOP
            EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO promptsales_etl', f);
        END LOOP;
    END IF;
END $$;
