-- Portal: a campaign's budget ledger (index on campaign_id, created_at).
\set cid random(1, :max_campaign)
SELECT created_at, transaction_type, amount, balance_after
FROM sales.campaign_budget_transactions WHERE campaign_id = :cid ORDER BY created_at;
