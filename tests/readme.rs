//! The README's numbers come from the code: its table of row counts is `promptsales tables
//! --json --scale 1`, its check and file counts are `verify --json` on the default dataset.
//! This test fails when they differ; `UPDATE_README=1 cargo test --release --test readme`
//! rewrites the generated blocks (run it after any change to counts or checks).

mod common;

use std::fs;
use std::path::Path;

use common::run;

/// Replaces the text between `<!-- BEGIN name -->` and `<!-- END name -->`.
fn splice(text: &str, name: &str, body: &str) -> String {
    let begin = format!("<!-- BEGIN {name}");
    let end = format!("<!-- END {name} -->");
    let Some(b) = text.find(&begin) else {
        panic!("README.md has no '{begin}' marker");
    };
    let body_start = b + text[b..].find("-->").expect("marker end") + 3;
    let e = text.find(&end).expect("END marker");
    format!("{}\n{}{}", &text[..body_start], body, &text[e..])
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = run(args);
    assert!(
        o.status.code() == Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("json")
}

/// 1234567 → "1 234 567" (the README's thousands separator).
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn tables_block() -> String {
    let j = json(&["tables", "--json", "--scale", "1"]);
    let mut out = String::from("| table | rows at scale 1 | sizing |\n|---|---:|---|\n");
    for t in j["tables"].as_array().expect("tables") {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            t["table"].as_str().expect("name"),
            grouped(t["rows"].as_u64().expect("rows")),
            t["sizing"].as_str().expect("sizing")
        ));
    }
    out.push_str(&format!(
        "| **total** | **{}** | |\n",
        grouped(j["total_rows"].as_u64().expect("total"))
    ));
    out
}

fn verify_block(dir: &Path) -> String {
    let o = run(&[
        "generate",
        "--quiet",
        "--scale",
        "0.1",
        "--out",
        dir.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("manifest.json")).expect("manifest"))
            .expect("json");
    let files: usize = m["tables"]
        .as_object()
        .expect("tables")
        .values()
        .map(|t| t["files"].as_array().map(Vec::len).unwrap_or(0))
        .sum();
    let r = json(&["verify", "--json", dir.to_str().expect("utf-8")]);
    assert_eq!(r["passed"], true);
    let sections = r["sections"].as_array().expect("sections");
    let ran = sections
        .iter()
        .filter(|s| !s["checks"].as_array().expect("checks").is_empty())
        .count();
    format!(
        "`verify` runs **{} checks** in {ran} groups on the default dataset (all four stores, \
         scale 0.1, {} tables, {files} files + `manifest.json`).\n",
        r["checks"].as_u64().expect("checks"),
        m["tables"].as_object().expect("tables").len()
    )
}

#[test]
fn readme_numbers_come_from_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = fs::read_to_string(&path).expect("README.md");
    let tmp = tempfile::tempdir().expect("tempdir");
    let want = splice(&readme, "tables", &tables_block());
    let want = splice(&want, "verify", &verify_block(&tmp.path().join("d")));
    if std::env::var_os("UPDATE_README").is_some() {
        fs::write(&path, &want).expect("write README.md");
        return;
    }
    assert!(
        want == readme,
        "README.md's generated numbers are stale: run `UPDATE_README=1 cargo test --release --test readme`"
    );
}
