//! `crm.clients`: people with double surnames, per-country national ids, phones and emails,
//! living near their market's city (DOMAIN.md §6).
//!
//! Uniqueness is by construction: national-id serials and email numbers are a keyed
//! permutation of the client id, so no two clients share them whatever the partitioning.

use std::fmt::Write;
use std::ops::Range;

use crate::catalog::calendar::{self, WINDOW_START};
use crate::catalog::markets::{mexico_state_code, Market, CITY_RADIUS_KM, MARKETS};
use crate::catalog::vocab::EMAIL_DOMAINS;
use crate::catalog::{fold_ascii, names};
use crate::gen::TableGen;
use crate::rng::{Permutation, RowRng, Stream};
use crate::world::World;

/// One client.
#[derive(Debug)]
pub struct ClientRow<'a> {
    /// Key.
    pub client_id: i64,
    /// National id in its country's format.
    pub national_id: &'a str,
    /// CEDULA, DIMEX, CURP, CC, SSN, DNI, CEDULA_PA or DPI.
    pub id_type: &'a str,
    /// Given name(s).
    pub first_name: &'a str,
    /// First (paternal) surname.
    pub last_name: &'a str,
    /// Second (maternal) surname; null where people carry one surname.
    pub second_last_name: Option<&'a str>,
    /// Unique email.
    pub email: &'a str,
    /// E.164 phone.
    pub phone: &'a str,
    /// Birth date.
    pub birth_date: i32,
    /// F or M.
    pub gender: &'a str,
    /// ISO alpha-2.
    pub country_code: &'a str,
    /// City (a market).
    pub city: &'a str,
    /// Home latitude (within 15 km of the city centre).
    pub latitude: f64,
    /// Home longitude.
    pub longitude: f64,
    /// When the CRM record was created (before the window).
    pub created_at: i64,
}

/// Generator of `crm.clients` (unit: client).
#[derive(Debug)]
pub struct Clients;

const S_PERSON: Stream = Stream::new("crm.clients.person");
const S_SERIAL: Stream = Stream::new("crm.clients.national_id");
const S_EMAIL: Stream = Stream::new("crm.clients.email");

/// National-id serials are 8 digits: at most 10^8 clients (scale ≤ 200).
pub const SERIAL_SPACE: u64 = 100_000_000;

/// Reusable buffers for one thread's client rows.
#[derive(Debug, Default)]
pub struct ClientScratch {
    national_id: String,
    email: String,
    phone: String,
}

const SPANISH_DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
const CURP_CONSONANTS: &[u8; 21] = b"BCDFGHJKLMNPQRSTVWXYZ";

fn first_letter_upper(s: &str) -> char {
    let mut f = String::new();
    fold_ascii(s, &mut f);
    f.chars().next().unwrap_or('X').to_ascii_uppercase()
}

fn first_inner_vowel(s: &str) -> char {
    let mut f = String::new();
    fold_ascii(s, &mut f);
    f.chars()
        .skip(1)
        .find(|c| "aeiou".contains(*c))
        .unwrap_or('x')
        .to_ascii_uppercase()
}

/// Writes the national id of a client; returns its type.
#[allow(clippy::too_many_arguments)]
fn national_id(
    out: &mut String,
    market: &Market,
    serial: u64,
    rng: &mut RowRng,
    first: &str,
    last: &str,
    second: Option<&str>,
    birth: chrono::NaiveDate,
    female: bool,
) -> &'static str {
    out.clear();
    match market.country_code {
        "CR" => {
            // DIMEX for foreign residents (≈7%, assumption): 12 digits starting with 1.
            if rng.chance(0.07) {
                let _ = write!(out, "1{:03}{serial:08}", 100 + rng.index(900));
                "DIMEX"
            } else {
                // Cédula física: province digit 1–7 then 8 digits (DOMAIN.md §6); most people
                // live in the province they were born in.
                let province = if rng.chance(0.85) {
                    market.region as usize
                } else {
                    1 + rng.index(7)
                };
                let _ = write!(out, "{province}{serial:08}");
                "CEDULA"
            }
        }
        "MX" => {
            // CURP: 4 name letters, birth date, sex, state, 3 consonants, differentiator, check.
            use chrono::Datelike;
            out.push(first_letter_upper(last));
            out.push(first_inner_vowel(last));
            out.push(second.map(first_letter_upper).unwrap_or('X'));
            out.push(first_letter_upper(first));
            let _ = write!(
                out,
                "{:02}{:02}{:02}",
                birth.year() % 100,
                birth.month(),
                birth.day()
            );
            out.push(if female { 'M' } else { 'H' });
            out.push_str(mexico_state_code(market.region));
            let s = serial % (21 * 21 * 21 * 10);
            out.push(CURP_CONSONANTS[(s % 21) as usize] as char);
            out.push(CURP_CONSONANTS[(s / 21 % 21) as usize] as char);
            out.push(CURP_CONSONANTS[(s / 441 % 21) as usize] as char);
            let diff = (s / 9261) as u8;
            out.push(if birth.year() >= 2000 {
                (b'A' + diff) as char
            } else {
                (b'0' + diff) as char
            });
            out.push((b'0' + (serial / 92_610 % 10) as u8) as char);
            "CURP"
        }
        "CO" => {
            let _ = write!(out, "10{serial:08}");
            "CC"
        }
        "US" => {
            // Area 100–201, group 01–99, serial 0001–9999: never 000, 666 or 9xx.
            let block = 99 * 9999;
            let (area, r) = (100 + serial / block, serial % block);
            let _ = write!(out, "{area:03}-{:02}-{:04}", 1 + r / 9999, 1 + r % 9999);
            "SSN"
        }
        "ES" => {
            let _ = write!(
                out,
                "{serial:08}{}",
                SPANISH_DNI_LETTERS[(serial % 23) as usize] as char
            );
            "DNI"
        }
        "PA" => {
            let _ = write!(
                out,
                "{}-{}-{}",
                market.region,
                serial / 10_000,
                serial % 10_000
            );
            "CEDULA_PA"
        }
        _ => {
            // Guatemala DPI/CUI: 8-digit serial, 1 check digit, department, municipality.
            let digits: Vec<u64> = format!("{serial:08}")
                .bytes()
                .map(|b| u64::from(b - b'0'))
                .collect();
            let check = digits
                .iter()
                .enumerate()
                .map(|(i, d)| d * (i as u64 + 2))
                .sum::<u64>()
                % 11
                % 10;
            let _ = write!(out, "{serial:08}{check}{:02}01", market.region);
            "DPI"
        }
    }
}

/// Writes an E.164 phone for the market's country (DOMAIN.md §6 for Costa Rica; national
/// numbering plans elsewhere).
fn phone(out: &mut String, market: &Market, rng: &mut RowRng) {
    out.clear();
    match market.country_code {
        "CR" => {
            if rng.chance(0.2) {
                let _ = write!(out, "+5062{:07}", rng.index(10_000_000));
            } else {
                let prefix = [
                    "60", "61", "62", "63", "64", "70", "71", "72", "73", "83", "84", "85", "86",
                    "87", "88", "89",
                ][rng.index(16)];
                let _ = write!(out, "+506{prefix}{:06}", rng.index(1_000_000));
            }
        }
        "MX" => {
            let area = match market.city {
                "Mexico City" => "55",
                "Guadalajara" => "33",
                "Monterrey" => "81",
                "Puebla" => "222",
                _ => "998",
            };
            let rest = 10 - area.len();
            let _ = write!(
                out,
                "+52{area}{:0rest$}",
                rng.index(10usize.pow(rest as u32))
            );
        }
        "CO" => {
            let _ = write!(
                out,
                "+573{:02}{:07}",
                [0, 1, 2, 10, 11, 13, 14, 15, 16, 20, 50][rng.index(11)],
                rng.index(10_000_000)
            );
        }
        "US" => {
            let area = match market.city {
                "New York" => ["212", "646", "917"][rng.index(3)],
                "Miami" => ["305", "786"][rng.index(2)],
                "Los Angeles" => ["213", "310", "323"][rng.index(3)],
                _ => ["713", "832"][rng.index(2)],
            };
            let _ = write!(
                out,
                "+1{area}{}{:02}{:04}",
                2 + rng.index(8),
                rng.index(100),
                rng.index(10_000)
            );
        }
        "ES" => {
            let _ = write!(out, "+34{}{:08}", 6 + rng.index(2), rng.index(100_000_000));
        }
        "PA" => {
            let _ = write!(out, "+5076{:07}", rng.index(10_000_000));
        }
        _ => {
            let _ = write!(out, "+502{}{:07}", 3 + rng.index(3), rng.index(10_000_000));
        }
    }
}

/// Age bands (years) and weights, percent (assumption: online shoppers skew 25–44).
const AGE_BANDS: [(i64, i64, u32); 6] = [
    (18, 24, 15),
    (25, 34, 28),
    (35, 44, 24),
    (45, 54, 17),
    (55, 64, 10),
    (65, 75, 6),
];

/// Degrees per km of latitude.
const KM_PER_DEGREE: f64 = 111.32;

/// Generates client `client_id` into `scratch` and hands the row to `emit`.
pub fn client<F: FnMut(&ClientRow<'_>)>(
    world: &World,
    serials: &Permutation,
    emails: &Permutation,
    client_id: i64,
    scratch: &mut ClientScratch,
    emit: &mut F,
) {
    let market = &MARKETS[world.slots.market_of(client_id)];
    let mut rng = S_PERSON.rng(world.config.seed, client_id as u64);
    let people = names::for_country(market.country_code);
    let female = rng.chance(0.52);
    let first = if female {
        people.female.sample(&mut rng)
    } else {
        people.male.sample(&mut rng)
    };
    let last = people.surnames.sample(&mut rng);
    let second = people
        .double_surname
        .then(|| people.surnames.sample(&mut rng));

    let band = AGE_BANDS[rng.pick_cumulative(&[15, 43, 67, 84, 94, 100])];
    // Whole years of 365.25 days, so an 18-year-old is 18 whatever the leap days.
    let age_days = rng.between(
        (band.0 as f64 * 365.25).ceil() as i64 + 1,
        ((band.1 + 1) as f64 * 365.25).floor() as i64 - 1,
    );
    let birth_date = calendar::AS_OF - age_days as i32;
    let birth = calendar::date(birth_date);

    let serial = serials.apply(client_id as u64 - 1);
    let id_type = national_id(
        &mut scratch.national_id,
        market,
        serial,
        &mut rng,
        first,
        last,
        second,
        birth,
        female,
    );
    phone(&mut scratch.phone, market, &mut rng);

    scratch.email.clear();
    let style = rng.index(3);
    fold_ascii(first, &mut scratch.email);
    if style == 0 {
        scratch.email.truncate(1);
    }
    if style != 2 {
        scratch.email.push('.');
    }
    fold_ascii(last, &mut scratch.email);
    let domain = EMAIL_DOMAINS[rng.pick_cumulative(&[55, 73, 83, 92, 97, 100])].0;
    let _ = write!(
        scratch.email,
        "{}@{domain}",
        emails.apply(client_id as u64 - 1)
    );

    // Uniform in a disc of CITY_RADIUS_KM around the centre, rounded to 6 decimals (~0.1 m).
    let r = CITY_RADIUS_KM * rng.unit().sqrt();
    let theta = std::f64::consts::TAU * rng.unit();
    let lat = market.latitude + r * theta.sin() / KM_PER_DEGREE;
    let lon =
        market.longitude + r * theta.cos() / (KM_PER_DEGREE * market.latitude.to_radians().cos());
    let round6 = |x: f64| (x * 1e6).round() / 1e6;

    let created_from = i64::from(calendar::ymd(2018, 1, 1)) * 86_400;
    let created_to = i64::from(WINDOW_START) * 86_400 - 1;
    let created_at = rng.between(created_from, created_to);

    emit(&ClientRow {
        client_id,
        national_id: &scratch.national_id,
        id_type,
        first_name: first,
        last_name: last,
        second_last_name: second,
        email: &scratch.email,
        phone: &scratch.phone,
        birth_date,
        gender: if female { "F" } else { "M" },
        country_code: market.country_code,
        city: market.city,
        latitude: round6(lat),
        longitude: round6(lon),
        created_at,
    });
}

/// The serial and email permutations of a world.
pub fn permutations(world: &World) -> (Permutation, Permutation) {
    (
        Permutation::new(SERIAL_SPACE, world.config.seed, S_SERIAL),
        Permutation::new(
            world.counts.clients.max(1000) * 10,
            world.config.seed,
            S_EMAIL,
        ),
    )
}

impl TableGen for Clients {
    type Row<'a> = ClientRow<'a>;

    fn units(world: &World) -> u64 {
        world.counts.clients
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&ClientRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let (serials, emails) = permutations(world);
        let mut scratch = ClientScratch::default();
        for u in units {
            client(
                world,
                &serials,
                &emails,
                u as i64 + 1,
                &mut scratch,
                &mut emit,
            );
        }
    }
}
