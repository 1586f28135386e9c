//! `sales.provider_credentials`: one global credential per provider. The values are obvious
//! placeholders (never key-shaped); real secrets live in a vault, not in generated data.

use std::fmt::Write;
use std::ops::Range;

use super::at;
use super::providers::PROVIDERS;
use crate::catalog::calendar::{AS_OF, WINDOW_START};
use crate::gen::TableGen;
use crate::world::World;

/// One credential record.
#[derive(Debug)]
pub struct ProviderCredentialRow<'a> {
    /// Key.
    pub credential_id: i64,
    /// Provider.
    pub provider_id: i64,
    /// Owner (none: global to the portal).
    pub user_id: Option<i64>,
    /// Placeholder text, never a secret.
    pub api_key_encrypted: &'a str,
    /// Expiry.
    pub expires_at: i64,
    /// Last use.
    pub last_used_at: i64,
    /// In use.
    pub is_active: bool,
    /// Created.
    pub created_at: i64,
}

/// Generator of `sales.provider_credentials` (unit: provider).
#[derive(Debug)]
pub struct ProviderCredentials;

impl TableGen for ProviderCredentials {
    type Row<'a> = ProviderCredentialRow<'a>;

    fn units(_: &World) -> u64 {
        PROVIDERS.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&ProviderCredentialRow<'_>)>(_: &World, units: Range<u64>, mut emit: F) {
        let mut placeholder = String::new();
        for u in units {
            let provider_id = u as i64 + 1;
            placeholder.clear();
            let _ = write!(
                placeholder,
                "PLACEHOLDER (stored in vault) provider {provider_id}"
            );
            emit(&ProviderCredentialRow {
                credential_id: provider_id,
                provider_id,
                user_id: None,
                api_key_encrypted: &placeholder,
                expires_at: at(AS_OF + 365, 0),
                last_used_at: at(AS_OF, 23 * 3600),
                is_active: true,
                created_at: at(WINDOW_START - 200 + PROVIDERS.len() as i32, 0),
            });
        }
    }
}
