-- Local copies of the small PromptAds dimensions PromptCrm's analytics join to (channel kinds,
-- market coordinates). Run on PromptCrm after 01_create_linked_server.sql:
--   sqlcmd -S mssql-crm -d PromptCrm -v ADS_DB=PromptAds -i sql/crm/mssql/01_linked_server/02_reference_copies.sql
-- Why copies: indexed views (04_indexed_views) cannot reference a linked server, and joining
-- 12 channels and ~35 markets across the network for every analytic query costs a round trip
-- per query. The big facts (daily_results) stay remote and are aggregated there.
SET NOCOUNT ON;

DROP TABLE IF EXISTS crm.ads_channels;
DROP TABLE IF EXISTS crm.ads_markets;

SELECT channel_id, name, kind
INTO crm.ads_channels
FROM [PROMPTADS].[$(ADS_DB)].ads.channels;

SELECT market_id, country_code, country, city, latitude, longitude,
       -- geography point of the market's city (SRID 4326 = WGS 84), for STDistance.
       geography::Point(latitude, longitude, 4326) AS city_point
INTO crm.ads_markets
FROM [PROMPTADS].[$(ADS_DB)].ads.markets;

ALTER TABLE crm.ads_channels ADD CONSTRAINT PK_ads_channels PRIMARY KEY CLUSTERED (channel_id);
ALTER TABLE crm.ads_markets ADD CONSTRAINT PK_ads_markets PRIMARY KEY CLUSTERED (market_id);
GO

-- Self-check: every market and channel a lead points to exists in the copies.
IF EXISTS (SELECT 1 FROM crm.client_campaigns AS cc
           WHERE NOT EXISTS (SELECT 1 FROM crm.ads_markets AS m WHERE m.market_id = cc.market_id)
              OR NOT EXISTS (SELECT 1 FROM crm.ads_channels AS c WHERE c.channel_id = cc.channel_id))
    THROW 51002, N'a lead points to a market or channel missing from the PromptAds copies.', 1;
GO
