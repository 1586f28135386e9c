//! # promptsales-core
//!
//! Deterministic, coherent synthetic data for the PromptSales ecosystem: the PromptAds and
//! PromptCrm stores (and, with later modules, PromptContent and the PromptSales portal) generated
//! from one seed so that every store tells the same story down to the cent.
//!
//! Layers point one way: [`catalog`] and [`rng`] → [`world`] (the shared plan) → [`gen`] (pure
//! rows) → [`columnar`] (Arrow) → [`sink`] (files) → [`verify`]. The [`registry`] lists every
//! table once.
//!
//! ```
//! use promptsales_core::{Config, World, registry};
//!
//! let config = Config { scale: 0.002, ..Config::default() };
//! let world = World::new(&config);
//! let campaigns = registry::table("ads.campaigns")?;
//! let batch = campaigns.batch(&world, 0..campaigns.units(&world))?;
//! assert_eq!(batch.num_rows(), 2);
//! # Ok::<(), promptsales_core::Error>(())
//! ```

pub mod catalog;
pub mod clock;
pub mod columnar;
pub mod config;
pub mod delta;
pub mod doc;
pub mod error;
pub mod gen;
pub mod registry;
pub mod rng;
pub mod sink;
pub mod stream;
pub mod verify;
pub mod world;

pub use config::{Compression, Config, Format, Partition, Store};
pub use error::{Error, Result};
pub use world::World;
