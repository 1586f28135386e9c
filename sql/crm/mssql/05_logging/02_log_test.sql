-- Tests crm.PCrmSP_RegisterLog (01_log_procedure.sql). Run on PromptCrm; THROWs on a failure,
-- and removes the rows it wrote.
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/05_logging/02_log_test.sql
-- Asserts: 1. a call writes exactly one row with the given values and the session's login;
-- 2. bad severity, empty message and non-JSON context are refused with their error numbers and
-- write nothing; 3. a log written inside a transaction that rolls back is gone, and the
-- CATCH-after-ROLLBACK pattern keeps the error's log row.
SET NOCOUNT ON;

DECLARE @before BIGINT = (SELECT COUNT_BIG(*) FROM crm.logs);
DECLARE @id BIGINT;

-- 1. One row with exactly these values.
EXEC crm.PCrmSP_RegisterLog @severity = N' info ', @source = N'log_test', @message = N'campaign 1 summarised',
    @context = N'{"campaign_id": 1, "rows": 42}', @log_id = @id OUTPUT;
IF NOT EXISTS (SELECT 1 FROM crm.logs
               WHERE log_id = @id AND severity = N'INFO' AND source = N'log_test' AND message = N'campaign 1 summarised'
                 AND JSON_VALUE(context, '$.rows') = N'42' AND login_name = ORIGINAL_LOGIN() AND session_id = @@SPID
                 AND logged_at >= DATEADD(MINUTE, -1, SYSUTCDATETIME()))
    THROW 51411, N'log test: the row does not hold the values passed.', 1;

-- 2. Refusals, each with its error number and no row.
DECLARE @refused TABLE (case_name NVARCHAR(20), error_number INT);
BEGIN TRY
    EXEC crm.PCrmSP_RegisterLog @severity = N'FATAL', @source = N'log_test', @message = N'x';
END TRY
BEGIN CATCH
    INSERT INTO @refused VALUES (N'severity', ERROR_NUMBER());
END CATCH;
BEGIN TRY
    EXEC crm.PCrmSP_RegisterLog @severity = N'INFO', @source = N'log_test', @message = N'  ';
END TRY
BEGIN CATCH
    INSERT INTO @refused VALUES (N'message', ERROR_NUMBER());
END CATCH;
BEGIN TRY
    EXEC crm.PCrmSP_RegisterLog @severity = N'INFO', @source = N'log_test', @message = N'x', @context = N'{not json';
END TRY
BEGIN CATCH
    INSERT INTO @refused VALUES (N'context', ERROR_NUMBER());
END CATCH;
IF (SELECT COUNT(*) FROM @refused) <> 3
   OR NOT EXISTS (SELECT 1 FROM @refused WHERE case_name = N'severity' AND error_number = 51401)
   OR NOT EXISTS (SELECT 1 FROM @refused WHERE case_name = N'message' AND error_number = 51402)
   OR NOT EXISTS (SELECT 1 FROM @refused WHERE case_name = N'context' AND error_number = 51403)
    THROW 51412, N'log test: a bad call was not refused with its error number.', 1;

-- 3. Inside a rolled-back transaction the log is lost; logged after the ROLLBACK it stays.
DECLARE @lost BIGINT, @kept BIGINT;
BEGIN TRY
    BEGIN TRANSACTION;
    EXEC crm.PCrmSP_RegisterLog @severity = N'INFO', @source = N'log_test', @message = N'inside the transaction', @log_id = @lost OUTPUT;
    SELECT 1 / 0;   -- the work fails
    COMMIT TRANSACTION;
END TRY
BEGIN CATCH
    IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
    DECLARE @err INT = ERROR_NUMBER(), @text NVARCHAR(2000) = ERROR_MESSAGE();
    EXEC crm.PCrmSP_RegisterLog @severity = N'ERROR', @source = N'log_test', @message = @text,
        @error_number = @err, @log_id = @kept OUTPUT;
END CATCH;
IF EXISTS (SELECT 1 FROM crm.logs WHERE log_id = @lost)
    THROW 51413, N'log test: a log written in a rolled-back transaction survived.', 1;
IF NOT EXISTS (SELECT 1 FROM crm.logs WHERE log_id = @kept AND severity = N'ERROR' AND error_number = 8134)
    THROW 51414, N'log test: the CATCH block''s log row (divide by zero, 8134) is missing.', 1;

DECLARE @after BIGINT = (SELECT COUNT_BIG(*) FROM crm.logs);
IF @after - @before <> 2
    THROW 51415, N'log test: expected exactly 2 new rows (the INFO call and the CATCH log).', 1;
DELETE FROM crm.logs WHERE source = N'log_test' AND log_id >= @id;
PRINT N'log test: 1 row per call with the session''s login, 3 bad calls refused, rollback loses the inner log, CATCH keeps its own.';
GO
