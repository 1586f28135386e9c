-- After both 04_lost_update_session*.sql have ended: compares ledger campaign 1 with the sales
-- recorded in crm.sales plus the two demo sales (100.00 and 250.00), then resets the row.
--   sqlcmd -S mssql-crm -d PromptCrm -i sql/crm/mssql/06_concurrency/04_lost_update_check.sql
-- Run order and timing: docs/sqlserver.md (PromptCrm → concurrency). 
SET NOCOUNT ON;
DECLARE @id BIGINT = crm.LedgerCampaign(1);
DECLARE @base DECIMAL(18, 2) = (SELECT SUM(amount) FROM crm.sales WHERE campaign_id = @id);
DECLARE @sales INT = (SELECT COUNT(*) FROM crm.sales WHERE campaign_id = @id);
DECLARE @expected DECIMAL(18, 2) = @base + 100.00 + 250.00;
DECLARE @total DECIMAL(18, 2), @count INT;
SELECT @total = sales_total, @count = sales_count FROM crm.campaign_ledger WHERE campaign_id = @id;
IF @total = @expected OR @count <> @sales + 1
    THROW 51632, N'lost update: expected one of the two sales to be lost (was the second session started within 3 s?).', 1;
PRINT CONCAT(N'lost update shown: total ', @total, N' instead of ', @expected, N'; one sale erased the other.');
UPDATE crm.campaign_ledger SET sales_total = @base, sales_count = @sales WHERE campaign_id = @id;
GO
