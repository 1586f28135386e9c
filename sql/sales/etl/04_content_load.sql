-- PromptContent (MongoDB) → portal load. The n8n workflow's MongoDB nodes run the two pipelines
-- of etl/n8n/content_changed.json and content_recompute.json on the images collection:
--   changed    images with updated_at > the content watermark (image_id, campaign_ids, updated_at)
--   summary    for every campaign those images belong to, its content_summary rows recomputed by
--              MongoDB from ALL of the campaign's images (grouped by upload day (UTC); counts per
--              approval.status)
-- and hands both lists here as JSON. In one transaction this upserts the recomputed rows, removes
-- rows of those campaigns no image backs any more, advances the watermark to the max updated_at
-- read and logs the run. content_summary grain: (campaign, upload day, content type); every piece
-- in PromptContent is an image; approval.status ∈ approved, rejected, pending_review, archived
-- (archived counts in total_pieces only).
-- Assumption, stated: an image's campaign_ids only grows (DESIGN.md §10 deltas insert and update;
-- ads are never deleted), so the campaigns touched are the changed images' current campaign_ids.
\set ON_ERROR_STOP 1

CREATE OR REPLACE FUNCTION sales.etl_load_content(p_changed TEXT, p_summary TEXT, p_started_at TEXT,
                                                  p_watermark_from TEXT)
RETURNS TABLE (source TEXT, status TEXT, records_processed BIGINT, summary_rows BIGINT,
               performance_rows BIGINT, watermark TEXT)
LANGUAGE plpgsql AS $$
DECLARE
    changed JSONB;
    summary JSONB;
    wm_from TIMESTAMP := sales.etl_lock_watermark('content', p_watermark_from);
    wm_to TIMESTAMP;
    records BIGINT;
    n_summary BIGINT;
    n_deleted BIGINT;
    touched BIGINT[];
BEGIN
    -- n8n's "always output data" turns an empty result into one empty item: keep real rows only.
    SELECT coalesce(jsonb_agg(e), '[]') INTO changed
    FROM jsonb_array_elements(coalesce(nullif(p_changed, ''), '[]')::JSONB) e WHERE e ? 'image_id';
    SELECT coalesce(jsonb_agg(e), '[]') INTO summary
    FROM jsonb_array_elements(coalesce(nullif(p_summary, ''), '[]')::JSONB) e WHERE e ? 'campaign_id';
    records := jsonb_array_length(changed);
    -- Mongo dates arrive as ISO-8601 UTC strings; the generator's times are whole seconds.
    SELECT coalesce(max((e ->> 'updated_at')::TIMESTAMPTZ AT TIME ZONE 'UTC'), wm_from) INTO wm_to
    FROM jsonb_array_elements(changed) e;
    SELECT coalesce(array_agg(DISTINCT c::BIGINT), '{}') INTO touched
    FROM jsonb_array_elements(changed) e, jsonb_array_elements_text(e -> 'campaign_ids') c;
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(summary) e WHERE NOT (e ->> 'campaign_id')::BIGINT = ANY (touched)) THEN
        RAISE EXCEPTION 'content summary rows for campaigns no changed image touches (the two reads disagree)';
    END IF;

    INSERT INTO sales.content_summary AS s
        (campaign_id, summary_date, content_type, total_pieces, approved_pieces, rejected_pieces, pending_review,
         etl_processed_at)
    SELECT r.campaign_id, r.summary_date, 'image', r.total_pieces, r.approved_pieces, r.rejected_pieces,
           r.pending_review, wm_to
    FROM jsonb_to_recordset(summary) AS r(campaign_id BIGINT, summary_date DATE, total_pieces BIGINT,
         approved_pieces BIGINT, rejected_pieces BIGINT, pending_review BIGINT)
    ON CONFLICT (campaign_id, summary_date, content_type) DO UPDATE
    SET total_pieces = excluded.total_pieces, approved_pieces = excluded.approved_pieces,
        rejected_pieces = excluded.rejected_pieces, pending_review = excluded.pending_review,
        etl_processed_at = excluded.etl_processed_at;
    GET DIAGNOSTICS n_summary = ROW_COUNT;

    -- Rows of the touched campaigns that the recomputation no longer produces.
    DELETE FROM sales.content_summary s
    WHERE s.campaign_id = ANY (touched) AND s.content_type = 'image'
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(summary) e
                      WHERE (e ->> 'campaign_id')::BIGINT = s.campaign_id
                        AND (e ->> 'summary_date')::DATE = s.summary_date);
    GET DIAGNOSTICS n_deleted = ROW_COUNT;

    PERFORM sales.etl_finish('content', p_started_at, wm_from, wm_to, records,
        jsonb_build_object('summary_rows', n_summary, 'deleted_rows', n_deleted, 'campaigns', cardinality(touched)));
    RETURN QUERY SELECT 'content'::TEXT, 'success'::TEXT, records, n_summary, 0::BIGINT,
                        to_char(wm_to, 'YYYY-MM-DD"T"HH24:MI:SS');
END $$;
