//! Integration tests against a real PostgreSQL server. They need `DATABASE_URL` (a role that
//! may create databases) and are `#[ignore]`d so `cargo test --workspace` passes without a
//! server; `scripts/test.d/40-postgres.sh` starts a throwaway server and runs them with
//! `--ignored`. Each test works in its own fresh database.

use pg::{Client, NoTls};
use promptsales_core::registry::tables_of;
use promptsales_core::sink::{self, NoProgress, WriteOptions};
use promptsales_core::verify::Dataset;
use promptsales_core::{Config, Store, World};
use promptsales_loaders::postgres::{self, IfExists, Quiet, Source};
use promptsales_loaders::Error;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ALL: [Store; 3] = [Store::Ads, Store::Crm, Store::Sales];

fn fresh_db(name: &str) -> Result<(Client, String), Box<dyn std::error::Error>> {
    let url = std::env::var("DATABASE_URL").map_err(|_| "DATABASE_URL is not set")?;
    let mut admin = postgres::connect(&url)?;
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
    admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
    let mut config = postgres::parse_url(&url)?;
    config.dbname(name);
    Ok((config.connect(NoTls)?, name.to_string()))
}

fn world(scale: f64) -> World {
    World::new(&Config {
        scale,
        ..Config::default()
    })
}

fn count(client: &mut Client, sql: &str) -> Result<i64, pg::Error> {
    client.query_one(sql, &[])?.try_get(0)
}

/// Every table's row count in the database equals the generator's.
fn assert_counts(client: &mut Client, world: &World, stores: &[Store]) -> TestResult {
    for t in tables_of(stores) {
        let expected = t.count(world, 0..t.units(world)) as i64;
        let got = count(
            client,
            &format!("SELECT count(*) FROM {}", t.qualified_name()),
        )?;
        assert_eq!(got, expected, "{}", t.qualified_name());
    }
    Ok(())
}

#[test]
#[ignore = "needs a PostgreSQL server (DATABASE_URL); run by scripts/test.d/40-postgres.sh"]
fn load_all_stores_counts_mirror_reconciliation_and_modes() -> TestResult {
    let (mut client, _) = fresh_db("ps_it_all")?;
    let w = world(0.02);
    let report = postgres::load(
        &mut client,
        &ALL,
        Source::Generate(&w),
        IfExists::Fail,
        &Quiet,
    )?;
    assert_eq!(report.tables.len(), tables_of(&ALL).count());
    assert_counts(&mut client, &w, &ALL)?;
    assert!(
        count(&mut client, "SELECT count(*) FROM crm.sales")? > 0,
        "no sales to reconcile"
    );

    // sales.campaigns mirrors ads.campaigns: same ids, names, budgets, spend, dates, status.
    let differing = count(
        &mut client,
        "SELECT count(*) FROM ads.campaigns a FULL JOIN sales.campaigns s USING (campaign_id)
         WHERE a.campaign_id IS NULL OR s.campaign_id IS NULL
            OR (a.brand_id, a.name, a.objective, a.status, a.start_date, a.end_date, a.budget, a.spent)
               IS DISTINCT FROM (s.brand_id, s.name, s.objective, s.status, s.start_date, s.end_date, s.budget, s.spent)",
    )?;
    assert_eq!(differing, 0, "sales.campaigns differs from ads.campaigns");

    // DESIGN §5.4 inside PostgreSQL: per placement and day, conversions = count of sales,
    // revenue = sum of amounts, leads = links captured that day.
    let reconciliation = include_str!("../../sql/checks/postgres/reconciliation.sql");
    let rows = client.query(reconciliation, &[])?;
    assert_eq!(
        rows.len(),
        0,
        "placement-days that do not reconcile: {}",
        rows.len()
    );

    // Decoded values equal the generator's (binary numeric, date and timestamp encoding).
    let batch =
        promptsales_core::registry::table("sales.campaigns")?.batch(&w, 0..w.counts.campaigns)?;
    let ids = promptsales_core::verify::int(&batch, "campaign_id")?;
    let starts = promptsales_core::verify::day(&batch, "start_date")?;
    let budgets = promptsales_core::verify::cents(&batch, "budget")?;
    let created = promptsales_core::verify::seconds(&batch, "created_at")?;
    let db = client.query(
        "SELECT campaign_id, (start_date - DATE '1970-01-01')::int4, (budget * 100)::int8,
                extract(epoch FROM created_at)::int8
         FROM sales.campaigns ORDER BY campaign_id",
        &[],
    )?;
    assert_eq!(db.len(), batch.num_rows());
    for (i, row) in db.iter().enumerate() {
        assert_eq!(row.try_get::<_, i64>(0)?, ids.value(i));
        assert_eq!(row.try_get::<_, i32>(1)?, starts.value(i));
        assert_eq!(i128::from(row.try_get::<_, i64>(2)?), budgets.value(i));
        assert_eq!(row.try_get::<_, i64>(3)?, created.value(i));
    }

    // Portal coherence: the budget ledger's monthly spend equals ads daily cost, never
    // overdraws; every approval resolves before the start date.
    let ledger = count(
        &mut client,
        "SELECT count(*) FROM ads.campaigns c
         LEFT JOIN (SELECT campaign_id, sum(amount) AS spent FROM sales.campaign_budget_transactions
                    WHERE transaction_type = 'spent' GROUP BY campaign_id) l USING (campaign_id)
         LEFT JOIN (SELECT campaign_id, sum(cost) AS cost FROM ads.daily_results GROUP BY campaign_id) d USING (campaign_id)
         WHERE coalesce(l.spent, 0) <> c.spent OR coalesce(d.cost, 0) <> c.spent",
    )?;
    assert_eq!(ledger, 0, "budget ledger does not match ads spend");
    assert_eq!(
        count(
            &mut client,
            "SELECT count(*) FROM sales.campaign_budget_transactions WHERE balance_after < 0"
        )?,
        0
    );
    assert_eq!(
        count(
            &mut client,
            "SELECT count(*) FROM sales.campaign_approvals a JOIN sales.campaigns c USING (campaign_id)
             WHERE a.resolved_at >= c.start_date"
        )?,
        0,
        "an approval resolves on or after its campaign's start"
    );

    // --if-exists fail refuses a loaded database and changes nothing.
    match postgres::load(
        &mut client,
        &[Store::Sales],
        Source::Generate(&w),
        IfExists::Fail,
        &Quiet,
    ) {
        Err(Error::AlreadyLoaded(schema)) => assert_eq!(schema, "sales"),
        other => panic!("expected AlreadyLoaded, got {other:?}"),
    }
    assert_counts(&mut client, &w, &[Store::Sales])?;

    // truncate reloads to the same counts (and the keys come back).
    postgres::load(
        &mut client,
        &ALL,
        Source::Generate(&w),
        IfExists::Truncate,
        &Quiet,
    )?;
    assert_counts(&mut client, &w, &ALL)?;
    let pks = count(
        &mut client,
        "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE c.contype = 'p' AND n.nspname IN ('ads', 'crm', 'sales')",
    )?;
    assert_eq!(
        pks as usize,
        tables_of(&ALL).count(),
        "one primary key per table"
    );

    // append of the same rows hits the primary keys: the failing table rolls back whole.
    let before = count(&mut client, "SELECT count(*) FROM sales.users")?;
    assert!(postgres::load(
        &mut client,
        &[Store::Sales],
        Source::Generate(&w),
        IfExists::Append,
        &Quiet
    )
    .is_err());
    assert_eq!(
        count(&mut client, "SELECT count(*) FROM sales.users")?,
        before
    );
    Ok(())
}

#[test]
#[ignore = "needs a PostgreSQL server (DATABASE_URL); run by scripts/test.d/40-postgres.sh"]
fn load_from_dataset_folder_equals_generated_load() -> TestResult {
    let w = world(0.01);
    let dir = tempfile::tempdir()?;
    let mut options = WriteOptions::new(dir.path());
    options.stores = vec![Store::Sales, Store::Crm];
    sink::write_dataset(&w, &options, &NoProgress)?;
    let ds = Dataset::open(dir.path())?;
    let (mut client, _) = fresh_db("ps_it_from")?;
    postgres::load(
        &mut client,
        &[Store::Sales, Store::Crm],
        Source::Dataset(&ds),
        IfExists::Fail,
        &Quiet,
    )?;
    assert_counts(&mut client, &w, &[Store::Sales, Store::Crm])?;
    let expected: i64 = w.campaigns.iter().map(|c| c.budget_cents).sum();
    let got = count(
        &mut client,
        "SELECT (sum(budget) * 100)::int8 FROM sales.campaigns",
    )?;
    assert_eq!(got, expected);
    // A store the folder lacks is refused before anything is created.
    match postgres::load(
        &mut client,
        &[Store::Ads],
        Source::Dataset(&ds),
        IfExists::Fail,
        &Quiet,
    ) {
        Err(Error::NotADataset { message, .. }) => {
            assert!(message.contains("ads.brands"), "{message}")
        }
        other => panic!("expected NotADataset, got {other:?}"),
    }
    assert_eq!(
        count(
            &mut client,
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'ads'"
        )?,
        0
    );
    Ok(())
}

#[test]
#[ignore = "needs a PostgreSQL server (DATABASE_URL); run by scripts/test.d/40-postgres.sh"]
fn connection_errors_are_one_line_without_the_password() -> TestResult {
    let url = std::env::var("DATABASE_URL")?;
    let config = postgres::parse_url(&url)?;
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let wrong = format!("postgresql://postgres:WrongSecret123@127.0.0.1:{port}/postgres");
    let e = postgres::connect(&wrong)
        .err()
        .ok_or("wrong password connected")?;
    assert!(matches!(e, Error::Auth { .. }), "{e}");
    let refused = "postgresql://postgres:WrongSecret123@127.0.0.1:1/postgres";
    let e2 = postgres::connect(refused).err().ok_or("port 1 connected")?;
    assert!(matches!(e2, Error::Unreachable { .. }), "{e2}");
    let e3 = postgres::connect("postgresql://u:WrongSecret123@[bad")
        .err()
        .ok_or("bad url parsed")?;
    assert!(matches!(e3, Error::BadUrl(_)), "{e3}");
    for e in [e, e2, e3] {
        let text = e.to_string();
        assert!(!text.contains("WrongSecret123"), "{text}");
        assert_eq!(text.lines().count(), 1, "{text}");
    }
    Ok(())
}
