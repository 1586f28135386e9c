//! Pinecone loader over the published REST data plane (docs.pinecone.io, API reference
//! "data-plane/upsert", "query", "describe_index_stats", "delete"): `POST /vectors/upsert`
//! with the `Api-Key` and `X-Pinecone-Api-Version` headers, batches of at most
//! [`MAX_VECTORS`] vectors and [`MAX_REQUEST_BYTES`] bytes (Pinecone's upsert limits),
//! metadata (category, hashtags, campaign ids as strings — Pinecone metadata lists hold
//! strings only), one namespace per load, and retries with exponential backoff on 429 and
//! 5xx, honouring `Retry-After`. Ids are the images' `vector_id`s, so a re-run overwrites the
//! same vectors instead of adding copies.
//!
//! No Pinecone service runs here: the tests drive this module against a local stand-in that
//! checks request shapes and limits (`scripts/pinecone_standin.py`), not against Pinecone.

use std::time::{Duration, Instant};

use promptsales_core::doc::Value;
use promptsales_core::registry;
use serde_json::{json, Value as Json};

use crate::common::{self, IfExists, LoadProgress, Source, TableLoad};
use crate::error::{Error, Result};

const ENGINE: &str = "Pinecone";

/// Vectors per upsert request (Pinecone "Upsert limits": max 1000 records per request).
pub const MAX_VECTORS: usize = 1000;
/// Bytes per upsert request (Pinecone "Upsert limits": max 2 MB per request).
pub const MAX_REQUEST_BYTES: usize = 2 * 1000 * 1000;
/// The API version sent in `X-Pinecone-Api-Version`.
pub const API_VERSION: &str = "2025-04";
/// Attempts per request before giving up (the first try and five retries).
pub const MAX_ATTEMPTS: u32 = 6;
/// Longest wait honoured from a `Retry-After` header.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// A Pinecone index endpoint.
#[derive(Debug)]
pub struct Pinecone {
    agent: ureq::Agent,
    base: String,
    api_key: String,
    /// First backoff wait (doubles each retry).
    pub backoff: Duration,
    /// Retries done so far (for the report).
    retries: std::cell::Cell<u64>,
}

/// What a load did.
#[derive(Debug, Clone, Default)]
pub struct PineconeReport {
    /// Vectors the service acknowledged (`upsertedCount` summed).
    pub upserted: u64,
    /// Upsert requests sent successfully.
    pub requests: u64,
    /// Retried attempts (429/5xx).
    pub retries: u64,
    /// Whole load.
    pub seconds: f64,
}

impl Pinecone {
    /// An endpoint for `index_host` (`NAME-PROJECT.svc.REGION.pinecone.io`, optionally with
    /// `https://`; plain `http://` only for a loopback stand-in, so the key never travels in
    /// clear).
    pub fn new(index_host: &str, api_key: &str) -> Result<Pinecone> {
        let host = index_host.trim().trim_end_matches('/');
        let bad = |message: &str| Error::BadEngineUrl {
            flag: "--index-host",
            engine: ENGINE,
            message: message.to_string(),
            expected:
                "INDEX-PROJECT.svc.REGION.pinecone.io (from describe_index), optionally https://",
        };
        let base = if let Some(rest) = host.strip_prefix("http://") {
            let h = rest.split(['/', ':']).next().unwrap_or("");
            if !matches!(h, "127.0.0.1" | "localhost" | "[::1]") {
                return Err(bad("plain http is accepted only for a loopback stand-in"));
            }
            host.to_string()
        } else if host.starts_with("https://") {
            host.to_string()
        } else if host.contains("://") {
            return Err(bad("unsupported scheme"));
        } else {
            format!("https://{host}")
        };
        let authority = base.split_once("://").map_or("", |(_, r)| r);
        if authority.is_empty()
            || authority.contains(char::is_whitespace)
            || authority.contains('@')
        {
            return Err(bad("not a host name"));
        }
        if api_key.trim().is_empty() {
            return Err(Error::EngineAuth {
                engine: ENGINE,
                target: authority.to_string(),
                hint: ": PINECONE_API_KEY is empty or not set".to_string(),
            });
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Ok(Pinecone {
            agent,
            base,
            api_key: api_key.trim().to_string(),
            backoff: Duration::from_millis(500),
            retries: std::cell::Cell::new(0),
        })
    }

    fn target(&self) -> String {
        self.base
            .split_once("://")
            .map_or("", |(_, r)| r)
            .to_string()
    }

    /// `POST {path}` with a JSON body; retries 429 and 5xx (honouring `Retry-After`) and
    /// transport errors; returns the parsed answer.
    pub fn post(&self, path: &str, body: &[u8]) -> Result<Json> {
        let url = format!("{}{path}", self.base);
        let mut wait = self.backoff;
        for attempt in 1..=MAX_ATTEMPTS {
            let answer = self
                .agent
                .post(&url)
                .header("Api-Key", &self.api_key)
                .header("X-Pinecone-Api-Version", API_VERSION)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .send(body);
            let mut response = match answer {
                Ok(r) => r,
                Err(e) => {
                    // A refused connection will not heal in seconds; timeouts and resets may.
                    let transient = match &e {
                        ureq::Error::Timeout(_) => true,
                        ureq::Error::Io(io) => io.kind() != std::io::ErrorKind::ConnectionRefused,
                        _ => false,
                    };
                    if !transient || attempt == MAX_ATTEMPTS {
                        return Err(Error::EngineUnreachable {
                            engine: ENGINE,
                            target: self.target(),
                            message: e.to_string().replace(&self.api_key, "***"),
                        });
                    }
                    std::thread::sleep(wait);
                    wait *= 2;
                    self.retries.set(self.retries.get() + 1);
                    continue;
                }
            };
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(|s| Duration::from_secs(s).min(MAX_RETRY_AFTER));
            let text = response.body_mut().read_to_string().unwrap_or_default();
            match status {
                200..=299 => {
                    return serde_json::from_str(if text.trim().is_empty() { "{}" } else { &text })
                        .map_err(|e| Error::Remote {
                            engine: ENGINE,
                            context: format!("POST {path}"),
                            message: format!("answer is not JSON: {e}"),
                        })
                }
                401 | 403 => {
                    return Err(Error::EngineAuth {
                        engine: ENGINE,
                        target: self.target(),
                        hint: " (API key from PINECONE_API_KEY)".to_string(),
                    })
                }
                429 | 500..=599 if attempt < MAX_ATTEMPTS => {
                    std::thread::sleep(retry_after.unwrap_or(wait));
                    wait *= 2;
                    self.retries.set(self.retries.get() + 1);
                }
                _ => {
                    let message = serde_json::from_str::<Json>(&text)
                        .ok()
                        .and_then(|j| j.get("message").and_then(Json::as_str).map(str::to_string))
                        .unwrap_or(text);
                    return Err(Error::Remote {
                        engine: ENGINE,
                        context: format!("POST {path} answered HTTP {status}"),
                        message: message
                            .lines()
                            .next()
                            .unwrap_or("")
                            .replace(&self.api_key, "***"),
                    });
                }
            }
        }
        Err(Error::Remote {
            engine: ENGINE,
            context: format!("POST {path}"),
            message: format!("gave up after {MAX_ATTEMPTS} attempts"),
        })
    }

    /// `describe_index_stats`: the index dimension and the vectors in `namespace`.
    pub fn stats(&self, namespace: &str) -> Result<(Option<u64>, u64)> {
        let j = self.post("/describe_index_stats", b"{}")?;
        let dims = j.get("dimension").and_then(Json::as_u64);
        let count = j
            .get("namespaces")
            .and_then(|n| n.get(namespace))
            .and_then(|n| n.get("vectorCount"))
            .and_then(Json::as_u64)
            .unwrap_or(0);
        Ok((dims, count))
    }

    /// The `top_k` nearest ids of `vector` in `namespace`.
    pub fn query(&self, namespace: &str, vector: &[f32], top_k: usize) -> Result<Vec<String>> {
        let body = json!({ "namespace": namespace, "vector": vector, "topK": top_k, "includeMetadata": true });
        let j = self.post("/query", body.to_string().as_bytes())?;
        Ok(j.get("matches")
            .and_then(Json::as_array)
            .map(|m| {
                m.iter()
                    .filter_map(|x| x.get("id").and_then(Json::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default())
    }
}

/// The upsert records of the images (`id` = `vector_id`), in image order.
pub fn records(source: Source<'_>) -> Result<Vec<Json>> {
    let table = registry::table("content.images")?;
    if let Source::Dataset(ds) = source {
        common::require_tables(ds, [table])?;
    }
    let docs = common::documents(source, table)?;
    Ok(docs
        .iter()
        .map(|d| {
            let values: Vec<f32> = d
                .get("embedding")
                .and_then(Value::as_array)
                .unwrap_or(&[])
                .iter()
                .map(|v| match v {
                    Value::F64(f) => *f as f32,
                    _ => 0.0,
                })
                .collect();
            let text_list = |k: &str| -> Vec<String> {
                d.get(k)
                    .and_then(Value::as_array)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|v| match v {
                        Value::Str(s) => Some(s.clone()),
                        Value::I64(i) => Some(i.to_string()),
                        Value::I32(i) => Some(i.to_string()),
                        _ => None,
                    })
                    .collect()
            };
            json!({
                "id": d.get("vector_id").and_then(Value::as_str).unwrap_or(""),
                "values": values,
                "metadata": {
                    "image_id": d.get("image_id").and_then(Value::as_i64).unwrap_or(0),
                    "category": d.get("category").and_then(Value::as_str).unwrap_or(""),
                    "hashtags": text_list("hashtags"),
                    "campaign_ids": text_list("campaign_ids"),
                    "approval_status": d.path("approval.status").and_then(Value::as_str).unwrap_or(""),
                }
            })
        })
        .collect())
}

/// Serialised upsert bodies: each ≤ [`MAX_VECTORS`] records and ≤ [`MAX_REQUEST_BYTES`].
pub fn upsert_bodies(records: &[Json], namespace: &str) -> Result<Vec<Vec<u8>>> {
    let head = format!("{{\"namespace\":{},\"vectors\":[", Json::from(namespace));
    let mut bodies = Vec::new();
    let mut body = head.clone().into_bytes();
    let mut n = 0;
    for r in records {
        let item = r.to_string();
        if head.len() + item.len() + 2 > MAX_REQUEST_BYTES {
            return Err(Error::Mismatch {
                engine: ENGINE,
                message: format!(
                    "one vector record is {} bytes, over the 2 MB request limit",
                    item.len()
                ),
            });
        }
        if n == MAX_VECTORS || body.len() + item.len() + 3 > MAX_REQUEST_BYTES {
            body.extend_from_slice(b"]}");
            bodies.push(std::mem::replace(&mut body, head.clone().into_bytes()));
            n = 0;
        }
        if n > 0 {
            body.push(b',');
        }
        body.extend_from_slice(item.as_bytes());
        n += 1;
    }
    if n > 0 {
        body.extend_from_slice(b"]}");
        bodies.push(body);
    }
    Ok(bodies)
}

/// Upserts every image vector into `namespace`.
pub fn load(
    pc: &Pinecone,
    source: Source<'_>,
    namespace: &str,
    if_exists: IfExists,
    progress: &dyn LoadProgress,
) -> Result<PineconeReport> {
    let started = Instant::now();
    let records = records(source)?;
    let dims = records
        .first()
        .and_then(|r| r.get("values"))
        .and_then(Json::as_array)
        .map_or(0, Vec::len);
    let bodies = upsert_bodies(&records, namespace)?;
    let (index_dims, existing) = pc.stats(namespace)?;
    if let Some(d) = index_dims {
        if d as usize != dims {
            return Err(promptsales_core::Error::invalid(
                "--embedding-dims",
                format!("the index has dimension {d} but the embeddings have {dims} (generate with --embedding-dims {d})"),
            )
            .into());
        }
    }
    if existing > 0 {
        match if_exists {
            IfExists::Fail => {
                return Err(Error::EngineExists {
                    engine: ENGINE,
                    what: format!("namespace '{namespace}' ({existing} vectors)"),
                })
            }
            IfExists::Truncate => {
                let body = json!({ "deleteAll": true, "namespace": namespace });
                pc.post("/vectors/delete", body.to_string().as_bytes())?;
            }
            IfExists::Append => {}
        }
    }
    let mut report = PineconeReport::default();
    for body in &bodies {
        let j = pc.post("/vectors/upsert", body)?;
        report.upserted += j.get("upsertedCount").and_then(Json::as_u64).unwrap_or(0);
        report.requests += 1;
    }
    report.retries = pc.retries.get();
    report.seconds = started.elapsed().as_secs_f64();
    if report.upserted != records.len() as u64 {
        return Err(Error::Mismatch {
            engine: ENGINE,
            message: format!(
                "{} vectors acknowledged of {}",
                report.upserted,
                records.len()
            ),
        });
    }
    progress.table_done(&TableLoad {
        table: format!("pinecone namespace {namespace}"),
        rows: report.upserted,
        seconds: report.seconds,
    });
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_respect_both_limits_and_keep_every_record() {
        // 2500 small records → split by count; 300 records of ~20 kB → split by bytes.
        let small: Vec<Json> = (0..2500)
            .map(|i| json!({ "id": format!("v{i}"), "values": [0.5] }))
            .collect();
        let b = upsert_bodies(&small, "ns").expect("bodies");
        assert_eq!(b.len(), 3);
        let big: Vec<Json> = (0..300)
            .map(|i| json!({ "id": format!("v{i}"), "values": vec![0.123_456_78_f32; 1536] }))
            .collect();
        let b2 = upsert_bodies(&big, "ns").expect("bodies");
        let mut ids = 0;
        for body in b.iter().chain(&b2) {
            assert!(body.len() <= MAX_REQUEST_BYTES, "{}", body.len());
            let j: Json = serde_json::from_slice(body).expect("json");
            let n = j["vectors"].as_array().map_or(0, Vec::len);
            assert!((1..=MAX_VECTORS).contains(&n));
            assert_eq!(j["namespace"], "ns");
            ids += n;
        }
        assert_eq!(ids, 2800);
        assert!(b2.len() >= 2, "~6 MB must take several requests");
    }

    #[test]
    fn host_rules() {
        assert!(Pinecone::new("http://example.com", "k").is_err());
        assert!(Pinecone::new("http://127.0.0.1:9", "k").is_ok());
        assert!(Pinecone::new("idx-abc.svc.aped-1.pinecone.io", "k").is_ok());
        let e = Pinecone::new("idx.svc.pinecone.io", " ")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("Pinecone at idx.svc.pinecone.io refused the credentials: PINECONE_API_KEY is empty or not set")
        );
    }
}
