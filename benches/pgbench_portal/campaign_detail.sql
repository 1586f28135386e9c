-- Portal: open one campaign (header and budget state). Primary-key lookup.
\set cid random(1, :max_campaign)
SELECT campaign_id, name, status, start_date, end_date, budget, spent, budget - spent AS remaining
FROM sales.campaigns WHERE campaign_id = :cid;
