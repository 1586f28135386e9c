//! The PromptContent MCP server's tools over the embedded backend: `getContent` (brute-force
//! cosine over every image's description embedding, with the generator's own embedder) and
//! `generateCampaignContent` (the request and a campaign log with exactly three messages per
//! target population, written to a local folder).
//!
//! Names, arguments and defaults are those of the `mcp_servers` collection
//! (`core/src/gen/content/mcp_servers.rs`, documented in `docs/content.md`).

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use promptsales_core::catalog::channels;
use promptsales_core::catalog::markets::MARKETS;
use promptsales_core::catalog::vocab::{CTAS, INDUSTRIES};
use promptsales_core::gen::ads::brands::brand_name;
use promptsales_core::gen::ads::campaigns::campaign_name;
use promptsales_core::gen::content::campaign_logs::{MESSAGES_PER_POPULATION, MODEL};
use promptsales_core::gen::content::embed::Embedder;
use promptsales_core::gen::content::images::Images;
use promptsales_core::gen::TableGen;
use promptsales_core::World;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::args::{clip, Args};
use crate::error::{Error, Result, ToolError};

/// `getContent`'s default and largest `top_k` (the `mcp_servers` input schema: 1–50, default 10).
pub const DEFAULT_TOP_K: i64 = 10;
/// Largest `top_k`.
pub const MAX_TOP_K: i64 = 50;
/// Characters of the description returned with each image.
pub const EXCERPT_CHARS: usize = 160;
/// Most target populations one call may ask for (the generator writes 2–4 per campaign).
pub const MAX_POPULATIONS: usize = 10;
/// The tones of the three messages, as in `content.campaign_logs`.
pub const TONES: [&str; MESSAGES_PER_POPULATION] = ["informativo", "emocional", "urgencia"];

/// One image as the search sees it.
#[derive(Debug, Clone)]
pub struct ImageEntry {
    /// `image_id` (the ids `ads.ads` uses).
    pub image_id: i64,
    /// Industry key.
    pub category: &'static str,
    /// CDN URL.
    pub url: String,
    /// Full description.
    pub description: String,
    /// Hashtags, with `#`.
    pub hashtags: Vec<String>,
    /// L2-normalised embedding.
    pub embedding: Vec<f32>,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Image.
    pub image_id: i64,
    /// Cosine similarity to the query.
    pub score: f32,
}

/// The images of a world and the embedder that indexed them.
#[derive(Debug)]
pub struct ContentIndex {
    embedder: Embedder,
    images: Vec<ImageEntry>,
}

impl ContentIndex {
    /// Generates every image of `world` (descriptions, hashtags, embeddings) in memory.
    pub fn new(world: &World) -> Self {
        let mut images = Vec::with_capacity(world.counts.images as usize);
        Images::generate(world, 0..Images::units(world), |r| {
            images.push(ImageEntry {
                image_id: r.image_id,
                category: r.category,
                url: r.url.to_string(),
                description: r.description.to_string(),
                hashtags: r.hashtags.iter().map(|h| h.to_string()).collect(),
                embedding: r.embedding.to_vec(),
            })
        });
        ContentIndex {
            embedder: Embedder::new(world.config.embedding_dims),
            images,
        }
    }

    /// Every image, by ascending id.
    pub fn images(&self) -> &[ImageEntry] {
        &self.images
    }

    /// The image `id`, if it exists.
    pub fn image(&self, id: i64) -> Option<&ImageEntry> {
        usize::try_from(id - 1)
            .ok()
            .and_then(|i| self.images.get(i))
            .filter(|e| e.image_id == id)
    }

    /// Embeds `query` with the generator's embedder.
    pub fn embed(&self, query: &str) -> Vec<f32> {
        self.embedder.embed(query)
    }

    /// The `top_k` images most similar to `query` (exact cosine over all images), optionally
    /// only of `category` and carrying every tag of `hashtags`; ties by ascending id.
    pub fn search(
        &self,
        query: &str,
        category: Option<&str>,
        hashtags: &[String],
        top_k: usize,
    ) -> Vec<Hit> {
        let q = self.embed(query);
        let mut hits: Vec<Hit> = self
            .images
            .iter()
            .filter(|e| category.is_none_or(|c| e.category == c))
            .filter(|e| {
                hashtags
                    .iter()
                    .all(|t| e.hashtags.iter().any(|h| h.eq_ignore_ascii_case(t)))
            })
            .map(|e| Hit {
                image_id: e.image_id,
                score: Embedder::cosine(&q, &e.embedding),
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.image_id.cmp(&b.image_id))
        });
        hits.truncate(top_k);
        hits
    }
}

/// The Redis key `getContent` results are cached under in the live backend: the
/// `contenido:busqueda:{hash}` family of docs/redis.md, `{hash}` = the first 8 bytes of the
/// SHA-256 of the canonical request, hex (the same function the warm-up uses,
/// loaders/src/redis/mod.rs).
pub fn search_cache_key(query: &str, category: Option<&str>, top_k: usize) -> String {
    let canonical = format!(
        "{{\"query\":\"{query}\",\"category\":\"{}\",\"top_k\":{top_k}}}",
        category.unwrap_or("")
    );
    cache_key_of(&canonical)
}

/// `contenido:busqueda:` + the first 8 bytes of the SHA-256 of a canonical request, hex.
pub(crate) fn cache_key_of(canonical: &str) -> String {
    let digest = Sha256::digest(canonical.as_bytes());
    digest
        .iter()
        .take(8)
        .fold(String::from("contenido:busqueda:"), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The first `EXCERPT_CHARS` characters of a description, cut at a word boundary.
pub fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end_matches([',', ';', ':']))
}

/// Where generated campaign logs and the request log go.
#[derive(Debug)]
pub enum LogSink {
    /// Embedded mode: `<dir>/request_log.jsonl` (one line per request) and
    /// `<dir>/campaign_logs/<request_id>.json` (written to a temporary name, then renamed).
    Folder(PathBuf),
}

/// The content server's state.
#[derive(Debug)]
pub struct ContentService {
    world: Arc<World>,
    index: ContentIndex,
    sink: LogSink,
    requests: AtomicU64,
    log_lock: Mutex<()>,
}

/// Argument names of `getContent`.
const GET_CONTENT_ARGS: [&str; 4] = ["query", "category", "hashtags", "top_k"];
/// Argument names of `generateCampaignContent`.
const GENERATE_ARGS: [&str; 3] = ["campaign_id", "description", "populations"];
/// Keys of a population object.
const POPULATION_KEYS: [&str; 5] = ["name", "age_min", "age_max", "gender", "markets"];

impl ContentService {
    /// A service over `world`, logging to `sink` (the folder is created if missing).
    pub fn new(world: Arc<World>, sink: LogSink) -> Result<Self> {
        let LogSink::Folder(dir) = &sink;
        let logs = dir.join("campaign_logs");
        fs::create_dir_all(&logs).map_err(|e| Error::io(&logs, e))?;
        let index = ContentIndex::new(&world);
        Ok(ContentService {
            world,
            index,
            sink,
            requests: AtomicU64::new(0),
            log_lock: Mutex::new(()),
        })
    }

    /// The image index.
    pub fn index(&self) -> &ContentIndex {
        &self.index
    }

    /// `getContent`.
    pub fn get_content(&self, args: &Map<String, Value>) -> Result<Value, ToolError> {
        let req = SearchRequest::parse(args)?;
        let hits = self
            .index
            .search(req.query, req.category, &req.hashtags, req.top_k);
        let images: Vec<Value> = hits
            .iter()
            .filter_map(|h| {
                let e = self.index.image(h.image_id)?;
                Some(image_json(
                    e.image_id,
                    &e.url,
                    e.category,
                    &e.description,
                    h.score,
                    &e.hashtags,
                ))
            })
            .collect();
        Ok(search_answer(req.query, req.category, images))
    }

    /// `generateCampaignContent`: validates, composes three messages per population, persists
    /// the request and the campaign log, and returns the log.
    pub fn generate_campaign_content(&self, args: &Map<String, Value>) -> Result<Value, ToolError> {
        let req = GenerateRequest::parse(args, self.world.campaigns.len() as i64)?;
        let index = (req.campaign_id - 1) as usize;
        let c = self.world.campaign(index);
        let mut name = String::new();
        campaign_name(&self.world, index, &mut name);
        let mut brand = String::new();
        brand_name(&self.world, c.brand_id, &mut brand);
        let brief = CampaignBrief {
            campaign_id: req.campaign_id,
            brand_id: c.brand_id,
            name,
            brand,
            category: INDUSTRIES[c.industry].key.to_string(),
            channels: c
                .channels
                .iter()
                .map(|&ch| channels::channel(ch as usize).name.to_string())
                .collect(),
            cities: c
                .markets
                .iter()
                .map(|&m| MARKETS[m as usize].city.to_string())
                .collect(),
        };
        // Images: the campaign description searched within the campaign's own category, so
        // every message carries an image getContent would return for it.
        let images: Vec<i64> = self
            .index
            .search(
                req.description(&brief),
                Some(brief.category.as_str()),
                &[],
                MESSAGES_PER_POPULATION,
            )
            .iter()
            .map(|h| h.image_id)
            .collect();
        let seq = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let request_id = request_id(seq);
        let log = compose_log(&brief, &req, &images, &request_id);
        let stored = self
            .persist(&request_id, args, &log)
            .map_err(|e| ToolError(format!("could not store the campaign log: {e}")))?;
        let mut log = log;
        if let Value::Object(m) = &mut log {
            m.insert("stored_at".into(), Value::String(stored));
        }
        Ok(log)
    }

    fn persist(&self, request_id: &str, args: &Map<String, Value>, log: &Value) -> Result<String> {
        let LogSink::Folder(dir) = &self.sink;
        let path = dir.join("campaign_logs").join(format!("{request_id}.json"));
        write_atomic(&path, &serde_json::to_vec_pretty(log).unwrap_or_default())?;
        let line = json!({
            "request_id": request_id,
            "tool": "generateCampaignContent",
            "arguments": Value::Object(args.clone()),
            "campaign_log": path.file_name().map(|f| f.to_string_lossy().into_owned()),
        });
        let request_log = dir.join("request_log.jsonl");
        // One writer at a time so concurrent requests never interleave lines.
        let _guard = self.log_lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut f = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&request_log)
            .map_err(|e| Error::io(&request_log, e))?;
        writeln!(f, "{line}").map_err(|e| Error::io(&request_log, e))?;
        Ok(path.display().to_string())
    }
}

/// A validated `getContent` call.
#[derive(Debug)]
pub struct SearchRequest<'a> {
    /// The text to match.
    pub query: &'a str,
    /// Only images of this industry key.
    pub category: Option<&'static str>,
    /// Only images carrying every one of these tags (with `#`).
    pub hashtags: Vec<String>,
    /// How many images.
    pub top_k: usize,
}

impl<'a> SearchRequest<'a> {
    /// Validates `getContent`'s arguments.
    pub fn parse(args: &'a Map<String, Value>) -> Result<Self, ToolError> {
        let a = Args::new(args, &GET_CONTENT_ARGS)?;
        let query = a.text("query")?;
        let categories: Vec<&'static str> = INDUSTRIES.iter().map(|i| i.key).collect();
        let category = match a.opt_text("category")? {
            None => None,
            Some(_) => Some(a.choice("category", &categories, None)?),
        };
        let hashtags: Vec<String> = a
            .strings("hashtags", 12)?
            .into_iter()
            .map(|t| {
                if t.starts_with('#') {
                    t.to_string()
                } else {
                    format!("#{t}")
                }
            })
            .collect();
        let top_k = a.int("top_k", 1, MAX_TOP_K, Some(DEFAULT_TOP_K))? as usize;
        Ok(SearchRequest {
            query,
            category,
            hashtags,
            top_k,
        })
    }
}

/// One image of a `getContent` answer.
pub fn image_json(
    image_id: i64,
    url: &str,
    category: &str,
    description: &str,
    score: f32,
    hashtags: &[String],
) -> Value {
    json!({
        "image_id": image_id,
        "url": url,
        "category": category,
        "description_excerpt": excerpt(description),
        "score": round6(f64::from(score)),
        "hashtags": hashtags,
    })
}

/// A `getContent` answer.
pub fn search_answer(query: &str, category: Option<&str>, images: Vec<Value>) -> Value {
    json!({
        "query": query,
        "category": category,
        "count": images.len(),
        "images": images,
    })
}

/// What `generateCampaignContent` needs to know of a campaign (embedded: the world's plan;
/// live: the loaded ads tables).
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignBrief {
    /// `campaign_id`.
    pub campaign_id: i64,
    /// Brand.
    pub brand_id: i64,
    /// `ads.campaigns.name`.
    pub name: String,
    /// `ads.brands.name`.
    pub brand: String,
    /// Industry key (`ads.brands.industry`).
    pub category: String,
    /// Channel names, by ascending channel id.
    pub channels: Vec<String>,
    /// Market cities, by ascending market id.
    pub cities: Vec<String>,
}

/// A validated `generateCampaignContent` call.
#[derive(Debug)]
pub struct GenerateRequest<'a> {
    /// Campaign.
    pub campaign_id: i64,
    description: Option<&'a str>,
    populations: Vec<Population>,
}

impl<'a> GenerateRequest<'a> {
    /// Validates the arguments against campaign ids `1..=campaigns`.
    pub fn parse(args: &'a Map<String, Value>, campaigns: i64) -> Result<Self, ToolError> {
        let a = Args::new(args, &GENERATE_ARGS)?;
        let campaign_id = a.int("campaign_id", 1, campaigns.max(1), None)?;
        let description = a.opt_text("description")?;
        let populations = a
            .objects("populations", (1, MAX_POPULATIONS))?
            .into_iter()
            .enumerate()
            .map(|(i, p)| population(i, p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(GenerateRequest {
            campaign_id,
            description,
            populations,
        })
    }

    /// The description, or (none given: the mcp_servers schema makes only campaign_id and
    /// populations required) the campaign's own name.
    pub fn description<'b>(&'b self, brief: &'b CampaignBrief) -> &'b str {
        self.description.unwrap_or(brief.name.as_str())
    }
}

/// The campaign log: three messages per population, each with a channel of the campaign and
/// one of `image_ids` (the description's best images in the campaign's category).
pub fn compose_log(
    brief: &CampaignBrief,
    req: &GenerateRequest<'_>,
    image_ids: &[i64],
    request_id: &str,
) -> Value {
    let description = req.description(brief).to_string();
    let brand = &brief.brand;
    let focus = focus_of(&description);
    let cities = &brief.cities;
    let mut out_pops = Vec::with_capacity(req.populations.len());
    for (p, pop) in req.populations.iter().enumerate() {
        let city = pop
            .markets
            .first()
            .or_else(|| cities.get(p % cities.len().max(1)))
            .cloned()
            .unwrap_or_default();
        let messages: Vec<Value> = TONES
            .iter()
            .enumerate()
            .map(|(t, tone)| {
                let cta = CTAS[(p + t) % CTAS.len()];
                let who = pop.name.to_lowercase();
                let text = match t {
                    0 => format!("{brand}: {focus}. Pensado para {who} en {city}. {cta}."),
                    1 => {
                        format!(
                            "Porque te lo mereces: {focus}, para tu día a día en {city}. {cta}."
                        )
                    }
                    _ => {
                        format!("¡Últimos días! {focus} con {brand}. {cta} antes de que se acabe.")
                    }
                };
                let channel = brief
                    .channels
                    .get((p + t) % brief.channels.len().max(1))
                    .map_or("", String::as_str);
                let image = image_ids.get(t % image_ids.len().max(1));
                json!({
                    "message_no": t + 1,
                    "tone": tone,
                    "channel": channel,
                    "text": text,
                    "image_id": image,
                })
            })
            .collect();
        out_pops.push(json!({
            "population_no": p + 1,
            "name": pop.name,
            "age_range": {"min": pop.age_min, "max": pop.age_max},
            "gender": pop.gender,
            "markets": if pop.markets.is_empty() { cities.clone() } else { pop.markets.clone() },
            "messages": messages,
        }));
    }
    json!({
        "request_id": request_id,
        "campaign_id": brief.campaign_id,
        "brand_id": brief.brand_id,
        "campaign_name": brief.name,
        "description": description,
        "category": brief.category,
        "image_ids": image_ids,
        "target_populations": out_pops,
        "generation": {
            "tool": "generateCampaignContent",
            "model": MODEL,
            "backend": "template composer (no model call)",
            "messages_per_population": MESSAGES_PER_POPULATION,
        },
    })
}

/// A requested target population.
#[derive(Debug)]
struct Population {
    name: String,
    age_min: Option<i64>,
    age_max: Option<i64>,
    gender: &'static str,
    markets: Vec<String>,
}

fn population(i: usize, p: &Map<String, Value>) -> Result<Population, ToolError> {
    let at = |e: ToolError| ToolError(format!("populations[{i}]: {}", e.0));
    let a = Args::new(p, &POPULATION_KEYS).map_err(at)?;
    let name = a.text("name").map_err(at)?;
    if name.chars().count() > 200 {
        return Err(at(ToolError::arg("name", "must be at most 200 characters")));
    }
    let age_min = match p.get("age_min") {
        Some(_) => Some(a.int("age_min", 13, 100, None).map_err(at)?),
        None => None,
    };
    let age_max = match p.get("age_max") {
        Some(_) => Some(a.int("age_max", 13, 100, None).map_err(at)?),
        None => None,
    };
    if let (Some(lo), Some(hi)) = (age_min, age_max) {
        if lo > hi {
            return Err(at(ToolError::arg(
                "age_min",
                format!("must not exceed age_max (got {lo} > {hi})"),
            )));
        }
    }
    let gender = a
        .choice("gender", &["all", "female", "male"], Some("all"))
        .map_err(at)?;
    let markets = a
        .strings("markets", 31)
        .map_err(at)?
        .into_iter()
        .map(str::to_string)
        .collect();
    Ok(Population {
        name: name.to_string(),
        age_min,
        age_max,
        gender,
        markets,
    })
}

/// The message's subject: the description's first sentence, at most 90 characters at a word
/// boundary, without a trailing period.
pub fn focus_of(description: &str) -> String {
    let first = description
        .split(['.', '!', '?', '\n'])
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or(description.trim());
    let mut s = if first.chars().count() > 90 {
        let cut: String = first.chars().take(90).collect();
        let end = cut.rfind(' ').unwrap_or(cut.len());
        cut[..end].to_string()
    } else {
        first.to_string()
    };
    s = s.trim_end_matches([',', ';', ':', ' ']).to_string();
    if s.is_empty() {
        clip(description)
    } else {
        s
    }
}

/// A request id unique per process and call: `req-<unix ms>-<pid>-<seq>`.
pub fn request_id(seq: u64) -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    format!("req-{millis}-{}-{seq}", std::process::id())
}

/// Writes `bytes` to `path` through a temporary name in the same folder, then renames it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("json.tmp");
    fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

/// Rounds to 6 decimals (scores and rates: enough to rank, short to read).
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
