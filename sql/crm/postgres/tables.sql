-- Generated from the promptsales table registry (loaders/src/postgres/ddl.rs); do not edit.
-- Regenerate: UPDATE_SQL=1 cargo test -p promptsales-loaders ddl
CREATE SCHEMA IF NOT EXISTS crm;

CREATE TABLE crm.clients (
    client_id BIGINT NOT NULL,
    national_id TEXT NOT NULL,
    id_type TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    second_last_name TEXT,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    birth_date DATE NOT NULL,
    gender TEXT NOT NULL,
    country_code TEXT NOT NULL,
    city TEXT NOT NULL,
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE crm.client_campaigns (
    client_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    placement_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    market_id BIGINT NOT NULL,
    captured_on DATE NOT NULL,
    lead_status TEXT NOT NULL,
    updated_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE crm.interactions (
    interaction_id BIGINT NOT NULL,
    client_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    occurred_at TIMESTAMP(0) NOT NULL,
    outcome TEXT NOT NULL,
    handled_by TEXT NOT NULL,
    duration_seconds BIGINT NOT NULL,
    updated_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE crm.sales (
    sale_id BIGINT NOT NULL,
    client_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    placement_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    market_id BIGINT NOT NULL,
    sold_on DATE NOT NULL,
    amount NUMERIC(18,2) NOT NULL,
    product_id BIGINT NOT NULL,
    quantity BIGINT NOT NULL,
    unit_price NUMERIC(18,2) NOT NULL,
    discount_pct BIGINT NOT NULL,
    currency TEXT NOT NULL,
    updated_at TIMESTAMP(0) NOT NULL
);
