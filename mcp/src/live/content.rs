//! The PromptContent server over the loaded content store.
//!
//! **getContent.** The query is embedded with the generator's embedder (dimension read from
//! the `vector(D)` column), then `content.images` is searched with pgvector's cosine distance
//! `<=>`. The database returns `top_k + MARGIN` candidates in its own order; Rust recomputes
//! each score with the embedded backend's cosine on the stored `float4` values and sorts by
//! (score desc, id asc), so scores and ties equal the embedded backend's. Exactness:
//! - without filters the HNSW index answers, with `hnsw.ef_search` raised to
//!   [`EF_SEARCH`] candidates (pgvector README, "Query options"): approximate in principle,
//!   exact on the test worlds (checked by scripts/test.d/65-mcp.sh);
//! - with a category or hashtag filter the HNSW index would post-filter its `ef_search`
//!   candidates and could return too few rows (pgvector README, "Filtering"; the installed
//!   pgvector 0.6 has no iterative scan), so the call turns index scans off
//!   (`SET LOCAL enable_indexscan = off`): an exact scan of the filtered rows.
//!
//! Results are cached in Redis under `contenido:busqueda:{hash}` (docs/redis.md) for
//! [`CACHE_TTL_SECONDS`]; the value keeps the warm-up's `{query, category, image_ids}` and adds
//! the full answer. A Redis outage never fails the call: the answer says `"cache":
//! "unavailable"`.
//!
//! **generateCampaignContent.** The campaign (name, brand, category, channels, cities) comes
//! from the ads tables; the images from the same search; the request goes to MongoDB
//! `request_log` and the log to `campaign_logs` (replacing the campaign's previous log: the
//! collection's `campaign_id_1` index is unique, one log per campaign).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use mongodb::bson::{doc, Bson, DateTime, Document};
use mongodb::options::ClientOptions;
use pg::types::ToSql;
use pg::Row;
use promptsales_core::gen::content::campaign_logs::MESSAGES_PER_POPULATION;
use promptsales_core::gen::content::embed::Embedder;
use promptsales_loaders::common::{redact, url_target};
use promptsales_loaders::pgvector::vector_literal;
use serde_json::{json, Map, Value};

use crate::content::{
    cache_key_of, compose_log, image_json, request_id, search_answer, search_cache_key,
    CampaignBrief, GenerateRequest, SearchRequest,
};
use crate::error::{Error, Result, ToolError};
use crate::live::pool::PgPool;
use crate::live::sales::check_tables;
use crate::live::{required, LiveOptions, DATABASE_URL_ENV, MONGO_URL_ENV, REDIS_URL_ENV};

/// Candidates fetched beyond `top_k`, so a near-tie that the database's float order and Rust's
/// cosine order place differently still lands in the answer.
pub const MARGIN: usize = 10;
/// `hnsw.ef_search` for unfiltered searches (pgvector's default is 40; its maximum 1000).
pub const EF_SEARCH: usize = 400;
/// TTL of a cached search: `contenido:busqueda:{hash}`, 2 hours (docs/redis.md; the seeds'
/// Redis plan; loaders/src/redis `FAMILIES`).
pub const CACHE_TTL_SECONDS: u64 = 7200;
/// Redis connect, read and write timeout: a slow cache must not make a search slow.
pub const CACHE_TIMEOUT: Duration = Duration::from_millis(500);
/// MongoDB server selection and connect timeout.
pub const MONGO_TIMEOUT: Duration = Duration::from_secs(5);

/// The Redis key of a search: [`search_cache_key`] (the warm-up's key) when there is no
/// hashtag filter; otherwise the same hash over the canonical request with the hashtags added.
pub fn cache_key(query: &str, category: Option<&str>, hashtags: &[String], top_k: usize) -> String {
    if hashtags.is_empty() {
        return search_cache_key(query, category, top_k);
    }
    let canonical = format!(
        "{{\"query\":\"{query}\",\"category\":\"{}\",\"top_k\":{top_k},\"hashtags\":{}}}",
        category.unwrap_or(""),
        serde_json::to_string(hashtags).unwrap_or_default()
    );
    cache_key_of(&canonical)
}

/// A cached search: the image ids always (the warm-up's documented shape), the full images
/// when this server stored it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cached {
    /// Only `image_ids` (the warm-up's value): the rest is read from the database.
    Ids(Vec<i64>),
    /// The whole answer's images, in order.
    Images(Vec<Value>),
}

/// Parses a cached value; `None` when it is not a search value (then it is treated as a miss).
pub fn parse_cached(text: &str) -> Option<Cached> {
    let v: Value = serde_json::from_str(text).ok()?;
    let ids: Vec<i64> = v
        .get("image_ids")?
        .as_array()?
        .iter()
        .map(Value::as_i64)
        .collect::<Option<_>>()?;
    match v.get("images").and_then(Value::as_array) {
        Some(images)
            if images.len() == ids.len()
                && images
                    .iter()
                    .zip(&ids)
                    .all(|(i, id)| i.get("image_id").and_then(Value::as_i64) == Some(*id)) =>
        {
            Some(Cached::Images(images.clone()))
        }
        _ => Some(Cached::Ids(ids)),
    }
}

/// The value stored for a search: the warm-up's `{query, category, image_ids}` plus the
/// request's `top_k`, its hashtags when given, and the answer's images.
pub fn cache_value(req: &SearchRequest<'_>, images: &[Value]) -> String {
    let ids: Vec<i64> = images
        .iter()
        .filter_map(|i| i.get("image_id").and_then(Value::as_i64))
        .collect();
    let mut v = json!({
        "query": req.query,
        "category": req.category.unwrap_or(""),
        "image_ids": ids,
        "top_k": req.top_k,
        "images": images,
    });
    if !req.hashtags.is_empty() {
        v["hashtags"] = json!(req.hashtags);
    }
    v.to_string()
}

/// One candidate image from `content.images`.
#[derive(Debug, Clone)]
struct Candidate {
    image_id: i64,
    category: String,
    url: String,
    description: String,
    hashtags: Vec<String>,
    score: f32,
}

const IMAGE_COLUMNS: &str = "image_id, category, url, description, hashtags, embedding::real[]";

/// The Redis cache, with a few reusable connections.
struct Cache {
    client: redis::Client,
    idle: Mutex<Vec<redis::Connection>>,
    target: String,
    url: String,
    down: AtomicBool,
}

impl Cache {
    fn open(url: &str) -> Result<Self> {
        let client = redis::Client::open(url).map_err(|e| {
            Error::invalid(
                "--redis-url",
                format!(
                    "invalid Redis URL ({}); expected redis://[USER[:PASSWORD]@]HOST[:PORT][/DB]",
                    redact(&e.to_string(), url)
                ),
            )
        })?;
        Ok(Cache {
            client,
            idle: Mutex::new(Vec::new()),
            target: url_target(url, 6379),
            url: url.to_string(),
            down: AtomicBool::new(false),
        })
    }

    /// Runs `f` on a connection; `None` (and one line on stderr when the state changes) when
    /// Redis is unavailable.
    fn with<T>(
        &self,
        f: impl FnOnce(&mut redis::Connection) -> redis::RedisResult<T>,
    ) -> Option<T> {
        let reused = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let con = match reused {
            Some(c) => Ok(c),
            None => self
                .client
                .get_connection_with_timeout(CACHE_TIMEOUT)
                .and_then(|c| {
                    c.set_read_timeout(Some(CACHE_TIMEOUT))?;
                    c.set_write_timeout(Some(CACHE_TIMEOUT))?;
                    Ok(c)
                }),
        };
        let result = con.and_then(|mut c| f(&mut c).map(|v| (v, c)));
        match result {
            Ok((v, c)) => {
                if self.down.swap(false, Ordering::Relaxed) {
                    eprintln!("redis at {}: available again", self.target);
                }
                let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
                if idle.len() < super::pool::MAX_IDLE {
                    idle.push(c);
                }
                Some(v)
            }
            Err(e) => {
                if !self.down.swap(true, Ordering::Relaxed) {
                    eprintln!(
                        "redis at {} unavailable, serving uncached: {}",
                        self.target,
                        redact(&e.to_string(), &self.url)
                    );
                }
                None
            }
        }
    }
}

/// MongoDB: the client and where the content store is.
struct Mongo {
    client: mongodb::Client,
    db: String,
    target: String,
    url: String,
}

/// The content server's live state.
pub struct LiveContent {
    pool: PgPool,
    embedder: Embedder,
    dims: u32,
    cache: Cache,
    mongo: Mongo,
    rt: tokio::runtime::Handle,
    requests: AtomicU64,
}

impl std::fmt::Debug for LiveContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveContent")
            .field("postgres", &self.pool.target())
            .field("dims", &self.dims)
            .field("redis", &self.cache.target)
            .field("mongo", &self.mongo.target)
            .finish()
    }
}

type Answer = std::result::Result<Value, ToolError>;

impl LiveContent {
    /// Connects to PostgreSQL (ads tables, `content.images`), MongoDB and Redis; every error
    /// names its flag. Redis being down at start is not an error (served uncached).
    pub fn connect(options: &LiveOptions, rt: tokio::runtime::Handle) -> Result<Self> {
        let db_url = required("--database-url", &options.database_url, DATABASE_URL_ENV)?;
        let mongo_url = required("--mongo-url", &options.mongo_url, MONGO_URL_ENV)?;
        let redis_url = required("--redis-url", &options.redis_url, REDIS_URL_ENV)?;
        let pool = PgPool::open("--database-url", &db_url)?;
        let mut tables = super::sales::ADS_TABLES.to_vec();
        tables.push("content.images");
        check_tables("--database-url", &pool, &tables)?;
        let (dims, has_url): (i32, bool) = pool
            .with(|c| {
                let r = c.query_one(
                    "SELECT (SELECT atttypmod FROM pg_attribute WHERE attrelid = 'content.images'::regclass \
                       AND attname = 'embedding'), \
                     EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'content.images'::regclass \
                       AND attname = 'url' AND NOT attisdropped)",
                    &[],
                )?;
                Ok((r.try_get::<_, Option<i32>>(0)?.unwrap_or(-1), r.try_get(1)?))
            })
            .map_err(|e| Error::invalid("--database-url", e.0))?;
        if !(1..=2000).contains(&dims) || !has_url {
            return Err(Error::invalid(
                "--database-url",
                format!(
                    "content.images at {} is not this version's pgvector table (needs embedding vector(D) and url; reload it with `promptsales load pgvector --if-exists truncate`)",
                    pool.target()
                ),
            ));
        }
        let mongo = connect_mongo(&mongo_url, &options.mongo_db, &rt)?;
        let cache = Cache::open(&redis_url)?;
        if cache
            .with(|c| redis::cmd("PING").query::<String>(c))
            .is_none()
        {
            // Not fatal: getContent serves uncached and says so.
        }
        Ok(LiveContent {
            pool,
            embedder: Embedder::new(dims as u32),
            dims: dims as u32,
            cache,
            mongo,
            rt,
            requests: AtomicU64::new(0),
        })
    }

    /// One line for the start-up log (no credentials).
    pub fn summary(&self) -> String {
        format!(
            "pgvector + ads tables at {} ({}-dimensional embeddings), MongoDB at {} (database {}), Redis at {}",
            self.pool.target(),
            self.dims,
            self.mongo.target,
            self.mongo.db,
            self.cache.target
        )
    }

    /// Runs tool `name`.
    pub fn call(&self, name: &str, args: &Map<String, Value>) -> Option<Answer> {
        Some(match name {
            "getContent" => self.get_content(args),
            "generateCampaignContent" => self.generate(args),
            _ => return None,
        })
    }

    /// The best `top_k` images for `query` (see the module documentation for exactness).
    fn search(
        &self,
        query: &str,
        category: Option<&str>,
        hashtags: &[String],
        top_k: usize,
    ) -> std::result::Result<Vec<Candidate>, ToolError> {
        let q = self.embedder.embed(query);
        let literal = vector_literal(&q);
        let lower: Vec<String> = hashtags.iter().map(|h| h.to_ascii_lowercase()).collect();
        let filtered = category.is_some() || !hashtags.is_empty();
        let limit = (top_k + MARGIN) as i64;
        // Only the filters asked for: a bare ORDER BY … LIMIT is what the HNSW index serves.
        let mut conditions: Vec<String> = Vec::new();
        let mut params: Vec<&(dyn ToSql + Sync)> = vec![&literal, &limit];
        if let Some(c) = &category {
            params.push(c);
            conditions.push(format!("category = ${}", params.len()));
        }
        if !lower.is_empty() {
            params.push(&lower);
            conditions.push(format!(
                "(SELECT array_agg(lower(h)) FROM unnest(hashtags) h) @> ${}::text[]",
                params.len()
            ));
        }
        let sql = search_sql(&conditions);
        let rows = self.pool.with(|c| {
            let mut tx = c.build_transaction().read_only(true).start()?;
            if filtered {
                tx.batch_execute("SET LOCAL enable_indexscan = off")?;
            } else {
                tx.batch_execute(&format!("SET LOCAL hnsw.ef_search = {EF_SEARCH}"))?;
            }
            let rows = tx.query(sql.as_str(), &params)?;
            tx.commit()?;
            Ok(rows)
        })?;
        let mut out = rows
            .iter()
            .map(|r| candidate(r, &q))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| ToolError(self.pool.message(&e)))?;
        // The embedded filter exactly: ASCII case-insensitive tags (SQL's lower() may also
        // fold non-ASCII letters, a superset).
        out.retain(|c| {
            hashtags
                .iter()
                .all(|t| c.hashtags.iter().any(|h| h.eq_ignore_ascii_case(t)))
        });
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.image_id.cmp(&b.image_id))
        });
        out.truncate(top_k);
        Ok(out)
    }

    /// The images `ids`, in that order, scored against `query`; `None` if one is missing.
    fn images_by_id(
        &self,
        query: &str,
        ids: &[i64],
    ) -> std::result::Result<Option<Vec<Candidate>>, ToolError> {
        let q = self.embedder.embed(query);
        let rows = self.pool.with(|c| {
            c.query(
                format!("SELECT {IMAGE_COLUMNS} FROM content.images WHERE image_id = ANY($1)")
                    .as_str(),
                &[&ids],
            )
        })?;
        let found = rows
            .iter()
            .map(|r| candidate(r, &q))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| ToolError(self.pool.message(&e)))?;
        Ok(ids
            .iter()
            .map(|id| found.iter().find(|c| c.image_id == *id).cloned())
            .collect())
    }

    fn get_content(&self, args: &Map<String, Value>) -> Answer {
        let req = SearchRequest::parse(args)?;
        let key = cache_key(req.query, req.category, &req.hashtags, req.top_k);
        let cached = self
            .cache
            .with(|c| redis::cmd("GET").arg(&key).query::<Option<String>>(c));
        let (images, state) = match cached {
            None => (self.search_images(&req)?, "unavailable"),
            Some(Some(text)) => match parse_cached(&text) {
                Some(Cached::Images(images)) => (images, "hit"),
                Some(Cached::Ids(ids)) => match self.images_by_id(req.query, &ids)? {
                    Some(found) => (found.iter().map(to_json).collect(), "hit"),
                    None => (self.search_and_store(&req, &key)?, "miss"),
                },
                None => (self.search_and_store(&req, &key)?, "miss"),
            },
            Some(None) => (self.search_and_store(&req, &key)?, "miss"),
        };
        let mut answer = search_answer(req.query, req.category, images);
        answer["cache"] = json!(state);
        Ok(answer)
    }

    fn search_images(&self, req: &SearchRequest<'_>) -> std::result::Result<Vec<Value>, ToolError> {
        Ok(self
            .search(req.query, req.category, &req.hashtags, req.top_k)?
            .iter()
            .map(to_json)
            .collect())
    }

    fn search_and_store(
        &self,
        req: &SearchRequest<'_>,
        key: &str,
    ) -> std::result::Result<Vec<Value>, ToolError> {
        let images = self.search_images(req)?;
        let value = cache_value(req, &images);
        // A failed store only costs the next call a search.
        let _ = self.cache.with(|c| {
            redis::cmd("SET")
                .arg(key)
                .arg(&value)
                .arg("EX")
                .arg(CACHE_TTL_SECONDS)
                .query::<()>(c)
        });
        Ok(images)
    }

    fn generate(&self, args: &Map<String, Value>) -> Answer {
        let started = Instant::now();
        let count: i64 = self.pool.with(|c| {
            c.query_one("SELECT count(*) FROM ads.campaigns", &[])?
                .try_get(0)
        })?;
        let req = GenerateRequest::parse(args, count)?;
        let brief = self
            .pool
            .with(|c| {
                c.query_opt(
                    "SELECT c.name, c.brand_id, b.name, b.industry, \
                       ARRAY(SELECT ch.name FROM ads.campaign_channels cc JOIN ads.channels ch \
                             ON ch.channel_id = cc.channel_id WHERE cc.campaign_id = c.campaign_id \
                             ORDER BY cc.channel_id), \
                       ARRAY(SELECT m.city FROM ads.campaign_markets cm JOIN ads.markets m \
                             ON m.market_id = cm.market_id WHERE cm.campaign_id = c.campaign_id \
                             ORDER BY cm.market_id) \
                     FROM ads.campaigns c JOIN ads.brands b ON b.brand_id = c.brand_id \
                     WHERE c.campaign_id = $1",
                    &[&req.campaign_id],
                )?
                .map(|r| {
                    Ok(CampaignBrief {
                        campaign_id: req.campaign_id,
                        name: r.try_get(0)?,
                        brand_id: r.try_get(1)?,
                        brand: r.try_get(2)?,
                        category: r.try_get(3)?,
                        channels: r.try_get(4)?,
                        cities: r.try_get(5)?,
                    })
                })
                .transpose()
            })?
            .ok_or_else(|| {
                ToolError::arg(
                    "campaign_id",
                    format!(
                        "no campaign {}: campaign ids run from 1 to {count}",
                        req.campaign_id
                    ),
                )
            })?;
        let images: Vec<i64> = self
            .search(
                req.description(&brief),
                Some(brief.category.as_str()),
                &[],
                MESSAGES_PER_POPULATION,
            )?
            .iter()
            .map(|c| c.image_id)
            .collect();
        let seq = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let request_id = request_id(seq);
        let log = compose_log(&brief, &req, &images, &request_id);
        let stored = self
            .persist(&request_id, args, &log, started)
            .map_err(|e| ToolError(format!("could not store the campaign log: {e}")))?;
        let mut log = log;
        log["stored_at"] = json!(stored);
        Ok(log)
    }

    /// Inserts the request into `request_log` and replaces the campaign's `campaign_logs`
    /// document; returns where the log is.
    fn persist(
        &self,
        request_id: &str,
        args: &Map<String, Value>,
        log: &Value,
        started: Instant,
    ) -> std::result::Result<String, String> {
        let m = &self.mongo;
        let db = m.client.database(&m.db);
        let now = DateTime::now();
        let campaign_id = log["campaign_id"].as_i64().unwrap_or(0);
        let request = request_log_document(
            request_id,
            campaign_id,
            args,
            now,
            started.elapsed().as_millis(),
        );
        let mut campaign_log = match to_bson("", log) {
            Bson::Document(d) => d,
            _ => Document::new(),
        };
        if let Ok(g) = campaign_log.get_document_mut("generation") {
            g.insert("request_id", request_id);
            g.insert("generated_at", now);
        }
        let err = |e: mongodb::error::Error| {
            format!(
                "MongoDB at {}: {}",
                m.target,
                redact(&e.to_string(), &m.url)
            )
        };
        self.rt.block_on(async {
            db.collection::<Document>("request_log")
                .insert_one(request)
                .await
                .map_err(&err)?;
            db.collection::<Document>("campaign_logs")
                .replace_one(doc! { "campaign_id": campaign_id }, campaign_log)
                .upsert(true)
                .await
                .map_err(&err)?;
            Ok::<_, String>(())
        })?;
        Ok(format!(
            "mongodb {}/{}.campaign_logs (campaign_id {campaign_id})",
            m.target, m.db
        ))
    }
}

fn connect_mongo(url: &str, db: &str, rt: &tokio::runtime::Handle) -> Result<Mongo> {
    let target = url_target(url, 27017);
    let flag_err = |what: &str, e: mongodb::error::Error| {
        Error::invalid(
            "--mongo-url",
            format!(
                "{what} MongoDB at {target}: {}",
                redact(&e.to_string(), url)
            ),
        )
    };
    let client = rt.block_on(async {
        let mut options = ClientOptions::parse(url)
            .await
            .map_err(|e| flag_err("invalid URL for", e))?;
        options.server_selection_timeout = Some(MONGO_TIMEOUT);
        options.connect_timeout = Some(MONGO_TIMEOUT);
        options.app_name = Some("promptsales-mcp".to_string());
        let client =
            mongodb::Client::with_options(options).map_err(|e| flag_err("cannot use", e))?;
        client
            .database(db)
            .run_command(doc! { "ping": 1 })
            .await
            .map_err(|e| flag_err("cannot reach", e))?;
        Ok::<_, Error>(client)
    })?;
    Ok(Mongo {
        client,
        db: db.to_string(),
        target,
        url: url.to_string(),
    })
}

/// The search statement: `$1` the query vector (text), `$2` the limit, then the conditions.
pub fn search_sql(conditions: &[String]) -> String {
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    format!(
        "SELECT {IMAGE_COLUMNS} FROM content.images{filter} \
         ORDER BY embedding <=> $1::text::vector LIMIT $2"
    )
}

fn candidate(r: &Row, q: &[f32]) -> std::result::Result<Candidate, pg::Error> {
    let embedding: Vec<f32> = r.try_get(5)?;
    Ok(Candidate {
        image_id: r.try_get(0)?,
        category: r.try_get(1)?,
        url: r.try_get(2)?,
        description: r.try_get(3)?,
        hashtags: r.try_get(4)?,
        score: Embedder::cosine(q, &embedding),
    })
}

fn to_json(c: &Candidate) -> Value {
    image_json(
        c.image_id,
        &c.url,
        &c.category,
        &c.description,
        c.score,
        &c.hashtags,
    )
}

/// Keys the generator writes as 32-bit integers in `campaign_logs` (core
/// `gen/content/campaign_logs.rs`).
const INT32_KEYS: [&str; 5] = [
    "message_no",
    "population_no",
    "min",
    "max",
    "messages_per_population",
];

/// JSON to BSON with the generator's integer widths: ids as Int64, counters as Int32.
pub fn to_bson(key: &str, v: &Value) -> Bson {
    match v {
        Value::Null => Bson::Null,
        Value::Bool(b) => Bson::Boolean(*b),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) if INT32_KEYS.contains(&key) && i32::try_from(i).is_ok() => {
                Bson::Int32(i as i32)
            }
            (Some(i), _) => Bson::Int64(i),
            (None, Some(f)) => Bson::Double(f),
            _ => Bson::Null,
        },
        Value::String(s) => Bson::String(s.clone()),
        Value::Array(a) => Bson::Array(a.iter().map(|x| to_bson(key, x)).collect()),
        Value::Object(o) => {
            Bson::Document(o.iter().map(|(k, x)| (k.clone(), to_bson(k, x))).collect())
        }
    }
}

/// The `request_log` document of one call: the generator's fields where they apply
/// (`service`, `method`, `requested_at`, `status_code`, `result`, `latency_ms`, `tokens`,
/// `cache_hit`, `retry_of`), plus the call's arguments.
pub fn request_log_document(
    request_id: &str,
    campaign_id: i64,
    args: &Map<String, Value>,
    at: DateTime,
    latency_ms: u128,
) -> Document {
    doc! {
        "request_id": request_id,
        "campaign_id": campaign_id,
        "service": "promptcontent-mcp",
        "method": "generateCampaignContent",
        "http_method": "POST",
        "endpoint": "mcp://promptcontent-mcp/tools/generateCampaignContent",
        "requested_at": at,
        "status_code": 200_i32,
        "result": "success",
        "latency_ms": i32::try_from(latency_ms).unwrap_or(i32::MAX),
        "tokens": { "prompt": 0_i32, "completion": 0_i32, "total": 0_i32 },
        "cache_hit": false,
        "retry_of": Bson::Null,
        "arguments": to_bson("arguments", &Value::Object(args.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    #[test]
    fn cache_keys_keep_the_warm_up_key_without_hashtags() {
        // The warm-up's key for category "beachwear" (loaders/src/redis): the canonical
        // request hashed, first 8 bytes in hex.
        let canonical = r#"{"query":"beachwear","category":"beachwear","top_k":10}"#;
        let digest = Sha256::digest(canonical.as_bytes());
        let want: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            cache_key("beachwear", Some("beachwear"), &[], 10),
            format!("contenido:busqueda:{want}")
        );
        let tagged = cache_key("beachwear", Some("beachwear"), &["#playa".into()], 10);
        assert_ne!(tagged, format!("contenido:busqueda:{want}"));
        assert!(tagged.starts_with("contenido:busqueda:") && tagged.len() == 19 + 16);
        assert_ne!(
            tagged,
            cache_key("beachwear", Some("beachwear"), &["#sol".into()], 10)
        );
    }

    #[test]
    fn search_sql_filters_only_when_asked() {
        assert_eq!(
            search_sql(&[]),
            "SELECT image_id, category, url, description, hashtags, embedding::real[] FROM content.images ORDER BY embedding <=> $1::text::vector LIMIT $2"
        );
        let both = search_sql(&["category = $3".into(), "x @> $4::text[]".into()]);
        assert!(
            both.contains(" WHERE category = $3 AND x @> $4::text[] ORDER BY embedding <=> $1"),
            "{both}"
        );
    }

    #[test]
    fn cached_values_parse_in_both_shapes() {
        // The warm-up's value: ids only.
        assert_eq!(
            parse_cached(r#"{"query":"beachwear","category":"beachwear","image_ids":[5,3,9]}"#),
            Some(Cached::Ids(vec![5, 3, 9]))
        );
        // This server's value: the images too, in the ids' order.
        let images = vec![
            json!({"image_id": 5, "url": "u5"}),
            json!({"image_id": 3, "url": "u3"}),
        ];
        let req = SearchRequest {
            query: "q",
            category: None,
            hashtags: vec!["#a".into()],
            top_k: 2,
        };
        let stored = cache_value(&req, &images);
        let v: Value = serde_json::from_str(&stored).unwrap_or_default();
        assert_eq!(v["image_ids"], json!([5, 3]));
        assert_eq!(v["category"], json!(""));
        assert_eq!(v["hashtags"], json!(["#a"]));
        assert_eq!(parse_cached(&stored), Some(Cached::Images(images.clone())));
        // Images that disagree with the ids: fall back to the ids.
        let mixed = r#"{"image_ids":[5,3],"images":[{"image_id":3},{"image_id":5}]}"#;
        assert_eq!(parse_cached(mixed), Some(Cached::Ids(vec![5, 3])));
        // Not a search value: a miss.
        assert_eq!(parse_cached("not json"), None);
        assert_eq!(parse_cached(r#"{"image_ids":["x"]}"#), None);
        assert_eq!(parse_cached(r#"{"query":"q"}"#), None);
    }

    #[test]
    fn bson_keeps_the_generators_integer_widths() {
        let log = json!({"campaign_id": 7, "target_populations": [{"population_no": 1,
            "age_range": {"min": 18, "max": null}, "messages": [{"message_no": 2, "image_id": 40}]}],
            "score": 0.5});
        let Bson::Document(d) = to_bson("", &log) else {
            panic!("not a document")
        };
        assert_eq!(d.get("campaign_id"), Some(&Bson::Int64(7)));
        assert_eq!(d.get("score"), Some(&Bson::Double(0.5)));
        let pops = d
            .get_array("target_populations")
            .ok()
            .cloned()
            .unwrap_or_default();
        let Some(Bson::Document(p)) = pops.first() else {
            panic!("no population")
        };
        assert_eq!(p.get("population_no"), Some(&Bson::Int32(1)));
        let age = p
            .get_document("age_range")
            .ok()
            .cloned()
            .unwrap_or_default();
        assert_eq!(age.get("min"), Some(&Bson::Int32(18)));
        assert_eq!(age.get("max"), Some(&Bson::Null));
        let msgs = p.get_array("messages").ok().cloned().unwrap_or_default();
        let Some(Bson::Document(m)) = msgs.first() else {
            panic!("no message")
        };
        assert_eq!(m.get("message_no"), Some(&Bson::Int32(2)));
        assert_eq!(m.get("image_id"), Some(&Bson::Int64(40)));
    }
}
