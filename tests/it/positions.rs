//! Positions travel with the values: an error raised while a value is
//! typeset is placed at the YAML the decoder read, never by reading or
//! searching the file again.

use std::path::{Path, PathBuf};

use committee_papers::load::origins::Origins;
use committee_papers::pipeline::{load_report, render_report};
use committee_papers::prose::{FieldPath, Step};
use committee_papers::render::Format;

const SEED: &str = "reports/2022-11-07-childrens-services-commissioner.yaml";
const PROGRESS: &str = "reports/2023-03-14-commissioner-recommendations-progress.yaml";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The seed report with its `body` (the last field) replaced by `body`.
fn seed_with_body(body: &str) -> String {
    let seed = std::fs::read_to_string(repo(SEED)).unwrap();
    let at = seed.find("body: |").unwrap();
    let indented: String = body.lines().map(|l| format!("  {l}\n")).collect();
    format!("{}body: |\n{indented}", &seed[..at])
}

/// A council folder with the bundled council.yaml and `yaml` as report.yaml.
fn council_with(yaml: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo("reports/council.yaml"),
        dir.path().join("council.yaml"),
    )
    .unwrap();
    let report = dir.path().join("report.yaml");
    std::fs::write(&report, yaml).unwrap();
    (dir, report)
}

/// The 1-based lines of `yaml` that are exactly `line`.
fn lines_of(yaml: &str, line: &str) -> Vec<usize> {
    yaml.lines()
        .enumerate()
        .filter(|(_, l)| *l == line)
        .map(|(i, _)| i + 1)
        .collect()
}

fn keys(path: &[&str]) -> FieldPath {
    FieldPath(
        path.iter()
            .map(|s| match s.parse::<usize>() {
                Ok(i) => Step::Index(i),
                Err(_) => Step::Key(s.to_string()),
            })
            .collect(),
    )
}

#[test]
fn a_missing_glyph_in_a_paragraph_that_starts_like_another_is_placed_at_it() {
    // Both paragraphs start with the same line; only the second has a
    // character no font has. A search for the first line finds the first.
    let yaml = seed_with_body(
        "## Background\n\nThe same opening line.\nNothing unusual here.\n\nThe same opening line.\nBut this one has 本 in it.\n",
    );
    let copies = lines_of(&yaml, "  The same opening line.");
    assert_eq!(copies.len(), 2);
    let (_dir, report) = council_with(&yaml);
    let loaded = load_report(&report).unwrap_or_else(|e| panic!("{e:?}"));
    let errors = render_report(&loaded, &[Format::Pdf]).expect_err("the PDF fails");
    let d = errors
        .iter()
        .find(|d| d.message.contains("U+672C"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(d.file.as_deref(), Some(report.as_path()), "{d}");
    assert_eq!(
        d.location.map(|l| (l.line, l.column)),
        Some((copies[1], 1)),
        "{d}"
    );
}

#[test]
fn a_repeated_paragraph_is_placed_at_the_copy_asked_for() {
    let yaml = seed_with_body("## Background\n\nSaid twice.\n\nSaid twice.\n");
    let copies = lines_of(&yaml, "  Said twice.");
    let (_dir, report) = council_with(&yaml);
    let loaded = load_report(&report).unwrap_or_else(|e| panic!("{e:?}"));
    let origins = loaded.origins();
    let line = |item: &str| {
        let path = keys(&["report", "body", "sections", "0", "items", item, "markdown"]);
        origins.origin(&path).unwrap().1.map(|l| l.line)
    };
    assert_eq!([line("0"), line("1")], [Some(copies[0]), Some(copies[1])]);
}

/// Copies a folder and everything in it.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn origins_read_no_file_once_the_report_is_loaded() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo("reports"), dir.path());
    let report = dir.path().join(Path::new(PROGRESS).file_name().unwrap());
    let yaml = std::fs::read_to_string(&report).unwrap();
    let council_yaml = std::fs::read_to_string(dir.path().join("council.yaml")).unwrap();
    let tracker = dir
        .path()
        .join("progress/commissioner-recommendations-2023-02.yaml");
    let tracker_yaml = std::fs::read_to_string(&tracker).unwrap();
    let line_starting = |text: &str, start: &str| {
        text.lines()
            .position(|l| l.starts_with(start))
            .map(|i| i + 1)
            .unwrap()
    };
    let subject = line_starting(&yaml, "subject:");
    let name = line_starting(&council_yaml, "name:");
    let title = line_starting(&tracker_yaml, "title:");

    let loaded = load_report(&report).unwrap_or_else(|e| panic!("{e:?}"));
    // Every file changes or goes after loading: the report gains lines at
    // its top, the council and trackers are deleted.
    std::fs::write(&report, format!("# moved\n# down\n{yaml}")).unwrap();
    std::fs::remove_file(dir.path().join("council.yaml")).unwrap();
    std::fs::remove_dir_all(dir.path().join("progress")).unwrap();

    let origins = loaded.origins();
    let at = |path: &[&str]| {
        let (file, location) = origins.origin(&keys(path)).unwrap();
        (file, location.map(|l| l.line))
    };
    assert_eq!(at(&["report", "subject"]), (report.clone(), Some(subject)));
    assert_eq!(
        at(&["council", "name"]).1,
        Some(name),
        "placed in the council.yaml that was loaded"
    );
    let (file, line) = at(&["report", "progress", "0", "title"]);
    assert!(
        file.ends_with("commissioner-recommendations-2023-02.yaml"),
        "{file:?}"
    );
    assert_eq!(line, Some(title));
}
