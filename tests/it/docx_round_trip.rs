//! Word both ways (issue 17): every bundled report (`reports/*.yaml` and
//! `examples/*/*.yaml`, found by listing the folders, so a new example is
//! covered) rendered to .docx and imported again with its council gives
//! back the report it was made from, with no warning.
//!
//! Compared as an editor's schema reads the YAML (`yaml_to_json`): the
//! same fields and values, whatever the comments, key order and quoting.
//! Markdown strings are compared after [`reflow`] (a soft line break is a
//! space to Markdown, and Word keeps none). What a Word file cannot hold
//! is named in [`LEFT_OUT`] and compared as said there.

use std::path::{Path, PathBuf};

use crate::support;

use assert_cmd::Command;
use committee_papers::schema::yaml_to_json;
use serde_json::Value;

/// What a .docx cannot hold, and how the test compares it instead:
/// `appendices` given as `{title, file}` keep their titles (printed) but
/// not their files (a PDF, or Markdown printed in the paper, is not in
/// the .docx). Everything else comes back: the fields a house style does
/// not print (London's `forward_plan`, a Welsh report's `exempt: No`, the
/// `progress:` trackers' files) from the document's custom properties,
/// and the body's `{{ progress }}` marker where the tracker was printed
/// (the tracker's data itself is the tracker file's, not the report's).
const LEFT_OUT: &[&str] = &["the files of `appendices` ({title, file}): titles compared"];

fn model(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    yaml_to_json(&committee_papers::load::yaml::parse(&text).unwrap().unwrap())
}

/// Markdown with its soft line breaks as spaces: within each paragraph
/// (blank lines apart) a line break is joined with a space unless the
/// next line starts a list item, a table row, a heading or a quote, or
/// the line ends in a hard break (`\`).
fn reflow(text: &str) -> String {
    let starts_block = |line: &str| {
        let t = line.trim_start();
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        t.starts_with(['-', '*', '+', '|', '#', '>'])
            || digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
    };
    text.trim()
        .split("\n\n")
        .map(|para| {
            let mut out = String::new();
            for line in para.lines() {
                let line = line.trim_end();
                if line.is_empty() {
                    continue;
                }
                if out.is_empty() {
                    out.push_str(line);
                } else if out.ends_with('\\') || starts_block(line) {
                    out.push('\n');
                    out.push_str(line);
                } else {
                    out.push(' ');
                    out.push_str(line.trim_start());
                }
            }
            out
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn normalised(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(reflow(s)),
        Value::Array(items) => Value::Array(items.iter().map(normalised).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), normalised(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `appendices` as their titles (see [`LEFT_OUT`]).
fn titles(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|a| a.get("title").cloned().unwrap_or_else(|| a.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Every bundled report: `reports/*.yaml` and `examples/*/*.yaml`, each
/// with the `council.yaml` beside it.
fn bundled_reports() -> Vec<PathBuf> {
    let root = support::root();
    let mut folders = vec![root.join("reports")];
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("council.yaml").is_file())
        .collect();
    examples.sort();
    folders.extend(examples);
    let mut out = Vec::new();
    for folder in folders {
        let mut reports: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "yaml")
                    && p.file_name().is_some_and(|n| n != "council.yaml")
            })
            .collect();
        reports.sort();
        out.extend(reports);
    }
    out
}

/// Renders `report` to .docx and imports it again: the YAML's path and
/// the import's stderr.
fn round_trip(report: &Path, dir: &Path) -> (PathBuf, String) {
    let name = report.file_stem().unwrap().to_str().unwrap();
    Command::cargo_bin("papers")
        .unwrap()
        .args(["render", "--quiet", "--to", "docx", "--out"])
        .arg(dir)
        .arg(report)
        .assert()
        .success();
    let back = dir.join("back.yaml");
    let out = Command::cargo_bin("papers")
        .unwrap()
        .arg("import")
        .arg(dir.join(format!("{name}.docx")))
        .arg("--out")
        .arg(&back)
        .arg("--council")
        .arg(report.parent().unwrap().join("council.yaml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{name}: {stderr}");
    (back, stderr)
}

#[test]
fn every_bundled_report_goes_to_word_and_back_unchanged() {
    let reports = bundled_reports();
    assert!(reports.len() >= 10, "{reports:?}");
    let mut failures = Vec::new();
    for report in &reports {
        let name = report.file_stem().unwrap().to_string_lossy().to_string();
        let dir = tempfile::tempdir().unwrap();
        let (back, stderr) = round_trip(report, dir.path());
        // Nothing the paper itself wrote (its opening line, the climate
        // table's words, an exempt mark) is taken for the author's.
        if stderr.contains("warning") {
            failures.push(format!("{name}: a warning: {stderr}"));
        }
        let (want, got) = (normalised(&model(report)), normalised(&model(&back)));
        let (want, got) = (want.as_object().unwrap(), got.as_object().unwrap());
        for (key, value) in want {
            let (value, back) = match key.as_str() {
                "appendices" => (titles(value), got.get(key).cloned()),
                _ => (value.clone(), got.get(key).cloned()),
            };
            if back.as_ref() == Some(&value) {
                continue;
            }
            failures.push(format!(
                "{name}: `{key}` changed\n  want: {value}\n  got:  {}",
                back.map_or("(absent)".into(), |b| b.to_string())
            ));
        }
        for key in got.keys().filter(|k| !want.contains_key(*k)) {
            failures.push(format!("{name}: `{key}` was added: {}", got[key]));
        }
    }
    assert!(
        failures.is_empty(),
        "left out as a .docx cannot hold them: {LEFT_OUT:?}\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_tracker_comes_back_as_its_marker_where_it_was_printed() {
    let report = support::bundled_path(support::PROGRESS);
    let dir = tempfile::tempdir().unwrap();
    let (back, _) = round_trip(&report, dir.path());
    let body = model(&back)["body"].as_str().unwrap().to_string();
    assert!(
        body.contains(
            "has been added to the tracker since the previous position.\n\n{{ progress }}\n\n"
        ),
        "{body}"
    );
    // The tracker's printed tables and chart are not the author's text.
    assert!(!body.contains("Summary by owner"), "{body}");
    assert!(!body.contains("back-image"), "{body}");
}

#[test]
fn the_normaliser_joins_soft_breaks_only() {
    assert_eq!(reflow("a\nb\n\nc"), "a b\n\nc");
    assert_eq!(reflow("a\n- b\n- c"), "a\n- b\n- c");
    assert_eq!(reflow("a\n97.4% b"), "a 97.4% b");
    assert_eq!(reflow("a\\\nb"), "a\\\nb");
    assert_eq!(reflow("| a |\n| --- |"), "| a |\n| --- |");
}

/// The part `name` of the .docx `path`, as text.
fn docx_part(path: &Path, name: &str) -> Option<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut part = zip.by_name(name).ok()?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut part, &mut text).unwrap();
    Some(text)
}

#[test]
fn what_the_paper_does_not_print_is_kept_out_of_sight() {
    let render = |report: &Path, dir: &Path| {
        Command::cargo_bin("papers")
            .unwrap()
            .args(["render", "--quiet", "--to", "docx", "--out"])
            .arg(dir)
            .arg(report)
            .assert()
            .success();
        dir.join(report.with_extension("docx").file_name().unwrap())
    };
    let dir = tempfile::tempdir().unwrap();
    let london =
        support::root().join("examples/london-borough/2024-09-12-library-service-review.yaml");
    let custom = docx_part(&render(&london, dir.path()), "docProps/custom.xml").unwrap();
    assert!(
        custom.contains(r#"name="papers:forward_plan"><vt:lpwstr>&quot;Yes&quot;</vt:lpwstr>"#),
        "{custom}"
    );
    let progress = render(&support::bundled_path(support::PROGRESS), dir.path());
    let document = docx_part(&progress, "word/document.xml").unwrap();
    // Between the ends of a hidden bookmark named after its marker (not a
    // content control: python-docx would skip the tracker's paragraphs).
    let start = document
        .find(r#"<w:bookmarkStart w:id="9000" w:name="_papers_progress"/>"#)
        .expect("the tracker opens a bookmark named after its marker");
    let end = document
        .find(r#"<w:bookmarkEnd w:id="9000"/>"#)
        .expect("and closes it");
    assert!(
        document[start..end].contains("Items by status"),
        "the tracker is inside its bookmark"
    );
    assert!(!document.contains("<w:sdt>"), "no content control");
    // The seed prints every field it gives: no custom properties at all.
    let seed = render(&support::bundled_path(support::SEED), dir.path());
    assert_eq!(docx_part(&seed, "docProps/custom.xml"), None);
}
