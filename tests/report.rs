//! `promptsales report`: the numbers the page prints equal the ones `verify --json` computes;
//! the page is deterministic and the same whether rendered from files or generated on the fly;
//! bad input gets one line naming the flag and leaves no file.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{generate, run};
use serde_json::Value;

/// One printed figure: (`data-value`, `data-source`).
type Printed = BTreeMap<String, Vec<(String, String)>>;

/// Every `data-figure` in the page with its value and source.
fn printed(html: &str) -> Printed {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!("{name}=\"");
        let start = tag.find(&key)? + key.len();
        let end = tag[start..].find('"')? + start;
        Some(tag[start..end].to_string())
    };
    let mut out = Printed::new();
    let mut rest = html;
    while let Some(i) = rest.find("<span class=\"fig") {
        let tag_end = rest[i..].find('>').map(|e| i + e).expect("closed tag");
        let tag = &rest[i..tag_end];
        let name = attr(tag, "data-figure").expect("data-figure");
        let value = attr(tag, "data-value").expect("data-value");
        let source = attr(tag, "data-source").expect("data-source");
        out.entry(name).or_default().push((value, source));
        rest = &rest[tag_end..];
    }
    out
}

fn only(p: &Printed, name: &str) -> String {
    let v = p
        .get(name)
        .unwrap_or_else(|| panic!("{name} not printed in the report"));
    assert!(
        v.iter().all(|x| x.0 == v[0].0),
        "{name} printed with different values: {v:?}"
    );
    v[0].0.clone()
}

fn dataset(dir: &Path) {
    generate(
        dir,
        &[
            "--scale",
            "0.01",
            "--seed",
            "7",
            "--stores",
            "ads,crm,content,sales",
        ],
    );
}

#[test]
fn report_numbers_equal_verify_json() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    dataset(&data);
    let v = run(&["verify", data.to_str().expect("utf-8"), "--json"]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stderr));
    let json: Value = serde_json::from_slice(&v.stdout).expect("verify --json");
    let out = tmp.path().join("report.html");
    let r = run(&[
        "report",
        data.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let html = fs::read_to_string(&out).expect("report written");
    let p = printed(&html);

    // Every check group, with verify's verdict; the pass/fail totals.
    let sections = json["sections"].as_array().expect("sections");
    let (mut passed, mut failed) = (0, 0);
    for s in sections {
        let name = s["name"].as_str().expect("name");
        let checks = s["checks"].as_array().expect("checks");
        let bad = checks
            .iter()
            .filter(|c| c["passed"] == Value::Bool(false))
            .count();
        passed += checks.len() - bad;
        failed += bad;
        let want = if !s["skipped_for"].as_array().expect("skipped").is_empty() {
            "skipped"
        } else if bad > 0 {
            "fail"
        } else {
            "pass"
        };
        assert_eq!(only(&p, &format!("group.{name}")), want, "group {name}");
    }
    assert!(sections.len() >= 14, "{} groups", sections.len());
    assert_eq!(only(&p, "checks.passed"), passed.to_string());
    assert_eq!(only(&p, "checks.failed"), failed.to_string());

    // Every metric verify recorded is printed with verify's exact value.
    let mut metrics = 0;
    for s in sections {
        for m in s["metrics"].as_array().expect("metrics") {
            let name = m["name"].as_str().expect("metric name");
            let shown = p
                .get(name)
                .unwrap_or_else(|| panic!("metric {name} not printed"));
            for (value, source) in shown {
                assert_eq!(source, "verify", "{name}");
                match m["value"].as_f64() {
                    // serde_json's default float parser is not correctly rounded (it may land
                    // one ulp off), so "equal" here means within one ulp of verify's value.
                    Some(want) => {
                        let got: f64 = value.parse().unwrap_or(f64::NAN);
                        let ulp = f64::EPSILON * want.abs().max(f64::MIN_POSITIVE);
                        assert!(
                            (got - want).abs() <= ulp,
                            "{name}: page {got}, verify {want}"
                        );
                    }
                    None => assert_eq!(value, "NaN", "{name}"),
                }
            }
            metrics += 1;
        }
    }

    // Identity and row counts (the files group's lines "store.table: N rows").
    let header = json["dataset"].as_str().expect("dataset line");
    assert!(header.contains(&format!("seed {}", only(&p, "identity.seed"))));
    assert!(header.contains(&format!("scale {}", only(&p, "identity.scale"))));
    let mut tables = 0;
    let files = sections
        .iter()
        .find(|s| s["name"] == "files")
        .expect("files");
    for line in files["info"].as_array().expect("info") {
        let line = line.as_str().expect("line");
        let (table, rows) = line.split_once(": ").expect("table: N rows");
        let rows = rows.trim_end_matches(" rows");
        assert_eq!(only(&p, &format!("rows.{table}")), rows, "{table}");
        tables += 1;
    }
    assert!(tables >= 40, "{tables} tables");
    assert_eq!(only(&p, "identity.tables"), tables.to_string());
    assert_eq!(only(&p, "identity.checksums"), "verified");

    // The month histogram: starts and average daily revenue per month, as verify printed them.
    let season = sections
        .iter()
        .find(|s| s["name"] == "seasonality")
        .expect("seasonality");
    let mut months = 0;
    for line in season["info"].as_array().expect("info") {
        let mut parts = line.as_str().expect("line").split_whitespace();
        let (Some(label), Some(starts), Some(revenue)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if label.len() != 7 || !label.starts_with("20") {
            continue;
        }
        assert_eq!(only(&p, &format!("starts.{label}")), starts, "{label}");
        assert_eq!(
            only(&p, &format!("daily_revenue.{label}")),
            revenue.trim_end_matches('*'),
            "{label}"
        );
        months += 1;
    }
    assert_eq!(months, 16);

    // Sentiment: the negative share and the incident count verify printed.
    let sentiment = sections
        .iter()
        .find(|s| s["name"] == "sentiment")
        .expect("sentiment");
    let info: Vec<&str> = sentiment["info"]
        .as_array()
        .expect("info")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let negative = info
        .iter()
        .find_map(|l| l.split("negative ").nth(1))
        .and_then(|s| s.split('%').next())
        .expect("negative share line");
    assert_eq!(only(&p, "sentiment.negative_pct"), negative);
    let incidents = info
        .iter()
        .find_map(|l| l.strip_prefix("incidents: "))
        .and_then(|s| s.split(' ').next())
        .expect("incidents line");
    assert_eq!(only(&p, "incidents.count"), incidents);
    eprintln!(
        "compared {} groups, {tables} row counts, {months} months, {metrics} verify metrics",
        sections.len()
    );
}

#[test]
fn report_is_deterministic_and_equal_from_files_or_generated() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    dataset(&data);
    let (a, b, c) = (
        tmp.path().join("a.html"),
        tmp.path().join("b.html"),
        tmp.path().join("c.html"),
    );
    for out in [&a, &b] {
        let r = run(&[
            "report",
            data.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    }
    let r = run(&[
        "report",
        "--scale",
        "0.01",
        "--seed",
        "7",
        "--out",
        c.to_str().expect("utf-8"),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let (a, b, c) = (
        fs::read(&a).expect("a"),
        fs::read(&b).expect("b"),
        fs::read(&c).expect("c"),
    );
    assert_eq!(a, b, "same folder, same bytes");
    assert_eq!(a, c, "generated on the fly = rendered from files");
    let html = String::from_utf8(a).expect("utf-8");
    // Self-contained: no external reference of any kind, and a CSP that forbids fetching.
    for needle in [
        "http://", "https://", "src=", "<link", "<script", "@import", "url(",
    ] {
        let hits: Vec<_> = html.match_indices(needle).collect();
        // SVG namespaces are identifiers, not fetches.
        let fetches = hits
            .iter()
            .filter(|(i, _)| !html[*i..].starts_with("http://www.w3.org/"))
            .count();
        assert_eq!(fetches, 0, "{needle} in the page");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    for id in [
        "chart-months",
        "chart-funnel",
        "chart-spend-revenue",
        "chart-roas",
        "chart-cpa",
        "chart-distance",
        "chart-channel-market",
        "chart-peak",
        "chart-sentiment",
        "chart-map",
        "chart-categories",
        "chart-hashtags",
        "chart-embedding",
        "verify",
    ] {
        let at = html
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} missing"));
        let points: String = html[at..]
            .split("data-points=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("data-points")
            .to_string();
        assert!(points.parse::<u64>().expect("number") > 0, "{id} is empty");
    }
}

#[test]
fn bad_report_input_is_one_line_naming_the_flag_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("r.html");
    let out_s = out.to_str().expect("utf-8");
    let missing = tmp.path().join("nope");
    let cases: [(Vec<&str>, &str); 5] = [
        (
            vec!["report", missing.to_str().expect("utf-8"), "--out", out_s],
            "not a folder",
        ),
        (
            vec![
                "report",
                tmp.path().to_str().expect("utf-8"),
                "--out",
                out_s,
            ],
            "no manifest.json",
        ),
        (vec!["report", "--scale", "0", "--out", out_s], "--scale"),
        (vec!["report", "--seed", "-1", "--out", out_s], "--seed"),
        (
            vec![
                "report",
                tmp.path().to_str().expect("utf-8"),
                "--scale",
                "1",
                "--out",
                out_s,
            ],
            "--scale",
        ),
    ];
    for (args, want) in cases {
        let o = run(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let o = run(&[
        "report",
        "--scale",
        "0.01",
        "--out",
        tmp.path()
            .join("no/such/dir/r.html")
            .to_str()
            .expect("utf-8"),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("--out") && err.contains("folder does not exist"),
        "{err}"
    );
    let left: Vec<_> = fs::read_dir(tmp.path())
        .expect("read_dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
