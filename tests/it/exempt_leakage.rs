//! Exempt leakage, as a property: packs built from generated meetings,
//! whose exempt reports and exempt appendices carry random canary strings
//! (in their text, their appendices' text and titles, and their file
//! names), never show a canary in a public file: not the HTML, the
//! Markdown, the PDF text, the Word files (the council asks for them with
//! `pack: { docx: Yes }`: every XML part, attributes included), the
//! manifest, nor a file's name. Each canary is also found in an exempt
//! file (an exempt report's in its .docx), so the test can fail.
//!
//! Each case typesets a pack, so the default is a few cases;
//! `PROPTEST_CASES=64` runs more (the README gives the figure).

use crate::support;

use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// What an agenda item is, as generated.
#[derive(Debug, Clone)]
enum Exemption {
    Public,
    /// The whole report, under this Schedule 12A paragraph.
    Whole(u32),
    /// Its second appendix only.
    SecondAppendix(u32),
}

#[derive(Debug, Clone)]
struct GeneratedItem {
    exemption: Exemption,
    /// A public title: the agenda shows it whatever the exemption.
    subject: String,
    canary: String,
}

/// A canary: one token, so that no line break or hyphen in a PDF can hide it
/// from the search (which also ignores case and punctuation).
fn canary() -> impl Strategy<Value = String> {
    "[a-z]{4}[0-9]{3}[a-z]{5}".prop_map(|s| format!("zq{s}"))
}

fn item() -> impl Strategy<Value = GeneratedItem> {
    let exemption = prop_oneof![
        Just(Exemption::Public),
        (1u32..=7).prop_map(Exemption::Whole),
        (1u32..=7).prop_map(Exemption::SecondAppendix),
    ];
    let subject = prop::sample::select(vec![
        "Library opening hours",
        "Highways maintenance programme",
        "Leisure centre refurbishment",
        "Disposal of land at the depot",
        "Care home contract award",
        "School transport review",
    ]);
    (exemption, subject, canary()).prop_map(|(exemption, subject, canary)| GeneratedItem {
        exemption,
        subject: subject.to_string(),
        canary,
    })
}

/// One to four report items, at least one of them exempt in some way.
fn meeting() -> impl Strategy<Value = Vec<GeneratedItem>> {
    prop::collection::vec(item(), 1..=4).prop_filter("one item exempt", |items| {
        items
            .iter()
            .any(|i| !matches!(i.exemption, Exemption::Public))
    })
}

/// Writes the council folder for `items` and returns the meeting file.
fn write_meeting(dir: &Path, items: &[GeneratedItem]) -> std::path::PathBuf {
    let council = support::council_yaml() + "\npack:\n  docx: Yes\n";
    std::fs::write(dir.join("council.yaml"), council).unwrap();
    std::fs::create_dir_all(dir.join("reports/meetings")).unwrap();
    std::fs::create_dir_all(dir.join("reports/appendices")).unwrap();
    let mut agenda = String::new();
    for (n, item) in items.iter().enumerate() {
        let c = &item.canary;
        let public = matches!(item.exemption, Exemption::Public);
        let whole = matches!(item.exemption, Exemption::Whole(_));
        // In an exempt report everything but the title is secret; in a
        // public one nothing is, and no canary is written.
        let secret = |text: &str| {
            if whole {
                format!("{text} {c}")
            } else {
                text.to_string()
            }
        };
        let exempt_line = match item.exemption {
            Exemption::Public => "exempt: No".to_string(),
            Exemption::Whole(p) => format!("exempt: {{ paragraphs: [{p}] }}"),
            Exemption::SecondAppendix(p) => {
                format!("exempt: {{ paragraphs: [{p}], parts: [Appendix 2] }}")
            }
        };
        let first = format!("first-{n}-{}", if whole { c.as_str() } else { "notes" });
        let second = format!("second-{n}-{}", if public { "notes" } else { c.as_str() });
        std::fs::write(
            dir.join(format!("reports/appendices/{first}.md")),
            format!("# Notes\n\n{}\n", secret("These notes are about the item.")),
        )
        .unwrap();
        let second_text = if public {
            "The figures are public.".to_string()
        } else {
            format!("The figures are {c}.")
        };
        std::fs::write(
            dir.join(format!("reports/appendices/{second}.md")),
            format!("# Figures\n\n{second_text}\n"),
        )
        .unwrap();

        let yaml = support::bundled(support::SEED);
        let yaml = support::with_line(&yaml, "subject", &format!("subject: {}", item.subject));
        let yaml = support::with_line(&yaml, "exempt", &exempt_line);
        let yaml = support::with_line(
            &yaml,
            "summary",
            &format!("summary: {}", secret("A summary of the proposal.")),
        );
        let yaml = support::with_line(
            &yaml,
            "options",
            &format!("options: {}", secret("Other options were rejected.")),
        );
        let yaml = yaml
            .replace(
                "  - To note and comment upon the content of the report.\n",
                &format!("  - {}\n", secret("To note the report.")),
            )
            .replace(
                "  name: Martin Birch\n",
                &format!("  name: {}\n", secret("Jo Bloggs")),
            )
            .replace(
                "appendices:\n  - The Commissioner's report is attached\n",
                &format!(
                    "appendices:\n  - title: {}\n    file: ../appendices/{first}.md\n  - title: Figures\n    file: ../appendices/{second}.md\n",
                    secret("Notes")
                ),
            )
            .replace(
                "background_papers: []\n",
                &format!("background_papers:\n  - {}\n", secret("The officer's file")),
            )
            .replace(
                "  ## Introduction/Background\n",
                &format!(
                    "  ## Introduction/Background\n\n  {} Appendix 1 and Appendix 2 are attached.\n",
                    secret("The proposal is set out here.")
                ),
            );
        let name = if public {
            format!("item-{n}")
        } else {
            format!("item-{n}-{c}")
        };
        std::fs::create_dir_all(dir.join("reports/items")).unwrap();
        std::fs::write(dir.join(format!("reports/items/{name}.yaml")), yaml).unwrap();
        agenda.push_str(&format!("  - report: ../items/{name}.yaml\n"));
    }
    let meeting = dir.join("reports/meetings/meeting.yaml");
    std::fs::write(
        &meeting,
        format!(
            "committee: Overview and Scrutiny Committee (Children's Services and Safeguarding)\ndate: 2022-11-07\ntime: '18:30'\nvenue: Town Hall\nmembership:\n  chair: Councillor A\n  members: [Councillor B]\nclerk:\n  name: Clerk\n  email: clerk@example.org\npublished: 2022-10-28\nitems:\n  - title: Apologies for absence\n{agenda}"
        ),
    )
    .unwrap();
    meeting
}

/// Lower-case letters and digits only: what a reader could still make out
/// of a canary broken by a line end, a hyphen or markup.
fn squash(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Every file under `out` as (path relative to `out`, squashed text).
fn texts(out: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&path).unwrap();
            let text = if rel.ends_with(".pdf") {
                support::pdf_text(&bytes)
            } else if rel.ends_with(".docx") {
                support::docx_text(&bytes)
            } else {
                String::from_utf8_lossy(&bytes).into_owned()
            };
            found.push((rel, squash(&text)));
        }
    }
    found
}

/// Builds the pack of `items` and returns the number of canaries checked.
fn no_canary_is_public(items: &[GeneratedItem]) -> Result<usize, TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let meeting = write_meeting(dir.path(), items);
    let out = dir.path().join("out");
    let run = Command::cargo_bin("papers")
        .unwrap()
        .env("SOURCE_DATE_EPOCH", "1667779200")
        .arg("pack")
        .arg(&meeting)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .output()
        .unwrap();
    prop_assert!(
        run.status.success(),
        "pack failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let files = texts(&out);
    let mut checked = 0;
    for item in items {
        if matches!(item.exemption, Exemption::Public) {
            continue;
        }
        let canary = squash(&item.canary);
        checked += 1;
        for (path, text) in &files {
            if path.starts_with("exempt/") {
                continue;
            }
            prop_assert!(
                !text.contains(&canary),
                "{} leaked into {path}",
                item.canary
            );
            prop_assert!(
                !squash(path).contains(&canary),
                "{} leaked into the name {path}",
                item.canary
            );
        }
        prop_assert!(
            files
                .iter()
                .any(|(p, t)| p.starts_with("exempt/") && t.contains(&canary)),
            "{} is in no exempt file: the test would not see a leak",
            item.canary
        );
        // An exempt report's own Word file carries its text: the test reads
        // .docx files for what they hold.
        if matches!(item.exemption, Exemption::Whole(_)) {
            prop_assert!(
                files.iter().any(|(p, t)| p.starts_with("exempt/")
                    && p.ends_with(".docx")
                    && t.contains(&canary)),
                "{} is in no exempt .docx: the test would not see a leak there",
                item.canary
            );
        }
    }
    // The public items are there: the test reads the right files.
    for item in items {
        if matches!(item.exemption, Exemption::Public) {
            let agenda = files.iter().find(|(p, _)| p == "public/agenda.html");
            prop_assert!(agenda.is_some_and(|(_, t)| t.contains(&squash(&item.subject))));
        }
    }
    Ok(checked)
}

#[test]
fn no_canary_from_an_exempt_item_reaches_a_public_file() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6);
    let mut runner = TestRunner::new(Config {
        cases,
        // A failing pack shrinks slowly (each step typesets): a few steps
        // find a small meeting.
        max_shrink_iters: 16,
        failure_persistence: None,
        ..Config::default()
    });
    let checked = std::cell::Cell::new(0);
    runner
        .run(&meeting(), |items| {
            checked.set(checked.get() + no_canary_is_public(&items)?);
            Ok(())
        })
        .unwrap();
    println!(
        "exempt leakage: {cases} generated packs, {} canaries checked, 0 leaked",
        checked.get()
    );
}
