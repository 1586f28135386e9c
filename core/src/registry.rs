//! The one table registry. The CLI, the Python module, the loaders, `verify` and the tests walk
//! [`TABLES`]; nobody keeps a second list. Adding a table is one generator module, one
//! `columns!` line and one line here.

use std::ops::Range;

use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;
use rayon::prelude::*;

use crate::columnar::ads::*;
use crate::columnar::content::*;
use crate::columnar::crm::*;
use crate::columnar::sales::*;
use crate::columnar::BatchBuilder;
use crate::config::{Format, Store};
use crate::doc::Document;
use crate::error::{Error, Result};
use crate::gen::content::{DocGen, Index};
use crate::gen::TableGen;
use crate::world::World;

/// Formats of a relational table.
const TABULAR: &[Format] = &[Format::Parquet, Format::Csv];
/// Formats of a document collection whose Arrow layout has lists (no CSV).
const NESTED: &[Format] = &[Format::Parquet, Format::Bson, Format::Jsonl];
/// Formats of a document collection stored as `_id` + Extended JSON text in Arrow.
const DOCUMENTS: &[Format] = &[Format::Parquet, Format::Csv, Format::Bson, Format::Jsonl];

/// Emits the documents of a range of units.
pub type DocumentsFn = fn(&World, Range<u64>, &mut dyn FnMut(Document));

/// One table: where it lives, how it is partitioned and how to build its batches.
#[derive(Debug, Clone, Copy)]
pub struct TableDef {
    /// Store.
    pub store: Store,
    /// Table name within the store.
    pub name: &'static str,
    /// What a partition unit is (campaign, client, brand, catalog row…).
    pub unit: &'static str,
    /// How the row count follows from the scale (documentation for `promptsales tables`).
    pub sizing: &'static str,
    /// Formats the table can be written in.
    pub formats: &'static [Format],
    /// MongoDB indexes besides `_id_` (document collections only).
    pub indexes: &'static [Index],
    schema: fn() -> SchemaRef,
    schema_for: fn(&World) -> SchemaRef,
    documents: Option<DocumentsFn>,
    units: fn(&World) -> u64,
    unit_rows: fn(&World, u64) -> u64,
    batch: fn(&World, Range<u64>, usize) -> Result<RecordBatch>,
    count: fn(&World, Range<u64>) -> u64,
}

fn batch_of<B: BatchBuilder>(
    world: &World,
    units: Range<u64>,
    capacity: usize,
) -> Result<RecordBatch> {
    let mut b = B::for_world(world, capacity);
    B::Gen::generate(world, units, |row| b.push(row));
    Ok(b.finish()?)
}

fn documents_of<G: DocGen>(world: &World, units: Range<u64>, emit: &mut dyn FnMut(Document)) {
    G::generate(world, units, |row| emit(G::document(row)));
}

fn count_of<G: TableGen>(world: &World, units: Range<u64>) -> u64 {
    let mut n = 0;
    G::generate(world, units, |_| n += 1);
    n
}

macro_rules! table {
    ($store:ident, $name:literal, $unit:literal, $sizing:literal, $batch:ty) => {
        TableDef {
            store: Store::$store,
            name: $name,
            unit: $unit,
            sizing: $sizing,
            formats: TABULAR,
            indexes: &[],
            schema: <$batch as BatchBuilder>::schema,
            schema_for: <$batch as BatchBuilder>::schema_for,
            documents: None,
            units: <<$batch as BatchBuilder>::Gen as TableGen>::units,
            unit_rows: <<$batch as BatchBuilder>::Gen as TableGen>::unit_rows,
            batch: batch_of::<$batch>,
            count: count_of::<<$batch as BatchBuilder>::Gen>,
        }
    };
}

macro_rules! collection {
    ($name:literal, $unit:literal, $sizing:literal, $batch:ty, $formats:expr) => {
        TableDef {
            store: Store::Content,
            name: $name,
            unit: $unit,
            sizing: $sizing,
            formats: $formats,
            indexes: <<$batch as BatchBuilder>::Gen as DocGen>::INDEXES,
            schema: <$batch as BatchBuilder>::schema,
            schema_for: <$batch as BatchBuilder>::schema_for,
            documents: Some(documents_of::<<$batch as BatchBuilder>::Gen>),
            units: <<$batch as BatchBuilder>::Gen as TableGen>::units,
            unit_rows: <<$batch as BatchBuilder>::Gen as TableGen>::unit_rows,
            batch: batch_of::<$batch>,
            count: count_of::<<$batch as BatchBuilder>::Gen>,
        }
    };
}

/// Every table, in output order (parents before children).
pub static TABLES: &[TableDef] = &[
    table!(Ads, "brands", "brand", "max(8, round(150·S))", BrandsBatch),
    table!(Ads, "products", "brand", "3–5 per brand", ProductsBatch),
    table!(Ads, "channels", "row", "12 (fixed catalog)", ChannelsBatch),
    table!(Ads, "markets", "row", "31 (fixed catalog)", MarketsBatch),
    table!(
        Ads,
        "campaigns",
        "campaign",
        "round(1000·S)",
        CampaignsBatch
    ),
    table!(
        Ads,
        "campaign_channels",
        "campaign",
        "1–4 per campaign",
        CampaignChannelsBatch
    ),
    table!(
        Ads,
        "campaign_markets",
        "campaign",
        "1–3 per campaign",
        CampaignMarketsBatch
    ),
    table!(
        Ads,
        "influencers",
        "influencer",
        "max(24, round(2000·S))",
        InfluencersBatch
    ),
    table!(Ads, "ads", "campaign", "1–4 per campaign", AdsBatch),
    table!(
        Ads,
        "placements",
        "campaign",
        "ads × channels × markets per campaign",
        PlacementsBatch
    ),
    table!(
        Ads,
        "daily_results",
        "campaign",
        "placements × days run",
        DailyResultsBatch
    ),
    table!(
        Ads,
        "sentiment_daily",
        "campaign",
        "3 per listened placement-day",
        SentimentDailyBatch
    ),
    table!(
        Ads,
        "sentiment_incidents",
        "campaign",
        "≈5% of ads on listened channels",
        SentimentIncidentsBatch
    ),
    table!(Crm, "clients", "client", "round(500000·S)", ClientsBatch),
    table!(
        Crm,
        "client_campaigns",
        "campaign",
        "400–1000 per campaign",
        ClientCampaignsBatch
    ),
    table!(
        Crm,
        "interactions",
        "campaign",
        "1–4 per link",
        InteractionsBatch
    ),
    table!(
        Crm,
        "sales",
        "campaign",
        "won links that closed by the as-of date",
        SalesBatch
    ),
    table!(
        Sales,
        "users",
        "user",
        "admins max(2, round(10·S)) + staff max(10, round(360·S)) + one customer per brand",
        UsersBatch
    ),
    table!(
        Sales,
        "user_sessions",
        "user",
        "1–15 per user",
        UserSessionsBatch
    ),
    table!(
        Sales,
        "user_permissions",
        "user",
        "1–4 per user (by user type)",
        UserPermissionsBatch
    ),
    table!(
        Sales,
        "plans",
        "row",
        "22 (fixed catalog: 11 tiers × monthly/annual)",
        PlansBatch
    ),
    table!(
        Sales,
        "plan_features",
        "plan",
        "3 per plan",
        PlanFeaturesBatch
    ),
    table!(
        Sales,
        "subscriptions",
        "brand",
        "1–2 per customer (brand)",
        SubscriptionsBatch
    ),
    table!(
        Sales,
        "subscription_usage",
        "brand",
        "3 per subscription",
        SubscriptionUsageBatch
    ),
    table!(
        Sales,
        "provider_types",
        "row",
        "6 (fixed catalog)",
        ProviderTypesBatch
    ),
    table!(
        Sales,
        "providers",
        "row",
        "12 (fixed catalog)",
        ProvidersBatch
    ),
    table!(
        Sales,
        "provider_apis",
        "provider",
        "2 per provider",
        ProviderApisBatch
    ),
    table!(
        Sales,
        "provider_credentials",
        "provider",
        "1 placeholder per provider",
        ProviderCredentialsBatch
    ),
    table!(
        Sales,
        "api_call_logs",
        "campaign",
        "10 + run days / 4 per campaign",
        ApiCallLogsBatch
    ),
    table!(
        Sales,
        "campaigns",
        "campaign",
        "round(1000·S) (mirror of ads.campaigns)",
        SalesCampaignsBatch
    ),
    table!(
        Sales,
        "campaign_objectives",
        "campaign",
        "2 per campaign",
        CampaignObjectivesBatch
    ),
    table!(
        Sales,
        "campaign_schedule",
        "campaign",
        "3 + weekly reports per campaign",
        CampaignScheduleBatch
    ),
    table!(
        Sales,
        "campaign_approvals",
        "campaign",
        "4–5 per campaign",
        CampaignApprovalsBatch
    ),
    table!(
        Sales,
        "campaign_budget_transactions",
        "campaign",
        "deposit + one per month run (+ refund)",
        CampaignBudgetTransactionsBatch
    ),
    table!(
        Sales,
        "targets",
        "campaign",
        "1 per campaign market",
        TargetsBatch
    ),
    table!(
        Sales,
        "target_configuration",
        "campaign",
        "5 per target",
        TargetConfigurationBatch
    ),
    table!(
        Sales,
        "population_features",
        "row",
        "8 (fixed catalog)",
        PopulationFeaturesBatch
    ),
    table!(
        Sales,
        "population_feature_values",
        "row",
        "fixed catalog (countries, cities, bands, interests)",
        PopulationFeatureValuesBatch
    ),
    table!(
        Sales,
        "payment_methods",
        "brand",
        "1–2 per customer (brand)",
        PaymentMethodsBatch
    ),
    table!(
        Sales,
        "transactions",
        "brand",
        "subscription charges + campaign budgets and refunds",
        TransactionsBatch
    ),
    table!(
        Sales,
        "etl_watermarks",
        "row",
        "3 (one per source store)",
        EtlWatermarksBatch
    ),
    table!(
        Sales,
        "etl_execution_logs",
        "run",
        "90 days × 3 jobs",
        EtlExecutionLogsBatch
    ),
    table!(
        Sales,
        "system_logs",
        "user",
        "2–8 per user",
        SystemLogsBatch
    ),
    table!(
        Sales,
        "content_summary",
        "row",
        "0 (filled by the ETL)",
        ContentSummaryBatch
    ),
    table!(
        Sales,
        "ads_summary",
        "row",
        "0 (filled by the ETL)",
        AdsSummaryBatch
    ),
    table!(
        Sales,
        "crm_summary",
        "row",
        "0 (filled by the ETL)",
        CrmSummaryBatch
    ),
    table!(
        Sales,
        "campaign_performance",
        "row",
        "0 (filled by the ETL)",
        CampaignPerformanceBatch
    ),
    collection!(
        "images",
        "image",
        "max(100, round(100·S))",
        ImagesBatch,
        NESTED
    ),
    collection!(
        "services",
        "row",
        "4 (fixed catalog)",
        ServicesBatch,
        DOCUMENTS
    ),
    collection!(
        "credentials",
        "row",
        "one per service credential (8)",
        CredentialsBatch,
        DOCUMENTS
    ),
    collection!(
        "request_log",
        "campaign",
        "8–11 calls per campaign, plus retries",
        RequestLogBatch,
        DOCUMENTS
    ),
    collection!(
        "campaign_logs",
        "campaign",
        "one per campaign",
        CampaignLogsBatch,
        DOCUMENTS
    ),
    collection!("mcp_servers", "row", "1", McpServersBatch, DOCUMENTS),
];

impl TableDef {
    /// `store.table`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.store.name(), self.name)
    }

    /// Arrow schema.
    pub fn schema(&self) -> SchemaRef {
        (self.schema)()
    }

    /// Arrow schema for this world's configuration (the embedding dimension of
    /// `content.images`).
    pub fn schema_for(&self, world: &World) -> SchemaRef {
        (self.schema_for)(world)
    }

    /// Whether the table can be written as `format`.
    pub fn supports(&self, format: Format) -> bool {
        self.formats.contains(&format)
    }

    /// Whether the table is a document collection (BSON / JSONL).
    pub fn is_collection(&self) -> bool {
        self.documents.is_some()
    }

    /// The documents of `units`, in order (document collections only; empty otherwise).
    pub fn documents(&self, world: &World, units: Range<u64>) -> Vec<Document> {
        let mut out = Vec::new();
        if let Some(f) = self.documents {
            f(world, units, &mut |d| out.push(d));
        }
        out
    }

    /// Partition units at this world's scale.
    pub fn units(&self, world: &World) -> u64 {
        (self.units)(world)
    }

    /// The batch of rows of `units` (in order).
    pub fn batch(&self, world: &World, units: Range<u64>) -> Result<RecordBatch> {
        let estimate: u64 = if units.end - units.start <= 4096 {
            units.clone().map(|u| (self.unit_rows)(world, u)).sum()
        } else {
            units.end - units.start
        };
        (self.batch)(world, units, estimate.min(1 << 22) as usize)
    }

    /// Exact row count of `units` (generates them; parallel).
    pub fn count(&self, world: &World, units: Range<u64>) -> u64 {
        self.chunks(world, units, 1 << 16)
            .par_iter()
            .map(|r| (self.count)(world, r.clone()))
            .sum()
    }

    /// Splits `units` into consecutive chunks of about `target_rows` rows (at least one unit
    /// each). The split depends only on the world and the range, never on threads.
    pub fn chunks(&self, world: &World, units: Range<u64>, target_rows: u64) -> Vec<Range<u64>> {
        let mut out = Vec::new();
        let mut start = units.start;
        let mut rows = 0;
        for u in units.clone() {
            rows += (self.unit_rows)(world, u);
            if rows >= target_rows {
                out.push(start..u + 1);
                start = u + 1;
                rows = 0;
            }
        }
        if start < units.end || out.is_empty() {
            out.push(start..units.end);
        }
        out
    }
}

/// The table called `store.table`.
pub fn table(name: &str) -> Result<&'static TableDef> {
    TABLES
        .iter()
        .find(|t| t.qualified_name() == name)
        .ok_or_else(|| Error::UnknownTable(name.to_string()))
}

/// The tables of the given stores, in registry order.
pub fn tables_of(stores: &[Store]) -> impl Iterator<Item = &'static TableDef> + '_ {
    TABLES.iter().filter(move |t| stores.contains(&t.store))
}
