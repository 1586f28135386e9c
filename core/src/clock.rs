//! Instants after the window (DESIGN.md §10). The generated window ends at
//! [`WINDOW_END`] (2025-10-31T23:59:59 UTC, the last second of the as-of date); after it the
//! world keeps moving, deterministically, and every instant `T` in
//! [`WINDOW_END`]`..=`[`LAST_INSTANT`] has a state. Instants are whole seconds since
//! 1970-01-01T00:00:00 UTC, written `YYYY-MM-DDTHH:MM:SS`.
//!
//! Within a day, activity follows [`HOUR_WEIGHTS`]: leads and sales land at instants drawn from
//! it, and the ad platforms report each day's counters at the end of every hour
//! ([`hour_ticks`]), cumulatively, so today's row grows through the day.

use chrono::{DateTime, NaiveDateTime};

use crate::catalog::calendar::AS_OF;
use crate::error::{Error, Result};
use crate::rng::RowRng;

/// Seconds in a day.
pub const DAY: i64 = 86_400;
/// The window's last second: 2025-10-31T23:59:59 (the end of the as-of date).
pub const WINDOW_END: i64 = (AS_OF as i64 + 1) * DAY - 1;
/// The last instant with a state: one year after the window (2026-10-31T23:59:59). Every
/// campaign active at the as-of date ends within 240 days of it (world::campaign_core), so
/// nothing changes after this.
pub const LAST_INSTANT: i64 = WINDOW_END + 365 * DAY;

/// Share of a day's ad delivery, leads and sales in each UTC hour, per mille (assumption: no
/// hour-of-day figure in DOMAIN.md; the markets are UTC−6…UTC−5 and UTC+1, so the Latin
/// American daytime and evening, 12:00–04:00 UTC, carries most of it, with a night trough).
pub const HOUR_WEIGHTS: [u32; 24] = [
    60, 58, 52, 44, 32, 20, 12, 10, 10, 12, 16, 22, 30, 38, 48, 52, 54, 56, 58, 60, 62, 64, 66, 64,
];

/// Total of [`HOUR_WEIGHTS`] (1 000).
pub const HOUR_WEIGHT_TOTAL: u32 = {
    let mut s = 0;
    let mut i = 0;
    while i < 24 {
        s += HOUR_WEIGHTS[i];
        i += 1;
    }
    s
};

/// Cumulative hour weights: `CUMULATIVE[h]` = share (of [`HOUR_WEIGHT_TOTAL`]) of a day's
/// counters reported after `h` full hours (`CUMULATIVE[0]` = 0, `CUMULATIVE[24]` = total).
pub const CUMULATIVE: [u32; 25] = {
    let mut c = [0u32; 25];
    let mut i = 0;
    while i < 24 {
        c[i + 1] = c[i] + HOUR_WEIGHTS[i];
        i += 1;
    }
    c
};

/// The epoch day of an instant.
pub fn day_of(t: i64) -> i32 {
    t.div_euclid(DAY) as i32
}

/// First second of epoch day `day`.
pub fn day_start(day: i32) -> i64 {
    i64::from(day) * DAY
}

/// Last second of epoch day `day` (its final report).
pub fn day_end(day: i32) -> i64 {
    day_start(day) + DAY - 1
}

/// Full hours of `day` reported by instant `t`: 0 before its first hourly report (the row
/// exists from the day's first second, at zero), 24 once the day is over.
pub fn hour_ticks(day: i32, t: i64) -> u32 {
    ((t - day_start(day) + 1).clamp(0, DAY) / 3600) as u32
}

/// The last report instant of `day` at or before `t` (`day_start` when none yet).
pub fn last_report(day: i32, t: i64) -> i64 {
    match hour_ticks(day, t) {
        0 => day_start(day),
        h => day_start(day) + i64::from(h) * 3600 - 1,
    }
}

/// `value` × the share of the day reported after `hours` full hours, rounded down (so a
/// counter never decreases and never exceeds its full-day value).
pub fn reported(value: i64, hours: u32) -> i64 {
    let h = hours.min(24) as usize;
    (i128::from(value) * i128::from(CUMULATIVE[h]) / i128::from(HOUR_WEIGHT_TOTAL)) as i64
}

/// An instant within `day`, its hour drawn from [`HOUR_WEIGHTS`], its second uniform.
pub fn instant_in_day(rng: &mut RowRng, day: i32) -> i64 {
    let h = rng.pick_cumulative(&CUMULATIVE[1..]) as i64;
    day_start(day) + h * 3600 + rng.between(0, 3599)
}

/// `YYYY-MM-DDTHH:MM:SS` of an instant.
pub fn format_instant(t: i64) -> String {
    DateTime::from_timestamp(t, 0)
        .map(|d| d.naive_utc().format("%Y-%m-%dT%H:%M:%S").to_string())
        .unwrap_or_else(|| t.to_string())
}

/// Parses `--<flag> YYYY-MM-DDTHH:MM:SS` (UTC) and checks it is within
/// [`WINDOW_END`]`..=`[`LAST_INSTANT`].
pub fn parse_instant(flag: &'static str, text: &str) -> Result<i64> {
    let bad = || {
        Error::invalid(
            flag,
            format!(
                "must be an instant YYYY-MM-DDTHH:MM:SS (UTC) from {} to {} (got '{text}')",
                format_instant(WINDOW_END),
                format_instant(LAST_INSTANT)
            ),
        )
    };
    let t = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S")
        .map_err(|_| bad())?
        .and_utc()
        .timestamp();
    if (WINDOW_END..=LAST_INSTANT).contains(&t) {
        Ok(t)
    } else {
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_end_is_the_last_second_of_the_as_of_date() {
        assert_eq!(format_instant(WINDOW_END), "2025-10-31T23:59:59");
        assert_eq!(format_instant(LAST_INSTANT), "2026-10-31T23:59:59");
        assert_eq!(HOUR_WEIGHT_TOTAL, 1000);
        assert_eq!(CUMULATIVE[24], 1000);
    }

    #[test]
    fn instants_parse_and_name_the_flag() {
        assert_eq!(
            parse_instant("--as-of", "2025-11-01T00:00:00").ok(),
            Some(WINDOW_END + 1)
        );
        let e = parse_instant("--as-of", "2025-10-30T00:00:00").map_err(|e| e.to_string());
        assert_eq!(
            e,
            Err("--as-of: must be an instant YYYY-MM-DDTHH:MM:SS (UTC) from 2025-10-31T23:59:59 to 2026-10-31T23:59:59 (got '2025-10-30T00:00:00')".to_string())
        );
        assert!(parse_instant("--to", "2025-11-01").is_err());
        assert!(parse_instant("--to", "2025-11-01T25:00:00").is_err());
        assert!(parse_instant("--to", "2026-11-01T00:00:00").is_err());
    }

    #[test]
    fn reports_grow_hour_by_hour() {
        let d = AS_OF + 1;
        assert_eq!(hour_ticks(d, day_start(d)), 0);
        assert_eq!(hour_ticks(d, day_start(d) + 3598), 0);
        assert_eq!(hour_ticks(d, day_start(d) + 3599), 1);
        assert_eq!(hour_ticks(d, day_end(d)), 24);
        assert_eq!(hour_ticks(d, day_end(d) + 5 * DAY), 24);
        assert_eq!(last_report(d, day_start(d) + 10), day_start(d));
        assert_eq!(last_report(d, day_start(d) + 7300), day_start(d) + 7199);
        assert_eq!(reported(1001, 24), 1001);
        assert_eq!(reported(1000, 1), 60);
        assert_eq!(reported(1000, 0), 0);
    }
}
