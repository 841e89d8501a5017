//! Damaged input never panics: every prefix of the bundled reports, and a
//! few hostile shapes, give diagnostics or a model, nothing else.

use crate::support;

use committee_papers::load::{parse_council, parse_report};

#[test]
fn every_prefix_of_the_seed_loads_or_gives_diagnostics() {
    let seed = support::bundled(support::SEED);
    let mut errors = 0;
    for (i, _) in seed.char_indices().step_by(5) {
        if let Err(diagnostics) = parse_report(&seed[..i]) {
            assert!(
                !diagnostics.is_empty(),
                "an error without a diagnostic at {i}"
            );
            errors += 1;
        }
    }
    assert!(errors > 100, "truncated reports must be refused ({errors})");
    assert!(parse_report(&seed).is_ok());
}

/// `line:col message` of a diagnostic, or `message` when it has no place.
fn placed(d: &committee_papers::Diagnostic) -> String {
    match d.location {
        Some(at) => format!("{}:{} {}", at.line, at.column, d.message),
        None => d.message.clone(),
    }
}

/// Each shape, the diagnostic that names its problem (line, column and
/// message) and how many diagnostics it gives in all (a mapping that is
/// not a report also lacks every required field).
#[test]
fn hostile_shapes_give_diagnostics() {
    let mut wrong = Vec::new();
    for (src, names, count) in [
        (
            "- a\n- b\n",
            "1:1 `the file` should be a mapping of fields, found a list",
            1,
        ),
        ("? [a, b]\n: c\n", "1:3 a field name must be text", 20),
        (
            "committee: *nope\n",
            "1:12 invalid YAML: while parsing node, found unknown anchor",
            1,
        ),
        (
            "a: &x [*x]\n",
            "1:8 this alias refers to the list or mapping that contains it",
            1,
        ),
        (
            "\u{feff}committee: x\n",
            "1:1 missing required field `meeting_date`",
            18,
        ),
        (
            "committee: !!binary aGVsbG8=\n",
            "1:1 missing required field `meeting_date`",
            18,
        ),
        (
            "--- a\n--- b\n",
            "2:1 more than one YAML document in this file",
            1,
        ),
        (
            "key: [\n",
            "2:1 invalid YAML: while parsing a node, did not find expected node content",
            1,
        ),
        (
            "\t- tab\n",
            "1:2 `the file` should be a mapping of fields, found a list",
            1,
        ),
    ] {
        let found: Vec<String> = match parse_report(src) {
            Ok(_) => vec!["loaded".into()],
            Err(diagnostics) => diagnostics.iter().map(placed).collect(),
        };
        if !found.iter().any(|d| d == names) || found.len() != count {
            wrong.push(format!("{src:?}: {found:#?}"));
        }
        let _ = parse_council(src);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
