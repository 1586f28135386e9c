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
