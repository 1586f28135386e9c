//! `content.credentials`: one encrypted credential per environment variable of each service.
//! The "ciphertext" is an obviously fake placeholder that names what it stands for; the real
//! value is read at run time from the environment variable in `source`. Rotation every 90 days
//! (assumption, a common policy).

use std::ops::Range;

use crate::catalog::calendar::AS_OF;
use crate::doc::{Document, Value};
use crate::gen::content::services::SERVICES;
use crate::gen::content::{millis, object_id, DocGen, Index};
use crate::gen::TableGen;
use crate::rng::Stream;
use crate::world::World;

/// Days between rotations.
pub const ROTATION_DAYS: i32 = 90;
/// Prefix of every placeholder ciphertext.
pub const PLACEHOLDER: &str = "PLACEHOLDER-NOT-A-SECRET";

/// One credential.
#[derive(Debug)]
pub struct CredentialRow {
    /// Key (1-based).
    pub credential_id: i64,
    /// MongoDB `_id`.
    pub object_id: [u8; 12],
    /// Service key.
    pub service: &'static str,
    /// Service id in `services`.
    pub service_id: i64,
    /// Environment variable holding the real value.
    pub env_var: &'static str,
    /// Last rotation (epoch day).
    pub rotated_on: i32,
}

/// Generator of `content.credentials` (unit: credential).
#[derive(Debug)]
pub struct Credentials;

const S_CRED: Stream = Stream::new("content.credentials");

fn all() -> impl Iterator<Item = (usize, &'static str)> {
    SERVICES
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.env.iter().map(move |e| (i, *e)))
}

fn kind(env: &str) -> &'static str {
    if env.ends_with("CLIENT_ID") {
        "oauth_client_id"
    } else if env.ends_with("CLIENT_SECRET") {
        "oauth_client_secret"
    } else if env.ends_with("REFRESH_TOKEN") {
        "oauth_refresh_token"
    } else if env.ends_with("HOST") {
        "endpoint"
    } else {
        "api_key"
    }
}

impl TableGen for Credentials {
    type Row<'a> = CredentialRow;

    fn units(_: &World) -> u64 {
        all().count() as u64
    }

    fn unit_rows(_: &World, _: u64) -> u64 {
        1
    }

    fn generate<F: FnMut(&CredentialRow)>(world: &World, units: Range<u64>, mut emit: F) {
        let seed = world.config.seed;
        for (k, (service, env_var)) in all()
            .enumerate()
            .skip(units.start as usize)
            .take((units.end - units.start) as usize)
        {
            let id = k as i64 + 1;
            let rotated_on = AS_OF - (S_CRED.hash(seed, id as u64) % ROTATION_DAYS as u64) as i32;
            emit(&CredentialRow {
                credential_id: id,
                object_id: object_id(
                    seed,
                    "credentials",
                    i64::from(rotated_on) * 86_400,
                    id as u64,
                ),
                service: SERVICES[service].key,
                service_id: service as i64 + 1,
                env_var,
                rotated_on,
            });
        }
    }
}

impl DocGen for Credentials {
    const INDEXES: &'static [Index] = &[Index {
        name: "service_1",
        keys: &[("service", 1)],
        unique: false,
    }];

    fn document(r: &CredentialRow) -> Document {
        let label = r.env_var.to_ascii_lowercase();
        crate::doc! {
            "_id" => Value::Oid(r.object_id),
            "credential_id" => Value::I64(r.credential_id),
            "service" => r.service,
            "service_id" => Value::I64(r.service_id),
            "kind" => kind(r.env_var),
            "source" => format!("env:{}", r.env_var),
            "encrypted_value" => format!("{PLACEHOLDER}:{}:{label}", r.service),
            "encryption" => crate::doc! {
                "algorithm" => "AES-256-GCM",
                "key_wrapping" => "RSA-OAEP-256 with the X.509 certificate below",
                "certificate_subject" => "CN=promptcontent-credentials, O=PromptSales (placeholder)",
                "certificate_thumbprint" => "placeholder-thumbprint",
            },
            "rotation" => crate::doc! {
                "every_days" => Value::I32(ROTATION_DAYS),
                "last_rotated_at" => Value::Date(millis(r.rotated_on, 3 * 3600)),
                "next_rotation_at" => Value::Date(millis(r.rotated_on + ROTATION_DAYS, 3 * 3600)),
            },
            "status" => "active",
        }
    }
}
