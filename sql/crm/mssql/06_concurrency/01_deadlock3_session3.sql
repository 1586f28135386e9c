-- Three-way cascading deadlock: session 3 of 3 moves 100.00 of reserve from ledger campaign 3 to 1,
-- the unordered transfer; with sessions 1 and 2 it forms a cycle of three.
-- Start the three sessions within 3 seconds of each other (three sqlcmd windows / processes):
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/01_deadlock3_session3.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
-- Session 3 runs at DEADLOCK_PRIORITY LOW so that SQL Server chooses it as the victim
-- (otherwise it picks the cheapest transaction to roll back), which makes the check exact.
SET NOCOUNT ON;
SET DEADLOCK_PRIORITY LOW;
DECLARE @from BIGINT = crm.LedgerCampaign(3), @to BIGINT = crm.LedgerCampaign(1);
BEGIN TRY
    EXEC crm.PCrmSP_MoveReserveUnordered @from = @from, @to = @to, @amount = 100.00;
    EXEC crm.PCrmSP_RegisterLog @severity = N'INFO', @source = N'01_deadlock3', @message = N'session 3 committed';
    PRINT N'session 3: committed';
END TRY
BEGIN CATCH
    IF ERROR_NUMBER() <> 1205 THROW;
    DECLARE @text NVARCHAR(2000) = ERROR_MESSAGE();
    EXEC crm.PCrmSP_RegisterLog @severity = N'WARN', @source = N'01_deadlock3', @message = @text, @error_number = 1205;
    PRINT N'session 3: chosen as the deadlock victim (error 1205), its transfer rolled back';
END CATCH;
GO
