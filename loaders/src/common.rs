//! The loader shape every engine shares: the `--if-exists` modes, where rows come from, the
//! per-table result, progress callbacks and the one-line redaction of connection strings.
//! Engines (`postgres`, `mongo`, `pgvector`, `pinecone`, `redis`) consume these, so the CLI
//! drives all of them the same way.

use std::str::FromStr;

use promptsales_core::doc::Document;
use promptsales_core::registry::TableDef;
use promptsales_core::verify::Dataset;
use promptsales_core::World;

use crate::error::{Error, Result};

/// What to do when the target already holds data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IfExists {
    /// Refuse (the default): nothing is changed.
    #[default]
    Fail,
    /// Drop what is there (schema, collections, keys, namespace) and load again.
    Truncate,
    /// Add to what is there (duplicate keys fail, or overwrite where the engine upserts).
    Append,
}

impl FromStr for IfExists {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "fail" => Ok(IfExists::Fail),
            "truncate" => Ok(IfExists::Truncate),
            "append" => Ok(IfExists::Append),
            other => Err(promptsales_core::Error::invalid(
                "--if-exists",
                format!("unknown mode '{other}' (valid: fail, truncate, append)"),
            )
            .into()),
        }
    }
}

/// Where rows come from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// Straight from the generator.
    Generate(&'a World),
    /// From a generated dataset folder (`--from`).
    Dataset(&'a Dataset),
}

/// One loaded table (or collection, index, key family).
#[derive(Debug, Clone)]
pub struct TableLoad {
    /// `store.table` (or what was loaded, e.g. `redis estadisticas:campana`).
    pub table: String,
    /// Rows (documents, vectors, keys) the server acknowledged.
    pub rows: u64,
    /// Wall time.
    pub seconds: f64,
}

/// Callbacks while loading (the CLI prints them).
pub trait LoadProgress: Sync {
    /// A table is about to be copied.
    fn table_started(&self, _table: &TableDef) {}
    /// A table was committed.
    fn table_done(&self, _load: &TableLoad) {}
    /// A step finished (`keys ads`, `analyze`, `indexes images`).
    fn step_done(&self, _what: &str, _seconds: f64) {}
}

/// Reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;
impl LoadProgress for Quiet {}

/// The first line of `message` with every secret of `url`'s user-info (user name excepted
/// when it is one character) replaced by `***`, so server errors that echo the URL never leak
/// a password.
pub fn redact(message: &str, url: &str) -> String {
    let mut out = message.lines().next().unwrap_or("invalid").to_string();
    if let Some(userinfo) = url
        .split_once("://")
        .and_then(|(_, rest)| rest.split('/').next())
        .and_then(|authority| authority.rsplit_once('@'))
        .map(|(u, _)| u)
    {
        for secret in userinfo.split(':').filter(|s| s.len() > 1) {
            out = out.replace(secret, "***");
        }
    }
    out
}

/// `host:port` of a URL like `scheme://user:pass@host:port/path` (never the credentials).
pub fn url_target(url: &str, default_port: u16) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let host = authority
        .rsplit_once('@')
        .map(|(_, h)| h)
        .unwrap_or(authority);
    if host.contains(':') && !host.ends_with(']') {
        host.to_string()
    } else {
        format!("{host}:{default_port}")
    }
}

/// Checks that every table of `tables` is in the dataset before anything is changed.
pub fn require_tables<'t>(
    dataset: &Dataset,
    tables: impl IntoIterator<Item = &'t TableDef>,
) -> Result<()> {
    for t in tables {
        if !dataset.has(&t.qualified_name()) {
            return Err(Error::NotADataset {
                path: dataset.root().to_path_buf(),
                message: format!(
                    "has no table {} (generate it with --stores {})",
                    t.qualified_name(),
                    t.store
                ),
            });
        }
    }
    Ok(())
}

/// Every document of a content collection, from the generator or the dataset's dump.
pub fn documents(source: Source<'_>, table: &TableDef) -> Result<Vec<Document>> {
    match source {
        Source::Generate(world) => Ok(table.documents(world, 0..table.units(world))),
        Source::Dataset(ds) => Ok(ds.documents(&table.qualified_name())?),
    }
}

/// The world behind a source: the generator's, or the one a dataset's manifest describes
/// (same seed, scale and settings, so values derived from it equal the dataset's). Cheap: the
/// world is a plan, O(campaigns).
pub fn world_of(source: Source<'_>) -> World {
    match source {
        Source::Generate(world) => world.clone(),
        Source::Dataset(ds) => World::new(&ds.config()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_hides_password_and_user() {
        let url = "mongodb://loader:s3cr3t@db.example:27017/x";
        assert_eq!(
            redact("auth failed for loader:s3cr3t\nmore", url),
            "auth failed for ***:***"
        );
        assert_eq!(url_target(url, 1), "db.example:27017");
        assert_eq!(url_target("redis://127.0.0.1/0", 6379), "127.0.0.1:6379");
    }

    #[test]
    fn if_exists_names_the_flag() {
        let e = "drop".parse::<IfExists>().err().map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("--if-exists: unknown mode 'drop' (valid: fail, truncate, append)")
        );
    }
}
