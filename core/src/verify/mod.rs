//! Invariant checks (DESIGN.md §5).
use crate::error::Result;
use std::path::Path;
/// Report.
#[derive(Debug, Default)]
pub struct Report;
impl Report {
    /// Passed.
    pub fn passed(&self) -> bool {
        false
    }
    /// Text.
    pub fn render(&self) -> String {
        String::new()
    }
    /// JSON.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
}
/// Verify.
pub fn verify_dir(_dir: &Path) -> Result<Report> {
    Ok(Report)
}
