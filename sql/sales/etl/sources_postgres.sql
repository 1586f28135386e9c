-- Indexes the ETL's extracts need on the PostgreSQL twins of the ads and crm stores (applied by an
-- administrator, like keys.sql; the ETL role cannot create indexes). Each extract finds the
-- changed rows by updated_at > watermark, so the cost of a run follows the delta, not the table;
-- the recomputation of the touched keys uses the (campaign_id, day) indexes keys.sql already has
-- (ads.daily_results, crm.client_campaigns) and the one added here for crm.sales.
-- The SQL Server stores get the same three from sql/sales/etl/mssql/sources.sql.
\set ON_ERROR_STOP 1
CREATE INDEX IF NOT EXISTS etl_daily_results_updated_at ON ads.daily_results (updated_at);
CREATE INDEX IF NOT EXISTS etl_campaigns_updated_at ON ads.campaigns (updated_at);
CREATE INDEX IF NOT EXISTS etl_client_campaigns_updated_at ON crm.client_campaigns (updated_at);
CREATE INDEX IF NOT EXISTS etl_sales_updated_at ON crm.sales (updated_at);
CREATE INDEX IF NOT EXISTS etl_sales_campaign_day ON crm.sales (campaign_id, sold_on);
