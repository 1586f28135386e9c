//! PromptCrm tables.

pub mod client_campaigns;
pub mod clients;
pub mod interactions;
pub mod sales;
