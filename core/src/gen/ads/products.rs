//! `ads.products`: what each brand sells; sales amounts come from these prices.

use std::ops::Range;

use crate::catalog::vocab::INDUSTRIES;
use crate::gen::TableGen;
use crate::world::World;

/// One product.
#[derive(Debug)]
pub struct ProductRow<'a> {
    /// Key (dense, brand-major).
    pub product_id: i64,
    /// Owning brand.
    pub brand_id: i64,
    /// Product name.
    pub name: &'a str,
    /// Industry key.
    pub category: &'a str,
    /// Shelf price, cents → DECIMAL(18,2).
    pub unit_price: i64,
}

/// Generator of `ads.products` (unit: brand).
#[derive(Debug)]
pub struct Products;

impl TableGen for Products {
    type Row<'a> = ProductRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.brands
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        World::brand_product_count(world.config.seed, unit as i64 + 1)
    }

    fn generate<F: FnMut(&ProductRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let brand_id = u as i64 + 1;
            let industry = &INDUSTRIES[World::brand_industry(world.config.seed, brand_id)];
            for k in 0..World::brand_product_count(world.config.seed, brand_id) {
                let (product_id, idx, unit_price) = world.product(brand_id, k);
                emit(&ProductRow {
                    product_id,
                    brand_id,
                    name: industry.products[idx].0,
                    category: industry.key,
                    unit_price,
                });
            }
        }
    }
}
