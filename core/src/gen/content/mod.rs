//! PromptContent collections (MongoDB database `promptcontent`). Each collection is a table
//! generator whose rows also turn into documents ([`DocGen`]); nested documents are built from
//! the rows here, purely, and encoded to BSON / Extended JSON by `sink`.

pub mod campaign_logs;
pub mod credentials;
pub mod embed;
pub mod images;
pub mod mcp_servers;
pub mod request_log;
pub mod services;

use crate::doc::Document;
use crate::gen::TableGen;
use crate::rng::Stream;

/// The MongoDB database the content store restores into.
pub const DATABASE: &str = "promptcontent";

/// A table generator whose rows are also MongoDB documents.
pub trait DocGen: TableGen {
    /// The indexes queries need besides `_id_`: `(name, [(field, 1 | -1)], unique)`.
    const INDEXES: &'static [Index];
    /// The document of a row (field order fixed).
    fn document(row: &Self::Row<'_>) -> Document;
}

/// A secondary index of a collection.
#[derive(Debug, Clone, Copy)]
pub struct Index {
    /// Index name, as MongoDB would name it (`hashtags_1`).
    pub name: &'static str,
    /// Key fields and directions.
    pub keys: &'static [(&'static str, i32)],
    /// Unique index.
    pub unique: bool,
}

/// Milliseconds of an epoch day plus seconds into it.
pub fn millis(day: i32, seconds: i64) -> i64 {
    (i64::from(day) * 86_400 + seconds) * 1000
}

/// The deterministic ObjectId of row `key` of `collection`, created at `created_seconds`.
pub fn object_id(seed: u64, collection: &str, created_seconds: i64, key: u64) -> [u8; 12] {
    let tag = Stream::new(collection).hash(seed, 0x0b1d);
    crate::doc::object_id(created_seconds, tag, key)
}

/// Lower-case hex of an ObjectId.
pub fn oid_hex(o: &[u8; 12]) -> String {
    let mut s = String::with_capacity(24);
    for b in o {
        s.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        s.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    s
}
