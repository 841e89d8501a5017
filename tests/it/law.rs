//! The law of each jurisdiction (`jurisdiction:` in council.yaml): exempt
//! paragraphs, clear days and bank holidays, key decision rules, notices
//! and the exclusion resolution, each failing where the law says no and
//! passing where it says yes.

use crate::support;

use std::path::{Path, PathBuf};

use committee_papers::pack::{self, agenda};
use committee_papers::pipeline;
use committee_papers::render::Format;

/// A council folder: Sefton's profile under a chosen jurisdiction, the
/// seed report (edited per test) and a meeting file.
struct Council {
    dir: tempfile::TempDir,
}

const COMMITTEE: &str = "Overview and Scrutiny Committee (Children's Services and Safeguarding)";

impl Council {
    /// `extra` is appended to Sefton's council.yaml (`jurisdiction: ...`).
    fn new(extra: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(
            p.join("council.yaml"),
            format!("{}\n{extra}\n", support::council_yaml()),
        )
        .unwrap();
        std::fs::create_dir_all(p.join("reports/meetings")).unwrap();
        let c = Council { dir };
        c.seed("exempt", "exempt: No");
        c
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The seed report with its top-level `key:` line replaced.
    fn seed(&self, key: &str, line: &str) -> PathBuf {
        let path = self.path().join("reports/seed.yaml");
        std::fs::write(
            &path,
            support::with_line(&support::bundled(support::SEED), key, line),
        )
        .unwrap();
        path
    }

    /// A meeting of the seed's committee on `date`, published on
    /// `published`, with these items (YAML list lines).
    fn meeting(&self, date: &str, published: &str, items: &str) -> PathBuf {
        let path = self.path().join("reports/meetings/m.yaml");
        std::fs::write(
            &path,
            format!(
                "committee: {COMMITTEE}\ndate: {date}\ntime: '18:30'\nvenue: Town Hall\nmembership:\n  chair: Councillor A\n  members: [Councillor B]\nclerk:\n  name: Clerk\n  email: clerk@example.org\npublished: {published}\nitems:\n{items}"
            ),
        )
        .unwrap();
        path
    }
}

fn messages(errors: &[committee_papers::Diagnostic]) -> String {
    errors
        .iter()
        .map(|d| {
            format!(
                "{}[{}] {} (hint: {})",
                d.location.map(|l| l.line).unwrap_or(0),
                d.code,
                d.message,
                d.hint.clone().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------
// Exempt paragraphs

#[test]
fn paragraph_8_is_valid_in_scotland_and_refused_in_england() {
    let scotland = Council::new("jurisdiction: scotland");
    let report = scotland.seed("exempt", "exempt: { paragraphs: [8] }");
    let loaded = pipeline::load_report(&report)
        .unwrap_or_else(|e| panic!("paragraph 8 is valid in Scotland:\n{}", messages(&e)));
    let md = String::from_utf8(
        pipeline::render_report(&loaded, &[Format::Markdown])
            .unwrap()
            .get(Format::Markdown)
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(md.contains("Yes – Schedule 7A paragraph 8"), "{md}");

    let england = Council::new("jurisdiction: england");
    let report = england.seed("exempt", "exempt: { paragraphs: [8] }");
    let errors = pipeline::load_report(&report)
        .err()
        .expect("refused in England");
    let text = messages(&errors);
    assert!(
        text.contains("10[P203] Schedule 12A has no paragraph 8 (hint: exempt information falls under paragraphs 1 to 7 of Schedule 12A to the Local Government Act 1972)"),
        "{text}"
    );
}

#[test]
fn paragraphs_14_and_18a_are_valid_in_wales_and_3_is_not() {
    let wales = Council::new("jurisdiction: wales");
    let report = wales.seed("exempt", "exempt: { paragraphs: [14, \"18A\"] }");
    let loaded = pipeline::load_report(&report)
        .unwrap_or_else(|e| panic!("14 and 18A are valid in Wales:\n{}", messages(&e)));
    assert_eq!(loaded.report.exempt.paragraphs.len(), 2);

    let report = wales.seed("exempt", "exempt: { paragraphs: [3] }");
    let text = messages(
        &pipeline::load_report(&report)
            .err()
            .expect("3 is England's"),
    );
    assert!(
        text.contains("[P203] Schedule 12A has no paragraph 3 in Wales")
            && text.contains("paragraphs 12 to 18 and 18A"),
        "{text}"
    );

    // England refuses 14 in turn.
    let england = Council::new("");
    let report = england.seed("exempt", "exempt: { paragraphs: [14] }");
    let text = messages(&pipeline::load_report(&report).err().expect("14 is Wales's"));
    assert!(
        text.contains("Schedule 12A has no paragraph 14 in England"),
        "{text}"
    );
}

#[test]
fn a_paragraph_that_is_not_a_number_is_refused_at_its_line() {
    let c = Council::new("");
    let report = c.seed("exempt", "exempt: { paragraphs: [three] }");
    let text = messages(&pipeline::load_report(&report).err().unwrap());
    assert!(
        text.contains("10[P105] `exempt.paragraphs[1]` should be a paragraph number such as 3 or 18A, found `three`"),
        "{text}"
    );
}

// ---------------------------------------------------------------------
// council.yaml

#[test]
fn an_unknown_jurisdiction_is_an_error_at_its_line_with_a_suggestion() {
    let c = Council::new("jurisdiction: Scotlnd");
    let line = support::council_yaml().lines().count() + 2;
    let errors = committee_papers::load::load_council(&c.path().join("council.yaml")).unwrap_err();
    let text = messages(&errors);
    assert!(
        text.contains(&format!(
            "{line}[P105] `jurisdiction` should be england, wales or scotland, found `Scotlnd` (hint: did you mean `scotland`?)"
        )),
        "{text}"
    );
}

#[test]
fn the_law_sets_the_clear_days_and_the_council_may_change_them() {
    let clear_days = |extra: &str| {
        let c = Council::new(extra);
        committee_papers::load::load_council(&c.path().join("council.yaml"))
            .unwrap()
            .pack
            .clear_days
    };
    assert_eq!(clear_days(""), 5);
    assert_eq!(clear_days("jurisdiction: england"), 5);
    assert_eq!(clear_days("jurisdiction: wales"), 3);
    assert_eq!(clear_days("jurisdiction: scotland"), 3);
    assert_eq!(
        clear_days("jurisdiction: wales\npack: { clear_days: 4 }"),
        4
    );
}

/// The seed as a key decision that is not on the forward plan, with no
/// urgency route: P201 in England.
fn key_decision_without_notice(c: &Council) -> PathBuf {
    c.seed("key_decision", "key_decision: Yes")
}

#[test]
fn key_decision_rules_are_off_by_default_in_wales_and_scotland() {
    let england = Council::new("");
    let text = messages(
        &pipeline::load_report(&key_decision_without_notice(&england))
            .err()
            .expect("P201 in England"),
    );
    assert!(text.contains("[P201]"), "{text}");
    for law in ["wales", "scotland"] {
        let c = Council::new(&format!("jurisdiction: {law}"));
        let loaded = pipeline::load_report(&key_decision_without_notice(&c));
        assert!(
            loaded.is_ok(),
            "{law}: {}",
            messages(&loaded.err().unwrap())
        );
        // A council may turn the rule on.
        let c = Council::new(&format!("jurisdiction: {law}\nrules: {{ P201: error }}"));
        let text = messages(
            &pipeline::load_report(&key_decision_without_notice(&c))
                .err()
                .expect("turned on"),
        );
        assert!(text.contains("[P201]"), "{law}: {text}");
    }
}

// ---------------------------------------------------------------------
// Clear days

const APOLOGIES: &str = "  - title: Apologies for absence\n";

#[test]
fn three_clear_days_pass_in_wales_and_fail_in_england() {
    // Published Tuesday 1 November 2022 for Monday 7 November: Wed 2,
    // Thu 3 and Fri 4 are the clear days.
    for (law, ok) in [("wales", true), ("england", false), ("scotland", true)] {
        let c = Council::new(&format!("jurisdiction: {law}"));
        let m = c.meeting("2022-11-07", "2022-11-01", APOLOGIES);
        match pack::load_meeting(&m, None) {
            Ok(loaded) => {
                assert!(ok, "{law} should refuse three clear days");
                assert_eq!(loaded.clear_days, 3);
            }
            Err(e) => {
                assert!(!ok, "{law}: {}", messages(&e));
                let text = messages(&e);
                assert!(
                    text.contains("[P402] published 2022-11-01 leaves 3 clear working days before the meeting on 2022-11-07; 5 are needed (publish by 2022-10-28)"),
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn st_andrews_day_leaves_too_few_clear_days_in_scotland() {
    // Published Friday 27 November 2020 for Thursday 3 December 2020:
    // Monday 30 November is St Andrew's Day in Scotland, so only Tuesday
    // and Wednesday are clear.
    let scotland = Council::new("jurisdiction: scotland");
    let m = scotland.meeting("2020-12-03", "2020-11-27", APOLOGIES);
    let text = messages(
        &pack::load_meeting(&m, None)
            .err()
            .expect("too few in Scotland"),
    );
    assert!(
        text.contains("[P402] published 2020-11-27 leaves 2 clear working days before the meeting on 2020-12-03; 3 are needed (publish by 2020-11-26)"),
        "{text}"
    );
    // The same dates give three clear days in Wales, where the 30th is a
    // working day.
    let wales = Council::new("jurisdiction: wales");
    let m = wales.meeting("2020-12-03", "2020-11-27", APOLOGIES);
    let loaded = pack::load_meeting(&m, None).unwrap_or_else(|e| panic!("Wales: {}", messages(&e)));
    assert_eq!(loaded.clear_days, 3);
    // And a Scottish council that works on St Andrew's Day says so.
    let working = Council::new("jurisdiction: scotland\npack: { not_bank_holidays: [2020-11-30] }");
    let m = working.meeting("2020-12-03", "2020-11-27", APOLOGIES);
    assert!(pack::load_meeting(&m, None).is_ok());
}

// ---------------------------------------------------------------------
// Notices and the exclusion resolution

/// The agenda front sheet (Markdown) of a meeting whose item 3 is the
/// seed, exempt under `paragraphs`, after an exclusion item.
fn front_sheet(law: &str, paragraphs: &str) -> (agenda::Agenda, String) {
    let c = Council::new(&format!("jurisdiction: {law}"));
    c.seed(
        "exempt",
        &format!("exempt: {{ paragraphs: [{paragraphs}] }}"),
    );
    let m = c.meeting(
        "2022-11-07",
        "2022-10-28",
        "  - title: Apologies for absence\n  - exclusion: Yes\n  - report: ../seed.yaml\n",
    );
    let loaded = pack::load_meeting(&m, None).unwrap_or_else(|e| panic!("{law}: {}", messages(&e)));
    let view = agenda::build(&loaded);
    let md = agenda::render(&view, Format::Markdown, None).unwrap();
    (view, md)
}

#[test]
fn the_exclusion_resolution_in_england() {
    let (view, md) = front_sheet("england", "3");
    assert_eq!(view.items[1].title, "Exclusion of the press and public");
    let resolution = "That, under Section 100A(4) of the Local Government Act 1972, the public be excluded from the meeting for the following item of business (item 3) on the grounds that it involves the likely disclosure of exempt information as defined in paragraph 3 of Part 1 of Schedule 12A to the Act.";
    assert_eq!(view.items[1].text, resolution);
    assert!(
        md.contains(&format!(
            "### 2. Exclusion of the press and public\n\n{resolution}\n"
        )),
        "{md}"
    );
    assert!(md.contains("This report is not for publication because it contains exempt information under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972."), "{md}");
}

#[test]
fn the_exclusion_resolution_in_wales() {
    let (view, md) = front_sheet("wales", "14");
    assert_eq!(
        view.items[1].text,
        "That, under Section 100A(4) of the Local Government Act 1972, the public be excluded from the meeting for the following item of business (item 3) on the grounds that it involves the likely disclosure of exempt information as defined in paragraph 14 of Part 4 and paragraph 21 of Part 5 of Schedule 12A to the Act, and that, in all the circumstances of the case, the public interest in maintaining the exemption outweighs the public interest in disclosing the information."
    );
    assert!(md.contains("exempt information under paragraph 14 of Part 4 and paragraph 21 of Part 5 of Schedule 12A to the Local Government Act 1972."), "{md}");
    // Legal professional privilege: no public interest test.
    let (view, _) = front_sheet("wales", "16");
    assert!(
        view.items[1]
            .text
            .contains("as defined in paragraph 16 of Part 4 of Schedule 12A to the Act.")
    );
    assert!(!view.items[1].text.contains("public interest"));
}

#[test]
fn the_exclusion_resolution_in_scotland() {
    let (view, md) = front_sheet("scotland", "8");
    // Templates can cite the law the front sheet follows.
    assert_eq!(view.law.late_items_section, "Section 50B(4)(b)");
    assert_eq!(
        view.items[1].text,
        "That, under Section 50A(4) of the Local Government (Scotland) Act 1973, the public be excluded from the meeting for the following item of business (item 3) on the grounds that it involves the likely disclosure of exempt information as defined in paragraph 8 of Part I of Schedule 7A to the Act."
    );
    assert!(md.contains("This report is not for publication because it contains exempt information under paragraph 8 of Part I of Schedule 7A to the Local Government (Scotland) Act 1973."), "{md}");
}

#[test]
fn an_exclusion_must_come_before_exempt_items() {
    let c = Council::new("");
    // Nothing exempt after it.
    let m = c.meeting(
        "2022-11-07",
        "2022-10-28",
        "  - report: ../seed.yaml\n  - exclusion: Yes\n",
    );
    let text = messages(
        &pack::load_meeting(&m, None)
            .err()
            .expect("nothing to exclude for"),
    );
    assert!(
        text.contains("14[P403] item 2 excludes the public, but no exempt item follows it"),
        "{text}"
    );
    // An exempt item before it.
    c.seed("exempt", "exempt: { paragraphs: [3] }");
    let text = messages(&pack::load_meeting(&m, None).err().unwrap());
    assert!(
        text.contains(
            "[P403] item 1 is exempt, but comes before the exclusion of the public (item 2)"
        ),
        "{text}"
    );
}
