//! # promptsales-loaders
//!
//! Thin bulk loaders that put what `promptsales-core` generates into databases, using each
//! engine's bulk path: PostgreSQL binary `COPY` ([`postgres`]) and SQL Server TDS bulk load
//! ([`mssql`]).
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

pub mod error;
pub mod mssql;
pub mod postgres;

pub use error::{Error, Result};
