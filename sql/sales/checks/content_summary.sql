-- sales.content_summary recomputed from every PromptContent image (the caller copies the images
-- collection into the temporary table etl_check_images first): per campaign using the image, upload
-- day (UTC) and content type, the pieces and their approval states.
SELECT c AS campaign_id, i.created_at::DATE AS summary_date, 'image' AS content_type, count(*) AS total_pieces,
       count(*) FILTER (WHERE i.approval_status = 'approved') AS approved_pieces,
       count(*) FILTER (WHERE i.approval_status = 'rejected') AS rejected_pieces,
       count(*) FILTER (WHERE i.approval_status = 'pending_review') AS pending_review
FROM etl_check_images i, LATERAL (SELECT DISTINCT unnest(i.campaign_ids)) AS u(c)
GROUP BY 1, 2
ORDER BY 1, 2, 3;
