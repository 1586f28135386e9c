//! Run configuration, validated once at the edge (CLI flags, Python keywords). Every message
//! names the flag and the valid range.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Smallest accepted `--scale` (one campaign, 500 clients).
pub const MIN_SCALE: f64 = 0.001;
/// Largest accepted `--scale`: 50 million clients, the most whose national-id serials
/// (8 digits) stay unique by construction.
pub const MAX_SCALE: f64 = 100.0;
/// Default seed.
pub const DEFAULT_SEED: u64 = 42;
/// Default `--embedding-dims` (the usual sentence-embedding size).
pub const DEFAULT_EMBEDDING_DIMS: u32 = 384;
/// `--embedding-dims` values accepted: 384 and 1536 (Pinecone parity with the seeds' design).
pub const EMBEDDING_DIMS: [u32; 2] = [384, 1536];
/// Default seasonal peak months: December, January and August (Costa Rica's Mother's Day,
/// DOMAIN.md §3).
pub const DEFAULT_PEAK_MONTHS: [u32; 3] = [12, 1, 8];

/// What the generated world depends on: output bytes are a pure function of this and the
/// crate version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Root seed of every stream.
    pub seed: u64,
    /// Scale factor; 1.0 is the seeds' size (1 000 campaigns, 500 000 clients).
    pub scale: f64,
    /// Calendar months (1–12) where campaign starts and sales peak.
    pub peak_months: Vec<u32>,
    /// Dimension of the content image embeddings.
    #[serde(default = "default_embedding_dims")]
    pub embedding_dims: u32,
}

fn default_embedding_dims() -> u32 {
    DEFAULT_EMBEDDING_DIMS
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: DEFAULT_SEED,
            scale: 1.0,
            peak_months: DEFAULT_PEAK_MONTHS.to_vec(),
            embedding_dims: DEFAULT_EMBEDDING_DIMS,
        }
    }
}

impl Config {
    /// A validated configuration.
    pub fn new(seed: i128, scale: f64, peak_months: &[i64]) -> Result<Self> {
        let seed = validate_seed(seed)?;
        let scale = validate_scale(scale)?;
        let peak_months = validate_peak_months(peak_months)?;
        Ok(Config {
            seed,
            scale,
            peak_months,
            embedding_dims: DEFAULT_EMBEDDING_DIMS,
        })
    }

    /// Whether calendar month `m` (1–12) is a peak month.
    pub fn is_peak(&self, month: u32) -> bool {
        self.peak_months.contains(&month)
    }
}

/// `--seed`: a whole number in 0..=2^64-1.
pub fn validate_seed(seed: i128) -> Result<u64> {
    u64::try_from(seed).map_err(|_| {
        Error::invalid(
            "--seed",
            format!("must be a whole number from 0 to {} (got {seed})", u64::MAX),
        )
    })
}

/// `--scale`: a finite number in [0.001, 1000].
pub fn validate_scale(scale: f64) -> Result<f64> {
    if scale.is_finite() && (MIN_SCALE..=MAX_SCALE).contains(&scale) {
        Ok(scale)
    } else {
        Err(Error::invalid(
            "--scale",
            format!("must be a number from {MIN_SCALE} to {MAX_SCALE} (got {scale})"),
        ))
    }
}

/// `--peak-months`: one to six distinct months in 1..=12.
pub fn validate_peak_months(months: &[i64]) -> Result<Vec<u32>> {
    let bad = || {
        Error::invalid(
            "--peak-months",
            format!("must be 1 to 6 distinct months from 1 to 12, e.g. 12,1,8 (got {months:?})"),
        )
    };
    if months.is_empty() || months.len() > 6 {
        return Err(bad());
    }
    let mut out = Vec::with_capacity(months.len());
    for &m in months {
        let m = u32::try_from(m)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(bad)?;
        if out.contains(&m) {
            return Err(bad());
        }
        out.push(m);
    }
    Ok(out)
}

/// `--embedding-dims`: 384 (default) or 1536.
pub fn validate_embedding_dims(dims: i64) -> Result<u32> {
    u32::try_from(dims)
        .ok()
        .filter(|d| EMBEDDING_DIMS.contains(d))
        .ok_or_else(|| {
            Error::invalid(
                "--embedding-dims",
                format!("must be 384 or 1536 (got {dims})"),
            )
        })
}

/// Parses a comma-separated integer list for `flag` (e.g. `--peak-months 12,1,8`).
pub fn parse_int_list(flag: &'static str, text: &str) -> Result<Vec<i64>> {
    text.split(',')
        .map(|s| {
            s.trim().parse::<i64>().map_err(|_| {
                Error::invalid(
                    flag,
                    format!("'{s}' is not a whole number (expected a comma-separated list)"),
                )
            })
        })
        .collect()
}

/// One slice of a partitioned run: part `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partition {
    index: u32,
    count: u32,
}

impl Default for Partition {
    fn default() -> Self {
        Partition { index: 1, count: 1 }
    }
}

impl Partition {
    /// `--parts count --part index`; `count` in 1..=100 000, `index` in 1..=count.
    pub fn new(index: i64, count: i64) -> Result<Self> {
        let count = u32::try_from(count)
            .ok()
            .filter(|c| (1..=100_000).contains(c))
            .ok_or_else(|| {
                Error::invalid(
                    "--parts",
                    format!("must be a whole number from 1 to 100000 (got {count})"),
                )
            })?;
        let index = u32::try_from(index)
            .ok()
            .filter(|i| (1..=count).contains(i))
            .ok_or_else(|| {
                Error::invalid(
                    "--part",
                    format!("must be from 1 to {count} (--parts) (got {index})"),
                )
            })?;
        Ok(Partition { index, count })
    }

    /// 1-based part number.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Number of parts.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Whether this is the whole (a single part).
    pub fn is_whole(&self) -> bool {
        self.count == 1
    }

    /// The units (campaigns, clients, catalog rows…) of `total` that belong to this part:
    /// contiguous, in order, and the parts 1..=count tile `0..total` exactly.
    pub fn row_range(&self, total: u64) -> Range<u64> {
        let k = u64::from(self.index - 1);
        let n = u64::from(self.count);
        let start = (u128::from(total) * u128::from(k) / u128::from(n)) as u64;
        let end = (u128::from(total) * u128::from(k + 1) / u128::from(n)) as u64;
        start..end
    }
}

/// The four stores (DESIGN.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Store {
    /// PromptAds (SQL Server in production).
    Ads,
    /// PromptCrm (SQL Server in production).
    Crm,
    /// PromptContent (MongoDB + vector index).
    Content,
    /// PromptSales portal (PostgreSQL).
    Sales,
}

impl Store {
    /// All stores, in output order.
    pub const ALL: [Store; 4] = [Store::Ads, Store::Crm, Store::Content, Store::Sales];

    /// The store's name as used in paths and `store.table` names.
    pub fn name(self) -> &'static str {
        match self {
            Store::Ads => "ads",
            Store::Crm => "crm",
            Store::Content => "content",
            Store::Sales => "sales",
        }
    }
}

impl fmt::Display for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Store {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Store::ALL
            .into_iter()
            .find(|st| st.name() == s.trim())
            .ok_or_else(|| {
                Error::invalid(
                    "--stores",
                    format!("unknown store '{s}' (valid: ads, crm, content, sales)"),
                )
            })
    }
}

/// Output file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Apache Parquet, typed.
    Parquet,
    /// RFC 4180 CSV with a header, UTF-8.
    Csv,
    /// A `mongorestore`-ready dump: `<db>/<collection>.bson` + `.metadata.json` (content only).
    Bson,
    /// Canonical Extended JSON, one document per line, for `mongoimport` (content only).
    Jsonl,
}

impl Format {
    /// All formats.
    pub const ALL: [Format; 4] = [Format::Parquet, Format::Csv, Format::Bson, Format::Jsonl];

    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv => "csv",
            Format::Bson => "bson",
            Format::Jsonl => "jsonl",
        }
    }

    /// Whether rows go through Arrow (Parquet, CSV) rather than documents (BSON, JSONL).
    pub fn is_tabular(self) -> bool {
        matches!(self, Format::Parquet | Format::Csv)
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == s.trim())
            .ok_or_else(|| {
                Error::invalid(
                    "--format",
                    format!("unknown format '{s}' (valid: parquet, csv, bson, jsonl)"),
                )
            })
    }
}

/// Parquet compression codec.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// No compression.
    None,
    /// Snappy (the default, as tpchgen-cli's).
    #[default]
    Snappy,
    /// LZ4 raw.
    Lz4,
    /// Zstandard at a level 1–22.
    Zstd(i32),
}

impl FromStr for Compression {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let bad = || {
            Error::invalid(
                "--compression",
                format!("unknown codec '{s}' (valid: none, snappy, lz4, zstd, zstd(1..=22))"),
            )
        };
        let t = s.trim().to_ascii_lowercase();
        match t.as_str() {
            "none" | "uncompressed" => Ok(Compression::None),
            "snappy" => Ok(Compression::Snappy),
            "lz4" | "lz4_raw" => Ok(Compression::Lz4),
            "zstd" => Ok(Compression::Zstd(3)),
            _ => {
                let level = t
                    .strip_prefix("zstd(")
                    .and_then(|r| r.strip_suffix(')'))
                    .ok_or_else(bad)?;
                let level: i32 = level.parse().map_err(|_| bad())?;
                if (1..=22).contains(&level) {
                    Ok(Compression::Zstd(level))
                } else {
                    Err(bad())
                }
            }
        }
    }
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Compression::None => f.write_str("none"),
            Compression::Snappy => f.write_str("snappy"),
            Compression::Lz4 => f.write_str("lz4"),
            Compression::Zstd(l) => write!(f, "zstd({l})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_tile_the_whole_in_order() {
        for total in [0u64, 1, 7, 1000, 500_001] {
            for count in [1i64, 2, 3, 7] {
                let mut next = 0;
                for k in 1..=count {
                    let r = Partition::new(k, count).unwrap().row_range(total);
                    assert_eq!(r.start, next);
                    next = r.end;
                }
                assert_eq!(next, total);
            }
        }
    }

    #[test]
    fn bad_values_name_the_flag_and_range() {
        assert_eq!(
            Partition::new(4, 3).unwrap_err().to_string(),
            "--part: must be from 1 to 3 (--parts) (got 4)"
        );
        assert!(Partition::new(0, 3)
            .unwrap_err()
            .to_string()
            .starts_with("--part:"));
        assert!(Partition::new(1, 0)
            .unwrap_err()
            .to_string()
            .starts_with("--parts:"));
        assert!(validate_scale(-1.0)
            .unwrap_err()
            .to_string()
            .contains("from 0.001 to 100"));
        assert!(validate_scale(f64::NAN).is_err());
        assert!(validate_seed(-1)
            .unwrap_err()
            .to_string()
            .starts_with("--seed:"));
        assert!(validate_peak_months(&[13]).is_err());
        assert!(validate_peak_months(&[1, 1]).is_err());
        assert_eq!(
            "zstd(5)".parse::<Compression>().unwrap(),
            Compression::Zstd(5)
        );
        assert!("zstd(30)".parse::<Compression>().is_err());
        assert!("xml"
            .parse::<Format>()
            .unwrap_err()
            .to_string()
            .contains("valid: parquet, csv, bson, jsonl"));
        assert_eq!("jsonl".parse::<Format>().unwrap(), Format::Jsonl);
        assert_eq!(validate_embedding_dims(1536).unwrap(), 1536);
        assert_eq!(
            validate_embedding_dims(512).unwrap_err().to_string(),
            "--embedding-dims: must be 384 or 1536 (got 512)"
        );
        assert!("hr"
            .parse::<Store>()
            .unwrap_err()
            .to_string()
            .starts_with("--stores:"));
    }
}
