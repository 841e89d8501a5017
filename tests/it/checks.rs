//! Domain rules over a report: statutory fields, the council's own lists.

use crate::support;

use assert_cmd::Command;
use support::{Council, clean_seed, diagnostics_in, with_line};

fn run(yaml: &str) -> (assert_cmd::assert::Assert, Council) {
    let ws = Council::without_trackers();
    let report = ws.report("r", yaml);
    let assert = Command::cargo_bin("papers")
        .unwrap()
        .args(["render", "--to", "md", "--out"])
        .arg(ws.path().join("out"))
        .arg(&report)
        .assert();
    (assert, ws)
}

/// The diagnostics of a render that must fail with exit 1, the scratch
/// folder written as `<dir>`.
fn refused(yaml: &str) -> Vec<String> {
    let (assert, ws) = run(yaml);
    diagnostics_in(&assert.code(1).get_output().stderr, ws.path())
}

fn markdown(ws: &Council) -> String {
    std::fs::read_to_string(ws.path().join("out/r.md")).unwrap()
}

#[test]
fn an_exempt_report_names_its_schedule_12a_paragraph() {
    let yaml = with_line(
        &clean_seed(),
        "exempt",
        "exempt: { paragraphs: [3], parts: [Appendix 2] }",
    );
    let (assert, ws) = run(&yaml);
    assert.success();
    assert!(markdown(&ws).contains(
        "| Exempt / Confidential Report: | Yes – Schedule 12A paragraph 3 (Appendix 2) |"
    ));
}

#[test]
fn exempt_yes_without_a_paragraph_is_an_error() {
    assert_eq!(
        refused(&with_line(&clean_seed(), "exempt", "exempt: Yes")),
        [
            "<dir>/reports/r.yaml:10:9: error[P203] an exempt report must name its Schedule 12A paragraph"
        ]
    );
}

#[test]
fn schedule_12a_has_seven_paragraphs() {
    let yaml = with_line(&clean_seed(), "exempt", "exempt: { paragraphs: [9] }");
    assert_eq!(
        refused(&yaml),
        ["<dir>/reports/r.yaml:10:9: error[P203] Schedule 12A has no paragraph 9"]
    );
}

#[test]
fn a_key_decision_outside_the_forward_plan_needs_an_urgency_route() {
    let yaml = with_line(&clean_seed(), "key_decision", "key_decision: Yes");
    assert_eq!(
        refused(&yaml),
        [
            "<dir>/reports/r.yaml:8:15: error[P201] a key decision that is not on the forward plan, and no urgency route is given"
        ]
    );
    let urgent = format!(
        "{yaml}urgency:\n  route: special_urgency\n  reason: The Commissioner's deadline falls before the next forward plan.\n"
    );
    let (assert, ws) = run(&urgent);
    assert.success();
    assert!(markdown(&ws).contains("| Is this a Key Decision: | Yes |"));
}

#[test]
fn listed_wards_are_printed_in_order() {
    let (assert, ws) = run(&with_line(
        &clean_seed(),
        "wards",
        "wards: [Ainsdale, Birkdale]",
    ));
    assert.success();
    assert!(markdown(&ws).contains("| Wards Affected: | Ainsdale; Birkdale |"));
}

#[test]
fn every_core_purpose_needs_an_entry_and_names_must_match() {
    let yaml = clean_seed()
        .replace("  Cleaner Greener: N/A\n", "")
        .replace(
            "  Greater income for social investment:",
            "  Greater income for social investmnt:",
        );
    let (assert, ws) = run(&yaml);
    let assert = assert.code(1);
    let stderr = &assert.get_output().stderr;
    assert_eq!(
        diagnostics_in(stderr, ws.path()),
        [
            "<dir>/reports/r.yaml:41:3: error[P303] `Greater income for social investmnt` is not one of the council's core purposes",
            "<dir>/reports/r.yaml:30:3: error[P303] `core_purpose` is missing entries: Greater income for social investment; Cleaner Greener",
        ]
    );
    assert!(
        String::from_utf8_lossy(stderr)
            .contains("\n  hint: did you mean `Greater income for social investment`?\n")
    );
}

#[test]
fn clearance_references_have_the_council_prefix() {
    let yaml = clean_seed().replace("finance_clearance: FD. 6993", "finance_clearance: LD. 6993");
    assert_eq!(
        refused(&yaml),
        [
            "<dir>/reports/r.yaml:44:3: error[P205] `consultations.finance_clearance` should look like `FD. 1234`, found `LD. 6993`"
        ]
    );
}

#[test]
fn the_internal_consultation_sentence_is_composed_from_the_references() {
    let (assert, ws) = run(&clean_seed());
    assert.success();
    assert!(markdown(&ws).contains(
        "The Executive Director of Corporate Resources and Customer Services (FD. 6993) and the Chief Legal and Democratic Officer (LD. 5193) have been consulted and any comments have been incorporated into the report."
    ));
}

#[test]
fn nested_unknown_fields_name_their_path() {
    let yaml = clean_seed().replace("  revenue: >-", "  revenu: >-");
    let (assert, ws) = run(&yaml);
    let assert = assert.code(1);
    let stderr = &assert.get_output().stderr;
    assert_eq!(
        diagnostics_in(stderr, ws.path()),
        [
            "<dir>/reports/r.yaml:16:3: error[P104] missing required field `costs.revenue`",
            "<dir>/reports/r.yaml:16:3: error[P103] unknown field `costs.revenu`",
        ]
    );
    assert!(String::from_utf8_lossy(stderr).contains("\n  hint: did you mean `revenue`?\n"));
}

#[test]
fn a_bad_email_is_refused() {
    let yaml = clean_seed().replace("email: martin.birch@sefton.gov.uk", "email: martin.birch");
    assert_eq!(
        refused(&yaml),
        [
            "<dir>/reports/r.yaml:49:3: error[P304] `contact.email` is not an email address: `martin.birch`"
        ]
    );
}

#[test]
fn climate_answers_take_yes_no_or_na() {
    let yaml = clean_seed().replace("  neutral: N/A", "  neutral: Perhaps");
    assert_eq!(
        refused(&yaml),
        [
            "<dir>/reports/r.yaml:26:12: error[P105] `climate.neutral` should be Yes, No or N/A, found `Perhaps`"
        ]
    );
}
