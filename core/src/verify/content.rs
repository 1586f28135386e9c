//! Checks for the PromptContent store (DESIGN.md §5 point 6 and the collections of issue 3),
//! read back from the BSON dump (or the Extended JSON lines, or Parquet when only that was
//! written). Expected sizes come from DESIGN.md §4; hashtags are checked against the words of
//! their own description; campaign lists are checked against `ads.ads` as written.

use std::collections::{BTreeMap, BTreeSet};

use arrow::array::{Array, AsArray};
use arrow::datatypes::{Float32Type, Int64Type};

use super::{int, text, Dataset, Report};
use crate::catalog::vocab::INDUSTRIES;
use crate::doc::{Document, Value};
use crate::error::{Error, Result};
use crate::world::Counts;

/// An image as read back.
#[derive(Debug, Clone, Default)]
struct ImageRec {
    image_id: i64,
    oid: String,
    description: String,
    hashtags: Vec<String>,
    category: String,
    url: String,
    thumbnail_url: String,
    campaign_ids: Vec<i64>,
    embedding: Vec<f64>,
    approval_status: String,
}

fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn s(d: &Document, path: &str) -> String {
    d.path(path)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn image_from_doc(d: &Document) -> ImageRec {
    ImageRec {
        image_id: d.get("image_id").and_then(Value::as_i64).unwrap_or(-1),
        oid: match d.get("_id") {
            Some(Value::Oid(o)) => crate::gen::content::oid_hex(o),
            _ => String::new(),
        },
        description: s(d, "description"),
        hashtags: strs(d.get("hashtags")),
        category: s(d, "category"),
        url: s(d, "url"),
        thumbnail_url: s(d, "thumbnail_url"),
        campaign_ids: d
            .get("campaign_ids")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|x| x.as_i64().unwrap_or(-1)).collect())
            .unwrap_or_default(),
        embedding: d
            .get("embedding")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|x| match x {
                        Value::F64(f) => *f,
                        _ => f64::NAN,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        approval_status: s(d, "approval.status"),
    }
}

fn images(ds: &Dataset) -> Result<Vec<ImageRec>> {
    if ds.has_documents("content.images") {
        return Ok(ds
            .documents("content.images")?
            .iter()
            .map(image_from_doc)
            .collect());
    }
    let b = ds.read("content.images")?;
    let ids = int(&b, "image_id")?;
    let (oid, desc, cat, url, thumb, status) = (
        text(&b, "_id")?,
        text(&b, "description")?,
        text(&b, "category")?,
        text(&b, "url")?,
        text(&b, "thumbnail_url")?,
        text(&b, "approval_status")?,
    );
    let col = |name: &str| {
        b.column_by_name(name)
            .cloned()
            .ok_or_else(|| Error::dataset("", format!("column {name} missing")))
    };
    let tags = col("hashtags")?;
    let tags = tags
        .as_list_opt::<i32>()
        .ok_or_else(|| Error::dataset("", "hashtags is not a list"))?;
    let camps = col("campaign_ids")?;
    let camps = camps
        .as_list_opt::<i32>()
        .ok_or_else(|| Error::dataset("", "campaign_ids is not a list"))?;
    let emb = col("embedding")?;
    let emb = emb
        .as_fixed_size_list_opt()
        .ok_or_else(|| Error::dataset("", "embedding is not a fixed-size list"))?;
    let mut out = Vec::with_capacity(b.num_rows());
    for i in 0..b.num_rows() {
        let t = tags.value(i);
        let t = t.as_string::<i32>();
        let c = camps.value(i);
        let c = c.as_primitive::<Int64Type>();
        let e = emb.value(i);
        let e = e.as_primitive::<Float32Type>();
        out.push(ImageRec {
            image_id: ids.value(i),
            oid: oid.value(i).to_string(),
            description: desc.value(i).to_string(),
            hashtags: (0..t.len()).map(|k| t.value(k).to_string()).collect(),
            category: cat.value(i).to_string(),
            url: url.value(i).to_string(),
            thumbnail_url: thumb.value(i).to_string(),
            campaign_ids: c.values().to_vec(),
            embedding: e.values().iter().map(|&x| f64::from(x)).collect(),
            approval_status: status.value(i).to_string(),
        });
    }
    Ok(out)
}

/// Documents of a collection, from BSON/JSONL or from the `document` column of its table.
fn documents(ds: &Dataset, table: &str) -> Result<Vec<Document>> {
    if ds.has_documents(table) {
        return ds.documents(table);
    }
    let b = ds.read(table)?;
    let col = text(&b, "document")?;
    (0..col.len())
        .map(|i| {
            Document::from_extended_json(col.value(i))
                .map_err(|e| Error::dataset("", format!("{table} row {i}: {e}")))
        })
        .collect()
}

fn squash(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `tag` (`#GoldenHour`) is spelled by consecutive whole words of `description`.
pub fn tag_in_description(tag: &str, description: &str) -> bool {
    let Some(t) = tag.strip_prefix('#').map(squash) else {
        return false;
    };
    if t.is_empty() {
        return false;
    }
    let words: Vec<String> = description.split_whitespace().map(squash).collect();
    (0..words.len()).any(|i| {
        let mut acc = String::new();
        for w in &words[i..] {
            acc.push_str(w);
            if acc.len() >= t.len() {
                break;
            }
        }
        acc == t
    })
}

fn sample<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .take(5)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

fn verdict<T: std::fmt::Display>(r: &mut Report, name: &str, bad: &[T], ok: String) {
    let detail = if bad.is_empty() {
        ok
    } else {
        format!("{} offenders, e.g. {}", bad.len(), sample(bad))
    };
    r.check(name, bad.is_empty(), detail);
}

/// §5.6 on the images themselves.
pub fn images_check(ds: &Dataset, r: &mut Report) -> Result<()> {
    let imgs = images(ds)?;
    let config = ds.config();
    let expected = Counts::for_scale(config.scale).images;
    r.check(
        "images: max(100, round(100·S))",
        imgs.len() as u64 == expected && expected >= 100,
        format!("{} images (expected {expected})", imgs.len()),
    );
    let ids: Vec<i64> = imgs.iter().map(|i| i.image_id).collect();
    let dense = ids.iter().enumerate().all(|(k, &id)| id == k as i64 + 1);
    r.check(
        "image_id is 1..=N in order",
        dense,
        format!("first {:?}", &ids[..ids.len().min(3)]),
    );
    let oids: BTreeSet<&str> = imgs.iter().map(|i| i.oid.as_str()).collect();
    r.check(
        "_id unique ObjectIds",
        oids.len() == imgs.len() && oids.iter().all(|o| o.len() == 24),
        format!("{} distinct", oids.len()),
    );
    let mut short = Vec::new();
    let mut counts = Vec::new();
    let mut unjustified = Vec::new();
    let mut bad_cat = Vec::new();
    let mut bad_url = Vec::new();
    let mut bad_emb = Vec::new();
    let dims = config.embedding_dims as usize;
    let (mut min_words, mut max_norm_err) = (usize::MAX, 0f64);
    for i in &imgs {
        let words = i.description.split_whitespace().count();
        min_words = min_words.min(words);
        if words < 40 {
            short.push(format!("image {} ({words} words)", i.image_id));
        }
        if !(5..=12).contains(&i.hashtags.len()) {
            counts.push(format!("image {} ({} tags)", i.image_id, i.hashtags.len()));
        }
        let distinct: BTreeSet<&String> = i.hashtags.iter().collect();
        if distinct.len() != i.hashtags.len() {
            counts.push(format!("image {} (duplicate tags)", i.image_id));
        }
        for t in &i.hashtags {
            if !tag_in_description(t, &i.description) {
                unjustified.push(format!("image {} {t}", i.image_id));
            }
        }
        if !INDUSTRIES.iter().any(|ind| ind.key == i.category) {
            bad_cat.push(format!("image {} '{}'", i.image_id, i.category));
        }
        if !i.url.starts_with("https://") || !i.thumbnail_url.starts_with("https://") {
            bad_url.push(format!("image {}", i.image_id));
        }
        let norm = i.embedding.iter().map(|x| x * x).sum::<f64>().sqrt();
        max_norm_err = max_norm_err.max((norm - 1.0).abs());
        if i.embedding.len() != dims || (norm - 1.0).abs() > 1e-4 || !norm.is_finite() {
            bad_emb.push(format!(
                "image {} (dim {}, norm {norm:.6})",
                i.image_id,
                i.embedding.len()
            ));
        }
    }
    verdict(
        r,
        "descriptions have ≥ 40 words",
        &short,
        format!("shortest {min_words} words"),
    );
    verdict(
        r,
        "5–12 distinct hashtags per image",
        &counts,
        "all within 5–12".into(),
    );
    verdict(
        r,
        "every hashtag is spelled by words of its description",
        &unjustified,
        format!(
            "{} hashtags checked",
            imgs.iter().map(|i| i.hashtags.len()).sum::<usize>()
        ),
    );
    verdict(
        r,
        "category is an industry key",
        &bad_cat,
        "12 categories".into(),
    );
    verdict(
        r,
        "https url and thumbnail_url",
        &bad_url,
        "all https".into(),
    );
    verdict(
        r,
        "embeddings L2-normalised with the configured dimension",
        &bad_emb,
        format!("dim {dims}, max |norm−1| = {max_norm_err:.2e}"),
    );
    Ok(())
}

/// Cross-store: every ad's image exists and every image lists exactly the campaigns using it.
pub fn cross_store(ds: &Dataset, r: &mut Report) -> Result<()> {
    let imgs = images(ds)?;
    let ads = ds.read("ads.ads")?;
    let (ad_images, ad_campaigns) = (int(&ads, "image_id")?, int(&ads, "campaign_id")?);
    let mut users: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for k in 0..ads.num_rows() {
        users
            .entry(ad_images.value(k))
            .or_default()
            .insert(ad_campaigns.value(k));
    }
    let known: BTreeSet<i64> = imgs.iter().map(|i| i.image_id).collect();
    let missing: Vec<i64> = users
        .keys()
        .filter(|id| !known.contains(id))
        .copied()
        .collect();
    verdict(
        r,
        "every ads.ads.image_id exists in content.images",
        &missing,
        format!("{} ads, {} distinct images", ads.num_rows(), users.len()),
    );
    let mut wrong = Vec::new();
    let mut unapproved = Vec::new();
    for i in &imgs {
        let expected: Vec<i64> = users
            .get(&i.image_id)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        if i.campaign_ids != expected {
            wrong.push(format!(
                "image {}: {:?} vs ads {:?}",
                i.image_id, i.campaign_ids, expected
            ));
        }
        if !expected.is_empty() && i.approval_status != "approved" {
            unapproved.push(format!("image {} ({})", i.image_id, i.approval_status));
        }
    }
    verdict(
        r,
        "each image's campaign_ids equals the campaigns whose ads use it",
        &wrong,
        format!("{} images", imgs.len()),
    );
    verdict(
        r,
        "images used by ads are approved",
        &unapproved,
        "all approved".into(),
    );
    if ds.has("content.campaign_logs") {
        let mut per_campaign: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
        for k in 0..ads.num_rows() {
            per_campaign
                .entry(ad_campaigns.value(k))
                .or_default()
                .insert(ad_images.value(k));
        }
        let mut bad = Vec::new();
        for d in documents(ds, "content.campaign_logs")? {
            let id = d.get("campaign_id").and_then(Value::as_i64).unwrap_or(-1);
            let got: BTreeSet<i64> = d
                .get("image_ids")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default();
            if per_campaign.get(&id) != Some(&got) {
                bad.push(format!("campaign {id}"));
            }
        }
        verdict(
            r,
            "campaign_logs.image_ids are the campaign's ad images",
            &bad,
            "all match".into(),
        );
    }
    Ok(())
}

/// A string that looks like a real secret: provider key prefixes, PEM blocks, JWTs, or a long
/// high-entropy token.
pub fn key_shaped(s: &str) -> bool {
    let b64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '_' | '-');
    s.contains("-----BEGIN")
        || s.split(|c: char| !b64(c)).any(|tok| {
            let alnum = tok.chars().filter(char::is_ascii_alphanumeric).count();
            (tok.starts_with("sk-") && alnum >= 18)
                || (tok.starts_with("AKIA") && tok.len() >= 20)
                || (tok.starts_with("eyJ") && tok.len() >= 16)
                || tok.split('/').any(|piece| {
                    // A long mixed letter/digit run (path segments of URLs are checked apart).
                    piece.len() >= 32
                        && piece.chars().filter(char::is_ascii_digit).count() >= 4
                        && piece.chars().filter(char::is_ascii_alphabetic).count() >= 4
                        && !piece.contains('-')
                })
        })
}

fn docs_named<'a>(docs: &'a [Document], key: &str) -> BTreeMap<String, &'a Document> {
    docs.iter().map(|d| (s(d, key), d)).collect()
}

/// The collections: services, credentials, request log, campaign logs, MCP servers, secrets.
pub fn collections(ds: &Dataset, r: &mut Report) -> Result<()> {
    let config = ds.config();
    let campaigns = Counts::for_scale(config.scale).campaigns as i64;
    let services = documents(ds, "content.services")?;
    let credentials = documents(ds, "content.credentials")?;
    let requests = documents(ds, "content.request_log")?;
    let logs = documents(ds, "content.campaign_logs")?;
    let servers = documents(ds, "content.mcp_servers")?;

    let post_token = services
        .iter()
        .filter(|d| s(d, "auth.token_endpoint.http_method") == "POST")
        .count();
    let https = services
        .iter()
        .all(|d| s(d, "base_url").starts_with("https://"));
    let env_refs = services.iter().all(|d| {
        strs(d.path("auth.credentials"))
            .iter()
            .all(|c| c.starts_with("env:"))
    });
    r.check(
        "≥ 3 services with https base URLs, env-var credentials, a POST token endpoint",
        services.len() >= 3 && https && env_refs && post_token >= 1,
        format!(
            "{} services, {post_token} with a POST token endpoint",
            services.len()
        ),
    );
    let by_key = docs_named(&services, "key");
    let bad_creds: Vec<String> = credentials
        .iter()
        .filter(|d| {
            !s(d, "encrypted_value").starts_with("PLACEHOLDER-")
                || !s(d, "source").starts_with("env:")
                || !by_key.contains_key(&s(d, "service"))
                || !matches!(
                    (d.path("rotation.last_rotated_at"), d.path("rotation.next_rotation_at")),
                    (Some(Value::Date(a)), Some(Value::Date(b))) if b > a
                )
        })
        .map(|d| s(d, "source"))
        .collect();
    verdict(
        r,
        "credentials are placeholders with env sources and rotation dates",
        &bad_creds,
        format!("{} credentials", credentials.len()),
    );

    // Rate limits: calls per (service, method, minute) within each method's limit.
    let mut limits: BTreeMap<(String, String), i64> = BTreeMap::new();
    for d in &services {
        for m in d.get("methods").and_then(Value::as_array).unwrap_or(&[]) {
            if let Some(m) = m.as_doc() {
                let limit = m
                    .get("rate_limit_per_minute")
                    .and_then(Value::as_i64)
                    .unwrap_or(0);
                limits.insert((s(d, "key"), s(m, "name")), limit);
            }
        }
    }
    let mut per_minute: BTreeMap<(String, String, i64), i64> = BTreeMap::new();
    let mut bad_req = Vec::new();
    for d in &requests {
        let key = (s(d, "service"), s(d, "method"));
        let Some(Value::Date(ms)) = d.get("requested_at") else {
            bad_req.push(format!(
                "request {:?} without requested_at",
                d.get("request_id")
            ));
            continue;
        };
        if !limits.contains_key(&key) {
            bad_req.push(format!("unknown {}.{}", key.0, key.1));
        }
        let tokens = |k: &str| d.path(k).and_then(Value::as_i64).unwrap_or(-1);
        if tokens("tokens.total") != tokens("tokens.prompt") + tokens("tokens.completion")
            || (d.get("cache_hit") == Some(&Value::Bool(true)) && tokens("tokens.total") != 0)
        {
            bad_req.push(format!("request {:?} tokens", d.get("request_id")));
        }
        let c = d.get("campaign_id").and_then(Value::as_i64).unwrap_or(0);
        if !(1..=campaigns).contains(&c) {
            bad_req.push(format!("request for unknown campaign {c}"));
        }
        *per_minute
            .entry((key.0, key.1, ms.div_euclid(60_000)))
            .or_default() += 1;
    }
    let over: Vec<String> = per_minute
        .iter()
        .filter(|((sv, m, _), n)| **n > limits.get(&(sv.clone(), m.clone())).copied().unwrap_or(0))
        .map(|((sv, m, min), n)| format!("{sv}.{m} minute {min}: {n}"))
        .collect();
    verdict(
        r,
        "request_log: known services, consistent tokens and cache hits, known campaigns",
        &bad_req,
        format!("{} requests", requests.len()),
    );
    verdict(
        r,
        "request_log within each method's per-minute rate limit",
        &over,
        format!(
            "busiest minute {} calls",
            per_minute.values().max().copied().unwrap_or(0)
        ),
    );

    let mut bad_logs = Vec::new();
    let mut seen = BTreeSet::new();
    let mut populations = 0;
    for d in &logs {
        let id = d.get("campaign_id").and_then(Value::as_i64).unwrap_or(-1);
        if !seen.insert(id) || !(1..=campaigns).contains(&id) {
            bad_logs.push(format!("campaign {id} (duplicate or unknown)"));
        }
        let pops = d
            .get("target_populations")
            .and_then(Value::as_array)
            .unwrap_or(&[]);
        if pops.is_empty() {
            bad_logs.push(format!("campaign {id} (no population)"));
        }
        for p in pops {
            populations += 1;
            let n = p
                .as_doc()
                .and_then(|p| p.get("messages"))
                .and_then(Value::as_array)
                .map_or(0, |m| m.len());
            if n != 3 {
                bad_logs.push(format!("campaign {id} ({n} messages in a population)"));
            }
        }
    }
    // The generating call's tokens follow from the text: never zero, and the same numbers in
    // the campaign log and in the request log (docs/economics.md, "Text coherence").
    let request_tokens: BTreeMap<i64, (i64, i64)> = requests
        .iter()
        .filter_map(|d| {
            let id = d.get("request_id").and_then(Value::as_i64)?;
            let t = |k: &str| d.path(k).and_then(Value::as_i64).unwrap_or(-1);
            Some((id, (t("tokens.prompt"), t("tokens.completion"))))
        })
        .collect();
    let mut bad_tokens = Vec::new();
    for d in &logs {
        let id = d.get("campaign_id").and_then(Value::as_i64).unwrap_or(-1);
        let Some(req) = d.path("generation.request_id").and_then(Value::as_i64) else {
            continue;
        };
        let t = |k: &str| d.path(k).and_then(Value::as_i64).unwrap_or(-1);
        let logged = (
            t("generation.tokens.prompt"),
            t("generation.tokens.completion"),
        );
        if logged.0 <= 0 || logged.1 <= 0 || request_tokens.get(&req) != Some(&logged) {
            bad_tokens.push(format!("campaign {id} tokens {logged:?}"));
        }
    }
    verdict(
        r,
        "campaign logs: generation tokens > 0 and equal to the request log's",
        &bad_tokens,
        format!("{} logs", logs.len()),
    );
    r.check(
        "one campaign log per campaign",
        logs.len() as i64 == campaigns,
        format!("{} logs, {campaigns} campaigns", logs.len()),
    );
    verdict(
        r,
        "exactly three messages per target population",
        &bad_logs,
        format!("{populations} populations, {} messages", populations * 3),
    );

    let mut bad_mcp = Vec::new();
    for d in &servers {
        let tools: BTreeMap<String, &Document> = d
            .get("tools")
            .and_then(Value::as_array)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_doc)
            .map(|t| (s(t, "name"), t))
            .collect();
        match (
            tools.get("getContent"),
            tools.get("generateCampaignContent"),
        ) {
            (Some(g), Some(c)) => {
                if g.path("backend.vector_index.dimension")
                    .and_then(Value::as_i64)
                    != Some(i64::from(config.embedding_dims))
                {
                    bad_mcp.push("getContent vector dimension".to_string());
                }
                if c.path("output.messages_per_population")
                    .and_then(Value::as_i64)
                    != Some(3)
                {
                    bad_mcp.push("generateCampaignContent messages_per_population".to_string());
                }
            }
            _ => bad_mcp.push(format!("{} lacks a tool", s(d, "name"))),
        }
    }
    if servers.is_empty() {
        bad_mcp.push("no MCP server".into());
    }
    verdict(
        r,
        "MCP server configures getContent and generateCampaignContent",
        &bad_mcp,
        format!("{} server(s)", servers.len()),
    );

    let mut secrets = Vec::new();
    for (name, docs) in [
        ("services", &services),
        ("credentials", &credentials),
        ("request_log", &requests),
        ("campaign_logs", &logs),
        ("mcp_servers", &servers),
    ] {
        for d in docs.iter() {
            let mut all = Vec::new();
            d.0.iter().for_each(|(_, v)| v.strings(&mut all));
            for st in all {
                if key_shaped(st) {
                    secrets.push(format!("{name}: {st}"));
                }
            }
        }
    }
    verdict(
        r,
        "no key-shaped secrets in the content collections",
        &secrets,
        "none found".into(),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_need_whole_consecutive_words() {
        let d = "A surfer couple resting at golden hour on a sunny beach.";
        assert!(tag_in_description("#GoldenHour", d));
        assert!(tag_in_description("#SunnyBeach", d));
        assert!(tag_in_description("#Beach", d));
        assert!(!tag_in_description("#Sun", d));
        assert!(!tag_in_description("#HourGolden", d));
        assert!(!tag_in_description("GoldenHour", d));
        assert!(!tag_in_description("#", d));
    }

    #[test]
    fn secrets_are_recognised() {
        assert!(key_shaped("sk-abcdefghijklmnopqrstuvwx12"));
        assert!(key_shaped("token AKIAABCDEFGHIJKLMNOP"));
        assert!(key_shaped("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc"));
        assert!(key_shaped("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo"));
        assert!(key_shaped("-----BEGIN PRIVATE KEY-----"));
        assert!(!key_shaped("env:OPENAI_API_KEY"));
        assert!(!key_shaped(
            "PLACEHOLDER-NOT-A-SECRET:canva:canva_client_secret"
        ));
        assert!(!key_shaped(
            "https://cdn.promptcontent.example/images/fashion/000001/v1/original.jpg"
        ));
    }
}
