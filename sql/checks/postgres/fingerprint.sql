-- A read-only fingerprint of the loaded stores: exact row count of every table, the content
-- of sales.campaigns, roles, extensions, functions and triggers. The test suite takes it
-- before and after the demo scripts to prove they leave the database as they found it.
SELECT md5(string_agg(item, '|' ORDER BY item)) FROM (
    SELECT format('%s.%s=%s', table_schema, table_name,
                  (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::TEXT) AS item
    FROM information_schema.tables WHERE table_schema IN ('ads', 'crm', 'sales')
    UNION ALL SELECT 'campaigns:' || md5(string_agg(c::TEXT, ',' ORDER BY campaign_id)) FROM sales.campaigns c
    UNION ALL SELECT 'role:' || rolname FROM pg_roles
    UNION ALL SELECT 'ext:' || extname FROM pg_extension
    UNION ALL SELECT 'fn:' || p.oid::regprocedure::TEXT FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ('ads', 'crm', 'sales', 'public')
    UNION ALL SELECT 'trigger:' || tgname FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT 'grant:' || grantee || ':' || table_schema || '.' || table_name || ':' || privilege_type
        FROM information_schema.role_table_grants WHERE table_schema IN ('ads', 'crm', 'sales')
) items;
