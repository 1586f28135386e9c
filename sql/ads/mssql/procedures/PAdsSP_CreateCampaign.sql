/*
  PAdsSP_CreateCampaign — creates one PromptAds campaign with its channels, markets and ads in a
  single transaction (the seeds' "XXXXXSP_VerboEntidad" template: PAds = PromptAds, SP, verb
  Create, entity Campaign).

  Why table-valued parameters (TVPs):
  - One round trip. The caller sends the campaign and all of its channels, markets and ads in
    one call, instead of one call per child row (or a comma-separated string to split).
  - Set-based inserts. Each child table is filled by one INSERT … SELECT from its TVP, so the
    work is a few statements whatever the number of rows, and validation is a join, not a loop.
  - Typed rows. The TVP types declare columns, NOT NULL and keys, so malformed rows (a missing
    image, a duplicated channel) are rejected by the type before the procedure runs.
  TVPs are READONLY: the procedure reads them like tables and cannot change the caller's data.

  Transaction: SET XACT_ABORT ON makes any run-time error doom the transaction; TRY/CATCH rolls
  back whatever was written and re-throws the original error (THROW without arguments), so the
  caller sees the real error number and message and no partial campaign remains.

  Validation: budget > 0; start date inside the data window 2024-07-01 … 2025-10-31
  (DESIGN.md §5) and end date not before it; a known brand; at least one channel, one market and
  one ad; every channel and market known in ads.channels / ads.markets. The campaign is 'active'
  when it ends after the as-of date (2025-10-31) and 'completed' otherwise, like the generator.
*/
IF TYPE_ID(N'ads.CampaignChannelList') IS NULL
    CREATE TYPE ads.CampaignChannelList AS TABLE (
        channel_id BIGINT NOT NULL PRIMARY KEY
    );
GO
IF TYPE_ID(N'ads.CampaignMarketList') IS NULL
    CREATE TYPE ads.CampaignMarketList AS TABLE (
        market_id BIGINT NOT NULL PRIMARY KEY
    );
GO
IF TYPE_ID(N'ads.CampaignAdList') IS NULL
    CREATE TYPE ads.CampaignAdList AS TABLE (
        ad_no INT NOT NULL PRIMARY KEY,
        image_id BIGINT NOT NULL,
        headline NVARCHAR(128) NOT NULL,
        format NVARCHAR(16) NOT NULL,
        call_to_action NVARCHAR(64) NOT NULL
    );
GO

CREATE OR ALTER PROCEDURE ads.PAdsSP_CreateCampaign
    @brand_id BIGINT,
    @name NVARCHAR(128),
    @objective NVARCHAR(16),
    @start_date DATE,
    @end_date DATE,
    @budget DECIMAL(18, 2),
    @target_audience NVARCHAR(256),
    @channels ads.CampaignChannelList READONLY,
    @markets ads.CampaignMarketList READONLY,
    @ads ads.CampaignAdList READONLY,
    @campaign_id BIGINT OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @window_start DATE = '2024-07-01';
    DECLARE @as_of DATE = '2025-10-31';

    BEGIN TRY
        IF @budget IS NULL OR @budget <= 0
            THROW 50001, N'PAdsSP_CreateCampaign: @budget must be greater than 0.', 1;
        IF @start_date IS NULL OR @start_date < @window_start OR @start_date > @as_of
            THROW 50002, N'PAdsSP_CreateCampaign: @start_date must be inside 2024-07-01 … 2025-10-31.', 1;
        IF @end_date IS NULL OR @end_date < @start_date
            THROW 50003, N'PAdsSP_CreateCampaign: @end_date must not be before @start_date.', 1;
        IF NOT EXISTS (SELECT 1 FROM ads.brands WHERE brand_id = @brand_id)
            THROW 50004, N'PAdsSP_CreateCampaign: unknown @brand_id.', 1;
        IF NOT EXISTS (SELECT 1 FROM @channels) OR NOT EXISTS (SELECT 1 FROM @markets)
            OR NOT EXISTS (SELECT 1 FROM @ads)
            THROW 50005, N'PAdsSP_CreateCampaign: at least one channel, one market and one ad are required.', 1;
        IF EXISTS (SELECT 1 FROM @channels AS c
                   WHERE NOT EXISTS (SELECT 1 FROM ads.channels AS k WHERE k.channel_id = c.channel_id))
            THROW 50006, N'PAdsSP_CreateCampaign: @channels holds an unknown channel_id.', 1;
        IF EXISTS (SELECT 1 FROM @markets AS m
                   WHERE NOT EXISTS (SELECT 1 FROM ads.markets AS k WHERE k.market_id = m.market_id))
            THROW 50007, N'PAdsSP_CreateCampaign: @markets holds an unknown market_id.', 1;

        BEGIN TRANSACTION;

        -- Keys continue the generated ranges; UPDLOCK + HOLDLOCK serialise concurrent callers.
        SELECT @campaign_id = COALESCE(MAX(campaign_id), 0) + 1
        FROM ads.campaigns WITH (UPDLOCK, HOLDLOCK);

        INSERT INTO ads.campaigns (campaign_id, brand_id, name, objective, status, start_date,
                                   end_date, budget, spent, currency, target_audience, updated_at)
        VALUES (@campaign_id, @brand_id, @name, @objective,
                CASE WHEN @end_date > @as_of THEN N'active' ELSE N'completed' END,
                @start_date, @end_date, @budget, 0, N'USD', @target_audience,
                CAST(SYSUTCDATETIME() AS DATETIME2(0)));

        INSERT INTO ads.campaign_channels (campaign_id, channel_id, channel_name)
        SELECT @campaign_id, k.channel_id, k.name
        FROM @channels AS c
        JOIN ads.channels AS k ON k.channel_id = c.channel_id;

        INSERT INTO ads.campaign_markets (campaign_id, market_id, city)
        SELECT @campaign_id, k.market_id, k.city
        FROM @markets AS m
        JOIN ads.markets AS k ON k.market_id = m.market_id;

        DECLARE @first_ad BIGINT;
        SELECT @first_ad = COALESCE(MAX(ad_id), 0) FROM ads.ads WITH (UPDLOCK, HOLDLOCK);

        INSERT INTO ads.ads (ad_id, campaign_id, image_id, headline, format, call_to_action)
        SELECT @first_ad + ROW_NUMBER() OVER (ORDER BY a.ad_no), @campaign_id, a.image_id,
               LTRIM(RTRIM(a.headline)), LOWER(a.format), a.call_to_action
        FROM @ads AS a;

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0
            ROLLBACK TRANSACTION;
        THROW;
    END CATCH;
END;
GO
