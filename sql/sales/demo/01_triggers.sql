-- Triggers: the budget ledger keeps sales.campaigns.spent up to date and refuses to overdraw
-- a campaign; status changes are written to the audit log. Runs in a transaction that is
-- rolled back, so the database is left as it was found.
\set ON_ERROR_STOP 1
BEGIN;

CREATE FUNCTION sales.demo_apply_budget_tx() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    remaining NUMERIC(18,2);
BEGIN
    IF NEW.transaction_type = 'spent' THEN
        SELECT budget - spent - NEW.amount INTO remaining
        FROM sales.campaigns WHERE campaign_id = NEW.campaign_id FOR UPDATE;
        IF remaining < 0 THEN
            RAISE EXCEPTION 'campaign % would exceed its budget by %', NEW.campaign_id, -remaining
                USING ERRCODE = 'check_violation';
        END IF;
        UPDATE sales.campaigns SET spent = spent + NEW.amount WHERE campaign_id = NEW.campaign_id;
        NEW.balance_after := remaining;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER demo_budget_tx BEFORE INSERT ON sales.campaign_budget_transactions
    FOR EACH ROW EXECUTE FUNCTION sales.demo_apply_budget_tx();

CREATE FUNCTION sales.demo_audit_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sales.system_logs (log_id, user_id, event_type, severity, description, ip_address, created_at)
    VALUES ((SELECT max(log_id) + 1 FROM sales.system_logs), NEW.created_by, 'campaign_create', 'info',
            format('campaign %s: %s -> %s', NEW.campaign_id, OLD.status, NEW.status), '127.0.0.1', now());
    RETURN NEW;
END $$;

CREATE TRIGGER demo_status_audit AFTER UPDATE OF status ON sales.campaigns
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION sales.demo_audit_status();

-- Assertions.
DO $$
DECLARE
    c RECORD;
    after_spent NUMERIC(18,2);
    balance NUMERIC(18,2);
    logs_before BIGINT;
BEGIN
    SELECT campaign_id, budget, spent, created_by INTO c FROM sales.campaigns
    WHERE status = 'active' AND budget - spent >= 1 ORDER BY campaign_id LIMIT 1;
    IF c IS NULL THEN RAISE EXCEPTION 'no active campaign with budget left'; END IF;

    INSERT INTO sales.campaign_budget_transactions
        (budget_tx_id, campaign_id, amount, transaction_type, description, created_by, created_at, balance_after, source_system)
    VALUES (c.campaign_id * 100 + 99, c.campaign_id, 1.00, 'spent', 'demo spend', c.created_by, now(), 0, 'ads')
    RETURNING balance_after INTO balance;
    SELECT spent INTO after_spent FROM sales.campaigns WHERE campaign_id = c.campaign_id;
    IF after_spent <> c.spent + 1.00 THEN
        RAISE EXCEPTION 'trigger did not fire: spent % expected %', after_spent, c.spent + 1.00;
    END IF;
    IF balance <> c.budget - c.spent - 1.00 THEN
        RAISE EXCEPTION 'trigger did not set balance_after (% vs %)', balance, c.budget - c.spent - 1.00;
    END IF;

    BEGIN
        INSERT INTO sales.campaign_budget_transactions
            (budget_tx_id, campaign_id, amount, transaction_type, description, created_by, created_at, balance_after, source_system)
        VALUES (c.campaign_id * 100 + 98, c.campaign_id, c.budget + 1, 'spent', 'overdraw', c.created_by, now(), 0, 'ads');
        RAISE EXCEPTION 'trigger let a campaign exceed its budget';
    EXCEPTION WHEN check_violation THEN
        RAISE NOTICE 'overdraw refused as expected: %', SQLERRM;
    END;

    SELECT count(*) INTO logs_before FROM sales.system_logs;
    UPDATE sales.campaigns SET status = 'paused' WHERE campaign_id = c.campaign_id;
    IF (SELECT count(*) FROM sales.system_logs) <> logs_before + 1 THEN
        RAISE EXCEPTION 'status audit trigger did not fire';
    END IF;
    RAISE NOTICE 'triggers: OK (campaign %)', c.campaign_id;
END $$;

ROLLBACK;
