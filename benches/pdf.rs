//! PDF benchmarks (release build): `cargo bench --bench pdf`.
//! Targets: the seed report under 60 ms median; a 150-page report under 1 s
//! and under 400 MB peak memory (printed as VmHWM at the end).

use std::path::PathBuf;

use committee_papers::enrich::numbering::number_body;
use committee_papers::load;
use committee_papers::pipeline::{LoadedReport, load_report, render_report};
use committee_papers::render::Format;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

fn reports() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("reports")
}

/// The seed report with its body repeated until it runs to about 150 pages.
fn long_report() -> LoadedReport {
    let seed = reports().join("2022-11-07-childrens-services-commissioner.yaml");
    let mut loaded = load_report(&seed).expect("seed loads");
    let section = loaded
        .report
        .body
        .split("## Recommendations")
        .next()
        .expect("body")
        .replace("## ", "## Part ");
    loaded.report.body = section.repeat(48);
    loaded.numbered.body = number_body(&loaded.report.body);
    let council = load::load_council(&reports().join("council.yaml")).expect("council");
    loaded.council = council;
    loaded
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .map(|d| d.get_pages().len())
        .unwrap_or(0)
}

fn bench_pdf(c: &mut Criterion) {
    let seed = load_report(&reports().join("2022-11-07-childrens-services-commissioner.yaml"))
        .expect("seed loads");
    // Cold: Typst's memoisation cache emptied before every run, as for a
    // first render. Warm: the same input again, as `serve` re-renders.
    c.bench_function("seed: pdf (cold)", |b| {
        b.iter_batched(
            || typst::comemo::evict(0),
            |()| render_report(&seed, &[Format::Pdf]).expect("renders"),
            BatchSize::PerIteration,
        )
    });
    c.bench_function("seed: pdf (warm)", |b| {
        b.iter(|| render_report(&seed, &[Format::Pdf]).expect("renders"))
    });

    let long = long_report();
    let pdf = render_report(&long, &[Format::Pdf]).expect("renders");
    eprintln!(
        "long report: {} pages",
        page_count(pdf.get(Format::Pdf).expect("a PDF"))
    );
    let mut group = c.benchmark_group("long");
    group.sample_size(10);
    group.bench_function("150 pages: pdf (cold)", |b| {
        b.iter_batched(
            || typst::comemo::evict(0),
            |()| render_report(&long, &[Format::Pdf]).expect("renders"),
            BatchSize::PerIteration,
        )
    });
    group.finish();
    if let Some(mb) = peak_memory_mb() {
        eprintln!("peak memory (VmHWM) after the PDF benchmarks: {mb:.0} MB");
    }
}

criterion_group!(benches, bench_pdf);
criterion_main!(benches);
