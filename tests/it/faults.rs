//! Faults: `papers render` killed (SIGKILL) at random moments leaves every
//! output whole (the old version or the new, never a mix of bytes) and no
//! temporary file behind; an output folder that cannot be written gives a
//! clear error and changes nothing.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{Council, SEED, bundled, files_in, stderr_in};

const KILLS: usize = 60;
const FORMATS: [&str; 3] = ["md", "html", "pdf"];

fn papers() -> PathBuf {
    assert_cmd::cargo::cargo_bin("papers")
}

fn render(report: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(papers());
    cmd.arg("render")
        .arg(report)
        .arg("--out")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1667779200")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn outputs(out: &Path) -> Vec<Option<Vec<u8>>> {
    FORMATS
        .iter()
        .map(|ext| std::fs::read(out.join(format!("{SEED}.{ext}"))).ok())
        .collect()
}

/// A small deterministic generator (xorshift), seeded from the clock and
/// printed, so a failing run can be repeated.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn killed_renders_leave_whole_outputs_and_no_temporary_files() {
    let c = Council::new();
    let report = c.report(SEED, &bundled(SEED));
    let version_a = bundled(SEED);
    let version_b = version_a.replacen(
        "subject: Children's Services Commissioner",
        "subject: Children's Services Commissioner (revised)",
        1,
    );
    // The two versions, rendered whole, and how long a render takes.
    let mut known: Vec<Vec<Vec<u8>>> = Vec::new();
    // The shortest whole run: later runs are warm, and a kill must land
    // before the run ends.
    let mut run_time = Duration::MAX;
    for (i, v) in [&version_a, &version_b].into_iter().enumerate() {
        std::fs::write(&report, v).unwrap();
        let out = c.path().join(format!("whole-{i}"));
        let start = Instant::now();
        assert!(render(&report, &out).status().unwrap().success());
        run_time = run_time.min(start.elapsed());
        known.push(outputs(&out).into_iter().map(Option::unwrap).collect());
    }
    assert_ne!(known[0][0], known[1][0]);

    let out = c.out();
    std::fs::write(&report, &version_a).unwrap();
    assert!(render(&report, &out).status().unwrap().success());
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("seed {seed}, a whole render takes {run_time:?}");
    let mut rng = Rng(seed);
    let span = run_time.as_micros() as u64;
    let (mut killed_running, mut finished_first) = (0, 0);
    let mut i = 0;
    let mut stale = 0;
    while killed_running < KILLS && i < 6 * KILLS {
        i += 1;
        let v = if i % 2 == 0 { &version_b } else { &version_a };
        std::fs::write(&report, v).unwrap();
        // Half the kills anywhere in the run, half in its second half,
        // where the files are written.
        let delay = if i % 2 == 0 {
            rng.below(span)
        } else {
            span / 2 + rng.below(span / 2)
        };
        let mut child = render(&report, &out).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(delay));
        match child.try_wait().unwrap() {
            Some(_) => finished_first += 1,
            None => {
                child.kill().unwrap(); // SIGKILL
                killed_running += 1;
            }
        }
        child.wait().unwrap();
        for (f, bytes) in outputs(&out).into_iter().enumerate() {
            let bytes = bytes.unwrap_or_else(|| panic!("kill {i}: {} gone", FORMATS[f]));
            assert!(
                bytes == known[0][f] || bytes == known[1][f],
                "kill {i} after {delay} us: the {} is neither version (seed {seed})",
                FORMATS[f]
            );
        }
        // A kill in the microseconds between a temporary name and its
        // rename leaves that name (at most one per kill); a later run
        // removes it once it is older than a run could still be writing
        // it. Age it past that here, so the next run must remove it.
        let left: Vec<String> = files_in(&out)
            .into_iter()
            .filter(|f| !FORMATS.iter().any(|e| *f == format!("{SEED}.{e}")))
            .collect();
        assert!(
            left.iter()
                .all(|f| f.starts_with(".papers-") && f.ends_with(".tmp"))
                && left.len() <= stale + 1,
            "kill {i} after {delay} us left {left:?} (seed {seed})"
        );
        for f in &left {
            let old = std::time::SystemTime::now() - committee_papers::output::STALE_AFTER;
            std::fs::File::options()
                .write(true)
                .open(out.join(f))
                .unwrap()
                .set_modified(old - Duration::from_secs(60))
                .unwrap();
        }
        stale = left.len();
    }
    assert!(render(&report, &out).status().unwrap().success());
    let left: Vec<String> = files_in(&out)
        .into_iter()
        .filter(|f| !FORMATS.iter().any(|e| *f == format!("{SEED}.{e}")))
        .collect();
    assert!(left.is_empty(), "after a whole run, left {left:?}");
    eprintln!(
        "{i} runs: {killed_running} killed while running, {finished_first} finished before the kill"
    );
    assert!(
        killed_running >= 50,
        "only {killed_running} kills landed (seed {seed})"
    );
}

/// Runs `papers` as an unprivileged user when the tests run as root (as
/// CI does), so that folder permissions apply.
fn unprivileged(dir: &Path) -> Command {
    let is_root = unsafe { libc::geteuid() } == 0;
    if !is_root {
        return Command::new(papers());
    }
    // nobody cannot enter /root, where the build is: copy the binary.
    let bin = dir.join("papers");
    std::fs::copy(papers(), &bin).unwrap();
    let mut cmd = Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin);
    cmd
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn chmod_tree(dir: &Path) {
    chmod(dir, 0o755);
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            chmod_tree(&entry.path());
        } else {
            chmod(&entry.path(), 0o755);
        }
    }
}

#[test]
fn a_read_only_output_folder_is_a_clear_error() {
    let c = Council::new();
    let report = c.report(SEED, &bundled(SEED));
    let out = c.out();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(format!("{SEED}.md")), "previous\n").unwrap();
    let mut cmd = unprivileged(c.path());
    chmod_tree(c.path());
    chmod(&out, 0o555);
    let result = cmd
        .arg("render")
        .arg(&report)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    chmod(&out, 0o755);
    let err = stderr_in(&result.stderr, c.path());
    assert_eq!(result.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "\n<dir>/out: error[P100] permission denied\n  \
             hint: check that the output folder exists and is writable, or choose another with --out\n"
        ),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join(format!("{SEED}.md"))).unwrap(),
        "previous\n"
    );
    assert_eq!(files_in(&out), vec![format!("{SEED}.md")]);
}
