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
    // Validation happens before anything is generated: not even the folder was created.
    assert!(!out.exists(), "bad flags created {}", out.display());
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

fn manifest(dir: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(dir.join("manifest.json")).expect("manifest"))
        .expect("json")
}

/// Files the manifest lists, plus the manifest itself, sorted.
fn listed(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let m = manifest(dir);
    let mut out: Vec<std::path::PathBuf> = m["tables"]
        .as_object()
        .expect("tables")
        .values()
        .flat_map(|t| t["files"].as_array().expect("files").iter())
        .map(|f| f["path"].as_str().expect("path").into())
        .collect();
    out.push("manifest.json".into());
    out.sort();
    out
}

#[test]
fn a_folder_that_holds_other_files_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    fs::create_dir_all(out.join("crm")).expect("mkdir");
    fs::write(out.join("crm/mine.txt"), b"keep me").expect("write");
    for extra in [&[][..], &["--overwrite"][..]] {
        let mut args = vec![
            "generate",
            "--scale",
            "0.01",
            "--out",
            out.to_str().expect("utf-8"),
        ];
        args.extend_from_slice(extra);
        assert_one_line_error(&args, "--out", "no promptsales dataset");
        assert_eq!(
            common::files(&out),
            vec![std::path::PathBuf::from("crm/mine.txt")]
        );
    }
    // --out naming a file says so.
    assert_one_line_error(
        &[
            "generate",
            "--out",
            out.join("crm/mine.txt").to_str().expect("utf-8"),
        ],
        "--out",
        "is a file, not a folder",
    );
}

#[test]
fn a_previous_dataset_is_replaced_only_with_overwrite_and_never_mixed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let o = out.to_str().expect("utf-8");
    generate(&out, &["--scale", "0.01"]);
    let before = common::files(&out);
    // Another scale into the same folder: refused, the old dataset intact and still valid.
    let r = run(&["generate", "--scale", "0.02", "--stores", "ads", "--out", o]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("--overwrite") && err.contains("scale 0.01"),
        "{err}"
    );
    assert_eq!(common::files(&out), before);
    assert_eq!(manifest(&out)["scale"], 0.01);
    // A part of a partitioned run cannot join a whole dataset either.
    let r = run(&[
        "generate", "--scale", "0.01", "--parts", "2", "--part", "1", "--out", o,
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(common::files(&out), before);
    // With --overwrite: exactly the new manifest's files remain (crm is gone).
    generate(&out, &["--scale", "0.02", "--stores", "ads", "--overwrite"]);
    assert_eq!(manifest(&out)["scale"], 0.02);
    assert_eq!(common::files(&out), listed(&out));
    assert!(!out.join("crm").exists(), "the old crm folder stayed");
    assert!(run(&["verify", o]).status.success());
}

#[test]
fn a_rerun_replaces_a_previous_dataset() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    generate(&out, &["--scale", "0.005", "--seed", "1"]);
    generate(&out, &["--scale", "0.005", "--seed", "2", "--overwrite"]);
    assert_eq!(manifest(&out)["seed"], 2);
    assert!(run(&["verify", out.to_str().expect("utf-8")])
        .status
        .success());
}

/// Starts `generate --scale 2 --stores ads,crm --threads 1 --out OUT` plus `extra`, and waits
/// (up to 2 minutes) until `ready` holds for the folder's files; panics if the run ends first.
fn spawn_until(
    out: &std::path::Path,
    extra: &[&str],
    ready: impl Fn(&[std::path::PathBuf]) -> bool,
) -> std::process::Child {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_promptsales"))
        .args([
            "generate",
            "--scale",
            "2",
            "--stores",
            "ads,crm",
            "--threads",
            "1",
        ])
        .args(extra)
        .arg("--out")
        .arg(out)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(120) {
        if out.exists() && ready(&common::files(out)) {
            return child;
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the run ended (or 2 minutes passed) before the awaited files appeared");
}

/// Every file under `dir` with its SHA-256.
fn checksums(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    common::files(dir)
        .into_iter()
        .map(|f| {
            let sum = common::sha256(&dir.join(&f));
            (f, sum)
        })
        .collect()
}

fn is_tmp(f: &std::path::Path) -> bool {
    f.to_string_lossy().ends_with(".tmp")
}

/// Sends SIGTERM to `child` and checks it exits 130 saying it was interrupted.
fn terminate(child: std::process::Child) {
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let o = child.wait_with_output().expect("wait");
    assert_eq!(
        o.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("interrupted"));
}

#[test]
fn sigterm_mid_run_leaves_no_temporary_and_no_partial_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    // Wait until a temporary file is being written, then stop the run.
    let child = spawn_until(&out, &[], |files| files.iter().any(|f| is_tmp(f)));
    terminate(child);
    let left = common::files(&out);
    assert!(left.is_empty(), "files left after SIGTERM: {left:?}");
    // The folder counts as empty again: the next run needs no --overwrite.
    generate(&out, &["--scale", "0.005"]);
}

#[test]
fn an_overwrite_that_is_interrupted_leaves_the_previous_dataset_whole() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    generate(&out, &["--scale", "0.01"]);
    let before = checksums(&out);
    // Two temporaries: at least one table finished (waiting under its temporary name to be
    // swapped in) and one being written, beside the old files of the same names.
    let child = spawn_until(&out, &["--overwrite"], |files| {
        files.iter().filter(|f| is_tmp(f)).count() >= 2
    });
    terminate(child);
    let after = checksums(&out);
    assert_eq!(after, before, "the previous dataset changed");
    assert!(run(&["verify", out.to_str().expect("utf-8")])
        .status
        .success());
}

#[test]
fn a_run_killed_outright_is_recovered_only_with_overwrite_and_only_its_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let o = out.to_str().expect("utf-8");
    // Wait until the run has finished at least one file, then kill it: no cleanup can run.
    let mut child = spawn_until(&out, &[], |files| {
        files.iter().any(|f| {
            let name = f.to_string_lossy();
            !name.ends_with(".tmp") && !name.contains(".promptsales-")
        })
    });
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    let left = common::files(&out);
    assert!(
        left.iter().any(|f| f.ends_with(".promptsales-journal")),
        "no journal after SIGKILL: {left:?}"
    );
    // A line reaching outside the folder (a damaged journal) must never be followed.
    let outside = tmp.path().join("outside.txt");
    std::fs::write(&outside, "keep me").expect("write");
    let mut journal = std::fs::OpenOptions::new()
        .append(true)
        .open(out.join(".promptsales-journal"))
        .expect("journal");
    std::io::Write::write_all(&mut journal, b"../outside.txt\n/etc/hostname\n").expect("append");
    // Without --overwrite: refused, named, nothing touched.
    let r = run(&["generate", "--scale", "0.005", "--out", o]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("interrupted") && err.contains("--overwrite"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(common::files(&out), left);
    // With --overwrite: the killed run's files go, exactly the new manifest's files remain.
    generate(&out, &["--scale", "0.005", "--overwrite"]);
    assert_eq!(common::files(&out), listed(&out));
    assert!(
        outside.exists(),
        "a journal line outside the folder was followed"
    );
    assert!(run(&["verify", o]).status.success());
}

#[test]
fn csv_and_bson_work_with_the_default_stores() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for format in ["csv", "csv,bson"] {
        let out = tmp.path().join(format);
        let o = run(&[
            "generate",
            "--scale",
            "0.005",
            "--format",
            format,
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{format}: {err}");
        let m = manifest(&out);
        let formats = |t: &str| -> Vec<String> {
            m["tables"][t]["files"]
                .as_array()
                .expect("files")
                .iter()
                .map(|f| f["format"].as_str().unwrap_or_default().to_string())
                .collect()
        };
        assert_eq!(formats("crm.clients"), ["csv"]);
        assert_eq!(formats("sales.users"), ["csv"]);
        if format == "csv" {
            // content.images has list columns: Parquet, said in one line.
            assert_eq!(formats("content.images"), ["parquet"]);
            let note: Vec<&str> = err.lines().filter(|l| l.starts_with("note:")).collect();
            assert_eq!(note.len(), 1, "{err}");
            assert!(note[0].contains("content.images"), "{err}");
        } else {
            assert!(formats("content.images").contains(&"bson".to_string()));
            assert!(!err.contains("note:"), "{err}");
        }
        assert!(run(&["verify", out.to_str().expect("utf-8")])
            .status
            .success());
    }
    // bson for ads alone: written as Parquet, with the note.
    let out = tmp.path().join("ads-bson");
    let o = run(&[
        "generate",
        "--scale",
        "0.005",
        "--stores",
        "ads",
        "--format",
        "bson",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("ads/campaigns.parquet").is_file());
}

#[test]
fn tables_subset_writes_only_those_tables() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let o = out.to_str().expect("utf-8");
    let r = run(&[
        "generate",
        "--scale",
        "0.01",
        "--tables",
        "ads.campaigns,crm.clients",
        "--out",
        o,
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let m = manifest(&out);
    let names: Vec<&String> = m["tables"].as_object().expect("tables").keys().collect();
    assert_eq!(names, ["ads.campaigns", "crm.clients"]);
    assert_eq!(m["tables"]["crm.clients"]["rows"], 5000);
    assert_eq!(m["stores"], serde_json::json!(["ads", "crm"]));
    assert!(run(&["verify", o]).status.success());
    assert_one_line_error(
        &[
            "generate",
            "--tables",
            "ads.nope",
            "--out",
            tmp.path().join("x").to_str().expect("utf-8"),
        ],
        "--tables",
        "promptsales tables",
    );
}

#[test]
fn quiet_prints_nothing_and_no_progress_keeps_the_summary() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let o = out.to_str().expect("utf-8");
    let r = run(&["generate", "--quiet", "--scale", "0.005", "--out", o]);
    assert!(r.status.success());
    assert_eq!(String::from_utf8_lossy(&r.stderr), "");
    let r = run(&["verify", "--quiet", o]);
    assert!(r.status.success());
    assert_eq!(String::from_utf8_lossy(&r.stdout), "");
    let r = run(&[
        "generate",
        "--no-progress",
        "--overwrite",
        "--scale",
        "0.005",
        "--out",
        o,
    ]);
    assert!(String::from_utf8_lossy(&r.stderr).starts_with("wrote "));
}

#[test]
fn clap_errors_keep_the_argument_name() {
    let o = run(&["verify"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("<DIR>"), "{err}");
}

#[test]
fn load_postgres_rejects_content_with_the_valid_list() {
    let o = run(&[
        "load",
        "postgres",
        "--url",
        "postgresql://u@127.0.0.1:1/db",
        "--stores",
        "content",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("--stores") && err.contains("ads, crm, sales") && err.contains("load mongo"),
        "{err}"
    );
}

#[test]
fn tables_json_and_bytes_agree_with_what_generate_writes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    generate(
        &out,
        &[
            "--scale",
            "0.01",
            "--stores",
            "crm",
            "--format",
            "parquet,csv",
        ],
    );
    let m = manifest(&out);
    let o = run(&["tables", "--json", "--bytes", "--scale", "0.01"]);
    assert!(o.status.success());
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let tables = j["tables"].as_array().expect("tables");
    let clients = tables
        .iter()
        .find(|t| t["table"] == "crm.clients")
        .expect("crm.clients");
    assert_eq!(clients["rows"], m["tables"]["crm.clients"]["rows"]);
    let sum: u64 = tables.iter().map(|t| t["rows"].as_u64().unwrap_or(0)).sum();
    assert_eq!(j["total_rows"].as_u64(), Some(sum));
    // Estimates from a sample: CSV within 10% of the real file, Parquet within a factor 2.
    for (i, format, low, high) in [(0, "parquet", 0.5, 2.0), (1, "csv", 0.9, 1.1)] {
        let actual = m["tables"]["crm.interactions"]["files"][i]["bytes"]
            .as_f64()
            .expect("bytes");
        let est = tables
            .iter()
            .find(|t| t["table"] == "crm.interactions")
            .and_then(|t| t["estimated_bytes"][format].as_f64())
            .expect("estimate");
        let ratio = est / actual;
        assert!(
            (low..=high).contains(&ratio),
            "{format}: estimate {est} vs {actual}"
        );
    }
    // content.images cannot be CSV: no estimate.
    let images = tables
        .iter()
        .find(|t| t["table"] == "content.images")
        .expect("images");
    assert!(images["estimated_bytes"].get("csv").is_none());
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

/// Parts of one run start together in one folder (one Kubernetes pod per part): a part must
/// accept another part's in-flight files (its temporaries and finished part files, written
/// before its manifest), yet a whole run still refuses the same folder.
#[test]
fn a_part_accepts_another_parts_files_still_being_written() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    fs::create_dir_all(out.join("ads/campaigns")).expect("mkdir");
    fs::write(out.join("ads/campaigns/campaigns.2.parquet"), b"part 2").expect("write");
    fs::write(
        out.join("ads/campaigns/.campaigns.2.parquet.tmp"),
        b"part 2",
    )
    .expect("write");
    let dir = out.to_str().expect("utf-8");
    let whole = [
        "generate", "--scale", "0.01", "--stores", "ads", "--out", dir,
    ];
    assert_one_line_error(&whole, "--out", "no promptsales dataset");
    generate(
        &out,
        &[
            "--scale", "0.01", "--stores", "ads", "--parts", "2", "--part", "1",
        ],
    );
    assert!(out.join("manifest.1.json").is_file());
    // Part 2's in-flight files were left alone.
    assert_eq!(
        fs::read(out.join("ads/campaigns/campaigns.2.parquet")).expect("read"),
        b"part 2"
    );
    // A file of part 3 of 2, or of a table this run does not write, is still foreign.
    let other = tmp.path().join("other");
    fs::create_dir_all(other.join("ads/campaigns")).expect("mkdir");
    fs::write(other.join("ads/campaigns/campaigns.3.parquet"), b"x").expect("write");
    let part = [
        "generate",
        "--scale",
        "0.01",
        "--stores",
        "ads",
        "--parts",
        "2",
        "--part",
        "1",
        "--out",
        other.to_str().expect("utf-8"),
    ];
    assert_one_line_error(&part, "--out", "no promptsales dataset");
}

/// A build without the `drivers` feature still parses the MCP live flags and says how to get
/// the live backend: one line naming the flag, exit 2 (scripts/test.d/65-mcp.sh tests the live
/// backend itself with a `--features drivers` build).
#[cfg(not(feature = "drivers"))]
#[test]
fn mcp_live_flags_without_drivers_name_the_flag_and_exit_2() {
    for (args, flag) in [
        (
            vec![
                "mcp",
                "sales",
                "--database-url",
                "postgresql://u@127.0.0.1:1/db",
            ],
            "--database-url",
        ),
        (vec!["mcp", "content", "--live"], "--live"),
        (
            vec!["mcp", "content", "--redis-url", "redis://127.0.0.1:1"],
            "--redis-url",
        ),
    ] {
        assert_one_line_error(
            &args,
            flag,
            "rebuild with `cargo install --path . --features drivers`",
        );
        assert_eq!(run(&args).status.code(), Some(2), "{args:?}");
    }
}
