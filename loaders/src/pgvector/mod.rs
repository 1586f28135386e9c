//! pgvector loader: `content.images` in PostgreSQL with a `vector(D)` column, filled with
//! binary `COPY` (pgvector's binary input: `int16 dim, int16 0, dim × float4`, big-endian —
//! pgvector `src/vector.c`, `vector_recv`), then an HNSW index with cosine distance
//! (`vector_cosine_ops`) built after the data, as pgvector's README recommends for bulk loads.
//!
//! The `url` column (last, added after the others so existing column positions hold) lets the
//! MCP server's live `getContent` answer from this table in one round trip.
//!
//! Nearest neighbours of a query vector `q` (the embedder of `promptsales_core` produces it):
//! `SELECT image_id FROM content.images ORDER BY embedding <=> $1::vector LIMIT 5`.

use std::io::Write;
use std::time::Instant;

use pg::Client;
use promptsales_core::doc::{Document, Value};
use promptsales_core::registry;

use crate::common::{self, IfExists, LoadProgress, Source, TableLoad};
use crate::error::{Error, Result};
use crate::postgres::binary::{HEADER, TRAILER};

/// pgvector's limit for an HNSW index on `vector` (pgvector README, "Indexing").
pub const MAX_HNSW_DIMS: usize = 2000;

/// The qualified table.
pub const TABLE: &str = "content.images";

/// PostgreSQL type OIDs used in binary arrays (`pg_type.dat`: text = 25, int8 = 20).
const TEXT_OID: i32 = 25;
const INT8_OID: i32 = 20;

/// One image row for the index.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageVector {
    /// `image_id` (the id `ads.ads` uses).
    pub image_id: i64,
    /// Industry key.
    pub category: String,
    /// CDN URL (the MCP server's live `getContent` answers from this table alone).
    pub url: String,
    /// Hashtags.
    pub hashtags: Vec<String>,
    /// Campaigns whose ads use the image.
    pub campaign_ids: Vec<i64>,
    /// Description.
    pub description: String,
    /// Embedding.
    pub embedding: Vec<f32>,
}

fn strings(d: &Document, key: &str) -> Vec<String> {
    d.get(key)
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// The images of a source, each with its embedding; every embedding must have `dims` values.
pub fn images(source: Source<'_>, dims: Option<usize>) -> Result<Vec<ImageVector>> {
    let table = registry::table(TABLE)?;
    if let Source::Dataset(ds) = source {
        common::require_tables(ds, [table])?;
    }
    let docs = common::documents(source, table)?;
    let mut out = Vec::with_capacity(docs.len());
    for d in &docs {
        let embedding: Vec<f32> = d
            .get("embedding")
            .and_then(Value::as_array)
            .unwrap_or(&[])
            .iter()
            .map(|v| match v {
                Value::F64(f) => *f as f32,
                _ => f32::NAN,
            })
            .collect();
        let image_id = d.get("image_id").and_then(Value::as_i64).unwrap_or(0);
        if let Some(want) = dims {
            if embedding.len() != want {
                return Err(promptsales_core::Error::invalid(
                    "--embedding-dims",
                    format!(
                        "is {want} but image {image_id} has a {}-dimensional embedding (generate with --embedding-dims {want} or load a dataset of {} dimensions)",
                        embedding.len(),
                        embedding.len()
                    ),
                )
                .into());
            }
        }
        out.push(ImageVector {
            image_id,
            category: d
                .get("category")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            url: d
                .get("url")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            hashtags: strings(d, "hashtags"),
            campaign_ids: d
                .get("campaign_ids")
                .and_then(Value::as_array)
                .unwrap_or(&[])
                .iter()
                .filter_map(Value::as_i64)
                .collect(),
            description: d
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            embedding,
        });
    }
    Ok(out)
}

/// Checks an embedding dimension against pgvector's HNSW limit.
pub fn check_dimension(dims: usize) -> Result<()> {
    if dims == 0 || dims > MAX_HNSW_DIMS {
        return Err(promptsales_core::Error::invalid(
            "--embedding-dims",
            format!("must be from 1 to {MAX_HNSW_DIMS} (pgvector's HNSW limit), got {dims}"),
        )
        .into());
    }
    Ok(())
}

/// The DDL: the `vector` extension, the schema and the table (no index yet).
pub fn ddl(dims: usize) -> String {
    format!(
        "CREATE EXTENSION IF NOT EXISTS vector;\n\
         CREATE SCHEMA IF NOT EXISTS content;\n\
         CREATE TABLE {TABLE} (\n  image_id bigint PRIMARY KEY,\n  category text NOT NULL,\n  \
         hashtags text[] NOT NULL,\n  campaign_ids bigint[] NOT NULL,\n  description text NOT NULL,\n  \
         embedding vector({dims}) NOT NULL,\n  url text NOT NULL\n);"
    )
}

/// The HNSW index (cosine), built after the data.
pub const INDEX_SQL: &str =
    "CREATE INDEX images_embedding_hnsw ON content.images USING hnsw (embedding vector_cosine_ops)";

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as i32).to_be_bytes());
}

fn put_array_header(out: &mut Vec<u8>, len: usize, oid: i32) {
    // ndim, has-null flag, element type, then (size, lower bound) per dimension.
    out.extend_from_slice(&(i32::from(len > 0)).to_be_bytes());
    out.extend_from_slice(&0i32.to_be_bytes());
    out.extend_from_slice(&oid.to_be_bytes());
    if len > 0 {
        out.extend_from_slice(&(len as i32).to_be_bytes());
        out.extend_from_slice(&1i32.to_be_bytes());
    }
}

/// Encodes one row in `COPY … (FORMAT binary)` layout.
pub fn encode_row(row: &ImageVector, out: &mut Vec<u8>) {
    out.extend_from_slice(&7i16.to_be_bytes());
    put_len(out, 8);
    out.extend_from_slice(&row.image_id.to_be_bytes());
    put_len(out, row.category.len());
    out.extend_from_slice(row.category.as_bytes());
    let mut array = Vec::new();
    put_array_header(&mut array, row.hashtags.len(), TEXT_OID);
    for h in &row.hashtags {
        put_len(&mut array, h.len());
        array.extend_from_slice(h.as_bytes());
    }
    put_len(out, array.len());
    out.extend_from_slice(&array);
    array.clear();
    put_array_header(&mut array, row.campaign_ids.len(), INT8_OID);
    for c in &row.campaign_ids {
        put_len(&mut array, 8);
        array.extend_from_slice(&c.to_be_bytes());
    }
    put_len(out, array.len());
    out.extend_from_slice(&array);
    put_len(out, row.description.len());
    out.extend_from_slice(row.description.as_bytes());
    put_len(out, 4 + 4 * row.embedding.len());
    out.extend_from_slice(&(row.embedding.len() as i16).to_be_bytes());
    out.extend_from_slice(&0i16.to_be_bytes());
    for x in &row.embedding {
        out.extend_from_slice(&x.to_be_bytes());
    }
    put_len(out, row.url.len());
    out.extend_from_slice(row.url.as_bytes());
}

/// The text form of a vector for a `$1::text::vector` parameter.
pub fn vector_literal(v: &[f32]) -> String {
    let parts: Vec<String> = v.iter().map(|x| format!("{x:?}")).collect();
    format!("[{}]", parts.join(","))
}

/// Loads `content.images` with its embeddings and builds the HNSW index.
pub fn load(
    client: &mut Client,
    source: Source<'_>,
    dims: Option<usize>,
    if_exists: IfExists,
    progress: &dyn LoadProgress,
) -> Result<Vec<TableLoad>> {
    if let Some(d) = dims {
        check_dimension(d)?;
    }
    let rows = images(source, dims)?;
    let dims = match (dims, rows.first()) {
        (Some(d), _) => d,
        (None, Some(r)) => r.embedding.len(),
        (None, None) => common::world_of(source).config.embedding_dims as usize,
    };
    check_dimension(dims)?;
    let exists: bool = client
        .query_one("SELECT to_regclass('content.images') IS NOT NULL", &[])
        .and_then(|r| r.try_get(0))
        .map_err(|e| Error::db("checking content.images", &e))?;
    if exists && if_exists == IfExists::Fail {
        return Err(Error::AlreadyLoaded(
            "content (table content.images)".to_string(),
        ));
    }
    if exists && if_exists == IfExists::Append {
        return Err(promptsales_core::Error::invalid(
            "--if-exists",
            "append is not supported for pgvector (image ids are the primary key; use truncate)",
        )
        .into());
    }
    let started = Instant::now();
    let mut tx = client.transaction().map_err(|e| Error::db("BEGIN", &e))?;
    tx.batch_execute(&format!("DROP TABLE IF EXISTS {TABLE};\n{}", ddl(dims)))
        .map_err(|e| {
            Error::db(
                "creating content.images (is the vector extension installed?)",
                &e,
            )
        })?;
    let mut buf = Vec::with_capacity(rows.len() * (dims * 4 + 512));
    buf.extend_from_slice(HEADER);
    for r in &rows {
        encode_row(r, &mut buf);
    }
    buf.extend_from_slice(TRAILER);
    let context = format!("COPY {TABLE}");
    let mut writer = tx
        .copy_in(&format!(
            "COPY {TABLE} (image_id, category, hashtags, campaign_ids, description, embedding, url) FROM STDIN (FORMAT binary)"
        ))
        .map_err(|e| Error::db(&context, &e))?;
    writer.write_all(&buf).map_err(|e| Error::Database {
        context: context.clone(),
        message: e.to_string(),
    })?;
    let copied = writer.finish().map_err(|e| Error::db(&context, &e))?;
    let load = TableLoad {
        table: TABLE.to_string(),
        rows: copied,
        seconds: started.elapsed().as_secs_f64(),
    };
    progress.table_done(&load);
    let t0 = Instant::now();
    tx.batch_execute(INDEX_SQL)
        .map_err(|e| Error::db("creating the HNSW index", &e))?;
    tx.commit().map_err(|e| Error::db("COMMIT", &e))?;
    progress.step_done("HNSW index (cosine)", t0.elapsed().as_secs_f64());
    client
        .batch_execute(&format!("ANALYZE {TABLE}"))
        .map_err(|e| Error::db("ANALYZE", &e))?;
    if copied != rows.len() as u64 {
        return Err(Error::Mismatch {
            engine: "pgvector",
            message: format!("COPY reported {copied} rows, the source has {}", rows.len()),
        });
    }
    Ok(vec![load])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vector_binary_layout_matches_pgvector() {
        let row = ImageVector {
            image_id: 7,
            category: "x".into(),
            url: "u".into(),
            hashtags: vec![],
            campaign_ids: vec![3],
            description: String::new(),
            embedding: vec![1.0, -0.5],
        };
        let mut out = Vec::new();
        encode_row(&row, &mut out);
        // The embedding: length 12, dim 2, unused 0, then 1.0 and -0.5 as big-endian float4;
        // then the url (length 1, "u"), the last column.
        let tail = &out[out.len() - 21..];
        assert_eq!(
            tail,
            [0, 0, 0, 12, 0, 2, 0, 0, 0x3f, 0x80, 0, 0, 0xbf, 0, 0, 0, 0, 0, 0, 1, b'u']
        );
        assert_eq!(out[..2], 7i16.to_be_bytes());
        // Empty text[]: ndim 0, no nulls, element type text (25).
        let empty_array = [0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 25];
        assert!(out.windows(16).any(|w| w == empty_array));
        assert!(check_dimension(2001).is_err());
        assert!(check_dimension(0).is_err());
        assert_eq!(vector_literal(&[1.0, -0.5]), "[1.0,-0.5]");
    }
}
