//! MongoDB loader for the content store: the collections of the registry, their indexes (the
//! same ones each `<collection>.metadata.json` of the dump declares), documents sent as the
//! dump's own BSON bytes with unordered `insert_many` in batches of at most
//! [`BATCH_BYTES`] (MongoDB's 16 MiB `maxBsonObjectSize`, so no batch needs the driver to
//! split it), then counts and one document per collection read back and compared byte for
//! byte with the source.
//!
//! The `mongodb` driver is async; a current-thread tokio runtime inside this module keeps the
//! loader's API synchronous like the other engines'.
//!
//! **Modes.** `fail` refuses when any content collection already has documents (nothing is
//! changed); `truncate` drops the content collections and loads them again; `append` inserts
//! into what is there (duplicate `_id`s fail the load — documents are deterministic, so a
//! second append of the same dataset is refused by the server, not silently doubled).

use std::future::IntoFuture;
use std::time::{Duration, Instant};

use mongodb::bson::{doc, Bson, Document as BsonDocument, RawDocumentBuf};
use mongodb::error::ErrorKind;
use mongodb::options::ClientOptions;
use mongodb::{Client, Database};
use promptsales_core::registry::{tables_of, TableDef};
use promptsales_core::sink::mongo::metadata;
use promptsales_core::Store;
use tokio::runtime::Runtime;

use crate::common::{self, redact, url_target, IfExists, LoadProgress, Source, TableLoad};
use crate::error::{Error, Result};

const ENGINE: &str = "MongoDB";

/// The database the dump restores into (`promptcontent`).
pub use promptsales_core::gen::content::DATABASE;

/// Bytes of documents per `insert_many` (MongoDB's 16 MiB message document limit).
pub const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// A connected loader.
#[derive(Debug)]
pub struct Mongo {
    runtime: Runtime,
    client: Client,
    url: String,
    target: String,
}

/// What a load did.
#[derive(Debug, Clone, Default)]
pub struct MongoReport {
    /// Collections in load order.
    pub collections: Vec<TableLoad>,
    /// `insert_many` calls.
    pub batches: u64,
    /// Time creating indexes.
    pub index_seconds: f64,
    /// Whole load.
    pub total_seconds: f64,
}

impl MongoReport {
    /// Documents over all collections.
    pub fn documents(&self) -> u64 {
        self.collections.iter().map(|c| c.rows).sum()
    }
}

impl Mongo {
    /// Connects and checks the server answers `ping` (10 s server-selection timeout).
    pub fn connect(url: &str) -> Result<Mongo> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::remote(ENGINE, "starting the async runtime", e, ""))?;
        let target = url_target(url, 27017);
        let client = runtime.block_on(async {
            let mut options = ClientOptions::parse(url)
                .await
                .map_err(|e| Error::BadEngineUrl {
                    flag: "--url",
                    engine: ENGINE,
                    message: redact(&short(&e), url),
                    expected: "mongodb://[USER:PASSWORD@]HOST[:PORT][/?OPTIONS]",
                })?;
            options.app_name = Some("promptsales-load".to_string());
            options
                .server_selection_timeout
                .get_or_insert(Duration::from_secs(10));
            options
                .connect_timeout
                .get_or_insert(Duration::from_secs(10));
            let client = Client::with_options(options).map_err(|e| classify(&e, url, &target))?;
            client
                .database("admin")
                .run_command(doc! { "ping": 1 })
                .await
                .map_err(|e| classify(&e, url, &target))?;
            Ok::<_, Error>(client)
        })?;
        Ok(Mongo {
            runtime,
            client,
            url: url.to_string(),
            target,
        })
    }

    /// Runs one driver action (they are `IntoFuture`) to completion.
    fn run<F: IntoFuture>(&self, action: F) -> F::Output {
        self.runtime.block_on(action.into_future())
    }

    /// `host:port` (no credentials).
    pub fn target(&self) -> &str {
        &self.target
    }

    fn err(&self, context: impl Into<String>, e: &mongodb::error::Error) -> Error {
        match classify(e, &self.url, &self.target) {
            Error::Remote { message, .. } => Error::Remote {
                engine: ENGINE,
                context: context.into(),
                message,
            },
            other => other,
        }
    }

    /// Content collections (of the registry) that hold documents in `db`.
    pub fn non_empty(&self, db: &str) -> Result<Vec<String>> {
        let database = self.client.database(db);
        let names = self
            .run(database.list_collection_names())
            .map_err(|e| self.err(format!("listing collections of {db}"), &e))?;
        let mut out = Vec::new();
        for t in tables_of(&[Store::Content]) {
            if names.iter().any(|n| n == t.name) {
                let n = self
                    .run(
                        database
                            .collection::<BsonDocument>(t.name)
                            .estimated_document_count(),
                    )
                    .map_err(|e| self.err(format!("counting {db}.{}", t.name), &e))?;
                if n > 0 {
                    out.push(t.name.to_string());
                }
            }
        }
        Ok(out)
    }

    /// Loads every content collection into `db`.
    pub fn load(
        &self,
        db: &str,
        source: Source<'_>,
        if_exists: IfExists,
        progress: &dyn LoadProgress,
    ) -> Result<MongoReport> {
        let started = Instant::now();
        let tables: Vec<&TableDef> = tables_of(&[Store::Content]).collect();
        if let Source::Dataset(ds) = source {
            common::require_tables(ds, tables.iter().copied())?;
        }
        let existing = self.non_empty(db)?;
        if !existing.is_empty() && if_exists == IfExists::Fail {
            return Err(Error::EngineExists {
                engine: ENGINE,
                what: format!("database {db} (collections: {})", existing.join(", ")),
            });
        }
        let database = self.client.database(db);
        let mut report = MongoReport::default();
        if if_exists == IfExists::Truncate {
            for t in &tables {
                self.run(database.collection::<BsonDocument>(t.name).drop())
                    .map_err(|e| self.err(format!("dropping {db}.{}", t.name), &e))?;
            }
        }
        for t in &tables {
            progress.table_started(t);
            let docs = common::documents(source, t)?;
            let raw: Vec<RawDocumentBuf> = docs
                .iter()
                .map(|d| RawDocumentBuf::from_bytes(d.to_bson()))
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| Error::Mismatch {
                    engine: ENGINE,
                    message: format!("{}: generated BSON rejected by the driver: {e}", t.name),
                })?;
            let collection = database.collection::<RawDocumentBuf>(t.name);
            // The clock covers the inserts only (reading the dump is not the server's work).
            let t0 = Instant::now();
            let mut inserted = 0u64;
            for batch in batches(&raw) {
                let result = self
                    .run(collection.insert_many(batch).ordered(false))
                    .map_err(|e| self.err(format!("insert_many into {db}.{}", t.name), &e))?;
                inserted += result.inserted_ids.len() as u64;
                report.batches += 1;
            }
            let load = TableLoad {
                table: format!("{db}.{}", t.name),
                rows: inserted,
                seconds: t0.elapsed().as_secs_f64(),
            };
            progress.table_done(&load);
            report.collections.push(load);
        }
        let t0 = Instant::now();
        for t in &tables {
            self.create_indexes(&database, t)?;
        }
        report.index_seconds = t0.elapsed().as_secs_f64();
        progress.step_done("indexes", report.index_seconds);
        report.total_seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }

    fn create_indexes(&self, database: &Database, t: &TableDef) -> Result<()> {
        let meta = to_bson_document(&metadata(t).to_bson())?;
        let indexes: Vec<Bson> = meta
            .get_array("indexes")
            .map_err(|e| Error::Mismatch {
                engine: ENGINE,
                message: format!("{}: metadata without indexes: {e}", t.name),
            })?
            .iter()
            .filter_map(|i| i.as_document())
            .filter(|i| i.get_str("name").ok() != Some("_id_"))
            .map(|i| {
                let mut i = i.clone();
                i.remove("v");
                Bson::Document(i)
            })
            .collect();
        if indexes.is_empty() {
            return Ok(());
        }
        self.run(database.run_command(doc! { "createIndexes": t.name, "indexes": indexes }))
            .map_err(|e| self.err(format!("createIndexes on {}", t.name), &e))?;
        Ok(())
    }

    /// Checks the load: counts per collection equal the source's, every index the metadata
    /// declares exists, and the first and last document of each collection read back by `_id`
    /// are byte-identical to the source's.
    pub fn verify(&self, db: &str, source: Source<'_>) -> Result<u64> {
        let database = self.client.database(db);
        let mut checked = 0;
        for t in tables_of(&[Store::Content]) {
            let docs = common::documents(source, t)?;
            let collection = database.collection::<RawDocumentBuf>(t.name);
            let count = self
                .run(collection.count_documents(doc! {}))
                .map_err(|e| self.err(format!("counting {db}.{}", t.name), &e))?;
            if count != docs.len() as u64 {
                return Err(Error::Mismatch {
                    engine: ENGINE,
                    message: format!(
                        "{db}.{} has {count} documents, the source {}",
                        t.name,
                        docs.len()
                    ),
                });
            }
            let names = self
                .run(collection.list_index_names())
                .map_err(|e| self.err(format!("listing indexes of {db}.{}", t.name), &e))?;
            for want in t.indexes.iter().map(|i| i.name) {
                if !names.iter().any(|n| n == want) {
                    return Err(Error::Mismatch {
                        engine: ENGINE,
                        message: format!("{db}.{} lacks index {want} (has {names:?})", t.name),
                    });
                }
            }
            for d in [docs.first(), docs.last()].into_iter().flatten() {
                let bytes = d.to_bson();
                let expected = to_bson_document(&bytes)?;
                let id = expected.get("_id").cloned().unwrap_or(Bson::Null);
                let got = self
                    .run(collection.find_one(doc! { "_id": id.clone() }))
                    .map_err(|e| self.err(format!("reading {db}.{}", t.name), &e))?;
                if got.as_ref().map(|g| g.as_bytes()) != Some(bytes.as_slice()) {
                    return Err(Error::Mismatch {
                        engine: ENGINE,
                        message: format!("{db}.{} document {id} differs from the source", t.name),
                    });
                }
                checked += 1;
            }
        }
        Ok(checked)
    }
}

fn to_bson_document(bytes: &[u8]) -> Result<BsonDocument> {
    BsonDocument::from_reader(bytes).map_err(|e| Error::Mismatch {
        engine: ENGINE,
        message: format!("generated BSON does not decode: {e}"),
    })
}

/// Splits documents into `insert_many` batches of at most [`BATCH_BYTES`] bytes (a document
/// larger than that goes alone; the server then rejects it by name).
pub fn batches(docs: &[RawDocumentBuf]) -> Vec<&[RawDocumentBuf]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, d) in docs.iter().enumerate() {
        let n = d.as_bytes().len();
        if i > start && bytes + n > BATCH_BYTES {
            out.push(&docs[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += n;
    }
    if start < docs.len() {
        out.push(&docs[start..]);
    }
    out
}

/// The driver's message without its topology dump and labels (one short line).
fn short(e: &mongodb::error::Error) -> String {
    let text = match e.kind.as_ref() {
        ErrorKind::InvalidArgument { message, .. }
        | ErrorKind::ServerSelection { message, .. }
        | ErrorKind::Authentication { message, .. } => message.clone(),
        _ => e.to_string(),
    };
    if text.contains("Connection refused") {
        return "connection refused (server selection gave up)".to_string();
    }
    let cut = [". Topology", ", labels", " Topology:"]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    text[..cut].to_string()
}

fn classify(e: &mongodb::error::Error, url: &str, target: &str) -> Error {
    let text = short(e);
    match e.kind.as_ref() {
        ErrorKind::Authentication { .. } => Error::EngineAuth {
            engine: ENGINE,
            target: target.to_string(),
            hint: " (user and password from the --url user-info)".to_string(),
        },
        ErrorKind::ServerSelection { .. } | ErrorKind::Io(_) | ErrorKind::DnsResolve { .. } => {
            Error::EngineUnreachable {
                engine: ENGINE,
                target: target.to_string(),
                message: redact(&text, url),
            }
        }
        ErrorKind::InvalidArgument { .. } => Error::BadEngineUrl {
            flag: "--url",
            engine: ENGINE,
            message: redact(&text, url),
            expected: "mongodb://[USER:PASSWORD@]HOST[:PORT][/?OPTIONS]",
        },
        _ => Error::remote(ENGINE, format!("at {target}"), text, url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_respect_the_byte_limit_and_keep_every_document() {
        let big = "x".repeat(1 << 20);
        let docs: Vec<RawDocumentBuf> = (0..40)
            .map(|i| {
                let mut d = promptsales_core::doc::Document::new();
                d.put("i", promptsales_core::doc::Value::I32(i));
                d.put("pad", big.as_str());
                RawDocumentBuf::from_bytes(d.to_bson()).expect("valid bson")
            })
            .collect();
        let parts = batches(&docs);
        assert_eq!(parts.iter().map(|p| p.len()).sum::<usize>(), 40);
        assert_eq!(parts.len(), 3, "40 one-MiB documents → 15 + 15 + 10");
        for p in &parts {
            let bytes: usize = p.iter().map(|d| d.as_bytes().len()).sum();
            assert!(bytes <= BATCH_BYTES, "{bytes}");
        }
    }
}
