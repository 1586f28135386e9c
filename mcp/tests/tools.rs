//! The tools against the generator's own tables, computed independently of the MCP index.

use std::sync::Arc;

use promptsales_core::gen::ads::daily_results::DailyResults;
use promptsales_core::gen::TableGen;
use promptsales_core::{Config, World};
use promptsales_mcp::content::{excerpt, search_cache_key, ContentService, LogSink};
use promptsales_mcp::http::bearer_matches;
use promptsales_mcp::sales::SalesService;
use promptsales_mcp::server::{Backend, McpServer};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn world() -> Arc<World> {
    Arc::new(World::new(&Config {
        scale: 0.01,
        ..Config::default()
    }))
}

fn call(s: &McpServer, tool: &str, args: Value) -> Result<Value, String> {
    let map = args.as_object().cloned().unwrap_or_default();
    match s.call(tool, &map) {
        None => Err(format!("no tool {tool}")),
        Some(r) => r.map_err(|e| e.0),
    }
}

#[test]
fn sales_totals_equal_the_daily_results_rows() {
    let w = world();
    let s = McpServer::new(Backend::Sales(Arc::new(SalesService::new(&w))));
    for cid in [1_i64, 4, 10] {
        let (mut reach, mut sales, mut reactions, mut revenue, mut leads) = (0, 0, 0, 0, 0);
        DailyResults::generate(&w, (cid - 1) as u64..cid as u64, |r| {
            reach += r.reach;
            sales += r.conversions;
            reactions += r.likes + r.comments + r.shares;
            revenue += r.revenue;
            leads += r.leads;
        });
        let v = call(&s, "getCampaignPerformance", json!({"campaign_id": cid})).expect("answer");
        let m = &v["metrics"];
        assert_eq!(m["reach"], reach);
        assert_eq!(m["sales"], sales);
        assert_eq!(m["reactions"], reactions);
        assert_eq!(m["revenue_cents"], revenue);
        assert_eq!(m["leads"], leads);
        assert!(leads > 0 && sales > 0, "campaign {cid} has leads and sales");
        let rate = m["success_rate"].as_f64().expect("rate");
        assert!((rate - sales as f64 / leads as f64).abs() < 1e-6);
        let by_month = call(
            &s,
            "campaignBreakdown",
            json!({"campaign_id": cid, "by": "month"}),
        )
        .expect("breakdown");
        let months: i64 = by_month["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r["metrics"]["sales"].as_i64().expect("sales"))
            .sum();
        assert_eq!(months, sales);
    }
}

#[test]
fn top_n_is_sorted_and_bad_arguments_name_the_argument() {
    let w = world();
    let s = McpServer::new(Backend::Sales(Arc::new(SalesService::new(&w))));
    let v = call(&s, "topCampaigns", json!({"metric": "sales", "n": 5})).expect("top");
    let values: Vec<f64> = v["campaigns"]
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["value"].as_f64().expect("value"))
        .collect();
    assert_eq!(values.len(), 5);
    assert!(values.windows(2).all(|p| p[0] >= p[1]), "{values:?}");
    let e = call(&s, "topCampaigns", json!({"metric": "mood"})).expect_err("bad metric");
    assert!(e.contains("'metric'") && e.contains("success_rate"), "{e}");
    let e = call(&s, "getCampaignPerformance", json!({"campaign_id": 11})).expect_err("range");
    assert!(e.contains("from 1 to 10"), "{e}");
    let e = call(&s, "findCampaigns", json!({"query": "x".repeat(300)})).expect_err("long");
    assert!(e.contains("at most 200"), "{e}");
    assert!(call(&s, "getContent", json!({"query": "beach"})).is_err());
}

#[test]
fn beach_query_finds_beachwear_and_logs_three_messages_per_population() {
    let w = world();
    let dir = tempfile::tempdir().expect("tempdir");
    let svc =
        ContentService::new(w.clone(), LogSink::Folder(dir.path().to_path_buf())).expect("service");
    let s = McpServer::new(Backend::Content(Arc::new(svc)));
    let v = call(
        &s,
        "getContent",
        json!({"query": "sunny beach summer swimwear", "top_k": 5}),
    )
    .expect("search");
    let images = v["images"].as_array().expect("images");
    assert_eq!(images.len(), 5);
    for im in images {
        assert_eq!(im["category"], "beachwear", "{im}");
        assert!(im["hashtags"].as_array().expect("tags").len() >= 5);
    }
    let log = call(
        &s,
        "generateCampaignContent",
        json!({"campaign_id": 3, "description": "Nueva línea de café de altura. Tostado medio.",
               "populations": [{"name": "Profesionales jóvenes"}, {"name": "Hombres 35-54"}]}),
    )
    .expect("generate");
    let pops = log["target_populations"].as_array().expect("pops");
    assert_eq!(pops.len(), 2);
    for p in pops {
        let msgs = p["messages"].as_array().expect("messages");
        assert_eq!(msgs.len(), 3);
        for m in msgs {
            assert!(m["text"]
                .as_str()
                .expect("text")
                .contains("Nueva línea de café de altura"));
        }
    }
    let stored = log["stored_at"].as_str().expect("path");
    let back: Value =
        serde_json::from_slice(&std::fs::read(stored).expect("log file")).expect("json");
    assert_eq!(back["target_populations"], log["target_populations"]);
    let e = call(
        &s,
        "generateCampaignContent",
        json!({"campaign_id": 3, "populations": []}),
    )
    .expect_err("empty");
    assert!(e.contains("populations"), "{e}");
    assert_eq!(
        std::fs::read_dir(dir.path().join("campaign_logs"))
            .expect("dir")
            .count(),
        1,
        "a refused call writes nothing"
    );
}

#[test]
fn bearer_token_and_helpers() {
    let d: [u8; 32] = Sha256::digest(b"correct-horse-battery-staple").into();
    assert!(bearer_matches(
        Some(b"Bearer correct-horse-battery-staple"),
        &d
    ));
    assert!(!bearer_matches(
        Some(b"Bearer correct-horse-battery-stapl"),
        &d
    ));
    assert!(!bearer_matches(
        Some(b"Basic correct-horse-battery-staple"),
        &d
    ));
    assert!(!bearer_matches(None, &d));
    let empty: [u8; 32] = Sha256::digest(b"").into();
    assert!(!bearer_matches(None, &empty), "no header never matches");
    let long = "word ".repeat(100);
    let e = excerpt(&long);
    assert!(e.chars().count() <= 161 && e.ends_with('…'), "{e}");
    // The warm-up's key for the category "beachwear" (loaders/src/redis): same function.
    let key = search_cache_key("beachwear", Some("beachwear"), 10);
    assert!(
        key.starts_with("contenido:busqueda:") && key.len() == "contenido:busqueda:".len() + 16
    );
}
