-- Incorrect summary: adds up the reserves of the 5 ledger rows one by one (2 s per row)
-- with crm.PCrmSP_SumReserveUnsafe while 06_incorrect_summary_writer.sql moves money between rows.
-- Start this first, then the writer (it waits 3 s, so it commits while row 2 or 3 is read):
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/06_incorrect_summary_reader.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
DECLARE @reported DECIMAL(18, 2);
EXEC crm.PCrmSP_SumReserveUnsafe @total = @reported OUTPUT;
DECLARE @actual DECIMAL(18, 2) = (SELECT SUM(reserve) FROM crm.campaign_ledger);
IF @reported <> @actual - 1000.00
    THROW 51641, N'incorrect summary: expected the report to miss the 1 000.00 moved mid-report (was the writer running?).', 1;
PRINT CONCAT(N'incorrect summary shown: report ', @reported, N' vs real total ', @actual, N' (the moved 1 000.00 counted in neither row).');
UPDATE crm.campaign_ledger SET reserve = 10000.00;
GO
