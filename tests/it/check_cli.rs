//! `papers check` as a command: paths and folders, the human format and
//! colour, exit codes, council profiles and templates, and `papers new`
//! followed by `papers check`.

use crate::support;

use assert_cmd::Command;
use predicates::prelude::*;
use support::{Council, SEED, bundled, copy_tree, council_yaml, root, with_line};

fn papers() -> Command {
    Command::cargo_bin("papers").unwrap()
}

fn json_codes(out: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["code"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn human_format_shows_the_line_with_a_caret_and_the_hint() {
    let ws = Council::without_trackers();
    let report = ws.report(
        "r",
        &with_line(&bundled(SEED), "committee", "committee: Cabinett"),
    );
    let out = papers()
        .current_dir(ws.path())
        .args(["check", "reports/r.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stderr).unwrap();
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    let _ = report;
    insta::assert_snapshot!("human.committee", text);
}

#[test]
fn color_always_colours_and_never_does_not() {
    let ws = Council::without_trackers();
    let report = ws.report(
        "r",
        &with_line(&bundled(SEED), "committee", "committee: Cabinett"),
    );
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = papers();
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd.arg("check").args(args).arg(&report).output().unwrap();
        String::from_utf8(out.stderr).unwrap()
    };
    assert!(run(&["--color", "always"], false).contains("\u{1b}["));
    assert!(!run(&["--color", "never"], false).contains('\u{1b}'));
    assert!(!run(&[], true).contains('\u{1b}'));
}

#[test]
fn exit_codes() {
    let ws = Council::without_trackers();
    let clean = ws.report(
        "clean",
        &bundled(SEED).replace(
            "  ## Key Issues\n",
            "  See Appendix 1.\n\n  ## Key Issues\n",
        ),
    );
    let warned = ws.report("warned", &bundled(SEED));
    let broken = ws.report(
        "broken",
        &with_line(&bundled(SEED), "key_decision", "key_decision: Maybe"),
    );
    papers()
        .arg("check")
        .arg(&clean)
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    papers()
        .arg("check")
        .arg(&warned)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("warning[P308]"));
    papers()
        .arg("check")
        .arg(&broken)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[P105]: `key_decision` should be Yes or No, found `Maybe`\n",
        ));
    papers()
        .arg("check")
        .arg(ws.path().join("reports/missing.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "error[P100]: file not found\n--> {}\n = help: check the file name and folder",
            ws.path().join("reports/missing.yaml").display()
        )));
    papers()
        .args(["check", "--format", "xml"])
        .arg(&clean)
        .assert()
        .code(2);
    assert!(!ws.path().join("out").exists(), "check writes nothing");
}

#[test]
fn a_folder_is_walked_and_its_council_profile_checked() {
    let ws = Council::without_trackers();
    std::fs::write(
        ws.path().join("council.yaml"),
        council_yaml().replace("committees:", "comittees:"),
    )
    .unwrap();
    ws.report("r", &bundled(SEED));
    let out = papers()
        .args(["check", "--format", "concise"])
        .arg(ws.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stderr).unwrap();
    let council = ws.path().join("council.yaml").display().to_string();
    assert!(
        text.contains(&format!(
            "{council}:35:1: error[P103] unknown field `comittees`"
        )),
        "{text}"
    );
    assert!(text.contains("did you mean `committees`?"), "{text}");
    assert_eq!(
        text.matches("unknown field `comittees`").count(),
        1,
        "reported once, not once per report: {text}"
    );
}

#[test]
fn council_yaml_named_on_the_command_line_is_checked() {
    let ws = Council::without_trackers();
    let council = ws.path().join("council.yaml");
    std::fs::write(&council, council_yaml().replace("name:", "nme:")).unwrap();
    let out = papers()
        .args(["check", "--format", "json"])
        .arg(&council)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let codes = json_codes(&out);
    assert!(codes.contains(&"P103".to_string()), "{codes:?}");
    assert!(codes.contains(&"P104".to_string()), "{codes:?}");
}

#[test]
fn a_broken_council_template_is_caught_by_check() {
    let ws = Council::without_trackers();
    ws.template("header.html.tera", "<p>{{ report.subject </p>\n");
    let report = ws.report(
        "r",
        &bundled(SEED).replace(
            "  ## Key Issues\n",
            "  See Appendix 1.\n\n  ## Key Issues\n",
        ),
    );
    for path in [report, ws.path().join("council.yaml")] {
        let out = papers()
            .args(["check", "--format", "concise"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", path.display());
        let text = String::from_utf8(out.stderr).unwrap();
        assert!(text.contains("header.html.tera"), "{text}");
        assert!(text.contains("error[P110]"), "{text}");
    }
    assert!(!ws.path().join("out").exists());
}

#[test]
fn a_broken_typst_override_is_caught_by_check() {
    let ws = Council::without_trackers();
    ws.template("header.typ", "#let header(data) = {\n  let x = (\n}\n");
    let report = ws.report("r", &bundled(SEED));
    let out = papers()
        .args(["check", "--format", "json"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(json_codes(&out).contains(&"P110".to_string()));
}

#[test]
fn new_report_then_check_reports_only_the_todos() {
    let ws = Council::without_trackers();
    let path = ws.path().join("reports/new.yaml");
    papers()
        .args(["new", "report"])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    // Filled in from council.yaml.
    assert!(
        text.contains("Overview and Scrutiny Committee (Children's Services and Safeguarding)")
    );
    assert!(text.contains("  Protect the most vulnerable: TODO"));
    assert!(text.contains("  Cleaner Greener: TODO"));
    assert!(text.contains("finance_clearance: FD. TODO"));
    assert!(text.contains("legal_clearance: LD. TODO"));
    assert!(text.contains("Netherton and Orrell"));

    let out = papers()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let codes = json_codes(&out);
    let todo_scalars = text
        .lines()
        .filter(|l| l.split('#').next().unwrap().contains("TODO"))
        .count();
    assert_eq!(codes.len(), todo_scalars, "{codes:?}");
    assert!(codes.iter().all(|c| c == "P300"), "{codes:?}");

    // Filling in the TODOs leaves a report that checks clean of errors.
    let filled = fill_todos(&text);
    std::fs::write(&path, filled).unwrap();
    let out = papers()
        .args(["check", "--format", "concise"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn new_report_follows_the_councils_house_style_and_writes_its_schema() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("examples/london-borough"), dir.path());
    let path = dir.path().join("new.yaml");
    papers()
        .args(["new", "report"])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    // The modeline names the council's own schema, written beside council.yaml.
    assert!(
        text.starts_with("# yaml-language-server: $schema=report.schema.json\n"),
        "{text}"
    );
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("report.schema.json")).unwrap(),
    )
    .unwrap();
    let props = &schema["properties"];
    assert_eq!(
        props["call_in"]["description"],
        "Decision subject to Call-in (yes_no)"
    );
    assert!(props["clearance"]["items"].is_object());
    assert!(props["contact_details"]["properties"]["email"].is_object());
    // The style's order: the header's rows, then its parts, groups as comments.
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '#']) && l.contains(':'))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "committee",
            "meeting_date",
            "subject",
            "key_decision",
            "report_of",
            "portfolio",
            "exempt",
            "call_in",
            "wards",
            "appendices",
            "summary",
            "recommendations",
            "reason",
            "body",
            "policy",
            "clearance",
            "contact_details",
            "background_papers",
            "forward_plan",
            "urgency",
            "progress"
        ]
    );
    // Labels and types as the comments.
    assert!(text.contains("call_in: TODO  # Decision subject to Call-in (yes_no): Yes or No"));
    assert!(text.contains("policy: TODO  # Policy Framework (markdown, optional)"));
    assert!(text.contains("#   Officer | Name | Date\n  - [TODO, TODO, TODO]\n"));
    assert!(text.contains("report_of: TODO  # Responsible Officer: "));
    assert!(text.contains("# Section 2 – Report\n"));
    assert!(text.contains("# Not printed as a field of their own in this house style; the rules (and, for trackers, the body) read them:\n"));

    // Every finding of `check` is a TODO to fill in.
    let out = papers()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let codes = json_codes(&out);
    assert!(!codes.is_empty());
    assert!(codes.iter().all(|c| c == "P300"), "{codes:?}");

    // `papers schema report` there gives the same schema.
    let out = papers()
        .args(["schema", "report", "--council"])
        .arg(dir.path().join("council.yaml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(dir.path().join("report.schema.json")).unwrap()
    );
}

#[test]
fn new_report_never_replaces_a_schema_the_council_wrote() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("examples/london-borough"), dir.path());
    let own = dir.path().join("report.schema.json");
    std::fs::write(&own, "{ \"title\": \"ours\" }\n").unwrap();
    let out = papers()
        .args(["new", "report"])
        .arg(dir.path().join("new.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a schema `papers new` wrote"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&own).unwrap(),
        "{ \"title\": \"ours\" }\n"
    );
}

/// Answers for every TODO of the report skeleton.
fn fill_todos(text: &str) -> String {
    text.lines()
        .map(|line| {
            let (code, comment) = match line.split_once("  #") {
                Some((c, m)) if !line.trim_start().starts_with('#') => (c, format!("  #{m}")),
                _ => (line, String::new()),
            };
            if !code.contains("TODO") {
                return line.to_string();
            }
            let key = code.trim_start().split(':').next().unwrap().trim();
            let value = match key {
                "committee" => "Cabinet",
                "meeting_date" => "2024-03-12",
                "wards" => "all",
                "key_decision" | "forward_plan" => "No",
                "positive" | "neutral" => "N/A",
                "negative" => "No",
                "training" => "Yes",
                "finance_clearance" => "7001",
                "legal_clearance" => "5301",
                "email" => "jo.bloggs@sefton.gov.uk",
                _ => "Filled in.",
            };
            format!("{}{comment}", code.replace("TODO", value))
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn new_refuses_to_overwrite() {
    let ws = Council::without_trackers();
    let path = ws.report("existing", "keep: me\n");
    papers()
        .args(["new", "report"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refused: the file exists already"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep: me\n");
}

#[test]
fn new_progress_then_check_reports_only_the_todos() {
    let ws = Council::without_trackers();
    let path = ws.path().join("reports/tracker.yaml");
    papers()
        .args(["new", "progress"])
        .arg(&path)
        .assert()
        .success();
    let out = papers()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let codes = json_codes(&out);
    assert_eq!(codes.len(), 8, "{codes:?}");
    assert!(codes.iter().all(|c| c == "P300"), "{codes:?}");
}

#[test]
fn new_meeting_then_check_reports_only_the_todos() {
    let ws = Council::without_trackers();
    let path = ws.path().join("reports/meetings/cabinet.yaml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    papers()
        .args(["new", "meeting"])
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("#   Council; Cabinet; Audit and Governance Committee"),
        "{text}"
    );
    assert!(text.contains("5 clear working days"), "{text}");

    let check = |path: &std::path::Path| {
        papers()
            .args(["check", "--format", "json"])
            .arg(path)
            .env("SOURCE_DATE_EPOCH", "1709251200") // 2024-03-01
            .output()
            .unwrap()
    };
    let out = check(&path);
    assert_eq!(out.status.code(), Some(1));
    let codes = json_codes(&out);
    let todo_scalars = text
        .lines()
        .filter(|l| l.split('#').next().unwrap().contains("TODO"))
        .count();
    assert_eq!(todo_scalars, 9, "{text}");
    assert_eq!(codes.len(), todo_scalars, "{codes:?}");
    assert!(codes.iter().all(|c| c == "P300"), "{codes:?}");

    // Filled in, with a report on the agenda, the meeting checks clean.
    let report = ws.report("cabinet-item", &bundled(SEED));
    let seed_committee = "Overview and Scrutiny Committee (Children's Services and Safeguarding)";
    let filled = text
        .replace("committee: TODO", &format!("committee: {seed_committee}"))
        .replace("date: TODO", "date: 2022-11-07")
        .replace("time: TODO", "time: \"18:30\"")
        .replace("email: TODO", "email: democratic.services@sefton.gov.uk")
        .replace("published:  #", "published: 2022-10-28  #")
        .replace("TODO", "Filled in")
        + &format!(
            "  - report: ../{}\n",
            report.file_name().unwrap().to_string_lossy()
        );
    std::fs::write(&path, filled).unwrap();
    let out = check(&path);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn new_needs_a_council_profile() {
    let dir = tempfile::tempdir().unwrap();
    papers()
        .args(["new", "report"])
        .arg(dir.path().join("r.yaml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no council.yaml found"));
    assert!(!dir.path().join("r.yaml").exists());
}

#[test]
fn a_meeting_is_checked_with_its_reports() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(&support::root().join("reports"), dir.path());
    let meeting = dir
        .path()
        .join("meetings/2022-11-07-childrens-services.yaml");
    let clean = papers()
        .env("SOURCE_DATE_EPOCH", "1667779200")
        .args(["check", "--format", "concise"])
        .arg(&meeting)
        .output()
        .unwrap();
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );

    let text = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(
        &meeting,
        text.replace("date: 2022-11-07", "date: 2022-11-08"),
    )
    .unwrap();
    let out = papers()
        .env("SOURCE_DATE_EPOCH", "1667779200")
        .args(["check", "--format", "concise"])
        .arg(&meeting)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[P401]")
            && stderr.contains("2022-11-07")
            && stderr.contains("2022-11-08"),
        "{stderr}"
    );
}
