//! The CLI's contract for users: one-line errors naming the flag and the valid range, non-zero
//! exit, no panic, and no output left looking complete.

mod common;

use std::fs;

use common::{generate, run};

fn assert_one_line_error(args: &[&str], flag: &str, range: &str) {
    let o = run(args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{args:?} succeeded");
    assert_eq!(
        err.trim().lines().count(),
        1,
        "{args:?}: not one line:\n{err}"
    );
    assert!(err.contains(flag), "{args:?}: '{flag}' not named in: {err}");
    assert!(
        err.contains(range),
        "{args:?}: range '{range}' not given in: {err}"
    );
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
}

#[test]
fn bad_flags_get_one_line_errors_and_leave_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let o = out.to_str().expect("utf-8");
    let cases: &[(&[&str], &str, &str)] = &[
        (&["--scale", "-1"], "--scale", "0.001 to 100"),
        (&["--scale", "abc"], "--scale", "0.001 to 100"),
        (&["--scale", "1e9"], "--scale", "0.001 to 100"),
        (&["--seed", "-5"], "--seed", "0 to 18446744073709551615"),
        (&["--seed", "x"], "--seed", "0 to 18446744073709551615"),
        (&["--parts", "3", "--part", "4"], "--part", "1 to 3"),
        (&["--parts", "3", "--part", "0"], "--part", "1 to 3"),
        (&["--parts", "0"], "--parts", "1 to 100000"),
        (&["--format", "xml"], "--format", "parquet, csv"),
        (&["--stores", "hr"], "--stores", "ads, crm"),
        (&["--threads", "0"], "--threads", "1 to 1024"),
        (&["--peak-months", "13"], "--peak-months", "1 to 12"),
        (&["--compression", "brotli"], "--compression", "snappy"),
        (
            &["--row-group-rows", "5"],
            "--row-group-rows",
            "1024 to 16777216",
        ),
    ];
    for (extra, flag, range) in cases {
        let mut args = vec!["generate", "--no-progress", "--out", o];
        args.extend_from_slice(extra);
        assert_one_line_error(&args, flag, range);
        assert!(
            !out.join("manifest.json").exists(),
            "{extra:?} left a manifest"
        );
    }
    // Validation happens before anything is generated: nothing was written at all.
    assert!(
        !out.exists() || fs::read_dir(&out).expect("read").next().is_none(),
        "bad flags wrote files"
    );
}

#[test]
fn unwritable_output_folder_is_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("a-file");
    fs::write(&file, b"x").expect("write");
    let out = file.join("sub");
    assert_one_line_error(
        &[
            "generate",
            "--no-progress",
            "--scale",
            "0.01",
            "--out",
            out.to_str().expect("utf-8"),
        ],
        "--out",
        "cannot write",
    );
}

#[test]
fn unknown_arguments_are_one_line() {
    let o = run(&["generate", "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("--bogus"), "{err}");
}

#[test]
fn a_failure_midway_leaves_no_manifest_and_no_temporary_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    // A folder where crm/clients.parquet should go: the final rename fails after the ads
    // store and part of crm were written.
    fs::create_dir_all(out.join("crm/clients.parquet/blocker")).expect("mkdir");
    let o = run(&[
        "generate",
        "--no-progress",
        "--scale",
        "0.01",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("clients.parquet"), "{err}");
    assert!(
        !out.join("manifest.json").exists(),
        "an interrupted run must not look complete"
    );
    let leftovers: Vec<_> = common::files(&out)
        .into_iter()
        .filter(|f| f.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    // And `verify` refuses the folder.
    assert!(!run(&["verify", out.to_str().expect("utf-8")])
        .status
        .success());
}

#[test]
fn a_rerun_replaces_a_previous_dataset() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    generate(&out, &["--scale", "0.005", "--seed", "1"]);
    generate(&out, &["--scale", "0.005", "--seed", "2"]);
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    assert_eq!(m["seed"], 2);
    assert!(run(&["verify", out.to_str().expect("utf-8")])
        .status
        .success());
}

#[test]
fn tables_lists_the_counts_generate_writes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    // `tables` lists every registered table, so generate every store it lists.
    generate(
        &out,
        &["--scale", "0.01", "--stores", "ads,crm,content,sales"],
    );
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    let o = run(&["tables", "--scale", "0.01"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    let mut seen = 0;
    for line in text.lines().skip(1) {
        let mut cols = line.split_whitespace();
        let (Some(name), Some(rows)) = (cols.next(), cols.next()) else {
            continue;
        };
        if name == "total" {
            continue;
        }
        assert_eq!(
            m["tables"][name]["rows"].as_u64(),
            rows.parse::<u64>().ok(),
            "{name}"
        );
        seen += 1;
    }
    assert_eq!(seen, m["tables"].as_object().expect("tables").len());
    // The seeds' sizes at scale 1 follow from the formulas alone.
    let o = run(&["tables", "--scale", "0.01"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("ads.campaigns"));
}

#[test]
fn manifest_records_seed_scale_and_checksums_without_timestamps() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    generate(
        &out,
        &["--scale", "0.005", "--seed", "9", "--format", "csv"],
    );
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).expect("manifest"))
            .expect("json");
    assert_eq!(m["seed"], 9);
    assert_eq!(m["scale"], 0.005);
    assert_eq!(m["peak_months"], serde_json::json!([12, 1, 8]));
    let f = &m["tables"]["crm.clients"]["files"][0];
    assert_eq!(f["path"], "crm/clients.csv");
    assert_eq!(f["rows"], 2500);
    assert_eq!(f["sha256"].as_str().map(str::len), Some(64));
    assert_eq!(
        f["sha256"].as_str().expect("sha"),
        common::sha256(&out.join("crm/clients.csv"))
    );
    let text = fs::read_to_string(out.join("manifest.json")).expect("manifest");
    assert!(!text.contains("2026-"), "no timestamps in the manifest");
}
