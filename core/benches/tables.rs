//! Criterion benches for the heaviest tables: rows per second of pure generation into Arrow
//! batches, one thread, at scale 0.05 (`cargo bench -p promptsales-core --bench tables`).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use promptsales_core::{registry, Config, World};

fn tables(c: &mut Criterion) {
    let world = World::new(&Config {
        scale: 0.05,
        ..Config::default()
    });
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    for name in [
        "ads.daily_results",
        "ads.sentiment_daily",
        "crm.clients",
        "crm.client_campaigns",
        "crm.interactions",
        "crm.sales",
    ] {
        let Ok(table) = registry::table(name) else {
            continue;
        };
        let units = 0..table.units(&world);
        group.throughput(Throughput::Elements(table.count(&world, units.clone())));
        group.bench_function(name, |b| {
            b.iter(|| black_box(table.batch(&world, units.clone())))
        });
    }
    group.finish();
    let mut plan = c.benchmark_group("plan");
    plan.sample_size(10);
    plan.throughput(Throughput::Elements(world.campaigns.len() as u64));
    plan.bench_function("campaign plans", |b| {
        b.iter(|| {
            (0..world.campaigns.len())
                .map(|i| world.plan(i).sales.len())
                .sum::<usize>()
        })
    });
    plan.finish();
}

criterion_group!(benches, tables);
criterion_main!(benches);
