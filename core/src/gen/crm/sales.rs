//! `crm.sales`: closed deals, attributed to the placement and day they closed. Per placement
//! and day, the count and the sum of `amount` equal `ads.daily_results.conversions` and
//! `.revenue`; every sale's client is linked to its campaign.

use std::ops::Range;

use crate::catalog::channels::CHANNELS;
use crate::catalog::markets::MARKETS;
use crate::gen::TableGen;
use crate::world::{Continuation, Sale, World};

/// Sale ids are `campaign_id · SALE_ID_STRIDE + n` (n = 1.. within the campaign; a campaign has
/// at most 1 000 leads and so at most 1 000 sales).
pub const SALE_ID_STRIDE: i64 = 10_000;

/// One sale.
#[derive(Debug)]
pub struct SaleRow<'a> {
    /// Key.
    pub sale_id: i64,
    /// Buyer (linked to the campaign).
    pub client_id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Placement credited.
    pub placement_id: i64,
    /// Its channel.
    pub channel_id: i64,
    /// Its market.
    pub market_id: i64,
    /// Day sold.
    pub sold_on: i32,
    /// Amount, cents → DECIMAL(18,2).
    pub amount: i64,
    /// Product sold.
    pub product_id: i64,
    /// Units.
    pub quantity: i64,
    /// Unit price, cents.
    pub unit_price: i64,
    /// Discount percent.
    pub discount_pct: i64,
    /// Currency.
    pub currency: &'a str,
    /// When it was made (UTC); sales never change.
    pub updated_at: i64,
}

/// Generator of `crm.sales` (unit: campaign).
#[derive(Debug)]
pub struct Sales;

impl TableGen for Sales {
    type Row<'a> = SaleRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.campaigns
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        u64::from(world.campaign(unit as usize).links) / 8
    }

    fn generate<F: FnMut(&SaleRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let t = world.clock;
        for u in units {
            let plan = world.plan(u as usize);
            let campaign_id = world.campaign(u as usize).id;
            let cont = if world.after_window() {
                world.continuation(&plan)
            } else {
                Continuation::default()
            };
            let mut row = |n: usize, s: &Sale, at: i64| {
                let pl = &plan.placements[s.placement as usize];
                emit(&SaleRow {
                    sale_id: campaign_id * SALE_ID_STRIDE + n as i64 + 1,
                    client_id: s.client_id,
                    campaign_id,
                    placement_id: pl.placement_id,
                    channel_id: CHANNELS[pl.channel as usize].id,
                    market_id: MARKETS[pl.market as usize].id,
                    sold_on: s.day,
                    amount: s.amount_cents,
                    product_id: s.product_id,
                    quantity: s.quantity,
                    unit_price: s.unit_price_cents,
                    discount_pct: s.discount_pct,
                    currency: "USD",
                    updated_at: at,
                })
            };
            for (n, s) in plan.sales.iter().enumerate() {
                row(n, s, world.window_sale_at(campaign_id, s));
            }
            // After the window, numbered on in order of their instants.
            let n0 = plan.sales.len();
            for (k, s) in cont.sales.iter().enumerate().filter(|(_, s)| s.at <= t) {
                row(n0 + k, &s.sale, s.at);
            }
        }
    }
}
