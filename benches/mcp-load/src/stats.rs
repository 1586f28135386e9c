//! Latency summaries: nearest-rank percentiles over every measured call (no histogram buckets,
//! no interpolation), so p99 of 200 calls is the 198th smallest — an observed latency.

use std::time::Duration;

/// Percentiles and extremes of one scenario's calls, in milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub min: f64,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
    pub mean: f64,
}

/// Nearest-rank percentile of sorted `xs`: the smallest value with at least `p`% of the
/// samples at or below it (`p` in 0–100). `None` when there are no samples.
pub fn nearest_rank(sorted: &[Duration], p: f64) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Summary of `latencies` (any order); `None` when empty.
pub fn summarize(latencies: &[Duration]) -> Option<Summary> {
    let mut sorted = latencies.to_vec();
    sorted.sort_unstable();
    let total: Duration = sorted.iter().sum();
    Some(Summary {
        count: sorted.len(),
        min: ms(*sorted.first()?),
        p50: ms(nearest_rank(&sorted, 50.0)?),
        p90: ms(nearest_rank(&sorted, 90.0)?),
        p99: ms(nearest_rank(&sorted, 99.0)?),
        max: ms(*sorted.last()?),
        mean: ms(total) / sorted.len() as f64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(v: &[u64]) -> Vec<Duration> {
        v.iter().map(|&m| Duration::from_millis(m)).collect()
    }

    #[test]
    fn nearest_rank_of_one_to_hundred_is_the_rank_itself() {
        let xs = millis(&(1..=100).rev().collect::<Vec<_>>());
        let s = summarize(&xs).expect("non-empty");
        assert_eq!((s.p50, s.p90, s.p99), (50.0, 90.0, 99.0));
        assert_eq!((s.min, s.max, s.count), (1.0, 100.0, 100));
        assert!((s.mean - 50.5).abs() < 1e-9);
    }

    #[test]
    fn small_samples_pick_observed_values() {
        // 200 calls: p99 is the 198th smallest, so the two slowest calls do not count.
        let mut xs = millis(&vec![2; 197]);
        xs.extend(millis(&[5, 40, 900]));
        let s = summarize(&xs).expect("non-empty");
        assert_eq!((s.p50, s.p99, s.max), (2.0, 5.0, 900.0));
        let one = summarize(&millis(&[7])).expect("non-empty");
        assert_eq!((one.p50, one.p99, one.max), (7.0, 7.0, 7.0));
        assert_eq!(
            nearest_rank(&millis(&[1, 2]), 0.0),
            Some(Duration::from_millis(1))
        );
        assert!(summarize(&[]).is_none());
    }
}
