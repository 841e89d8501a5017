//! `papers pack` on bad input: each error at file:line:col, exit 1 (2 for
//! an output folder that cannot be written), and nothing published.

use crate::support;

use std::path::PathBuf;

use assert_cmd::Command;

/// A council folder with one meeting of two items; the test edits it.
struct Meeting {
    dir: tempfile::TempDir,
}

const MEETING: &str = support::SEED_MEETING;

impl Meeting {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(p.join("council.yaml"), support::council_yaml()).unwrap();
        std::fs::create_dir_all(p.join("reports/meetings")).unwrap();
        std::fs::write(p.join("reports/seed.yaml"), support::bundled(support::SEED)).unwrap();
        std::fs::write(p.join("reports/meetings/m.yaml"), MEETING).unwrap();
        Meeting { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("reports/meetings/m.yaml")
    }

    fn set_meeting(&self, text: &str) {
        std::fs::write(self.path(), text).unwrap();
    }

    fn set_seed(&self, text: &str) {
        std::fs::write(self.dir.path().join("reports/seed.yaml"), text).unwrap();
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// Runs the pack, expects `code`, and returns stderr.
    fn fails(&self, code: i32) -> String {
        let assert = Command::cargo_bin("papers")
            .unwrap()
            .env("SOURCE_DATE_EPOCH", "1667779200")
            .arg("pack")
            .arg(self.path())
            .arg("--out")
            .arg(self.out())
            .assert()
            .code(code);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(!self.out().exists(), "something was published:\n{stderr}");
        stderr
    }
}

/// `stderr` has an error of rule `code` at `file:line:col` whose message
/// contains `want`, printed as `check` prints it (`...: error[P402] ...`).
fn has_error(stderr: &str, file: &str, line: usize, code: &str, want: &str) {
    let found = stderr.lines().any(|l| {
        l.contains(&format!("{file}:{line}:"))
            && l.contains(&format!(": error[{code}] "))
            && l.contains(want)
    });
    assert!(
        found,
        "no error[{code}] at {file}:{line} containing {want:?}:\n{stderr}"
    );
}

#[test]
fn a_missing_report() {
    let m = Meeting::new();
    m.set_meeting(&MEETING.replace("../seed.yaml", "../nope.yaml"));
    let err = m.fails(1);
    has_error(
        &err,
        "m.yaml",
        14,
        "P108",
        "report `../nope.yaml` not found",
    );
}

#[test]
fn a_missing_appendix_and_one_that_is_not_a_pdf() {
    let m = Meeting::new();
    let seed = support::with_line(
        &support::bundled(support::SEED),
        "appendices",
        "appendices:\n  - title: Gone\n    file: gone.pdf\n  - title: Text\n    file: notes.txt\n  - title: Broken\n    file: broken.pdf",
    )
    .replace("  - The Commissioner's report is attached\n", "");
    m.set_seed(&seed);
    std::fs::write(m.dir.path().join("reports/notes.txt"), "hello").unwrap();
    std::fs::write(
        m.dir.path().join("reports/broken.pdf"),
        "%PDF-1.7\nnot really",
    )
    .unwrap();
    let line = seed.lines().position(|l| l.contains("gone.pdf")).unwrap() + 1;
    let err = m.fails(1);
    has_error(&err, "seed.yaml", line, "P108", "`gone.pdf`: not found");
    has_error(
        &err,
        "seed.yaml",
        line + 2,
        "P108",
        "`notes.txt` is not a PDF or Markdown file",
    );
    has_error(
        &err,
        "seed.yaml",
        line + 4,
        "P108",
        "`broken.pdf` is not a readable PDF",
    );
}

#[test]
fn a_report_for_another_committee_or_date_names_both() {
    let m = Meeting::new();
    let seed = support::with_line(
        &support::bundled(support::SEED),
        "committee",
        "committee: Cabinet",
    );
    let seed = support::with_line(&seed, "meeting_date", "meeting_date: 2022-11-08");
    m.set_seed(&seed);
    let line_of = |key: &str| seed.lines().position(|l| l.starts_with(key)).unwrap() + 1;
    let err = m.fails(1);
    has_error(
        &err,
        "seed.yaml",
        line_of("committee:"),
        "P401",
        "the report is for `Cabinet`, but the meeting",
    );
    assert!(
        err.contains("is of `Overview and Scrutiny Committee"),
        "{err}"
    );
    has_error(
        &err,
        "seed.yaml",
        line_of("meeting_date:"),
        "P401",
        "meeting date is 2022-11-08, but the meeting",
    );
    assert!(err.contains("is on 2022-11-07"), "{err}");
}

#[test]
fn an_exempt_report_without_a_paragraph() {
    let m = Meeting::new();
    let seed = support::with_line(&support::bundled(support::SEED), "exempt", "exempt: Yes");
    let line = seed.lines().position(|l| l.starts_with("exempt:")).unwrap() + 1;
    m.set_seed(&seed);
    let err = m.fails(1);
    has_error(
        &err,
        "seed.yaml",
        line,
        "P203",
        "must name its Schedule 12A paragraph",
    );
    let seed = support::with_line(
        &support::bundled(support::SEED),
        "exempt",
        "exempt: { paragraphs: [3], parts: [Annex B] }",
    );
    m.set_seed(&seed);
    let err = m.fails(1);
    has_error(
        &err,
        "seed.yaml",
        line,
        "P403",
        "exempt part `Annex B` is not one of this report's",
    );
}

#[test]
fn the_same_report_twice() {
    let m = Meeting::new();
    m.set_meeting(&format!("{MEETING}  - report: ./../seed.yaml\n"));
    let err = m.fails(1);
    has_error(
        &err,
        "m.yaml",
        15,
        "P404",
        "is on the agenda twice (first at line 14)",
    );
}

#[test]
fn a_path_that_leaves_the_council_folder() {
    let m = Meeting::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("r.yaml"),
        support::bundled(support::SEED),
    )
    .unwrap();
    let rel = pathdiff(
        outside.path().join("r.yaml"),
        m.dir.path().join("reports/meetings"),
    );
    m.set_meeting(&MEETING.replace("../seed.yaml", &rel));
    let err = m.fails(1);
    has_error(&err, "m.yaml", 14, "P108", "is outside the council folder");
}

/// `target` relative to `base` with `..` (both absolute).
fn pathdiff(target: PathBuf, base: PathBuf) -> String {
    let ups = base.components().count() - 1;
    let mut s = "../".repeat(ups);
    let t: Vec<_> = target.components().skip(1).collect();
    s.push_str(
        &t.iter()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    );
    s
}

#[test]
fn published_too_late_unless_the_meeting_says_why() {
    let m = Meeting::new();
    m.set_meeting(&MEETING.replace("published: 2022-10-28", "published: 2022-11-01"));
    let err = m.fails(1);
    has_error(
        &err,
        "m.yaml",
        11,
        "P402",
        "leaves 3 clear working days before the meeting on 2022-11-07; 5 are needed (publish by 2022-10-28)",
    );
    m.set_meeting(
        &(MEETING.replace("published: 2022-10-28", "published: 2022-11-01")
            + "short_notice: The Ofsted letter arrived on 31 October.\n"),
    );
    Command::cargo_bin("papers")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", "1667779200")
        .args(["pack", "--quiet"])
        .arg(m.path())
        .arg("--out")
        .arg(m.out())
        .assert()
        .success();
}

/// `pack` prints a finding exactly as `check --format concise` prints it
/// on the same meeting: one formatter, code, place, message and hint.
#[test]
fn pack_prints_a_finding_as_check_does() {
    let m = Meeting::new();
    m.set_meeting(&MEETING.replace("published: 2022-10-28", "published: 2022-11-01"));
    let packed = m.fails(1);
    let checked = Command::cargo_bin("papers")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", "1667779200")
        .args(["check", "--format", "concise"])
        .arg(m.path())
        .assert()
        .code(1);
    let checked = String::from_utf8(checked.get_output().stderr.clone()).unwrap();
    let finding = format!(
        "{}:11:12: error[P402] published 2022-11-01 leaves 3 clear working days before \
         the meeting on 2022-11-07; 5 are needed (publish by 2022-10-28)\n  hint: ",
        m.path().display()
    );
    let in_check = checked.find(&finding).expect(&checked);
    let in_pack = packed.find(&finding).expect(&packed);
    let whole = |text: &str, at: usize| {
        let end = text[at + finding.len()..].find('\n').unwrap();
        text[at..at + finding.len() + end].to_string()
    };
    assert_eq!(whole(&packed, in_pack), whole(&checked, in_check));
}

#[test]
fn a_late_item_needs_a_reason() {
    let m = Meeting::new();
    m.set_meeting(&format!(
        "{MEETING}  - title: Urgent business\n    added: 2022-11-02\n"
    ));
    let err = m.fails(1);
    has_error(
        &err,
        "m.yaml",
        15,
        "P402",
        "added on 2022-11-02, after the pack was published on 2022-10-28: it is a late item",
    );
}

#[test]
fn an_output_folder_that_cannot_be_written_is_exit_2() {
    let m = Meeting::new();
    // A file where a folder must go.
    let blocker = m.dir.path().join("blocker");
    std::fs::write(&blocker, "a file").unwrap();
    let out = blocker.join("pack");
    let assert = Command::cargo_bin("papers")
        .unwrap()
        .arg("pack")
        .arg(m.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = support::stderr_in(&assert.get_output().stderr, m.dir.path());
    assert!(
        stderr.contains(
            "\n<dir>/blocker: error[P100] cannot create the folder: File exists (os error 17)\n"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "a file");
    // A folder that is not a pack is never replaced.
    let mine = m.dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("precious.txt"), "keep me").unwrap();
    Command::cargo_bin("papers")
        .unwrap()
        .arg("pack")
        .arg(m.path())
        .arg("--out")
        .arg(&mine)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}: error[P100] the output folder holds files but no manifest.json: \
             it is not a pack papers made, so it is left alone\n  \
             hint: choose an empty or new folder with --out\n",
            mine.display()
        )));
    assert_eq!(
        std::fs::read_to_string(mine.join("precious.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn an_agenda_template_linked_from_outside_the_council_folder_is_refused() {
    let m = Meeting::new();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("agenda.md.tera");
    std::fs::write(&secret, "SECRET-FROM-OUTSIDE {{ meeting.committee }}\n").unwrap();
    let templates = m.dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::os::unix::fs::symlink(&secret, templates.join("agenda.md.tera")).unwrap();
    let err = m.fails(1);
    assert!(
        err.lines()
            .any(|l| l.contains("templates/agenda.md.tera: error[P108] ")
                && l.contains("template `agenda.md.tera` is outside the council folder")),
        "{err}"
    );
    assert!(!err.contains("SECRET-FROM-OUTSIDE"), "{err}");
}

#[test]
fn an_agenda_template_error_is_placed_at_its_line_and_column() {
    let m = Meeting::new();
    let templates = m.dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("agenda.html.tera"),
        "<!doctype html>\n<title>x</title>\n<p>{{ meeting.committee | no_such_filter }}</p>\n",
    )
    .unwrap();
    let err = m.fails(1);
    has_error(
        &err,
        "templates/agenda.html.tera",
        3,
        "P110",
        "no_such_filter",
    );
}

/// A `rules:` setting that names no rule stops `pack`, as it stops
/// `render` and `check` (P109, at its line in council.yaml).
#[test]
fn a_rule_setting_that_names_no_rule_stops_the_pack() {
    let m = Meeting::new();
    let council = support::council_yaml() + "rules:\n  P3055: off\n";
    let line = council.lines().count();
    std::fs::write(m.dir.path().join("council.yaml"), &council).unwrap();
    let err = m.fails(1);
    has_error(
        &err,
        "council.yaml",
        line,
        "P109",
        "`rules.P3055`: there is no rule P3055",
    );
}
