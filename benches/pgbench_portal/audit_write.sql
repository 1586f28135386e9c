-- Portal: every operation is audited (seeds: centralised audit logging) — one insert.
\set uid random(1, :max_user)
INSERT INTO sales.system_logs (log_id, user_id, event_type, severity, description, ip_address, created_at)
VALUES (nextval('bench_log_id'), :uid, 'page_view', 'info', 'pgbench portal operation', '127.0.0.1', now());
