//! Arrow layouts of the PromptCrm tables.

use crate::columns;
use crate::gen::crm::client_campaigns::ClientCampaigns;
use crate::gen::crm::clients::Clients;
use crate::gen::crm::interactions::Interactions;
use crate::gen::crm::sales::Sales;

columns!(ClientsBatch for Clients {
    client_id: I64, national_id: Str, id_type: Dict, first_name: Dict, last_name: Dict, second_last_name: OptDict,
    email: Str, phone: Str, birth_date: Date, gender: Dict, country_code: Dict, city: Dict, latitude: F64,
    longitude: F64, created_at: Timestamp,
});
columns!(ClientCampaignsBatch for ClientCampaigns {
    client_id: I64, campaign_id: I64, placement_id: I64, channel_id: I64, market_id: I64, captured_on: Date, lead_status: Dict,
    updated_at: Timestamp,
});
columns!(InteractionsBatch for Interactions {
    interaction_id: I64, client_id: I64, campaign_id: I64, kind: Dict, occurred_at: Timestamp, outcome: Dict, handled_by: Dict, duration_seconds: I64,
    updated_at: Timestamp,
});
columns!(SalesBatch for Sales {
    sale_id: I64, client_id: I64, campaign_id: I64, placement_id: I64, channel_id: I64, market_id: I64, sold_on: Date,
    amount: Money, product_id: I64, quantity: I64, unit_price: Money, discount_pct: I64, currency: Dict, updated_at: Timestamp,
});
