//! `verify` passes on generated data and fails on each kind of breach it exists to catch.

mod common;

use std::fs;
use std::path::Path;

use common::{col, edit_csv, generate, rehash, run};

fn verify(dir: &Path) -> (bool, String) {
    let o = run(&["verify", dir.to_str().expect("utf-8")]);
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    for f in common::files(from) {
        let dst = to.join(&f);
        fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
        fs::copy(from.join(&f), dst).expect("copy");
    }
}

#[test]
fn verify_passes_on_generated_datasets() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for scale in ["0.01", "0.1"] {
        let out = tmp.path().join(scale);
        generate(&out, &["--scale", scale]);
        let (ok, report) = verify(&out);
        assert!(ok, "verify failed at scale {scale}:\n{report}");
        assert!(report.contains(" 0 failed"), "{report}");
        assert!(!report.contains("[FAIL]"), "{report}");
    }
    // At scale 0.1 (100 campaigns) the seasonal checks run, and the reconciliation is exact.
    let report = verify(&tmp.path().join("0.1")).1;
    assert!(
        report.contains("[ok] 2024-12: starts ≥ 2× median other month"),
        "{report}"
    );
    assert!(
        report
            .contains("[ok] revenue = Σ crm.sales.amount to the cent, per placement and day: 0 of"),
        "{report}"
    );
}

#[test]
fn verify_reads_partitioned_csv_datasets() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("p");
    for k in ["1", "2"] {
        generate(
            &out,
            &[
                "--scale", "0.01", "--format", "csv", "--parts", "2", "--part", k,
            ],
        );
    }
    let (ok, report) = verify(&out);
    assert!(ok, "{report}");
    assert!(report.contains("2 part(s)"), "{report}");
}

/// Breaks a copy of a CSV dataset in one place and asserts `verify` names the breach.
fn breach(
    base: &Path,
    name: &str,
    rel: &str,
    fix_manifest: bool,
    edit: impl FnOnce(&csv::StringRecord, &mut Vec<csv::StringRecord>),
    expect: &str,
) {
    let dir = base.parent().expect("parent").join(name);
    copy_dir(base, &dir);
    edit_csv(&dir.join(rel), edit);
    if fix_manifest {
        rehash(&dir, rel);
    }
    let (ok, report) = verify(&dir);
    assert!(!ok, "{name}: verify passed a corrupted dataset:\n{report}");
    assert!(
        report.contains(&format!("[FAIL] {expect}")),
        "{name}: expected '[FAIL] {expect}' in:\n{report}"
    );
}

#[test]
fn verify_catches_breaches() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let base = tmp.path().join("base");
    generate(&base, &["--scale", "0.01", "--format", "csv"]);
    assert!(verify(&base).0, "the uncorrupted copy must pass");

    // One cent more on one sale: revenue no longer reconciles for that placement-day.
    breach(
        &base,
        "amount",
        "crm/sales.csv",
        true,
        |h, rows| {
            let c = col(h, "amount");
            let cents: i64 = rows[0][c].replace('.', "").parse().expect("amount");
            let new = format!("{}.{:02}", (cents + 1) / 100, (cents + 1) % 100);
            let mut r: Vec<String> = rows[0].iter().map(String::from).collect();
            r[c] = new;
            rows[0] = csv::StringRecord::from(r);
        },
        "revenue = Σ crm.sales.amount to the cent",
    );

    // The same edit without updating the manifest: the checksum check catches it first.
    breach(
        &base,
        "tampered",
        "crm/sales.csv",
        false,
        |h, rows| {
            let c = col(h, "quantity");
            let mut r: Vec<String> = rows[1].iter().map(String::from).collect();
            r[c] = "99".into();
            rows[1] = csv::StringRecord::from(r);
        },
        "files match the manifest",
    );

    // A duplicated national id.
    breach(
        &base,
        "dup_id",
        "crm/clients.csv",
        true,
        |h, rows| {
            let c = col(h, "national_id");
            let first = rows[0][c].to_string();
            let mut r: Vec<String> = rows[1].iter().map(String::from).collect();
            r[c] = first;
            rows[1] = csv::StringRecord::from(r);
        },
        "national ids unique",
    );

    // A campaign flipped from active to completed: the 30% rule breaks.
    breach(
        &base,
        "status",
        "ads/campaigns.csv",
        true,
        |h, rows| {
            let c = col(h, "status");
            let i = rows
                .iter()
                .position(|r| &r[c] == "active")
                .expect("an active campaign");
            let mut r: Vec<String> = rows[i].iter().map(String::from).collect();
            r[c] = "completed".into();
            rows[i] = csv::StringRecord::from(r);
        },
        "active campaigns = round(0.30·N)",
    );

    // A lead deleted: that placement-day's leads no longer match.
    breach(
        &base,
        "lost_link",
        "crm/client_campaigns.csv",
        true,
        |_, rows| {
            rows.remove(0);
        },
        "leads = crm.client_campaigns captured",
    );

    // An invalid Costa Rican phone number.
    breach(
        &base,
        "phone",
        "crm/clients.csv",
        true,
        |h, rows| {
            let (c, cc) = (col(h, "phone"), col(h, "country_code"));
            let i = rows
                .iter()
                .position(|r| &r[cc] == "CR")
                .expect("a Costa Rican client");
            let mut r: Vec<String> = rows[i].iter().map(String::from).collect();
            r[c] = "+50612345678".into();
            rows[i] = csv::StringRecord::from(r);
        },
        "phones valid E.164 for the country",
    );
}

#[test]
fn verify_rejects_a_folder_that_is_not_a_dataset() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = run(&["verify", tmp.path().to_str().expect("utf-8")]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("not a promptsales dataset"), "{err}");
}

/// Damages a copy eight ways at once; `verify` must report every file with its reason, in text
/// and in JSON, run every group (a damaged table becomes a failed check, not an abort) and
/// exit 1.
#[test]
fn verify_reports_every_damaged_missing_or_unexpected_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let base = tmp.path().join("base");
    let other = tmp.path().join("other");
    generate(&base, &["--scale", "0.01"]);
    generate(&other, &["--scale", "0.02"]);
    let clean: serde_json::Value =
        serde_json::from_slice(&run(&["verify", "--json", base.to_str().expect("utf-8")]).stdout)
            .expect("json");
    assert_eq!(clean["passed"], true);

    let dir = tmp.path().join("damaged");
    copy_dir(&base, &dir);
    let bytes = |rel: &str| fs::read(dir.join(rel)).expect("read");
    // 1. truncated (the footer is gone)
    let b = bytes("ads/campaigns.parquet");
    fs::write(dir.join("ads/campaigns.parquet"), &b[..b.len() / 2]).expect("write");
    // 2. one byte flipped in the middle
    let mut b = bytes("ads/placements.parquet");
    let mid = b.len() / 2;
    b[mid] ^= 0xff;
    fs::write(dir.join("ads/placements.parquet"), b).expect("write");
    // 3. deleted
    fs::remove_file(dir.join("crm/sales.parquet")).expect("rm");
    // 4. a stray file
    fs::write(dir.join("ads/notes.txt"), b"not ours").expect("write");
    // 5. replaced with another scale's file
    fs::copy(
        other.join("crm/clients.parquet"),
        dir.join("crm/clients.parquet"),
    )
    .expect("copy");
    // 6. emptied
    fs::write(dir.join("crm/interactions.parquet"), b"").expect("write");
    // 7. the manifest's checksum is wrong (the file is intact)
    let mpath = dir.join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&mpath).expect("manifest")).expect("json");
    m["tables"]["ads.channels"]["files"][0]["sha256"] = "0".repeat(64).into();
    fs::write(&mpath, serde_json::to_string_pretty(&m).expect("json")).expect("write");
    // 8. unreadable. Root reads a 0o000 file anyway (CI runs as root), so there the file is
    // replaced by a folder of the same name, which no one can read as a file.
    let unreadable = dir.join("ads/markets.parquet");
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&unreadable, fs::Permissions::from_mode(0o000)).expect("chmod");
        if fs::read(&unreadable).is_ok() {
            fs::remove_file(&unreadable).expect("rm");
            fs::create_dir(&unreadable).expect("mkdir");
        }
    }
    let expected = [
        ("ads/campaigns.parquet", "bytes, the manifest says"),
        ("ads/placements.parquet", "SHA-256 differs"),
        ("crm/sales.parquet", "missing"),
        ("ads/notes.txt", "unexpected file"),
        ("crm/clients.parquet", "bytes, the manifest says"),
        ("crm/interactions.parquet", "0 bytes, the manifest says"),
        ("ads/channels.parquet", "SHA-256 differs"),
        ("ads/markets.parquet", "unreadable"),
    ];

    let d = dir.to_str().expect("utf-8");
    let o = run(&["verify", d]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{text}");
    for (file, reason) in expected {
        let line = format!("[FAIL] file {file}: ");
        let found = text.lines().find(|l| l.contains(&line));
        assert!(
            found.is_some_and(|l| l.contains(reason)),
            "{file}: expected '{reason}' in text:\n{text}"
        );
    }

    let o = run(&["verify", "--json", d]);
    assert_eq!(o.status.code(), Some(1));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("verify --json is JSON");
    assert_eq!(j["passed"], false);
    let failed: Vec<(String, String)> = j["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["checks"].as_array().expect("checks").iter())
        .filter(|c| c["passed"] == false)
        .map(|c| {
            (
                c["name"].as_str().unwrap_or_default().to_string(),
                c["detail"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    for (file, reason) in expected {
        assert!(
            failed
                .iter()
                .any(|(n, d)| *n == format!("file {file}") && d.contains(reason)),
            "{file}: '{reason}' not in the JSON failures: {failed:?}"
        );
    }
    // Never stops early: every group of the clean report is present, in the same order.
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .map(|s| s["name"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(names(&j), names(&clean));
    // A group whose table could not be read names the file.
    assert!(
        failed.iter().any(
            |(n, d)| n == "the group's tables could be read" && d.contains("crm/sales.parquet")
        ),
        "{failed:?}"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

/// `verify --part K` checks one part alone (a pod checking its own output); the folder of an
/// incomplete run is refused with that hint.
#[test]
fn verify_part_checks_one_part_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("p");
    generate(&out, &["--scale", "0.01", "--parts", "3", "--part", "2"]);
    let d = out.to_str().expect("utf-8");
    let o = run(&["verify", d]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("verify --part K"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(&["verify", "--json", "--part", "2", d]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(o.status.success(), "{j}");
    assert!(j["dataset"]
        .as_str()
        .unwrap_or_default()
        .contains("part 2 of 3"));
    let part_checks = j["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["name"] == "part tables")
        .and_then(|s| s["checks"].as_array())
        .map(Vec::len)
        .unwrap_or(0);
    // Every table of the part (one info line each in "files") was read back.
    assert_eq!(
        part_checks,
        j["sections"][0]["info"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0)
    );
    assert!(part_checks >= 15, "{part_checks}");
    // A damaged file of the part fails it.
    fs::write(out.join("crm/clients/clients.2.parquet"), b"x").expect("write");
    assert_eq!(run(&["verify", "--part", "2", d]).status.code(), Some(1));
    // A part that is not there is named with the parts present.
    let o = run(&["verify", "--part", "1", d]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("--part") && err.contains("parts present: 2"),
        "{err}"
    );
}
