SELECT campaign_id, summary_date, content_type, total_pieces, approved_pieces, rejected_pieces, pending_review
FROM sales.content_summary ORDER BY 1, 2, 3;
