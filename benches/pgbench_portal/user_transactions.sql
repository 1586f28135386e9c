-- Portal: a user's latest payments (index on user_id, processed_at).
\set uid random(1, :max_user)
SELECT transaction_id, amount, currency, status, processed_at
FROM sales.transactions WHERE user_id = :uid ORDER BY processed_at DESC LIMIT 10;
