//! The time window (DESIGN.md §5): 2024-07-01 … 2025-10-31, as-of = the last day. Days are
//! counted from 1970-01-01 (Arrow `Date32`).

use chrono::{Datelike, NaiveDate};

/// 2024-07-01 as days since the Unix epoch.
pub const WINDOW_START: i32 = 19_905;
/// 2025-10-31 (the as-of date) as days since the Unix epoch.
pub const AS_OF: i32 = 20_392;
/// Number of days in the window.
pub const WINDOW_DAYS: i32 = AS_OF - WINDOW_START + 1;
/// Calendar months in the window (Jul 2024 … Oct 2025).
pub const WINDOW_MONTHS: usize = 16;

const EPOCH_CE: i32 = 719_163; // days from 0001-01-01 (CE day 1) to 1970-01-01

/// The date of an epoch day.
pub fn date(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + EPOCH_CE).unwrap_or(NaiveDate::MIN)
}

/// Epoch day of a date.
pub fn day_of(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - EPOCH_CE
}

/// Epoch day of (y, m, d); the caller passes a valid date.
pub fn ymd(y: i32, m: u32, d: u32) -> i32 {
    NaiveDate::from_ymd_opt(y, m, d).map(day_of).unwrap_or(0)
}

/// Calendar month (1–12) of an epoch day.
pub fn month_of(day: i32) -> u32 {
    date(day).month()
}

/// Index (0–15) of the window month holding `day`, or `None` outside the window.
pub fn window_month(day: i32) -> Option<usize> {
    if !(WINDOW_START..=AS_OF).contains(&day) {
        return None;
    }
    let d = date(day);
    Some(((d.year() - 2024) * 12 + d.month() as i32 - 7) as usize)
}

/// First epoch day and length in days of window month `i` (0–15).
pub fn window_month_span(i: usize) -> (i32, i32) {
    let y = 2024 + (6 + i as i32) / 12;
    let m = ((6 + i) % 12) as u32 + 1;
    let first = ymd(y, m, 1);
    let next = if m == 12 {
        ymd(y + 1, 1, 1)
    } else {
        ymd(y, m + 1, 1)
    };
    (first, next - first)
}

/// Label `YYYY-MM` of window month `i`.
pub fn window_month_label(i: usize) -> String {
    let (first, _) = window_month_span(i);
    let d = date(first);
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Calendar month (1–12) of window month `i`.
pub fn window_month_number(i: usize) -> u32 {
    ((6 + i) % 12) as u32 + 1
}

/// US e-commerce monthly index, Jan…Dec, mean 1.00 (DOMAIN.md §3, derived).
pub const US_MONTH_INDEX: [f64; 12] = [
    0.92, 0.85, 0.92, 0.94, 0.98, 0.97, 1.00, 0.98, 0.93, 0.99, 1.20, 1.32,
];

/// Costa Rica overlay: Mother's Day (Aug 15) ×1.10, aguinaldo December ×1.35 (DOMAIN.md §3).
pub fn costa_rica_overlay(month: u32) -> f64 {
    match month {
        8 => 1.10,
        12 => 1.35,
        _ => 1.0,
    }
}

/// Meta CPM by quarter relative to the Q2–Q3 typical $9.71: Q1 $8.59, Q4 $12.16 (DOMAIN.md
/// §1, §3: Q4 ≈ 1.42× Q1). Scales cost per impression.
pub fn cpm_season(month: u32) -> f64 {
    match month {
        1..=3 => 8.59 / 9.71,
        4..=6 => 1.0,
        7..=9 => 10.18 / 9.71,
        _ => 12.16 / 9.71,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_constants_match_the_calendar() {
        assert_eq!(
            day_of(NaiveDate::from_ymd_opt(2024, 7, 1).unwrap()),
            WINDOW_START
        );
        assert_eq!(
            day_of(NaiveDate::from_ymd_opt(2025, 10, 31).unwrap()),
            AS_OF
        );
        assert_eq!(window_month(WINDOW_START), Some(0));
        assert_eq!(window_month(AS_OF), Some(15));
        assert_eq!(window_month_label(5), "2024-12");
        assert_eq!(window_month_span(1), (ymd(2024, 8, 1), 31));
        let total: i32 = (0..WINDOW_MONTHS).map(|i| window_month_span(i).1).sum();
        assert_eq!(total, WINDOW_DAYS);
    }
}
