//! The rule codes: one stable code per kind of finding, so an author can
//! look a finding up, a council can change its severity in `council.yaml`
//! (`rules: { P305: off }`), and tools can filter on it.
//!
//! P1xx load and structure, P2xx statutory, P3xx content, P4xx meetings.
//! Codes are never reused for another meaning.

use crate::diagnostics::{Diagnostic, Kind, Severity};
use crate::model::council::{RuleLevel, RuleSettings};

/// One rule: its code, default severity, and whether a council may change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    /// A short name, for `papers check --format json` consumers and docs.
    pub name: &'static str,
    pub default: Severity,
    /// Load errors are not configurable: the file cannot be read without a fix.
    pub configurable: bool,
}

const fn rule(
    code: &'static str,
    name: &'static str,
    default: Severity,
    configurable: bool,
) -> Rule {
    Rule {
        code,
        name,
        default,
        configurable,
    }
}

use Severity::{Error as E, Warning as W};

/// Every rule, in code order. The README table is written from this list.
pub const RULES: &[Rule] = &[
    rule("P100", "io", E, false),
    rule("P101", "yaml-syntax", E, false),
    rule("P102", "duplicate-key", E, false),
    rule("P103", "unknown-field", E, false),
    rule("P104", "missing-field", E, false),
    rule("P105", "invalid-value", E, false),
    rule("P106", "empty-file", E, false),
    rule("P107", "no-council-profile", E, false),
    rule("P108", "file-reference", E, false),
    rule("P109", "rule-setting", E, false),
    rule("P110", "template", E, false),
    rule("P201", "key-decision-notice", E, true),
    rule("P202", "urgency-reason", E, true),
    rule("P203", "schedule-12a", E, false),
    rule("P204", "clearance-missing", E, true),
    rule("P205", "clearance-reference", E, true),
    rule("P300", "todo", E, true),
    rule("P301", "unknown-committee", E, true),
    rule("P302", "unknown-ward", E, true),
    rule("P303", "core-purposes", E, true),
    rule("P304", "contact-email", E, true),
    rule("P305", "weekday-date", W, true),
    rule("P306", "recommendations-empty", E, false),
    rule("P307", "appendix-not-listed", W, true),
    rule("P308", "appendix-not-mentioned", W, true),
    rule("P309", "background-papers", W, true),
    rule("P310", "implementation-date", W, true),
    rule("P311", "due-date", W, true),
    rule("P312", "progress-placement", E, true),
    rule("P313", "tracker-refs", W, true),
    rule("P314", "progress-not-placed", W, true),
    rule("P315", "empty-heading", E, false),
    rule("P316", "no-such-character", W, true),
    rule("P400", "meeting-not-checked", W, false),
    rule("P401", "meeting-item-mismatch", E, true),
    rule("P402", "clear-days", E, true),
    rule("P403", "exempt-item", E, true),
    rule("P404", "duplicate-item", E, true),
];

/// The rule with this code.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Gives a code to a diagnostic raised without one: rules set theirs
/// where they are raised, so what is left is a failure to read a file
/// (P100), a template's own error (P110) or a value that cannot be read
/// (P105).
pub fn classify(mut d: Diagnostic) -> Diagnostic {
    if d.code.is_none() {
        d.code = Some(if d.kind == Kind::Io {
            "P100"
        } else if is_template_file(&d) {
            "P110"
        } else {
            "P105"
        });
    }
    d
}

/// Template errors (Tera or Typst) point into a template file.
fn is_template_file(d: &Diagnostic) -> bool {
    d.file.as_ref().is_some_and(|f| {
        let name = f.to_string_lossy();
        name.ends_with(".tera") || name.ends_with(".typ") || name.contains("templates")
    })
}

/// Applies a council's `rules:` settings: a rule set to `off` is dropped,
/// `error` or `warning` replaces its severity. Rules that are not
/// configurable keep theirs (`check` reports the setting as P109).
pub fn apply(diagnostics: Vec<Diagnostic>, settings: &RuleSettings) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .map(classify)
        .filter_map(|d| {
            let code = d.code?;
            let configurable = find(code).is_some_and(|r| r.configurable);
            let setting = settings.0.iter().find(|s| s.code == code);
            match setting {
                Some(s) if configurable => match s.level {
                    RuleLevel::Off => None,
                    RuleLevel::Error => Some(d.with_severity(Severity::Error)),
                    RuleLevel::Warning => Some(d.with_severity(Severity::Warning)),
                },
                _ => Some(d),
            }
        })
        .collect()
}

/// Problems with the `rules:` settings themselves (P109).
pub fn check_settings(settings: &RuleSettings) -> Vec<Diagnostic> {
    let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let mut out = Vec::new();
    for s in &settings.0 {
        let d = match find(&s.code) {
            None => Diagnostic::error(format!("`rules.{}`: there is no rule {}", s.code, s.code))
                .with_hint(match crate::load::decode::did_you_mean(&s.code, &codes) {
                    Some(best) => {
                        format!("did you mean `{best}`? The rules are listed in the README")
                    }
                    None => "the rule codes (P201, P305 ...) are listed in the README".into(),
                }),
            Some(r) if !r.configurable => Diagnostic::error(format!(
                "`rules.{}`: rule {} ({}) cannot be changed",
                s.code, s.code, r.name
            ))
            .with_hint("load and statutory-structure errors always apply: remove this line"),
            Some(_) => continue,
        };
        out.push(d.with_code("P109").at(s.pos.line, s.pos.column));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sorted() {
        for pair in RULES.windows(2) {
            assert!(pair[0].code < pair[1].code, "{:?}", pair);
        }
    }

    #[test]
    fn load_errors_carry_their_codes_from_where_they_are_raised() {
        let code_of = |yaml: &str| crate::load::parse_report(yaml).unwrap_err()[0].code;
        assert_eq!(code_of("subject: a\nsubject: b\n"), Some("P102"));
        assert_eq!(code_of("key: [unclosed\n"), Some("P101"));
        assert_eq!(code_of(""), Some("P106"));
        let council = crate::load::parse_council("name: x\nlogo_colour: red\n").unwrap_err();
        assert_eq!(council[0].code, Some("P103"));
    }

    #[test]
    fn what_is_left_is_classified_by_kind() {
        let d = classify(Diagnostic::error("x").with_kind(Kind::Io));
        assert_eq!(d.code, Some("P100"));
        let d = classify(Diagnostic::error("`x` should be Yes or No, found `Maybe`"));
        assert_eq!(d.code, Some("P105"));
        let d = classify(Diagnostic::error("x").with_code("P305"));
        assert_eq!(d.code, Some("P305"));
    }
}
