//! Rendering benchmarks (release build): `cargo bench --bench render`.
//! Targets: the seed report to Markdown and HTML under 5 ms median.

use std::path::PathBuf;

use committee_papers::pipeline::{load_report, render_report};
use committee_papers::render::Format;
use criterion::{Criterion, criterion_group, criterion_main};

fn seed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("reports/2022-11-07-childrens-services-commissioner.yaml")
}

fn bench_seed(c: &mut Criterion) {
    let loaded = load_report(&seed()).expect("seed loads");
    c.bench_function("seed: load + check", |b| {
        b.iter(|| load_report(&seed()).expect("seed loads"))
    });
    c.bench_function("seed: md + html", |b| {
        b.iter(|| render_report(&loaded, &[Format::Markdown, Format::Html]).expect("renders"))
    });
    c.bench_function("seed: md", |b| {
        b.iter(|| render_report(&loaded, &[Format::Markdown]).expect("renders"))
    });
    c.bench_function("seed: html", |b| {
        b.iter(|| render_report(&loaded, &[Format::Html]).expect("renders"))
    });
}

criterion_group!(benches, bench_seed);
criterion_main!(benches);
