//! `sales.users`: portal accounts (admins, marketers, sales agents, customers).

use std::fmt::Write;
use std::ops::Range;

use super::{at, user_count, user_kind, UserKind};
use crate::catalog::calendar::WINDOW_START;
use crate::catalog::fold_ascii;
use crate::catalog::markets::MARKETS;
use crate::catalog::names;
use crate::gen::ads::brands::brand_name;
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// One user.
#[derive(Debug)]
pub struct UserRow<'a> {
    /// Key.
    pub user_id: i64,
    /// Login e-mail (unique).
    pub email: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Phone.
    pub phone: &'a str,
    /// Placeholder (never a real hash; SSO accounts have no local password).
    pub password_hash: &'a str,
    /// customer, admin, marketer or sales_agent.
    pub user_type: &'a str,
    /// Brand of a customer account.
    pub brand_id: Option<i64>,
    /// IANA time zone.
    pub timezone: &'a str,
    /// Whether the account can log in.
    pub is_active: bool,
    /// Created.
    pub created_at: i64,
    /// Last updated.
    pub updated_at: i64,
}

/// Generator of `sales.users` (unit: user).
#[derive(Debug)]
pub struct Users;

const S_USER: Stream = Stream::new("sales.users");

fn timezone(country_code: &str) -> &'static str {
    match country_code {
        "MX" => "America/Mexico_City",
        "CO" => "America/Bogota",
        "US" => "America/New_York",
        "ES" => "Europe/Madrid",
        "PA" => "America/Panama",
        "GT" => "America/Guatemala",
        _ => "America/Costa_Rica",
    }
}

/// When user `user_id` was created (staff before the window, customers around their first work).
pub fn user_created_at(world: &World, user_id: i64) -> i64 {
    let mut rng = S_USER.rng(world.config.seed, user_id as u64 ^ 0xc7);
    let day = match user_kind(world, user_id) {
        UserKind::Customer(_) => WINDOW_START - 60 + rng.between(0, 40) as i32,
        _ => WINDOW_START - 200 + rng.between(0, 150) as i32,
    };
    at(day, rng.between(8 * 3600, 18 * 3600))
}

impl TableGen for Users {
    type Row<'a> = UserRow<'a>;

    fn units(world: &World) -> u64 {
        user_count(world)
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&UserRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let (mut email, mut name, mut phone, mut hash, mut folded) = (
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        );
        for u in units {
            let user_id = u as i64 + 1;
            let kind = user_kind(world, user_id);
            let mut rng = S_USER.rng(world.config.seed, user_id as u64);
            let country = match kind {
                UserKind::Customer(b) => {
                    MARKETS[World::brand_country_market(world.config.seed, b)].country_code
                }
                _ => "CR",
            };
            let n = names::for_country(country);
            let first = if rng.chance(0.5) {
                n.female.sample(&mut rng)
            } else {
                n.male.sample(&mut rng)
            };
            let last = n.surnames.sample(&mut rng);
            name.clear();
            let _ = write!(name, "{first} {last}");
            folded.clear();
            fold_ascii(&format!("{first}.{last}"), &mut folded);
            folded.retain(|c| c.is_ascii_alphanumeric() || c == '.');
            email.clear();
            match kind {
                UserKind::Customer(b) => {
                    let mut brand = String::new();
                    brand_name(world, b, &mut brand);
                    let mut site = String::new();
                    fold_ascii(&brand, &mut site);
                    site.retain(|c| c.is_ascii_alphanumeric());
                    let _ = write!(email, "{folded}.{user_id}@{site}.example");
                }
                _ => {
                    let _ = write!(email, "{folded}.{user_id}@promptsales.example");
                }
            }
            email.make_ascii_lowercase();
            phone.clear();
            let _ = write!(
                phone,
                "+506 8{:03}-{:04}",
                rng.between(300, 999),
                rng.between(0, 9999)
            );
            hash.clear();
            let _ = write!(hash, "placeholder-not-a-hash-{user_id}");
            let created_at = user_created_at(world, user_id);
            emit(&UserRow {
                user_id,
                email: &email,
                name: &name,
                phone: &phone,
                password_hash: &hash,
                user_type: kind.name(),
                brand_id: match kind {
                    UserKind::Customer(b) => Some(b),
                    _ => None,
                },
                timezone: timezone(country),
                is_active: !rng.chance(0.03),
                created_at,
                updated_at: created_at + rng.between(0, 200) * super::DAY,
            });
        }
    }
}
