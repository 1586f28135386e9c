//! `sales.user_sessions`: SSO logins.

use std::fmt::Write;
use std::ops::Range;

use super::{at, user_count, user_kind, UserKind};
use crate::catalog::calendar::{AS_OF, WINDOW_START};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// Session ids are `user_id · SESSION_ID_STRIDE + k`.
pub const SESSION_ID_STRIDE: i64 = 100;

/// One session.
#[derive(Debug)]
pub struct UserSessionRow<'a> {
    /// Key.
    pub session_id: i64,
    /// User.
    pub user_id: i64,
    /// Google, Microsoft, LinkedIn, or none (password + MFA).
    pub oauth_provider: Option<&'a str>,
    /// Whether MFA was used.
    pub mfa_enabled: bool,
    /// Login.
    pub login_at: i64,
    /// Expiry (8 hours later).
    pub expires_at: i64,
    /// Client address (documentation range 203.0.113.0/24).
    pub ip_address: &'a str,
    /// Browser.
    pub user_agent: &'a str,
    /// desktop, mobile or tablet.
    pub device_type: &'a str,
}

/// Generator of `sales.user_sessions` (unit: user).
#[derive(Debug)]
pub struct UserSessions;

const S: Stream = Stream::new("sales.user_sessions");
const OAUTH: [Option<&str>; 4] = [Some("Google"), Some("Microsoft"), Some("LinkedIn"), None];
const AGENTS: [&str; 4] = ["Chrome 129", "Firefox 131", "Safari 18", "Edge 129"];
const DEVICES: [&str; 3] = ["desktop", "mobile", "tablet"];

fn sessions(world: &World, user_id: i64) -> i64 {
    let mut rng = S.rng(world.config.seed, user_id as u64 ^ 0x5e55);
    match user_kind(world, user_id) {
        UserKind::Admin => rng.between(6, 15),
        UserKind::Marketer | UserKind::SalesAgent => rng.between(4, 12),
        UserKind::Customer(_) => rng.between(1, 5),
    }
}

impl TableGen for UserSessions {
    type Row<'a> = UserSessionRow<'a>;

    fn units(world: &World) -> u64 {
        user_count(world)
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        sessions(world, unit as i64 + 1) as u64
    }

    fn generate<F: FnMut(&UserSessionRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let mut ip = String::new();
        for u in units {
            let user_id = u as i64 + 1;
            let admin = user_kind(world, user_id) == UserKind::Admin;
            let mut rng = S.rng(world.config.seed, user_id as u64);
            for k in 1..=sessions(world, user_id) {
                let day = rng.between(i64::from(WINDOW_START), i64::from(AS_OF)) as i32;
                let login_at = at(day, rng.between(7 * 3600, 20 * 3600));
                ip.clear();
                let _ = write!(ip, "203.0.113.{}", rng.between(1, 254));
                emit(&UserSessionRow {
                    session_id: user_id * SESSION_ID_STRIDE + k,
                    user_id,
                    oauth_provider: OAUTH[rng.index(OAUTH.len())],
                    mfa_enabled: admin || rng.chance(0.4),
                    login_at,
                    expires_at: login_at + 8 * 3600,
                    ip_address: &ip,
                    user_agent: AGENTS[rng.index(AGENTS.len())],
                    device_type: DEVICES[rng.index(DEVICES.len())],
                });
            }
        }
    }
}
