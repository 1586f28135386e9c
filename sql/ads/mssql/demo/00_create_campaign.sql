-- PromptAds demo: ads.PAdsSP_CreateCampaign with table-valued parameters. Needs the procedure
-- (procedures/PAdsSP_CreateCampaign.sql) on a loaded database; THROWs if it misbehaves.
-- 1. Invalid calls (zero budget, start outside the window, unknown channel) are refused with
--    their error number and leave no campaign behind.
-- 2. A valid call creates the campaign with its 2 channels, 2 markets and 3 ads in one round
--    trip; the demo runs it inside a transaction it rolls back, so the database is unchanged.
-- PostgreSQL twin (run in the test suite): sql/ads/postgres/demo/00_create_campaign.sql.
SET NOCOUNT ON;
SET XACT_ABORT ON;

DECLARE @channels ads.CampaignChannelList;
DECLARE @markets ads.CampaignMarketList;
DECLARE @ads ads.CampaignAdList;
DECLARE @bad_channels ads.CampaignChannelList;
INSERT INTO @channels (channel_id) SELECT TOP (2) channel_id FROM ads.channels ORDER BY channel_id;
INSERT INTO @markets (market_id) SELECT TOP (2) market_id FROM ads.markets ORDER BY market_id;
INSERT INTO @ads (ad_no, image_id, headline, format, call_to_action)
SELECT TOP (3) ROW_NUMBER() OVER (ORDER BY ad_id), image_id, N'  ' + headline, format, call_to_action
FROM ads.ads ORDER BY ad_id;
INSERT INTO @bad_channels (channel_id) VALUES (-42);

DECLARE @brand_id BIGINT = (SELECT MIN(brand_id) FROM ads.brands);
DECLARE @campaigns_before INT = (SELECT COUNT(*) FROM ads.campaigns);
DECLARE @id BIGINT;

-- 1. Refusals.
BEGIN TRY
    EXEC ads.PAdsSP_CreateCampaign @brand_id = @brand_id, @name = N'Demo zero budget', @objective = N'awareness',
        @start_date = '2025-09-01', @end_date = '2025-12-31', @budget = 0, @target_audience = N'demo',
        @channels = @channels, @markets = @markets, @ads = @ads, @campaign_id = @id OUTPUT;
    THROW 50091, N'The procedure accepted a zero budget.', 1;
END TRY
BEGIN CATCH
    IF ERROR_NUMBER() <> 50001 THROW;
END CATCH;
BEGIN TRY
    EXEC ads.PAdsSP_CreateCampaign @brand_id = @brand_id, @name = N'Demo too early', @objective = N'awareness',
        @start_date = '2023-01-01', @end_date = '2023-02-01', @budget = 1000, @target_audience = N'demo',
        @channels = @channels, @markets = @markets, @ads = @ads, @campaign_id = @id OUTPUT;
    THROW 50092, N'The procedure accepted a start before the window.', 1;
END TRY
BEGIN CATCH
    IF ERROR_NUMBER() <> 50002 THROW;
END CATCH;
BEGIN TRY
    EXEC ads.PAdsSP_CreateCampaign @brand_id = @brand_id, @name = N'Demo unknown channel', @objective = N'awareness',
        @start_date = '2025-09-01', @end_date = '2025-12-31', @budget = 1000, @target_audience = N'demo',
        @channels = @bad_channels, @markets = @markets, @ads = @ads, @campaign_id = @id OUTPUT;
    THROW 50093, N'The procedure accepted an unknown channel.', 1;
END TRY
BEGIN CATCH
    IF ERROR_NUMBER() <> 50006 THROW;
END CATCH;
IF (SELECT COUNT(*) FROM ads.campaigns) <> @campaigns_before
    THROW 50094, N'A refused call left a campaign behind.', 1;

-- 2. A valid call, rolled back at the end.
BEGIN TRANSACTION;
EXEC ads.PAdsSP_CreateCampaign @brand_id = @brand_id, @name = N'Demo Black Friday', @objective = N'conversions',
    @start_date = '2025-09-01', @end_date = '2025-12-31', @budget = 25000.00, @target_audience = N'adults 25-44',
    @channels = @channels, @markets = @markets, @ads = @ads, @campaign_id = @id OUTPUT;
IF NOT EXISTS (SELECT 1 FROM ads.campaigns WHERE campaign_id = @id AND status = N'active' AND spent = 0)
   OR (SELECT COUNT(*) FROM ads.campaign_channels WHERE campaign_id = @id) <> 2
   OR (SELECT COUNT(*) FROM ads.campaign_markets WHERE campaign_id = @id) <> 2
   OR (SELECT COUNT(*) FROM ads.ads WHERE campaign_id = @id AND headline NOT LIKE N' %') <> 3
    THROW 50095, N'The campaign, its channels, markets or ads were not created as asked.', 1;
ROLLBACK TRANSACTION;
PRINT N'PAdsSP_CreateCampaign: 3 invalid calls refused with their errors; a valid call created 1 campaign, 2 channels, 2 markets, 3 ads (rolled back).';
GO
