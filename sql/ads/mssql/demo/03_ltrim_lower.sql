-- PromptAds demo: LTRIM and LOWER. Run on a loaded database; THROWs if wrong.
-- Question: an agency sends a hand-typed spend sheet whose channel names have stray leading
-- spaces and random capitals ("  INSTAGRAM", "tiktok"). Which channel is each line, and what
-- did each channel cost? LTRIM removes the leading blanks; LOWER on both sides makes the match
-- independent of the column's collation (the default *_CI_* collations already ignore case,
-- a binary or *_CS_* one does not), and gives one spelling to group and display.
-- Self-check: every line matches exactly its true channel (kept aside in true_channel_id), and
-- a byte-exact comparison (binary collation) of the raw text matches none of them.
-- PostgreSQL twin (run in the test suite): sql/ads/postgres/demo/03_ltrim_lower.sql.
SET NOCOUNT ON;

DECLARE @sheet TABLE (true_channel_id BIGINT NOT NULL, typed_channel NVARCHAR(64) NOT NULL, amount DECIMAL(18, 2) NOT NULL);
INSERT INTO @sheet (true_channel_id, typed_channel, amount)
SELECT ch.channel_id,
       CASE v.variant WHEN 1 THEN N'   ' + UPPER(ch.name) WHEN 2 THEN LOWER(ch.name) ELSE N'  ' + ch.name END,
       CAST(ch.channel_id * 100 + v.variant AS DECIMAL(18, 2))
FROM ads.channels AS ch CROSS JOIN (VALUES (1), (2), (3)) AS v (variant);

SELECT ch.name AS channel, COUNT(*) AS lines, SUM(s.amount) AS spend
FROM @sheet AS s
JOIN ads.channels AS ch ON LOWER(LTRIM(s.typed_channel)) = LOWER(ch.name)
GROUP BY ch.name
ORDER BY spend DESC;

DECLARE @lines INT = (SELECT COUNT(*) FROM @sheet);
DECLARE @right INT = (
    SELECT COUNT(*) FROM @sheet AS s
    JOIN ads.channels AS ch ON LOWER(LTRIM(s.typed_channel)) = LOWER(ch.name)
    WHERE ch.channel_id = s.true_channel_id);
DECLARE @matches INT = (
    SELECT COUNT(*) FROM @sheet AS s
    JOIN ads.channels AS ch ON LOWER(LTRIM(s.typed_channel)) = LOWER(ch.name));
DECLARE @naive INT = (
    SELECT COUNT(*) FROM @sheet AS s
    JOIN ads.channels AS ch ON s.typed_channel COLLATE Latin1_General_BIN2 = ch.name COLLATE Latin1_General_BIN2);
IF @right <> @lines OR @matches <> @lines
    THROW 50301, N'LTRIM/LOWER matched a line to the wrong channel, twice, or not at all.', 1;
IF @naive <> 0
    THROW 50302, N'Without LTRIM/LOWER some lines still matched: the sheet is not messy enough.', 1;
PRINT N'LTRIM/LOWER: every typed line matched its channel; none matched as typed.';
GO
