-- After the three sessions of 01_deadlock3_session*.sql have ended: asserts exactly one victim (session 3, error 1205): ledger 1 at 9 900.00, 2 at 10 000.00, 3 at 10 100.00.
-- Then resets the ledger's reserves and the demo's log rows for the next demonstration.
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/01_deadlock3_check.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
DECLARE @committed INT = (SELECT COUNT(*) FROM crm.logs WHERE source = N'01_deadlock3' AND severity = N'INFO');
DECLARE @victims INT = (SELECT COUNT(*) FROM crm.logs WHERE source = N'01_deadlock3' AND error_number = 1205);
SELECT campaign_id, reserve FROM crm.campaign_ledger ORDER BY campaign_id;
IF @committed <> 2 OR @victims <> 1
   OR (SELECT reserve FROM crm.campaign_ledger WHERE campaign_id = crm.LedgerCampaign(1)) <> 9900.00
   OR (SELECT reserve FROM crm.campaign_ledger WHERE campaign_id = crm.LedgerCampaign(2)) <> 10000.00
   OR (SELECT reserve FROM crm.campaign_ledger WHERE campaign_id = crm.LedgerCampaign(3)) <> 10100.00
    THROW 51601, N'three-way deadlock: expected 2 commits, 1 victim (session 3) and reserves 9900 / 10000 / 10100.', 1;
IF (SELECT SUM(reserve) FROM crm.campaign_ledger) <> 5 * 10000.00
    THROW 51602, N'deadlock demo: reserve was created or destroyed.', 1;
PRINT CONCAT(N'01_deadlock3: ', @committed, N' committed, ', @victims, N' deadlock victim(s); total reserve conserved.');
UPDATE crm.campaign_ledger SET reserve = 10000.00;
DELETE FROM crm.logs WHERE source = N'01_deadlock3';
GO
