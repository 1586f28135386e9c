//! Change over time (DESIGN.md §10, docs/deltas.md): state(T) + delta(T→T') = state(T') over
//! chains of instants and seeds; every delta row changed in (T, T']; unchanged rows keep their
//! marker; the window itself is unchanged but for the marker; deltas are deterministic and do
//! not depend on how the campaigns are split; the window's invariants hold at every T; the
//! change is the realistic one (today's row grows, leads/sales/interactions arrive, campaigns
//! complete); the CLI's bad instants get one-line errors.

mod common;

use std::collections::BTreeMap;
use std::fs;

use arrow::array::{Array, AsArray};
use arrow::compute::concat_batches;
use arrow::datatypes::TimestampSecondType;
use arrow::record_batch::RecordBatch;
use arrow::util::display::array_value_to_string;
use common::{generate, run, sha256};
use promptsales_core::registry::TableDef;
use promptsales_core::verify::state::check_state;
use promptsales_core::{clock, delta, registry, Config, World};

type Rows = BTreeMap<Vec<String>, Vec<String>>;

fn world(seed: u64, scale: f64) -> World {
    World::new(&Config {
        seed,
        scale,
        ..Config::default()
    })
}

fn at(text: &str) -> i64 {
    clock::parse_instant("--to", text).expect("instant")
}

fn state(world: &World, table: &TableDef) -> RecordBatch {
    table.batch(world, 0..table.units(world)).expect("batch")
}

/// Rows keyed by primary key, every value as text.
fn keyed(table: &TableDef, batch: &RecordBatch) -> Rows {
    let schema = batch.schema();
    let key_idx: Vec<usize> = delta::primary_key(table)
        .iter()
        .map(|k| schema.index_of(k).expect("key column"))
        .collect();
    let mut out = Rows::new();
    for r in 0..batch.num_rows() {
        let values: Vec<String> = batch
            .columns()
            .iter()
            .map(|c| array_value_to_string(c, r).expect("display"))
            .collect();
        let key = key_idx.iter().map(|&i| values[i].clone()).collect();
        assert!(
            out.insert(key, values).is_none(),
            "{}: duplicate key",
            table.name
        );
    }
    out
}

fn markers(batch: &RecordBatch) -> Vec<i64> {
    batch
        .column_by_name("updated_at")
        .and_then(|c| c.as_primitive_opt::<TimestampSecondType>())
        .map(|a| a.values().to_vec())
        .expect("updated_at")
}

const CHAIN: [&str; 7] = [
    "2025-10-31T23:59:59",
    "2025-11-01T00:00:00",
    "2025-11-01T13:27:05",
    "2025-11-02T00:00:00",
    "2025-11-20T08:15:00",
    "2026-01-10T00:00:00",
    "2026-10-31T23:59:59",
];

#[test]
fn state_plus_delta_equals_the_later_state() {
    for (seed, scale) in [(42, 0.02), (7, 0.01)] {
        let w = world(seed, scale);
        for table in delta::tracked_tables().expect("tracked") {
            let mut applied = keyed(table, &state(&w.at(at(CHAIN[0])), table));
            let mut grew = 0;
            for pair in CHAIN.windows(2) {
                let (t0, t1) = (at(pair[0]), at(pair[1]));
                let later = w.at(t1);
                let d = delta::delta(&later, t0, table).expect("delta");
                for m in markers(&d) {
                    assert!(
                        t0 < m && m <= t1,
                        "{} seed {seed}: a delta row's updated_at {m} outside ({t0}, {t1}]",
                        table.name
                    );
                }
                let before = applied.len();
                for (k, v) in keyed(table, &d) {
                    applied.insert(k, v);
                }
                grew += applied.len() - before;
                let expected = keyed(table, &state(&later, table));
                assert_eq!(
                    applied.len(),
                    expected.len(),
                    "{} seed {seed}: row count after applying {}→{}",
                    table.name,
                    pair[0],
                    pair[1]
                );
                assert!(
                    applied == expected,
                    "{} seed {seed}: state({}) + delta ≠ state({})",
                    table.name,
                    pair[0],
                    pair[1]
                );
                // Unchanged rows keep their marker: every row of the later state stamped at or
                // before t0 is the earlier state's row.
                let earlier = keyed(table, &state(&w.at(t0), table));
                let stamp = markers(&state(&later, table));
                let unchanged = stamp.iter().filter(|&&m| m <= t0).count();
                let same = expected
                    .iter()
                    .filter(|(k, v)| earlier.get(*k) == Some(v))
                    .count();
                assert_eq!(
                    unchanged, same,
                    "{} seed {seed}: rows stamped ≤ {} must be exactly the unchanged ones",
                    table.name, pair[0]
                );
            }
            // One delta over the whole chain equals the chain of deltas.
            let whole = keyed(table, &state(&w.at(at(CHAIN[0])), table));
            let mut direct = whole;
            let last = w.at(at(CHAIN[CHAIN.len() - 1]));
            for (k, v) in keyed(
                table,
                &delta::delta(&last, at(CHAIN[0]), table).expect("delta"),
            ) {
                direct.insert(k, v);
            }
            assert!(direct == applied, "{}: one delta ≠ the chain", table.name);
            if table.name != "campaigns" {
                assert!(
                    grew > 0,
                    "{} seed {seed}: no new rows after the window",
                    table.name
                );
            }
        }
    }
}

#[test]
fn the_window_is_the_old_window_plus_the_marker() {
    // The CSV of the five changing tables at the golden scale, without the new last column,
    // hashes to what the golden file held before the marker existed (tests/golden history).
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("d");
    generate(
        &out,
        &["--scale", "0.002", "--seed", "7", "--format", "csv"],
    );
    let before = [
        (
            "ads/campaigns.csv",
            "c5724aba638c98379a36c7a9cd44cf1f5d7989f5db533ffa05f142e584de7f19",
        ),
        (
            "ads/daily_results.csv",
            "2e00fb89fcc876fdc43f77f2dec2f7b0be52fe00442c292124459f6d33d6bcd9",
        ),
        (
            "crm/client_campaigns.csv",
            "909706ac4b15b4537b1c28027a208eba32db824a10c433b2ef35aa4d30a79dbe",
        ),
        (
            "crm/interactions.csv",
            "bbaa904d27a2434acc737898e6c0729cb2b7e58f0b826af9b91db2cf232eae51",
        ),
        (
            "crm/sales.csv",
            "ad1042adee543ead8cfdccca179dc136f248e06795db70f223e847a1c8511d97",
        ),
    ];
    for (file, old) in before {
        let text = fs::read_to_string(out.join(file)).expect("read");
        let mut stripped = String::with_capacity(text.len());
        for line in text.lines() {
            let (rest, last) = line.rsplit_once(',').expect("a last column");
            assert!(
                last == "updated_at" || last.len() == 19,
                "{file}: last column is the marker, got {last}"
            );
            stripped.push_str(rest);
            stripped.push('\n');
        }
        let path = tmp.path().join("stripped.csv");
        fs::write(&path, stripped).expect("write");
        assert_eq!(sha256(&path), old, "{file} changed beyond the marker");
    }
}

#[test]
fn deltas_are_deterministic_and_do_not_depend_on_the_split() {
    let w = world(42, 0.02);
    let t1 = w.at(at("2025-12-24T18:30:00"));
    for table in delta::tracked_tables().expect("tracked") {
        let whole = state(&t1, table);
        let n = table.units(&t1);
        for k in [1, n / 3, n / 2, n - 1] {
            let parts = [
                table.batch(&t1, 0..k).expect("batch"),
                table.batch(&t1, k..n).expect("batch"),
            ];
            let joined = concat_batches(&table.schema(), &parts).expect("concat");
            assert_eq!(joined, whole, "{} split at {k}", table.name);
        }
        let a = delta::delta(&t1, clock::WINDOW_END, table).expect("delta");
        let b =
            delta::delta(&world(42, 0.02).at(t1.clock), clock::WINDOW_END, table).expect("delta");
        assert_eq!(a, b, "{}: same seed, same delta", table.name);
        let other =
            delta::delta(&world(43, 0.02).at(t1.clock), clock::WINDOW_END, table).expect("delta");
        assert_ne!(a, other, "{}: another seed, another delta", table.name);
    }
}

#[test]
fn the_window_invariants_hold_at_every_instant() {
    for (seed, scale) in [(42, 0.02), (7, 0.01), (1, 0.05)] {
        let w = world(seed, scale);
        for t in CHAIN {
            let report = check_state(&w.at(at(t))).expect("check");
            let failures: Vec<String> = report
                .failures()
                .iter()
                .map(|c| format!("{}: {}", c.name, c.detail))
                .collect();
            assert!(failures.is_empty(), "seed {seed} at {t}: {failures:?}");
            assert!(report.check_count() >= 10);
        }
    }
}

fn column_i64(b: &RecordBatch, name: &str) -> Vec<i64> {
    let c = b.column_by_name(name).expect("column");
    if let Some(a) = c.as_primitive_opt::<arrow::datatypes::Int64Type>() {
        return a.values().to_vec();
    }
    if let Some(a) = c.as_primitive_opt::<arrow::datatypes::Decimal128Type>() {
        return a.values().iter().map(|v| *v as i64).collect();
    }
    if let Some(a) = c.as_primitive_opt::<arrow::datatypes::Date32Type>() {
        return a.values().iter().map(|v| i64::from(*v)).collect();
    }
    panic!("{name}: unexpected type {}", c.data_type());
}

#[test]
fn todays_row_grows_through_the_day_and_leads_sales_and_touches_arrive() {
    let w = world(42, 0.05);
    let dr = registry::table("ads.daily_results").expect("table");
    let day = "2025-11-14";
    let hours = ["00:00:00", "06:00:00", "12:00:00", "18:00:00", "23:59:59"];
    let mut sums = Vec::new();
    let mut prev: Option<BTreeMap<(i64, i64), Vec<i64>>> = None;
    for h in hours {
        let b = state(&w.at(at(&format!("{day}T{h}"))), dr);
        let (pid, dd) = (column_i64(&b, "placement_id"), column_i64(&b, "day"));
        let cols = [
            "impressions",
            "clicks",
            "leads",
            "conversions",
            "cost",
            "revenue",
        ];
        let vals: Vec<Vec<i64>> = cols.iter().map(|c| column_i64(&b, c)).collect();
        let today = i64::from(clock::day_of(at(&format!("{day}T{h}"))));
        let mut rows = BTreeMap::new();
        for i in (0..b.num_rows()).filter(|&i| dd[i] == today) {
            rows.insert(
                (pid[i], dd[i]),
                vals.iter().map(|v| v[i]).collect::<Vec<_>>(),
            );
        }
        assert!(!rows.is_empty(), "today's rows exist from the first second");
        if let Some(p) = &prev {
            assert_eq!(p.len(), rows.len());
            for (k, v) in &rows {
                let before = &p[k];
                assert!(
                    v.iter().zip(before).all(|(a, b)| a >= b),
                    "{k:?}: counters never go down ({before:?} → {v:?})"
                );
            }
        }
        sums.push(rows.values().map(|v| v[4]).sum::<i64>());
        prev = Some(rows);
    }
    assert_eq!(sums[0], 0, "nothing is reported at midnight");
    assert!(
        sums[1] < sums[2] && sums[2] < sums[3] && sums[3] < sums[4],
        "today's cost grows through the day: {sums:?}"
    );

    let count = |t: &str, name: &str| {
        let table = registry::table(name).expect("table");
        state(&w.at(at(t)), table).num_rows()
    };
    for name in ["crm.client_campaigns", "crm.sales", "crm.interactions"] {
        let (a, b, c) = (
            count("2025-10-31T23:59:59", name),
            count("2025-11-15T00:00:00", name),
            count("2026-01-15T00:00:00", name),
        );
        assert!(
            a < b && b < c,
            "{name} arrive after the window: {a} {b} {c}"
        );
    }
}

#[test]
fn a_campaign_completes_when_its_end_date_passes() {
    let w = world(42, 0.02);
    let table = registry::table("ads.campaigns").expect("table");
    let c = w
        .campaigns
        .iter()
        .find(|c| c.active)
        .expect("an active campaign");
    let end = clock::day_end(c.end);
    let row = |t: i64| {
        let b = state(&w.at(t), table);
        let i = column_i64(&b, "campaign_id")
            .iter()
            .position(|&id| id == c.id)
            .expect("campaign row");
        let status = arrow::compute::cast(
            b.column_by_name("status").expect("status"),
            &arrow::datatypes::DataType::Utf8,
        )
        .expect("cast");
        (
            status.as_string::<i32>().value(i).to_string(),
            column_i64(&b, "spent")[i],
            markers(&b)[i],
        )
    };
    let (s0, spent0, m0) = row(clock::WINDOW_END);
    let (s1, spent1, _) = row(end - 1);
    let (s2, spent2, m2) = row(end);
    let (s3, spent3, m3) = row(clock::LAST_INSTANT);
    assert_eq!((s0.as_str(), m0), ("active", clock::WINDOW_END));
    assert_eq!(s1, "active");
    assert_eq!((s2.as_str(), m2), ("completed", end));
    assert_eq!((s3.as_str(), spent3, m3), ("completed", spent2, end));
    assert!(
        spent0 < spent1 && spent1 <= spent2,
        "{spent0} {spent1} {spent2}"
    );
    assert!(spent2 <= c.budget_cents, "spend within budget");
}

#[test]
fn cli_delta_writes_files_and_bad_instants_name_the_flag() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("delta");
    let o = run(&[
        "delta",
        "--scale",
        "0.01",
        "--from",
        "2025-11-01T00:00:00",
        "--to",
        "2025-11-03T12:00:00",
        "--out",
        out.to_str().expect("utf-8"),
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("delta.json")).expect("delta.json"))
            .expect("json");
    let w = world(42, 0.01).at(at("2025-11-03T12:00:00"));
    for table in delta::tracked_tables().expect("tracked") {
        let want = delta::delta(&w, at("2025-11-01T00:00:00"), table)
            .expect("delta")
            .num_rows() as u64;
        let entry = &manifest["tables"][table.qualified_name()];
        assert_eq!(entry["rows"].as_u64(), Some(want), "{}", table.name);
        let lines = fs::read_to_string(out.join(entry["file"].as_str().expect("file")))
            .expect("csv")
            .lines()
            .count() as u64;
        assert_eq!(lines, want + 1, "{}: header + rows", table.name);
    }
    for (args, line) in [
        (
            vec!["delta", "--from", "2025-10-01T00:00:00", "--to", "2025-11-01T00:00:00", "--out", "x"],
            "error: --from: must be an instant YYYY-MM-DDTHH:MM:SS (UTC) from 2025-10-31T23:59:59 to 2026-10-31T23:59:59 (got '2025-10-01T00:00:00')",
        ),
        (
            vec!["delta", "--from", "2025-11-02T00:00:00", "--to", "2025-11-01T00:00:00", "--out", "x"],
            "error: --to: must not be before --from 2025-11-02T00:00:00 (got '2025-11-01T00:00:00')",
        ),
        (
            vec!["load", "postgres", "--url", "postgresql://u@127.0.0.1:1/db", "--as-of", "tomorrow"],
            "error: --as-of: must be an instant YYYY-MM-DDTHH:MM:SS (UTC) from 2025-10-31T23:59:59 to 2026-10-31T23:59:59 (got 'tomorrow')",
        ),
        (
            vec!["load", "postgres", "--url", "postgresql://u@127.0.0.1:1/db", "--advance-to", "2025-11-01 00:00"],
            "error: --advance-to: must be an instant YYYY-MM-DDTHH:MM:SS (UTC) from 2025-10-31T23:59:59 to 2026-10-31T23:59:59 (got '2025-11-01 00:00')",
        ),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&o.stderr).trim_end(), line);
        assert!(!std::path::Path::new("x").exists());
    }
}

/// `promptsales delta` over one interval (without `--out`).
const DELTA_ARGS: [&str; 7] = [
    "delta",
    "--scale",
    "0.02",
    "--from",
    "2025-11-05T06:00:00",
    "--to",
    "2025-12-01T18:00:00",
];

#[test]
fn cli_delta_files_are_the_same_bytes_whatever_the_threads() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut digests = Vec::new();
    for threads in ["1", "2"] {
        let out = tmp.path().join(format!("t{threads}"));
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_promptsales"))
            .env("RAYON_NUM_THREADS", threads)
            .args(DELTA_ARGS)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let files: Vec<String> = common::files(&out)
            .iter()
            .map(|f| format!("{} {}", f.display(), sha256(&out.join(f))))
            .collect();
        assert_eq!(files.len(), 6, "five tables + delta.json: {files:?}");
        digests.push(files);
    }
    assert_eq!(digests[0], digests[1]);
    // --out must be new or empty: nothing is written into a folder that has files.
    let busy = tmp.path().join("t1");
    let mut args = DELTA_ARGS.to_vec();
    args.extend(["--out", busy.to_str().expect("utf-8")]);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("error: --out: ") && err.contains("is not empty"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}
