-- Dirty read, the reader: while 03_dirty_read_writer.sql holds its uncommitted change, reads
-- ledger campaign 1's reserve twice: under READ UNCOMMITTED (the bug) and under READ COMMITTED
-- (the fix; it waits for the writer's lock, or with READ_COMMITTED_SNAPSHOT ON returns the
-- committed value at once).
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/03_dirty_read_reader.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
-- Asserts: the dirty read returned 7 500.00 (a value that was never committed), the committed
-- read 10 000.00, and the reserve is 10 000.00 after the writer's rollback.
SET NOCOUNT ON;
DECLARE @id BIGINT = crm.LedgerCampaign(1), @dirty DECIMAL(18, 2), @clean DECIMAL(18, 2);
WAITFOR DELAY '00:00:01';
EXEC crm.PCrmSP_GetReserveDirty @campaign_id = @id, @reserve = @dirty OUTPUT;
EXEC crm.PCrmSP_GetReserveCommitted @campaign_id = @id, @reserve = @clean OUTPUT;
PRINT CONCAT(N'READ UNCOMMITTED read ', @dirty, N'; READ COMMITTED read ', @clean);
IF @dirty <> 7500.00
    THROW 51621, N'dirty read: READ UNCOMMITTED did not see the uncommitted 7 500.00 (was the writer running?).', 1;
IF @clean <> 10000.00 OR (SELECT reserve FROM crm.campaign_ledger WHERE campaign_id = @id) <> 10000.00
    THROW 51622, N'dirty read: the committed read or the final reserve is not 10 000.00.', 1;
PRINT N'dirty read: shown under READ UNCOMMITTED (7 500.00, rolled back later), prevented under READ COMMITTED (10 000.00).';
GO
