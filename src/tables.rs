//! `promptsales tables`: every table with its exact row count at a scale, as text or JSON
//! (`--json`, what the README's table is generated from), and with `--bytes` the estimated
//! output size per format.

use anyhow::Result;
use promptsales_core::config::Format;
use promptsales_core::registry;
use promptsales_core::sink::estimate_bytes;
use promptsales_core::World;
use serde_json::json;

/// Prints the list.
pub fn run(world: &World, as_json: bool, bytes: bool) -> Result<()> {
    let mut rows_total = 0u64;
    let mut list = Vec::new();
    for t in registry::TABLES.iter() {
        let rows = t.count(world, 0..t.units(world));
        rows_total += rows;
        let mut sizes = Vec::new();
        if bytes {
            for f in Format::ALL {
                if let Some(b) = estimate_bytes(world, t, f, rows)? {
                    sizes.push((f, b));
                }
            }
        }
        list.push((t, rows, sizes));
    }
    if as_json {
        let tables: Vec<_> = list
            .iter()
            .map(|(t, rows, sizes)| {
                let mut v = json!({
                    "table": t.qualified_name(),
                    "store": t.store.name(),
                    "rows": rows,
                    "unit": t.unit,
                    "sizing": t.sizing,
                    "formats": t.formats.iter().map(|f| f.extension()).collect::<Vec<_>>(),
                });
                if bytes {
                    v["estimated_bytes"] = sizes
                        .iter()
                        .map(|(f, b)| (f.extension().to_string(), json!(b)))
                        .collect::<serde_json::Map<_, _>>()
                        .into();
                }
                v
            })
            .collect();
        let out = json!({
            "seed": world.config.seed,
            "scale": world.config.scale,
            "total_rows": rows_total,
            "tables": tables,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if bytes {
        println!(
            "{:<34} {:>12} {:>10} {:>10} {:>10} {:>10}",
            "table", "rows", "parquet", "csv", "bson", "jsonl"
        );
    } else {
        println!("{:<34} {:>12} {:<10} sizing", "table", "rows", "unit");
    }
    let mut per_format = [0u64; 4];
    for (t, rows, sizes) in &list {
        if bytes {
            let cell = |f: Format| {
                sizes
                    .iter()
                    .find(|(g, _)| *g == f)
                    .map(|(_, b)| human(*b))
                    .unwrap_or_else(|| "-".into())
            };
            for (i, f) in Format::ALL.iter().enumerate() {
                per_format[i] += sizes
                    .iter()
                    .find(|(g, _)| g == f)
                    .map(|(_, b)| *b)
                    .unwrap_or(0);
            }
            println!(
                "{:<34} {:>12} {:>10} {:>10} {:>10} {:>10}",
                t.qualified_name(),
                rows,
                cell(Format::Parquet),
                cell(Format::Csv),
                cell(Format::Bson),
                cell(Format::Jsonl)
            );
        } else {
            println!(
                "{:<34} {:>12} {:<10} {}",
                t.qualified_name(),
                rows,
                t.unit,
                t.sizing
            );
        }
    }
    if bytes {
        println!(
            "{:<34} {:>12} {:>10} {:>10} {:>10} {:>10}",
            "total",
            rows_total,
            human(per_format[0]),
            human(per_format[1]),
            human(per_format[2]),
            human(per_format[3])
        );
        println!("(estimated from an encoded sample of each table's first rows; Snappy Parquet)");
    } else {
        println!("{:<34} {:>12}", "total", rows_total);
    }
    Ok(())
}

/// Bytes as B, kB, MB or GB (powers of 1000, one decimal).
fn human(b: u64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"];
    let mut v = b as f64;
    let mut i = 0;
    while v >= 1000.0 && i + 1 < units.len() {
        v /= 1000.0;
        i += 1;
    }
    if i == 0 {
        format!("{b} B")
    } else {
        format!("{v:.1} {}", units[i])
    }
}
