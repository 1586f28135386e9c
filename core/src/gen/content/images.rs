//! `content.images`: the creatives the ads use. Image `i` belongs to category
//! `image_industry(i)` (an industry key); its description is one scene composed from the
//! category's subjects, products, settings, details and audiences and the shared styles,
//! palettes, moods and light, in one of several sentence plans; every hashtag comes from a concept
//! the description mentions. `campaign_ids` is recomputed from the world with
//! [`ad_image`], never read from output.

use std::fmt::Write;
use std::ops::Range;

use crate::catalog::calendar::WINDOW_START;
use crate::catalog::imagery::{Concept, IMAGERY, LIGHT, MOODS, PALETTES, PLACEMENTS, STYLES};
use crate::catalog::vocab::{image_industry, INDUSTRIES};
use crate::doc::{Document, Value};
use crate::gen::ads::ads::ad_image;
use crate::gen::content::embed::Embedder;
use crate::gen::content::{millis, object_id, oid_hex, DocGen, Index};
use crate::gen::TableGen;
use crate::rng::{RowRng, Stream};
use crate::world::World;

/// Fewest hashtags per image.
pub const MIN_HASHTAGS: usize = 5;
/// Most hashtags per image.
pub const MAX_HASHTAGS: usize = 12;
/// Fewest words per description.
pub const MIN_DESCRIPTION_WORDS: usize = 40;
/// CDN the image URLs point to (a reserved `.example` domain: nothing resolves).
pub const CDN: &str = "https://cdn.promptcontent.example";

/// Licences: name, share percent, validity in days (`None` = perpetual) (assumption).
const LICENSES: [(&str, u32, Option<i32>); 4] = [
    ("royalty-free standard (stock)", 45, None),
    ("commissioned full buyout", 25, None),
    ("rights-managed, 12 months", 20, Some(365)),
    ("rights-managed, 24 months", 10, Some(730)),
];

/// Cuts: width, height.
const SIZES: [(i32, i32); 4] = [(1080, 1080), (1080, 1350), (1920, 1080), (1080, 1920)];
/// File formats and bytes per pixel after compression (typical JPEG/WebP/PNG ratios, assumption).
const FILE_FORMATS: [(&str, f64); 3] = [("jpeg", 0.28), ("webp", 0.18), ("png", 1.1)];
/// Approval statuses of images no ad uses.
const UNUSED_STATUSES: [&str; 4] = ["approved", "pending_review", "rejected", "archived"];
/// What each new version changed.
const VERSION_CHANGES: [&str; 4] = [
    "original upload",
    "colour correction",
    "crop for vertical placements",
    "logo and copy-safe area added",
];

/// One image.
#[derive(Debug)]
pub struct ImageRow<'a> {
    /// Key used by `ads.ads.image_id` (1..=images).
    pub image_id: i64,
    /// MongoDB `_id`.
    pub object_id: [u8; 12],
    /// The scene, ≥ 40 words.
    pub description: &'a str,
    /// 5–12 hashtags, each spelled by words of the description.
    pub hashtags: &'a [&'static str],
    /// Industry key.
    pub category: &'static str,
    /// Full-size URL on the CDN.
    pub url: &'a str,
    /// Thumbnail URL on the CDN.
    pub thumbnail_url: &'a str,
    /// Pixels.
    pub width: i32,
    /// Pixels.
    pub height: i32,
    /// `jpeg`, `webp` or `png`.
    pub file_format: &'static str,
    /// File size.
    pub file_bytes: i64,
    /// Dominant colours, hex.
    pub dominant_colors: &'a [&'static str],
    /// Usage licence.
    pub license: &'static str,
    /// Last day the licence allows use (epoch day), `None` when perpetual.
    pub license_expires_on: Option<i32>,
    /// Approval status (`approved` whenever an ad uses the image).
    pub approval_status: &'static str,
    /// Current version (1–4).
    pub version: i32,
    /// Campaigns whose ads use the image, ascending.
    pub campaign_ids: &'a [i64],
    /// L2-normalised description embedding.
    pub embedding: &'a [f32],
    /// Vector id in the vector index.
    pub vector_id: &'a str,
    /// Upload time, seconds since the epoch (UTC).
    pub created_at: i64,
    /// Last version time.
    pub updated_at: i64,
}

/// Generator of `content.images` (unit: image).
#[derive(Debug)]
pub struct Images;

const S_IMAGE: Stream = Stream::new("content.images");

/// For every image (index `image_id - 1`), the campaigns whose ads use it, ascending.
pub fn image_campaigns(world: &World) -> Vec<Vec<i64>> {
    let mut out = vec![Vec::new(); world.counts.images as usize];
    for (index, c) in world.campaigns.iter().enumerate() {
        for a in 0..u64::from(c.ads) {
            let ad_id = (world.ad_offsets[index] + a + 1) as i64;
            let image = ad_image(world, index, ad_id);
            if let Some(list) = out.get_mut((image - 1) as usize) {
                if list.last() != Some(&c.id) {
                    list.push(c.id);
                }
            }
        }
    }
    out
}

fn pick<T: Copy>(rng: &mut RowRng, list: &[T]) -> T {
    list[rng.index(list.len())]
}

fn capitalise(s: &str, out: &mut String) {
    let mut chars = s.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
}

fn article(noun: &str) -> &'static str {
    match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    }
}

/// The concepts one image shows.
#[derive(Debug, Clone, Copy)]
struct Scene {
    noun: Concept,
    subject: Concept,
    product: Concept,
    setting: Concept,
    detail: Concept,
    audience: Concept,
    style: Concept,
    palette: (&'static str, &'static str, [&'static str; 3]),
    mood: Concept,
    light: Concept,
}

fn scene(rng: &mut RowRng, industry: usize) -> Scene {
    let im = &IMAGERY[industry];
    Scene {
        noun: im.noun,
        subject: pick(rng, im.subjects),
        product: pick(rng, im.products),
        setting: pick(rng, im.settings),
        detail: pick(rng, im.details),
        audience: pick(rng, im.audiences),
        style: pick(rng, &STYLES),
        palette: pick(rng, &PALETTES),
        mood: pick(rng, &MOODS),
        light: pick(rng, &LIGHT),
    }
}

/// Writes the description of a scene in one of three sentence plans.
fn describe(rng: &mut RowRng, s: &Scene, out: &mut String) {
    out.clear();
    let (noun, subject, product, setting) = (s.noun.0, s.subject.0, s.product.0, s.setting.0);
    let (detail, audience, style, mood, light) =
        (s.detail.0, s.audience.0, s.style.0, s.mood.0, s.light.0);
    let palette = s.palette.0;
    let a = article(product);
    let ma = article(mood);
    match rng.index(3) {
        0 => {
            capitalise(style, out);
            let _ = write!(
                out,
                " of {subject} with {a} {product} {setting}, {light}. The palette of {palette} keeps \
                 the frame {mood}, with {detail} in the foreground. "
            );
        }
        1 => {
            let _ = write!(
                out,
                "In this {style} {light}, we see {subject} with {a} {product} {setting}. With \
                 {detail} in the foreground, {palette} give the scene {ma} {mood} feel. "
            );
        }
        _ => {
            let _ = write!(
                out,
                "Captured as {style} {light}, the scene shows {subject} with {a} {product} \
                 {setting}. Around the product, {detail} and {palette} make the mood {mood} and \
                 inviting. "
            );
        }
    }
    let side = pick(rng, &["left", "right", "upper third", "lower third"]);
    let _ = write!(
        out,
        "Made for a {noun} campaign aimed at {audience}, the image leaves clean space on the \
         {side} for a headline and a call to action, and is cut for {}.",
        pick(rng, &PLACEMENTS)
    );
}

/// The hashtags of a scene: category and product first, then a draw of the others (5–12).
fn hashtags(rng: &mut RowRng, s: &Scene, out: &mut Vec<&'static str>) {
    out.clear();
    let mut others = [
        s.setting.1,
        s.subject.1,
        s.audience.1,
        s.style.1,
        s.palette.1,
        s.mood.1,
        s.light.1,
        s.detail.1,
    ];
    // Fisher–Yates with the row's stream, so the kept tags vary.
    for i in (1..others.len()).rev() {
        others.swap(i, rng.index(i + 1));
    }
    let keep = 3 + rng.index(others.len() - 2); // 3..=8 others → 5..=10 tags
    for t in [s.noun.1, s.product.1].into_iter().chain(others) {
        if out.len() == 2 + keep {
            break;
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
}

impl TableGen for Images {
    type Row<'a> = ImageRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.images
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&ImageRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let seed = world.config.seed;
        let usage = image_campaigns(world);
        let embedder = Embedder::new(world.config.embedding_dims);
        let (mut description, mut url, mut thumb, mut vector_id) =
            (String::new(), String::new(), String::new(), String::new());
        let mut tags = Vec::with_capacity(MAX_HASHTAGS);
        for u in units {
            let image_id = u as i64 + 1;
            let industry = image_industry(image_id);
            let mut rng = S_IMAGE.rng(seed, image_id as u64);
            let sc = scene(&mut rng, industry);
            describe(&mut rng, &sc, &mut description);
            hashtags(&mut rng, &sc, &mut tags);
            let embedding = embedder.embed(&description);
            let campaign_ids = usage.get(u as usize).map(Vec::as_slice).unwrap_or(&[]);

            // Uploaded in the half year before the window, so before any campaign uses it.
            let created_day = WINDOW_START - 1 - rng.between(0, 180) as i32;
            let created_at = i64::from(created_day) * 86_400 + rng.between(8 * 3600, 18 * 3600);
            let version = 1 + rng.index(VERSION_CHANGES.len()) as i32;
            let updated_at = created_at + i64::from(version - 1) * rng.between(3_600, 5 * 86_400);
            let (width, height) = pick(&mut rng, &SIZES);
            let (file_format, bpp) = pick(&mut rng, &FILE_FORMATS);
            let file_bytes =
                (f64::from(width) * f64::from(height) * bpp * rng.uniform(0.8, 1.25)) as i64;
            let l = rng.pick_cumulative(&[45, 70, 90, 100]);
            let (license, _, validity) = LICENSES[l];
            let approval_status = if campaign_ids.is_empty() {
                pick(&mut rng, &UNUSED_STATUSES)
            } else {
                "approved"
            };
            let category = INDUSTRIES[industry].key;
            let ext = if file_format == "jpeg" {
                "jpg"
            } else {
                file_format
            };
            url.clear();
            let _ = write!(
                url,
                "{CDN}/images/{category}/{image_id:06}/v{version}/original.{ext}"
            );
            thumb.clear();
            let _ = write!(
                thumb,
                "{CDN}/images/{category}/{image_id:06}/v{version}/thumb-320.webp"
            );
            vector_id.clear();
            let _ = write!(vector_id, "img-{image_id:06}");
            emit(&ImageRow {
                image_id,
                object_id: object_id(seed, "images", created_at, image_id as u64),
                description: &description,
                hashtags: &tags,
                category,
                url: &url,
                thumbnail_url: &thumb,
                width,
                height,
                file_format,
                file_bytes,
                dominant_colors: &sc.palette.2,
                license,
                license_expires_on: validity.map(|d| created_day + d),
                approval_status,
                version,
                campaign_ids,
                embedding: &embedding,
                vector_id: &vector_id,
                created_at,
                updated_at,
            });
        }
    }
}

impl DocGen for Images {
    const INDEXES: &'static [Index] = &[
        Index {
            name: "image_id_1",
            keys: &[("image_id", 1)],
            unique: true,
        },
        Index {
            name: "hashtags_1",
            keys: &[("hashtags", 1)],
            unique: false,
        },
        Index {
            name: "category_1",
            keys: &[("category", 1)],
            unique: false,
        },
        Index {
            name: "campaign_ids_1",
            keys: &[("campaign_ids", 1)],
            unique: false,
        },
        Index {
            name: "approval.status_1_category_1",
            keys: &[("approval.status", 1), ("category", 1)],
            unique: false,
        },
    ];

    fn document(r: &ImageRow<'_>) -> Document {
        let strings = |v: &[&str]| Value::Array(v.iter().map(|s| Value::from(*s)).collect());
        let versions = (1..=r.version)
            .map(|v| {
                let at = if r.version == 1 {
                    r.created_at
                } else {
                    r.created_at
                        + (r.updated_at - r.created_at) * i64::from(v - 1)
                            / i64::from(r.version - 1)
                };
                Value::Doc(crate::doc! {
                    "version" => Value::I32(v),
                    "change" => VERSION_CHANGES[(v - 1) as usize],
                    "url" => r.url.replace(&format!("/v{}/", r.version), &format!("/v{v}/")),
                    "created_at" => Value::Date(at * 1000),
                })
            })
            .collect();
        crate::doc! {
            "_id" => Value::Oid(r.object_id),
            "image_id" => Value::I64(r.image_id),
            "url" => r.url,
            "thumbnail_url" => r.thumbnail_url,
            "description" => r.description,
            "hashtags" => strings(r.hashtags),
            "category" => r.category,
            "vector_id" => r.vector_id,
            "technical" => crate::doc! {
                "width" => Value::I32(r.width),
                "height" => Value::I32(r.height),
                "format" => r.file_format,
                "bytes" => Value::I64(r.file_bytes),
                "dominant_colors" => strings(r.dominant_colors),
            },
            "usage_rights" => crate::doc! {
                "license" => r.license,
                "expires_at" => r.license_expires_on.map_or(Value::Null, |d| Value::Date(millis(d, 86_399))),
            },
            "approval" => crate::doc! {
                "status" => r.approval_status,
                "current_version" => Value::I32(r.version),
                "versions" => Value::Array(versions),
            },
            "campaign_ids" => Value::Array(r.campaign_ids.iter().map(|&c| Value::I64(c)).collect()),
            "embedding" => Value::Array(r.embedding.iter().map(|&x| Value::F64(f64::from(x))).collect()),
            "created_at" => Value::Date(r.created_at * 1000),
            "updated_at" => Value::Date(r.updated_at * 1000),
        }
    }
}

/// `_id` hex of an image row (for the Arrow layout).
pub fn image_oid_hex(row: &ImageRow<'_>) -> String {
    oid_hex(&row.object_id)
}
