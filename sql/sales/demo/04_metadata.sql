-- Metadata from the system catalogs: tables with sizes and row estimates, columns and types,
-- primary and foreign keys, indexes of the sales schema. Read-only.
\set ON_ERROR_STOP 1

SELECT c.relname AS table_name, c.reltuples::BIGINT AS estimated_rows,
       pg_size_pretty(pg_total_relation_size(c.oid)) AS total_size
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'sales' AND c.relkind = 'r'
ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 10;

SELECT table_name, column_name, data_type, numeric_precision, numeric_scale, is_nullable
FROM information_schema.columns
WHERE table_schema = 'sales' AND table_name = 'campaigns' ORDER BY ordinal_position;

SELECT conrelid::regclass AS table_name, conname, contype, pg_get_constraintdef(oid) AS definition
FROM pg_constraint
WHERE connamespace = 'sales'::regnamespace AND contype IN ('p', 'f')
ORDER BY conrelid::regclass::TEXT, contype DESC LIMIT 20;

SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'sales' ORDER BY 1, 2 LIMIT 20;

DO $$
DECLARE
    tables INT;
    without_pk INT;
    fks INT;
    money_cols INT;
BEGIN
    SELECT count(*) INTO tables FROM pg_tables WHERE schemaname = 'sales';
    SELECT count(*) INTO without_pk FROM pg_tables t
    WHERE t.schemaname = 'sales' AND NOT EXISTS (
        SELECT 1 FROM pg_constraint k WHERE k.conrelid = format('%I.%I', t.schemaname, t.tablename)::regclass AND k.contype = 'p');
    SELECT count(*) INTO fks FROM pg_constraint WHERE connamespace = 'sales'::regnamespace AND contype = 'f';
    SELECT count(*) INTO money_cols FROM information_schema.columns
    WHERE table_schema = 'sales' AND table_name = 'campaigns' AND column_name IN ('budget', 'spent')
      AND data_type = 'numeric' AND numeric_precision = 18 AND numeric_scale = 2;
    IF tables <> 30 THEN RAISE EXCEPTION 'expected 30 sales tables, catalog has %', tables; END IF;
    IF without_pk <> 0 THEN RAISE EXCEPTION '% sales tables have no primary key', without_pk; END IF;
    IF fks < 40 THEN RAISE EXCEPTION 'expected at least 40 foreign keys, found %', fks; END IF;
    IF money_cols <> 2 THEN RAISE EXCEPTION 'budget/spent are not NUMERIC(18,2)'; END IF;
    RAISE NOTICE 'metadata: % tables, all with primary keys, % foreign keys', tables, fks;
END $$;
