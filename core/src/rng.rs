//! Counter-based random streams.
//!
//! Every random value is drawn from a stream keyed by `(seed, stream name, key)`, where the key
//! is the row's own id (a campaign id, a client id, a placement id and day, …). A stream is a
//! [`Xoshiro256PlusPlus`] seeded through SplitMix64 from a stable FNV-1a hash of its name, so
//! row *n* is computable on its own, in any order, on any thread: the foundation of the
//! determinism contract (DESIGN.md §3).

use std::convert::Infallible;

use rand::{Rng, RngExt, SeedableRng, TryRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// A named stream family: `Stream::new("crm.clients.name")`. Cheap to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stream(u64);

impl Stream {
    /// A stream named `name`; the name is hashed with FNV-1a (stable across versions and
    /// platforms, unlike `std`'s hasher).
    pub const fn new(name: &str) -> Self {
        let bytes = name.as_bytes();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut i = 0;
        while i < bytes.len() {
            h ^= bytes[i] as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
            i += 1;
        }
        Stream(h)
    }

    /// The generator for `key` in this stream under `seed`.
    #[inline]
    pub fn rng(self, seed: u64, key: u64) -> RowRng {
        RowRng(Xoshiro256PlusPlus::seed_from_u64(mix3(seed, self.0, key)))
    }

    /// One uniform 64-bit value for `key`, without building a generator.
    #[inline]
    pub fn hash(self, seed: u64, key: u64) -> u64 {
        splitmix(mix3(seed, self.0, key))
    }
}

#[inline]
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[inline]
fn mix3(a: u64, b: u64, c: u64) -> u64 {
    splitmix(splitmix(a ^ splitmix(b)) ^ c.wrapping_mul(0xd6e8_feb8_6659_fd93))
}

/// A row's random generator, with the few draws the generators need.
#[derive(Debug, Clone)]
pub struct RowRng(Xoshiro256PlusPlus);

impl TryRng for RowRng {
    type Error = Infallible;
    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok(self.0.next_u32())
    }
    #[inline]
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(self.0.next_u64())
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        self.0.fill_bytes(dst);
        Ok(())
    }
}

impl RowRng {
    /// Uniform in `[0, 1)`.
    #[inline]
    pub fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform integer in `[lo, hi]` (inclusive).
    #[inline]
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        self.random_range(lo..=hi)
    }

    /// Uniform index in `[0, n)`; `n` must be non-zero.
    #[inline]
    pub fn index(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        self.random_range(0..n)
    }

    /// `true` with probability `p`.
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform float in `[lo, hi)`.
    #[inline]
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Multiplicative noise around 1: uniform in `[1 - spread, 1 + spread)`.
    #[inline]
    pub fn jitter(&mut self, spread: f64) -> f64 {
        self.uniform(1.0 - spread, 1.0 + spread)
    }

    /// Log-uniform in `[lo, hi)` (both positive): for followers, budgets, prices.
    #[inline]
    pub fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + (hi.ln() - lo.ln()) * self.unit()).exp()
    }

    /// An index drawn with the given cumulative weights (last element = total).
    #[inline]
    pub fn pick_cumulative(&mut self, cumulative: &[u32]) -> usize {
        let total = *cumulative.last().unwrap_or(&0);
        if total == 0 {
            return 0;
        }
        let x = self.random_range(0..total);
        cumulative.partition_point(|&c| c <= x)
    }

    /// Rounds `x` to an integer, randomly up with probability equal to its fraction, so that
    /// sums of small expected values stay unbiased (e.g. 0.3 comments a day).
    #[inline]
    pub fn round_stochastic(&mut self, x: f64) -> i64 {
        if x <= 0.0 {
            return 0;
        }
        let f = x.floor();
        f as i64 + i64::from(self.unit() < x - f)
    }
}

/// A weighted choice table over static items, built once (catalogs).
#[derive(Debug, Clone)]
pub struct Weighted {
    cumulative: Vec<u32>,
}

impl Weighted {
    /// From integer weights; zero weights are never drawn.
    pub fn new(weights: impl IntoIterator<Item = u32>) -> Self {
        let mut acc = 0u32;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                acc += w;
                acc
            })
            .collect();
        Weighted { cumulative }
    }

    /// Draws an index.
    #[inline]
    pub fn sample(&self, rng: &mut RowRng) -> usize {
        rng.pick_cumulative(&self.cumulative)
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.cumulative.len()
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.cumulative.is_empty()
    }
}

/// A keyed bijection on `[0, n)` (a 4-round Feistel network with cycle walking): used to
/// scatter ids (client slots, email numbers, national-id serials) without storing a table,
/// and to invert them.
#[derive(Debug, Clone, Copy)]
pub struct Permutation {
    n: u64,
    half_bits: u32,
    mask: u64,
    keys: [u64; 4],
}

impl Permutation {
    /// A permutation of `[0, n)` keyed by `(seed, stream)`; `n` ≥ 1.
    pub fn new(n: u64, seed: u64, stream: Stream) -> Self {
        let bits = 64 - n.max(2).saturating_sub(1).leading_zeros();
        let half_bits = bits.div_ceil(2).max(1);
        let keys = [0, 1, 2, 3].map(|i| stream.hash(seed, i));
        Permutation {
            n: n.max(1),
            half_bits,
            mask: (1u64 << half_bits) - 1,
            keys,
        }
    }

    #[inline]
    fn round(&self, x: u64, k: u64) -> u64 {
        splitmix(x ^ k) & self.mask
    }

    #[inline]
    fn encrypt(&self, x: u64) -> u64 {
        let (mut l, mut r) = (x >> self.half_bits, x & self.mask);
        for k in self.keys {
            let t = r;
            r = l ^ self.round(r, k);
            l = t;
        }
        (l << self.half_bits) | r
    }

    #[inline]
    fn decrypt(&self, x: u64) -> u64 {
        let (mut l, mut r) = (x >> self.half_bits, x & self.mask);
        for k in self.keys.iter().rev() {
            let t = l;
            l = r ^ self.round(l, *k);
            r = t;
        }
        (l << self.half_bits) | r
    }

    /// The image of `x` (`x < n`).
    #[inline]
    pub fn apply(&self, x: u64) -> u64 {
        let mut y = self.encrypt(x);
        while y >= self.n {
            y = self.encrypt(y);
        }
        y
    }

    /// The preimage of `y` (`y < n`).
    #[inline]
    pub fn invert(&self, y: u64) -> u64 {
        let mut x = self.decrypt(y);
        while x >= self.n {
            x = self.decrypt(x);
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permutation_is_a_bijection_and_inverts() {
        for n in [1u64, 2, 7, 500, 1000, 4097] {
            let p = Permutation::new(n, 42, Stream::new("t"));
            let mut seen = vec![false; n as usize];
            for x in 0..n {
                let y = p.apply(x);
                assert!(y < n);
                assert!(!seen[y as usize], "n={n}: {y} twice");
                seen[y as usize] = true;
                assert_eq!(p.invert(y), x);
            }
        }
    }

    #[test]
    fn streams_are_keyed_by_name_seed_and_key() {
        let a = Stream::new("a");
        let b = Stream::new("b");
        assert_ne!(a.hash(1, 1), b.hash(1, 1));
        assert_ne!(a.hash(1, 1), a.hash(2, 1));
        assert_ne!(a.hash(1, 1), a.hash(1, 2));
        assert_eq!(a.rng(7, 9).next_u64(), a.rng(7, 9).next_u64());
    }

    #[test]
    fn stochastic_rounding_is_unbiased() {
        let mut rng = Stream::new("r").rng(1, 1);
        let total: i64 = (0..100_000).map(|_| rng.round_stochastic(0.3)).sum();
        assert!((29_000..31_000).contains(&total), "{total}");
    }
}
