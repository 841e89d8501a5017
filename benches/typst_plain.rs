//! Our PDF against Typst compiling the same content as ONE plain `.typ`
//! file (issue 18: the seed's PDF and the 152-page report may meet their
//! targets by being within 10% of that). The one file is
//! `render::pdf::plain::one_file`: our templates in one source, the data
//! as a Typst dictionary, every Markdown field's markup inline; it is
//! compiled with the same typst crates, shipped fonts and PDF options.
//!
//! `cargo bench --bench typst_plain` (release): for `seed.yaml` and
//! `long.yaml` of the perf workspace (`scripts/perf-workspace.py`, made in
//! a temporary folder, or `PERF_DIR`), in-process times, Typst's caches
//! emptied before every run, ours and the one file alternating, medians of
//! `PLAIN_RUNS` runs for the seed (default 51) and a seventh as many (at
//! least 3) for the long report:
//!
//! - ours: `render_report(.., [Pdf])`, split into preparing (the context,
//!   its JSON, `Typeset::new`: fonts, glyph check, Markdown to Typst, the
//!   world), compile and export;
//! - one file: the world (the source and the fonts), compile and export.
//!
//! For instruction counts, whole processes under callgrind (README,
//! "Performance"):
//!
//! ```sh
//! B=$(ls -t $CARGO_TARGET_DIR/release/deps/typst_plain-* | grep -v '\.d$' | head -1)
//! $B write /tmp/pw/seed.yaml /tmp/seed.typ         # the one file, and its date and ident
//! valgrind --tool=callgrind $B compile /tmp/seed.typ /tmp/seed-plain.pdf
//! valgrind --tool=callgrind papers render --jobs 1 --to pdf --out /tmp/o /tmp/pw/seed.yaml
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use committee_papers::pipeline::{LoadedReport, load_report, render_report};
use committee_papers::render::Format;
use committee_papers::render::pdf::{self, Conformance, Job, Typeset, plain};

const EPOCH: &str = "1667779200";

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["write", report, out] => write(Path::new(report), Path::new(out)),
        ["compile", file, out] => compile(Path::new(file), Path::new(out)),
        [] => compare(),
        _ => {
            eprintln!("usage: typst_plain [write REPORT.yaml OUT.typ | compile FILE.typ OUT.pdf]");
            std::process::exit(2);
        }
    }
}

/// The date and identifier a report's PDF is made with.
fn date_and_ident(loaded: &LoadedReport) -> (jiff::civil::Date, String) {
    let ctx = loaded.context();
    let date =
        jiff::civil::Date::strptime("%Y-%m-%d", &ctx.report.meeting_date).expect("a meeting date");
    (
        date,
        format!("{} {}", ctx.report.subject, ctx.report.meeting_date),
    )
}

/// The one file of `report`, its first line a comment with the date and
/// identifier its PDF is made with.
fn write(report: &Path, out: &Path) {
    let loaded = load_report(report).expect("the report loads");
    let (date, ident) = date_and_ident(&loaded);
    let source = plain::one_file(&loaded.context()).expect("one file");
    std::fs::write(out, format!("// {date} {ident}\n{source}")).expect("written");
}

/// Typst compiling the one file, and nothing else: the process to count.
fn compile(file: &Path, out: &Path) {
    let source = std::fs::read_to_string(file).expect("the one file");
    let first = source.lines().next().unwrap_or_default();
    let (date, ident) = first
        .strip_prefix("// ")
        .and_then(|l| l.split_once(' '))
        .expect("the first line says the date and identifier");
    let date: jiff::civil::Date = date.parse().expect("a date");
    let ident = ident.to_string();
    let world = plain::world(source, date).expect("a world");
    let document = plain::compile(&world).expect("compiles");
    let bytes = plain::export(&document, &ident, date, Some(EPOCH)).expect("exports");
    std::fs::write(out, bytes).expect("written");
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn workspace() -> (Option<tempfile::TempDir>, PathBuf) {
    if let Some(dir) = std::env::var_os("PERF_DIR") {
        return (None, PathBuf::from(dir));
    }
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("w");
    let status = std::process::Command::new(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/perf-workspace.py"),
    )
    .arg(&dir)
    .args(["--reports", "0"])
    .status()
    .expect("scripts/perf-workspace.py runs");
    assert!(status.success());
    (Some(tmp), dir)
}

fn compare() {
    // SAFETY: set before any thread of ours reads the environment.
    unsafe { std::env::set_var("SOURCE_DATE_EPOCH", EPOCH) };
    let (_keep, dir) = workspace();
    let seed_runs: usize = std::env::var("PLAIN_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(51);
    println!(
        "{:<10} {:>6} {:>11} {:>11} {:>11} {:>11} {:>11} {:>6}",
        "report", "pages", "ours", "prepare", "compile", "export", "one file", "ratio"
    );
    for (name, n) in [("seed", seed_runs), ("long", (seed_runs / 7).max(3))] {
        let loaded = load_report(&dir.join(format!("{name}.yaml"))).expect("the report loads");
        let (date, ident) = date_and_ident(&loaded);
        let source = plain::one_file(&loaded.context()).expect("one file");

        // The two PDFs hold the same pages: the comparison is fair.
        let ours = render_report(&loaded, &[Format::Pdf]).expect("renders");
        let ours = ours.get(Format::Pdf).expect("a PDF").to_vec();
        let world = plain::world(source.clone(), date).expect("a world");
        let document = plain::compile(&world).expect("compiles");
        let theirs = plain::export(&document, &ident, date, Some(EPOCH)).expect("exports");
        let pages = document.pages().len();
        if ours != theirs {
            eprintln!(
                "{name}: the PDFs differ in bytes ({} and {} bytes)",
                ours.len(),
                theirs.len()
            );
        }

        let (mut total, mut prepare, mut compile, mut export, mut one) =
            (vec![], vec![], vec![], vec![], vec![]);
        let (mut p_world, mut p_compile, mut p_export) = (vec![], vec![], vec![]);
        for _ in 0..n {
            typst::comemo::evict(0);
            let t = Instant::now();
            render_report(&loaded, &[Format::Pdf]).expect("renders");
            total.push(t.elapsed());

            typst::comemo::evict(0);
            let t = Instant::now();
            let ctx = loaded.context();
            let data = serde_json::to_value(&ctx).expect("JSON");
            let job = Job {
                entry: "report.typ",
                data: &data,
                ident: ident.clone(),
                date,
                files: Vec::new(),
                conformance: Conformance::Accessible,
                draft: false,
            };
            let overrides = loaded.override_dir();
            let origins = loaded.origins();
            let env = pdf::Env {
                overrides: overrides.as_deref(),
                house_font: loaded.house_font.as_ref(),
                extra_fonts: &loaded.extra_fonts,
                logo: loaded.logo.as_ref(),
                origins: &origins,
            };
            let typeset = Typeset::new(&job, &env).expect("typeset");
            let t1 = Instant::now();
            let compiled = typeset.compile().expect("compiles");
            let t2 = Instant::now();
            typeset
                .export(&compiled.document, Some(EPOCH))
                .expect("exports");
            let t3 = Instant::now();
            prepare.push(t1 - t);
            compile.push(t2 - t1);
            export.push(t3 - t2);

            typst::comemo::evict(0);
            let t = Instant::now();
            let world = plain::world(source.clone(), date).expect("a world");
            let t1 = Instant::now();
            let document = plain::compile(&world).expect("compiles");
            let t2 = Instant::now();
            plain::export(&document, &ident, date, Some(EPOCH)).expect("exports");
            let t3 = Instant::now();
            one.push(t3 - t);
            p_world.push(t1 - t);
            p_compile.push(t2 - t1);
            p_export.push(t3 - t2);
        }
        let (total, one) = (median(total), median(one));
        println!(
            "{name:<10} {pages:>6} {:>11} {:>11} {:>11} {:>11} {:>11} {:>6.2}",
            ms(total),
            ms(median(prepare)),
            ms(median(compile)),
            ms(median(export)),
            ms(one),
            total.as_secs_f64() / one.as_secs_f64()
        );
        println!(
            "{:<10} {:>6} {:>11} {:>11} {:>11} {:>11}",
            "  one file",
            "",
            "",
            ms(median(p_world)),
            ms(median(p_compile)),
            ms(median(p_export)),
        );
    }
}
