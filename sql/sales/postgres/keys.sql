-- PromptSales portal on PostgreSQL: keys, checks and indexes, applied after the data.

-- Module 1: authentication and users
ALTER TABLE sales.users ADD PRIMARY KEY (user_id),
    ADD UNIQUE (email),
    ADD CHECK (user_type IN ('customer', 'admin', 'marketer', 'sales_agent')),
    ADD CHECK ((brand_id IS NOT NULL) = (user_type = 'customer'));
ALTER TABLE sales.user_sessions ADD PRIMARY KEY (session_id),
    ADD FOREIGN KEY (user_id) REFERENCES sales.users (user_id),
    ADD CHECK (expires_at > login_at);
ALTER TABLE sales.user_permissions ADD PRIMARY KEY (permission_id),
    ADD FOREIGN KEY (user_id) REFERENCES sales.users (user_id),
    ADD FOREIGN KEY (granted_by) REFERENCES sales.users (user_id),
    ADD UNIQUE (user_id, subsystem),
    ADD CHECK (subsystem IN ('content', 'ads', 'crm', 'sales')),
    ADD CHECK (role IN ('read', 'write', 'admin')),
    ADD CHECK (revoked_at IS NULL OR revoked_at > granted_at);

-- Module 2: plans and subscriptions
ALTER TABLE sales.plans ADD PRIMARY KEY (plan_id),
    ADD UNIQUE (name),
    ADD CHECK (price >= 0),
    ADD CHECK (billing_cycle IN ('monthly', 'annual'));
ALTER TABLE sales.plan_features ADD PRIMARY KEY (feature_id),
    ADD FOREIGN KEY (plan_id) REFERENCES sales.plans (plan_id),
    ADD UNIQUE (plan_id, feature_name);
ALTER TABLE sales.subscriptions ADD PRIMARY KEY (subscription_id),
    ADD FOREIGN KEY (user_id) REFERENCES sales.users (user_id),
    ADD FOREIGN KEY (plan_id) REFERENCES sales.plans (plan_id),
    ADD CHECK (end_date >= start_date),
    ADD CHECK (status IN ('active', 'cancelled', 'expired', 'trial'));
ALTER TABLE sales.subscription_usage ADD PRIMARY KEY (usage_id),
    ADD FOREIGN KEY (subscription_id) REFERENCES sales.subscriptions (subscription_id),
    ADD FOREIGN KEY (feature_id) REFERENCES sales.plan_features (feature_id),
    ADD CHECK (current_usage BETWEEN 0 AND usage_limit);

-- Module 3: providers and external APIs
ALTER TABLE sales.provider_types ADD PRIMARY KEY (provider_type_id), ADD UNIQUE (type_name);
ALTER TABLE sales.providers ADD PRIMARY KEY (provider_id),
    ADD UNIQUE (name),
    ADD FOREIGN KEY (provider_type_id) REFERENCES sales.provider_types (provider_type_id);
ALTER TABLE sales.provider_apis ADD PRIMARY KEY (api_id),
    ADD FOREIGN KEY (provider_id) REFERENCES sales.providers (provider_id),
    ADD CHECK (http_method IN ('GET', 'POST', 'PUT', 'DELETE')),
    ADD CHECK (auth_method IN ('oauth', 'api_key', 'jwt', 'basic'));
ALTER TABLE sales.provider_credentials ADD PRIMARY KEY (credential_id),
    ADD FOREIGN KEY (provider_id) REFERENCES sales.providers (provider_id),
    ADD FOREIGN KEY (user_id) REFERENCES sales.users (user_id),
    ADD CHECK (api_key_encrypted LIKE 'PLACEHOLDER%');
ALTER TABLE sales.api_call_logs ADD PRIMARY KEY (call_id),
    ADD FOREIGN KEY (provider_id) REFERENCES sales.providers (provider_id),
    ADD FOREIGN KEY (api_id) REFERENCES sales.provider_apis (api_id),
    ADD FOREIGN KEY (user_id) REFERENCES sales.users (user_id);

-- Module 4: campaigns
ALTER TABLE sales.campaigns ADD PRIMARY KEY (campaign_id),
    ADD FOREIGN KEY (customer_id) REFERENCES sales.users (user_id),
    ADD FOREIGN KEY (created_by) REFERENCES sales.users (user_id),
    ADD FOREIGN KEY (approved_by) REFERENCES sales.users (user_id),
    ADD CHECK (status IN ('draft', 'pending', 'active', 'paused', 'completed', 'cancelled')),
    ADD CHECK (end_date >= start_date),
    ADD CHECK (budget >= 0 AND spent BETWEEN 0 AND budget),
    ADD CHECK (approved_at < start_date);
ALTER TABLE sales.api_call_logs ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id);
ALTER TABLE sales.campaign_objectives ADD PRIMARY KEY (objective_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id),
    ADD CHECK (target_value > 0);
ALTER TABLE sales.campaign_schedule ADD PRIMARY KEY (schedule_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id),
    ADD FOREIGN KEY (assigned_to) REFERENCES sales.users (user_id),
    ADD CHECK (task_type IN ('content_review', 'approval', 'publish', 'report')),
    ADD CHECK (status IN ('pending', 'in_progress', 'completed', 'failed', 'cancelled'));
ALTER TABLE sales.campaign_approvals ADD PRIMARY KEY (approval_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id),
    ADD FOREIGN KEY (requested_by) REFERENCES sales.users (user_id),
    ADD FOREIGN KEY (approved_by) REFERENCES sales.users (user_id),
    ADD CHECK (resolved_at >= requested_at),
    ADD CHECK (status IN ('pending', 'approved', 'rejected'));
ALTER TABLE sales.campaign_budget_transactions ADD PRIMARY KEY (budget_tx_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id),
    ADD FOREIGN KEY (created_by) REFERENCES sales.users (user_id),
    ADD CHECK (amount >= 0 AND balance_after >= 0),
    ADD CHECK (transaction_type IN ('deposit', 'spent', 'refund', 'adjustment'));

-- Module 5: targeting
ALTER TABLE sales.population_features ADD PRIMARY KEY (feature_id), ADD UNIQUE (feature_name);
ALTER TABLE sales.population_feature_values ADD PRIMARY KEY (value_id),
    ADD FOREIGN KEY (feature_id) REFERENCES sales.population_features (feature_id),
    ADD UNIQUE (value_id, feature_id),
    ADD CHECK (value_type IN ('exact', 'range', 'list'));
ALTER TABLE sales.targets ADD PRIMARY KEY (target_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id);
ALTER TABLE sales.target_configuration ADD PRIMARY KEY (config_id),
    ADD FOREIGN KEY (target_id) REFERENCES sales.targets (target_id),
    -- The value must belong to the feature the filter names.
    ADD FOREIGN KEY (feature_value_id, feature_id) REFERENCES sales.population_feature_values (value_id, feature_id);

-- Module 6: ETL summaries (filled by the ETL)
ALTER TABLE sales.content_summary ADD PRIMARY KEY (summary_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id),
    ADD UNIQUE (campaign_id, summary_date, content_type);
ALTER TABLE sales.ads_summary ADD PRIMARY KEY (summary_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id),
    ADD UNIQUE (campaign_id, summary_date, channel),
    ADD CHECK (spent >= 0);
ALTER TABLE sales.crm_summary ADD PRIMARY KEY (summary_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id),
    ADD UNIQUE (campaign_id, summary_date),
    ADD CHECK (revenue_generated >= 0);
ALTER TABLE sales.campaign_performance ADD PRIMARY KEY (campaign_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id);

-- Module 7: payments
ALTER TABLE sales.payment_methods ADD PRIMARY KEY (payment_method_id),
    ADD FOREIGN KEY (user_id) REFERENCES sales.users (user_id),
    ADD FOREIGN KEY (provider_id) REFERENCES sales.providers (provider_id),
    ADD CHECK (last_four IS NULL OR last_four ~ '^[0-9]{4}$');
ALTER TABLE sales.transactions ADD PRIMARY KEY (transaction_id),
    ADD FOREIGN KEY (user_id) REFERENCES sales.users (user_id),
    ADD FOREIGN KEY (subscription_id) REFERENCES sales.subscriptions (subscription_id),
    ADD FOREIGN KEY (campaign_id) REFERENCES sales.campaigns (campaign_id),
    ADD FOREIGN KEY (payment_method_id) REFERENCES sales.payment_methods (payment_method_id),
    ADD CHECK (amount >= 0),
    ADD CHECK (transaction_type IN ('subscription', 'campaign_budget', 'refund', 'adjustment')),
    ADD CHECK (status IN ('pending', 'completed', 'failed', 'refunded'));

-- Module 8: ETL control and audit
ALTER TABLE sales.etl_watermarks ADD PRIMARY KEY (watermark_id), ADD UNIQUE (source_system);
ALTER TABLE sales.etl_execution_logs ADD PRIMARY KEY (execution_id),
    ADD CHECK (status IN ('running', 'success', 'failed', 'partial'));
ALTER TABLE sales.system_logs ADD PRIMARY KEY (log_id),
    ADD FOREIGN KEY (user_id) REFERENCES sales.users (user_id),
    ADD CHECK (severity IN ('info', 'warning', 'error', 'critical'));

-- Portal queries: a customer's campaigns, the agenda, the ledger, payments, the audit trail.
CREATE INDEX ON sales.campaigns (customer_id);
CREATE INDEX ON sales.campaigns (status, start_date);
CREATE INDEX ON sales.campaign_schedule (status, scheduled_at);
CREATE INDEX ON sales.campaign_budget_transactions (campaign_id, created_at);
CREATE INDEX ON sales.transactions (user_id, processed_at);
CREATE INDEX ON sales.transactions (campaign_id);
CREATE INDEX ON sales.api_call_logs (provider_id, called_at);
CREATE INDEX ON sales.api_call_logs (campaign_id);
CREATE INDEX ON sales.system_logs (user_id, created_at);
CREATE INDEX ON sales.user_sessions (user_id, login_at);
