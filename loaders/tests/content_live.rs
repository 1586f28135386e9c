//! Integration tests of the content loaders against real servers: a MongoDB-protocol server
//! (`MONGODB_URL`; SecantusDB in the suite, not mongod), PostgreSQL + pgvector
//! (`PGVECTOR_URL`), Redis (`REDIS_URL`) and, for Pinecone, a local stand-in
//! (`PINECONE_STANDIN`, `scripts/pinecone_standin.py` — not Pinecone). They are `#[ignore]`d
//! so `cargo test --workspace` passes without servers; `scripts/test.d/60-content-live.sh`
//! starts the servers and runs them with `--ignored`.

use std::collections::BTreeSet;

use arrow::array::{Array, FixedSizeListArray, Float32Array, Int64Array};

use promptsales_core::gen::content::embed::Embedder;
use promptsales_core::registry::tables_of;
use promptsales_core::sink::{self, NoProgress, WriteOptions};
use promptsales_core::verify::Dataset;
use promptsales_core::{Config, Format, Store, World};
use promptsales_loaders::{mongo, pgvector, pinecone, postgres, redis};
use promptsales_loaders::{Error, IfExists, Quiet, Source};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

fn world() -> World {
    World::new(&Config {
        scale: 0.01,
        ..Config::default()
    })
}

#[test]
#[ignore = "needs a MongoDB-protocol server (MONGODB_URL); run by scripts/test.d/60-content-live.sh"]
fn mongo_counts_indexes_documents_and_modes() -> TestResult {
    let url = env("MONGODB_URL")?;
    let w = world();
    let m = mongo::Mongo::connect(&url)?;
    let db = "ps_it_mongo";
    let report = m.load(db, Source::Generate(&w), IfExists::Truncate, &Quiet)?;
    for (t, load) in tables_of(&[Store::Content]).zip(&report.collections) {
        assert_eq!(load.rows, t.count(&w, 0..t.units(&w)), "{}", t.name);
    }
    // counts, every declared index, first and last document byte-identical
    assert_eq!(m.verify(db, Source::Generate(&w))?, 12);
    // fail refuses and names the collections; nothing changes
    match m.load(db, Source::Generate(&w), IfExists::Fail, &Quiet) {
        Err(Error::EngineExists { what, .. }) => assert!(what.contains("images"), "{what}"),
        other => panic!("fail mode loaded: {other:?}"),
    }
    // append of the same deterministic documents is refused by the server (duplicate _id)
    assert!(m
        .load(db, Source::Generate(&w), IfExists::Append, &Quiet)
        .is_err());
    // truncate gives the same counts again
    let again = m.load(db, Source::Generate(&w), IfExists::Truncate, &Quiet)?;
    assert_eq!(again.documents(), report.documents());
    assert_eq!(m.verify(db, Source::Generate(&w))?, 12);
    Ok(())
}

#[test]
#[ignore = "needs PostgreSQL with pgvector (PGVECTOR_URL); run by scripts/test.d/60-content-live.sh"]
fn pgvector_hnsw_neighbours_equal_exact_neighbours_from_parquet() -> TestResult {
    let url = env("PGVECTOR_URL")?;
    let w = world();
    // The exact neighbours come from the Parquet file, read back by the dataset reader.
    let dir = tempfile::tempdir()?;
    let mut options = WriteOptions::new(dir.path());
    options.stores = vec![Store::Content];
    options.formats = vec![Format::Parquet, Format::Bson];
    sink::write_dataset(&w, &options, &NoProgress)?;
    let ds = Dataset::open(dir.path())?;
    let images = pgvector::images(Source::Dataset(&ds), None)?;
    assert_eq!(images.len(), 100);

    let mut client = postgres::connect(&url)?;
    let loads = pgvector::load(
        &mut client,
        Source::Dataset(&ds),
        None,
        IfExists::Truncate,
        &Quiet,
    )?;
    assert_eq!(loads[0].rows, 100);
    // The index is the HNSW one, and the planner uses it for ORDER BY <=> LIMIT.
    client.batch_execute("SET enable_seqscan = off; SET hnsw.ef_search = 200")?;
    let plan: Vec<String> = client
        .query(
            "EXPLAIN SELECT image_id FROM content.images ORDER BY embedding <=> (SELECT embedding FROM content.images LIMIT 1) LIMIT 5",
            &[],
        )?
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect();
    assert!(
        plan.iter().any(|l| l.contains("images_embedding_hnsw")),
        "{plan:?}"
    );

    // The Parquet embeddings, read by arrow (independent of the BSON path the loader used).
    let batch = ds.read("content.images")?;
    let ids = batch
        .column_by_name("image_id")
        .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
        .ok_or("image_id column")?;
    let emb = batch
        .column_by_name("embedding")
        .and_then(|c| c.as_any().downcast_ref::<FixedSizeListArray>())
        .ok_or("embedding column")?;
    let mut parquet: Vec<(i64, Vec<f32>)> = Vec::new();
    for i in 0..batch.num_rows() {
        let v = emb.value(i);
        let f = v
            .as_any()
            .downcast_ref::<Float32Array>()
            .ok_or("float32 embedding")?;
        parquet.push((ids.value(i), f.values().to_vec()));
    }
    assert_eq!(parquet.len(), 100);
    for (img, (id, v)) in images.iter().zip(&parquet) {
        assert_eq!(
            (img.image_id, &img.embedding),
            (*id, v),
            "BSON and Parquet embeddings agree"
        );
    }

    for (probe_id, probe) in parquet.iter().step_by(5).take(20) {
        let mut exact: Vec<(f64, i64)> = parquet
            .iter()
            .filter(|(id, _)| id != probe_id)
            .map(|(id, o)| {
                let dot: f64 = probe
                    .iter()
                    .zip(o)
                    .map(|(a, b)| f64::from(*a) * f64::from(*b))
                    .sum();
                (1.0 - dot, *id)
            })
            .collect();
        exact.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let want: Vec<i64> = exact.iter().take(5).map(|e| e.1).collect();
        let got: Vec<i64> = client
            .query(
                "SELECT image_id FROM content.images WHERE image_id <> $1 \
                 ORDER BY embedding <=> $2::text::vector LIMIT 5",
                &[probe_id, &pgvector::vector_literal(probe)],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(got, want, "5 nearest neighbours of image {probe_id}");
    }

    // The beachwear query of the content tests ranks every beach image first through SQL.
    let q = Embedder::new(w.config.embedding_dims).embed("sunny beach summer swimwear");
    let beach = images.iter().filter(|i| i.category == "beachwear").count() as i64;
    assert!(beach >= 8);
    let top: Vec<String> = client
        .query(
            "SELECT category FROM content.images ORDER BY embedding <=> $1::text::vector LIMIT $2",
            &[&pgvector::vector_literal(&q), &beach],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(top.iter().all(|c| c == "beachwear"), "{top:?}");

    // fail refuses over a loaded table
    assert!(matches!(
        pgvector::load(
            &mut client,
            Source::Dataset(&ds),
            None,
            IfExists::Fail,
            &Quiet
        ),
        Err(Error::AlreadyLoaded(_))
    ));
    Ok(())
}

#[test]
#[ignore = "needs a Redis server (REDIS_URL); run by scripts/test.d/60-content-live.sh"]
fn redis_every_key_has_its_type_and_ttl() -> TestResult {
    let url = env("REDIS_URL")?;
    let w = world();
    let mut con = redis::connect(&url)?;
    redis::delete_warmed(&mut con)?;
    let loads = redis::load(&mut con, Source::Generate(&w), IfExists::Fail, &Quiet)?;
    let entries = redis::entries(Source::Generate(&w))?;
    assert_eq!(
        loads.iter().map(|l| l.rows).sum::<u64>(),
        entries.len() as u64
    );
    for e in &entries {
        let family = &redis::FAMILIES[e.family];
        let kind: String = ::redis::cmd("TYPE").arg(&e.key).query(&mut con)?;
        assert_eq!(kind, family.kind.redis_type(), "{}", e.key);
        let ttl: i64 = ::redis::cmd("TTL").arg(&e.key).query(&mut con)?;
        let max = family.ttl_seconds.map_or(-1, |t| t as i64);
        // Within its window: at most the documented TTL, and not more than a minute consumed.
        assert!(
            ttl <= max && ttl >= max - 60,
            "{}: TTL {ttl}, documented {max}",
            e.key
        );
        if family.kind == redis::KeyType::Hash {
            let n: usize = ::redis::cmd("HLEN").arg(&e.key).query(&mut con)?;
            assert_eq!(n, e.fields.len(), "{}", e.key);
        } else {
            let v: String = ::redis::cmd("GET").arg(&e.key).query(&mut con)?;
            assert_eq!(Some(&v), e.fields.first().map(|f| &f.1), "{}", e.key);
        }
    }
    // A known value: the stats hash of an active campaign holds its budget.
    let c = w
        .campaigns
        .iter()
        .find(|c| c.active)
        .ok_or("no active campaign")?;
    let budget: String = ::redis::cmd("HGET")
        .arg(format!("estadisticas:campana:{}", c.id))
        .arg("budget_cents")
        .query(&mut con)?;
    assert_eq!(budget, c.budget_cents.to_string());
    // fail refuses; truncate rewrites the same number of keys
    assert!(matches!(
        redis::load(&mut con, Source::Generate(&w), IfExists::Fail, &Quiet),
        Err(Error::EngineExists { .. })
    ));
    let again = redis::load(&mut con, Source::Generate(&w), IfExists::Truncate, &Quiet)?;
    assert_eq!(
        again.iter().map(|l| l.rows).sum::<u64>(),
        entries.len() as u64
    );
    Ok(())
}

#[test]
#[ignore = "needs the Pinecone stand-in (PINECONE_STANDIN, PINECONE_API_KEY); run by scripts/test.d/60-content-live.sh"]
fn pinecone_standin_upserts_every_id_once_and_retries() -> TestResult {
    let host = env("PINECONE_STANDIN")?;
    let key = env("PINECONE_API_KEY")?;
    let w = world();
    let mut pc = pinecone::Pinecone::new(&host, &key)?;
    pc.backoff = std::time::Duration::from_millis(50);
    let report = pinecone::load(&pc, Source::Generate(&w), "images", IfExists::Fail, &Quiet)?;
    assert_eq!(report.upserted, 100);
    assert!(
        report.retries >= 2,
        "the stand-in injects a 429 and a 503: {report:?}"
    );
    // The ids are the images' vector ids, unique.
    let records = pinecone::records(Source::Generate(&w))?;
    let ids: BTreeSet<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), 100);
    // Nearest neighbour of an image's own vector is itself.
    let first = &records[0];
    let v: Vec<f32> = first["values"]
        .as_array()
        .ok_or("values")?
        .iter()
        .filter_map(|x| x.as_f64().map(|f| f as f32))
        .collect();
    let top = pc.query("images", &v, 3)?;
    assert_eq!(top.first().map(String::as_str), first["id"].as_str());
    // fail refuses a non-empty namespace; truncate reloads
    assert!(matches!(
        pinecone::load(&pc, Source::Generate(&w), "images", IfExists::Fail, &Quiet),
        Err(Error::EngineExists { .. })
    ));
    Ok(())
}
