//! Arrow layouts of the PromptSales portal tables.

use crate::columns;
use crate::gen::sales::ads_summary::AdsSummary;
use crate::gen::sales::api_call_logs::ApiCallLogs;
use crate::gen::sales::campaign_approvals::CampaignApprovals;
use crate::gen::sales::campaign_budget_transactions::CampaignBudgetTransactions;
use crate::gen::sales::campaign_objectives::CampaignObjectives;
use crate::gen::sales::campaign_performance::CampaignPerformance;
use crate::gen::sales::campaign_schedule::CampaignSchedule;
use crate::gen::sales::campaigns::SalesCampaigns;
use crate::gen::sales::content_summary::ContentSummary;
use crate::gen::sales::crm_summary::CrmSummary;
use crate::gen::sales::etl_execution_logs::EtlExecutionLogs;
use crate::gen::sales::etl_watermarks::EtlWatermarks;
use crate::gen::sales::payment_methods::PaymentMethods;
use crate::gen::sales::plan_features::PlanFeatures;
use crate::gen::sales::plans::Plans;
use crate::gen::sales::population_feature_values::PopulationFeatureValues;
use crate::gen::sales::population_features::PopulationFeatures;
use crate::gen::sales::provider_apis::ProviderApis;
use crate::gen::sales::provider_credentials::ProviderCredentials;
use crate::gen::sales::provider_types::ProviderTypes;
use crate::gen::sales::providers::Providers;
use crate::gen::sales::subscription_usage::SubscriptionUsage;
use crate::gen::sales::subscriptions::Subscriptions;
use crate::gen::sales::system_logs::SystemLogs;
use crate::gen::sales::target_configuration::TargetConfiguration;
use crate::gen::sales::targets::Targets;
use crate::gen::sales::transactions::Transactions;
use crate::gen::sales::user_permissions::UserPermissions;
use crate::gen::sales::user_sessions::UserSessions;
use crate::gen::sales::users::Users;

columns!(UsersBatch for Users {
    user_id: I64, email: Str, name: Str, phone: Str, password_hash: Str, user_type: Dict, brand_id: OptI64,
    timezone: Dict, is_active: Bool, created_at: Timestamp, updated_at: Timestamp,
});
columns!(UserSessionsBatch for UserSessions {
    session_id: I64, user_id: I64, oauth_provider: OptDict, mfa_enabled: Bool, login_at: Timestamp, expires_at: Timestamp,
    ip_address: Str, user_agent: Dict, device_type: Dict,
});
columns!(UserPermissionsBatch for UserPermissions {
    permission_id: I64, user_id: I64, subsystem: Dict, role: Dict, granted_at: Timestamp, granted_by: OptI64, revoked_at: OptTimestamp,
});
columns!(PlansBatch for Plans {
    plan_id: I64, name: Str, description: Str, subsystem: Dict, billing_cycle: Dict, price: Money, currency: Dict,
    is_active: Bool, trial_days: I32, max_users: OptI64, created_at: Timestamp,
});
columns!(PlanFeaturesBatch for PlanFeatures {
    feature_id: I64, plan_id: I64, feature_name: Dict, feature_value: Str, feature_type: Dict, unit: Dict, sort_order: I32,
});
columns!(SubscriptionsBatch for Subscriptions {
    subscription_id: I64, user_id: I64, plan_id: I64, status: Dict, start_date: Date, end_date: Date, auto_renew: Bool,
    cancelled_at: OptTimestamp, amount_paid: Money, created_at: Timestamp,
});
columns!(SubscriptionUsageBatch for SubscriptionUsage {
    usage_id: I64, subscription_id: I64, feature_id: I64, current_usage: I64, usage_limit: I64, last_reset: Date, updated_at: Timestamp,
});
columns!(ProviderTypesBatch for ProviderTypes { provider_type_id: I64, type_name: Str, description: Str });
columns!(ProvidersBatch for Providers {
    provider_id: I64, name: Str, provider_type_id: I64, is_active: Bool, website_url: Str, documentation_url: Str, created_at: Timestamp,
});
columns!(ProviderApisBatch for ProviderApis {
    api_id: I64, provider_id: I64, endpoint_name: Str, endpoint_url: Str, http_method: Dict, auth_method: Dict,
    config_json: Str, rate_limit_per_minute: I32, timeout_ms: I32,
});
columns!(ProviderCredentialsBatch for ProviderCredentials {
    credential_id: I64, provider_id: I64, user_id: OptI64, api_key_encrypted: Str, expires_at: Timestamp,
    last_used_at: Timestamp, is_active: Bool, created_at: Timestamp,
});
columns!(ApiCallLogsBatch for ApiCallLogs {
    call_id: I64, provider_id: I64, api_id: I64, user_id: I64, campaign_id: I64, endpoint: Dict, request_method: Dict,
    response_status: I32, duration_ms: I32, from_cache: Bool, called_at: Timestamp,
});
columns!(SalesCampaignsBatch for SalesCampaigns {
    campaign_id: I64, brand_id: I64, customer_id: I64, created_by: I64, name: Str, objective: Dict, status: Dict,
    start_date: Date, end_date: Date, budget: Money, spent: Money, currency: Dict, industry: Dict, approved_by: I64,
    approved_at: Timestamp, created_at: Timestamp,
});
columns!(CampaignObjectivesBatch for CampaignObjectives {
    objective_id: I64, campaign_id: I64, objective_type: Dict, target_metric: Dict, target_value: I64, unit: Dict, created_at: Timestamp,
});
columns!(CampaignScheduleBatch for CampaignSchedule {
    schedule_id: I64, campaign_id: I64, task_description: Dict, task_type: Dict, scheduled_at: Timestamp, status: Dict,
    reminder_sent: Bool, reminder_sent_at: OptTimestamp, completed_at: OptTimestamp, assigned_to: I64,
});
columns!(CampaignApprovalsBatch for CampaignApprovals {
    approval_id: I64, campaign_id: I64, requested_by: I64, approved_by: I64, approval_type: Dict, status: Dict,
    comments: Dict, requested_at: Timestamp, resolved_at: Timestamp,
});
columns!(CampaignBudgetTransactionsBatch for CampaignBudgetTransactions {
    budget_tx_id: I64, campaign_id: I64, amount: Money, transaction_type: Dict, description: Dict, created_by: I64,
    created_at: Timestamp, balance_after: Money, source_system: Dict,
});
columns!(TargetsBatch for Targets {
    target_id: I64, campaign_id: I64, market_id: I64, name: Str, is_enabled: Bool, estimated_reach: I64, created_at: Timestamp,
});
columns!(TargetConfigurationBatch for TargetConfiguration {
    config_id: I64, target_id: I64, feature_id: I64, feature_value_id: I64, created_at: Timestamp,
});
columns!(PopulationFeaturesBatch for PopulationFeatures {
    feature_id: I64, feature_name: Str, feature_category: Dict, data_type: Dict, is_active: Bool, sort_order: I32,
});
columns!(PopulationFeatureValuesBatch for PopulationFeatureValues {
    value_id: I64, feature_id: I64, value_type: Dict, min_value: OptI64, max_value: OptI64, exact_value: OptStr, display_name: Str,
});
columns!(PaymentMethodsBatch for PaymentMethods {
    payment_method_id: I64, user_id: I64, provider_id: I64, method_type: Dict, card_brand: OptDict, last_four: OptStr,
    expires_at: Date, is_default: Bool, is_active: Bool, country: Dict, created_at: Timestamp,
});
columns!(TransactionsBatch for Transactions {
    transaction_id: I64, user_id: I64, subscription_id: OptI64, campaign_id: OptI64, amount: Money, currency: Dict,
    transaction_type: Dict, status: Dict, payment_method_id: I64, processed_at: Timestamp, failure_reason: OptDict,
});
columns!(EtlWatermarksBatch for EtlWatermarks {
    watermark_id: I64, source_system: Str, last_updated_at: Timestamp, next_run_at: Timestamp, etl_status: Dict, records_processed: I64,
});
columns!(EtlExecutionLogsBatch for EtlExecutionLogs {
    execution_id: I64, etl_name: Dict, status: Dict, records_processed: I64, records_failed: I64, started_at: Timestamp,
    completed_at: Timestamp, error_message: OptDict,
});
columns!(SystemLogsBatch for SystemLogs {
    log_id: I64, user_id: I64, event_type: Dict, severity: Dict, description: Dict, ip_address: Str, created_at: Timestamp,
});
columns!(ContentSummaryBatch for ContentSummary {
    summary_id: I64, campaign_id: I64, summary_date: Date, content_type: Dict, total_pieces: I64, approved_pieces: I64,
    rejected_pieces: I64, pending_review: I64, etl_processed_at: Timestamp,
});
columns!(AdsSummaryBatch for AdsSummary {
    summary_id: I64, campaign_id: I64, summary_date: Date, channel: Dict, impressions: I64, clicks: I64, spent: Money,
    reach: I64, engagement: I64, conversions: I64, etl_processed_at: Timestamp,
});
columns!(CrmSummaryBatch for CrmSummary {
    summary_id: I64, campaign_id: I64, summary_date: Date, leads_total: I64, leads_qualified: I64, customers_converted: I64,
    revenue_generated: Money, etl_processed_at: Timestamp,
});
columns!(CampaignPerformanceBatch for CampaignPerformance {
    campaign_id: I64, campaign_name: Str, campaign_status: Dict, budget_total: Money, budget_spent: Money, total_impressions: I64,
    total_clicks: I64, total_leads: I64, total_customers: I64, total_revenue: Money, last_updated: Timestamp,
});
