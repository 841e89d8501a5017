//! JSON Schemas: `schema/` holds what `papers schema` generates, every
//! bundled example names its schema in a modeline and validates against it,
//! and the schemas refuse what the decoder refuses.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use committee_papers::schema::{self, KINDS, yaml_to_json};
use common::root;

fn committed(kind: &str) -> String {
    std::fs::read_to_string(root().join("schema").join(schema::file_name(kind)))
        .unwrap_or_else(|e| panic!("schema/{kind}.schema.json: {e}"))
}

fn validator(kind: &str) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&committed(kind)).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(kind: &str, yaml: &str) -> Vec<String> {
    let node = committee_papers::load::yaml::parse(yaml).unwrap().unwrap();
    validator(kind)
        .iter_errors(&yaml_to_json(&node))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn committed_schemas_equal_the_generated_ones() {
    for kind in KINDS {
        let generated = schema::generate(kind).unwrap();
        assert_eq!(
            committed(kind),
            generated,
            "schema/{kind}.schema.json is stale: run `cargo run --release -- schema {kind} > schema/{kind}.schema.json`"
        );
    }
}

#[test]
fn papers_schema_prints_draft_07() {
    let out = Command::cargo_bin("papers")
        .unwrap()
        .args(["schema", "report"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(
        v["properties"]["committee"]["description"],
        "The committee the report goes to, exactly as named in council.yaml's `committees`."
    );
    assert!(v["properties"]["urgency"].is_object());
    Command::cargo_bin("papers")
        .unwrap()
        .args(["schema", "minutes"])
        .assert()
        .code(2);
}

/// Every bundled YAML file with the kind of schema it should name.
fn bundled() -> Vec<(PathBuf, &'static str)> {
    let mut out = Vec::new();
    for dir in [
        "reports",
        "reports/progress",
        "reports/meetings",
        "examples/second-house-style",
    ] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let kind = if path.file_name().unwrap() == "council.yaml" {
                    "council"
                } else if dir.ends_with("progress") {
                    "progress"
                } else if dir.ends_with("meetings") {
                    "meeting"
                } else {
                    "report"
                };
                out.push((path, kind));
            }
        }
    }
    out.sort();
    assert!(out.len() >= 7, "{out:?}");
    out
}

#[test]
fn every_bundled_example_names_its_schema_and_validates() {
    for (path, kind) in bundled() {
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{}: no modeline on line 1", path.display()));
        assert!(
            target.ends_with(&schema::file_name(kind)),
            "{}: names {target}",
            path.display()
        );
        let resolved = path.parent().unwrap().join(target);
        assert!(resolved.is_file(), "{}: {target} not found", path.display());
        let errs = errors(kind, &text);
        assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
    }
}

fn seed_with(key: &str, line: &str) -> String {
    common::replace_line(&common::seed_yaml(), key, line)
}

#[test]
fn the_report_schema_accepts_what_the_decoder_accepts() {
    for (key, line) in [
        ("key_decision", "key_decision: yes"),
        ("key_decision", "key_decision: true"),
        ("key_decision", "key_decision: FALSE"),
        ("wards", "wards: All"),
        ("wards", "wards: [Ainsdale]"),
        ("exempt", "exempt: false"),
        ("exempt", "exempt: { paragraphs: [3], parts: Appendix 2 }"),
        (
            "background_papers",
            "background_papers: The Ofsted report, March 2022",
        ),
    ] {
        let yaml = seed_with(key, line);
        assert!(
            committee_papers::load::parse_report(&yaml).is_ok(),
            "the decoder refuses {line}"
        );
        let errs = errors("report", &yaml);
        assert!(errs.is_empty(), "{line}: {errs:#?}");
    }
}

#[test]
fn the_report_schema_refuses_what_the_decoder_refuses() {
    for (key, line) in [
        ("key_decision", "key_decision: Maybe"),
        ("meeting_date", "meeting_date: 7/11/2022"),
        ("wards", "wards: some"),
        ("exempt", "exempt: { paragraphs: [19] }"),
        ("exempt", "exempt: { paragraph: [3] }"),
        ("subject", "subjet: Children's Services Commissioner"),
    ] {
        let yaml = seed_with(key, line);
        assert!(
            committee_papers::load::parse_report(&yaml).is_err() || line.contains("[19]"),
            "the decoder accepts {line}"
        );
        assert!(
            !errors("report", &yaml).is_empty(),
            "the schema accepts {line}"
        );
    }
}

#[test]
fn the_progress_and_council_schemas_refuse_mistakes() {
    let tracker = "title: T\nas_at: 2023-02-28\nitems:\n  - {ref: R1, action: a, owner: o, due: 2023-01-01, status: wobbly, update: u}\n";
    assert!(!errors("progress", tracker).is_empty());
    let ok = tracker.replace("wobbly", "Amber");
    assert!(
        errors("progress", &ok).is_empty(),
        "{:?}",
        errors("progress", &ok)
    );
    let council = "name: C\nrules: { P305: sometimes }\n";
    assert!(!errors("council", council).is_empty());
    assert!(errors("council", "name: C\nrules: { P305: off }\n").is_empty());
}

#[test]
fn the_new_skeleton_has_every_field_of_the_schema() {
    let ws = common::Workspace::new();
    let path = ws.path().join("reports/new.yaml");
    Command::cargo_bin("papers")
        .unwrap()
        .args(["new", "report"])
        .arg(&path)
        .assert()
        .success();
    let node = committee_papers::load::yaml::parse(&std::fs::read_to_string(&path).unwrap())
        .unwrap()
        .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&committed("report")).unwrap();
    let mut properties: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    properties.sort();
    let json = yaml_to_json(&node);
    let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, properties);
    let _ = Path::new("");
}
