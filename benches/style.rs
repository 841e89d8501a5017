//! House-style benchmarks (release build): `cargo bench --bench style`.
//! Target (issue 16): a declared style adds under 1 ms to a report's
//! render. What a style adds is reading it from council.yaml, reading the
//! report in it, and laying the report out (numbering, header rows, parts);
//! each is timed here for Sefton's built-in style and a London borough's
//! declared one.

use std::path::PathBuf;

use committee_papers::layout;
use committee_papers::load::{self, Source};
use committee_papers::model::Council;
use criterion::{Criterion, criterion_group, criterion_main};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect("bundled file")
}

fn source(text: String) -> Source {
    load::parse_source(text)
        .expect("parses")
        .expect("not empty")
}

fn bench_style(c: &mut Criterion) {
    for (name, council, report) in [
        (
            "sefton (built-in)",
            "reports/council.yaml",
            "reports/2022-11-07-childrens-services-commissioner.yaml",
        ),
        (
            "london (declared)",
            "examples/london-borough/council.yaml",
            "examples/london-borough/2024-09-12-library-service-review.yaml",
        ),
    ] {
        let council_text = read(council);
        let report_source = source(read(report));
        let council: Council = load::parse_council(&council_text).expect("council reads");
        c.bench_function(&format!("style {name}: read council.yaml"), |b| {
            b.iter(|| load::parse_council(&council_text).expect("council reads"))
        });
        c.bench_function(&format!("style {name}: read the report in it"), |b| {
            b.iter(|| load::decode_report(Some(&report_source), Some(&council)).expect("decodes"))
        });
        let decoded = load::decode_report(Some(&report_source), Some(&council)).expect("decodes");
        let style = council.style(decoded.style.as_deref()).expect("style");
        c.bench_function(
            &format!("style {name}: lay out (number, header, parts)"),
            |b| {
                b.iter(|| {
                    let numbered = layout::number(&decoded, style);
                    let header = layout::header(&decoded, style, "No", Default::default());
                    let parts = layout::sections(&decoded, style, &numbered);
                    (header.len(), parts.len())
                })
            },
        );
    }
}

criterion_group!(benches, bench_style);
criterion_main!(benches);
