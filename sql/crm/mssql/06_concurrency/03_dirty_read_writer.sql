-- Dirty read, the writer: reserves 2 500.00 of ledger campaign 1, holds the transaction open
-- for 8 seconds, then rolls back. Start it first, then 03_dirty_read_reader.sql within 8 s:
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/03_dirty_read_writer.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
DECLARE @id BIGINT = crm.LedgerCampaign(1);
EXEC crm.PCrmSP_ReserveBudgetThenFail @campaign_id = @id, @amount = 2500.00, @pause = '00:00:08';
PRINT N'writer: rolled back; the reserve was never changed';
GO
