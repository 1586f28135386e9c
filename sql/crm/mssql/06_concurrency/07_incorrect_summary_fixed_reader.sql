-- Incorrect summary, fixed: adds up the reserves of the 5 ledger rows one by one (2 s per row)
-- with crm.PCrmSP_SumReserveSnapshot while 06_incorrect_summary_writer.sql moves money between rows.
-- Start this first, then the writer (it waits 3 s, so it commits while row 2 or 3 is read):
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/07_incorrect_summary_fixed_reader.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
DECLARE @reported DECIMAL(18, 2);
EXEC crm.PCrmSP_SumReserveSnapshot @total = @reported OUTPUT;
DECLARE @actual DECIMAL(18, 2) = (SELECT SUM(reserve) FROM crm.campaign_ledger);
IF @reported <> @actual
    THROW 51642, N'incorrect summary, fixed: the SNAPSHOT report differs from the real total.', 1;
PRINT CONCAT(N'incorrect summary prevented: SNAPSHOT report ', @reported, N' = real total ', @actual, N'.');
UPDATE crm.campaign_ledger SET reserve = 10000.00;
GO
