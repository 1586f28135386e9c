//! An offline, deterministic text embedder for image descriptions and search queries.
//!
//! Word unigrams and bigrams are hashed (FNV-1a, stable across platforms) into `dims` signed
//! buckets, weighted by an IDF computed over the embedded image vocabulary — each industry's
//! concepts plus the shared styles, palettes, moods and light form one "document" per industry —
//! and L2-normalised. Words shared by every industry (styles, moods, template words) weigh almost
//! nothing; the words that name a category's subjects, products and settings weigh most, so images
//! of a category sit close together and a query in the same words finds them. No model download,
//! no network, no float non-determinism beyond IEEE arithmetic in a fixed order.
//!
//! ```
//! use promptsales_core::gen::content::embed::Embedder;
//!
//! let e = Embedder::new(384);
//! let q = e.embed("sunny beach summer swimwear");
//! let beach = e.embed("a woman in a summer swimwear set on a sunny beach in Guanacaste");
//! let bank = e.embed("an adviser explaining a savings chart in a modern bank branch");
//! assert!(Embedder::cosine(&q, &beach) > Embedder::cosine(&q, &bank));
//! assert!((q.iter().map(|x| x * x).sum::<f32>() - 1.0).abs() < 1e-5);
//! ```

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::catalog::imagery::{Concept, IMAGERY, LIGHT, MOODS, PALETTES, STYLES};

/// Weight of a bigram relative to its words' mean IDF.
const BIGRAM_WEIGHT: f32 = 0.5;
/// Floor weight of words shared by every category or absent from the vocabulary.
const FLOOR_IDF: f32 = 0.05;

/// Function words, weighted at the floor whatever their spread in the vocabulary.
const STOP_WORDS: [&str; 22] = [
    "a", "an", "and", "at", "by", "for", "from", "her", "in", "is", "it", "its", "of", "on", "or",
    "the", "their", "to", "up", "we", "with", "your",
];

/// IDF of every vocabulary word: ln((N + 1) / (df + 1)), floored.
static IDF: LazyLock<BTreeMap<String, f32>> = LazyLock::new(|| {
    let n = IMAGERY.len();
    let mut shared: Vec<&str> = Vec::new();
    for list in [&STYLES[..], &MOODS[..], &LIGHT[..]] {
        shared.extend(list.iter().map(|c| c.0));
    }
    shared.extend(PALETTES.iter().map(|p| p.0));
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    for im in &IMAGERY {
        let mut words: Vec<String> = Vec::new();
        let lists: [&[Concept]; 5] = [
            im.subjects,
            im.products,
            im.settings,
            im.details,
            im.audiences,
        ];
        let phrases = lists
            .iter()
            .flat_map(|l| l.iter().map(|c| c.0))
            .chain(std::iter::once(im.noun.0))
            .chain(shared.iter().copied());
        for p in phrases {
            words.extend(tokens(p));
        }
        words.sort();
        words.dedup();
        for w in words {
            *df.entry(w).or_default() += 1;
        }
    }
    df.into_iter()
        .map(|(w, d)| {
            let idf = ((n as f32 + 1.0) / (d as f32 + 1.0)).ln().max(FLOOR_IDF);
            (w, idf)
        })
        .collect()
});

/// Lower-case alphanumeric words.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The embedder for one dimension.
#[derive(Debug, Clone, Copy)]
pub struct Embedder {
    dims: usize,
}

impl Embedder {
    /// An embedder producing `dims`-dimensional vectors (`dims` ≥ 1).
    pub fn new(dims: u32) -> Self {
        Embedder {
            dims: dims.max(1) as usize,
        }
    }

    /// Output dimension.
    pub fn dims(&self) -> usize {
        self.dims
    }

    fn idf(word: &str) -> f32 {
        if STOP_WORDS.contains(&word) {
            return FLOOR_IDF;
        }
        IDF.get(word).copied().unwrap_or(FLOOR_IDF)
    }

    fn add(&self, v: &mut [f32], feature: &str, weight: f32) {
        let h = fnv(feature.as_bytes());
        let i = (h % self.dims as u64) as usize;
        let sign = if (h >> 63) == 0 { 1.0 } else { -1.0 };
        v[i] += sign * weight;
    }

    /// The L2-normalised embedding of `text` (all zeros only for text without words).
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let mut v = vec![0f32; self.dims];
        let words: Vec<String> = tokens(text).collect();
        for w in &words {
            self.add(&mut v, w, Self::idf(w));
        }
        let mut bigram = String::new();
        for pair in words.windows(2) {
            bigram.clear();
            bigram.push_str(&pair[0]);
            bigram.push(' ');
            bigram.push_str(&pair[1]);
            let weight = BIGRAM_WEIGHT * (Self::idf(&pair[0]) + Self::idf(&pair[1])) / 2.0;
            self.add(&mut v, &bigram, weight);
        }
        let norm = v
            .iter()
            .map(|x| f64::from(*x) * f64::from(*x))
            .sum::<f64>()
            .sqrt();
        if norm > 0.0 {
            for x in &mut v {
                *x = (f64::from(*x) / norm) as f32;
            }
        }
        v
    }

    /// Cosine similarity of two normalised vectors (their dot product).
    pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_normalised_and_dimensioned() {
        for dims in [384, 1536] {
            let e = Embedder::new(dims);
            let a = e.embed("a surfer couple resting on the sand at golden hour");
            assert_eq!(a.len(), dims as usize);
            assert_eq!(
                a,
                e.embed("a surfer couple resting on the sand at golden hour")
            );
            let norm: f32 = a.iter().map(|x| x * x).sum();
            assert!((norm - 1.0).abs() < 1e-5, "{norm}");
        }
        assert!(Embedder::new(384).embed("").iter().all(|&x| x == 0.0));
    }

    #[test]
    fn category_words_outweigh_shared_words() {
        assert!(Embedder::idf("swimwear") > 1.0);
        assert!(Embedder::idf("golden") < 0.1);
        assert!(Embedder::idf("the") < 0.1);
    }
}
