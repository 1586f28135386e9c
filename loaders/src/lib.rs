//! # promptsales-loaders
//!
//! Thin bulk loaders that put what `promptsales-core` generates into databases, using each
//! engine's bulk path: PostgreSQL binary `COPY` ([`postgres`]), SQL Server TDS bulk load
//! ([`mssql`]), MongoDB unordered `insert_many`
//! ([`mongo`]), a pgvector HNSW index over binary `COPY` ([`pgvector`]), Pinecone's REST
//! upsert ([`pinecone`]) and the Redis cache warm-up ([`redis`]). They share one shape
//! ([`common`]): `--if-exists` modes, a [`Source`], per-table results and progress callbacks.
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
pub mod mongo;
pub mod mssql;
pub mod pgvector;
pub mod pinecone;
pub mod postgres;
pub mod redis;

pub use common::{IfExists, LoadProgress, Quiet, Source, TableLoad};
pub use error::{Error, Result};
