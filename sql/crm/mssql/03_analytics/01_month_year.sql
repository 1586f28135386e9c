-- PromptCrm analytics 1: by month and year (CTE + PARTITION BY + RANK / DENSE_RANK).
-- Run on PromptCrm (after 01_linked_server/02_reference_copies.sql); THROWs if the finding
-- does not hold. PostgreSQL twin (run in the test suite): sql/crm/postgres/twins/03_analytics.sql.
--
-- Question 1: in each year, which months bring the most sales revenue?
-- Finding (seed 42, scale 0.3, PostgreSQL twin): in 2024 December and August rank 1 and 2 (the
--   seasonal peaks, DESIGN.md §5.2, DOMAIN.md §3); in 2025 January ranks 2 behind October, when
--   the 30% still-active campaigns all sell up to the as-of date (2025-10-31).
-- Question 2: do leads captured in a peak month buy more often than the others?
-- Finding (built-in correlation 2, docs/economics.md): yes, sales per lead in peak months are
--   at least 1.15× the other months' (built in: ×1.5).
-- The peak months are the generator's --peak-months (default 12, 1, 8); change @peak with it.
SET NOCOUNT ON;

DECLARE @peak TABLE (month_no INT PRIMARY KEY);
INSERT INTO @peak (month_no) VALUES (12), (1), (8);

-- Question 1.
WITH monthly AS (
    SELECT YEAR(s.sold_on) AS sale_year, MONTH(s.sold_on) AS sale_month,
           COUNT_BIG(*) AS sales, SUM(s.amount) AS revenue
    FROM crm.sales AS s
    GROUP BY YEAR(s.sold_on), MONTH(s.sold_on)
),
ranked AS (
    SELECT sale_year, sale_month, sales, revenue,
           RANK() OVER (PARTITION BY sale_year ORDER BY revenue DESC) AS rank_in_year,
           revenue * 1.0 / SUM(revenue) OVER (PARTITION BY sale_year) AS share_of_year
    FROM monthly
)
SELECT sale_year, sale_month, sales, revenue, rank_in_year, share_of_year,
       CASE WHEN sale_month IN (SELECT month_no FROM @peak) THEN N'peak' ELSE N'' END AS peak
FROM ranked
ORDER BY sale_year, rank_in_year;

-- Question 2: each lead with whether its client bought in that campaign.
WITH leads AS (
    SELECT cc.campaign_id, YEAR(cc.captured_on) AS capture_year, MONTH(cc.captured_on) AS capture_month,
           CASE WHEN EXISTS (SELECT 1 FROM crm.sales AS s
                             WHERE s.client_id = cc.client_id AND s.campaign_id = cc.campaign_id)
                THEN 1 ELSE 0 END AS sold
    FROM crm.client_campaigns AS cc
),
by_month AS (
    SELECT capture_year, capture_month, COUNT_BIG(*) AS leads, SUM(sold) AS sold,
           SUM(sold) * 1.0 / COUNT_BIG(*) AS sales_per_lead
    FROM leads
    GROUP BY capture_year, capture_month
)
SELECT capture_year, capture_month, leads, sold, sales_per_lead,
       DENSE_RANK() OVER (ORDER BY sales_per_lead DESC) AS conversion_rank,
       CASE WHEN capture_month IN (SELECT month_no FROM @peak) THEN N'peak' ELSE N'' END AS peak
FROM by_month
ORDER BY conversion_rank;

DECLARE @peak_rate FLOAT, @other_rate FLOAT;
WITH leads AS (
    SELECT CASE WHEN MONTH(cc.captured_on) IN (SELECT month_no FROM @peak) THEN 1 ELSE 0 END AS in_peak,
           CASE WHEN EXISTS (SELECT 1 FROM crm.sales AS s
                             WHERE s.client_id = cc.client_id AND s.campaign_id = cc.campaign_id)
                THEN 1.0 ELSE 0.0 END AS sold
    FROM crm.client_campaigns AS cc
)
SELECT @peak_rate = AVG(CASE WHEN in_peak = 1 THEN sold END),
       @other_rate = AVG(CASE WHEN in_peak = 0 THEN sold END)
FROM leads;

IF @other_rate IS NULL OR @peak_rate IS NULL OR @peak_rate < 1.15 * @other_rate
BEGIN
    DECLARE @m NVARCHAR(200) = CONCAT(N'peak months: ', @peak_rate, N' vs ', @other_rate, N' sales per lead (want ≥ 1.15×).');
    THROW 51201, @m, 1;
END;
PRINT CONCAT(N'peak months: ', FORMAT(@peak_rate, 'N3'), N' vs ', FORMAT(@other_rate, 'N3'), N' sales per lead = ', FORMAT(@peak_rate / @other_rate, 'N2'), N'× (documented sign +).');
GO
