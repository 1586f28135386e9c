-- Lost update, fixed: session 2 of 2 records a 250.00 sale on ledger campaign 1 with
-- crm.PCrmSP_AddSaleSafe (read the total, pause 3 s, write). Start both sessions within 3 s:
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/05_lost_update_fixed_session2.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
DECLARE @id BIGINT = crm.LedgerCampaign(1);
EXEC crm.PCrmSP_AddSaleSafe @campaign_id = @id, @amount = 250.00;
PRINT N'session 2: sale of 250.00 recorded';
GO
