//! The calls each scenario makes, and the check every answer must pass before its latency
//! counts (a fast wrong answer — an error result, an empty list — must not flatter the table).
//!
//! The arguments repeat benches/mcp_latency.py's (the Python SDK peer), so both clients ask
//! the servers the same questions.

use serde_json::{json, Map, Value};

/// Words combined into distinct `getContent` queries (the same list as mcp_latency.py).
pub const WORDS: [&str; 16] = [
    "beach", "coffee", "laptop", "running", "family", "bank", "summer", "city", "kitchen",
    "garden", "sunset", "phone", "dress", "shoes", "travel", "hotel",
];

/// The repeated query: the same text on every call, so a cache (the live backend's Redis) serves
/// all calls after the first.
pub const REPEATED_QUERY: &str = "sunny beach summer swimwear";

/// `top_k` of every `getContent` call.
pub const TOP_K: usize = 10;

/// Which server a scenario talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    Content,
    Sales,
}

/// One benchmark scenario: a tool and how its arguments vary per client and call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// `getContent` with a query no other call uses (never cached).
    ContentDistinct,
    /// `getContent` repeating [`REPEATED_QUERY`].
    ContentRepeat,
    /// `generateCampaignContent` for two target populations (the seeds' "simple generation";
    /// every call stores a campaign log).
    ContentGenerate,
    /// `getCampaignPerformance` of campaigns spread over all ids.
    SalesPerformance,
    /// `topCampaigns` by revenue over one quarter.
    SalesTop,
}

impl Scenario {
    pub const ALL: [Scenario; 5] = [
        Scenario::ContentDistinct,
        Scenario::ContentRepeat,
        Scenario::ContentGenerate,
        Scenario::SalesPerformance,
        Scenario::SalesTop,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::ContentDistinct => "content-distinct",
            Scenario::ContentRepeat => "content-repeat",
            Scenario::ContentGenerate => "content-generate",
            Scenario::SalesPerformance => "sales-performance",
            Scenario::SalesTop => "sales-top",
        }
    }

    /// What the table shows.
    pub fn label(self) -> &'static str {
        match self {
            Scenario::ContentDistinct => "getContent, distinct queries",
            Scenario::ContentRepeat => "getContent, one repeated query",
            Scenario::ContentGenerate => "generateCampaignContent, 2 pops",
            Scenario::SalesPerformance => "getCampaignPerformance",
            Scenario::SalesTop => "topCampaigns (revenue, a quarter)",
        }
    }

    pub fn parse(s: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|x| x.name() == s)
    }

    pub fn server(self) -> Server {
        match self {
            Scenario::ContentDistinct | Scenario::ContentRepeat | Scenario::ContentGenerate => {
                Server::Content
            }
            Scenario::SalesPerformance | Scenario::SalesTop => Server::Sales,
        }
    }

    pub fn tool(self) -> &'static str {
        match self {
            Scenario::ContentDistinct | Scenario::ContentRepeat => "getContent",
            Scenario::ContentGenerate => "generateCampaignContent",
            Scenario::SalesPerformance => "getCampaignPerformance",
            Scenario::SalesTop => "topCampaigns",
        }
    }

    /// Arguments of call `call` (counted from 0, warm-up included) of client `client`.
    /// `nonce` keeps distinct queries distinct across runs (a cache outlives one run);
    /// `campaigns` is the number of campaigns of the world served.
    pub fn arguments(self, client: usize, call: usize, nonce: u64, campaigns: u64) -> Value {
        match self {
            Scenario::ContentDistinct => json!({
                "query": format!(
                    "{} {} {nonce} {client} {call}",
                    WORDS[(client + call) % WORDS.len()],
                    WORDS[(3 * client + call) % WORDS.len()]
                ),
                "top_k": TOP_K,
            }),
            Scenario::ContentRepeat => json!({"query": REPEATED_QUERY, "top_k": TOP_K}),
            Scenario::ContentGenerate => json!({
                "campaign_id": 1 + (client as u64 * 31 + call as u64) % campaigns.max(1),
                "description": "Summer collection launch. Fresh looks for the beach.",
                "populations": [
                    {"name": "young adults", "age_min": 18, "age_max": 30},
                    {"name": "families", "age_min": 30, "age_max": 55, "gender": "all"},
                ],
            }),
            Scenario::SalesPerformance => {
                let id = 1 + (client as u64 * 31 + call as u64) % campaigns.max(1);
                json!({"campaign_id": id})
            }
            Scenario::SalesTop => json!({
                "metric": "revenue", "n": 10, "from": "2024-10-01", "to": "2024-12-31",
            }),
        }
    }

    /// Why `answer` (the `structuredContent` of a successful call with `args`) is not a real
    /// answer, or `None` when it is.
    pub fn check(self, args: &Value, answer: &Map<String, Value>) -> Option<String> {
        let list = |key: &str| answer.get(key).and_then(Value::as_array).map(Vec::len);
        match self {
            Scenario::ContentDistinct | Scenario::ContentRepeat => match list("images") {
                Some(n) if (1..=TOP_K).contains(&n) => None,
                n => Some(format!("getContent: expected 1–{TOP_K} images, got {n:?}")),
            },
            Scenario::ContentGenerate => {
                // Three messages per population (docs/mcp.md, generateCampaignContent).
                let pops = answer.get("target_populations").and_then(Value::as_array);
                let messages: Vec<usize> = pops
                    .into_iter()
                    .flatten()
                    .map(|p| {
                        p.get("messages")
                            .and_then(Value::as_array)
                            .map_or(0, Vec::len)
                    })
                    .collect();
                if answer.get("campaign_id") == args.get("campaign_id") && messages == [3, 3] {
                    None
                } else {
                    Some(format!(
                        "generateCampaignContent: expected 3 messages for each of 2 populations, got {messages:?}"
                    ))
                }
            }
            Scenario::SalesPerformance => {
                let asked = args.get("campaign_id");
                if answer.get("campaign_id") == asked && answer.contains_key("metrics") {
                    None
                } else {
                    Some(format!(
                        "getCampaignPerformance: asked campaign {asked:?}, answer names {:?}",
                        answer.get("campaign_id")
                    ))
                }
            }
            Scenario::SalesTop => match list("campaigns") {
                Some(n) if (1..=10).contains(&n) => None,
                n => Some(format!("topCampaigns: expected 1–10 campaigns, got {n:?}")),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_queries_never_repeat_within_a_run() {
        let mut seen = std::collections::HashSet::new();
        for client in 0..64 {
            for call in 0..300 {
                let a = Scenario::ContentDistinct.arguments(client, call, 7, 1);
                assert!(seen.insert(a["query"].as_str().expect("text").to_string()));
            }
        }
        let other_run = Scenario::ContentDistinct.arguments(0, 0, 8, 1);
        let this_run = Scenario::ContentDistinct.arguments(0, 0, 7, 1);
        assert_eq!(this_run["query"], "beach beach 7 0 0");
        assert_ne!(other_run["query"], this_run["query"]);
    }

    #[test]
    fn campaign_ids_stay_in_range_and_spread() {
        let ids: std::collections::BTreeSet<u64> = (0..32)
            .flat_map(|k| (0..50).map(move |i| (k, i)))
            .map(|(k, i)| {
                Scenario::SalesPerformance.arguments(k, i, 0, 120)["campaign_id"]
                    .as_u64()
                    .expect("id")
            })
            .collect();
        assert_eq!(ids.first(), Some(&1));
        assert_eq!(ids.last(), Some(&120));
        assert_eq!(ids.len(), 120);
    }

    #[test]
    fn answers_are_checked() {
        let obj = |v: Value| v.as_object().cloned().expect("object");
        let args = json!({"campaign_id": 3});
        let right = obj(json!({"campaign_id": 3, "metrics": {}}));
        let wrong = obj(json!({"campaign_id": 4, "metrics": {}}));
        assert!(Scenario::SalesPerformance.check(&args, &right).is_none());
        assert!(Scenario::SalesPerformance.check(&args, &wrong).is_some());
        let none = obj(json!({"images": []}));
        let two = obj(json!({"images": [1, 2]}));
        assert!(Scenario::ContentRepeat.check(&args, &none).is_some());
        assert!(Scenario::ContentRepeat.check(&args, &two).is_none());
        assert!(Scenario::SalesTop
            .check(&args, &obj(json!({"campaigns": [1]})))
            .is_none());
        assert!(Scenario::SalesTop.check(&args, &obj(json!({}))).is_some());
        let gen_args = Scenario::ContentGenerate.arguments(0, 0, 0, 5);
        let log = |n: usize| {
            let pop = json!({"messages": vec![json!({}); n]});
            obj(json!({"campaign_id": 1, "target_populations": [pop.clone(), pop]}))
        };
        assert!(Scenario::ContentGenerate
            .check(&gen_args, &log(3))
            .is_none());
        assert!(Scenario::ContentGenerate
            .check(&gen_args, &log(2))
            .is_some());
        assert_eq!(Scenario::parse("sales-top"), Some(Scenario::SalesTop));
        assert_eq!(Scenario::parse("nope"), None);
    }
}
