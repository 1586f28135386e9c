//! `sales.user_permissions`: per-subsystem roles (least privilege by user type).

use std::ops::Range;

use super::{admin, user_count, user_kind, UserKind};
use crate::gen::sales::users::user_created_at;
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// Permission ids are `user_id · 10 + k`.
pub const PERMISSION_ID_STRIDE: i64 = 10;

/// One grant.
#[derive(Debug)]
pub struct UserPermissionRow<'a> {
    /// Key.
    pub permission_id: i64,
    /// Grantee.
    pub user_id: i64,
    /// content, ads, crm or sales.
    pub subsystem: &'a str,
    /// read, write or admin.
    pub role: &'a str,
    /// Granted.
    pub granted_at: i64,
    /// Granting admin (none for the admins' own bootstrap grants).
    pub granted_by: Option<i64>,
    /// Revoked, if it was.
    pub revoked_at: Option<i64>,
}

/// Generator of `sales.user_permissions` (unit: user).
#[derive(Debug)]
pub struct UserPermissions;

const S: Stream = Stream::new("sales.user_permissions");

/// The grants of a user kind: (subsystem, role).
pub fn grants(kind: UserKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        UserKind::Admin => &[
            ("content", "admin"),
            ("ads", "admin"),
            ("crm", "admin"),
            ("sales", "admin"),
        ],
        UserKind::Marketer => &[
            ("content", "write"),
            ("ads", "write"),
            ("crm", "read"),
            ("sales", "read"),
        ],
        UserKind::SalesAgent => &[("ads", "read"), ("crm", "write"), ("sales", "write")],
        UserKind::Customer(_) => &[("sales", "read")],
    }
}

impl TableGen for UserPermissions {
    type Row<'a> = UserPermissionRow<'a>;

    fn units(world: &World) -> u64 {
        user_count(world)
    }

    fn unit_rows(world: &World, unit: u64) -> u64 {
        grants(user_kind(world, unit as i64 + 1)).len() as u64
    }

    fn generate<F: FnMut(&UserPermissionRow<'_>)>(world: &World, units: Range<u64>, mut emit: F) {
        for u in units {
            let user_id = u as i64 + 1;
            let kind = user_kind(world, user_id);
            let created = user_created_at(world, user_id);
            let mut rng = S.rng(world.config.seed, user_id as u64);
            for (k, &(subsystem, role)) in grants(kind).iter().enumerate() {
                let granted_at = created + 3600 + k as i64 * 60;
                let revoked = role == "write" && rng.chance(0.03);
                emit(&UserPermissionRow {
                    permission_id: user_id * PERMISSION_ID_STRIDE + k as i64 + 1,
                    user_id,
                    subsystem,
                    role,
                    granted_at,
                    granted_by: if kind == UserKind::Admin {
                        None
                    } else {
                        Some(admin(world, user_id as u64))
                    },
                    revoked_at: revoked.then(|| granted_at + rng.between(30, 300) * super::DAY),
                });
            }
        }
    }
}
