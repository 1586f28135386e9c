//! Embedded vocabularies for brands, products, campaigns, ads, influencers and the CRM.
//! Image categories are the industries: image `i` has category `(i - 1) % INDUSTRIES.len()`,
//! so an ad can pick an image of its brand's industry without any lookup.

/// An industry: `(key, Spanish label, products as (name, min price USD, max price USD))`.
#[derive(Debug, Clone, Copy)]
pub struct Industry {
    /// Stable key (also the content image category).
    pub key: &'static str,
    /// Spanish label used in audiences and headlines.
    pub label: &'static str,
    /// Interest shown in target audiences.
    pub interest: &'static str,
    /// Products: name and unit-price range in USD (B2C order values $82–$300, DOMAIN.md §5).
    pub products: &'static [(&'static str, f64, f64)],
    /// Words that make up brand names in this industry.
    pub brand_words: &'static [&'static str],
}

/// Industries (and content image categories).
pub const INDUSTRIES: [Industry; 12] = [
    Industry {
        key: "fashion",
        label: "moda",
        interest: "moda y estilo",
        products: &[
            ("Blusa de lino", 18.0, 45.0),
            ("Jeans clásicos", 35.0, 90.0),
            ("Vestido de fiesta", 60.0, 180.0),
            ("Chaqueta impermeable", 45.0, 120.0),
            ("Bolso de cuero", 50.0, 220.0),
        ],
        brand_words: &["Moda", "Estilo", "Boutique", "Closet", "Tendencia"],
    },
    Industry {
        key: "beachwear",
        label: "ropa de playa",
        interest: "playa y verano",
        products: &[
            ("Traje de baño", 25.0, 85.0),
            ("Pareo estampado", 15.0, 40.0),
            ("Sandalias", 20.0, 60.0),
            ("Gafas de sol", 30.0, 150.0),
            ("Sombrero de paja", 12.0, 35.0),
        ],
        brand_words: &["Playa", "Marea", "Surf", "Costa", "Arena"],
    },
    Industry {
        key: "food_beverage",
        label: "alimentos y bebidas",
        interest: "gastronomía",
        products: &[
            ("Café gourmet de Tarrazú", 9.0, 28.0),
            ("Granola artesanal", 6.0, 15.0),
            ("Caja de chocolates", 12.0, 40.0),
            ("Vino tinto reserva", 15.0, 60.0),
            ("Suscripción de snacks", 20.0, 45.0),
        ],
        brand_words: &["Sabor", "Cosecha", "Café", "Cacao", "Mesa"],
    },
    Industry {
        key: "technology",
        label: "tecnología",
        interest: "tecnología y gadgets",
        products: &[
            ("Audífonos inalámbricos", 35.0, 250.0),
            ("Smartwatch", 80.0, 400.0),
            ("Laptop ultraligera", 600.0, 1500.0),
            ("Parlante bluetooth", 30.0, 180.0),
            ("Plan de fibra óptica", 25.0, 70.0),
        ],
        brand_words: &["Tech", "Digital", "Nube", "Pixel", "Byte"],
    },
    Industry {
        key: "beauty",
        label: "belleza",
        interest: "belleza y cuidado personal",
        products: &[
            ("Sérum facial", 18.0, 75.0),
            ("Protector solar", 10.0, 30.0),
            ("Perfume", 40.0, 150.0),
            ("Kit de maquillaje", 25.0, 90.0),
            ("Tratamiento capilar", 15.0, 55.0),
        ],
        brand_words: &["Bella", "Piel", "Glow", "Esencia", "Aroma"],
    },
    Industry {
        key: "fitness",
        label: "deporte y fitness",
        interest: "deporte y vida saludable",
        products: &[
            ("Membresía de gimnasio", 30.0, 90.0),
            ("Leggings deportivos", 25.0, 70.0),
            ("Tenis para correr", 60.0, 180.0),
            ("Proteína en polvo", 30.0, 75.0),
            ("Bicicleta de montaña", 350.0, 1200.0),
        ],
        brand_words: &["Fit", "Activo", "Ruta", "Pulso", "Energía"],
    },
    Industry {
        key: "travel",
        label: "viajes",
        interest: "viajes y aventura",
        products: &[
            ("Paquete a Guanacaste", 250.0, 1200.0),
            ("Tour de canopy", 60.0, 140.0),
            ("Hotel boutique 2 noches", 180.0, 600.0),
            ("Vuelo regional", 150.0, 550.0),
            ("Seguro de viaje", 20.0, 90.0),
        ],
        brand_words: &["Viajes", "Destino", "Aventura", "Volcán", "Selva"],
    },
    Industry {
        key: "home",
        label: "hogar",
        interest: "hogar y decoración",
        products: &[
            ("Lámpara de mesa", 25.0, 120.0),
            ("Juego de sábanas", 35.0, 110.0),
            ("Cafetera", 40.0, 250.0),
            ("Sofá modular", 450.0, 1500.0),
            ("Set de ollas", 60.0, 220.0),
        ],
        brand_words: &["Casa", "Hogar", "Nido", "Deco", "Rincón"],
    },
    Industry {
        key: "automotive",
        label: "automotriz",
        interest: "autos y motos",
        products: &[
            ("Cambio de aceite", 40.0, 90.0),
            ("Juego de llantas", 250.0, 800.0),
            ("Alineado y balanceo", 30.0, 70.0),
            ("Prueba de manejo", 0.0, 0.0),
            ("Seguro de auto", 120.0, 600.0),
        ],
        brand_words: &["Motor", "Auto", "Rueda", "Pista", "Turbo"],
    },
    Industry {
        key: "finance",
        label: "finanzas",
        interest: "finanzas personales",
        products: &[
            ("Tarjeta de crédito sin anualidad", 0.0, 0.0),
            ("Seguro de vida", 150.0, 900.0),
            ("Cuenta de ahorro digital", 10.0, 50.0),
            ("Préstamo personal (comisión)", 80.0, 400.0),
            ("Asesoría de inversión", 100.0, 500.0),
        ],
        brand_words: &["Banco", "Capital", "Crédito", "Fondo", "Ahorro"],
    },
    Industry {
        key: "education",
        label: "educación",
        interest: "educación y cursos",
        products: &[
            ("Curso de inglés", 80.0, 450.0),
            ("Bootcamp de programación", 400.0, 1500.0),
            ("Clases de música", 40.0, 160.0),
            ("Diplomado en marketing", 250.0, 900.0),
            ("Tutoría escolar", 20.0, 80.0),
        ],
        brand_words: &["Academia", "Saber", "Aula", "Campus", "Mente"],
    },
    Industry {
        key: "health",
        label: "salud",
        interest: "salud y bienestar",
        products: &[
            ("Consulta dental", 40.0, 150.0),
            ("Chequeo médico", 60.0, 250.0),
            ("Lentes graduados", 80.0, 350.0),
            ("Suplemento vitamínico", 15.0, 45.0),
            ("Sesión de fisioterapia", 35.0, 90.0),
        ],
        brand_words: &["Salud", "Vida", "Clínica", "Bienestar", "Sana"],
    },
];

/// The minimum price of a product (in USD) when its range is zero (free offers count as a
/// small service fee in sales).
pub const MIN_PRICE_USD: f64 = 9.99;

/// Industry of an image (`image_id` ≥ 1).
pub fn image_industry(image_id: i64) -> usize {
    ((image_id - 1).max(0) as usize) % INDUSTRIES.len()
}

/// Brand-name second words, shared by all industries.
pub const BRAND_SUFFIXES: [&str; 16] = [
    "Tica",
    "Pura Vida",
    "del Valle",
    "Central",
    "Express",
    "Natural",
    "Studio",
    "Market",
    "Plus",
    "Co.",
    "Verde",
    "Azul",
    "Sol",
    "Norte",
    "Sur",
    "Real",
];

/// Campaign objectives (Meta/Google objective names, simplified).
pub const OBJECTIVES: [(&str, u32); 5] = [
    ("awareness", 15),
    ("traffic", 20),
    ("engagement", 15),
    ("leads", 30),
    ("sales", 20),
];

/// Campaign themes by calendar month (1-based index into this array is month - 1).
pub const MONTH_THEMES: [&[&str]; 12] = [
    &[
        "Rebajas de enero",
        "Cuesta de enero",
        "Año nuevo, vida nueva",
    ],
    &["San Valentín", "Mes del amor"],
    &["Regreso a clases", "Semana Santa"],
    &["Semana Santa", "Temporada seca"],
    &["Día de la Madre", "Hot Sale"],
    &["Día del Padre", "Mitad de año"],
    &["Vacaciones de medio año", "Rebajas de verano"],
    &["Día de la Madre", "Mes de las madres"],
    &["Mes de la Patria", "Regreso a rutina"],
    &["Temporada de lluvias", "Halloween"],
    &["Black Friday", "Viernes Negro", "Buen Fin"],
    &["Navidad", "Aguinaldo", "Fin de año"],
];

/// Evergreen themes mixed with the monthly ones.
pub const EVERGREEN_THEMES: [&str; 6] = [
    "Lanzamiento",
    "Fidelización",
    "Always-on",
    "Marca",
    "Nuevos clientes",
    "Remarketing",
];

/// Ad offers.
pub const OFFERS: [&str; 10] = [
    "Hasta 30% de descuento en",
    "2x1 en",
    "Envío gratis en",
    "Nuevo:",
    "Edición limitada de",
    "Solo por hoy:",
    "Estrena",
    "Tu aguinaldo rinde más con",
    "Descubre",
    "Regala",
];

/// Offers that need no season: what replaces a seasonal offer out of its season or market.
const EVERGREEN_OFFERS: [&str; 4] = ["Descubre", "Nuevo:", "Envío gratis en", "2x1 en"];

/// Countries that pay an "aguinaldo" (a thirteenth salary) by December 20: Costa Rica
/// (DOMAIN.md §3), Mexico (Ley Federal del Trabajo art. 87) and Guatemala (Decreto 76-78).
const AGUINALDO_COUNTRIES: [&str; 3] = ["CR", "MX", "GT"];

/// The offer for draw `k` of a campaign starting in calendar `month` that runs in countries
/// `countries`: [`OFFERS`]`[k % len]`, except that the aguinaldo offer only speaks in November
/// and December to markets that pay one; elsewhere it becomes an evergreen offer. One draw
/// either way, so the caller's random stream does not shift.
pub fn offer<'a>(
    k: usize,
    month: u32,
    mut countries: impl Iterator<Item = &'a str>,
) -> &'static str {
    let o = OFFERS[k % OFFERS.len()];
    let aguinaldo = o.contains("aguinaldo");
    if !aguinaldo
        || (matches!(month, 11 | 12) && countries.any(|c| AGUINALDO_COUNTRIES.contains(&c)))
    {
        o
    } else {
        EVERGREEN_OFFERS[k % EVERGREEN_OFFERS.len()]
    }
}

/// Calls to action.
pub const CTAS: [&str; 6] = [
    "Compra ya",
    "Descúbrelo",
    "Reserva hoy",
    "Pide el tuyo",
    "Conoce más",
    "Escríbenos por WhatsApp",
];

/// Ad creative formats.
pub const AD_FORMATS: [&str; 5] = ["image", "video", "carousel", "story", "text"];

/// Influencer niches (by industry index).
pub const NICHES: [&str; 12] = [
    "style", "beach", "food", "tech", "beauty", "fit", "travel", "home", "motor", "money", "learn",
    "health",
];

/// Lead statuses of the CRM funnel (DOMAIN.md §5), `won` means a sale exists.
pub const LEAD_STATUSES: [&str; 6] = ["new", "mql", "sql", "opportunity", "won", "lost"];

/// Share of non-won leads at each stage, percent, following the funnel rates lead→MQL 20–40%,
/// MQL→SQL 20–40%, SQL→opportunity 40–75% (DOMAIN.md §5; derived).
pub const OPEN_STAGE_WEIGHTS: [u32; 6] = [38, 22, 10, 6, 0, 24];

/// Interaction kinds and shares, percent (assumption).
pub const INTERACTION_KINDS: [(&str, u32); 5] = [
    ("chatbot", 30),
    ("whatsapp", 25),
    ("email", 20),
    ("call", 15),
    ("voicebot", 10),
];

/// Bot containment rate 40–55% typical (DOMAIN.md §5).
pub const BOT_CONTAINMENT: f64 = 0.47;

/// Free-mail domains and their shares, percent (assumption).
pub const EMAIL_DOMAINS: [(&str, u32); 6] = [
    ("gmail.com", 55),
    ("hotmail.com", 18),
    ("outlook.com", 10),
    ("yahoo.com", 9),
    ("icloud.com", 5),
    ("proton.me", 3),
];

#[cfg(test)]
mod offer_tests {
    use super::*;

    #[test]
    fn aguinaldo_speaks_only_in_its_season_and_markets() {
        let k = OFFERS
            .iter()
            .position(|o| o.contains("aguinaldo"))
            .expect("an aguinaldo offer");
        assert!(offer(k, 12, ["CR"].into_iter()).contains("aguinaldo"));
        assert!(offer(k, 11, ["US", "MX"].into_iter()).contains("aguinaldo"));
        for (month, cc) in [(7, "CR"), (12, "US"), (12, "ES"), (1, "MX")] {
            let o = offer(k, month, [cc].into_iter());
            assert!(!o.contains("aguinaldo"), "{month} {cc}: {o}");
            assert!(EVERGREEN_OFFERS.contains(&o));
        }
        // Other offers are untouched.
        assert_eq!(offer(0, 7, ["US"].into_iter()), OFFERS[0]);
    }
}
