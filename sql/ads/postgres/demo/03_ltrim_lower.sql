-- PostgreSQL twin of sql/ads/mssql/demo/03_ltrim_lower.sql.
-- Question: an agency sends a hand-typed spend sheet whose channel names have stray leading
-- spaces and random capitals ("  INSTAGRAM", "tiktok"). Which channel is each line, and what
-- did each channel cost? LTRIM removes the leading blanks, LOWER folds case on both sides.
-- Self-check: every line matches exactly its true channel (kept aside in true_channel_id), and
-- without the normalisation most lines would not match at all.
BEGIN;
CREATE TEMP TABLE spend_sheet ON COMMIT DROP AS
SELECT ch.channel_id AS true_channel_id,
       CASE v.variant
           WHEN 1 THEN '   ' || upper(ch.name)
           WHEN 2 THEN lower(ch.name)
           ELSE '  ' || ch.name
       END AS typed_channel,
       (ch.channel_id * 100 + v.variant)::NUMERIC(18,2) AS amount
FROM ads.channels ch CROSS JOIN (VALUES (1), (2), (3)) AS v(variant);

CREATE TEMP TABLE matched ON COMMIT DROP AS
SELECT s.true_channel_id, s.typed_channel, s.amount, ch.channel_id, ch.name
FROM spend_sheet s
LEFT JOIN ads.channels ch ON LOWER(LTRIM(s.typed_channel)) = LOWER(ch.name);

SELECT name AS channel, count(*) AS lines, sum(amount) AS spend
FROM matched GROUP BY name ORDER BY spend DESC;

DO $$
DECLARE
    lines INT; wrong INT; naive INT; channels INT;
BEGIN
    SELECT count(*) INTO lines FROM spend_sheet;
    SELECT count(*) INTO channels FROM ads.channels;
    SELECT count(*) INTO wrong FROM matched WHERE channel_id IS DISTINCT FROM true_channel_id;
    IF (SELECT count(*) FROM matched) <> lines OR wrong <> 0 THEN
        RAISE EXCEPTION 'LTRIM/LOWER matched % of % lines to the wrong channel (or twice)', wrong, lines;
    END IF;
    SELECT count(*) INTO naive FROM spend_sheet s JOIN ads.channels ch ON s.typed_channel = ch.name;
    IF naive <> 0 THEN
        RAISE EXCEPTION 'without LTRIM/LOWER % lines still matched: the sheet is not messy enough', naive;
    END IF;
    IF lines <> 3 * channels THEN
        RAISE EXCEPTION 'expected 3 lines per channel, got % for % channels', lines, channels;
    END IF;
    RAISE NOTICE 'LTRIM/LOWER: all % typed lines matched their channel (0 match as typed)', lines;
END $$;
ROLLBACK;
