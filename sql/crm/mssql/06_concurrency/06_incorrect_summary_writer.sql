-- Incorrect summary, the writer: 3 s after it starts, moves 1 000.00 of reserve from the last
-- ledger campaign (not yet read by a running report) to the first (already read), committed
-- at once. Run it alongside 06_incorrect_summary_reader.sql, then again alongside
-- 07_incorrect_summary_fixed_reader.sql:
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/06_incorrect_summary_writer.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
DECLARE @from BIGINT = crm.LedgerCampaign(5), @to BIGINT = crm.LedgerCampaign(1);
WAITFOR DELAY '00:00:03';
EXEC crm.PCrmSP_MoveReserveNow @from = @from, @to = @to, @amount = 1000.00;
PRINT N'writer: moved 1 000.00 from the last ledger campaign to the first';
GO
