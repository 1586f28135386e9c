//! Determinism (DESIGN.md §3): 1 thread = 2 threads byte for byte; parts concatenate to the
//! whole; golden checksums at a tiny scale.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use arrow::compute::concat_batches;
use arrow::record_batch::RecordBatch;
use common::{files, generate, sha256};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn read_parquet(path: &Path) -> RecordBatch {
    let file = fs::File::open(path).expect("open parquet");
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).expect("parquet reader");
    let schema = builder.schema().clone();
    let batches: Vec<RecordBatch> = builder
        .build()
        .expect("build")
        .map(|b| b.expect("batch"))
        .collect();
    concat_batches(&schema, &batches).expect("concat")
}

#[test]
fn one_thread_equals_two_threads_byte_for_byte() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b) = (tmp.path().join("t1"), tmp.path().join("t2"));
    // Small row groups so the 17 tables span many chunks and both threads really work.
    let common = [
        "--scale",
        "0.02",
        "--format",
        "parquet,csv",
        "--row-group-rows",
        "4096",
    ];
    generate(&a, &[&common[..], &["--threads", "1"]].concat());
    generate(&b, &[&common[..], &["--threads", "2"]].concat());
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa, fb);
    assert_eq!(
        fa.len(),
        2 * 17 + 1,
        "17 tables in two formats plus the manifest"
    );
    for f in &fa {
        assert_eq!(
            fs::read(a.join(f)).expect("read"),
            fs::read(b.join(f)).expect("read"),
            "{} differs",
            f.display()
        );
    }
}

#[test]
fn parts_concatenate_to_the_whole() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let whole = tmp.path().join("whole");
    let parts = tmp.path().join("parts");
    generate(&whole, &["--scale", "0.02", "--format", "parquet,csv"]);
    for k in 1..=3 {
        generate(
            &parts,
            &[
                "--scale",
                "0.02",
                "--format",
                "parquet,csv",
                "--parts",
                "3",
                "--part",
                &k.to_string(),
            ],
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(whole.join("manifest.json")).expect("manifest"))
            .expect("json");
    let tables = manifest["tables"].as_object().expect("tables");
    assert_eq!(tables.len(), 17);
    for name in tables.keys() {
        let (store, table) = name.split_once('.').expect("store.table");
        // CSV: every part has the header; data rows in part order equal the whole's.
        let whole_csv =
            fs::read_to_string(whole.join(store).join(format!("{table}.csv"))).expect("whole csv");
        let mut lines = whole_csv.lines();
        let header = lines.next().expect("header");
        let whole_rows: Vec<&str> = lines.collect();
        let mut part_rows: Vec<String> = Vec::new();
        let mut batches = Vec::new();
        for k in 1..=3 {
            let text = fs::read_to_string(
                parts
                    .join(store)
                    .join(table)
                    .join(format!("{table}.{k}.csv")),
            )
            .expect("part csv");
            let mut l = text.lines();
            assert_eq!(l.next(), Some(header), "{name} part {k} header");
            part_rows.extend(l.map(String::from));
            batches.push(read_parquet(
                &parts
                    .join(store)
                    .join(table)
                    .join(format!("{table}.{k}.parquet")),
            ));
        }
        assert_eq!(
            part_rows, whole_rows,
            "{name}: CSV parts differ from the whole"
        );
        let w = read_parquet(&whole.join(store).join(format!("{table}.parquet")));
        let p = concat_batches(&w.schema(), &batches).expect("concat parts");
        assert_eq!(p, w, "{name}: Parquet parts differ from the whole");
        assert!(w.num_rows() > 0, "{name} is empty at scale 0.02");
    }
    // Each part writes its own manifest; together they count the whole.
    for k in 1..=3 {
        assert!(parts.join(format!("manifest.{k}.json")).is_file());
    }
}

/// Golden checksums: any change to output bytes at seed 7, scale 0.002 shows up here. After a
/// deliberate change to the generator, regenerate with `UPDATE_GOLDEN=1 cargo test golden` and
/// say so in the commit message.
#[test]
fn golden_checksums_at_a_tiny_scale() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("g");
    generate(
        &out,
        &["--scale", "0.002", "--seed", "7", "--format", "parquet,csv"],
    );
    let mut actual = BTreeMap::new();
    for f in files(&out) {
        if f.extension().is_some_and(|e| e == "csv" || e == "parquet") {
            actual.insert(
                f.to_string_lossy().replace('\\', "/"),
                sha256(&out.join(&f)),
            );
        }
    }
    let golden_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/scale0.002-seed7.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(
            &golden_path,
            serde_json::to_string_pretty(&actual).expect("json") + "\n",
        )
        .expect("write golden");
    }
    let golden: BTreeMap<String, String> =
        serde_json::from_str(&fs::read_to_string(&golden_path).expect("golden file"))
            .expect("golden json");
    assert_eq!(
        actual, golden,
        "output bytes changed; if intended, UPDATE_GOLDEN=1 and say so in the commit"
    );
}

#[test]
fn different_seeds_give_different_data() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    generate(&a, &["--scale", "0.002", "--seed", "1", "--format", "csv"]);
    generate(&b, &["--scale", "0.002", "--seed", "2", "--format", "csv"]);
    assert_ne!(
        fs::read(a.join("crm/clients.csv")).expect("a"),
        fs::read(b.join("crm/clients.csv")).expect("b")
    );
    // Fixed catalogs do not depend on the seed.
    assert_eq!(
        fs::read(a.join("ads/channels.csv")).expect("a"),
        fs::read(b.join("ads/channels.csv")).expect("b")
    );
}
