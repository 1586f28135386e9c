//! `sales.payment_methods`: customers' cards and wallets (last four digits only).

use std::fmt::Write;
use std::ops::Range;

use super::{at, customer_of_brand};
use crate::catalog::calendar::{AS_OF, WINDOW_START};
use crate::catalog::markets::MARKETS;
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// (method_type, card_brand, provider_id).
const METHODS: [(&str, Option<&str>, i64); 4] = [
    ("credit_card", Some("Visa"), 1),
    ("credit_card", Some("Mastercard"), 1),
    ("debit_card", Some("Visa"), 1),
    ("paypal", None, 2),
];

/// Methods of brand `brand_id`'s customer (1 or 2); the first is the default.
pub fn method_count(world: &World, brand_id: i64) -> i64 {
    if S.rng(world.config.seed, brand_id as u64 ^ 0x2).chance(0.4) {
        2
    } else {
        1
    }
}

/// The default payment method id of brand `brand_id`'s customer.
pub fn default_method(world: &World, brand_id: i64) -> i64 {
    customer_of_brand(world, brand_id) * 10 + 1
}

/// One payment method.
#[derive(Debug)]
pub struct PaymentMethodRow<'a> {
    /// Key: `user_id · 10 + k`.
    pub payment_method_id: i64,
    /// Customer.
    pub user_id: i64,
    /// Processor.
    pub provider_id: i64,
    /// credit_card, debit_card or paypal.
    pub method_type: &'a str,
    /// Card network.
    pub card_brand: Option<&'a str>,
    /// Last four digits.
    pub last_four: Option<&'a str>,
    /// Expiry (last day of the month).
    pub expires_at: i32,
    /// Default method.
    pub is_default: bool,
    /// Usable.
    pub is_active: bool,
    /// Billing country (ISO alpha-2).
    pub country: &'a str,
    /// Created.
    pub created_at: i64,
}

/// Generator of `sales.payment_methods` (unit: brand's customer account).
#[derive(Debug)]
pub struct PaymentMethods;

const S: Stream = Stream::new("sales.payment_methods");

impl TableGen for PaymentMethods {
    type Row<'a> = PaymentMethodRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.brands
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&PaymentMethodRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let mut four = String::new();
        for u in units {
            let brand_id = u as i64 + 1;
            let user_id = customer_of_brand(world, brand_id);
            let country =
                MARKETS[World::brand_country_market(world.config.seed, brand_id)].country_code;
            let mut rng = S.rng(world.config.seed, brand_id as u64);
            for k in 1..=method_count(world, brand_id) {
                let (method_type, card_brand, provider_id) = METHODS[rng.index(METHODS.len())];
                four.clear();
                let _ = write!(four, "{:04}", rng.between(0, 9999));
                emit(&PaymentMethodRow {
                    payment_method_id: user_id * 10 + k,
                    user_id,
                    provider_id,
                    method_type,
                    card_brand,
                    last_four: card_brand.is_some().then_some(four.as_str()),
                    expires_at: AS_OF + rng.between(60, 1500) as i32,
                    is_default: k == 1,
                    is_active: true,
                    country,
                    created_at: at(WINDOW_START - 60 + rng.between(0, 40) as i32, 12 * 3600),
                });
            }
        }
    }
}
