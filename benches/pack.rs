//! Meeting-pack and parallel-render benchmarks (release build):
//! `cargo bench --bench pack`. Each figure is the whole `papers` process,
//! as a user runs it, median of several runs.
//!
//! The rows of the README's "Performance" table that are whole processes:
//! the start (`papers --version` against `/bin/true`), the 152-page report,
//! `render` of 40 reports with 1 and 2 threads, packs of 20 and 100 reports.
//! Targets (issue 18): start within 1.5 ms of `/bin/true`; the long report
//! under 0.5 s; 2 threads at least 1.8x faster than 1; a pack of 20 under
//! 0.6 s, of 100 under 3 s and 1 GB. Instruction counts of small versions
//! of these rows are `.ci/perf`.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const SEED: &str = "reports/2022-11-07-childrens-services-commissioner.yaml";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Wall time, peak resident memory (VmHWM, MB) and CPU time (user +
/// system, s) of a process, polled from /proc until it exits: the last
/// reading before exit is the figure. CPU time says how much work was done
/// when other processes share the cores and wall time is inflated.
fn run(cmd: &mut Command) -> (Duration, f64, f64) {
    let start = Instant::now();
    // The generated reports draw a warning each (P308); a failure is
    // asserted below, and the command can be run again to see why.
    let mut child = cmd
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("papers runs");
    let status_path = format!("/proc/{}/status", child.id());
    let stat_path = format!("/proc/{}/stat", child.id());
    let ticks = 100.0; // USER_HZ on Linux
    let mut peak_kb = 0u64;
    let mut cpu = 0.0f64;
    loop {
        if let Ok(stat) = std::fs::read_to_string(&stat_path)
            && let Some((_, rest)) = stat.rsplit_once(") ")
        {
            let fields: Vec<&str> = rest.split_whitespace().collect();
            // utime and stime are fields 14 and 15 of stat (11 and 12 after
            // the command name and state).
            let t = |i: usize| {
                fields
                    .get(i)
                    .and_then(|f| f.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            cpu = cpu.max((t(11) + t(12)) / ticks);
        }
        if let Ok(status) = std::fs::read_to_string(&status_path) {
            for line in status.lines() {
                if let Some(v) = line.strip_prefix("VmHWM:") {
                    let kb: u64 = v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
                    peak_kb = peak_kb.max(kb);
                }
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "papers failed: {cmd:?}");
            break;
        }
        std::thread::sleep(Duration::from_millis(3));
    }
    (start.elapsed(), peak_kb as f64 / 1024.0, cpu)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn papers() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_papers"));
    c.env("SOURCE_DATE_EPOCH", "1667779200");
    c
}

/// A council folder with `n` copies of the seed report, each with its body
/// repeated `repeat` times.
fn workspace(n: usize, repeat: usize) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::copy(root().join("reports/council.yaml"), p.join("council.yaml")).unwrap();
    std::fs::create_dir_all(p.join("reports/meetings")).unwrap();
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    let (head, body) = seed.split_once("body: |\n").unwrap();
    let body = body.repeat(repeat);
    let mut paths = Vec::new();
    for i in 1..=n {
        let head = head.replace(
            "subject: Children's Services Commissioner",
            &format!("subject: Children's Services Commissioner, part {i}"),
        );
        let path = p.join(format!("reports/report-{i:03}.yaml"));
        std::fs::write(&path, format!("{head}body: |\n{body}")).unwrap();
        paths.push(path);
    }
    (dir, paths)
}

/// The seed with its body before "Recommendations" 48 times: the 152-page
/// report of benches/pdf.rs and scripts/perf-workspace.py.
fn long_workspace() -> (tempfile::TempDir, PathBuf) {
    let (dir, reports) = workspace(1, 1);
    let text = std::fs::read_to_string(&reports[0]).unwrap();
    let (head, body) = text.split_once("body: |\n").unwrap();
    let section = body
        .split("  ## Recommendations")
        .next()
        .unwrap()
        .replace("  ## ", "  ## Part ");
    std::fs::write(
        &reports[0],
        format!("{head}body: |\n{}", section.repeat(48)),
    )
    .unwrap();
    (dir, reports[0].clone())
}

/// `papers --version` against `/bin/true`: the start alone.
fn start_bench() {
    let time = |cmd: &mut dyn FnMut() -> Command| {
        let mut times: Vec<Duration> = (0..200)
            .map(|_| {
                let start = Instant::now();
                let status = cmd().stdout(std::process::Stdio::null()).status().unwrap();
                assert!(status.success());
                start.elapsed()
            })
            .collect();
        times.sort();
        times[times.len() / 2]
    };
    let papers = time(&mut || {
        let mut c = papers();
        c.arg("--version");
        c
    });
    let truth = time(&mut || Command::new("/bin/true"));
    println!(
        "papers --version: median {:.2} ms, {:.2} ms more than /bin/true ({:.2} ms)",
        papers.as_secs_f64() * 1e3,
        (papers.as_secs_f64() - truth.as_secs_f64()) * 1e3,
        truth.as_secs_f64() * 1e3
    );
}

fn pack_bench(n: usize) {
    let (dir, reports) = workspace(n, 1);
    let mut items =
        String::from("  - title: Apologies for absence\n  - title: Declarations of interest\n");
    for r in &reports {
        items.push_str(&format!(
            "  - report: ../{}\n",
            r.file_name().unwrap().to_string_lossy()
        ));
    }
    let meeting = dir.path().join("reports/meetings/m.yaml");
    std::fs::write(
        &meeting,
        format!("committee: Overview and Scrutiny Committee (Children's Services and Safeguarding)\ndate: 2022-11-07\ntime: '18:30'\nvenue: Town Hall\nmembership:\n  chair: Councillor A\n  members: [Councillor B]\nclerk:\n  name: Clerk\n  email: clerk@example.org\npublished: 2022-10-28\nitems:\n{items}"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let mut times = Vec::new();
    let mut peak: f64 = 0.0;
    let mut cpus = Vec::new();
    for _ in 0..runs() {
        let (t, mb, cpu) = run(papers()
            .args(["pack", "--quiet"])
            .arg(&meeting)
            .arg("--out")
            .arg(&out));
        times.push(t);
        cpus.push(Duration::from_secs_f64(cpu));
        peak = peak.max(mb);
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    println!(
        "pack of {n} reports ({} pages): median {:.2} s wall, {:.2} s CPU, peak {:.0} MB (whole process, all cores)",
        manifest["pack"]["pages"],
        median(times).as_secs_f64(),
        median(cpus).as_secs_f64(),
        peak
    );
}

fn render_bench() {
    let (dir, reports) = workspace(40, 1);
    let mut results = Vec::new();
    for jobs in ["1", "2"] {
        let mut times = Vec::new();
        let mut cpus = Vec::new();
        for _ in 0..runs() {
            let out = dir.path().join(format!("out-{jobs}"));
            let (t, _, cpu) = run(papers()
                .args(["render", "--quiet", "--jobs", jobs, "--out"])
                .arg(&out)
                .args(&reports));
            times.push(t);
            cpus.push(Duration::from_secs_f64(cpu));
        }
        let m = median(times);
        println!(
            "render of 40 reports (md, html, pdf), {jobs} thread(s): median {:.2} s wall, {:.2} s CPU",
            m.as_secs_f64(),
            median(cpus).as_secs_f64()
        );
        results.push(m);
    }
    println!(
        "speed-up with 2 threads: {:.2}x",
        results[0].as_secs_f64() / results[1].as_secs_f64()
    );
}

fn long_report_bench() {
    let (dir, report) = long_workspace();
    let out = dir.path().join("out");
    let mut times = Vec::new();
    let mut peak: f64 = 0.0;
    for _ in 0..runs() {
        let (t, mb, _) = run(papers()
            .args(["render", "--quiet", "--to", "pdf", "--out"])
            .arg(&out)
            .arg(&report));
        times.push(t);
        peak = peak.max(mb);
    }
    let pdf = std::fs::read(out.join("report-001.pdf")).unwrap();
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    println!(
        "a {pages}-page report to PDF: median {:.2} s for the whole process, peak {:.0} MB",
        median(times).as_secs_f64(),
        peak
    );
}

/// Runs per figure (`PACK_BENCH_RUNS`, default 3).
fn runs() -> usize {
    std::env::var("PACK_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: keep it quick.
    if !std::env::args().any(|a| a == "--bench") {
        println!("pack benchmarks: run with `cargo bench --bench pack`");
        return;
    }
    start_bench();
    long_report_bench();
    render_bench();
    pack_bench(20);
    pack_bench(100);
}
