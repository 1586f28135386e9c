//! Given names and surnames with frequencies (DOMAIN.md §6 "Names: frequency sources"). Counts
//! are the cited figures where DOMAIN.md gives them (thousands of bearers); the rest of each
//! list carries smaller weights in the same order **(assumption)**.

use std::sync::LazyLock;

use crate::rng::Weighted;

/// A weighted word list.
#[derive(Debug)]
pub struct WordList {
    /// The words.
    pub words: &'static [(&'static str, u32)],
    table: Weighted,
}

impl WordList {
    fn new(words: &'static [(&'static str, u32)]) -> Self {
        WordList {
            words,
            table: Weighted::new(words.iter().map(|w| w.1)),
        }
    }

    /// Draws a word.
    pub fn sample(&self, rng: &mut crate::rng::RowRng) -> &'static str {
        self.words[self.table.sample(rng)].0
    }
}

const CR_SURNAMES: &[(&str, u32)] = &[
    ("Rodríguez", 102),
    ("Vargas", 91),
    ("Jiménez", 60),
    ("Mora", 58),
    ("Rojas", 55),
    ("González", 50),
    ("Sánchez", 48),
    ("Hernández", 47),
    ("Alvarado", 45),
    ("Araya", 44),
    ("Solís", 40),
    ("Chaves", 38),
    ("Ramírez", 37),
    ("Castro", 36),
    ("Quesada", 30),
    ("Herrera", 30),
    ("Campos", 28),
    ("Arias", 28),
    ("Salazar", 27),
    ("Méndez", 25),
    ("Zúñiga", 24),
    ("Morales", 24),
    ("Villalobos", 22),
    ("Calderón", 20),
    ("Fernández", 20),
    ("Brenes", 19),
    ("Cordero", 18),
    ("Segura", 18),
    ("Ulate", 15),
    ("Monge", 15),
];
const MX_SURNAMES: &[(&str, u32)] = &[
    ("Hernández", 672),
    ("García", 459),
    ("Martínez", 447),
    ("López", 412),
    ("González", 353),
    ("Pérez", 300),
    ("Rodríguez", 290),
    ("Sánchez", 280),
    ("Ramírez", 270),
    ("Cruz", 230),
    ("Flores", 200),
    ("Gómez", 190),
    ("Morales", 170),
    ("Vázquez", 160),
    ("Reyes", 150),
    ("Jiménez", 140),
    ("Torres", 130),
    ("Díaz", 120),
    ("Gutiérrez", 110),
    ("Ruiz", 100),
];
const ES_SURNAMES: &[(&str, u32)] = &[
    ("García", 1450),
    ("Rodríguez", 927),
    ("González", 926),
    ("Fernández", 912),
    ("López", 870),
    ("Martínez", 830),
    ("Sánchez", 820),
    ("Pérez", 780),
    ("Gómez", 490),
    ("Martín", 480),
    ("Jiménez", 390),
    ("Ruiz", 340),
    ("Hernández", 330),
    ("Díaz", 320),
    ("Moreno", 300),
    ("Muñoz", 290),
    ("Álvarez", 280),
    ("Romero", 250),
];
const CO_SURNAMES: &[(&str, u32)] = &[
    ("Rodríguez", 345),
    ("Gómez", 250),
    ("González", 240),
    ("Martínez", 230),
    ("García", 220),
    ("López", 210),
    ("Hernández", 190),
    ("Sánchez", 180),
    ("Ramírez", 170),
    ("Pérez", 160),
    ("Díaz", 150),
    ("Muñoz", 140),
    ("Rojas", 130),
    ("Moreno", 120),
    ("Jiménez", 110),
    ("Vargas", 100),
    ("Castro", 90),
    ("Ortiz", 80),
];
const PA_SURNAMES: &[(&str, u32)] = &[
    ("González", 60),
    ("Rodríguez", 55),
    ("Sánchez", 45),
    ("Pérez", 40),
    ("Martínez", 38),
    ("Castillo", 30),
    ("Herrera", 28),
    ("Díaz", 26),
    ("Moreno", 24),
    ("Batista", 22),
    ("Vásquez", 20),
    ("Ríos", 18),
];
const GT_SURNAMES: &[(&str, u32)] = &[
    ("López", 60),
    ("García", 55),
    ("Pérez", 50),
    ("Hernández", 45),
    ("González", 42),
    ("Morales", 38),
    ("Rodríguez", 35),
    ("Ramírez", 32),
    ("Castillo", 28),
    ("Mejía", 25),
    ("Cruz", 22),
    ("Juárez", 20),
];
const US_SURNAMES: &[(&str, u32)] = &[
    ("Smith", 240),
    ("Johnson", 190),
    ("Williams", 160),
    ("Brown", 150),
    ("Jones", 150),
    ("Garcia", 130),
    ("Miller", 130),
    ("Davis", 120),
    ("Rodriguez", 110),
    ("Martinez", 110),
    ("Hernandez", 100),
    ("Lopez", 90),
    ("Gonzalez", 90),
    ("Wilson", 80),
    ("Anderson", 80),
    ("Thomas", 70),
    ("Taylor", 70),
    ("Moore", 60),
];

// Popular given names: Costa Rica TSE 2010 (Sebastián, Santiago, Jimena, Sofía, Valeria,
// Valentina, Matías), Mexico (Juan, Guadalupe), Spain INE (Antonio, Manuel, José, Francisco,
// David; María Carmen, María, Carmen, Ana María, Laura) — DOMAIN.md §6.
const FEMALE_ES: &[(&str, u32)] = &[
    ("María", 90),
    ("Sofía", 60),
    ("Valentina", 55),
    ("Valeria", 55),
    ("Jimena", 45),
    ("Camila", 45),
    ("Guadalupe", 40),
    ("Carmen", 40),
    ("Laura", 38),
    ("Ana", 38),
    ("Daniela", 36),
    ("Mariana", 34),
    ("Gabriela", 32),
    ("Fernanda", 30),
    ("Lucía", 30),
    ("Isabella", 28),
    ("Paula", 26),
    ("Andrea", 26),
    ("Natalia", 24),
    ("Ximena", 22),
    ("Carolina", 22),
    ("Alejandra", 20),
    ("Adriana", 18),
    ("Patricia", 18),
    ("María José", 30),
    ("Ana María", 20),
];
const MALE_ES: &[(&str, u32)] = &[
    ("José", 80),
    ("Juan", 70),
    ("Sebastián", 55),
    ("Santiago", 55),
    ("Matías", 45),
    ("Carlos", 45),
    ("Luis", 44),
    ("Antonio", 40),
    ("Manuel", 38),
    ("Francisco", 36),
    ("David", 36),
    ("Daniel", 34),
    ("Diego", 32),
    ("Alejandro", 32),
    ("Andrés", 30),
    ("Javier", 28),
    ("Miguel", 28),
    ("Jorge", 26),
    ("Gabriel", 24),
    ("Ricardo", 22),
    ("Fernando", 22),
    ("Pablo", 20),
    ("Esteban", 20),
    ("Mauricio", 18),
    ("Alonso", 16),
    ("Juan Pablo", 20),
];
const FEMALE_US: &[(&str, u32)] = &[
    ("Mary", 40),
    ("Jennifer", 35),
    ("Emily", 32),
    ("Jessica", 30),
    ("Sarah", 30),
    ("Ashley", 26),
    ("Olivia", 26),
    ("Emma", 24),
    ("Sophia", 22),
    ("Isabella", 20),
];
const MALE_US: &[(&str, u32)] = &[
    ("James", 40),
    ("Michael", 38),
    ("John", 35),
    ("Robert", 32),
    ("David", 30),
    ("William", 28),
    ("Daniel", 26),
    ("Christopher", 24),
    ("Matthew", 22),
    ("Anthony", 20),
];

/// Name lists for one country.
#[derive(Debug)]
pub struct CountryNames {
    /// Surnames.
    pub surnames: WordList,
    /// Female given names.
    pub female: WordList,
    /// Male given names.
    pub male: WordList,
    /// Whether people carry two surnames (father's, then mother's).
    pub double_surname: bool,
}

static NAMES: LazyLock<[CountryNames; 7]> = LazyLock::new(|| {
    let hispanic = |s| CountryNames {
        surnames: WordList::new(s),
        female: WordList::new(FEMALE_ES),
        male: WordList::new(MALE_ES),
        double_surname: true,
    };
    [
        hispanic(CR_SURNAMES),
        hispanic(MX_SURNAMES),
        hispanic(CO_SURNAMES),
        CountryNames {
            surnames: WordList::new(US_SURNAMES),
            female: WordList::new(FEMALE_US),
            male: WordList::new(MALE_US),
            double_surname: false,
        },
        hispanic(ES_SURNAMES),
        hispanic(PA_SURNAMES),
        hispanic(GT_SURNAMES),
    ]
});

/// The name lists for an ISO country code of the market catalog.
pub fn for_country(country_code: &str) -> &'static CountryNames {
    let i = match country_code {
        "CR" => 0,
        "MX" => 1,
        "CO" => 2,
        "US" => 3,
        "ES" => 4,
        "PA" => 5,
        _ => 6,
    };
    &NAMES[i]
}
