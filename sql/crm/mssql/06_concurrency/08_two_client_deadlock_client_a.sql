-- Deadlock between two clients on different computers (seeds: "simular un deadlock entre dos
-- clientes en computadoras distintas"): client A locks ledger campaign 1, then 2; the other client
-- does the opposite. Run this from one machine and client_b from another, or as the two
-- Jobs of k8s/base/crm-deadlock.yaml (two pods, kept on different nodes when there are two):
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/08_two_client_deadlock_client_a.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
-- The clients meet first (crm.demo_rendezvous, up to 5 minutes), so the two machines need no
-- clock synchronisation; each log row records the client's host name, which shows the two
-- sessions came from two computers. One client is the victim (1205); the other commits.
SET NOCOUNT ON;
SET LOCK_TIMEOUT 60000;
DECLARE @first BIGINT = crm.LedgerCampaign(1), @second BIGINT = crm.LedgerCampaign(2);
DECLARE @waited INT = 0;

DELETE FROM crm.demo_rendezvous WHERE demo = N'two_client' AND client = N'a';
INSERT INTO crm.demo_rendezvous (demo, client) VALUES (N'two_client', N'a');
WHILE (SELECT COUNT(*) FROM crm.demo_rendezvous WHERE demo = N'two_client') < 2
BEGIN
    IF @waited >= 3000
        THROW 51651, N'two-client deadlock: the other client did not arrive within 5 minutes.', 1;
    WAITFOR DELAY '00:00:00.100';
    SET @waited += 1;
END;

BEGIN TRY
    BEGIN TRANSACTION;
    UPDATE crm.campaign_ledger SET reserve = reserve - 10.00 WHERE campaign_id = @first;
    WAITFOR DELAY '00:00:03';   -- the other client now holds its first row too
    UPDATE crm.campaign_ledger SET reserve = reserve + 10.00 WHERE campaign_id = @second;
    COMMIT TRANSACTION;
    DECLARE @ok NVARCHAR(200) = CONCAT(N'client a on ', HOST_NAME(), N' committed');
    EXEC crm.PCrmSP_RegisterLog @severity = N'INFO', @source = N'two_client_deadlock', @message = @ok;
    PRINT @ok;
END TRY
BEGIN CATCH
    IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
    IF ERROR_NUMBER() <> 1205 THROW;
    DECLARE @victim NVARCHAR(200) = CONCAT(N'client a on ', HOST_NAME(), N' was the deadlock victim');
    EXEC crm.PCrmSP_RegisterLog @severity = N'WARN', @source = N'two_client_deadlock', @message = @victim, @error_number = 1205;
    PRINT @victim;
END CATCH;
GO
