-- Portal: a customer's campaign list, newest first (index on customer_id).
\set cust random(1, :max_customer)
SELECT campaign_id, name, status, start_date, budget, spent
FROM sales.campaigns WHERE customer_id = :cust ORDER BY start_date DESC LIMIT 20;
