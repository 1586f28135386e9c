//! `sales.provider_types`: categories of third-party providers.

use std::ops::Range;

use crate::gen::TableGen;
use crate::world::World;

/// (type_name, description), ids 1..
pub const PROVIDER_TYPES: [(&str, &str); 6] = [
    ("payment", "Card and wallet payment processors"),
    ("ai", "Generative AI model APIs"),
    ("design", "Design and image-editing services"),
    ("analytics", "Web and campaign analytics"),
    ("crm", "CRM and e-mail marketing platforms"),
    ("advertising", "Ad networks and social platforms"),
];

/// One provider type.
#[derive(Debug)]
pub struct ProviderTypeRow<'a> {
    /// Key.
    pub provider_type_id: i64,
    /// Unique name.
    pub type_name: &'a str,
    /// Description.
    pub description: &'a str,
}

/// Generator of `sales.provider_types` (unit: catalog row).
#[derive(Debug)]
pub struct ProviderTypes;

impl TableGen for ProviderTypes {
    type Row<'a> = ProviderTypeRow<'a>;

    fn units(_: &World) -> u64 {
        PROVIDER_TYPES.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&ProviderTypeRow<'_>)>(_: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let (type_name, description) = PROVIDER_TYPES[u as usize];
            emit(&ProviderTypeRow {
                provider_type_id: u as i64 + 1,
                type_name,
                description,
            });
        }
    }
}
