//! Checks for the PromptSales portal store: the campaign mirror of `ads.campaigns`, the budget
//! ledger, approvals before the start date, placeholder credentials and foreign keys.

use std::collections::{HashMap, HashSet};

use super::{cents, day, int, seconds, text, Dataset, Report};
use crate::error::Result;

const DAY: i64 = 86_400;

/// The mirrored fields of a campaign: brand, name, objective, status, start, end, budget, spent.
type Mirrored = (i64, String, String, String, i32, i32, i128, i128);

/// `sales.campaigns` equals `ads.campaigns` (ids, brand, name, objective, status, dates,
/// budget, spend).
pub fn mirror(ds: &Dataset, r: &mut Report) -> Result<()> {
    let a = ds.read("ads.campaigns")?;
    let s = ds.read("sales.campaigns")?;
    let key = |b: &arrow::record_batch::RecordBatch| -> Result<HashMap<i64, Mirrored>> {
        let (id, brand, start, end) = (
            int(b, "campaign_id")?,
            int(b, "brand_id")?,
            day(b, "start_date")?,
            day(b, "end_date")?,
        );
        let (budget, spent) = (cents(b, "budget")?, cents(b, "spent")?);
        let (name, objective, status) =
            (text(b, "name")?, text(b, "objective")?, text(b, "status")?);
        Ok((0..b.num_rows())
            .map(|i| {
                (
                    id.value(i),
                    (
                        brand.value(i),
                        name.value(i).to_string(),
                        objective.value(i).to_string(),
                        status.value(i).to_string(),
                        start.value(i),
                        end.value(i),
                        budget.value(i),
                        spent.value(i),
                    ),
                )
            })
            .collect())
    };
    let (ka, ks) = (key(&a)?, key(&s)?);
    let differing = ka.iter().filter(|(id, v)| ks.get(id) != Some(v)).count()
        + ks.keys().filter(|id| !ka.contains_key(id)).count();
    r.check(
        "sales.campaigns mirrors ads.campaigns",
        differing == 0 && ka.len() == ks.len(),
        format!(
            "{} ads campaigns, {} sales campaigns, {differing} differing",
            ka.len(),
            ks.len()
        ),
    );
    Ok(())
}

/// The budget ledger: deposit = budget, spent entries sum to the campaign's spend, the
/// balance never goes below zero; approvals resolve before the start date.
pub fn ledger(ds: &Dataset, r: &mut Report) -> Result<()> {
    let c = ds.read("sales.campaigns")?;
    let (cid, budget, spent, start) = (
        int(&c, "campaign_id")?,
        cents(&c, "budget")?,
        cents(&c, "spent")?,
        day(&c, "start_date")?,
    );
    let t = ds.read("sales.campaign_budget_transactions")?;
    let (tid, amount, kind, balance) = (
        int(&t, "campaign_id")?,
        cents(&t, "amount")?,
        text(&t, "transaction_type")?,
        cents(&t, "balance_after")?,
    );
    let mut spent_sum: HashMap<i64, i128> = HashMap::new();
    let mut deposit: HashMap<i64, i128> = HashMap::new();
    let mut negative = 0;
    for i in 0..t.num_rows() {
        match kind.value(i) {
            "spent" => *spent_sum.entry(tid.value(i)).or_default() += amount.value(i),
            "deposit" => *deposit.entry(tid.value(i)).or_default() += amount.value(i),
            _ => {}
        }
        negative += usize::from(balance.value(i) < 0);
    }
    let mut bad_spend = 0;
    let mut bad_deposit = 0;
    for i in 0..c.num_rows() {
        let id = cid.value(i);
        bad_spend += usize::from(
            spent_sum.get(&id).copied().unwrap_or(0) != spent.value(i)
                || spent.value(i) > budget.value(i),
        );
        bad_deposit += usize::from(deposit.get(&id).copied() != Some(budget.value(i)));
    }
    r.check(
        "budget ledger spend = campaign spend ≤ budget",
        bad_spend == 0,
        format!("{bad_spend} campaigns differ"),
    );
    r.check(
        "budget deposit = budget",
        bad_deposit == 0,
        format!("{bad_deposit} campaigns differ"),
    );
    r.check(
        "budget balance never negative",
        negative == 0,
        format!("{negative} entries below zero"),
    );

    if ds.has("sales.campaign_approvals") {
        let starts: HashMap<i64, i64> = (0..c.num_rows())
            .map(|i| (cid.value(i), i64::from(start.value(i)) * DAY))
            .collect();
        let a = ds.read("sales.campaign_approvals")?;
        let (aid, resolved, requested) = (
            int(&a, "campaign_id")?,
            seconds(&a, "resolved_at")?,
            seconds(&a, "requested_at")?,
        );
        let late = (0..a.num_rows())
            .filter(|&i| {
                starts
                    .get(&aid.value(i))
                    .is_none_or(|&s| resolved.value(i) >= s)
                    || requested.value(i) > resolved.value(i)
            })
            .count();
        r.check(
            "approvals resolve before the start date",
            late == 0,
            format!("{late} of {} approvals late or orphaned", a.num_rows()),
        );
    }
    Ok(())
}

fn ids(ds: &Dataset, table: &str, column: &str) -> Result<HashSet<i64>> {
    let b = ds.read(table)?;
    let a = int(&b, column)?;
    Ok(a.iter().flatten().collect())
}

/// Foreign keys inside the store resolve; credentials are placeholders.
pub fn integrity(ds: &Dataset, r: &mut Report) -> Result<()> {
    const FKS: &[(&str, &str, &str, &str)] = &[
        ("sales.user_sessions", "user_id", "sales.users", "user_id"),
        (
            "sales.user_permissions",
            "user_id",
            "sales.users",
            "user_id",
        ),
        ("sales.subscriptions", "user_id", "sales.users", "user_id"),
        ("sales.subscriptions", "plan_id", "sales.plans", "plan_id"),
        (
            "sales.subscription_usage",
            "subscription_id",
            "sales.subscriptions",
            "subscription_id",
        ),
        (
            "sales.subscription_usage",
            "feature_id",
            "sales.plan_features",
            "feature_id",
        ),
        (
            "sales.providers",
            "provider_type_id",
            "sales.provider_types",
            "provider_type_id",
        ),
        (
            "sales.api_call_logs",
            "api_id",
            "sales.provider_apis",
            "api_id",
        ),
        (
            "sales.api_call_logs",
            "campaign_id",
            "sales.campaigns",
            "campaign_id",
        ),
        ("sales.campaigns", "customer_id", "sales.users", "user_id"),
        ("sales.campaigns", "created_by", "sales.users", "user_id"),
        (
            "sales.campaign_objectives",
            "campaign_id",
            "sales.campaigns",
            "campaign_id",
        ),
        (
            "sales.campaign_schedule",
            "assigned_to",
            "sales.users",
            "user_id",
        ),
        (
            "sales.campaign_approvals",
            "approved_by",
            "sales.users",
            "user_id",
        ),
        (
            "sales.campaign_budget_transactions",
            "campaign_id",
            "sales.campaigns",
            "campaign_id",
        ),
        (
            "sales.targets",
            "campaign_id",
            "sales.campaigns",
            "campaign_id",
        ),
        (
            "sales.target_configuration",
            "target_id",
            "sales.targets",
            "target_id",
        ),
        (
            "sales.target_configuration",
            "feature_value_id",
            "sales.population_feature_values",
            "value_id",
        ),
        ("sales.payment_methods", "user_id", "sales.users", "user_id"),
        (
            "sales.transactions",
            "payment_method_id",
            "sales.payment_methods",
            "payment_method_id",
        ),
        (
            "sales.transactions",
            "campaign_id",
            "sales.campaigns",
            "campaign_id",
        ),
        (
            "sales.transactions",
            "subscription_id",
            "sales.subscriptions",
            "subscription_id",
        ),
        ("sales.system_logs", "user_id", "sales.users", "user_id"),
    ];
    let mut parents: HashMap<(&str, &str), HashSet<i64>> = HashMap::new();
    for &(child, col, parent, key) in FKS {
        if !(ds.has(child) && ds.has(parent)) {
            continue;
        }
        if let std::collections::hash_map::Entry::Vacant(e) = parents.entry((parent, key)) {
            e.insert(ids(ds, parent, key)?);
        }
        let known = &parents[&(parent, key)];
        let b = ds.read(child)?;
        let values = int(&b, col)?;
        let orphans = values
            .iter()
            .flatten()
            .filter(|v| !known.contains(v))
            .count();
        r.check(
            format!("{child}.{col} → {parent}"),
            orphans == 0,
            format!("{orphans} orphans of {}", b.num_rows()),
        );
    }
    if ds.has("sales.provider_credentials") {
        let b = ds.read("sales.provider_credentials")?;
        let keys = text(&b, "api_key_encrypted")?;
        let real = keys
            .iter()
            .flatten()
            .filter(|k| !k.starts_with("PLACEHOLDER"))
            .count();
        r.check(
            "credentials are placeholders",
            real == 0,
            format!("{real} non-placeholder values"),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, Format, Store};
    use crate::sink::{write_dataset, NoProgress, WriteOptions};
    use crate::verify::verify_dir;
    use crate::World;

    /// The sales checks pass on generated data and catch a campaign whose status no longer
    /// matches ads.campaigns.
    #[test]
    fn sales_checks_pass_then_catch_a_tampered_mirror() -> crate::Result<()> {
        let dir = tempfile::tempdir().map_err(|e| crate::Error::io("tempdir", e))?;
        let world = World::new(&Config {
            scale: 0.01,
            ..Config::default()
        });
        let mut options = WriteOptions::new(dir.path());
        options.stores = vec![Store::Ads, Store::Sales];
        options.formats = vec![Format::Csv];
        write_dataset(&world, &options, &NoProgress)?;
        let report = verify_dir(dir.path())?;
        let sales_checks: Vec<_> = report
            .sections
            .iter()
            .filter(|s| s.name.starts_with("sales"))
            .flat_map(|s| s.checks.iter())
            .collect();
        assert!(sales_checks.len() >= 20, "{}", sales_checks.len());
        assert!(sales_checks.iter().all(|c| c.passed), "{sales_checks:?}");

        let path = dir.path().join("sales").join("campaigns.csv");
        let text = std::fs::read_to_string(&path).map_err(|e| crate::Error::io(&path, e))?;
        let tampered = if text.contains(",active,") {
            text.replacen(",active,", ",completed,", 1)
        } else {
            text.replacen(",completed,", ",active,", 1)
        };
        assert_ne!(tampered, text);
        std::fs::write(&path, tampered).map_err(|e| crate::Error::io(&path, e))?;
        let report = verify_dir(dir.path())?;
        assert!(report
            .failures()
            .iter()
            .any(|c| c.name == "sales.campaigns mirrors ads.campaigns"));
        Ok(())
    }
}
