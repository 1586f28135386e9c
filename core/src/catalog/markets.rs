//! Markets: the cities of DOMAIN.md §6 with their coordinates, currencies and the share of
//! CRM clients who live there.

/// One market (a city in a country).
#[derive(Debug, Clone, Copy)]
pub struct Market {
    /// `market_id`.
    pub id: i64,
    /// ISO 3166-1 alpha-2.
    pub country_code: &'static str,
    /// Country name.
    pub country: &'static str,
    /// City name.
    pub city: &'static str,
    /// City-centre latitude (DOMAIN.md §6).
    pub latitude: f64,
    /// City-centre longitude (DOMAIN.md §6).
    pub longitude: f64,
    /// ISO 4217 currency.
    pub currency: &'static str,
    /// CRM clients living here, per 10 000 (assumption: a Costa Rican company, 55% of clients
    /// in Costa Rica, split by city size).
    pub client_weight: u32,
    /// Province or department code used in national ids (CR cédula province digit, Panama
    /// province, Guatemala department, Mexico state letters index).
    pub region: u32,
}

macro_rules! m {
    ($id:expr, $cc:expr, $country:expr, $city:expr, $lat:expr, $lon:expr, $cur:expr, $w:expr, $r:expr) => {
        Market {
            id: $id,
            country_code: $cc,
            country: $country,
            city: $city,
            latitude: $lat,
            longitude: $lon,
            currency: $cur,
            client_weight: $w,
            region: $r,
        }
    };
}

/// The fixed market catalog (ids 1..=31). Weights sum to 10 000.
pub const MARKETS: [Market; 31] = [
    m!(
        1,
        "CR",
        "Costa Rica",
        "San José",
        9.9281,
        -84.0907,
        "CRC",
        1925,
        1
    ),
    m!(
        2,
        "CR",
        "Costa Rica",
        "Alajuela",
        10.0163,
        -84.2116,
        "CRC",
        825,
        2
    ),
    m!(
        3,
        "CR",
        "Costa Rica",
        "Heredia",
        10.0024,
        -84.1165,
        "CRC",
        660,
        4
    ),
    m!(
        4,
        "CR",
        "Costa Rica",
        "Cartago",
        9.8644,
        -83.9194,
        "CRC",
        605,
        3
    ),
    m!(
        5,
        "CR",
        "Costa Rica",
        "Liberia",
        10.6350,
        -85.4377,
        "CRC",
        330,
        5
    ),
    m!(
        6,
        "CR",
        "Costa Rica",
        "Puntarenas",
        9.9763,
        -84.8384,
        "CRC",
        385,
        6
    ),
    m!(
        7,
        "CR",
        "Costa Rica",
        "Limón",
        9.9907,
        -83.0360,
        "CRC",
        385,
        7
    ),
    m!(
        8,
        "CR",
        "Costa Rica",
        "Ciudad Quesada",
        10.3238,
        -84.4271,
        "CRC",
        385,
        2
    ),
    m!(
        9,
        "MX",
        "Mexico",
        "Mexico City",
        19.4326,
        -99.1332,
        "MXN",
        600,
        9
    ),
    m!(
        10,
        "MX",
        "Mexico",
        "Guadalajara",
        20.6597,
        -103.3496,
        "MXN",
        300,
        14
    ),
    m!(
        11,
        "MX",
        "Mexico",
        "Monterrey",
        25.6866,
        -100.3161,
        "MXN",
        270,
        19
    ),
    m!(12, "MX", "Mexico", "Puebla", 19.0414, -98.2063, "MXN", 180, 21),
    m!(13, "MX", "Mexico", "Cancún", 21.1619, -86.8515, "MXN", 150, 23),
    m!(14, "CO", "Colombia", "Bogotá", 4.7110, -74.0721, "COP", 405, 11),
    m!(
        15,
        "CO",
        "Colombia",
        "Medellín",
        6.2442,
        -75.5812,
        "COP",
        225,
        5
    ),
    m!(16, "CO", "Colombia", "Cali", 3.4516, -76.5320, "COP", 162, 76),
    m!(
        17,
        "CO",
        "Colombia",
        "Barranquilla",
        10.9685,
        -74.7813,
        "COP",
        108,
        8
    ),
    m!(
        18,
        "US",
        "United States",
        "New York",
        40.7128,
        -74.0060,
        "USD",
        210,
        0
    ),
    m!(
        19,
        "US",
        "United States",
        "Miami",
        25.7617,
        -80.1918,
        "USD",
        245,
        0
    ),
    m!(
        20,
        "US",
        "United States",
        "Los Angeles",
        34.0522,
        -118.2437,
        "USD",
        140,
        0
    ),
    m!(
        21,
        "US",
        "United States",
        "Houston",
        29.7604,
        -95.3698,
        "USD",
        105,
        0
    ),
    m!(22, "ES", "Spain", "Madrid", 40.4168, -3.7038, "EUR", 200, 28),
    m!(
        23,
        "ES",
        "Spain",
        "Barcelona",
        41.3874,
        2.1686,
        "EUR",
        150,
        8
    ),
    m!(24, "ES", "Spain", "Valencia", 39.4699, -0.3763, "EUR", 75, 46),
    m!(25, "ES", "Spain", "Sevilla", 37.3891, -5.9845, "EUR", 75, 41),
    m!(
        26,
        "PA",
        "Panama",
        "Panama City",
        8.9824,
        -79.5199,
        "USD",
        350,
        8
    ),
    m!(27, "PA", "Panama", "Colón", 9.3592, -79.9014, "USD", 75, 3),
    m!(28, "PA", "Panama", "David", 8.4273, -82.4309, "USD", 75, 4),
    m!(
        29,
        "GT",
        "Guatemala",
        "Guatemala City",
        14.6349,
        -90.5069,
        "GTQ",
        280,
        1
    ),
    m!(
        30,
        "GT",
        "Guatemala",
        "Quetzaltenango",
        14.8347,
        -91.5181,
        "GTQ",
        72,
        9
    ),
    m!(
        31,
        "GT",
        "Guatemala",
        "Antigua",
        14.5586,
        -90.7295,
        "GTQ",
        48,
        3
    ),
];

/// Market by catalog index (0-based).
pub fn market(index: usize) -> &'static Market {
    &MARKETS[index % MARKETS.len()]
}

/// Mexican state codes used in the CURP, by `Market::region` (RENAPO two-letter codes).
pub fn mexico_state_code(region: u32) -> &'static str {
    match region {
        9 => "DF",
        14 => "JC",
        19 => "NL",
        21 => "PL",
        23 => "QR",
        _ => "NE",
    }
}

/// Maximum distance (km) of a client's home from its city centre.
pub const CITY_RADIUS_KM: f64 = 15.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_weights_sum_to_ten_thousand_and_ids_are_dense() {
        assert_eq!(MARKETS.iter().map(|m| m.client_weight).sum::<u32>(), 10_000);
        for (i, m) in MARKETS.iter().enumerate() {
            assert_eq!(m.id, i as i64 + 1);
        }
    }
}
