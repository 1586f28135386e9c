-- PromptAds by hand: BULK INSERT of the generator's CSV files into the tables of tables.sql.
-- For users who load without `promptsales load sqlserver`:
--   promptsales generate --stores ads --format csv --out /data/promptsales
--   sqlcmd -S HOST -d PromptAds -i sql/ads/mssql/tables.sql
--   sqlcmd -S HOST -d PromptAds -v DATA_DIR=/data/promptsales -i sql/ads/mssql/bulk_insert.sql
--   sqlcmd -S HOST -d PromptAds -i sql/ads/mssql/keys.sql
-- The path is read by the SQL Server service, not the client: DATA_DIR must be visible to the
-- server (a local path or a share). The files are RFC 4180 CSV in UTF-8 with a header row
-- (DESIGN.md §6): FORMAT = 'CSV' handles quoted fields, FIRSTROW = 2 skips the header,
-- CODEPAGE = '65001' reads UTF-8, KEEPNULLS keeps empty fields NULL, TABLOCK allows a
-- minimally logged load into the empty heap (keys.sql builds the indexes afterwards).
-- Needs SQL Server 2017 or later (FORMAT = 'CSV').
SET NOCOUNT ON;

BULK INSERT ads.brands FROM '$(DATA_DIR)/ads/brands.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.products FROM '$(DATA_DIR)/ads/products.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.channels FROM '$(DATA_DIR)/ads/channels.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.markets FROM '$(DATA_DIR)/ads/markets.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.campaigns FROM '$(DATA_DIR)/ads/campaigns.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.campaign_channels FROM '$(DATA_DIR)/ads/campaign_channels.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.campaign_markets FROM '$(DATA_DIR)/ads/campaign_markets.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.influencers FROM '$(DATA_DIR)/ads/influencers.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.ads FROM '$(DATA_DIR)/ads/ads.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.placements FROM '$(DATA_DIR)/ads/placements.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.daily_results FROM '$(DATA_DIR)/ads/daily_results.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.sentiment_daily FROM '$(DATA_DIR)/ads/sentiment_daily.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);

BULK INSERT ads.sentiment_incidents FROM '$(DATA_DIR)/ads/sentiment_incidents.csv'
WITH (FORMAT = 'CSV', FIRSTROW = 2, FIELDQUOTE = '"', CODEPAGE = '65001', KEEPNULLS, TABLOCK);
GO
