//! A small ordered document model for the PromptContent (MongoDB) collections, with the two
//! encodings the content store is delivered in: BSON (the `mongodump`/`mongorestore` format) and
//! canonical Extended JSON v2 (what `mongoimport` and `bson.json_util` read), plus decoders used by
//! `verify` and the round-trip tests.
//!
//! Field order is the insertion order, so the bytes are a pure function of the generator. Only
//! the BSON types the collections need are modelled.
//!
//! ```
//! use promptsales_core::doc::{Document, Value};
//!
//! let mut d = Document::new();
//! d.put("image_id", Value::I64(7));
//! d.put("hashtags", Value::Array(vec![Value::from("#BeachWear")]));
//! let bytes = d.to_bson();
//! assert_eq!(Document::from_bson(&bytes)?.0, d);
//! assert_eq!(d.to_canonical_json(), r##"{"image_id":{"$numberLong":"7"},"hashtags":["#BeachWear"]}"##);
//! # Ok::<(), String>(())
//! ```

use std::fmt::Write;

/// A BSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// Boolean.
    Bool(bool),
    /// 32-bit integer.
    I32(i32),
    /// 64-bit integer.
    I64(i64),
    /// Double.
    F64(f64),
    /// UTF-8 string.
    Str(String),
    /// UTC datetime, milliseconds since the Unix epoch.
    Date(i64),
    /// ObjectId.
    Oid([u8; 12]),
    /// Array.
    Array(Vec<Value>),
    /// Embedded document.
    Doc(Document),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}

impl From<Document> for Value {
    fn from(d: Document) -> Self {
        Value::Doc(d)
    }
}

/// An ordered document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document(pub Vec<(String, Value)>);

/// Builds a [`Document`]: `doc! { "a" => Value::I32(1), "b" => "text" }`.
#[macro_export]
macro_rules! doc {
    ($($k:expr => $v:expr),* $(,)?) => {{
        let mut d = $crate::doc::Document::new();
        $(d.put($k, $v);)*
        d
    }};
}

impl Document {
    /// An empty document.
    pub fn new() -> Self {
        Document(Vec::new())
    }

    /// Appends a field.
    pub fn put(&mut self, key: &str, value: impl Into<Value>) {
        self.0.push((key.to_string(), value.into()));
    }

    /// The value of the first field called `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value at a dotted path (`usage_rights.license`).
    pub fn path(&self, path: &str) -> Option<&Value> {
        let mut parts = path.split('.');
        let mut v = self.get(parts.next()?)?;
        for p in parts {
            v = match v {
                Value::Doc(d) => d.get(p)?,
                _ => return None,
            };
        }
        Some(v)
    }

    /// The BSON encoding.
    pub fn to_bson(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        self.write_bson(&mut out);
        out
    }

    /// Appends the BSON encoding to `out`.
    pub fn write_bson(&self, out: &mut Vec<u8>) {
        let start = out.len();
        out.extend_from_slice(&[0; 4]);
        for (k, v) in &self.0 {
            write_element(out, k, v);
        }
        out.push(0);
        let len = (out.len() - start) as i32;
        out[start..start + 4].copy_from_slice(&len.to_le_bytes());
    }

    /// Decodes one document from the start of `bytes`; returns it and the bytes it used.
    pub fn from_bson(bytes: &[u8]) -> Result<(Document, usize), String> {
        let len = read_i32(bytes, 0)? as usize;
        if len < 5 || len > bytes.len() || bytes[len - 1] != 0 {
            return Err(format!("bad document length {len}"));
        }
        let d = read_doc(&bytes[..len])?;
        Ok((d, len))
    }

    /// Canonical Extended JSON v2, one line.
    pub fn to_canonical_json(&self) -> String {
        let mut s = String::with_capacity(256);
        self.write_json(&mut s);
        s
    }

    /// Appends canonical Extended JSON to `out`.
    pub fn write_json(&self, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_string(out, k);
            out.push(':');
            write_json_value(out, v);
        }
        out.push('}');
    }

    /// Parses canonical (or relaxed) Extended JSON into a document.
    pub fn from_extended_json(text: &str) -> Result<Document, String> {
        let v: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
        match from_json(&v)? {
            Value::Doc(d) => Ok(d),
            _ => Err("not a JSON object".into()),
        }
    }
}

fn write_element(out: &mut Vec<u8>, key: &str, v: &Value) {
    let tag: u8 = match v {
        Value::F64(_) => 0x01,
        Value::Str(_) => 0x02,
        Value::Doc(_) => 0x03,
        Value::Array(_) => 0x04,
        Value::Oid(_) => 0x07,
        Value::Bool(_) => 0x08,
        Value::Date(_) => 0x09,
        Value::Null => 0x0A,
        Value::I32(_) => 0x10,
        Value::I64(_) => 0x12,
    };
    out.push(tag);
    // Keys never contain NUL (they are generator constants or array indexes).
    out.extend_from_slice(key.as_bytes());
    out.push(0);
    match v {
        Value::F64(x) => out.extend_from_slice(&x.to_le_bytes()),
        Value::Str(s) => {
            out.extend_from_slice(&(s.len() as i32 + 1).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
            out.push(0);
        }
        Value::Doc(d) => d.write_bson(out),
        Value::Array(items) => {
            let start = out.len();
            out.extend_from_slice(&[0; 4]);
            let mut key = itoa::Buffer::new();
            for (i, item) in items.iter().enumerate() {
                write_element(out, key.format(i), item);
            }
            out.push(0);
            let len = (out.len() - start) as i32;
            out[start..start + 4].copy_from_slice(&len.to_le_bytes());
        }
        Value::Oid(b) => out.extend_from_slice(b),
        Value::Bool(b) => out.push(u8::from(*b)),
        Value::Date(ms) | Value::I64(ms) => out.extend_from_slice(&ms.to_le_bytes()),
        Value::Null => {}
        Value::I32(x) => out.extend_from_slice(&x.to_le_bytes()),
    }
}

fn read_i32(b: &[u8], at: usize) -> Result<i32, String> {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map(i32::from_le_bytes)
        .ok_or_else(|| format!("truncated at byte {at}"))
}

fn read_8(b: &[u8], at: usize) -> Result<[u8; 8], String> {
    b.get(at..at + 8)
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| format!("truncated at byte {at}"))
}

fn read_cstr(b: &[u8], at: usize) -> Result<(String, usize), String> {
    let end = b[at..]
        .iter()
        .position(|&c| c == 0)
        .ok_or("unterminated key")?;
    let s = std::str::from_utf8(&b[at..at + end]).map_err(|e| e.to_string())?;
    Ok((s.to_string(), at + end + 1))
}

/// `b` is exactly one document (length prefix … trailing NUL).
fn read_doc(b: &[u8]) -> Result<Document, String> {
    let mut d = Document::new();
    let mut at = 4;
    while at < b.len() - 1 {
        let tag = b[at];
        let (key, next) = read_cstr(b, at + 1)?;
        let (v, next) = read_value(b, tag, next)?;
        d.0.push((key, v));
        at = next;
    }
    Ok(d)
}

fn read_value(b: &[u8], tag: u8, at: usize) -> Result<(Value, usize), String> {
    Ok(match tag {
        0x01 => (Value::F64(f64::from_le_bytes(read_8(b, at)?)), at + 8),
        0x02 => {
            let n = read_i32(b, at)? as usize;
            let s = b.get(at + 4..at + 4 + n).ok_or("truncated string")?;
            let s = std::str::from_utf8(&s[..n.saturating_sub(1)]).map_err(|e| e.to_string())?;
            (Value::Str(s.to_string()), at + 4 + n)
        }
        0x03 | 0x04 => {
            let n = read_i32(b, at)? as usize;
            let sub = b.get(at..at + n).ok_or("truncated document")?;
            let d = read_doc(sub)?;
            let v = if tag == 0x03 {
                Value::Doc(d)
            } else {
                Value::Array(d.0.into_iter().map(|(_, v)| v).collect())
            };
            (v, at + n)
        }
        0x07 => {
            let o: [u8; 12] = b
                .get(at..at + 12)
                .and_then(|s| s.try_into().ok())
                .ok_or("truncated ObjectId")?;
            (Value::Oid(o), at + 12)
        }
        0x08 => (
            Value::Bool(*b.get(at).ok_or("truncated bool")? != 0),
            at + 1,
        ),
        0x09 => (Value::Date(i64::from_le_bytes(read_8(b, at)?)), at + 8),
        0x0A => (Value::Null, at),
        0x10 => (Value::I32(read_i32(b, at)?), at + 4),
        0x12 => (Value::I64(i64::from_le_bytes(read_8(b, at)?)), at + 8),
        t => return Err(format!("unsupported BSON type 0x{t:02x}")),
    })
}

/// Decodes a concatenation of BSON documents (a `.bson` dump file).
pub fn decode_all(mut bytes: &[u8]) -> Result<Vec<Document>, String> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let (d, n) = Document::from_bson(bytes)?;
        out.push(d);
        bytes = &bytes[n..];
    }
    Ok(out)
}

fn json_string(out: &mut String, s: &str) {
    // serde_json's escaping is deterministic and RFC 8259-conformant.
    out.push_str(&serde_json::Value::from(s).to_string());
}

/// The canonical Extended JSON string of a double (`1.0`, `-0.25`, `1e-7`): Rust's shortest
/// round-trip representation, which is platform-independent.
fn double_text(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        format!("{x:?}")
    }
}

fn write_json_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::I32(x) => {
            let _ = write!(out, r#"{{"$numberInt":"{x}"}}"#);
        }
        Value::I64(x) => {
            let _ = write!(out, r#"{{"$numberLong":"{x}"}}"#);
        }
        Value::F64(x) => {
            let _ = write!(out, r#"{{"$numberDouble":"{}"}}"#, double_text(*x));
        }
        Value::Str(s) => json_string(out, s),
        Value::Date(ms) => {
            let _ = write!(out, r#"{{"$date":{{"$numberLong":"{ms}"}}}}"#);
        }
        Value::Oid(o) => {
            out.push_str(r#"{"$oid":""#);
            for b in o {
                let _ = write!(out, "{b:02x}");
            }
            out.push_str("\"}");
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_value(out, item);
            }
            out.push(']');
        }
        Value::Doc(d) => d.write_json(out),
    }
}

/// A JSON value whose objects keep their key order (serde_json's own map sorts keys unless its
/// `preserve_order` feature is on).
enum Json {
    Null,
    Bool(bool),
    Num(serde_json::Number),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_i64<E>(self, x: i64) -> Result<Json, E> {
                Ok(Json::Num(x.into()))
            }
            fn visit_u64<E>(self, x: u64) -> Result<Json, E> {
                Ok(Json::Num(x.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, x: f64) -> Result<Json, E> {
                serde_json::Number::from_f64(x)
                    .map(Json::Num)
                    .ok_or_else(|| E::custom("non-finite number"))
            }
            fn visit_str<E>(self, s: &str) -> Result<Json, E> {
                Ok(Json::Str(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Json, E> {
                Ok(Json::Str(s))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Json::Arr(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = a.next_entry::<String, Json>()? {
                    v.push((k, x));
                }
                Ok(Json::Obj(v))
            }
        }
        d.deserialize_any(V)
    }
}

fn from_json(v: &Json) -> Result<Value, String> {
    Ok(match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Num(n) => match n.as_i64() {
            Some(i) => i32::try_from(i).map_or(Value::I64(i), Value::I32),
            None => Value::F64(n.as_f64().ok_or("bad number")?),
        },
        Json::Str(s) => Value::Str(s.clone()),
        Json::Arr(items) => Value::Array(items.iter().map(from_json).collect::<Result<_, _>>()?),
        Json::Obj(map) => {
            if let [(k, inner)] = map.as_slice() {
                let text = match inner {
                    Json::Str(s) => Some(s.as_str()),
                    _ => None,
                };
                match (k.as_str(), text) {
                    ("$numberInt", Some(t)) => {
                        return t.parse().map(Value::I32).map_err(|e| e.to_string())
                    }
                    ("$numberLong", Some(t)) => {
                        return t.parse().map(Value::I64).map_err(|e| e.to_string())
                    }
                    ("$numberDouble", Some(t)) => {
                        let x = match t {
                            "NaN" => f64::NAN,
                            "Infinity" => f64::INFINITY,
                            "-Infinity" => f64::NEG_INFINITY,
                            t => t.parse().map_err(|_| format!("bad double {t}"))?,
                        };
                        return Ok(Value::F64(x));
                    }
                    ("$oid", Some(t)) => {
                        let mut o = [0u8; 12];
                        if t.len() != 24 || !t.is_ascii() {
                            return Err(format!("bad ObjectId {t}"));
                        }
                        for (i, byte) in o.iter_mut().enumerate() {
                            *byte = u8::from_str_radix(&t[2 * i..2 * i + 2], 16)
                                .map_err(|e| e.to_string())?;
                        }
                        return Ok(Value::Oid(o));
                    }
                    ("$date", None) => {
                        if let Value::I64(ms) | Value::Date(ms) = from_json(inner)? {
                            return Ok(Value::Date(ms));
                        }
                        return Err("bad $date".into());
                    }
                    _ => {}
                }
            }
            let mut d = Document::new();
            for (k, v) in map {
                d.0.push((k.clone(), from_json(v)?));
            }
            Value::Doc(d)
        }
    })
}

impl Value {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The integer (32 or 64 bits), if this is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::I32(x) => Some(i64::from(*x)),
            Value::I64(x) => Some(*x),
            _ => None,
        }
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The document, if this is one.
    pub fn as_doc(&self) -> Option<&Document> {
        match self {
            Value::Doc(d) => Some(d),
            _ => None,
        }
    }

    /// Every string in this value, recursively.
    pub fn strings<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Value::Str(s) => out.push(s),
            Value::Array(a) => a.iter().for_each(|v| v.strings(out)),
            Value::Doc(d) => d.0.iter().for_each(|(_, v)| v.strings(out)),
            _ => {}
        }
    }
}

/// A deterministic ObjectId: 4-byte creation time (seconds), 5 bytes naming the collection under
/// the seed, 3-byte counter (the row key), like a driver-generated id but reproducible.
pub fn object_id(created_seconds: i64, collection_tag: u64, counter: u64) -> [u8; 12] {
    let mut o = [0u8; 12];
    o[..4].copy_from_slice(&(created_seconds as u32).to_be_bytes());
    o[4..9].copy_from_slice(&collection_tag.to_be_bytes()[3..]);
    o[9..].copy_from_slice(&(counter as u32).to_be_bytes()[1..]);
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        doc! {
            "_id" => Value::Oid(object_id(1_700_000_000, 0xabcdef, 42)),
            "n" => Value::I32(-3),
            "big" => Value::I64(1 << 40),
            "x" => Value::F64(0.1),
            "t" => "caf\u{e9} \"quoted\"\n",
            "when" => Value::Date(1_700_000_000_000),
            "ok" => Value::Bool(true),
            "none" => Value::Null,
            "list" => Value::Array(vec![Value::I64(1), Value::from("a")]),
            "sub" => doc! { "k" => Value::F64(1.0) },
        }
    }

    #[test]
    fn bson_round_trips_and_matches_the_spec_bytes() {
        let d = sample();
        let bytes = d.to_bson();
        let (back, used) = Document::from_bson(&bytes).unwrap();
        assert_eq!(back, d);
        assert_eq!(used, bytes.len());
        // {"a": 1 (int32)} is 12 bytes: len, 0x10 'a' 0, 1i32, 0 (bsonspec.org example shape).
        let small = doc! { "a" => Value::I32(1) }.to_bson();
        assert_eq!(small, [12, 0, 0, 0, 0x10, b'a', 0, 1, 0, 0, 0, 0]);
        let two = [bytes.clone(), small].concat();
        assert_eq!(decode_all(&two).unwrap().len(), 2);
        assert!(decode_all(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn canonical_json_round_trips() {
        let d = sample();
        let text = d.to_canonical_json();
        assert!(text.contains(r#""n":{"$numberInt":"-3"}"#));
        assert!(text.contains(r#""x":{"$numberDouble":"0.1"}"#));
        assert!(text.contains(r#""when":{"$date":{"$numberLong":"1700000000000"}}"#));
        assert!(text.contains(r#"{"$oid":"6553f100"#));
        assert_eq!(Document::from_extended_json(&text).unwrap(), d);
    }

    #[test]
    fn object_ids_differ_by_counter_and_collection() {
        assert_ne!(object_id(0, 1, 1), object_id(0, 1, 2));
        assert_ne!(object_id(0, 1, 1), object_id(0, 2, 1));
    }
}
