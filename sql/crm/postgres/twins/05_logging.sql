-- PostgreSQL twin of sql/crm/mssql/05_logging/*.sql: the log table, the logging function (the
-- procedure's twin) and its test. Rolled back at the end.
-- Asserts: one call writes exactly one row with the values passed and the session's user;
-- bad severity, empty message and non-JSON context are refused with their own SQLSTATE and
-- write nothing; a log written in a subtransaction that rolls back is gone, and the log
-- written by the exception handler after the rollback stays.
BEGIN;

CREATE TABLE crm.logs (
    log_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    logged_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    severity TEXT NOT NULL CHECK (severity IN ('DEBUG', 'INFO', 'WARN', 'ERROR')),
    source TEXT NOT NULL,
    message TEXT NOT NULL,
    context JSONB,
    error_code TEXT,
    login_name TEXT NOT NULL DEFAULT session_user,
    app_name TEXT DEFAULT current_setting('application_name'),
    backend_pid INT NOT NULL DEFAULT pg_backend_pid()
);

CREATE FUNCTION crm.pcrm_register_log(p_severity TEXT, p_source TEXT, p_message TEXT,
                                      p_context TEXT DEFAULT NULL, p_error_code TEXT DEFAULT NULL)
RETURNS BIGINT LANGUAGE plpgsql AS $f$
DECLARE
    sev TEXT := upper(btrim(p_severity));
    ctx JSONB;
    id BIGINT;
BEGIN
    IF sev IS NULL OR sev NOT IN ('DEBUG', 'INFO', 'WARN', 'ERROR') THEN
        RAISE EXCEPTION 'pcrm_register_log: severity must be DEBUG, INFO, WARN or ERROR' USING ERRCODE = 'P1401';
    END IF;
    IF nullif(btrim(p_source), '') IS NULL OR nullif(btrim(p_message), '') IS NULL THEN
        RAISE EXCEPTION 'pcrm_register_log: source and message are required' USING ERRCODE = 'P1402';
    END IF;
    BEGIN
        ctx := p_context::JSONB;
    EXCEPTION WHEN invalid_text_representation THEN
        RAISE EXCEPTION 'pcrm_register_log: context must be JSON' USING ERRCODE = 'P1403';
    END;
    INSERT INTO crm.logs (severity, source, message, context, error_code)
    VALUES (sev, p_source, p_message, ctx, p_error_code) RETURNING log_id INTO id;
    RETURN id;
END $f$;

DO $$
DECLARE
    id BIGINT; lost BIGINT; kept BIGINT; refused TEXT[] := '{}'; n BIGINT;
BEGIN
    -- 1. One row with exactly these values.
    id := crm.pcrm_register_log(' info ', 'log_test', 'campaign 1 summarised', '{"campaign_id": 1, "rows": 42}');
    IF NOT EXISTS (SELECT 1 FROM crm.logs WHERE log_id = id AND severity = 'INFO' AND source = 'log_test'
                   AND message = 'campaign 1 summarised' AND context ->> 'rows' = '42'
                   AND login_name = session_user AND backend_pid = pg_backend_pid()) THEN
        RAISE EXCEPTION 'log test: the row does not hold the values passed';
    END IF;
    -- 2. Refusals, each with its SQLSTATE, and no row.
    BEGIN PERFORM crm.pcrm_register_log('FATAL', 'log_test', 'x');
    EXCEPTION WHEN SQLSTATE 'P1401' THEN refused := refused || 'severity'::TEXT; END;
    BEGIN PERFORM crm.pcrm_register_log('INFO', 'log_test', '  ');
    EXCEPTION WHEN SQLSTATE 'P1402' THEN refused := refused || 'message'::TEXT; END;
    BEGIN PERFORM crm.pcrm_register_log('INFO', 'log_test', 'x', '{not json');
    EXCEPTION WHEN SQLSTATE 'P1403' THEN refused := refused || 'context'::TEXT; END;
    IF refused <> ARRAY['severity', 'message', 'context'] THEN
        RAISE EXCEPTION 'log test: refused only %', refused;
    END IF;
    -- 3. The failing unit of work (a subtransaction, like T-SQL's TRY block) logs, then fails:
    --    its log row is rolled back with it; the handler's log after the rollback stays.
    BEGIN
        lost := crm.pcrm_register_log('INFO', 'log_test', 'inside the transaction');
        PERFORM 1 / 0;
    EXCEPTION WHEN division_by_zero THEN
        kept := crm.pcrm_register_log('ERROR', 'log_test', SQLERRM, NULL, SQLSTATE);
    END;
    IF EXISTS (SELECT 1 FROM crm.logs WHERE log_id = lost) THEN
        RAISE EXCEPTION 'log test: a log written in a rolled-back subtransaction survived';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM crm.logs WHERE log_id = kept AND severity = 'ERROR' AND error_code = '22012') THEN
        RAISE EXCEPTION 'log test: the handler''s log row (division_by_zero, 22012) is missing';
    END IF;
    SELECT count(*) INTO n FROM crm.logs;
    IF n <> 2 THEN
        RAISE EXCEPTION 'log test: % rows, expected 2 (the INFO call and the handler''s ERROR)', n;
    END IF;
    RAISE NOTICE 'logging: 1 row per call (severity, source, message, JSON context, session user), 3 bad calls refused (P1401-P1403), rolled-back log gone, handler log kept';
END $$;
ROLLBACK;
