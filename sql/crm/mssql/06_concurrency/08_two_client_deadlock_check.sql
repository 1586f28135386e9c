-- After both 08_two_client_deadlock_client_*.sql have ended (or both Jobs completed): asserts
-- one commit and one deadlock victim, logged from two different hosts, and the total reserve
-- conserved; then resets the demo.
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/08_two_client_deadlock_check.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
SELECT logged_at, severity, message, error_number, host_name FROM crm.logs
WHERE source = N'two_client_deadlock' ORDER BY log_id;
DECLARE @committed INT = (SELECT COUNT(*) FROM crm.logs WHERE source = N'two_client_deadlock' AND severity = N'INFO');
DECLARE @victims INT = (SELECT COUNT(*) FROM crm.logs WHERE source = N'two_client_deadlock' AND error_number = 1205);
DECLARE @hosts INT = (SELECT COUNT(DISTINCT host_name) FROM crm.logs WHERE source = N'two_client_deadlock');
IF @committed <> 1 OR @victims <> 1
    THROW 51652, N'two-client deadlock: expected exactly one commit and one victim (1205).', 1;
IF @hosts <> 2
    THROW 51653, N'two-client deadlock: the two clients did not run on two different hosts.', 1;
IF (SELECT SUM(reserve) FROM crm.campaign_ledger) <> 5 * 10000.00
    THROW 51654, N'two-client deadlock: reserve was created or destroyed.', 1;
PRINT N'two-client deadlock: one victim, one commit, two hosts, reserve conserved.';
UPDATE crm.campaign_ledger SET reserve = 10000.00;
DELETE FROM crm.demo_rendezvous WHERE demo = N'two_client';
DELETE FROM crm.logs WHERE source = N'two_client_deadlock';
GO
