-- Generated from the promptsales table registry (loaders/src/mssql/ddl.rs); do not edit.
-- Regenerate: UPDATE_SQL=1 cargo test --release -p promptsales-loaders mssql::ddl
-- NVARCHAR widths: longest value at seed 42, scale 0.1, x1.5, rounded up to a power of two.
IF SCHEMA_ID(N'crm') IS NULL EXEC(N'CREATE SCHEMA crm');
GO

CREATE TABLE crm.clients (
    client_id BIGINT NOT NULL,
    national_id NVARCHAR(32) NOT NULL,
    id_type NVARCHAR(16) NOT NULL,
    first_name NVARCHAR(32) NOT NULL,
    last_name NVARCHAR(16) NOT NULL,
    second_last_name NVARCHAR(16) NULL,
    email NVARCHAR(64) NOT NULL,
    phone NVARCHAR(32) NOT NULL,
    birth_date DATE NOT NULL,
    gender NVARCHAR(16) NOT NULL,
    country_code NVARCHAR(16) NOT NULL,
    city NVARCHAR(32) NOT NULL,
    latitude FLOAT NOT NULL,
    longitude FLOAT NOT NULL,
    created_at DATETIME2(0) NOT NULL
);

CREATE TABLE crm.client_campaigns (
    client_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    placement_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    market_id BIGINT NOT NULL,
    captured_on DATE NOT NULL,
    lead_status NVARCHAR(32) NOT NULL,
    updated_at DATETIME2(0) NOT NULL
);

CREATE TABLE crm.interactions (
    interaction_id BIGINT NOT NULL,
    client_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    kind NVARCHAR(16) NOT NULL,
    occurred_at DATETIME2(0) NOT NULL,
    outcome NVARCHAR(32) NOT NULL,
    handled_by NVARCHAR(16) NOT NULL,
    duration_seconds BIGINT NOT NULL,
    updated_at DATETIME2(0) NOT NULL
);

CREATE TABLE crm.sales (
    sale_id BIGINT NOT NULL,
    client_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    placement_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    market_id BIGINT NOT NULL,
    sold_on DATE NOT NULL,
    amount DECIMAL(18,2) NOT NULL,
    product_id BIGINT NOT NULL,
    quantity BIGINT NOT NULL,
    unit_price DECIMAL(18,2) NOT NULL,
    discount_pct BIGINT NOT NULL,
    currency NVARCHAR(16) NOT NULL,
    updated_at DATETIME2(0) NOT NULL
);
GO
