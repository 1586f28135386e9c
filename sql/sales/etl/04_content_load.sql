-- PromptContent (MongoDB) → portal load. The n8n workflow reads, with its MongoDB node, the images
-- changed since the content watermark (`updated_at` > watermark: image_id, campaign_ids,
-- updated_at) and then every image of the campaigns those touch (image_id, campaign_ids,
-- created_at, approval.status), and hands both lists here as JSON. In one transaction this
-- recomputes content_summary for exactly those campaigns from their images, removes rows of those
-- campaigns no image backs any more, advances the watermark to the max updated_at read and logs.
-- content_summary grain: (campaign, upload day of the piece (UTC), content type). Every piece in
-- PromptContent today is an image; approval.status ∈ approved, rejected, pending_review,
-- archived (archived counts in total_pieces only).
-- Assumption, stated: an image's campaign_ids only grows (DESIGN.md §10 deltas insert and update;
-- ads are never deleted), so the campaigns touched are the changed images' current campaign_ids.
\set ON_ERROR_STOP 1

CREATE OR REPLACE FUNCTION sales.etl_load_content(p_changed TEXT, p_images TEXT, p_started_at TEXT,
                                                  p_watermark_from TEXT)
RETURNS TABLE (source TEXT, status TEXT, records_processed BIGINT, summary_rows BIGINT,
               performance_rows BIGINT, watermark TEXT)
LANGUAGE plpgsql AS $$
DECLARE
    changed JSONB := coalesce(nullif(p_changed, ''), '[]')::JSONB;
    images JSONB := coalesce(nullif(p_images, ''), '[]')::JSONB;
    wm_from TIMESTAMP := sales.etl_lock_watermark('content', p_watermark_from);
    wm_to TIMESTAMP;
    records BIGINT;
    n_summary BIGINT;
    n_deleted BIGINT;
    touched BIGINT[];
BEGIN
    -- n8n's "always output data" turns an empty find into one empty item: keep only real documents.
    SELECT coalesce(jsonb_agg(e), '[]') INTO changed FROM jsonb_array_elements(changed) e WHERE e ? 'image_id';
    SELECT coalesce(jsonb_agg(e), '[]') INTO images FROM jsonb_array_elements(images) e WHERE e ? 'image_id';
    records := jsonb_array_length(changed);
    -- Mongo dates arrive as ISO-8601 UTC strings; the stored generator times are whole seconds.
    SELECT coalesce(max((e ->> 'updated_at')::TIMESTAMPTZ AT TIME ZONE 'UTC'), wm_from) INTO wm_to
    FROM jsonb_array_elements(changed) e;
    SELECT coalesce(array_agg(DISTINCT c::BIGINT), '{}') INTO touched
    FROM jsonb_array_elements(changed) e, jsonb_array_elements_text(e -> 'campaign_ids') c;

    WITH pieces AS (
        SELECT DISTINCT ON ((e ->> 'image_id')::BIGINT, c::BIGINT)
               c::BIGINT AS campaign_id,
               ((e ->> 'created_at')::TIMESTAMPTZ AT TIME ZONE 'UTC')::DATE AS summary_date,
               e -> 'approval' ->> 'status' AS approval
        FROM jsonb_array_elements(images) e, jsonb_array_elements_text(e -> 'campaign_ids') c
        WHERE c::BIGINT = ANY (touched)
    )
    INSERT INTO sales.content_summary AS s
        (campaign_id, summary_date, content_type, total_pieces, approved_pieces, rejected_pieces, pending_review,
         etl_processed_at)
    SELECT campaign_id, summary_date, 'image', count(*), count(*) FILTER (WHERE approval = 'approved'),
           count(*) FILTER (WHERE approval = 'rejected'), count(*) FILTER (WHERE approval = 'pending_review'), wm_to
    FROM pieces GROUP BY campaign_id, summary_date
    ON CONFLICT (campaign_id, summary_date, content_type) DO UPDATE
    SET total_pieces = excluded.total_pieces, approved_pieces = excluded.approved_pieces,
        rejected_pieces = excluded.rejected_pieces, pending_review = excluded.pending_review,
        etl_processed_at = excluded.etl_processed_at;
    GET DIAGNOSTICS n_summary = ROW_COUNT;

    -- Rows of the touched campaigns that no image supports any more (e.g. a re-dated upload).
    DELETE FROM sales.content_summary s
    WHERE s.campaign_id = ANY (touched) AND s.content_type = 'image'
      AND NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(images) e, jsonb_array_elements_text(e -> 'campaign_ids') c
        WHERE c::BIGINT = s.campaign_id
          AND ((e ->> 'created_at')::TIMESTAMPTZ AT TIME ZONE 'UTC')::DATE = s.summary_date);
    GET DIAGNOSTICS n_deleted = ROW_COUNT;

    PERFORM sales.etl_finish('content', p_started_at, wm_from, wm_to, records,
        jsonb_build_object('summary_rows', n_summary, 'deleted_rows', n_deleted, 'campaigns', cardinality(touched),
                           'images_read', jsonb_array_length(images)));
    RETURN QUERY SELECT 'content'::TEXT, 'success'::TEXT, records, n_summary, 0::BIGINT,
                        to_char(wm_to, 'YYYY-MM-DD"T"HH24:MI:SS');
END $$;
