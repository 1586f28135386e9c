-- Indexes the ETL extracts need on the SQL Server stores (T-SQL twin of ../sources_postgres.sql),
-- and the least-privilege ETL login's grants there (the twin of ../roles.sql's source section).
-- Run by an administrator; the login and its password come from the deployment's secret.
-- Not executed here (no SQL Server on these machines); parsed with sqlfluff's tsql dialect.
IF OBJECT_ID(N'ads.daily_results') IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'etl_daily_results_updated_at')
    CREATE INDEX etl_daily_results_updated_at ON ads.daily_results (updated_at);
IF OBJECT_ID(N'ads.campaigns') IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'etl_campaigns_updated_at')
    CREATE INDEX etl_campaigns_updated_at ON ads.campaigns (updated_at);
IF OBJECT_ID(N'crm.client_campaigns') IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'etl_client_campaigns_updated_at')
    CREATE INDEX etl_client_campaigns_updated_at ON crm.client_campaigns (updated_at);
IF OBJECT_ID(N'crm.sales') IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'etl_sales_updated_at')
    CREATE INDEX etl_sales_updated_at ON crm.sales (updated_at);
IF OBJECT_ID(N'crm.sales') IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'etl_sales_campaign_day')
    CREATE INDEX etl_sales_campaign_day ON crm.sales (campaign_id, sold_on);
GO

-- The ETL reads exactly what its extract reads; nothing else (no crm.clients, no writes).
IF DATABASE_PRINCIPAL_ID(N'promptsales_etl') IS NULL
    CREATE USER promptsales_etl FOR LOGIN promptsales_etl;
IF OBJECT_ID(N'ads.daily_results') IS NOT NULL
BEGIN
    GRANT SELECT ON ads.campaigns TO promptsales_etl;
    GRANT SELECT ON ads.daily_results TO promptsales_etl;
    GRANT SELECT ON ads.channels TO promptsales_etl;
END;
IF OBJECT_ID(N'crm.sales') IS NOT NULL
BEGIN
    GRANT SELECT ON crm.client_campaigns TO promptsales_etl;
    GRANT SELECT ON crm.sales TO promptsales_etl;
END;
GO
