//! The rule codes: one stable code per kind of finding, so an author can
//! look a finding up, a council can change its severity in `council.yaml`
//! (`rules: { P305: off }`), and tools can filter on it.
//!
//! P1xx load and structure, P2xx statutory, P3xx content, P4xx meetings,
//! P9xx papers itself. Codes are never reused for another meaning. Each is
//! a [`Code`] (declared in `diagnostics::code`, which both this module and
//! `diagnostics` use), and every diagnostic is made with one.

pub use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Severity};
use crate::law::Jurisdiction;
use crate::model::council::{RuleLevel, RuleSettings};

/// One rule, declared once: the README's table and the council schema's
/// rule names are generated from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Its code, declared in [`Code`] in the same order (a test keeps the
    /// two the same).
    pub code: Code,
    /// A short name, for `papers check --format json` consumers and docs.
    pub name: &'static str,
    /// The severity in England, and wherever the law (`data/law.yaml`,
    /// `rules_off`) does not turn the rule off.
    pub default: Severity,
    /// Load errors are not configurable: the file cannot be read without a fix.
    pub configurable: bool,
    /// The part of a report the rule is about, where it is about one: a
    /// house style that leaves the part out turns the rule off.
    pub part: Option<&'static str>,
    /// What it catches.
    pub what: &'static str,
    /// Why: the statute, or a sentence ("" when the reason is plain).
    pub why: &'static str,
    /// How to fix it.
    pub fix: &'static str,
}

impl Rule {
    /// The rule's default for a council under `jurisdiction`: its own
    /// severity, or off where that law has no such duty (key decisions in
    /// Wales and Scotland). The law is data (`data/law.yaml`); a council's
    /// `rules:` still win.
    pub fn default_for(&self, jurisdiction: Jurisdiction) -> RuleLevel {
        if jurisdiction.rule_off_by_default(self.code.as_str()) {
            RuleLevel::Off
        } else {
            match self.default {
                Severity::Error => RuleLevel::Error,
                Severity::Warning => RuleLevel::Warning,
            }
        }
    }

    /// The severity cell of the README's table: `error`, `error, fixed`,
    /// `error (off in Wales, Scotland)`.
    fn severity_cell(&self) -> String {
        let mut cell = match self.default {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
        .to_string();
        if !self.configurable {
            cell.push_str(", fixed");
        }
        let off: Vec<&str> = Jurisdiction::ALL
            .into_iter()
            .filter(|j| j.rule_off_by_default(self.code.as_str()))
            .map(Jurisdiction::name)
            .collect();
        if !off.is_empty() {
            cell.push_str(&format!(" (off in {})", off.join(", ")));
        }
        cell
    }
}

use Severity::{Error as E, Warning as W};

/// Every rule, in code order. Codes are never reused: P400 (a meeting not
/// checked) was never raised and is retired.
pub const RULES: &[Rule] = &[
    Rule {
        code: Code::P100,
        name: "io",
        default: E,
        configurable: false,
        part: None,
        what: "a file or folder cannot be read or written (missing, a folder, too large, no permission, open in another program)",
        why: "",
        fix: "name an existing file; write to a folder you may write to",
    },
    Rule {
        code: Code::P101,
        name: "yaml-syntax",
        default: E,
        configurable: false,
        part: None,
        what: "invalid YAML",
        why: "",
        fix: "fix the indentation or quoting at the place shown",
    },
    Rule {
        code: Code::P102,
        name: "duplicate-key",
        default: E,
        configurable: false,
        part: None,
        what: "a key given twice",
        why: "the second would silently win",
        fix: "remove one",
    },
    Rule {
        code: Code::P103,
        name: "unknown-field",
        default: E,
        configurable: false,
        part: None,
        what: "an unknown field (with \"did you mean\")",
        why: "a misspelt field would be silently ignored",
        fix: "correct the name",
    },
    Rule {
        code: Code::P104,
        name: "missing-field",
        default: E,
        configurable: false,
        part: None,
        what: "a required field is missing",
        why: "",
        fix: "add it",
    },
    Rule {
        code: Code::P105,
        name: "invalid-value",
        default: E,
        configurable: false,
        part: None,
        what: "a value of the wrong kind: not Yes/No, not a date, an unknown status ...",
        why: "`No` must never silently become \"false\", a bad date never \"today\"",
        fix: "write the value the hint names",
    },
    Rule {
        code: Code::P106,
        name: "empty-file",
        default: E,
        configurable: false,
        part: None,
        what: "an empty file",
        why: "",
        fix: "`papers new` writes a starting point",
    },
    Rule {
        code: Code::P107,
        name: "no-council-profile",
        default: E,
        configurable: false,
        part: None,
        what: "no `council.yaml` in the report's folder or above",
        why: "the council's lists are needed to check a report",
        fix: "add the council profile",
    },
    Rule {
        code: Code::P108,
        name: "file-reference",
        default: E,
        configurable: false,
        part: None,
        what: "a file that a report, meeting or council.yaml names (tracker, previous tracker, logo, font, agenda report, attachment, template) is missing, of the wrong kind or outside the council folder",
        why: "nothing outside the council's folder is read",
        fix: "fix the path, or convert the file",
    },
    Rule {
        code: Code::P109,
        name: "rule-setting",
        default: E,
        configurable: false,
        part: None,
        what: "`rules:` in council.yaml names an unknown rule, or a fixed one",
        why: "",
        fix: "use a code from this table",
    },
    Rule {
        code: Code::P110,
        name: "template",
        default: E,
        configurable: false,
        part: None,
        what: "a template (the council's override or built-in) fails to render",
        why: "a broken house style must not reach publication day",
        fix: "fix the template at the line shown",
    },
    Rule {
        code: Code::P111,
        name: "command-line",
        default: E,
        configurable: false,
        part: None,
        what: "the command cannot do what it was asked: two reports that would be written to the same file, `council.yaml` given to `render`, `SOURCE_DATE_EPOCH` that is not a time, threads that cannot start",
        why: "",
        fix: "change the command or the environment as the message says",
    },
    Rule {
        code: Code::P120,
        name: "style-unknown-field",
        default: E,
        configurable: false,
        part: None,
        what: "a house style places a field that is neither standard nor declared in its `fields`",
        why: "the header and the parts are laid out from the style: a misspelt id would drop a field from every paper",
        fix: "use a standard field's id or declare the council's own under `house_style.fields`",
    },
    Rule {
        code: Code::P121,
        name: "style-field-declared-twice",
        default: E,
        configurable: false,
        part: None,
        what: "a house style declares a standard field again, an id that is not lower-case, or a label for no field",
        why: "each field has one meaning and one label across every format",
        fix: "rename the council's field, or change the standard field's wording under `labels`",
    },
    Rule {
        code: Code::P122,
        name: "style-empty-group",
        default: E,
        configurable: false,
        part: None,
        what: "a group heading in `sections` with no part under it",
        why: "an empty heading in a published paper reads as missing text",
        fix: "list the parts that belong under the group after it, or remove it",
    },
    Rule {
        code: Code::P123,
        name: "style-numbering",
        default: E,
        configurable: false,
        part: None,
        what: "an unknown `numbering` value",
        why: "paragraph numbers are how members refer to a report in the meeting",
        fix: "paragraphs: decimal, flat or none; headings: \"1.\", \"1.0\" or none",
    },
    Rule {
        code: Code::P124,
        name: "style-field-type",
        default: E,
        configurable: false,
        part: None,
        what: "a council's field with an unknown type, or a choice without `values` or a table without `columns`",
        why: "a report's value is checked against its field's type",
        fix: "text, markdown, yes_no, date, choice (with values), list, table (with columns) or officer",
    },
    Rule {
        code: Code::P125,
        name: "style-block-in-header",
        default: E,
        configurable: false,
        part: None,
        what: "a block field (paragraphs, a list or a table) placed in the header, or `house_style` and `house_styles` together, or a report's `style` that the council does not have",
        why: "a header cell holds one line; a report is laid out in one style",
        fix: "place block fields under `sections`; declare one style or several; name one of the council's styles",
    },
    Rule {
        code: Code::P126,
        name: "field-not-shown",
        default: W,
        configurable: true,
        part: None,
        what: "a report gives a field that its house style neither shows nor checks",
        why: "text an author wrote must not vanish from the paper without a word",
        fix: "remove the field from the report, or place it in the council's house style",
    },
    Rule {
        code: Code::P127,
        name: "languages",
        default: E,
        configurable: false,
        part: None,
        what: "a council's `languages` that is not `[en]`, `[en, cy]` or `[en, gd]`",
        why: "the papers print English first and at most one other language, each marked up with its language",
        fix: "write `languages: [en]`, `[en, cy]` or `[en, gd]`",
    },
    Rule {
        code: Code::P128,
        name: "wording-languages",
        default: E,
        configurable: false,
        part: None,
        what: "council-supplied wording given as a map of languages that are not the council's: on a council in English only, without one of its languages, or with a key that is not one of them",
        why: "a bilingual paper prints every label, heading and title in both languages, the second marked up for screen readers (WCAG 3.1.2)",
        fix: "give `{ en: ..., cy: ... }` in exactly the council's `languages`, or one text as a plain string",
    },
    Rule {
        code: Code::P130,
        name: "import-refused",
        default: E,
        configurable: false,
        part: None,
        what: "`papers import` cannot read the file: a legacy .doc, an encrypted or corrupt .docx, a zip bomb, or a file that is not a Word document",
        why: "a report half read would lose text without a word; nothing is written",
        fix: "open the report in Word and save it as a Word Document (.docx) without a password, then import that",
    },
    Rule {
        code: Code::P131,
        name: "import-note",
        default: W,
        configurable: false,
        part: None,
        what: "`papers import` placed or changed something the officer should look at: tracked changes read as accepted, comments dropped, text that matched no part, a value kept as written",
        why: "nothing in a Word report is lost silently",
        fix: "read the imported YAML where the warning says, and move or correct the text",
    },
    Rule {
        code: Code::P201,
        name: "key-decision-notice",
        default: E,
        configurable: true,
        part: Some("key_decision"),
        what: "a key decision that is not on the forward plan, with no urgency route",
        why: "28 clear days' notice of a key decision, or the general exception (reg. 10) or special urgency (reg. 11) procedure: Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012, regs 9-11",
        fix: "put it on the forward plan (`forward_plan: Yes`), or add `urgency: { route: general_exception, reason: ... }` (or `special_urgency`)",
    },
    Rule {
        code: Code::P202,
        name: "urgency-reason",
        default: E,
        configurable: true,
        part: Some("key_decision"),
        what: "an urgency route without its reason",
        why: "regs 10(2) and 11 notices must give the reasons",
        fix: "add `urgency.reason`",
    },
    Rule {
        code: Code::P203,
        name: "schedule-12a",
        default: E,
        configurable: false,
        part: None,
        what: "an exempt report without a paragraph, or a paragraph its council's law does not have (England 1-7; Wales 12-18, 18A; Scotland 1-15)",
        why: "s.100A and Schedule 12A, Local Government Act 1972 (s.50A and Schedule 7A, Local Government (Scotland) Act 1973): information is exempt only under a named paragraph",
        fix: "`exempt: { paragraphs: [3] }` (and `parts:` if only part is exempt)",
    },
    Rule {
        code: Code::P204,
        name: "clearance-missing",
        default: E,
        configurable: true,
        part: Some("consultations"),
        what: "no finance or legal clearance reference when a recommendation asks for a decision (anything beyond noting, commenting or receiving); or neither reference nor `consultations.internal`",
        why: "the s.151 officer (Local Government Act 1972) and the monitoring officer (Local Government and Housing Act 1989, s.5) must be consulted on decisions",
        fix: "add `consultations.finance_clearance` and `legal_clearance` (`FD. 1234`, the council's prefixes)",
    },
    Rule {
        code: Code::P205,
        name: "clearance-reference",
        default: E,
        configurable: true,
        part: Some("consultations"),
        what: "a clearance reference without the council's prefix and a number",
        why: "references are audited against the officers' registers",
        fix: "copy the reference as the officer gave it",
    },
    Rule {
        code: Code::P300,
        name: "todo",
        default: E,
        configurable: true,
        part: None,
        what: "a field still says TODO",
        why: "the skeleton from `papers new` marks what must be written",
        fix: "write the field",
    },
    Rule {
        code: Code::P301,
        name: "unknown-committee",
        default: E,
        configurable: true,
        part: None,
        what: "a committee that is not in `council.yaml`",
        why: "the paper goes to a real committee",
        fix: "use the name in `committees:` (the hint suggests the nearest)",
    },
    Rule {
        code: Code::P302,
        name: "unknown-ward",
        default: E,
        configurable: true,
        part: Some("wards"),
        what: "a ward that is not in `council.yaml`",
        why: "",
        fix: "use the names in `wards:`, or `all`",
    },
    Rule {
        code: Code::P303,
        name: "core-purposes",
        default: E,
        configurable: true,
        part: Some("core_purpose"),
        what: "a core purpose missing from `core_purpose`, or one the council does not have",
        why: "every report says how it serves each of the council's purposes",
        fix: "one entry per core purpose (text or N/A)",
    },
    Rule {
        code: Code::P304,
        name: "contact-email",
        default: E,
        configurable: true,
        part: Some("contact"),
        what: "the contact email is not an address (`a@b@c.d`, `x@localhost`, spaces)",
        why: "readers must be able to write to the officer; the address is printed as a link",
        fix: "the officer's address",
    },
    Rule {
        code: Code::P305,
        name: "weekday-date",
        default: W,
        configurable: true,
        part: None,
        what: "a weekday next to a date that does not match it (\"Tuesday 7 November 2022\"), or a date that does not exist, anywhere in the file",
        why: "readers act on the date; a wrong weekday makes both doubtful",
        fix: "correct the weekday or the date",
    },
    Rule {
        code: Code::P306,
        name: "recommendations-empty",
        default: E,
        configurable: false,
        part: None,
        what: "no recommendations",
        why: "a report asks the committee to do something, if only to note",
        fix: "at least one, e.g. `- To note the report.`",
    },
    Rule {
        code: Code::P307,
        name: "appendix-not-listed",
        default: W,
        configurable: true,
        part: Some("appendices"),
        what: "the text mentions an appendix (\"Appendix 3\", \"appendix C\", \"Appendices A and B\") that is not listed",
        why: "the published pack must hold what the report refers to",
        fix: "list it in `appendices` (\"Appendix C: title\"), or fix the reference",
    },
    Rule {
        code: Code::P308,
        name: "appendix-not-mentioned",
        default: W,
        configurable: true,
        part: Some("appendices"),
        what: "a listed appendix that the text never mentions",
        why: "readers should be told where to turn",
        fix: "mention it (\"see Appendix 1\"), or drop it",
    },
    Rule {
        code: Code::P309,
        name: "background-papers",
        default: W,
        configurable: true,
        part: Some("background_papers"),
        what: "`background_papers` left out",
        why: "s.100D, Local Government Act 1972: the list of background papers is published with the report",
        fix: "list them, or `background_papers: []` for \"There are no background papers\"",
    },
    Rule {
        code: Code::P310,
        name: "implementation-date",
        default: W,
        configurable: true,
        part: Some("implementation_date"),
        what: "the implementation date is before the meeting",
        why: "a decision takes effect after the meeting (and after call-in)",
        fix: "check the year",
    },
    Rule {
        code: Code::P311,
        name: "due-date",
        default: W,
        configurable: true,
        part: None,
        what: "a tracker item due more than 5 years before or 10 years after the tracker's `as_at`",
        why: "a typo such as 2203 hides an overdue action",
        fix: "correct `due`",
    },
    Rule {
        code: Code::P312,
        name: "progress-placement",
        default: E,
        configurable: true,
        part: None,
        what: "the body places `{{ progress N }}` but the report cites fewer trackers",
        why: "the table would be missing from the paper",
        fix: "cite the tracker under `progress:`, or fix N",
    },
    Rule {
        code: Code::P313,
        name: "tracker-refs",
        default: W,
        configurable: true,
        part: None,
        what: "a tracker's refs differ from the previous period's",
        why: "a renamed ref loses its history",
        fix: "check the refs",
    },
    Rule {
        code: Code::P314,
        name: "progress-not-placed",
        default: W,
        configurable: true,
        part: None,
        what: "a cited tracker is not placed in the body",
        why: "the tracker would be loaded but not shown",
        fix: "put `{{ progress }}` (or `{{ progress 2 }}` ...) on a line of its own",
    },
    Rule {
        code: Code::P315,
        name: "empty-heading",
        default: E,
        configurable: false,
        part: None,
        what: "a Markdown heading with no text (`## ` alone) in any field",
        why: "no format can show it; the HTML outline would have a hole",
        fix: "give the heading its text, or delete the line",
    },
    Rule {
        code: Code::P316,
        name: "no-such-character",
        default: W,
        configurable: true,
        part: None,
        what: "a character reference to no character (`&#0;`, `&#xD800;`) in any Markdown field",
        why: "CommonMark turns it into U+FFFD, the replacement character: the HTML shows �, the PDF (whose fonts have no such glyph) `?`",
        fix: "delete it, or write the character meant",
    },
    Rule {
        code: Code::P401,
        name: "meeting-item-mismatch",
        default: E,
        configurable: true,
        part: None,
        what: "a report on the agenda whose committee or meeting date differs from the meeting's (both named)",
        why: "the report goes to the meeting it was written for (Local Government Act 1972, s.100B: the agenda lists the business of that meeting)",
        fix: "fix the report's `committee`/`meeting_date`, or move it to the right meeting",
    },
    Rule {
        code: Code::P402,
        name: "clear-days",
        default: E,
        configurable: true,
        part: None,
        what: "the pack is published with fewer clear working days than the rule (five by default; weekends and bank holidays do not count), or an item added after publication without `late:`",
        why: "s.100B(3)-(4): papers open to inspection five clear days before; a late item needs the chair's reason for urgency",
        fix: "publish earlier, give `short_notice:` on the meeting, or `late:` on the item",
    },
    Rule {
        code: Code::P403,
        name: "exempt-item",
        default: E,
        configurable: true,
        part: None,
        what: "an exempt item without a Schedule 12A paragraph; an `exclusion: Yes` item with no exempt item after it, or an exempt item before it",
        why: "s.100B(2), Schedule 12A: exempt information must name its category",
        fix: "add `exempt: { paragraphs: [N] }` to the report",
    },
    Rule {
        code: Code::P404,
        name: "duplicate-item",
        default: E,
        configurable: true,
        part: None,
        what: "the same report twice on one agenda",
        why: "a duplicated item confuses the record of decisions",
        fix: "remove one of the items",
    },
    Rule {
        code: Code::P900,
        name: "internal",
        default: E,
        configurable: false,
        part: None,
        what: "papers itself failed (the PDF typesetter stopped, data that cannot be serialised): a bug",
        why: "",
        fix: "report it with the files used",
    },
];

/// The part of a report rule `code` is about, if it is about one.
pub fn part_of(code: Code) -> Option<&'static str> {
    rule(code).part
}

/// The README's table of rules, generated from [`RULES`]
/// (`PAPERS_BLESS=1 cargo test --release --test it -- rules::generated`
/// rewrites it in README.md).
pub fn readme_table() -> String {
    let mut out = String::from(
        "| code | severity | what it catches | why | how to fix |\n| --- | --- | --- | --- | --- |\n",
    );
    for r in RULES {
        let cell = |s: &str| {
            if s.is_empty() {
                " |".to_string()
            } else {
                format!(" {s} |")
            }
        };
        out.push_str(&format!(
            "| {} | {} |{}{}{}\n",
            r.code,
            r.severity_cell(),
            cell(r.what),
            cell(r.why),
            cell(r.fix)
        ));
    }
    out
}

/// The codes a council may set in `rules:`, for the council schema.
pub fn configurable_codes() -> Vec<&'static str> {
    RULES
        .iter()
        .filter(|r| r.configurable)
        .map(|r| r.code.as_str())
        .collect()
}

/// The rule written `code` (as a council's `rules:` names it).
pub fn find(code: &str) -> Option<&'static Rule> {
    Code::parse(code).map(rule)
}

/// The rule of `code`: every code has one.
pub fn rule(code: Code) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.code == code)
        .expect("every Code has its entry in RULES (tested)")
}

/// Applies a council's `rules:` settings: a rule set to `off` is dropped,
/// `error` or `warning` replaces its severity. Rules that are not
/// configurable keep theirs (`check` reports the setting as P109).
pub fn apply(diagnostics: Vec<Diagnostic>, settings: &RuleSettings) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter_map(|d| {
            let code = d.code.as_str();
            let configurable = rule(d.code).configurable;
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
    let codes: Vec<&str> = RULES.iter().map(|r| r.code.as_str()).collect();
    let mut out = Vec::new();
    for s in &settings.0 {
        let d = match find(&s.code) {
            None => Diagnostic::error(
                Code::P109,
                format!("`rules.{}`: there is no rule {}", s.code, s.code),
            )
            .with_hint(match crate::load::decode::did_you_mean(&s.code, &codes) {
                Some(best) => {
                    format!("did you mean `{best}`? The rules are listed in the README")
                }
                None => "the rule codes (P201, P305 ...) are listed in the README".into(),
            }),
            Some(r) if !r.configurable => Diagnostic::error(
                Code::P109,
                format!(
                    "`rules.{}`: rule {} ({}) cannot be changed",
                    s.code, s.code, r.name
                ),
            )
            .with_hint("load and statutory-structure errors always apply: remove this line"),
            Some(_) => continue,
        };
        out.push(d.at(s.pos.line, s.pos.column));
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

    /// `Code` and `RULES` list the same codes in the same order: a code
    /// without an entry, or an entry without a code, fails here.
    #[test]
    fn every_code_has_its_rule_and_every_rule_its_code() {
        let registered: Vec<Code> = RULES.iter().map(|r| r.code).collect();
        assert_eq!(registered, Code::ALL);
        for code in Code::ALL {
            assert_eq!(rule(*code).code, *code);
            assert_eq!(find(code.as_str()), Some(rule(*code)));
        }
    }

    #[test]
    fn defaults_differ_by_jurisdiction_only_where_the_law_says() {
        let p201 = rule(Code::P201);
        assert_eq!(p201.default_for(Jurisdiction::England), RuleLevel::Error);
        assert_eq!(p201.default_for(Jurisdiction::Wales), RuleLevel::Off);
        assert_eq!(p201.default_for(Jurisdiction::Scotland), RuleLevel::Off);
        let p305 = rule(Code::P305);
        for j in Jurisdiction::ALL {
            assert_eq!(p305.default_for(j), RuleLevel::Warning);
        }
        assert!(readme_table().contains("| P201 | error (off in Wales, Scotland) |"));
        assert!(readme_table().contains("| P306 | error, fixed | no recommendations |"));
    }

    #[test]
    fn every_rule_says_what_it_catches_and_how_to_fix_it() {
        for r in RULES {
            assert!(!r.what.is_empty() && !r.fix.is_empty(), "{}", r.code);
        }
        assert!(find("P400").is_none(), "P400 is retired");
    }

    #[test]
    fn load_errors_carry_their_codes_from_where_they_are_raised() {
        let code_of = |yaml: &str| crate::load::parse_report(yaml).unwrap_err()[0].code;
        assert_eq!(code_of("subject: a\nsubject: b\n"), Code::P102);
        assert_eq!(code_of("key: [unclosed\n"), Code::P101);
        assert_eq!(code_of(""), Code::P106);
        let council = crate::load::parse_council("name: x\nlogo_colour: red\n").unwrap_err();
        assert_eq!(council[0].code, Code::P103);
        let value = crate::load::parse_report("key_decision: Maybe\n").unwrap_err();
        assert!(value.iter().any(|d| d.code == Code::P105), "{value:?}");
    }
}
