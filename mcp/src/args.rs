//! Reading and validating tool arguments (a JSON object) with one-line errors that name the
//! argument and its valid range.

use serde_json::{Map, Value};

use crate::error::ToolError;

/// Longest free text a tool accepts (queries, descriptions, names), in characters: far above
/// any real prompt, low enough that an oversized request cannot make the embedder or the
/// campaign log do unbounded work.
pub const MAX_TEXT_CHARS: usize = 4_000;

/// The arguments of one call.
#[derive(Debug)]
pub struct Args<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Args<'a> {
    /// Wraps the call's `arguments`, refusing names the tool's schema does not declare.
    pub fn new(map: &'a Map<String, Value>, known: &[&str]) -> Result<Self, ToolError> {
        if let Some(k) = map.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(ToolError::arg(
                k,
                format!(
                    "is not an argument of this tool (valid: {})",
                    known.join(", ")
                ),
            ));
        }
        Ok(Args { map })
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }

    /// A required string of 1..=`MAX_TEXT_CHARS` characters (trimmed).
    pub fn text(&self, name: &str) -> Result<&'a str, ToolError> {
        self.opt_text(name)?
            .ok_or_else(|| ToolError::arg(name, "is required (a non-empty string)"))
    }

    /// An optional string of 1..=`MAX_TEXT_CHARS` characters (trimmed).
    pub fn opt_text(&self, name: &str) -> Result<Option<&'a str>, ToolError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let s = v
            .as_str()
            .ok_or_else(|| ToolError::arg(name, "must be a string"))?
            .trim();
        check_text(name, s)?;
        Ok(Some(s))
    }

    /// An optional integer in `lo..=hi`, `default` when absent.
    pub fn int(
        &self,
        name: &str,
        lo: i64,
        hi: i64,
        default: Option<i64>,
    ) -> Result<i64, ToolError> {
        let range = || format!("must be a whole number from {lo} to {hi}");
        match self.get(name) {
            None => {
                default.ok_or_else(|| ToolError::arg(name, format!("is required; {}", range())))
            }
            Some(v) => {
                let n = v
                    .as_i64()
                    .or_else(|| v.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
                    .ok_or_else(|| ToolError::arg(name, format!("{} (got {v})", range())))?;
                if (lo..=hi).contains(&n) {
                    Ok(n)
                } else {
                    Err(ToolError::arg(name, format!("{} (got {n})", range())))
                }
            }
        }
    }

    /// An optional value from `choices`, `default` when absent.
    pub fn choice(
        &self,
        name: &str,
        choices: &[&'static str],
        default: Option<&'static str>,
    ) -> Result<&'static str, ToolError> {
        let valid = || format!("must be one of {}", choices.join(", "));
        match self.get(name) {
            None => {
                default.ok_or_else(|| ToolError::arg(name, format!("is required; {}", valid())))
            }
            Some(v) => {
                let s = v
                    .as_str()
                    .ok_or_else(|| ToolError::arg(name, valid()))?
                    .trim();
                choices
                    .iter()
                    .find(|c| c.eq_ignore_ascii_case(s))
                    .copied()
                    .ok_or_else(|| ToolError::arg(name, format!("{} (got '{}')", valid(), clip(s))))
            }
        }
    }

    /// An optional array of strings (each 1..=200 characters), at most `max` items.
    pub fn strings(&self, name: &str, max: usize) -> Result<Vec<&'a str>, ToolError> {
        let Some(v) = self.get(name) else {
            return Ok(Vec::new());
        };
        let items = v
            .as_array()
            .ok_or_else(|| ToolError::arg(name, "must be an array of strings"))?;
        if items.len() > max {
            return Err(ToolError::arg(
                name,
                format!("has {} items; at most {max} are allowed", items.len()),
            ));
        }
        items
            .iter()
            .map(|i| {
                let s = i
                    .as_str()
                    .ok_or_else(|| ToolError::arg(name, "must be an array of strings"))?
                    .trim();
                if s.is_empty() || s.chars().count() > 200 {
                    return Err(ToolError::arg(name, "items must be 1 to 200 characters"));
                }
                Ok(s)
            })
            .collect()
    }

    /// A required array of integers in `lo..=hi`, with `min..=max` items.
    pub fn ints(
        &self,
        name: &str,
        (min, max): (usize, usize),
        (lo, hi): (i64, i64),
    ) -> Result<Vec<i64>, ToolError> {
        let shape =
            || format!("must be an array of {min} to {max} whole numbers from {lo} to {hi}");
        let items = self
            .get(name)
            .and_then(Value::as_array)
            .ok_or_else(|| ToolError::arg(name, shape()))?;
        if !(min..=max).contains(&items.len()) {
            return Err(ToolError::arg(
                name,
                format!("{} (got {} items)", shape(), items.len()),
            ));
        }
        items
            .iter()
            .map(|i| {
                i.as_i64()
                    .filter(|n| (lo..=hi).contains(n))
                    .ok_or_else(|| ToolError::arg(name, format!("{} (got {i})", shape())))
            })
            .collect()
    }

    /// A required array of objects, with `min..=max` items.
    pub fn objects(
        &self,
        name: &str,
        (min, max): (usize, usize),
    ) -> Result<Vec<&'a Map<String, Value>>, ToolError> {
        let shape = || format!("must be an array of {min} to {max} objects");
        let items = self
            .get(name)
            .and_then(Value::as_array)
            .ok_or_else(|| ToolError::arg(name, format!("is required; {}", shape())))?;
        if !(min..=max).contains(&items.len()) {
            return Err(ToolError::arg(
                name,
                format!("{} (got {} items)", shape(), items.len()),
            ));
        }
        items
            .iter()
            .map(|i| i.as_object().ok_or_else(|| ToolError::arg(name, shape())))
            .collect()
    }
}

/// Refuses empty or oversized text.
pub fn check_text(name: &str, s: &str) -> Result<(), ToolError> {
    if s.is_empty() {
        return Err(ToolError::arg(name, "must not be empty"));
    }
    let n = s.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(ToolError::arg(
            name,
            format!("is {n} characters long; at most {MAX_TEXT_CHARS} are allowed"),
        ));
    }
    Ok(())
}

/// At most 60 characters of user text, for echoing it in an error.
pub fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}
