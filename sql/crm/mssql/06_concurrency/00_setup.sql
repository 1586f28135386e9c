-- Concurrency demonstrations (seeds: "un conjunto de SP transaccionales que simulen deadlock en
-- cascada de tres transacciones; incorrect summary, dirty read y lost update, y cómo esos
-- mismos procedures pueden arreglarse ...; un deadlock entre dos clientes en computadoras
-- distintas"). This file creates the demo ledger and the procedures; the session scripts
-- 01_… to 07_… call them from separate connections, in the order docs/sqlserver.md lists.
-- Run on PromptCrm:  sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/00_setup.sql
-- PostgreSQL twin (run in the test suite with real concurrent sessions):
-- sql/crm/postgres/twins/06_concurrency.sql.
--
-- The ledger: one row per campaign for the first five campaigns, with the PromptCrm sales total
-- and a marketing budget reserve; the demos move money between rows and add sales to them.
SET NOCOUNT ON;
GO

-- SNAPSHOT isolation is the fix of the incorrect summary (a consistent, non-blocking read).
ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;
GO

DROP TABLE IF EXISTS crm.campaign_ledger;
CREATE TABLE crm.campaign_ledger (
    campaign_id BIGINT NOT NULL CONSTRAINT PK_campaign_ledger PRIMARY KEY CLUSTERED,
    reserve DECIMAL(18, 2) NOT NULL,
    sales_total DECIMAL(18, 2) NOT NULL,
    sales_count INT NOT NULL
);
INSERT INTO crm.campaign_ledger (campaign_id, reserve, sales_total, sales_count)
SELECT TOP (5) s.campaign_id, 10000.00, SUM(s.amount), COUNT(*)
FROM crm.sales AS s
GROUP BY s.campaign_id
ORDER BY s.campaign_id;

DROP TABLE IF EXISTS crm.demo_rendezvous;
CREATE TABLE crm.demo_rendezvous (
    demo NVARCHAR(40) NOT NULL,
    client NVARCHAR(40) NOT NULL,
    arrived_at DATETIME2(3) NOT NULL CONSTRAINT DF_demo_rendezvous DEFAULT SYSUTCDATETIME(),
    CONSTRAINT PK_demo_rendezvous PRIMARY KEY (demo, client)
);
GO

-- The n-th campaign of the ledger (1-based), so the scripts need no hard-coded ids.
CREATE OR ALTER FUNCTION crm.LedgerCampaign (@n INT)
RETURNS BIGINT
AS
BEGIN
    RETURN (SELECT campaign_id FROM crm.campaign_ledger
            ORDER BY campaign_id OFFSET @n - 1 ROWS FETCH NEXT 1 ROWS ONLY);
END;
GO

-- Deadlock: moves reserve between two campaigns, locking @from first, then (after @pause)
-- @to. Three sessions moving 1→2, 2→3 and 3→1 at once each hold one row and wait for the
-- next: a cycle of three; SQL Server's lock monitor kills one (error 1205), the other two finish.
CREATE OR ALTER PROCEDURE crm.PCrmSP_MoveReserveUnordered
    @from BIGINT, @to BIGINT, @amount DECIMAL(18, 2), @pause CHAR(8) = '00:00:03'
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    BEGIN TRANSACTION;
    UPDATE crm.campaign_ledger SET reserve = reserve - @amount WHERE campaign_id = @from;
    WAITFOR DELAY @pause;
    UPDATE crm.campaign_ledger SET reserve = reserve + @amount WHERE campaign_id = @to;
    COMMIT TRANSACTION;
END;
GO

-- The fix: the same transfer, taking both row locks in ascending campaign_id order whatever
-- the direction, so no cycle can form (every session waits on the lowest id first); a 1205
-- that still happens (e.g. with other code paths) is retried, at most three times.
CREATE OR ALTER PROCEDURE crm.PCrmSP_MoveReserveOrdered
    @from BIGINT, @to BIGINT, @amount DECIMAL(18, 2), @pause CHAR(8) = '00:00:03'
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    DECLARE @attempt INT = 1;
    DECLARE @first BIGINT = IIF(@from < @to, @from, @to), @second BIGINT = IIF(@from < @to, @to, @from);
    WHILE 1 = 1
    BEGIN
        BEGIN TRY
            BEGIN TRANSACTION;
            UPDATE crm.campaign_ledger SET reserve = reserve + IIF(campaign_id = @from, -@amount, @amount)
            WHERE campaign_id = @first;
            WAITFOR DELAY @pause;
            UPDATE crm.campaign_ledger SET reserve = reserve + IIF(campaign_id = @from, -@amount, @amount)
            WHERE campaign_id = @second;
            COMMIT TRANSACTION;
            RETURN;
        END TRY
        BEGIN CATCH
            IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
            IF ERROR_NUMBER() <> 1205 OR @attempt >= 3 THROW;
            SET @attempt += 1;
        END CATCH;
    END;
END;
GO

-- Lost update: read the total into a variable, think, write the variable back. Two sessions
-- doing it at once both read the same old total; the second write erases the first sale.
CREATE OR ALTER PROCEDURE crm.PCrmSP_AddSaleUnsafe
    @campaign_id BIGINT, @amount DECIMAL(18, 2), @pause CHAR(8) = '00:00:03'
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @total DECIMAL(18, 2), @count INT;
    BEGIN TRANSACTION;
    SELECT @total = sales_total, @count = sales_count FROM crm.campaign_ledger WHERE campaign_id = @campaign_id;
    WAITFOR DELAY @pause;
    UPDATE crm.campaign_ledger SET sales_total = @total + @amount, sales_count = @count + 1
    WHERE campaign_id = @campaign_id;
    COMMIT TRANSACTION;
END;
GO

-- The fix: the same read-think-write, but the read takes an update lock (UPDLOCK, HOLDLOCK),
-- so the second session waits for the first to commit and then reads the new total.
-- (For a pure increment, UPDATE ... SET sales_total = sales_total + @amount needs no read at all.)
CREATE OR ALTER PROCEDURE crm.PCrmSP_AddSaleSafe
    @campaign_id BIGINT, @amount DECIMAL(18, 2), @pause CHAR(8) = '00:00:03'
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    DECLARE @total DECIMAL(18, 2), @count INT;
    BEGIN TRANSACTION;
    SELECT @total = sales_total, @count = sales_count
    FROM crm.campaign_ledger WITH (UPDLOCK, HOLDLOCK)
    WHERE campaign_id = @campaign_id;
    WAITFOR DELAY @pause;
    UPDATE crm.campaign_ledger SET sales_total = @total + @amount, sales_count = @count + 1
    WHERE campaign_id = @campaign_id;
    COMMIT TRANSACTION;
END;
GO

-- Dirty read, the writer: reserves budget for a campaign, holds the transaction open for
-- @pause, then fails and rolls back. Its change was never committed.
CREATE OR ALTER PROCEDURE crm.PCrmSP_ReserveBudgetThenFail
    @campaign_id BIGINT, @amount DECIMAL(18, 2), @pause CHAR(8) = '00:00:08'
AS
BEGIN
    SET NOCOUNT ON;
    BEGIN TRANSACTION;
    UPDATE crm.campaign_ledger SET reserve = reserve - @amount WHERE campaign_id = @campaign_id;
    WAITFOR DELAY @pause;
    ROLLBACK TRANSACTION;
END;
GO

-- Dirty read, the reader: under READ UNCOMMITTED (what NOLOCK hints do) it sees the writer's
-- uncommitted reserve, a value that never existed once the writer rolls back.
CREATE OR ALTER PROCEDURE crm.PCrmSP_GetReserveDirty
    @campaign_id BIGINT, @reserve DECIMAL(18, 2) OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;
    SELECT @reserve = reserve FROM crm.campaign_ledger WHERE campaign_id = @campaign_id;
END;
GO

-- The fix: READ COMMITTED (the default; with READ_COMMITTED_SNAPSHOT ON it returns the last
-- committed value at once instead of waiting for the writer's lock). Same query, no hint.
CREATE OR ALTER PROCEDURE crm.PCrmSP_GetReserveCommitted
    @campaign_id BIGINT, @reserve DECIMAL(18, 2) OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    SELECT @reserve = reserve FROM crm.campaign_ledger WHERE campaign_id = @campaign_id;
END;
GO

-- Incorrect summary, the reporter: adds the reserves row by row (a cursor, as reports that
-- compute per row do), pausing between rows. Under READ COMMITTED each row is read as
-- committed at that moment, so a transfer that commits mid-report is counted half: the
-- total is wrong although no money was created or destroyed.
CREATE OR ALTER PROCEDURE crm.PCrmSP_SumReserveUnsafe
    @total DECIMAL(18, 2) OUTPUT, @pause CHAR(8) = '00:00:02'
AS
BEGIN
    SET NOCOUNT ON;
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    DECLARE @id BIGINT, @reserve DECIMAL(18, 2);
    SET @total = 0;
    DECLARE rows_cursor CURSOR LOCAL FAST_FORWARD FOR
        SELECT campaign_id FROM crm.campaign_ledger ORDER BY campaign_id;
    OPEN rows_cursor;
    FETCH NEXT FROM rows_cursor INTO @id;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SELECT @reserve = reserve FROM crm.campaign_ledger WHERE campaign_id = @id;
        SET @total += @reserve;
        WAITFOR DELAY @pause;
        FETCH NEXT FROM rows_cursor INTO @id;
    END;
    CLOSE rows_cursor;
    DEALLOCATE rows_cursor;
END;
GO

-- The fix: the same row-by-row report inside one SNAPSHOT transaction: every read sees the
-- database as of the transaction's first read, so the transfer is either wholly in or wholly out.
CREATE OR ALTER PROCEDURE crm.PCrmSP_SumReserveSnapshot
    @total DECIMAL(18, 2) OUTPUT, @pause CHAR(8) = '00:00:02'
AS
BEGIN
    SET NOCOUNT ON;
    SET TRANSACTION ISOLATION LEVEL SNAPSHOT;
    DECLARE @id BIGINT, @reserve DECIMAL(18, 2);
    SET @total = 0;
    BEGIN TRANSACTION;
    DECLARE rows_cursor CURSOR LOCAL FAST_FORWARD FOR
        SELECT campaign_id FROM crm.campaign_ledger ORDER BY campaign_id;
    OPEN rows_cursor;
    FETCH NEXT FROM rows_cursor INTO @id;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SELECT @reserve = reserve FROM crm.campaign_ledger WHERE campaign_id = @id;
        SET @total += @reserve;
        WAITFOR DELAY @pause;
        FETCH NEXT FROM rows_cursor INTO @id;
    END;
    CLOSE rows_cursor;
    DEALLOCATE rows_cursor;
    COMMIT TRANSACTION;
END;
GO

-- Incorrect summary, the writer: moves reserve from the last ledger row to the first (already
-- counted by a running report), committed at once.
CREATE OR ALTER PROCEDURE crm.PCrmSP_MoveReserveNow
    @from BIGINT, @to BIGINT, @amount DECIMAL(18, 2)
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    BEGIN TRANSACTION;
    UPDATE crm.campaign_ledger SET reserve = reserve - @amount WHERE campaign_id = @from;
    UPDATE crm.campaign_ledger SET reserve = reserve + @amount WHERE campaign_id = @to;
    COMMIT TRANSACTION;
END;
GO
