//! `sales.system_logs`: the portal's audit trail per user.

use std::fmt::Write;
use std::ops::Range;

use super::{at, user_count};
use crate::catalog::calendar::{AS_OF, WINDOW_START};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// (event_type, severity, description).
const EVENTS: [(&str, &str, &str); 6] = [
    ("login", "info", "User signed in"),
    ("logout", "info", "User signed out"),
    ("campaign_create", "info", "Campaign draft created"),
    ("approval", "info", "Approval decision recorded"),
    ("budget_change", "warning", "Campaign budget changed"),
    ("permission_grant", "info", "Permission granted"),
];

/// One event.
#[derive(Debug)]
pub struct SystemLogRow<'a> {
    /// Key: `user_id · 100 + k`.
    pub log_id: i64,
    /// Actor.
    pub user_id: i64,
    /// Event.
    pub event_type: &'a str,
    /// info, warning, error or critical.
    pub severity: &'a str,
    /// Text.
    pub description: &'a str,
    /// Client address (documentation range).
    pub ip_address: &'a str,
    /// When.
    pub created_at: i64,
}

/// Generator of `sales.system_logs` (unit: user).
#[derive(Debug)]
pub struct SystemLogs;

const S: Stream = Stream::new("sales.system_logs");

fn events(world: &World, user_id: i64) -> i64 {
    S.rng(world.config.seed, user_id as u64 ^ 0xe7)
        .between(2, 8)
}

impl TableGen for SystemLogs {
    type Row<'a> = SystemLogRow<'a>;

    fn units(world: &World) -> u64 {
        user_count(world)
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        events(world, unit as i64 + 1) as u64
    }

    fn generate<F: FnMut(&SystemLogRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        let mut ip = String::new();
        for u in units {
            let user_id = u as i64 + 1;
            let mut rng = S.rng(world.config.seed, user_id as u64);
            for k in 1..=events(world, user_id) {
                let (event_type, severity, description) = EVENTS[rng.index(EVENTS.len())];
                ip.clear();
                let _ = write!(ip, "198.51.100.{}", rng.between(1, 254));
                let day = rng.between(i64::from(WINDOW_START), i64::from(AS_OF)) as i32;
                emit(&SystemLogRow {
                    log_id: user_id * 100 + k,
                    user_id,
                    event_type,
                    severity,
                    description,
                    ip_address: &ip,
                    created_at: at(day, rng.between(0, 86_399)),
                });
            }
        }
    }
}
