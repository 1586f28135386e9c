//! `sales.providers`: the third-party services the portal integrates.

use std::ops::Range;

use super::at;
use crate::catalog::calendar::WINDOW_START;
use crate::gen::TableGen;
use crate::world::World;

/// (name, provider_type_id, domain), ids 1..
pub const PROVIDERS: [(&str, i64, &str); 12] = [
    ("Stripe", 1, "stripe.com"),
    ("PayPal", 1, "paypal.com"),
    ("OpenAI", 2, "openai.com"),
    ("Anthropic", 2, "anthropic.com"),
    ("Canva", 3, "canva.com"),
    ("Adobe Express", 3, "adobe.com"),
    ("Google Analytics", 4, "analytics.google.com"),
    ("HubSpot", 5, "hubspot.com"),
    ("Mailchimp", 5, "mailchimp.com"),
    ("Meta Ads", 6, "facebook.com"),
    ("Google Ads", 6, "ads.google.com"),
    ("TikTok Ads", 6, "ads.tiktok.com"),
];

/// One provider.
#[derive(Debug)]
pub struct ProviderRow<'a> {
    /// Key.
    pub provider_id: i64,
    /// Unique name.
    pub name: &'a str,
    /// Type.
    pub provider_type_id: i64,
    /// In use.
    pub is_active: bool,
    /// Web site.
    pub website_url: &'a str,
    /// Documentation.
    pub documentation_url: &'a str,
    /// Created.
    pub created_at: i64,
}

/// Generator of `sales.providers` (unit: catalog row).
#[derive(Debug)]
pub struct Providers;

impl TableGen for Providers {
    type Row<'a> = ProviderRow<'a>;

    fn units(_: &World) -> u64 {
        PROVIDERS.len() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&ProviderRow<'_>)>(_: &World, units: Range<u64>, mut emit: F) {
        let (mut site, mut docs) = (String::new(), String::new());
        for u in units {
            let (name, provider_type_id, domain) = PROVIDERS[u as usize];
            site.clear();
            site.push_str("https://");
            site.push_str(domain);
            docs.clear();
            docs.push_str(&site);
            docs.push_str("/docs");
            emit(&ProviderRow {
                provider_id: u as i64 + 1,
                name,
                provider_type_id,
                is_active: true,
                website_url: &site,
                documentation_url: &docs,
                created_at: at(WINDOW_START - 300 + u as i32 * 7, 12 * 3600),
            });
        }
    }
}
