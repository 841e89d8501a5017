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

#[test]
fn hostile_shapes_give_diagnostics() {
    for src in [
        "- a\n- b\n",
        "? [a, b]\n: c\n",
        "committee: *nope\n",
        "a: &x [*x]\n",
        "\u{feff}committee: x\n",
        "committee: !!binary aGVsbG8=\n",
        "--- a\n--- b\n",
        "key: [\n",
        "\t- tab\n",
    ] {
        let result = parse_report(src);
        assert!(result.is_err(), "{src:?} loaded");
        assert!(!result.unwrap_err().is_empty());
        let _ = parse_council(src);
    }
}
