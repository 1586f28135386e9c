-- Generated from the promptsales table registry (loaders/src/postgres/ddl.rs); do not edit.
-- Regenerate: UPDATE_SQL=1 cargo test -p promptsales-loaders ddl
CREATE SCHEMA IF NOT EXISTS sales;

CREATE TABLE sales.users (
    user_id BIGINT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    user_type TEXT NOT NULL,
    brand_id BIGINT,
    timezone TEXT NOT NULL,
    is_active BOOLEAN NOT NULL,
    created_at TIMESTAMP(0) NOT NULL,
    updated_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.user_sessions (
    session_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    oauth_provider TEXT,
    mfa_enabled BOOLEAN NOT NULL,
    login_at TIMESTAMP(0) NOT NULL,
    expires_at TIMESTAMP(0) NOT NULL,
    ip_address TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    device_type TEXT NOT NULL
);

CREATE TABLE sales.user_permissions (
    permission_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    subsystem TEXT NOT NULL,
    role TEXT NOT NULL,
    granted_at TIMESTAMP(0) NOT NULL,
    granted_by BIGINT,
    revoked_at TIMESTAMP(0)
);

CREATE TABLE sales.plans (
    plan_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    subsystem TEXT NOT NULL,
    billing_cycle TEXT NOT NULL,
    price NUMERIC(18,2) NOT NULL,
    currency TEXT NOT NULL,
    is_active BOOLEAN NOT NULL,
    trial_days INTEGER NOT NULL,
    max_users BIGINT,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.plan_features (
    feature_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL,
    feature_name TEXT NOT NULL,
    feature_value TEXT NOT NULL,
    feature_type TEXT NOT NULL,
    unit TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE sales.subscriptions (
    subscription_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    auto_renew BOOLEAN NOT NULL,
    cancelled_at TIMESTAMP(0),
    amount_paid NUMERIC(18,2) NOT NULL,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.subscription_usage (
    usage_id BIGINT NOT NULL,
    subscription_id BIGINT NOT NULL,
    feature_id BIGINT NOT NULL,
    current_usage BIGINT NOT NULL,
    usage_limit BIGINT NOT NULL,
    last_reset DATE NOT NULL,
    updated_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.provider_types (
    provider_type_id BIGINT NOT NULL,
    type_name TEXT NOT NULL,
    description TEXT NOT NULL
);

CREATE TABLE sales.providers (
    provider_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    provider_type_id BIGINT NOT NULL,
    is_active BOOLEAN NOT NULL,
    website_url TEXT NOT NULL,
    documentation_url TEXT NOT NULL,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.provider_apis (
    api_id BIGINT NOT NULL,
    provider_id BIGINT NOT NULL,
    endpoint_name TEXT NOT NULL,
    endpoint_url TEXT NOT NULL,
    http_method TEXT NOT NULL,
    auth_method TEXT NOT NULL,
    config_json TEXT NOT NULL,
    rate_limit_per_minute INTEGER NOT NULL,
    timeout_ms INTEGER NOT NULL
);

CREATE TABLE sales.provider_credentials (
    credential_id BIGINT NOT NULL,
    provider_id BIGINT NOT NULL,
    user_id BIGINT,
    api_key_encrypted TEXT NOT NULL,
    expires_at TIMESTAMP(0) NOT NULL,
    last_used_at TIMESTAMP(0) NOT NULL,
    is_active BOOLEAN NOT NULL,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.api_call_logs (
    call_id BIGINT NOT NULL,
    provider_id BIGINT NOT NULL,
    api_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    endpoint TEXT NOT NULL,
    request_method TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    from_cache BOOLEAN NOT NULL,
    called_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.campaigns (
    campaign_id BIGINT NOT NULL,
    brand_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    created_by BIGINT NOT NULL,
    name TEXT NOT NULL,
    objective TEXT NOT NULL,
    status TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    budget NUMERIC(18,2) NOT NULL,
    spent NUMERIC(18,2) NOT NULL,
    currency TEXT NOT NULL,
    industry TEXT NOT NULL,
    approved_by BIGINT NOT NULL,
    approved_at TIMESTAMP(0) NOT NULL,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.campaign_objectives (
    objective_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    objective_type TEXT NOT NULL,
    target_metric TEXT NOT NULL,
    target_value BIGINT NOT NULL,
    unit TEXT NOT NULL,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.campaign_schedule (
    schedule_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    task_description TEXT NOT NULL,
    task_type TEXT NOT NULL,
    scheduled_at TIMESTAMP(0) NOT NULL,
    status TEXT NOT NULL,
    reminder_sent BOOLEAN NOT NULL,
    reminder_sent_at TIMESTAMP(0),
    completed_at TIMESTAMP(0),
    assigned_to BIGINT NOT NULL
);

CREATE TABLE sales.campaign_approvals (
    approval_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    requested_by BIGINT NOT NULL,
    approved_by BIGINT NOT NULL,
    approval_type TEXT NOT NULL,
    status TEXT NOT NULL,
    comments TEXT NOT NULL,
    requested_at TIMESTAMP(0) NOT NULL,
    resolved_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.campaign_budget_transactions (
    budget_tx_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    amount NUMERIC(18,2) NOT NULL,
    transaction_type TEXT NOT NULL,
    description TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at TIMESTAMP(0) NOT NULL,
    balance_after NUMERIC(18,2) NOT NULL,
    source_system TEXT NOT NULL
);

CREATE TABLE sales.targets (
    target_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    market_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    is_enabled BOOLEAN NOT NULL,
    estimated_reach BIGINT NOT NULL,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.target_configuration (
    config_id BIGINT NOT NULL,
    target_id BIGINT NOT NULL,
    feature_id BIGINT NOT NULL,
    feature_value_id BIGINT NOT NULL,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.population_features (
    feature_id BIGINT NOT NULL,
    feature_name TEXT NOT NULL,
    feature_category TEXT NOT NULL,
    data_type TEXT NOT NULL,
    is_active BOOLEAN NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE sales.population_feature_values (
    value_id BIGINT NOT NULL,
    feature_id BIGINT NOT NULL,
    value_type TEXT NOT NULL,
    min_value BIGINT,
    max_value BIGINT,
    exact_value TEXT,
    display_name TEXT NOT NULL
);

CREATE TABLE sales.payment_methods (
    payment_method_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    provider_id BIGINT NOT NULL,
    method_type TEXT NOT NULL,
    card_brand TEXT,
    last_four TEXT,
    expires_at DATE NOT NULL,
    is_default BOOLEAN NOT NULL,
    is_active BOOLEAN NOT NULL,
    country TEXT NOT NULL,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.transactions (
    transaction_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    subscription_id BIGINT,
    campaign_id BIGINT,
    amount NUMERIC(18,2) NOT NULL,
    currency TEXT NOT NULL,
    transaction_type TEXT NOT NULL,
    status TEXT NOT NULL,
    payment_method_id BIGINT NOT NULL,
    processed_at TIMESTAMP(0) NOT NULL,
    failure_reason TEXT
);

CREATE TABLE sales.etl_watermarks (
    watermark_id BIGINT NOT NULL,
    source_system TEXT NOT NULL,
    last_updated_at TIMESTAMP(0) NOT NULL,
    next_run_at TIMESTAMP(0) NOT NULL,
    etl_status TEXT NOT NULL,
    records_processed BIGINT NOT NULL
);

CREATE TABLE sales.etl_execution_logs (
    execution_id BIGINT NOT NULL,
    etl_name TEXT NOT NULL,
    status TEXT NOT NULL,
    records_processed BIGINT NOT NULL,
    records_failed BIGINT NOT NULL,
    started_at TIMESTAMP(0) NOT NULL,
    completed_at TIMESTAMP(0) NOT NULL,
    error_message TEXT
);

CREATE TABLE sales.system_logs (
    log_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    event_type TEXT NOT NULL,
    severity TEXT NOT NULL,
    description TEXT NOT NULL,
    ip_address TEXT NOT NULL,
    created_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.content_summary (
    summary_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    summary_date DATE NOT NULL,
    content_type TEXT NOT NULL,
    total_pieces BIGINT NOT NULL,
    approved_pieces BIGINT NOT NULL,
    rejected_pieces BIGINT NOT NULL,
    pending_review BIGINT NOT NULL,
    etl_processed_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.ads_summary (
    summary_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    summary_date DATE NOT NULL,
    channel TEXT NOT NULL,
    impressions BIGINT NOT NULL,
    clicks BIGINT NOT NULL,
    spent NUMERIC(18,2) NOT NULL,
    reach BIGINT NOT NULL,
    engagement BIGINT NOT NULL,
    conversions BIGINT NOT NULL,
    etl_processed_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.crm_summary (
    summary_id BIGINT NOT NULL,
    campaign_id BIGINT NOT NULL,
    summary_date DATE NOT NULL,
    leads_total BIGINT NOT NULL,
    leads_qualified BIGINT NOT NULL,
    customers_converted BIGINT NOT NULL,
    revenue_generated NUMERIC(18,2) NOT NULL,
    etl_processed_at TIMESTAMP(0) NOT NULL
);

CREATE TABLE sales.campaign_performance (
    campaign_id BIGINT NOT NULL,
    campaign_name TEXT NOT NULL,
    campaign_status TEXT NOT NULL,
    budget_total NUMERIC(18,2) NOT NULL,
    budget_spent NUMERIC(18,2) NOT NULL,
    total_impressions BIGINT NOT NULL,
    total_clicks BIGINT NOT NULL,
    total_leads BIGINT NOT NULL,
    total_customers BIGINT NOT NULL,
    total_revenue NUMERIC(18,2) NOT NULL,
    last_updated TIMESTAMP(0) NOT NULL
);
