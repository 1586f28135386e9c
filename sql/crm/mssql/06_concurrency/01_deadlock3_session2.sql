-- Three-way cascading deadlock: session 2 of 3 moves 100.00 of reserve from ledger campaign 2 to 3,
-- the unordered transfer; with sessions 1 and 2 it forms a cycle of three.
-- Start the three sessions within 3 seconds of each other (three sqlcmd windows / processes):
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/01_deadlock3_session2.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
SET DEADLOCK_PRIORITY NORMAL;
DECLARE @from BIGINT = crm.LedgerCampaign(2), @to BIGINT = crm.LedgerCampaign(3);
BEGIN TRY
    EXEC crm.PCrmSP_MoveReserveUnordered @from = @from, @to = @to, @amount = 100.00;
    EXEC crm.PCrmSP_RegisterLog @severity = N'INFO', @source = N'01_deadlock3', @message = N'session 2 committed';
    PRINT N'session 2: committed';
END TRY
BEGIN CATCH
    IF ERROR_NUMBER() <> 1205 THROW;
    DECLARE @text NVARCHAR(2000) = ERROR_MESSAGE();
    EXEC crm.PCrmSP_RegisterLog @severity = N'WARN', @source = N'01_deadlock3', @message = @text, @error_number = 1205;
    PRINT N'session 2: chosen as the deadlock victim (error 1205), its transfer rolled back';
END CATCH;
GO
