//! Arrow layouts of the PromptContent collections. `content.images` is fully typed for analytics
//! and vector loaders (hashtags and campaign ids as lists, the embedding as
//! `FixedSizeList<Float32>` of the configured dimension); the other collections, which are
//! nested documents, keep their `_id` and the document as canonical Extended JSON text.

use std::marker::PhantomData;
use std::sync::Arc;

use arrow::array::{
    ArrayRef, Date32Builder, FixedSizeListBuilder, Float32Builder, Int64Builder, ListBuilder,
    StringBuilder,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;

use crate::columnar::{BatchBuilder, Column, Dict, Str, Timestamp, I32, I64};
use crate::config::DEFAULT_EMBEDDING_DIMS;
use crate::gen::content::images::{image_oid_hex, ImageRow, Images};
use crate::gen::content::{oid_hex, DocGen};
use crate::gen::TableGen;
use crate::world::World;

/// Schema of `content.images` for an embedding dimension.
pub fn images_schema(dims: u32) -> SchemaRef {
    let item = |dt: DataType| Arc::new(Field::new("item", dt, true));
    let f = |name: &str, dt: DataType| Field::new(name, dt, false);
    Arc::new(Schema::new(vec![
        f("image_id", I64::data_type()),
        f("_id", Str::data_type()),
        f("description", Str::data_type()),
        f("hashtags", DataType::List(item(DataType::Utf8))),
        f("category", Dict::data_type()),
        f("url", Str::data_type()),
        f("thumbnail_url", Str::data_type()),
        f("width", I32::data_type()),
        f("height", I32::data_type()),
        f("file_format", Dict::data_type()),
        f("file_bytes", I64::data_type()),
        f("dominant_colors", DataType::List(item(DataType::Utf8))),
        f("license", Dict::data_type()),
        Field::new("license_expires_on", DataType::Date32, true),
        f("approval_status", Dict::data_type()),
        f("version", I32::data_type()),
        f("campaign_ids", DataType::List(item(DataType::Int64))),
        f(
            "embedding",
            DataType::FixedSizeList(item(DataType::Float32), dims as i32),
        ),
        f("vector_id", Str::data_type()),
        f("created_at", Timestamp::data_type()),
        f("updated_at", Timestamp::data_type()),
    ]))
}

/// Arrow builder for [`Images`] rows.
#[derive(Debug)]
pub struct ImagesBatch {
    dims: u32,
    image_id: I64,
    oid: Str,
    description: Str,
    hashtags: ListBuilder<StringBuilder>,
    category: Dict,
    url: Str,
    thumbnail_url: Str,
    width: I32,
    height: I32,
    file_format: Dict,
    file_bytes: I64,
    dominant_colors: ListBuilder<StringBuilder>,
    license: Dict,
    license_expires_on: Date32Builder,
    approval_status: Dict,
    version: I32,
    campaign_ids: ListBuilder<Int64Builder>,
    embedding: FixedSizeListBuilder<Float32Builder>,
    vector_id: Str,
    created_at: Timestamp,
    updated_at: Timestamp,
    len: usize,
}

impl ImagesBatch {
    fn new(dims: u32, c: usize) -> Self {
        ImagesBatch {
            dims,
            image_id: I64::with_capacity(c),
            oid: Str::with_capacity(c),
            description: Str::with_capacity(c),
            hashtags: ListBuilder::new(StringBuilder::new()),
            category: Dict::with_capacity(c),
            url: Str::with_capacity(c),
            thumbnail_url: Str::with_capacity(c),
            width: I32::with_capacity(c),
            height: I32::with_capacity(c),
            file_format: Dict::with_capacity(c),
            file_bytes: I64::with_capacity(c),
            dominant_colors: ListBuilder::new(StringBuilder::new()),
            license: Dict::with_capacity(c),
            license_expires_on: Date32Builder::with_capacity(c),
            approval_status: Dict::with_capacity(c),
            version: I32::with_capacity(c),
            campaign_ids: ListBuilder::new(Int64Builder::new()),
            embedding: FixedSizeListBuilder::with_capacity(
                Float32Builder::with_capacity(c * dims as usize),
                dims as i32,
                c,
            ),
            vector_id: Str::with_capacity(c),
            created_at: Timestamp::with_capacity(c),
            updated_at: Timestamp::with_capacity(c),
            len: 0,
        }
    }
}

impl BatchBuilder for ImagesBatch {
    type Gen = Images;

    /// The schema at the default dimension; [`BatchBuilder::schema_for`] gives the configured one.
    fn schema() -> SchemaRef {
        images_schema(DEFAULT_EMBEDDING_DIMS)
    }

    fn schema_for(world: &World) -> SchemaRef {
        images_schema(world.config.embedding_dims)
    }

    fn with_capacity(capacity: usize) -> Self {
        ImagesBatch::new(DEFAULT_EMBEDDING_DIMS, capacity)
    }

    fn for_world(world: &World, capacity: usize) -> Self {
        ImagesBatch::new(world.config.embedding_dims, capacity)
    }

    fn push(&mut self, r: &ImageRow<'_>) {
        self.image_id.push(r.image_id);
        self.oid.push(&image_oid_hex(r));
        self.description.push(r.description);
        for t in r.hashtags {
            self.hashtags.values().append_value(t);
        }
        self.hashtags.append(true);
        self.category.push(r.category);
        self.url.push(r.url);
        self.thumbnail_url.push(r.thumbnail_url);
        self.width.push(r.width);
        self.height.push(r.height);
        self.file_format.push(r.file_format);
        self.file_bytes.push(r.file_bytes);
        for c in r.dominant_colors {
            self.dominant_colors.values().append_value(c);
        }
        self.dominant_colors.append(true);
        self.license.push(r.license);
        self.license_expires_on.append_option(r.license_expires_on);
        self.approval_status.push(r.approval_status);
        self.version.push(r.version);
        for &c in r.campaign_ids {
            self.campaign_ids.values().append_value(c);
        }
        self.campaign_ids.append(true);
        // The row's embedding has the world's dimension; pad or cut defensively so the list
        // stays fixed-size even if a caller mixes worlds.
        let dims = self.dims as usize;
        for i in 0..dims {
            self.embedding
                .values()
                .append_value(r.embedding.get(i).copied().unwrap_or(0.0));
        }
        self.embedding.append(true);
        self.vector_id.push(r.vector_id);
        self.created_at.push(r.created_at);
        self.updated_at.push(r.updated_at);
        self.len += 1;
    }

    fn len(&self) -> usize {
        self.len
    }

    fn finish(&mut self) -> arrow::error::Result<RecordBatch> {
        self.len = 0;
        let columns: Vec<ArrayRef> = vec![
            self.image_id.finish(),
            self.oid.finish(),
            self.description.finish(),
            Arc::new(self.hashtags.finish()),
            self.category.finish(),
            self.url.finish(),
            self.thumbnail_url.finish(),
            self.width.finish(),
            self.height.finish(),
            self.file_format.finish(),
            self.file_bytes.finish(),
            Arc::new(self.dominant_colors.finish()),
            self.license.finish(),
            Arc::new(self.license_expires_on.finish()),
            self.approval_status.finish(),
            self.version.finish(),
            Arc::new(self.campaign_ids.finish()),
            Arc::new(self.embedding.finish()),
            self.vector_id.finish(),
            self.created_at.finish(),
            self.updated_at.finish(),
        ];
        RecordBatch::try_new(images_schema(self.dims), columns)
    }
}

/// Arrow layout of a document collection: `_id` (hex) and the document as canonical Extended
/// JSON.
pub struct DocBatch<G> {
    oid: StringBuilder,
    document: StringBuilder,
    len: usize,
    _gen: PhantomData<fn() -> G>,
}

impl<G> std::fmt::Debug for DocBatch<G> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocBatch").field("len", &self.len).finish()
    }
}

impl<G: DocGen + 'static> BatchBuilder for DocBatch<G> {
    type Gen = G;

    fn schema() -> SchemaRef {
        Arc::new(Schema::new(vec![
            Field::new("_id", DataType::Utf8, false),
            Field::new("document", DataType::Utf8, false),
        ]))
    }

    fn with_capacity(capacity: usize) -> Self {
        DocBatch {
            oid: StringBuilder::with_capacity(capacity, capacity * 24),
            document: StringBuilder::with_capacity(capacity, capacity * 512),
            len: 0,
            _gen: PhantomData,
        }
    }

    fn push(&mut self, row: &<G as TableGen>::Row<'_>) {
        let d = G::document(row);
        match d.get("_id") {
            Some(crate::doc::Value::Oid(o)) => self.oid.append_value(oid_hex(o)),
            _ => self.oid.append_value(""),
        }
        self.document.append_value(d.to_canonical_json());
        self.len += 1;
    }

    fn len(&self) -> usize {
        self.len
    }

    fn finish(&mut self) -> arrow::error::Result<RecordBatch> {
        self.len = 0;
        RecordBatch::try_new(
            Self::schema(),
            vec![
                Arc::new(self.oid.finish()) as ArrayRef,
                Arc::new(self.document.finish()),
            ],
        )
    }
}

/// `content.services` layout.
pub type ServicesBatch = DocBatch<crate::gen::content::services::Services>;
/// `content.credentials` layout.
pub type CredentialsBatch = DocBatch<crate::gen::content::credentials::Credentials>;
/// `content.request_log` layout.
pub type RequestLogBatch = DocBatch<crate::gen::content::request_log::RequestLog>;
/// `content.campaign_logs` layout.
pub type CampaignLogsBatch = DocBatch<crate::gen::content::campaign_logs::CampaignLogs>;
/// `content.mcp_servers` layout.
pub type McpServersBatch = DocBatch<crate::gen::content::mcp_servers::McpServers>;
