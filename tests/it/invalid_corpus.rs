//! The bad-input corpus (`tests/fixtures/invalid/`): every case is run
//! through the `papers` binary and must exit as it says (1 or 2, never a
//! panic), print exactly the diagnostics it pins, leave the output folder
//! as it was, and finish in bounded time and memory.
//!
//! A case runs in a scratch copy of the bundled council (`council.yaml`
//! and `reports/progress/*`) with a bundled report as
//! `reports/report.yaml`, edited as `case.txt` says, with the files of the
//! case's folder laid over it. Most cases are a bundled file with a line or
//! two changed, so they say the change instead of copying the file; a case
//! whose whole text is the point (a syntax error of its own, binary bytes,
//! an empty file) keeps its file in the folder.
//!
//! ```text
//! # what the case is
//! args: render reports/report.yaml     (run in the scratch folder)
//! base: seed                           (or `progress`: the bundled report
//!                                       that is reports/report.yaml)
//! replace: OLD -> NEW                  (in reports/report.yaml; OLD must
//!                                       occur exactly once; escapes \n \t
//!                                       \xNN \\, see support::patch)
//! replace in council.yaml: OLD -> NEW  (the same, in another file)
//! append: TEXT                         (added at the end of report.yaml)
//! delete: council.yaml                 (files to remove from the base)
//! symlink: reports/x.yaml -> /etc/hostname
//! generate: huge-report                (content made here, not committed)
//! exit: 1
//! stderr:
//! everything after `stderr:` is what stderr must be, exactly, with the
//! scratch folder written as <dir>
//! ```
//!
//! When an intended change of wording moves the expected output,
//! `PAPERS_BLESS=1 cargo test --release --test it -- invalid_corpus`
//! rewrites each failing case's `exit:` and `stderr:` with what the binary
//! now prints; review the diff before committing it.

use crate::support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::patch::Edit;
use support::{PROGRESS, SEED, bundled, copy_tree, files_in, root, stderr_in};

/// A generous guard; the real figures are in notes/issue-11.md.
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// The issue's memory bound for one case.
const MEMORY_LIMIT_KB: i64 = 500 * 1024;
/// The report every case renders, relative to the scratch folder.
const REPORT: &str = "reports/report.yaml";

struct Case {
    name: String,
    dir: PathBuf,
    /// The lines of case.txt before `exit:`, kept when blessing.
    header: Vec<String>,
    args: Vec<String>,
    base: String,
    /// (file relative to the scratch folder, edit), in order.
    edits: Vec<(String, Edit)>,
    delete: Vec<String>,
    symlinks: Vec<(String, String)>,
    generate: Vec<String>,
    exit: i32,
    stderr: String,
}

fn parse(dir: &Path) -> Result<Case, String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let spec = std::fs::read_to_string(dir.join("case.txt")).map_err(|e| e.to_string())?;
    let (head, stderr) = spec
        .split_once("\nstderr:\n")
        .ok_or("no `stderr:` line: run with PAPERS_BLESS=1 to write it")?;
    let mut case = Case {
        name,
        dir: dir.to_path_buf(),
        header: Vec::new(),
        args: Vec::new(),
        base: "seed".into(),
        edits: Vec::new(),
        delete: Vec::new(),
        symlinks: Vec::new(),
        generate: Vec::new(),
        exit: 0,
        stderr: stderr.to_string(),
    };
    for line in head.lines() {
        if !line.starts_with("exit: ") {
            case.header.push(line.to_string());
        }
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once(": ")
            .ok_or_else(|| format!("`{line}` is not `key: value`"))?;
        let (verb, file) = match key.split_once(" in ") {
            Some((verb, file)) => (verb, file),
            None => (key, REPORT),
        };
        match verb {
            "args" => case.args = value.split_whitespace().map(String::from).collect(),
            "base" => case.base = value.to_string(),
            "replace" => case.edits.push((file.into(), Edit::replace(value)?)),
            "append" => case.edits.push((file.into(), Edit::append(value)?)),
            "exit" => case.exit = value.parse().map_err(|_| format!("exit `{value}`"))?,
            "delete" => case.delete.push(value.to_string()),
            "symlink" => {
                let (from, to) = value.split_once(" -> ").ok_or("symlink: FROM -> TO")?;
                case.symlinks.push((from.into(), to.into()));
            }
            "generate" => case.generate.push(value.to_string()),
            other => return Err(format!("unknown key `{other}`")),
        }
    }
    if case.args.is_empty() {
        return Err("no `args:`".into());
    }
    if case.exit != 1 && case.exit != 2 {
        return Err(format!("exit {}: a bad input exits 1 or 2", case.exit));
    }
    Ok(case)
}

fn cases() -> Vec<Case> {
    let base = root().join("tests/fixtures/invalid");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&base).unwrap() {
        let dir = entry.unwrap().path();
        out.push(parse(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The bundled report a case starts from.
fn base_report(case: &Case) -> String {
    match case.base.as_str() {
        "seed" => bundled(SEED),
        "progress" => bundled(PROGRESS),
        other => panic!("{}: unknown base `{other}` (seed or progress)", case.name),
    }
}

/// The scratch folder for a case.
fn lay_out(case: &Case) -> Result<tempfile::TempDir, String> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::copy(
        root().join("reports/council.yaml"),
        dir.join("council.yaml"),
    )
    .unwrap();
    copy_tree(
        &root().join("reports/progress"),
        &dir.join("reports/progress"),
    );
    std::fs::write(dir.join(REPORT), base_report(case)).unwrap();
    for (file, edit) in &case.edits {
        let path = dir.join(file);
        let text = std::fs::read(&path).map_err(|e| format!("{file}: {e}"))?;
        let edited = edit.apply(&text).map_err(|e| format!("{file}: {e}"))?;
        std::fs::write(&path, edited).unwrap();
    }
    copy_tree(&case.dir, dir);
    std::fs::remove_file(dir.join("case.txt")).unwrap();
    for rel in &case.delete {
        std::fs::remove_file(dir.join(rel)).unwrap();
    }
    for (from, to) in &case.symlinks {
        let link = dir.join(from);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(to, link).unwrap();
    }
    for what in &case.generate {
        let report = dir.join(REPORT);
        match what.as_str() {
            // 50 MB of valid YAML: a comment line repeated.
            "huge-report" => {
                let line = "# padding padding padding padding padding padding padding pad\n";
                let text = line.repeat(50 * 1024 * 1024 / line.len());
                std::fs::write(report, text).unwrap();
            }
            // A 1 MB key before the report.
            "long-key" => {
                let text = format!("{}: x\n{}", "k".repeat(1 << 20), base_report(case));
                std::fs::write(report, text).unwrap();
            }
            // 10,000 nested lists as the value of `options`.
            "deep-nesting" => {
                let deep = format!("options: {}{}", "[".repeat(10_000), "]".repeat(10_000));
                let edit = Edit::Replace {
                    old: b"options: Not applicable".to_vec(),
                    new: deep.into_bytes(),
                };
                let text = edit.apply(&std::fs::read(&report).unwrap())?;
                std::fs::write(report, text).unwrap();
            }
            other => return Err(format!("unknown generator `{other}`")),
        }
    }
    Ok(tmp)
}

/// Rewrites the case's `exit:` and `stderr:` with what the run gave.
fn bless(case: &Case, exit: i32, stderr: &str) {
    let mut text = case.header.join("\n");
    text.push_str(&format!("\nexit: {exit}\nstderr:\n{stderr}"));
    std::fs::write(case.dir.join("case.txt"), text).unwrap();
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
fn every_bad_input_gives_its_diagnostic_and_writes_nothing() {
    let blessing = std::env::var_os("PAPERS_BLESS").is_some_and(|v| v == "1");
    let cases = cases();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let bin = assert_cmd::cargo::cargo_bin("papers");
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for case in &cases {
        let tmp = match lay_out(case) {
            Ok(tmp) => tmp,
            Err(e) => {
                failures.push(format!("{}: {e}", case.name));
                continue;
            }
        };
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
        let stderr = stderr_in(&output.stderr, dir);
        let code = output.status.code();
        let mut problems = Vec::new();
        match code {
            Some(101) => problems.push("panicked (exit 101)".to_string()),
            Some(1 | 2) => {}
            other => problems.push(format!("exit {other:?}: a bad input exits 1 or 2")),
        }
        if took >= TIME_LIMIT {
            problems.push(format!("took {took:?}"));
        }
        if stderr.contains("panicked") {
            problems.push("a panic message".into());
        }
        let error_line = |l: &str| l.contains("error:") || l.contains("error[");
        if !stderr.lines().any(error_line) || !stderr.contains("hint:") {
            problems.push("no error with a hint".into());
        }
        if files_in(&out) != ["report.md"]
            || std::fs::read_to_string(out.join("report.md")).unwrap() != "previous run\n"
        {
            problems.push(format!("output folder changed: {:?}", files_in(&out)));
        }
        let pinned = code == Some(case.exit) && stderr == case.stderr;
        if !pinned && problems.is_empty() && blessing {
            bless(case, code.unwrap(), &stderr);
        } else if !pinned {
            problems.push(format!(
                "exit {code:?}, want {}; stderr differs from case.txt \
                 (PAPERS_BLESS=1 rewrites it)\n--- want\n{}--- got\n{stderr}",
                case.exit, case.stderr
            ));
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {}", case.name, problems.join("; ")));
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

/// A replace whose text is not in the file stops the case with a message
/// that says so, rather than running an unedited copy of the seed.
#[test]
fn a_case_whose_replace_does_not_match_fails_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("case.txt"),
        "# a stale case\nargs: render reports/report.yaml\nbase: seed\n\
         replace: key_decision: Perhaps -> key_decision: Maybe\nexit: 1\nstderr:\n",
    )
    .unwrap();
    let case = parse(dir.path()).unwrap();
    assert_eq!(
        lay_out(&case).err().unwrap(),
        "reports/report.yaml: `key_decision: Perhaps` occurs 0 times; \
         a replace must match exactly once"
    );
}
