-- Logging in the database (seeds: "un stored procedure para registrar logs en la base de
-- datos y pruébelo"): a log table and crm.PCrmSP_RegisterLog (template XXXXXSP_VerboEntidad).
-- Run on PromptCrm:  sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/05_logging/01_log_procedure.sql
-- Test: 02_log_test.sql. PostgreSQL twin (run in the test suite): sql/crm/postgres/twins/05_logging.sql.
--
-- Design: who (login, host, application, session) and when (UTC) are taken from the session,
-- not trusted from the caller; the context is JSON (checked with ISJSON) so logs can be queried
-- with JSON_VALUE; severity is a closed list. A log written inside a transaction that later
-- rolls back disappears with it: callers log from their CATCH block AFTER the ROLLBACK (the
-- test shows both). The seeds ask for 90 days of centralised log retention: the purge below
-- deletes older rows in batches.
SET NOCOUNT ON;
GO

IF OBJECT_ID(N'crm.logs', N'U') IS NULL
    CREATE TABLE crm.logs (
        log_id BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_logs PRIMARY KEY CLUSTERED,
        logged_at DATETIME2(3) NOT NULL CONSTRAINT DF_logs_logged_at DEFAULT SYSUTCDATETIME(),
        severity NVARCHAR(8) NOT NULL CONSTRAINT CK_logs_severity CHECK (severity IN (N'DEBUG', N'INFO', N'WARN', N'ERROR')),
        source NVARCHAR(128) NOT NULL,
        message NVARCHAR(2000) NOT NULL,
        context NVARCHAR(MAX) NULL CONSTRAINT CK_logs_context_json CHECK (context IS NULL OR ISJSON(context) = 1),
        error_number INT NULL,
        login_name SYSNAME NOT NULL CONSTRAINT DF_logs_login DEFAULT ORIGINAL_LOGIN(),
        host_name NVARCHAR(128) NULL CONSTRAINT DF_logs_host DEFAULT HOST_NAME(),
        app_name NVARCHAR(128) NULL CONSTRAINT DF_logs_app DEFAULT APP_NAME(),
        session_id SMALLINT NOT NULL CONSTRAINT DF_logs_session DEFAULT @@SPID
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_logs_source_time')
    CREATE NONCLUSTERED INDEX IX_logs_source_time ON crm.logs (source, logged_at) INCLUDE (severity);
GO

CREATE OR ALTER PROCEDURE crm.PCrmSP_RegisterLog
    @severity NVARCHAR(8),
    @source NVARCHAR(128),
    @message NVARCHAR(2000),
    @context NVARCHAR(MAX) = NULL,
    @error_number INT = NULL,
    @log_id BIGINT = NULL OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    SET @severity = UPPER(LTRIM(RTRIM(@severity)));
    IF @severity IS NULL OR @severity NOT IN (N'DEBUG', N'INFO', N'WARN', N'ERROR')
        THROW 51401, N'PCrmSP_RegisterLog: @severity must be DEBUG, INFO, WARN or ERROR.', 1;
    IF NULLIF(LTRIM(@source), N'') IS NULL OR NULLIF(LTRIM(@message), N'') IS NULL
        THROW 51402, N'PCrmSP_RegisterLog: @source and @message are required.', 1;
    IF @context IS NOT NULL AND ISJSON(@context) = 0
        THROW 51403, N'PCrmSP_RegisterLog: @context must be JSON.', 1;
    INSERT INTO crm.logs (severity, source, message, context, error_number)
    VALUES (@severity, @source, @message, @context, @error_number);
    SET @log_id = SCOPE_IDENTITY();
END;
GO

CREATE OR ALTER PROCEDURE crm.PCrmSP_PurgeLogs
    @keep_days INT = 90
AS
BEGIN
    SET NOCOUNT ON;
    IF @keep_days IS NULL OR @keep_days < 1
        THROW 51404, N'PCrmSP_PurgeLogs: @keep_days must be at least 1.', 1;
    DECLARE @cutoff DATETIME2(3) = DATEADD(DAY, -@keep_days, SYSUTCDATETIME()), @n INT = 1;
    WHILE @n > 0
    BEGIN
        DELETE TOP (10000) FROM crm.logs WHERE logged_at < @cutoff;
        SET @n = @@ROWCOUNT;
    END;
END;
GO
