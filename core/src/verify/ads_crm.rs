//! Checks for the PromptAds and PromptCrm stores (DESIGN.md §5 points 1–5, 7, 8).

use super::{Dataset, Report};
use crate::error::Result;

/// §5.1 counts and status.
pub fn campaigns(_ds: &Dataset, _r: &mut Report) -> Result<()> {
    Ok(())
}
/// §5.2 seasonal peaks.
pub fn seasonality(_ds: &Dataset, _r: &mut Report) -> Result<()> {
    Ok(())
}
/// §5.3 results.
pub fn results(_ds: &Dataset, _r: &mut Report) -> Result<()> {
    Ok(())
}
/// §5.4 reconciliation.
pub fn reconciliation(_ds: &Dataset, _r: &mut Report) -> Result<()> {
    Ok(())
}
/// §5.5 CRM.
pub fn crm(_ds: &Dataset, _r: &mut Report) -> Result<()> {
    Ok(())
}
/// §5.7 sentiment incidents.
pub fn sentiment(_ds: &Dataset, _r: &mut Report) -> Result<()> {
    Ok(())
}
/// §5.8 referential integrity.
pub fn integrity(_ds: &Dataset, _r: &mut Report) -> Result<()> {
    Ok(())
}
