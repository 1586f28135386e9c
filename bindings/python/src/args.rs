//! Keyword arguments → validated core types, with the CLI's checks and messages (each error
//! names the CLI flag the keyword mirrors).

use promptsales_core::config::{self, Format, Partition, Store};
use promptsales_core::{registry, Config, Error, Result};
use pyo3::prelude::*;
use pyo3::types::PyString;

/// `seed`, `scale`, `peak_months` → a validated [`Config`].
pub fn config(seed: i128, scale: f64, peak_months: Option<&Bound<'_, PyAny>>) -> PyResult<Config> {
    let months = match peak_months {
        None => config::DEFAULT_PEAK_MONTHS
            .iter()
            .map(|&m| i64::from(m))
            .collect(),
        Some(v) => int_list("--peak-months", v)?,
    };
    Config::new(seed, scale, &months).map_err(crate::errors::to_py)
}

/// `parts`, `part` → a validated [`Partition`].
pub fn partition(part: i64, parts: i64) -> Result<Partition> {
    Partition::new(part, parts)
}

/// Stores that have tables in the registry, in output order.
pub fn generated_stores() -> Vec<Store> {
    Store::ALL
        .into_iter()
        .filter(|s| registry::tables_of(&[*s]).next().is_some())
        .collect()
}

/// `stores`: `None` (every store the registry generates), `"ads,crm"` or `["ads", "crm"]`.
pub fn stores(value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<Store>> {
    let Some(value) = value else {
        return Ok(generated_stores());
    };
    let stores: Vec<Store> = names(value)?
        .iter()
        .map(|s| s.parse())
        .collect::<Result<_>>()
        .map_err(crate::errors::to_py)?;
    let valid = generated_stores();
    let listed = || {
        valid
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if stores.is_empty() {
        return Err(crate::errors::to_py(Error::invalid(
            "--stores",
            format!("name at least one store (valid: {})", listed()),
        )));
    }
    let mut out: Vec<Store> = Vec::new();
    for s in stores {
        if !valid.contains(&s) {
            return Err(crate::errors::to_py(Error::invalid(
                "--stores",
                format!("store '{s}' is not generated yet (valid: {})", listed()),
            )));
        }
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Ok(out)
}

/// `formats`: `"parquet,csv"` or `("parquet", "csv")`.
pub fn formats(value: &Bound<'_, PyAny>) -> PyResult<Vec<Format>> {
    let list = names(value)?;
    if list.is_empty() {
        return Err(crate::errors::to_py(Error::invalid(
            "--format",
            "name at least one format (valid: parquet, csv)",
        )));
    }
    let mut out: Vec<Format> = Vec::new();
    for name in list {
        let f: Format = name.parse().map_err(crate::errors::to_py)?;
        if !out.contains(&f) {
            out.push(f);
        }
    }
    Ok(out)
}

/// A comma-separated string (as on the command line) or a sequence of strings.
fn names(value: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if let Ok(s) = value.cast::<PyString>() {
        let text = s.to_str()?;
        Ok(text.split(',').map(str::to_string).collect())
    } else {
        value.extract::<Vec<String>>()
    }
}

/// A comma-separated string (`"12,1,8"`) or a sequence of whole numbers.
fn int_list(flag: &'static str, value: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    if let Ok(s) = value.cast::<PyString>() {
        config::parse_int_list(flag, s.to_str()?).map_err(crate::errors::to_py)
    } else {
        value.extract::<Vec<i64>>()
    }
}
