//! The bad-input corpus (`tests/fixtures/invalid/`): every case is run
//! through the `papers` binary and must give a clear diagnostic, exit 1 or
//! 2 (never a panic), leave the output folder as it was, and finish in
//! bounded time and memory.
//!
//! A case is a folder of files laid over a scratch copy of the bundled
//! council (`council.yaml`, `reports/progress/*`, and the seed report as
//! `reports/report.yaml`), with `case.txt`:
//!
//! ```text
//! # what the case is
//! args: render reports/report.yaml     (run in the scratch folder)
//! exit: 1                               (or `1 or 2`)
//! expect: text that stderr must hold    (any number)
//! delete: council.yaml                  (files to remove from the base)
//! symlink: reports/x.yaml -> /etc/hostname
//! generate: huge-report                 (content made here, not committed)
//! ```

use crate::support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::{SEED, bundled, files_in, root};

/// A generous guard; the real figures are in notes/issue-11.md.
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// The issue's memory bound for one case.
const MEMORY_LIMIT_KB: i64 = 500 * 1024;

struct Case {
    name: String,
    dir: PathBuf,
    args: Vec<String>,
    exits: Vec<i32>,
    expect: Vec<String>,
    delete: Vec<String>,
    symlinks: Vec<(String, String)>,
    generate: Vec<String>,
}

fn cases() -> Vec<Case> {
    let base = root().join("tests/fixtures/invalid");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&base).unwrap() {
        let dir = entry.unwrap().path();
        let spec = std::fs::read_to_string(dir.join("case.txt"))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut case = Case {
            name: dir.file_name().unwrap().to_string_lossy().into_owned(),
            dir: dir.clone(),
            args: Vec::new(),
            exits: Vec::new(),
            expect: Vec::new(),
            delete: Vec::new(),
            symlinks: Vec::new(),
            generate: Vec::new(),
        };
        for line in spec
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (key, value) = line.split_once(": ").unwrap_or_else(|| panic!("{line}"));
            match key {
                "args" => case.args = value.split_whitespace().map(String::from).collect(),
                "exit" => {
                    case.exits = value
                        .split(" or ")
                        .map(|n| n.trim().parse().unwrap())
                        .collect()
                }
                "expect" => case.expect.push(value.to_string()),
                "delete" => case.delete.push(value.to_string()),
                "symlink" => {
                    let (from, to) = value.split_once(" -> ").unwrap();
                    case.symlinks.push((from.into(), to.into()));
                }
                "generate" => case.generate.push(value.to_string()),
                other => panic!("{}: unknown key {other}", case.name),
            }
        }
        assert!(
            !case.args.is_empty() && !case.exits.is_empty(),
            "{}",
            case.name
        );
        assert!(
            case.exits.iter().all(|c| *c == 1 || *c == 2),
            "{}",
            case.name
        );
        out.push(case);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else if entry.file_name() != "case.txt" {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The scratch folder for a case.
fn lay_out(case: &Case) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("reports/progress")).unwrap();
    std::fs::copy(
        root().join("reports/council.yaml"),
        dir.join("council.yaml"),
    )
    .unwrap();
    std::fs::write(dir.join("reports/report.yaml"), bundled(SEED)).unwrap();
    copy_tree(
        &root().join("reports/progress"),
        &dir.join("reports/progress"),
    );
    copy_tree(&case.dir, dir);
    for rel in &case.delete {
        std::fs::remove_file(dir.join(rel)).unwrap();
    }
    for (from, to) in &case.symlinks {
        let link = dir.join(from);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(to, link).unwrap();
    }
    for what in &case.generate {
        match what.as_str() {
            // 50 MB of valid YAML: a comment line repeated.
            "huge-report" => {
                let line = "# padding padding padding padding padding padding padding pad\n";
                let text = line.repeat(50 * 1024 * 1024 / line.len());
                std::fs::write(dir.join("reports/report.yaml"), text).unwrap();
            }
            "long-key" => {
                let text = format!("{}: x\n{}", "k".repeat(1 << 20), bundled(SEED));
                std::fs::write(dir.join("reports/report.yaml"), text).unwrap();
            }
            other => panic!("{}: unknown generator {other}", case.name),
        }
    }
    tmp
}

fn peak_child_rss_kb() -> i64 {
    // SAFETY: getrusage writes into the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    }
}

#[test]
fn every_bad_input_gives_a_diagnostic_and_writes_nothing() {
    let cases = cases();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let bin = assert_cmd::cargo::cargo_bin("papers");
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for case in &cases {
        let tmp = lay_out(case);
        let dir = tmp.path();
        // An old output that must survive the failed run untouched.
        let out = dir.join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("report.md"), "previous run\n").unwrap();
        let mut args = case.args.clone();
        if args[0] == "render" && !args.iter().any(|a| a == "--out") {
            args.extend(["--out".to_string(), "out".to_string()]);
        }
        let start = Instant::now();
        let output = assert_cmd::Command::new(&bin)
            .args(&args)
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", "1667779200")
            .timeout(TIME_LIMIT)
            .output()
            .unwrap();
        let took = start.elapsed();
        if took > slowest.0 {
            slowest = (took, case.name.clone());
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut problems = Vec::new();
        match output.status.code() {
            Some(code) if case.exits.contains(&code) => {}
            Some(101) => problems.push("panicked (exit 101)".to_string()),
            code => problems.push(format!("exit {code:?}, want {:?}", case.exits)),
        }
        if took >= TIME_LIMIT {
            problems.push(format!("took {took:?}"));
        }
        if stderr.contains("panicked") {
            problems.push("a panic message".into());
        }
        if !stderr.contains("error:") {
            problems.push("no `error:` line".into());
        }
        if !stderr.contains("hint:") {
            problems.push("no `hint:` line".into());
        }
        for want in &case.expect {
            if !stderr.contains(want.as_str()) {
                problems.push(format!("stderr lacks {want:?}"));
            }
        }
        if files_in(&out) != ["report.md"]
            || std::fs::read_to_string(out.join("report.md")).unwrap() != "previous run\n"
        {
            problems.push(format!("output folder changed: {:?}", files_in(&out)));
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {}\n{stderr}", case.name, problems.join("; ")));
        }
    }
    let rss = peak_child_rss_kb();
    eprintln!(
        "{} cases; slowest {} ({:?}); peak memory of any run {} MB",
        cases.len(),
        slowest.1,
        slowest.0,
        rss / 1024
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(rss < MEMORY_LIMIT_KB, "a case used {} MB", rss / 1024);
}
