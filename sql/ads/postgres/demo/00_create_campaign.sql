-- PostgreSQL twin of sql/ads/mssql/demo/00_create_campaign.sql and of the procedure
-- sql/ads/mssql/procedures/PAdsSP_CreateCampaign.sql. PostgreSQL has no table-valued
-- parameters; the twin passes arrays (of a composite type for the ads), which buy the same one
-- round trip and set-based inserts. A plpgsql function runs inside the caller's transaction and
-- an error undoes all it wrote, which T-SQL gets from XACT_ABORT + TRY/CATCH + ROLLBACK.
-- Self-check: invalid calls raise their errors and leave nothing; a valid call creates the
-- campaign with 2 channels, 2 markets and 3 trimmed ads. Everything is rolled back.
BEGIN;
CREATE TYPE pg_temp.campaign_ad AS (ad_no INT, image_id BIGINT, headline TEXT, format TEXT, call_to_action TEXT);

CREATE FUNCTION pg_temp.pads_create_campaign(
    p_brand_id BIGINT, p_name TEXT, p_objective TEXT, p_start DATE, p_end DATE, p_budget NUMERIC(18,2),
    p_audience TEXT, p_channels BIGINT[], p_markets BIGINT[], p_ads pg_temp.campaign_ad[])
RETURNS BIGINT LANGUAGE plpgsql AS $fn$
DECLARE
    v_id BIGINT; v_first_ad BIGINT;
BEGIN
    IF p_budget IS NULL OR p_budget <= 0 THEN
        RAISE EXCEPTION 'PAdsSP_CreateCampaign: budget must be greater than 0' USING ERRCODE = 'P0001', HINT = '50001';
    END IF;
    IF p_start IS NULL OR p_start < DATE '2024-07-01' OR p_start > DATE '2025-10-31' THEN
        RAISE EXCEPTION 'PAdsSP_CreateCampaign: start date must be inside 2024-07-01 … 2025-10-31' USING HINT = '50002';
    END IF;
    IF p_end IS NULL OR p_end < p_start THEN
        RAISE EXCEPTION 'PAdsSP_CreateCampaign: end date must not be before start date' USING HINT = '50003';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM ads.brands WHERE brand_id = p_brand_id) THEN
        RAISE EXCEPTION 'PAdsSP_CreateCampaign: unknown brand' USING HINT = '50004';
    END IF;
    IF cardinality(p_channels) IS NULL OR cardinality(p_markets) IS NULL OR cardinality(p_ads) IS NULL
       OR cardinality(p_channels) = 0 OR cardinality(p_markets) = 0 OR cardinality(p_ads) = 0 THEN
        RAISE EXCEPTION 'PAdsSP_CreateCampaign: at least one channel, one market and one ad are required' USING HINT = '50005';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(p_channels) c WHERE NOT EXISTS (SELECT 1 FROM ads.channels k WHERE k.channel_id = c)) THEN
        RAISE EXCEPTION 'PAdsSP_CreateCampaign: unknown channel' USING HINT = '50006';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(p_markets) m WHERE NOT EXISTS (SELECT 1 FROM ads.markets k WHERE k.market_id = m)) THEN
        RAISE EXCEPTION 'PAdsSP_CreateCampaign: unknown market' USING HINT = '50007';
    END IF;
    LOCK TABLE ads.campaigns, ads.ads IN SHARE ROW EXCLUSIVE MODE;   -- UPDLOCK, HOLDLOCK in T-SQL
    SELECT COALESCE(max(campaign_id), 0) + 1 INTO v_id FROM ads.campaigns;
    INSERT INTO ads.campaigns (campaign_id, brand_id, name, objective, status, start_date, end_date, budget, spent, currency, target_audience, updated_at)
    VALUES (v_id, p_brand_id, p_name, p_objective, CASE WHEN p_end > DATE '2025-10-31' THEN 'active' ELSE 'completed' END,
            p_start, p_end, p_budget, 0, 'USD', p_audience, (now() AT TIME ZONE 'UTC')::TIMESTAMP(0));
    INSERT INTO ads.campaign_channels (campaign_id, channel_id, channel_name)
    SELECT v_id, k.channel_id, k.name FROM (SELECT DISTINCT unnest(p_channels) AS channel_id) c JOIN ads.channels k USING (channel_id);
    INSERT INTO ads.campaign_markets (campaign_id, market_id, city)
    SELECT v_id, k.market_id, k.city FROM (SELECT DISTINCT unnest(p_markets) AS market_id) m JOIN ads.markets k USING (market_id);
    SELECT COALESCE(max(ad_id), 0) INTO v_first_ad FROM ads.ads;
    INSERT INTO ads.ads (ad_id, campaign_id, image_id, headline, format, call_to_action)
    SELECT v_first_ad + row_number() OVER (ORDER BY a.ad_no), v_id, a.image_id, btrim(a.headline), lower(a.format), a.call_to_action
    FROM unnest(p_ads) a;
    RETURN v_id;
END
$fn$;

DO $$
DECLARE
    brand BIGINT; channels BIGINT[]; markets BIGINT[]; ads_in pg_temp.campaign_ad[];
    before INT; id BIGINT; refused INT := 0; hint TEXT;
BEGIN
    SELECT min(brand_id) INTO brand FROM ads.brands;
    SELECT array_agg(channel_id ORDER BY channel_id) INTO channels FROM (SELECT channel_id FROM ads.channels ORDER BY channel_id LIMIT 2) c;
    SELECT array_agg(market_id ORDER BY market_id) INTO markets FROM (SELECT market_id FROM ads.markets ORDER BY market_id LIMIT 2) m;
    SELECT array_agg(ROW(n, image_id, '  ' || headline, format, call_to_action)::pg_temp.campaign_ad ORDER BY n) INTO ads_in
    FROM (SELECT row_number() OVER (ORDER BY ad_id)::INT AS n, image_id, headline, format, call_to_action FROM ads.ads ORDER BY ad_id LIMIT 3) a;
    SELECT count(*) INTO before FROM ads.campaigns;

    -- 1. Refusals: each must raise its own error (the T-SQL error number travels in HINT).
    BEGIN
        PERFORM pg_temp.pads_create_campaign(brand, 'Demo zero budget', 'awareness', DATE '2025-09-01', DATE '2025-12-31', 0, 'demo', channels, markets, ads_in);
    EXCEPTION WHEN raise_exception THEN GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT; IF hint = '50001' THEN refused := refused + 1; END IF;
    END;
    BEGIN
        PERFORM pg_temp.pads_create_campaign(brand, 'Demo too early', 'awareness', DATE '2023-01-01', DATE '2023-02-01', 1000, 'demo', channels, markets, ads_in);
    EXCEPTION WHEN raise_exception THEN GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT; IF hint = '50002' THEN refused := refused + 1; END IF;
    END;
    BEGIN
        PERFORM pg_temp.pads_create_campaign(brand, 'Demo unknown channel', 'awareness', DATE '2025-09-01', DATE '2025-12-31', 1000, 'demo', ARRAY[-42]::BIGINT[], markets, ads_in);
    EXCEPTION WHEN raise_exception THEN GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT; IF hint = '50006' THEN refused := refused + 1; END IF;
    END;
    IF refused <> 3 THEN
        RAISE EXCEPTION 'create campaign: % of 3 invalid calls refused with their error', refused;
    END IF;
    IF (SELECT count(*) FROM ads.campaigns) <> before THEN
        RAISE EXCEPTION 'create campaign: a refused call left a campaign behind';
    END IF;

    -- 2. A valid call.
    id := pg_temp.pads_create_campaign(brand, 'Demo Black Friday', 'conversions', DATE '2025-09-01', DATE '2025-12-31', 25000.00, 'adults 25-44', channels, markets, ads_in);
    IF NOT EXISTS (SELECT 1 FROM ads.campaigns WHERE campaign_id = id AND status = 'active' AND spent = 0 AND budget = 25000.00)
       OR (SELECT count(*) FROM ads.campaign_channels WHERE campaign_id = id) <> 2
       OR (SELECT count(*) FROM ads.campaign_markets WHERE campaign_id = id) <> 2
       OR (SELECT count(*) FROM ads.ads WHERE campaign_id = id AND headline NOT LIKE ' %') <> 3
       OR id <> (SELECT max(campaign_id) FROM ads.campaigns) THEN
        RAISE EXCEPTION 'create campaign: campaign %, its channels, markets or ads not created as asked', id;
    END IF;
    RAISE NOTICE 'create campaign: 3 invalid calls refused with their errors (50001, 50002, 50006); campaign % created with 2 channels, 2 markets, 3 ads (rolled back)', id;
END $$;
ROLLBACK;
