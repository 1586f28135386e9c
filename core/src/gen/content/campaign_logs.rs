//! `content.campaign_logs`: for every campaign, what `generateCampaignContent` produced — the
//! campaign description, its target populations (in the campaign's own markets), **exactly three
//! messages per population** (one per tone), the images its ads use, and the generation metadata
//! that points back to the `request_log` call that generated it.

use std::fmt::Write;
use std::ops::Range;

use crate::catalog::calendar;
use crate::catalog::channels;
use crate::catalog::markets::MARKETS;
use crate::catalog::vocab::{offer, CTAS, INDUSTRIES, OBJECTIVES, OFFERS};
use crate::doc::{Document, Value};
use crate::gen::ads::ads::ad_image;
use crate::gen::ads::campaigns::campaign_name;
use crate::gen::content::request_log::generation_request;
use crate::gen::content::{object_id, DocGen, Index};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// Messages per population (the seeds' requirement).
pub const MESSAGES_PER_POPULATION: usize = 3;
/// Model named in the generation metadata.
pub const MODEL: &str = "gpt-4o-mini";

/// Populations: name, age range, gender (assumption: common Meta/Google audience cuts).
const POPULATIONS: [(&str, i32, i32, &str); 6] = [
    ("Jóvenes adultos urbanos", 18, 24, "all"),
    ("Profesionales jóvenes", 25, 34, "all"),
    ("Madres y padres de familia", 28, 45, "all"),
    ("Mujeres 35-54", 35, 54, "female"),
    ("Hombres 35-54", 35, 54, "male"),
    ("Adultos mayores activos", 55, 70, "all"),
];

/// Tones: one message each, so three per population.
const TONES: [&str; MESSAGES_PER_POPULATION] = ["informativo", "emocional", "urgencia"];

/// One population with its three messages.
#[derive(Debug, Clone)]
pub struct Population {
    /// Index into the population catalog.
    pub kind: usize,
    /// Market catalog indices targeted.
    pub markets: Vec<u8>,
    /// The messages: (tone, channel name, text, image id).
    pub messages: Vec<(&'static str, &'static str, String, i64)>,
}

/// One campaign log.
#[derive(Debug)]
pub struct CampaignLogRow {
    /// MongoDB `_id`.
    pub object_id: [u8; 12],
    /// Campaign.
    pub campaign_id: i64,
    /// Brand (PromptContent's client).
    pub brand_id: i64,
    /// Campaign name (as in `ads.campaigns`).
    pub name: String,
    /// Description.
    pub description: String,
    /// Industry key.
    pub category: &'static str,
    /// Images its ads use, ascending, distinct.
    pub image_ids: Vec<i64>,
    /// Target populations.
    pub populations: Vec<Population>,
    /// The generating request (id, time in seconds, prompt and completion tokens).
    pub request: Option<(i64, i64, i32, i32)>,
    /// Sampling temperature.
    pub temperature: f64,
}

/// Generator of `content.campaign_logs` (unit: campaign).
#[derive(Debug)]
pub struct CampaignLogs;

const S_LOG: Stream = Stream::new("content.campaign_logs");

impl TableGen for CampaignLogs {
    type Row<'a> = CampaignLogRow;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&CampaignLogRow)>(world: &World, units: Range<u64>, mut emit: F) {
        let seed = world.config.seed;
        for u in units {
            let index = u as usize;
            let c = world.campaign(index);
            let Content {
                name,
                description,
                image_ids,
                populations,
                temperature,
            } = content(world, index);
            let request = generation_request(world, index)
                .map(|r| (r.request_id, r.at + 1, r.prompt_tokens, r.completion_tokens));
            let created = request.map_or(i64::from(c.start - 1) * 86_400, |r| r.1);
            emit(&CampaignLogRow {
                object_id: object_id(seed, "campaign_logs", created, c.id as u64),
                campaign_id: c.id,
                brand_id: c.brand_id,
                name,
                description,
                category: INDUSTRIES[c.industry].key,
                image_ids,
                populations,
                request,
                temperature,
            });
        }
    }
}

/// What the generation produced for one campaign.
struct Content {
    name: String,
    description: String,
    image_ids: Vec<i64>,
    populations: Vec<Population>,
    temperature: f64,
}

/// The campaign log's content for campaign index `index` (a pure function of the world).
fn content(world: &World, index: usize) -> Content {
    let seed = world.config.seed;
    let c = world.campaign(index);
    let industry = &INDUSTRIES[c.industry];
    let mut rng = S_LOG.rng(seed, c.id as u64);
    let mut name = String::new();
    campaign_name(world, index, &mut name);
    let mut image_ids: Vec<i64> = (0..u64::from(c.ads))
        .map(|a| ad_image(world, index, (world.ad_offsets[index] + a + 1) as i64))
        .collect();
    image_ids.sort_unstable();
    image_ids.dedup();
    let cities: Vec<&str> = c
        .markets
        .iter()
        .map(|&m| MARKETS[m as usize].city)
        .collect();
    let mut description = String::new();
    let _ = write!(
        description,
        "Campaña de {} de {} para {}, del {} al {}, en {}.",
        OBJECTIVES[c.objective].0,
        industry.label,
        name,
        calendar::date(c.start).format("%d/%m/%Y"),
        calendar::date(c.end).format("%d/%m/%Y"),
        cities.join(", ")
    );
    let n_pop = 2 + rng.index(3);
    let mut kinds: Vec<usize> = (0..POPULATIONS.len()).collect();
    for i in (1..kinds.len()).rev() {
        kinds.swap(i, rng.index(i + 1));
    }
    let mut populations = Vec::with_capacity(n_pop);
    for &kind in kinds.iter().take(n_pop) {
        let markets = c.markets.clone();
        let mut messages = Vec::with_capacity(MESSAGES_PER_POPULATION);
        for (t, tone) in TONES.iter().enumerate() {
            let product = industry.products[rng.index(industry.products.len())].0;
            let offer = offer(
                rng.index(OFFERS.len()),
                calendar::month_of(c.start),
                c.markets.iter().map(|&m| MARKETS[m as usize].country_code),
            );
            let cta = CTAS[rng.index(CTAS.len())];
            let city = cities[rng.index(cities.len())];
            let text = match t {
                0 => format!(
                    "{offer} {product} en {city}: pensado para {}. {cta}.",
                    POPULATIONS[kind].0.to_lowercase()
                ),
                1 => format!("Porque te lo mereces: {product} para tu día a día en {city}. {cta}."),
                _ => format!("¡Últimos días! {offer} {product}. {cta} antes de que se acabe."),
            };
            let channel = channels::channel(c.channels[rng.index(c.channels.len())] as usize).name;
            let image = image_ids[rng.index(image_ids.len())];
            messages.push((*tone, channel, text, image));
        }
        populations.push(Population {
            kind,
            markets,
            messages,
        });
    }
    Content {
        name,
        description,
        image_ids,
        populations,
        temperature: [0.4, 0.7, 0.9][rng.index(3)],
    }
}

/// Characters per token: OpenAI's rule of thumb is ~4 characters of English text per token
/// (help.openai.com, "What are tokens"); Spanish runs a little denser (assumption: same ratio).
const CHARS_PER_TOKEN: usize = 4;

/// Fixed instructions of the `generateCampaignContent` prompt, in characters (assumption: a
/// short system prompt plus the JSON schema of the answer).
const SYSTEM_PROMPT_CHARS: usize = 1_400;

/// Prompt and completion tokens of campaign `index`'s generating call, from its text: the
/// prompt carries the instructions, the description and each population's brief; the
/// completion is the messages with their JSON framing.
pub fn generation_tokens(world: &World, index: usize) -> (i32, i32) {
    let c = content(world, index);
    let prompt_chars = SYSTEM_PROMPT_CHARS
        + c.description.chars().count()
        + c.populations
            .iter()
            .map(|p| POPULATIONS[p.kind].0.chars().count() + 40 + 16 * p.markets.len())
            .sum::<usize>();
    let completion_chars: usize = c
        .populations
        .iter()
        .flat_map(|p| p.messages.iter())
        .map(|(tone, channel, text, _)| text.chars().count() + tone.len() + channel.len() + 48)
        .sum();
    let tokens = |chars: usize| chars.div_ceil(CHARS_PER_TOKEN) as i32;
    (tokens(prompt_chars), tokens(completion_chars))
}

/// Tokens of the campaign description (the text the embeddings call embeds).
pub fn description_tokens(world: &World, index: usize) -> i32 {
    content(world, index)
        .description
        .chars()
        .count()
        .div_ceil(CHARS_PER_TOKEN) as i32
}

impl DocGen for CampaignLogs {
    const INDEXES: &'static [Index] = &[
        Index {
            name: "campaign_id_1",
            keys: &[("campaign_id", 1)],
            unique: true,
        },
        Index {
            name: "brand_id_1",
            keys: &[("brand_id", 1)],
            unique: false,
        },
        Index {
            name: "image_ids_1",
            keys: &[("image_ids", 1)],
            unique: false,
        },
    ];

    fn document(r: &CampaignLogRow) -> Document {
        let populations = r
            .populations
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (name, lo, hi, gender) = POPULATIONS[p.kind];
                let messages = p
                    .messages
                    .iter()
                    .enumerate()
                    .map(|(k, (tone, channel, text, image))| {
                        Value::Doc(crate::doc! {
                            "message_no" => Value::I32(k as i32 + 1),
                            "tone" => *tone,
                            "channel" => *channel,
                            "text" => text.as_str(),
                            "image_id" => Value::I64(*image),
                        })
                    })
                    .collect();
                Value::Doc(crate::doc! {
                    "population_no" => Value::I32(i as i32 + 1),
                    "name" => name,
                    "age_range" => crate::doc! { "min" => Value::I32(lo), "max" => Value::I32(hi) },
                    "gender" => gender,
                    "markets" => Value::Array(p.markets.iter().map(|&m| Value::from(MARKETS[m as usize].city)).collect()),
                    "messages" => Value::Array(messages),
                })
            })
            .collect();
        let mut generation = crate::doc! {
            "tool" => "generateCampaignContent",
            "service" => "openai",
            "model" => MODEL,
            "temperature" => Value::F64(r.temperature),
            "messages_per_population" => Value::I32(MESSAGES_PER_POPULATION as i32),
        };
        match r.request {
            Some((id, at, prompt, completion)) => {
                generation.put("request_id", Value::I64(id));
                generation.put("generated_at", Value::Date(at * 1000));
                generation.put(
                    "tokens",
                    crate::doc! { "prompt" => Value::I32(prompt), "completion" => Value::I32(completion) },
                );
            }
            None => generation.put("request_id", Value::Null),
        }
        crate::doc! {
            "_id" => Value::Oid(r.object_id),
            "campaign_id" => Value::I64(r.campaign_id),
            "brand_id" => Value::I64(r.brand_id),
            "campaign_name" => r.name.as_str(),
            "description" => r.description.as_str(),
            "category" => r.category,
            "image_ids" => Value::Array(r.image_ids.iter().map(|&i| Value::I64(i)).collect()),
            "target_populations" => Value::Array(populations),
            "generation" => generation,
        }
    }
}
