//! # promptsales-loaders
//!
//! Thin bulk loaders that put what `promptsales-core` generates into databases, using each
//! engine's bulk path: PostgreSQL binary `COPY` ([`postgres`]) and a pgvector HNSW index over
//! binary `COPY` ([`pgvector`]) always; with the cargo feature `drivers`, also SQL Server TDS
//! bulk load (`mssql`), MongoDB unordered `insert_many` (`mongo`), Pinecone's REST upsert
//! (`pinecone`) and the Redis cache warm-up (`redis`) — their async clients and TLS stacks are
//! most of a clean release build, so a build that only generates and loads PostgreSQL skips
//! them. They share one shape ([`common`]): `--if-exists` modes, a [`Source`], per-table
//! results and progress callbacks.
//!
//! ```no_run
//! use promptsales_core::{Config, Store, World};
//! use promptsales_loaders::postgres::{self, IfExists, Quiet, Source};
//!
//! let world = World::new(&Config { scale: 0.01, ..Config::default() });
//! let mut client = postgres::connect("postgresql://postgres@localhost:5432/postgres")?;
//! let report = postgres::load(&mut client, &[Store::Sales], Source::Generate(&world), IfExists::Fail, &Quiet)?;
//! println!("{} rows", report.rows());
//! # Ok::<(), promptsales_loaders::Error>(())
//! ```

pub mod common;
pub mod error;
#[cfg(feature = "drivers")]
pub mod mongo;
#[cfg(feature = "drivers")]
pub mod mssql;
pub mod pgvector;
#[cfg(feature = "drivers")]
pub mod pinecone;
pub mod postgres;
#[cfg(feature = "drivers")]
pub mod redis;

pub use common::{IfExists, LoadProgress, Quiet, Source, TableLoad};
pub use error::{Error, Result};
