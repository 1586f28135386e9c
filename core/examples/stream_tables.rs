//! Generates tables as in-memory Arrow batches (no files) and prints one JSON line per run:
//! the Rust side of `benches/python_vs_rust.py`, doing exactly what `promptsales.table(...)`
//! does for a Python consumer (the same lazy `TableStream`, batches kept in memory as
//! `pyarrow.table` keeps them).
//!
//! `cargo run --release -p promptsales-core --example stream_tables -- [--scale S] [--seed N]
//! [--stores crm] [--repeat R]`

use std::sync::Arc;
use std::time::Instant;

use promptsales_core::config::{validate_scale, validate_seed, Store};
use promptsales_core::stream::TableStream;
use promptsales_core::{registry, Config, Partition, World};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut scale = 1.0;
    let mut seed = 42;
    let mut stores = vec![Store::Crm];
    let mut repeat = 1;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag}: missing value"))?;
        match flag.as_str() {
            "--scale" => scale = validate_scale(value.parse()?)?,
            "--seed" => seed = validate_seed(value.parse()?)?,
            "--stores" => stores = value.split(',').map(str::parse).collect::<Result<_, _>>()?,
            "--repeat" => repeat = value.parse::<u32>()?.max(1),
            _ => return Err(format!("unknown flag {flag}").into()),
        }
    }
    for run in 1..=repeat {
        let started = Instant::now();
        let world = Arc::new(World::new(&Config {
            seed,
            scale,
            ..Config::default()
        }));
        let mut rows = 0;
        let mut kept = Vec::new();
        for table in registry::tables_of(&stores) {
            let batches = TableStream::new(world.clone(), table, Partition::default())
                .collect::<Result<Vec<_>, _>>()?;
            rows += batches.iter().map(|b| b.num_rows()).sum::<usize>();
            kept.push(batches);
        }
        let seconds = started.elapsed().as_secs_f64();
        drop(kept);
        println!(
            "{{\"run\": {run}, \"scale\": {scale}, \"seed\": {seed}, \"rows\": {rows}, \"seconds\": {seconds:.4}, \"threads\": {}}}",
            rayon::current_num_threads()
        );
    }
    Ok(())
}
