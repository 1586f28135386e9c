-- Three-way deadlock, fixed: session 1 of 3 moves 100.00 of reserve from ledger campaign 1 to 2,
-- the ordered transfer (locks the lower campaign_id first): no cycle can form, all three finish.
-- Start the three sessions within 3 seconds of each other (three sqlcmd windows / processes):
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/02_deadlock3_fixed_session1.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
SET DEADLOCK_PRIORITY NORMAL;
DECLARE @from BIGINT = crm.LedgerCampaign(1), @to BIGINT = crm.LedgerCampaign(2);
BEGIN TRY
    EXEC crm.PCrmSP_MoveReserveOrdered @from = @from, @to = @to, @amount = 100.00;
    EXEC crm.PCrmSP_RegisterLog @severity = N'INFO', @source = N'02_deadlock3_fixed', @message = N'session 1 committed';
    PRINT N'session 1: committed';
END TRY
BEGIN CATCH
    IF ERROR_NUMBER() <> 1205 THROW;
    DECLARE @text NVARCHAR(2000) = ERROR_MESSAGE();
    EXEC crm.PCrmSP_RegisterLog @severity = N'WARN', @source = N'02_deadlock3_fixed', @message = @text, @error_number = 1205;
    PRINT N'session 1: chosen as the deadlock victim (error 1205), its transfer rolled back';
END CATCH;
GO
