-- After the three sessions of 02_deadlock3_fixed_session*.sql have ended: asserts all three transfers committed: every reserve is back to 10 000.00 (1→2, 2→3, 3→1 cancel out) and no 1205 was logged.
-- Then resets the ledger's reserves and the demo's log rows for the next demonstration.
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/02_deadlock3_fixed_check.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
DECLARE @committed INT = (SELECT COUNT(*) FROM crm.logs WHERE source = N'02_deadlock3_fixed' AND severity = N'INFO');
DECLARE @victims INT = (SELECT COUNT(*) FROM crm.logs WHERE source = N'02_deadlock3_fixed' AND error_number = 1205);
SELECT campaign_id, reserve FROM crm.campaign_ledger ORDER BY campaign_id;
IF @committed <> 3 OR @victims <> 0 OR EXISTS (SELECT 1 FROM crm.campaign_ledger WHERE reserve <> 10000.00)
    THROW 51611, N'fixed deadlock: expected 3 commits, 0 victims and every reserve at 10 000.00.', 1;
IF (SELECT SUM(reserve) FROM crm.campaign_ledger) <> 5 * 10000.00
    THROW 51602, N'deadlock demo: reserve was created or destroyed.', 1;
PRINT CONCAT(N'02_deadlock3_fixed: ', @committed, N' committed, ', @victims, N' deadlock victim(s); total reserve conserved.');
UPDATE crm.campaign_ledger SET reserve = 10000.00;
DELETE FROM crm.logs WHERE source = N'02_deadlock3_fixed';
GO
