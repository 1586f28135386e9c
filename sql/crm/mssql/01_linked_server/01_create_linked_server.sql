-- PromptCrm → PromptAds linked server (seeds: "link server entre PromptCrm y PromptAds para
-- consultas cruzadas"). Run on the PromptCrm instance as a sysadmin:
--   sqlcmd -S mssql-crm -d master -v ADS_HOST=mssql-ads ADS_DB=PromptAds \
--          ADS_LINK_USER=crm_reader ADS_LINK_PASSWORD="$ADS_LINK_PASSWORD" \
--          -i sql/crm/mssql/01_linked_server/01_create_linked_server.sql
-- The remote login's password comes from an environment variable or a mounted Secret file,
-- never from this file; sqlcmd substitutes $(ADS_LINK_PASSWORD) before the batch is sent.
-- On PromptAds, crm_reader is a login with db_datareader on PromptAds only (least privilege:
-- the linked server can read ads, never write it).
SET NOCOUNT ON;

IF EXISTS (SELECT 1 FROM sys.servers WHERE name = N'PROMPTADS')
    EXEC master.dbo.sp_dropserver @server = N'PROMPTADS', @droplogins = 'droplogins';
GO

-- MSOLEDBSQL is the supported OLE DB provider (SQLNCLI is deprecated); Encrypt=yes keeps the
-- link on TLS like every other connection to the instances (k8s/base/mssql.yaml).
EXEC master.dbo.sp_addlinkedserver
    @server = N'PROMPTADS',
    @srvproduct = N'',
    @provider = N'MSOLEDBSQL',
    @datasrc = N'$(ADS_HOST)',
    @catalog = N'$(ADS_DB)',
    @provstr = N'Encrypt=yes;TrustServerCertificate=yes';

-- Every local login maps to the one remote reader; no self-mapping (it would forward the
-- caller's own credentials, which do not exist on the other instance).
EXEC master.dbo.sp_addlinkedsrvlogin
    @rmtsrvname = N'PROMPTADS',
    @useself = N'FALSE',
    @locallogin = NULL,
    @rmtuser = N'$(ADS_LINK_USER)',
    @rmtpassword = N'$(ADS_LINK_PASSWORD)';

-- rpc out lets EXEC ... AT PROMPTADS run remote batches; remote proc transaction promotion off
-- so a local transaction that reads the link does not escalate to a distributed (MSDTC) one.
EXEC master.dbo.sp_serveroption @server = N'PROMPTADS', @optname = N'rpc out', @optvalue = N'true';
EXEC master.dbo.sp_serveroption @server = N'PROMPTADS', @optname = N'remote proc transaction promotion', @optvalue = N'false';
-- Collation compatible: both instances use the same collation, so string predicates are
-- evaluated remotely instead of pulling rows back to compare them here.
EXEC master.dbo.sp_serveroption @server = N'PROMPTADS', @optname = N'collation compatible', @optvalue = N'true';
GO

-- Self-check: the link answers and sees the PromptAds tables.
EXEC master.dbo.sp_testlinkedserver N'PROMPTADS';
IF NOT EXISTS (SELECT 1 FROM [PROMPTADS].[$(ADS_DB)].sys.tables WHERE name = N'daily_results')
    THROW 51001, N'PROMPTADS is linked but ads.daily_results is not visible to the remote login.', 1;
GO
