//! `papers check`: each rule failing and passing, its finding snapshotted in
//! the concise and JSON formats (paths masked).

use crate::support;

use assert_cmd::Command;
use support::{Council, SEED, bundled, clean_seed, council_yaml, with_line};

fn seed_yaml() -> String {
    bundled(SEED)
}

/// What `papers check` said about one report, in both machine formats.
struct Checked {
    code: i32,
    concise: String,
    json: Vec<serde_json::Value>,
    ws_path: String,
}

impl Checked {
    fn codes(&self) -> Vec<String> {
        self.json
            .iter()
            .map(|v| v["code"].as_str().unwrap_or("?").to_string())
            .collect()
    }

    fn has(&self, code: &str) -> bool {
        self.codes().iter().any(|c| c == code)
    }

    /// The concise findings of one rule, paths masked.
    fn concise_of(&self, code: &str) -> String {
        let tag = format!("[{code}]");
        let mut out = Vec::new();
        let mut keep = false;
        for line in self.concise.lines() {
            if line.starts_with("  hint:") {
                if keep {
                    out.push(line.to_string());
                }
                continue;
            }
            keep = line.contains(&tag);
            if keep {
                out.push(line.replace(&self.ws_path, "[WS]"));
            }
        }
        assert!(!out.is_empty(), "no {code} in:\n{}", self.concise);
        out.join("\n")
    }

    /// The JSON findings of one rule, one per line, paths masked.
    fn json_of(&self, code: &str) -> String {
        self.json
            .iter()
            .filter(|v| v["code"] == code)
            .map(|v| v.to_string().replace(&self.ws_path, "[WS]"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn check_in(ws: &Council, path: &std::path::Path) -> Checked {
    let run = |format: &str| {
        Command::cargo_bin("papers")
            .unwrap()
            .args(["check", "--format", format])
            .arg(path)
            .output()
            .unwrap()
    };
    let concise = run("concise");
    let json = run("json");
    assert_eq!(concise.status.code(), json.status.code());
    assert!(concise.stdout.is_empty(), "concise goes to stderr");
    let json_text = String::from_utf8(json.stdout).unwrap();
    let json = json_text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    Checked {
        code: concise.status.code().unwrap(),
        concise: String::from_utf8(concise.stderr).unwrap(),
        json,
        ws_path: ws.path().display().to_string(),
    }
}

fn check(yaml: &str) -> Checked {
    let ws = Council::without_trackers();
    let report = ws.report("r", yaml);
    check_in(&ws, &report)
}

fn snapshot(name: &str, checked: &Checked, code: &str) {
    insta::assert_snapshot!(format!("{name}.concise"), checked.concise_of(code));
    insta::assert_snapshot!(format!("{name}.json"), checked.json_of(code));
}

fn with_body_text(yaml: &str, text: &str) -> String {
    yaml.replace(
        "  ## Key Issues\n",
        &format!("  {text}\n\n  ## Key Issues\n"),
    )
}

#[test]
fn the_clean_seed_has_no_findings_and_check_says_nothing() {
    let checked = check(&clean_seed());
    assert_eq!(checked.code, 0);
    assert!(checked.json.is_empty(), "{:?}", checked.json);
    assert_eq!(checked.concise, "", "check is silent when all is well");
}

#[test]
fn the_bundled_seed_has_no_errors() {
    let out = Command::cargo_bin("papers")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(support::bundled_path(support::SEED))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("\"severity\":\"error\""), "{text}");
}

#[test]
fn p201_key_decision_needs_the_forward_plan_or_an_urgency_route() {
    let bad = with_line(&clean_seed(), "key_decision", "key_decision: Yes");
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p201", &checked, "P201");

    let on_plan = with_line(&bad, "forward_plan", "forward_plan: Yes");
    assert!(!check(&on_plan).has("P201"));
    let urgent = format!(
        "{bad}urgency:\n  route: general_exception\n  reason: The contract ends on 31 March and a new one must be let first.\n"
    );
    let checked = check(&urgent);
    assert!(
        !checked.has("P201") && !checked.has("P202"),
        "{}",
        checked.concise
    );
    // The seed is not a key decision and passes.
    assert!(!check(&clean_seed()).has("P201"));
}

#[test]
fn p202_an_urgency_route_needs_its_reason() {
    let bad = with_line(&clean_seed(), "key_decision", "key_decision: Yes")
        + "urgency:\n  route: special_urgency\n";
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p202", &checked, "P202");
}

#[test]
fn p203_schedule_12a_paragraphs() {
    let bad = with_line(&clean_seed(), "exempt", "exempt: { paragraphs: [9] }");
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p203", &checked, "P203");
    let no_paragraph = check(&with_line(&clean_seed(), "exempt", "exempt: Yes"));
    assert!(no_paragraph.has("P203"), "{}", no_paragraph.concise);
    let good = with_line(&clean_seed(), "exempt", "exempt: { paragraphs: [3] }");
    assert!(!check(&good).has("P203"));
}

#[test]
fn p204_a_decision_needs_both_clearances() {
    let decision = clean_seed().replace(
        "  - To note and comment upon the content of the report.",
        "  - To approve the revised improvement plan.",
    );
    let bad = decision.replace("  legal_clearance: LD. 5193\n", "");
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p204", &checked, "P204");
    // With the reference it passes; a report only to note may rely on
    // `internal` instead.
    assert!(!check(&decision).has("P204"));
    let noting = clean_seed()
        .replace("  legal_clearance: LD. 5193\n", "")
        .replace(
            "  external: Not applicable\n",
            "  external: Not applicable\n  internal: The Monitoring Officer has been consulted.\n",
        );
    let checked = check(&noting);
    assert!(!checked.has("P204"), "{}", checked.concise);
}

#[test]
fn p205_clearance_references_have_the_council_prefix() {
    let bad = clean_seed().replace("finance_clearance: FD. 6993", "finance_clearance: LD. 6993");
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p205", &checked, "P205");
}

#[test]
fn p301_p302_committee_and_wards_are_the_councils() {
    let bad = with_line(&clean_seed(), "committee", "committee: Cabinett");
    let bad = with_line(&bad, "wards", "wards: [Ainsdale, Birkdaale]");
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p301", &checked, "P301");
    snapshot("p302", &checked, "P302");
    let good = with_line(&clean_seed(), "wards", "wards: [Ainsdale, Birkdale]");
    let checked = check(&good);
    assert!(!checked.has("P301") && !checked.has("P302"));
}

#[test]
fn p303_every_core_purpose_and_no_other() {
    let bad = clean_seed()
        .replace("  Cleaner Greener: N/A\n", "")
        .replace(
            "  Greater income for social investment:",
            "  Greater income:",
        );
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p303", &checked, "P303");
}

#[test]
fn p304_contact_email_is_an_address() {
    let bad = clean_seed().replace("email: martin.birch@sefton.gov.uk", "email: a@b@c.d");
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p304", &checked, "P304");
    assert!(!check(&clean_seed()).has("P304"));
}

#[test]
fn p305_a_weekday_matches_its_date() {
    let bad = with_body_text(
        &clean_seed(),
        "The Committee last met on Tuesday 7 November 2022 and meets again on Monday, 9th January 2023.",
    );
    let checked = check(&bad);
    assert_eq!(checked.code, 0, "a warning only");
    snapshot("p305", &checked, "P305");
    let good = with_body_text(
        &clean_seed(),
        "The Committee met on Monday 7 November 2022.",
    );
    assert!(!check(&good).has("P305"));
}

#[test]
fn p307_p308_appendices_are_listed_and_mentioned() {
    let bad = with_body_text(&bundled(SEED), "The action plan is at appendix C.");
    let checked = check(&bad);
    assert_eq!(checked.code, 0, "warnings only");
    snapshot("p307", &checked, "P307");
    snapshot("p308", &checked, "P308");
    let unlisted = bundled(SEED).replace("  - The Commissioner's report is attached\n", "");
    let good = with_line(
        &with_body_text(&unlisted, "See Appendices A and B."),
        "appendices",
        "appendices: [\"Appendix A: The Commissioner's report\", \"Appendix B: The action plan\"]",
    );
    let checked = check(&good);
    assert!(
        !checked.has("P307") && !checked.has("P308"),
        "{}",
        checked.concise
    );
}

#[test]
fn p309_background_papers_are_stated() {
    let bad = with_line(&clean_seed(), "background_papers", "");
    let checked = check(&bad);
    assert_eq!(checked.code, 0);
    snapshot("p309", &checked, "P309");
    // `[]` states "There are no background papers".
    assert!(!check(&clean_seed()).has("P309"));
}

#[test]
fn p310_implementation_is_not_before_the_meeting() {
    let bad = with_line(
        &clean_seed(),
        "implementation_date",
        "implementation_date: From 1 April 2021, after call-in.",
    );
    let checked = check(&bad);
    assert_eq!(checked.code, 0);
    snapshot("p310", &checked, "P310");
    let good = with_line(
        &clean_seed(),
        "implementation_date",
        "implementation_date: From 1 April 2023.",
    );
    assert!(!check(&good).has("P310"));
}

#[test]
fn p311_tracker_due_dates_are_plausible() {
    let ws = Council::without_trackers();
    let tracker = ws.path().join("reports/tracker.yaml");
    std::fs::write(
        &tracker,
        "title: T\nas_at: 2023-02-28\nitems:\n  - {ref: R1, action: a, owner: o, due: 2203-01-31, status: on track, update: u}\n  - {ref: R2, action: a, owner: o, due: 2023-04-30, status: on track, update: u}\n  - {ref: R3, action: a, owner: o, due: 1923-01-31, status: complete, update: u}\n",
    )
    .unwrap();
    let checked = check_in(&ws, &tracker);
    assert_eq!(checked.code, 0);
    snapshot("p311", &checked, "P311");
    assert_eq!(checked.codes(), ["P311", "P311"], "R2 is fine");
}

#[test]
fn p312_progress_markers_match_the_trackers() {
    let bad = with_body_text(&clean_seed(), "{{ progress 2 }}");
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p312", &checked, "P312");
}

#[test]
fn p306_recommendations_are_not_empty() {
    let bad = with_line(&clean_seed(), "recommendations", "recommendations: []").replace(
        "  - To note and comment upon the content of the report.\n",
        "",
    );
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p306", &checked, "P306");
}

#[test]
fn load_errors_have_codes() {
    let bad = with_line(&clean_seed(), "subject", "subjet: x");
    let bad = with_line(&bad, "forward_plan", "forward_plan: Maybe");
    let checked = check(&bad);
    assert_eq!(checked.code, 1);
    snapshot("p103", &checked, "P103");
    snapshot("p104", &checked, "P104");
    snapshot("p105", &checked, "P105");
    let checked = check("a: [1, 2\n");
    snapshot("p101", &checked, "P101");
}

#[test]
fn a_council_sets_rules_to_warning_or_off() {
    let ws = Council::without_trackers();
    std::fs::write(
        ws.path().join("council.yaml"),
        council_yaml() + "rules:\n  P201: warning\n  P305: off\n",
    )
    .unwrap();
    let yaml = with_body_text(
        &with_line(&clean_seed(), "key_decision", "key_decision: Yes"),
        "It met on Tuesday 7 November 2022.",
    );
    let report = ws.report("r", &yaml);
    let checked = check_in(&ws, &report);
    assert_eq!(checked.code, 0, "{}", checked.concise);
    assert!(
        checked.concise.contains("warning[P201]"),
        "{}",
        checked.concise
    );
    assert!(!checked.has("P305"));
    // `render` follows the same settings.
    Command::cargo_bin("papers")
        .unwrap()
        .args(["render", "--to", "md", "--out"])
        .arg(ws.path().join("out"))
        .arg(&report)
        .assert()
        .success();
}

#[test]
fn an_unknown_or_fixed_rule_in_council_yaml_is_an_error() {
    let ws = Council::without_trackers();
    let council = ws.path().join("council.yaml");
    std::fs::write(
        &council,
        council_yaml() + "rules:\n  P3055: off\n  P101: off\n",
    )
    .unwrap();
    let checked = check_in(&ws, &council);
    assert_eq!(checked.code, 1);
    snapshot("p109", &checked, "P109");
}

#[test]
fn p316_a_reference_to_no_character_is_named_at_its_field() {
    let bad = with_body_text(&clean_seed(), "A broken reference: &#0; here.");
    let checked = check(&bad);
    assert_eq!(checked.code, 0, "a warning: {}", checked.concise);
    snapshot("p316", &checked, "P316");
    // `&#169;` is a character: nothing to say.
    let fine = with_body_text(&clean_seed(), "Copyright &#169; Sefton Council.");
    assert!(!check(&fine).has("P316"));
}

/// What a case's text is, and so how it is run.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Input {
    /// A report (`reports/r.yaml`): `check` and `render` on it.
    Report,
    /// A meeting (`reports/meetings/m.yaml`) whose agenda holds the clean
    /// seed (`reports/seed.yaml`): `check` and `pack` on the meeting.
    Meeting,
    /// The council's `council.yaml` ("" for none at all), with the clean
    /// seed as `reports/r.yaml`: `check` and `render` on the report.
    Council,
}

/// One rule's failing and passing input.
struct Case {
    code: &'static str,
    input: Input,
    bad: fn() -> String,
    good: fn() -> String,
}

const fn report(code: &'static str, bad: fn() -> String, good: fn() -> String) -> Case {
    Case {
        code,
        input: Input::Report,
        bad,
        good,
    }
}

/// A house style in council.yaml: the passing input is the built-in style.
const fn style_case(code: &'static str, bad: fn() -> String) -> Case {
    Case {
        code,
        input: Input::Council,
        bad,
        good: council_yaml,
    }
}

/// A meeting of the committee the seed was written for, on its date,
/// published in time, with the seed on its agenda.
const MEETING: &str = support::SEED_MEETING;

fn meeting() -> String {
    MEETING.to_string()
}

/// The rules, each with an input that breaks it and one that does not.
/// Each runs through `check` and through the command that makes the
/// paper (`render`, or `pack` for a meeting), which must agree: the same
/// finding, printed alike, and the paper refused exactly when the finding
/// is an error.
const CASES: &[Case] = &[
    report("P101", || "subject: [unclosed\n".into(), clean_seed),
    report(
        "P102",
        || with_line(&clean_seed(), "subject", "subject: A\nsubject: B"),
        clean_seed,
    ),
    report("P103", || clean_seed() + "subjet: x\n", clean_seed),
    report(
        "P104",
        || clean_seed().replace("\nsubject:", "\nsubjectx:"),
        clean_seed,
    ),
    report(
        "P105",
        || with_line(&clean_seed(), "key_decision", "key_decision: Maybe"),
        clean_seed,
    ),
    report("P106", String::new, clean_seed),
    Case {
        code: "P107",
        input: Input::Council,
        bad: String::new,
        good: council_yaml,
    },
    Case {
        code: "P109",
        input: Input::Council,
        bad: || council_yaml() + "rules:\n  P3055: off\n  P101: off\n",
        good: || council_yaml() + "rules:\n  P305: off\n",
    },
    style_case("P120", || {
        council_yaml() + "house_style:\n  header: [comittee]\n"
    }),
    style_case("P121", || {
        council_yaml() + "house_style:\n  fields:\n    summary: { type: text, label: S }\n"
    }),
    style_case("P122", || {
        council_yaml() + "house_style:\n  sections:\n    - { group: Alone }\n"
    }),
    style_case("P123", || {
        council_yaml() + "house_style:\n  numbering: { paragraphs: roman }\n"
    }),
    style_case("P124", || {
        council_yaml() + "house_style:\n  fields:\n    pick: { type: choice, label: P }\n"
    }),
    style_case("P125", || {
        council_yaml() + "house_style:\n  header: [summary]\n"
    }),
    style_case("P126", || {
        council_yaml()
            + "house_style:\n  header: [committee, meeting_date, subject]\n  sections: [summary, recommendations, body]\n"
    }),
    style_case("P127", || council_yaml() + "languages: [en, fr]\n"),
    style_case("P128", || {
        council_yaml() + "house_style:\n  labels:\n    subject: { en: Subject, cy: Pwnc }\n"
    }),
    report(
        "P201",
        || with_line(&clean_seed(), "key_decision", "key_decision: Yes"),
        || {
            let key = with_line(&clean_seed(), "key_decision", "key_decision: Yes");
            with_line(&key, "forward_plan", "forward_plan: Yes")
        },
    ),
    report(
        "P202",
        || {
            with_line(&clean_seed(), "key_decision", "key_decision: Yes")
                + "urgency:\n  route: special_urgency\n"
        },
        || {
            with_line(&clean_seed(), "key_decision", "key_decision: Yes")
                + "urgency:\n  route: special_urgency\n  reason: The contract ends first.\n"
        },
    ),
    report(
        "P203",
        || with_line(&clean_seed(), "exempt", "exempt: { paragraphs: [9] }"),
        || with_line(&clean_seed(), "exempt", "exempt: { paragraphs: [3] }"),
    ),
    report(
        "P204",
        || {
            clean_seed()
                .replace(
                    "  - To note and comment upon the content of the report.",
                    "  - To approve the revised improvement plan.",
                )
                .replace("  legal_clearance: LD. 5193\n", "")
        },
        || {
            clean_seed().replace(
                "  - To note and comment upon the content of the report.",
                "  - To approve the revised improvement plan.",
            )
        },
    ),
    report(
        "P205",
        || clean_seed().replace("finance_clearance: FD. 6993", "finance_clearance: LD. 6993"),
        clean_seed,
    ),
    report(
        "P300",
        || clean_seed().replace("summary: To outline", "summary: TODO To outline"),
        clean_seed,
    ),
    report(
        "P301",
        || with_line(&clean_seed(), "committee", "committee: Planning Cmttee"),
        clean_seed,
    ),
    report(
        "P302",
        || with_line(&clean_seed(), "wards", "wards: [Atlantis]"),
        || with_line(&clean_seed(), "wards", "wards: all"),
    ),
    report(
        "P303",
        || clean_seed().replace("  Cleaner Greener: N/A\n", ""),
        clean_seed,
    ),
    report(
        "P304",
        || clean_seed().replace("email: martin.birch@sefton.gov.uk", "email: martin.birch"),
        clean_seed,
    ),
    report(
        "P305",
        || with_body_text(&clean_seed(), "It met on Tuesday 7 November 2022."),
        || with_body_text(&clean_seed(), "It met on Monday 7 November 2022."),
    ),
    report(
        "P306",
        || {
            with_line(&clean_seed(), "recommendations", "recommendations: []").replace(
                "  - To note and comment upon the content of the report.\n",
                "",
            )
        },
        clean_seed,
    ),
    report(
        "P307",
        || with_body_text(&clean_seed(), "See also Appendix 2."),
        || with_body_text(&clean_seed(), "See also Appendix 1."),
    ),
    report("P308", seed_yaml, clean_seed),
    report(
        "P309",
        || with_line(&clean_seed(), "background_papers", ""),
        clean_seed,
    ),
    report(
        "P310",
        || {
            with_line(
                &clean_seed(),
                "implementation_date",
                "implementation_date: From 1 April 2021.",
            )
        },
        || {
            with_line(
                &clean_seed(),
                "implementation_date",
                "implementation_date: From 1 April 2023.",
            )
        },
    ),
    report(
        "P312",
        || with_body_text(&clean_seed(), "{{ progress 2 }}"),
        clean_seed,
    ),
    report(
        "P315",
        || with_body_text(&clean_seed(), "###"),
        || with_body_text(&clean_seed(), "### A heading"),
    ),
    report(
        "P316",
        || with_body_text(&clean_seed(), "A &#0; reference."),
        || with_body_text(&clean_seed(), "A &#169; reference."),
    ),
    Case {
        code: "P401",
        input: Input::Meeting,
        bad: || {
            MEETING
                .replace("date: 2022-11-07", "date: 2022-11-14")
                .replace("published: 2022-10-28", "published: 2022-11-04")
        },
        good: meeting,
    },
    Case {
        code: "P402",
        input: Input::Meeting,
        bad: || MEETING.replace("published: 2022-10-28", "published: 2022-11-01"),
        good: || {
            MEETING.replace("published: 2022-10-28", "published: 2022-11-01")
                + "short_notice: The Ofsted letter arrived on 31 October.\n"
        },
    },
    Case {
        code: "P403",
        input: Input::Meeting,
        bad: || MEETING.to_string() + "  - title: Exclusion of the public\n    exclusion: Yes\n",
        good: meeting,
    },
    Case {
        code: "P404",
        input: Input::Meeting,
        bad: || MEETING.to_string() + "  - report: ./../seed.yaml\n",
        good: meeting,
    },
];

/// What `check` and the paper's command made of one case's input.
struct Ran {
    checked: Checked,
    /// The command that makes the paper: exit code, stderr, and whether
    /// it wrote its output.
    code: i32,
    stderr: String,
    written: bool,
}

fn run_case(input: Input, text: &str) -> Ran {
    let ws = Council::without_trackers();
    let papers = || {
        let mut cmd = Command::cargo_bin("papers").unwrap();
        cmd.env("SOURCE_DATE_EPOCH", "1667779200");
        cmd
    };
    let out = ws.path().join("out");
    let (file, mut cmd) = match input {
        Input::Report | Input::Council => {
            let yaml = if input == Input::Report {
                text.to_string()
            } else {
                let council = ws.path().join("council.yaml");
                if text.is_empty() {
                    std::fs::remove_file(&council).unwrap();
                } else {
                    std::fs::write(&council, text).unwrap();
                }
                clean_seed()
            };
            let report = ws.report("r", &yaml);
            let mut cmd = papers();
            cmd.args(["render", "--quiet", "--to", "md", "--out"])
                .arg(&out)
                .arg(&report);
            (report, cmd)
        }
        Input::Meeting => {
            ws.report("seed", &clean_seed());
            let dir = ws.path().join("reports/meetings");
            std::fs::create_dir_all(&dir).unwrap();
            let meeting = dir.join("m.yaml");
            std::fs::write(&meeting, text).unwrap();
            let mut cmd = papers();
            cmd.args(["pack", "--quiet", "--out"])
                .arg(&out)
                .arg(&meeting);
            (meeting, cmd)
        }
    };
    let checked = check_in(&ws, &file);
    let run = cmd.output().unwrap();
    Ran {
        checked,
        code: run.status.code().unwrap(),
        stderr: String::from_utf8(run.stderr).unwrap(),
        written: out.exists(),
    }
}

#[test]
fn every_case_is_found_alike_by_check_and_the_command_that_makes_the_paper() {
    for case in CASES {
        let ran = run_case(case.input, &(case.bad)());
        let what = format!("{} ({:?})", case.code, case.input);
        let found: Vec<_> = ran
            .checked
            .json
            .iter()
            .filter(|v| v["code"] == case.code)
            .collect();
        assert!(
            !found.is_empty(),
            "{what}: check does not find it: {:?}",
            ran.checked.json
        );
        let is_error = found.iter().any(|v| v["severity"] == "error");
        assert_eq!(ran.code, i32::from(is_error), "{what}: {}", ran.stderr);
        assert_eq!(
            ran.written, !is_error,
            "{what}: written only without errors"
        );
        // Each finding of the rule, as `check --format concise` prints it
        // (code, place, message), is printed the same by the command.
        let tag = format!("[{}] ", case.code);
        let lines: Vec<&str> = ran
            .checked
            .concise
            .lines()
            .filter(|l| l.contains(&tag))
            .collect();
        assert_eq!(lines.len(), found.len(), "{what}: {}", ran.checked.concise);
        for line in lines {
            assert!(
                ran.stderr.lines().any(|l| l == line),
                "{what}: the command lacks `{line}` in:\n{}",
                ran.stderr
            );
        }

        let ran = run_case(case.input, &(case.good)());
        assert!(
            !ran.checked.has(case.code),
            "{what}: the passing input: {}",
            ran.checked.concise
        );
        assert_eq!((ran.code, ran.written), (0, true), "{what}: {}", ran.stderr);
    }
}

/// Codes that no input in a council's folder raises through `check` as a
/// case can: a file that cannot be read or written (P100), files named
/// by a report or council (P108, tested in `progress`, `cli`, `pack_errors`),
/// templates (P110, `cli`, `pdf`, `pack_errors`), the command line
/// (P111, `defects`, `cli`), the trackers a report cites (P311, P313,
/// P314, `progress`), `papers import` (P130, P131, `import`) and a bug in
/// papers (P900). Each must still be made
/// somewhere outside the registry and the tests: `Code::P...` in `src/`.
const RAISED_ELSEWHERE: &[&str] = &[
    "P100", "P108", "P110", "P111", "P130", "P131", "P311", "P313", "P314", "P900",
];

/// Every registered rule is raised: by a case above, or (for the few
/// listed in [`RAISED_ELSEWHERE`]) where its code is given to a finding.
#[test]
fn every_registered_rule_is_raised() {
    fn sources(dir: &std::path::Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                // The registry and the code list declare every code, and
                // a unit test may name any: leave them out.
                if path.ends_with("check/rules.rs") || path.ends_with("diagnostics/code.rs") {
                    continue;
                }
                let code = match text.find("#[cfg(test)]\nmod tests") {
                    Some(i) => &text[..i],
                    None => &text,
                };
                out.push_str(code);
            }
        }
    }
    let mut text = String::new();
    sources(&support::root().join("src"), &mut text);
    let mut never = Vec::new();
    for rule in committee_papers::check::rules::RULES {
        let code = rule.code.as_str();
        let cased = CASES.iter().any(|c| c.code == code);
        let elsewhere = RAISED_ELSEWHERE.contains(&code);
        assert!(
            !(cased && elsewhere),
            "{code} has a case: take it out of RAISED_ELSEWHERE"
        );
        let raised = cased || (elsewhere && text.contains(&format!("Code::{code}")));
        if !raised {
            never.push(code);
        }
    }
    assert!(never.is_empty(), "registered but never raised: {never:?}");
}

/// The README's table of rules and the council schema are generated from
/// the registry; `PAPERS_BLESS=1` rewrites them.
#[test]
fn generated_readme_table_and_council_schema_are_in_sync() {
    let bless = std::env::var_os("PAPERS_BLESS").is_some();
    let readme_path = support::root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let (begin, end) = ("<!-- rules:begin -->\n", "<!-- rules:end -->");
    let start = readme
        .find(begin)
        .expect("README has the rules:begin marker")
        + begin.len();
    let stop = readme.find(end).expect("README has the rules:end marker");
    let table = committee_papers::check::rules::readme_table();
    let schema_path = support::root().join("schema/council.schema.json");
    let schema = committee_papers::schema::generate("council").unwrap();
    if bless {
        let updated = format!("{}{table}{}", &readme[..start], &readme[stop..]);
        std::fs::write(&readme_path, updated).unwrap();
        std::fs::write(&schema_path, &schema).unwrap();
        return;
    }
    assert!(
        readme[start..stop] == table,
        "the README's table of rules is stale: run `PAPERS_BLESS=1 cargo test --release --test it -- rules::generated`"
    );
    assert!(
        std::fs::read_to_string(&schema_path).unwrap() == schema,
        "schema/council.schema.json is stale: run `PAPERS_BLESS=1 cargo test --release --test it -- rules::generated`"
    );
}

/// The council schema accepts the `pack:` block the README documents.
#[test]
fn the_council_schema_accepts_the_readmes_pack_block() {
    let schema: serde_json::Value =
        serde_json::from_str(&committee_papers::schema::generate("council").unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let yaml = council_yaml()
        + "pack:\n  clear_days: 5\n  bank_holidays: [2026-12-29]\n  not_bank_holidays: []\n  odd_page_starts: Yes\n  standing_text:\n    key_decision: K\n    access: A\n    filming: F\n";
    let tree = committee_papers::load::yaml::parse(&yaml).unwrap().unwrap();
    let json = committee_papers::schema::yaml_to_json(&tree);
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // A misspelt key in it is still flagged, and so is an unknown rule.
    let bad = yaml.replace("  clear_days: 5", "  clear_dayz: 5") + "rules:\n  P999: off\n";
    let tree = committee_papers::load::yaml::parse(&bad).unwrap().unwrap();
    let json = committee_papers::schema::yaml_to_json(&tree);
    assert_eq!(validator.iter_errors(&json).count(), 2);
}

/// `papers check` on a report reads its cited trackers only inside the
/// council's folder, as loading does: a tracker outside is P108, and
/// nothing of it is read (no P311 on its due dates).
#[test]
fn check_reads_no_cited_tracker_outside_the_council_folder() {
    let ws = Council::without_trackers();
    let outside = tempfile::tempdir().unwrap();
    let tracker = outside.path().join("t.yaml");
    std::fs::write(
        &tracker,
        "title: T\nas_at: 2023-02-28\nitems:\n  - {ref: R1, action: a, owner: o, due: 2203-01-31, status: on track, update: u}\n",
    )
    .unwrap();
    let rel = pathdiff(&tracker, &ws.path().join("reports"));
    let yaml = clean_seed() + &format!("progress: {rel}\n");
    let report = ws.report("r", &yaml);
    let checked = check_in(&ws, &report);
    assert!(checked.has("P108"), "{:?}", checked.json);
    assert!(
        !checked.has("P311"),
        "the outside file was read: {:?}",
        checked.json
    );
}

/// `to` as a path relative to `from` (both absolute).
fn pathdiff(to: &std::path::Path, from: &std::path::Path) -> String {
    let ups = from.components().count();
    let mut rel = "../".repeat(ups);
    rel.push_str(to.strip_prefix("/").unwrap().to_str().unwrap());
    rel
}
