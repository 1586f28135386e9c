//! Redis cache warm-up: the key design of the seeds' Redis plan (`{domain}:{entity}:{id}`,
//! TTLs by how often the data changes — seeds, team-design README, "Redis Cache - Estructura
//! de Llaves") filled from the generated world with pipelines (one round trip per
//! [`PIPELINE_KEYS`] keys, each key written and given its TTL in the same pipeline).
//!
//! Only the families whose value follows from the dataset are warmed; sessions, rate-limit
//! counters, job queues and locks are runtime state written by the services themselves
//! ([`FAMILIES`] says which is which, and `docs/redis.md` documents every pattern).
//!
//! Values are deterministic (same seed and scale → same keys and values), so a warm-up is
//! idempotent: `--if-exists append` overwrites the same keys with the same values.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use promptsales_core::catalog::calendar;
use promptsales_core::doc::{Document, Value};
use promptsales_core::gen::content::embed::Embedder;
use promptsales_core::registry;
use redis::{Commands, ConnectionLike};
use sha2::{Digest, Sha256};

use crate::common::{self, redact, url_target, IfExists, LoadProgress, Source, TableLoad};
use crate::error::{Error, Result};

const ENGINE: &str = "Redis";

/// Keys per pipeline round trip.
pub const PIPELINE_KEYS: usize = 1000;

/// Images a cached content search returns (the `getContent` tool's default `top_k`,
/// core/src/gen/content/mcp_servers.rs).
pub const SEARCH_TOP_K: usize = 10;

/// The Redis type of a key family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    /// `HSET` fields.
    Hash,
    /// `SET` of a JSON or scalar value.
    String,
    /// `INCR` counter (a string holding an integer).
    Counter,
    /// `LPUSH`/`BRPOP` list.
    List,
}

impl KeyType {
    /// What `TYPE key` answers.
    pub fn redis_type(self) -> &'static str {
        match self {
            KeyType::Hash => "hash",
            KeyType::String | KeyType::Counter => "string",
            KeyType::List => "list",
        }
    }
}

/// One key pattern of the cache design.
#[derive(Debug, Clone, Copy)]
pub struct KeyFamily {
    /// Pattern, `{placeholders}` in braces.
    pub pattern: &'static str,
    /// Redis type.
    pub kind: KeyType,
    /// TTL in seconds (`None`: no expiry).
    pub ttl_seconds: Option<u64>,
    /// Whether `load redis` writes it (else it is runtime state).
    pub warmed: bool,
}

impl KeyFamily {
    /// The pattern's prefix before its first placeholder (`estadisticas:campana:`).
    pub fn prefix(&self) -> &'static str {
        self.pattern
            .split_once('{')
            .map_or(self.pattern, |(p, _)| p)
    }
}

const MINUTE: u64 = 60;
const HOUR: u64 = 3600;
const DAY: u64 = 86_400;

/// Every key family of the seeds' Redis plan, with the TTL the plan gives it.
pub const FAMILIES: [KeyFamily; 13] = [
    KeyFamily {
        pattern: "api:resultados:{service}:{method}:{hash}",
        kind: KeyType::String,
        ttl_seconds: Some(HOUR),
        warmed: true,
    },
    KeyFamily {
        pattern: "api:stats:{service}",
        kind: KeyType::Hash,
        ttl_seconds: Some(DAY),
        warmed: true,
    },
    KeyFamily {
        pattern: "ai:generacion:{model}:{hash}",
        kind: KeyType::String,
        ttl_seconds: Some(DAY),
        warmed: true,
    },
    KeyFamily {
        pattern: "ai:tokens:{brand_id}:{month}",
        kind: KeyType::Hash,
        ttl_seconds: Some(30 * DAY),
        warmed: true,
    },
    KeyFamily {
        pattern: "contenido:busqueda:{hash}",
        kind: KeyType::String,
        ttl_seconds: Some(2 * HOUR),
        warmed: true,
    },
    KeyFamily {
        pattern: "etl:delta:{db}:{table}",
        kind: KeyType::String,
        ttl_seconds: Some(22 * MINUTE),
        warmed: true,
    },
    KeyFamily {
        pattern: "estadisticas:campana:{id}",
        kind: KeyType::Hash,
        ttl_seconds: Some(11 * MINUTE),
        warmed: true,
    },
    KeyFamily {
        pattern: "mcp:servidor:{name}",
        kind: KeyType::Hash,
        ttl_seconds: Some(5 * MINUTE),
        warmed: true,
    },
    KeyFamily {
        pattern: "sesion:{user_id}",
        kind: KeyType::Hash,
        ttl_seconds: Some(2 * HOUR),
        warmed: false,
    },
    // The plan gives no TTL; a fixed one-minute window matches the services' per-minute limits.
    KeyFamily {
        pattern: "ratelimit:{service}:{user}",
        kind: KeyType::Counter,
        ttl_seconds: Some(MINUTE),
        warmed: false,
    },
    KeyFamily {
        pattern: "queue:jobs:{type}",
        kind: KeyType::List,
        ttl_seconds: None,
        warmed: false,
    },
    KeyFamily {
        pattern: "job:{id}",
        kind: KeyType::Hash,
        ttl_seconds: Some(DAY),
        warmed: false,
    },
    KeyFamily {
        pattern: "lock:{resource}:{id}",
        kind: KeyType::String,
        ttl_seconds: Some(30),
        warmed: false,
    },
];

/// A key to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Index into [`FAMILIES`].
    pub family: usize,
    /// Full key.
    pub key: String,
    /// Hash fields (for [`KeyType::Hash`]) or one `("", value)` pair for strings.
    pub fields: Vec<(String, String)>,
}

fn family(pattern: &str) -> usize {
    FAMILIES
        .iter()
        .position(|f| f.pattern == pattern)
        .unwrap_or(usize::MAX)
}

fn short_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

fn int(d: &Document, path: &str) -> i64 {
    d.path(path).and_then(Value::as_i64).unwrap_or(0)
}

fn text<'d>(d: &'d Document, path: &str) -> &'d str {
    d.path(path).and_then(Value::as_str).unwrap_or("")
}

fn month_of_millis(ms: i64) -> String {
    let day = ms.div_euclid(86_400_000) as i32;
    calendar::date(day).format("%Y-%m").to_string()
}

/// Every key the warm-up writes, in a deterministic order.
pub fn entries(source: Source<'_>) -> Result<Vec<Entry>> {
    let world = common::world_of(source);
    let collection = |name: &str| -> Result<Vec<Document>> {
        common::documents(source, registry::table(&format!("content.{name}"))?)
    };
    let mut out = Vec::new();

    // estadisticas:campana:{id} — active campaigns, read by the PromptAds dashboard.
    let f = family("estadisticas:campana:{id}");
    for c in world.campaigns.iter().filter(|c| c.active) {
        out.push(Entry {
            family: f,
            key: format!("estadisticas:campana:{}", c.id),
            fields: vec![
                ("brand_id".into(), c.brand_id.to_string()),
                ("budget_cents".into(), c.budget_cents.to_string()),
                ("spend_cents".into(), c.spend_cents.to_string()),
                ("start".into(), calendar::date(c.start).to_string()),
                ("end".into(), calendar::date(c.end).to_string()),
                ("ads".into(), c.ads.to_string()),
                ("linked_clients".into(), c.links.to_string()),
                ("channels".into(), c.channels.len().to_string()),
                ("markets".into(), c.markets.len().to_string()),
            ],
        });
    }

    // etl:delta:{db}:{table} — the watermark the next delta starts from (the as-of date).
    let f = family("etl:delta:{db}:{table}");
    let as_of = calendar::date(calendar::AS_OF).to_string();
    for t in registry::TABLES.iter().filter(|t| !t.is_collection()) {
        out.push(Entry {
            family: f,
            key: format!("etl:delta:{}:{}", t.store, t.name),
            fields: vec![(
                String::new(),
                format!("{{\"watermark\":\"{as_of}T23:59:59Z\"}}"),
            )],
        });
    }

    // mcp:servidor:{name}
    let f = family("mcp:servidor:{name}");
    for d in collection("mcp_servers")? {
        let tools: Vec<&str> = d
            .path("tools")
            .and_then(Value::as_array)
            .unwrap_or(&[])
            .iter()
            .filter_map(|t| t.as_doc().map(|t| text(t, "name")))
            .collect();
        out.push(Entry {
            family: f,
            key: format!("mcp:servidor:{}", text(&d, "name")),
            fields: vec![
                ("name".into(), text(&d, "name").to_string()),
                ("tools".into(), tools.join(",")),
                ("config".into(), d.to_canonical_json()),
            ],
        });
    }

    // api:resultados:{service}:{method}:{hash} and api:stats:{service} from the request log.
    let f_result = family("api:resultados:{service}:{method}:{hash}");
    let f_stats = family("api:stats:{service}");
    let f_tokens = family("ai:tokens:{brand_id}:{month}");
    let brand_of: BTreeMap<i64, i64> = world.campaigns.iter().map(|c| (c.id, c.brand_id)).collect();
    let mut stats: BTreeMap<String, [i64; 5]> = BTreeMap::new();
    let mut tokens: BTreeMap<(i64, String), [i64; 4]> = BTreeMap::new();
    for d in collection("request_log")? {
        let service = text(&d, "service").to_string();
        let method = text(&d, "method");
        let status = int(&d, "status_code");
        let cache_hit = matches!(d.get("cache_hit"), Some(Value::Bool(true)));
        let total = int(&d, "tokens.total");
        let s = stats.entry(service.clone()).or_default();
        s[0] += 1;
        s[1] += i64::from(status >= 300);
        s[2] += i64::from(cache_hit);
        s[3] += total;
        s[4] += int(&d, "latency_ms");
        if total > 0 {
            let brand = brand_of.get(&int(&d, "campaign_id")).copied().unwrap_or(0);
            let month = match d.get("requested_at") {
                Some(Value::Date(ms)) => month_of_millis(*ms),
                _ => String::new(),
            };
            let t = tokens.entry((brand, month)).or_default();
            t[0] += int(&d, "tokens.prompt");
            t[1] += int(&d, "tokens.completion");
            t[2] += total;
            t[3] += 1;
        }
        // Cacheable answers that succeeded (request_log.rs: chat, embeddings, vector query).
        if status < 300 && matches!(method, "chat_completions" | "embeddings" | "query") {
            let request = int(&d, "request_id");
            out.push(Entry {
                family: f_result,
                key: format!(
                    "api:resultados:{service}:{method}:{}",
                    short_hash(&format!("{service}:{method}:{request}"))
                ),
                fields: vec![(
                    String::new(),
                    format!(
                        "{{\"request_id\":{request},\"status_code\":{status},\"tokens\":{total},\"latency_ms\":{}}}",
                        int(&d, "latency_ms")
                    ),
                )],
            });
        }
    }
    for (service, s) in stats {
        out.push(Entry {
            family: f_stats,
            key: format!("api:stats:{service}"),
            fields: [
                "requests",
                "errors",
                "cache_hits",
                "tokens",
                "latency_ms_sum",
            ]
            .iter()
            .zip(s)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        });
    }
    for ((brand, month), t) in tokens {
        out.push(Entry {
            family: f_tokens,
            key: format!("ai:tokens:{brand}:{month}"),
            fields: ["prompt", "completion", "total", "requests"]
                .iter()
                .zip(t)
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        });
    }

    // ai:generacion:{model}:{hash} — the messages generated for each campaign.
    let f = family("ai:generacion:{model}:{hash}");
    for d in collection("campaign_logs")? {
        let populations = match d.get("target_populations") {
            Some(v) => {
                let mut wrapper = Document::new();
                wrapper.put("target_populations", v.clone());
                wrapper.to_canonical_json()
            }
            None => "{}".to_string(),
        };
        let model = text(&d, "generation.model");
        out.push(Entry {
            family: f,
            key: format!(
                "ai:generacion:{model}:{}",
                short_hash(&format!(
                    "{model}:{}:{}",
                    int(&d, "campaign_id"),
                    text(&d, "description")
                ))
            ),
            fields: vec![(String::new(), populations)],
        });
    }

    // contenido:busqueda:{hash} — one cached getContent search per image category.
    let f = family("contenido:busqueda:{hash}");
    let images = collection("images")?;
    let embedder = Embedder::new(world.config.embedding_dims);
    let mut categories: Vec<&str> = images.iter().map(|d| text(d, "category")).collect();
    categories.sort_unstable();
    categories.dedup();
    for category in categories {
        let query = category.replace('_', " ");
        let q = embedder.embed(&query);
        let mut ranked: Vec<(f32, i64)> = images
            .iter()
            .filter(|d| text(d, "category") == category)
            .map(|d| {
                let v: Vec<f32> = d
                    .path("embedding")
                    .and_then(Value::as_array)
                    .unwrap_or(&[])
                    .iter()
                    .map(|x| match x {
                        Value::F64(f) => *f as f32,
                        _ => 0.0,
                    })
                    .collect();
                (Embedder::cosine(&q, &v), int(d, "image_id"))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let ids: Vec<String> = ranked
            .iter()
            .take(SEARCH_TOP_K)
            .map(|(_, id)| id.to_string())
            .collect();
        out.push(Entry {
            family: f,
            key: format!(
                "contenido:busqueda:{}",
                short_hash(&format!("{{\"query\":\"{query}\",\"category\":\"{category}\",\"top_k\":{SEARCH_TOP_K}}}"))
            ),
            fields: vec![(
                String::new(),
                format!(
                    "{{\"query\":\"{query}\",\"category\":\"{category}\",\"image_ids\":[{}]}}",
                    ids.join(",")
                ),
            )],
        });
    }
    Ok(out)
}

/// A connection, with errors that name host and port only.
pub fn connect(url: &str) -> Result<redis::Connection> {
    let client = redis::Client::open(url).map_err(|e| Error::BadEngineUrl {
        flag: "--url",
        engine: ENGINE,
        message: redact(&e.to_string(), url),
        expected: "redis://[USER[:PASSWORD]@]HOST[:PORT][/DB]",
    })?;
    let target = url_target(url, 6379);
    let mut con = client
        .get_connection_with_timeout(Duration::from_secs(10))
        .map_err(|e| classify(&e, url, &target))?;
    // A server that requires a password answers NOAUTH only at the first command.
    redis::cmd("PING")
        .query::<String>(&mut con)
        .map_err(|e| classify(&e, url, &target))?;
    Ok(con)
}

fn classify(e: &redis::RedisError, url: &str, target: &str) -> Error {
    let text = e.to_string();
    if e.kind() == redis::ErrorKind::AuthenticationFailed
        || text.contains("NOAUTH")
        || text.contains("WRONGPASS")
    {
        Error::EngineAuth {
            engine: ENGINE,
            target: target.to_string(),
            hint: " (password from the --url user-info)".to_string(),
        }
    } else if e.is_io_error() || e.is_connection_refusal() || e.is_timeout() {
        Error::EngineUnreachable {
            engine: ENGINE,
            target: target.to_string(),
            message: redact(&text, url),
        }
    } else {
        Error::remote(ENGINE, format!("at {target}"), text, url)
    }
}

/// Keys of the warmed families present on the server (`SCAN MATCH prefix*`).
pub fn existing_keys(con: &mut redis::Connection) -> Result<u64> {
    let mut n = 0;
    for f in FAMILIES.iter().filter(|f| f.warmed) {
        let keys: Vec<String> = con
            .scan_match::<_, String>(format!("{}*", f.prefix()))
            .map_err(|e| Error::remote(ENGINE, "SCAN", e, ""))?
            .take(1)
            .collect();
        n += keys.len() as u64;
    }
    Ok(n)
}

/// Warms the cache: writes every [`entries`] key with its family's TTL.
pub fn load(
    con: &mut redis::Connection,
    source: Source<'_>,
    if_exists: IfExists,
    progress: &dyn LoadProgress,
) -> Result<Vec<TableLoad>> {
    let entries = entries(source)?;
    write(con, &entries, if_exists, progress)
}

/// Commands [`write`] sends for `entries` (hash: `DEL` + `HSET` + `EXPIRE`; string: `SET … EX`).
pub fn commands(entries: &[Entry]) -> u64 {
    entries
        .iter()
        .map(|e| match FAMILIES.get(e.family).map(|f| f.kind) {
            Some(KeyType::Hash) => 3,
            _ => 1,
        })
        .sum()
}

/// Writes prepared entries (see [`load`]); the `--if-exists` decision comes first.
pub fn write(
    con: &mut redis::Connection,
    entries: &[Entry],
    if_exists: IfExists,
    progress: &dyn LoadProgress,
) -> Result<Vec<TableLoad>> {
    if existing_keys(con)? > 0 {
        match if_exists {
            IfExists::Fail => {
                return Err(Error::EngineExists {
                    engine: ENGINE,
                    what: format!("database {}", con.get_db()),
                })
            }
            IfExists::Truncate => {
                let t0 = Instant::now();
                let removed = delete_warmed(con)?;
                progress.step_done(
                    &format!("deleted {removed} cache keys"),
                    t0.elapsed().as_secs_f64(),
                );
            }
            IfExists::Append => {}
        }
    }
    let mut loads: Vec<TableLoad> = Vec::new();
    for (index, fam) in FAMILIES.iter().enumerate().filter(|(_, f)| f.warmed) {
        let started = Instant::now();
        let mine: Vec<&Entry> = entries.iter().filter(|e| e.family == index).collect();
        for chunk in mine.chunks(PIPELINE_KEYS) {
            let mut pipe = redis::pipe();
            for e in chunk {
                match fam.kind {
                    KeyType::Hash => {
                        // Replace, not merge: a re-warm leaves no stale fields behind.
                        pipe.cmd("DEL").arg(&e.key).ignore();
                        let mut cmd = redis::cmd("HSET");
                        cmd.arg(&e.key);
                        for (k, v) in &e.fields {
                            cmd.arg(k).arg(v);
                        }
                        pipe.add_command(cmd).ignore();
                        if let Some(ttl) = fam.ttl_seconds {
                            pipe.cmd("EXPIRE").arg(&e.key).arg(ttl).ignore();
                        }
                    }
                    _ => {
                        let value = e.fields.first().map_or("", |(_, v)| v.as_str());
                        let mut cmd = redis::cmd("SET");
                        cmd.arg(&e.key).arg(value);
                        if let Some(ttl) = fam.ttl_seconds {
                            cmd.arg("EX").arg(ttl);
                        }
                        pipe.add_command(cmd).ignore();
                    }
                }
            }
            pipe.query::<()>(con).map_err(|e| {
                Error::remote(ENGINE, format!("pipeline writing {}", fam.pattern), e, "")
            })?;
        }
        let load = TableLoad {
            table: fam.pattern.to_string(),
            rows: mine.len() as u64,
            seconds: started.elapsed().as_secs_f64(),
        };
        progress.table_done(&load);
        loads.push(load);
    }
    Ok(loads)
}

/// Deletes every key of the warmed families (`SCAN` + `UNLINK`), returning how many.
pub fn delete_warmed(con: &mut redis::Connection) -> Result<u64> {
    let mut removed = 0u64;
    for f in FAMILIES.iter().filter(|f| f.warmed) {
        let keys: Vec<String> = con
            .scan_match::<_, String>(format!("{}*", f.prefix()))
            .map_err(|e| Error::remote(ENGINE, "SCAN", e, ""))?
            .collect();
        for chunk in keys.chunks(PIPELINE_KEYS) {
            let n: u64 = redis::cmd("UNLINK")
                .arg(chunk)
                .query(con)
                .map_err(|e| Error::remote(ENGINE, "UNLINK", e, ""))?;
            removed += n;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use promptsales_core::Config;

    #[test]
    fn every_warmed_family_has_keys_and_ttls_follow_the_plan() {
        let world = promptsales_core::World::new(&Config {
            scale: 0.01,
            ..Config::default()
        });
        let entries = entries(Source::Generate(&world)).expect("entries");
        for (i, f) in FAMILIES.iter().enumerate() {
            let n = entries.iter().filter(|e| e.family == i).count();
            assert_eq!(n > 0, f.warmed, "{}", f.pattern);
        }
        let ttl = |p: &str| FAMILIES[family(p)].ttl_seconds;
        assert_eq!(ttl("estadisticas:campana:{id}"), Some(660));
        assert_eq!(ttl("contenido:busqueda:{hash}"), Some(7200));
        assert_eq!(ttl("mcp:servidor:{name}"), Some(300));
        let active = world.campaigns.iter().filter(|c| c.active).count();
        let stats = entries
            .iter()
            .filter(|e| e.key.starts_with("estadisticas:campana:"))
            .count();
        assert_eq!(stats, active);
        let mut keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n, "keys are unique");
        assert!(entries
            .iter()
            .any(|e| e.key == "mcp:servidor:promptcontent-mcp"));
    }
}
