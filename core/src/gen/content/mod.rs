//! PromptContent collections (MongoDB database `promptcontent`). Each collection is a table
//! generator whose rows also turn into documents ([`DocGen`]); nested documents are built from
//! the rows here, purely, and encoded to BSON / Extended JSON by `sink`.

pub mod campaign_logs;
pub mod credentials;
pub mod embed;
pub mod images;
pub mod mcp_servers;
pub mod request_log;
pub mod services;

use crate::doc::Document;
use crate::gen::TableGen;
use crate::rng::Stream;

/// The MongoDB database the content store restores into.
pub const DATABASE: &str = "promptcontent";

/// A table generator whose rows are also MongoDB documents.
pub trait DocGen: TableGen {
    /// The indexes queries need besides `_id_`: `(name, [(field, 1 | -1)], unique)`.
    const INDEXES: &'static [Index];
    /// The document of a row (field order fixed).
    fn document(row: &Self::Row<'_>) -> Document;
}

/// A secondary index of a collection.
#[derive(Debug, Clone, Copy)]
pub struct Index {
    /// Index name, as MongoDB would name it (`hashtags_1`).
    pub name: &'static str,
    /// Key fields and directions.
    pub keys: &'static [(&'static str, i32)],
    /// Unique index.
    pub unique: bool,
}

/// Milliseconds of an epoch day plus seconds into it.
pub fn millis(day: i32, seconds: i64) -> i64 {
    (i64::from(day) * 86_400 + seconds) * 1000
}

/// The deterministic ObjectId of row `key` of `collection`, created at `created_seconds`.
pub fn object_id(seed: u64, collection: &str, created_seconds: i64, key: u64) -> [u8; 12] {
    let tag = Stream::new(collection).hash(seed, 0x0b1d);
    crate::doc::object_id(created_seconds, tag, key)
}

/// Lower-case hex of an ObjectId.
pub fn oid_hex(o: &[u8; 12]) -> String {
    let mut s = String::with_capacity(24);
    for b in o {
        s.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        s.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    s
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::embed::Embedder;
    use super::*;
    use crate::catalog::vocab::image_industry;
    use crate::config::Config;
    use crate::gen::ads::ads::Ads;
    use crate::registry;
    use crate::verify::{key_shaped, tag_in_description};
    use crate::world::World;

    fn world(scale: f64, dims: u32) -> World {
        World::new(&Config {
            scale,
            embedding_dims: dims,
            ..Config::default()
        })
    }

    /// (image_id, category, description, hashtags, campaign_ids, embedding)
    type Img = (i64, String, String, Vec<String>, Vec<i64>, Vec<f32>);

    fn images(w: &World) -> Vec<Img> {
        let mut out = Vec::new();
        images::Images::generate(w, 0..images::Images::units(w), |r| {
            out.push((
                r.image_id,
                r.category.to_string(),
                r.description.to_string(),
                r.hashtags.iter().map(|t| t.to_string()).collect(),
                r.campaign_ids.to_vec(),
                r.embedding.to_vec(),
            ))
        });
        out
    }

    #[test]
    fn same_category_images_are_nearest_neighbours() {
        let w = world(0.01, 384);
        let imgs = images(&w);
        assert_eq!(imgs.len(), 100);
        let mut same = 0;
        for (i, a) in imgs.iter().enumerate() {
            let nearest = imgs
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .max_by(|x, y| {
                    Embedder::cosine(&a.5, &x.1 .5).total_cmp(&Embedder::cosine(&a.5, &y.1 .5))
                })
                .map(|(_, b)| b.1.clone());
            if nearest.as_deref() == Some(a.1.as_str()) {
                same += 1;
            }
        }
        // "Far more often than not": at least 90 of 100.
        assert!(
            same >= 90,
            "only {same}/100 nearest neighbours share the category"
        );
    }

    #[test]
    fn beach_query_ranks_beachwear_first() {
        for dims in [384, 1536] {
            let w = world(0.01, dims);
            let imgs = images(&w);
            let q = Embedder::new(dims).embed("sunny beach summer swimwear");
            let mut ranked: Vec<(f32, &str)> = imgs
                .iter()
                .map(|i| (Embedder::cosine(&q, &i.5), i.1.as_str()))
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
            let beach = imgs.iter().filter(|i| i.1 == "beachwear").count();
            assert!(beach >= 8);
            let top: Vec<&str> = ranked.iter().take(beach).map(|r| r.1).collect();
            assert!(
                top.iter().all(|c| *c == "beachwear"),
                "top {beach} for the beach query: {top:?}"
            );
        }
    }

    #[test]
    fn image_invariants_hold() {
        let w = world(0.05, 1536);
        let imgs = images(&w);
        assert_eq!(imgs.len(), 100);
        // campaign_ids from the ads.ads rows themselves (not from the helper used by images).
        let mut users: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
        Ads::generate(&w, 0..Ads::units(&w), |ad| {
            users.entry(ad.image_id).or_default().insert(ad.campaign_id);
        });
        assert!(users.keys().all(|&id| (1..=100).contains(&id)));
        for (id, cat, desc, tags, campaigns, emb) in &imgs {
            assert_eq!(
                *cat,
                crate::catalog::vocab::INDUSTRIES[image_industry(*id)].key
            );
            assert!(desc.split_whitespace().count() >= 40, "{desc}");
            assert!((5..=12).contains(&tags.len()), "{tags:?}");
            for t in tags {
                assert!(tag_in_description(t, desc), "{t} not in {desc}");
            }
            let expected: Vec<i64> = users
                .get(id)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            assert_eq!(*campaigns, expected, "image {id}");
            assert_eq!(emb.len(), 1536);
            let norm: f32 = emb.iter().map(|x| x * x).sum();
            assert!((norm - 1.0).abs() < 1e-4);
        }
        // Descriptions vary: not one template with one slot.
        let distinct: BTreeSet<&String> = imgs.iter().map(|i| &i.2).collect();
        assert_eq!(distinct.len(), 100);
        let openings: BTreeSet<&str> = imgs
            .iter()
            .map(|i| i.2.split_whitespace().next().unwrap_or(""))
            .collect();
        assert!(openings.len() >= 3, "{openings:?}");
    }

    #[test]
    fn collections_hold_their_rules() {
        let w = world(0.02, 384);
        let docs = |name: &str| {
            let t = registry::table(name).unwrap();
            t.documents(&w, 0..t.units(&w))
        };
        let logs = docs("content.campaign_logs");
        assert_eq!(logs.len() as u64, w.counts.campaigns);
        for d in &logs {
            let pops = d.get("target_populations").unwrap().as_array().unwrap();
            assert!((2..=4).contains(&pops.len()));
            for p in pops {
                let msgs = p
                    .as_doc()
                    .unwrap()
                    .get("messages")
                    .unwrap()
                    .as_array()
                    .unwrap();
                assert_eq!(msgs.len(), 3);
            }
        }
        let services = docs("content.services");
        assert!(services.len() >= 3);
        let post_tokens = services
            .iter()
            .filter(|d| {
                d.path("auth.token_endpoint.http_method")
                    .and_then(|v| v.as_str())
                    == Some("POST")
            })
            .count();
        assert!(post_tokens >= 2);
        for name in [
            "content.services",
            "content.credentials",
            "content.request_log",
            "content.campaign_logs",
            "content.mcp_servers",
        ] {
            for d in docs(name) {
                let mut strings = Vec::new();
                d.0.iter().for_each(|(_, v)| v.strings(&mut strings));
                assert!(strings.iter().all(|s| !key_shaped(s)), "{name}");
            }
        }
        // Every generated request is within its method's per-minute limit.
        let mut per_minute: BTreeMap<(usize, usize, i64), i32> = BTreeMap::new();
        for i in 0..w.campaigns.len() {
            for c in request_log::call_plan(&w, i) {
                *per_minute
                    .entry((c.service, c.method, c.at / 60))
                    .or_default() += 1;
            }
        }
        for ((s, m, _), n) in per_minute {
            assert!(n <= services::SERVICES[s].methods[m].per_minute);
        }
    }

    #[test]
    fn bson_parts_concatenate_to_the_whole() {
        let w = world(0.03, 384);
        for t in registry::tables_of(&[crate::config::Store::Content]) {
            let whole: Vec<u8> = t
                .documents(&w, 0..t.units(&w))
                .iter()
                .flat_map(|d| d.to_bson())
                .collect();
            let mut parts = Vec::new();
            for k in 1..=3 {
                let r = crate::config::Partition::new(k, 3)
                    .unwrap()
                    .row_range(t.units(&w));
                parts.extend(t.documents(&w, r).iter().flat_map(|d| d.to_bson()));
            }
            assert_eq!(parts, whole, "{}", t.name);
            let decoded = crate::doc::decode_all(&whole).unwrap();
            assert_eq!(decoded.len() as u64, t.count(&w, 0..t.units(&w)));
        }
    }
}
