//! The `mongorestore` layout of the content store: `<out>/content/mongo/promptcontent/` holds
//! `<collection>.bson` (concatenated BSON documents, as `mongodump` writes them) and
//! `<collection>.metadata.json` (canonical Extended JSON: collection options and index
//! definitions, `_id_` first). Each part of a partitioned run is a complete dump folder of its
//! own, `<out>/content/mongo/part-<k>/promptcontent/`, so `mongorestore` can load parts in any
//! order (indexes are created idempotently).

use std::path::PathBuf;

use crate::config::Partition;
use crate::doc::{Document, Value};
use crate::gen::content::DATABASE;
use crate::registry::TableDef;

/// Folder (relative to the dataset) that `mongorestore` is pointed at.
pub fn dump_root(partition: Partition) -> PathBuf {
    let base = PathBuf::from("content").join("mongo");
    if partition.is_whole() {
        base
    } else {
        base.join(format!("part-{}", partition.index()))
    }
}

/// `<dump root>/promptcontent/<collection>.bson`.
pub fn bson_path(table: &TableDef, partition: Partition) -> PathBuf {
    dump_root(partition)
        .join(DATABASE)
        .join(format!("{}.bson", table.name))
}

/// `<dump root>/promptcontent/<collection>.metadata.json`.
pub fn metadata_path(table: &TableDef, partition: Partition) -> PathBuf {
    dump_root(partition)
        .join(DATABASE)
        .join(format!("{}.metadata.json", table.name))
}

/// The metadata document of a collection, as `mongodump` writes it.
pub fn metadata(table: &TableDef) -> Document {
    let index = |name: &str, keys: &[(&str, i32)], unique: bool| {
        let mut key = Document::new();
        for (field, dir) in keys {
            key.put(field, Value::I32(*dir));
        }
        let mut d = crate::doc! { "v" => Value::I32(2), "key" => key, "name" => name };
        if unique {
            d.put("unique", Value::Bool(true));
        }
        Value::Doc(d)
    };
    let mut indexes = vec![index("_id_", &[("_id", 1)], false)];
    indexes.extend(
        table
            .indexes
            .iter()
            .map(|i| index(i.name, i.keys, i.unique)),
    );
    crate::doc! {
        "options" => Document::new(),
        "indexes" => Value::Array(indexes),
        "collectionName" => table.name,
        "type" => "collection",
    }
}

/// The metadata file's text (one line of canonical Extended JSON and a newline).
pub fn metadata_json(table: &TableDef) -> String {
    let mut s = metadata(table).to_canonical_json();
    s.push('\n');
    s
}
