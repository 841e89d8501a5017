//! `papers serve` on the server side (release build): `cargo bench --bench serve`.
//! What one save costs before the page is told: the web build (load, check,
//! HTML and Markdown) and the print build (Typst after a one-paragraph edit,
//! with the memoised layout of the previous version, then the SVG pages).
//! The browser side (save to updated DOM) is timed by `tests/e2e`.

use std::path::PathBuf;

use committee_papers::pipeline::load_report;
use committee_papers::serve::{build, print};
use criterion::{Criterion, criterion_group, criterion_main};

fn seed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("reports/2022-11-07-childrens-services-commissioner.yaml")
}

fn bench_serve(c: &mut Criterion) {
    c.bench_function("serve: web build (seed)", |b| {
        b.iter(|| build::web(&seed()).expect("builds"))
    });

    // Two versions that differ in one summary sentence, alternated, as an
    // author's saves are: every compile sees an edit.
    let mut a = load_report(&seed()).expect("seed loads");
    let mut b_ = load_report(&seed()).expect("seed loads");
    a.report.summary = "To outline the role of the Commissioner, version A.".into();
    b_.report.summary = "To outline the role of the Commissioner, version B.".into();
    let versions = [a, b_];
    let mut i = 0;
    c.bench_function("serve: typeset after a one-paragraph edit (seed)", |b| {
        b.iter(|| {
            i += 1;
            print::compile_document(&versions[i % 2]).expect("compiles")
        })
    });
    c.bench_function("serve: typeset with Typst's caches emptied (seed)", |b| {
        b.iter(|| {
            typst::comemo::evict(0);
            print::compile_document(&versions[0]).expect("compiles")
        })
    });
    let (document, _) = print::compile_document(&versions[0]).expect("compiles");
    c.bench_function("serve: SVG of every page, none cached (seed)", |b| {
        b.iter(|| print::pages(&document))
    });
    let mut cache = print::PageCache::default();
    c.bench_function(
        "serve: print build after a one-paragraph edit (seed)",
        |b| {
            b.iter(|| {
                i += 1;
                build::print(&versions[i % 2], &mut cache).expect("builds")
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_serve
}
criterion_main!(benches);
