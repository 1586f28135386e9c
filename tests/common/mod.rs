//! Helpers shared by the CLI integration tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

/// Runs the built `promptsales` binary.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_promptsales"))
        .args(args)
        .output()
        .expect("run promptsales")
}

/// Runs `generate` and asserts success. These tests are about the ads and crm contract, so the
/// stores are pinned to `ads,crm` unless the test names its own (the CLI's default is all four;
/// content and sales have their own test steps in `scripts/test.d/`).
pub fn generate(out: &Path, args: &[&str]) {
    let mut all = vec![
        "generate",
        "--no-progress",
        "--out",
        out.to_str().expect("utf-8 path"),
    ];
    if !args.contains(&"--stores") {
        all.extend_from_slice(&["--stores", "ads,crm"]);
    }
    all.extend_from_slice(args);
    let o = run(&all);
    assert!(
        o.status.success(),
        "generate {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// All files under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).expect("prefix").to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// SHA-256 hex of a file.
pub fn sha256(path: &Path) -> String {
    Sha256::digest(fs::read(path).expect("read"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Rewrites the manifest entry of `rel` after a test edited that file on purpose.
pub fn rehash(dataset: &Path, rel: &str) {
    let mpath = dataset.join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&mpath).expect("manifest")).expect("json");
    let bytes = fs::metadata(dataset.join(rel)).expect("meta").len();
    let sha = sha256(&dataset.join(rel));
    for (_, t) in m["tables"].as_object_mut().expect("tables").iter_mut() {
        for f in t["files"].as_array_mut().expect("files") {
            if f["path"] == rel {
                f["sha256"] = sha.clone().into();
                f["bytes"] = bytes.into();
            }
        }
    }
    fs::write(&mpath, serde_json::to_string_pretty(&m).expect("json")).expect("write manifest");
}

/// Edits a CSV file: `edit(header, rows)` may change the rows in place.
pub fn edit_csv(path: &Path, edit: impl FnOnce(&csv::StringRecord, &mut Vec<csv::StringRecord>)) {
    let mut rdr = csv::Reader::from_path(path).expect("open csv");
    let header = rdr.headers().expect("header").clone();
    let mut rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    edit(&header, &mut rows);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_path(path)
        .expect("create csv");
    w.write_record(&header).expect("header");
    for r in &rows {
        w.write_record(r).expect("row");
    }
    w.flush().expect("flush");
}

/// Index of a column in a CSV header.
pub fn col(header: &csv::StringRecord, name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}
