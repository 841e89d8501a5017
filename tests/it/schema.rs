//! JSON Schemas: `schema/` holds what `papers schema` generates, every
//! bundled example names its schema in a modeline and validates against it,
//! and the schemas refuse what the decoder refuses.

use crate::support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use committee_papers::schema::{self, KINDS, yaml_to_json};
use support::root;

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
        "examples/welsh-council",
        "examples/welsh-council/meetings",
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
                // The Welsh council's reports follow its own house style,
                // not the standard one the report schema describes.
                if dir == "examples/welsh-council" && kind == "report" {
                    continue;
                }
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
    support::with_line(&support::bundled(support::SEED), key, line)
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

/// Which stage of `papers` refuses a mistake.
#[derive(Debug, PartialEq)]
enum Refused {
    /// The decoder: `load::parse_report` fails.
    ByTheDecoder,
    /// The checks after it: the decoder reads the value (a paragraph
    /// number is a number) and a rule refuses it.
    ByTheChecks,
}

/// A mistake in the seed: the key whose line is replaced, the line, the
/// stage that refuses it, the errors `papers check --format concise`
/// prints (code, line, column, message) and the errors of the schema
/// (message and the field it points at).
struct Mistake {
    key: &'static str,
    line: &'static str,
    refused: Refused,
    check: &'static [&'static str],
    schema: &'static [&'static str],
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        key: "key_decision",
        line: "key_decision: Maybe",
        refused: Refused::ByTheDecoder,
        check: &[
            "reports/r.yaml:8:15: error[P105] `key_decision` should be Yes or No, found `Maybe`",
        ],
        schema: &[
            r#""Maybe" is not valid under any of the schemas listed in the 'anyOf' keyword at /key_decision"#,
        ],
    },
    Mistake {
        key: "meeting_date",
        line: "meeting_date: 7/11/2022",
        refused: Refused::ByTheDecoder,
        check: &[
            "reports/r.yaml:3:15: error[P105] `meeting_date` is not a valid date: `7/11/2022`",
        ],
        schema: &[
            r#""7/11/2022" does not match "^\d{4}-\d{2}-\d{2}$" at /meeting_date"#,
            r#""7/11/2022" is not a "date" at /meeting_date"#,
        ],
    },
    Mistake {
        key: "wards",
        line: "wards: some",
        refused: Refused::ByTheDecoder,
        check: &["reports/r.yaml:6:8: error[P105] `wards` should be `all` or a list of ward names"],
        schema: &[
            r#""some" is not valid under any of the schemas listed in the 'anyOf' keyword at /wards"#,
        ],
    },
    Mistake {
        key: "exempt",
        line: "exempt: { paragraphs: [19] }",
        refused: Refused::ByTheChecks,
        check: &["reports/r.yaml:10:9: error[P203] Schedule 12A has no paragraph 19"],
        schema: &[
            r#"{"paragraphs":[19]} is not valid under any of the schemas listed in the 'anyOf' keyword at /exempt"#,
        ],
    },
    Mistake {
        key: "exempt",
        line: "exempt: { paragraph: [3] }",
        refused: Refused::ByTheDecoder,
        check: &[
            "reports/r.yaml:10:9: error[P203] an exempt report must name its Schedule 12A paragraph",
            "reports/r.yaml:10:11: error[P103] unknown field `exempt.paragraph`",
        ],
        schema: &[
            r#"{"paragraph":[3]} is not valid under any of the schemas listed in the 'anyOf' keyword at /exempt"#,
        ],
    },
    Mistake {
        key: "subject",
        line: "subjet: Children's Services Commissioner",
        refused: Refused::ByTheDecoder,
        check: &[
            "reports/r.yaml:2:1: error[P104] missing required field `subject`",
            "reports/r.yaml:4:1: error[P103] unknown field `subjet`",
        ],
        schema: &[
            r#""subject" is a required property at "#,
            r#"Additional properties are not allowed ('subjet' was unexpected) at "#,
        ],
    },
];

/// The error lines of `papers check --format concise` on one report.
fn check_errors(yaml: &str) -> Vec<String> {
    let council = support::Council::without_trackers();
    council.report("r", yaml);
    let out = Command::cargo_bin("papers")
        .unwrap()
        .args(["check", "--format", "concise", "reports/r.yaml"])
        .current_dir(council.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stderr)
        .unwrap()
        .lines()
        .filter(|l| l.contains(": error"))
        .map(String::from)
        .collect()
}

#[test]
fn the_report_schema_refuses_what_papers_refuses() {
    let mut wrong = Vec::new();
    for m in MISTAKES {
        let yaml = seed_with(m.key, m.line);
        let refused = match committee_papers::load::parse_report(&yaml) {
            Err(_) => Refused::ByTheDecoder,
            Ok(_) => Refused::ByTheChecks,
        };
        if refused != m.refused {
            wrong.push(format!("{}: {refused:?}, want {:?}", m.line, m.refused));
        }
        let check = check_errors(&yaml);
        if check != m.check {
            wrong.push(format!("{}: check gives {check:#?}", m.line));
        }
        let schema = errors("report", &yaml);
        if schema != m.schema {
            wrong.push(format!("{}: the schema gives {schema:#?}", m.line));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_progress_and_council_schemas_refuse_mistakes() {
    let tracker = "title: T\nas_at: 2023-02-28\nitems:\n  - {ref: R1, action: a, owner: o, due: 2023-01-01, status: wobbly, update: u}\n";
    let ok = tracker.replace("wobbly", "Amber");
    let mut wrong = Vec::new();
    for (kind, yaml, want) in [
        (
            "progress",
            tracker,
            &[
                r#""wobbly" is not valid under any of the schemas listed in the 'anyOf' keyword at /items/0/status"#,
            ][..],
        ),
        ("progress", &ok, &[]),
        (
            "council",
            "name: C\nrules: { P305: sometimes }\n",
            &[r#""sometimes" is not one of "error", "warning" or "off" at /rules/P305"#],
        ),
        ("council", "name: C\nrules: { P305: off }\n", &[]),
    ] {
        let found = errors(kind, yaml);
        if found != want {
            wrong.push(format!("{kind} {yaml:?}: {found:#?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_new_skeleton_has_every_field_of_the_schema() {
    let ws = support::Council::without_trackers();
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
    // `style:` is written only for a council with several house styles.
    properties.retain(|p| *p != "style");
    assert_eq!(keys, properties);
    let _ = Path::new("");
}

/// The example councils that declare a house style: each has its own report
/// schema beside `council.yaml` (what `papers new report` writes there), and
/// its reports name it and validate against it.
#[test]
fn each_example_council_has_its_own_report_schema() {
    for dir in [
        "examples/london-borough",
        "examples/welsh-council",
        "examples/scottish-council",
        "examples/second-house-style",
    ] {
        let dir = root().join(dir);
        let council = committee_papers::load::load_council(&dir.join("council.yaml")).unwrap();
        assert!(!council.house_styles.is_empty(), "{}", dir.display());
        let generated = schema::report_of(&council);
        let path = dir.join("report.schema.json");
        if std::env::var_os("PAPERS_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is not what `papers schema report --council` makes: PAPERS_BLESS=1 rewrites it",
            path.display()
        );
        let json: serde_json::Value = serde_json::from_str(&committed).unwrap();
        let validator = jsonschema::validator_for(&json).unwrap();
        let mut reports = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") || path.ends_with("council.yaml") {
                continue;
            }
            reports += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.starts_with("# yaml-language-server: $schema=report.schema.json\n"),
                "{}: should name its council's schema",
                path.display()
            );
            let node = committee_papers::load::yaml::parse(&text).unwrap().unwrap();
            let errs: Vec<String> = validator
                .iter_errors(&yaml_to_json(&node))
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
        }
        assert!(reports >= 1, "{}", dir.display());
    }
    // The standard schema refuses a council's own field, so an example must
    // not name it.
    let london = root().join("examples/london-borough/2024-09-12-library-service-review.yaml");
    assert!(!errors("report", &std::fs::read_to_string(london).unwrap()).is_empty());
}
