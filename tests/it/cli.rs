//! The `papers` binary on good and bad input: exit codes, messages, files.

use crate::support;

use assert_cmd::Command;
use predicates::prelude::*;
use support::{Council, SEED, bundled, diagnostics_in, with_line};

fn papers() -> Command {
    Command::cargo_bin("papers").unwrap()
}

fn render_md(ws: &Council, report: &std::path::Path) -> assert_cmd::assert::Assert {
    papers()
        .args(["render", "--to", "md,html", "--out"])
        .arg(ws.path().join("out"))
        .arg(report)
        .assert()
}

/// The diagnostics of a failed render, the folder written as `<dir>`.
fn refused(ws: &Council, report: &std::path::Path, exit: i32) -> Vec<String> {
    let assert = render_md(ws, report).code(exit);
    diagnostics_in(&assert.get_output().stderr, ws.path())
}

#[test]
fn renders_the_seed_to_markdown_and_html() {
    let ws = Council::without_trackers();
    let report = ws.report(SEED, &bundled(SEED));
    render_md(&ws, &report)
        .success()
        .stderr(predicate::str::contains("wrote"));
    let md = std::fs::read_to_string(ws.path().join(format!("out/{SEED}.md"))).unwrap();
    let html = std::fs::read_to_string(ws.path().join(format!("out/{SEED}.html"))).unwrap();
    assert!(md.starts_with("# Children's Services Commissioner\n"));
    assert!(html.contains("<html lang=\"en-GB\">"));
    assert!(
        !ws.path().join(format!("out/{SEED}.pdf")).exists(),
        "--to limits the formats"
    );
}

#[test]
fn malformed_yaml_names_line_and_column() {
    let ws = Council::without_trackers();
    let bad = bundled(SEED).replace("subject: Children's", "subject: [Children's");
    let report = ws.report("bad", &bad);
    let assert = render_md(&ws, &report).code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr);
    assert!(stderr.contains("\n  hint: check the indentation and quoting here"));
    assert_eq!(
        diagnostics_in(stderr.as_bytes(), ws.path()),
        [
            "<dir>/reports/bad.yaml:5:10: error[P101] invalid YAML: illegal placement of ':' indicator"
        ]
    );
}

#[test]
fn every_error_in_a_file_is_reported_at_once() {
    let ws = Council::without_trackers();
    let yaml = with_line(&bundled(SEED), "subject", "subjet: Typo");
    let yaml = with_line(&yaml, "key_decision", "key_decision: Maybe");
    let yaml = with_line(&yaml, "meeting_date", "meeting_date: 7/11/2022");
    let report = ws.report("many", &yaml);
    let assert = render_md(&ws, &report).code(1);
    let err = String::from_utf8_lossy(&assert.get_output().stderr);
    assert_eq!(
        diagnostics_in(err.as_bytes(), ws.path()),
        [
            "<dir>/reports/many.yaml:2:1: error[P104] missing required field `subject`",
            "<dir>/reports/many.yaml:3:15: error[P105] `meeting_date` is not a valid date: `7/11/2022`",
            "<dir>/reports/many.yaml:4:1: error[P103] unknown field `subjet`",
            "<dir>/reports/many.yaml:8:15: error[P105] `key_decision` should be Yes or No, found `Maybe`",
        ]
    );
    assert!(err.contains("\n  hint: did you mean `subject`?\n"), "{err}");
    assert!(
        err.ends_with("\n4 errors found; nothing was written for the reports with errors\n"),
        "{err}"
    );
}

#[test]
fn wrong_type_is_an_error() {
    let ws = Council::without_trackers();
    let yaml = with_line(&bundled(SEED), "summary", "summary: [a, b]");
    let report = ws.report("typed", &yaml);
    assert_eq!(
        refused(&ws, &report, 1),
        ["<dir>/reports/typed.yaml:11:10: error[P105] `summary` should be text, found a list"]
    );
}

#[test]
fn yes_no_and_true_false_are_accepted_in_any_case() {
    let ws = Council::without_trackers();
    let yaml = with_line(&bundled(SEED), "key_decision", "key_decision: NO");
    let yaml = with_line(&yaml, "forward_plan", "forward_plan: false");
    let yaml = with_line(&yaml, "exempt", "exempt: no");
    let report = ws.report("bools", &yaml);
    render_md(&ws, &report).success();
    let md = std::fs::read_to_string(ws.path().join("out/bools.md")).unwrap();
    assert!(md.contains("| Is this a Key Decision: | No |"));
    assert!(md.contains("| Included in Forward Plan: | No |"));
}

#[test]
fn missing_file_is_an_io_error() {
    let ws = Council::without_trackers();
    assert_eq!(
        refused(&ws, &ws.path().join("reports/nope.yaml"), 2),
        ["<dir>/reports/nope.yaml: error[P100] file not found"]
    );
}

#[test]
fn a_directory_is_an_io_error() {
    let ws = Council::without_trackers();
    assert_eq!(
        refused(&ws, &ws.path().join("reports"), 2),
        ["<dir>/reports: error[P100] is a directory, not a file"]
    );
}

#[test]
fn empty_file_is_an_input_error() {
    let ws = Council::without_trackers();
    let report = ws.report("empty", "");
    assert_eq!(
        refused(&ws, &report, 1),
        ["<dir>/reports/empty.yaml: error[P106] the report file is empty"]
    );
}

#[test]
fn no_council_profile_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.yaml");
    std::fs::write(&report, bundled(SEED)).unwrap();
    let assert = papers()
        .args(["render", "--to", "md", "--out"])
        .arg(dir.path().join("out"))
        .arg(&report)
        .assert()
        .code(1);
    assert_eq!(
        diagnostics_in(&assert.get_output().stderr, dir.path()),
        ["<dir>/r.yaml: error[P107] no council.yaml found in <dir> or any folder above it"]
    );
}

#[test]
fn unknown_committee_and_ward_get_suggestions() {
    let ws = Council::without_trackers();
    let yaml = with_line(&support::clean_seed(), "committee", "committee: Cabnet");
    let yaml = with_line(&yaml, "wards", "wards: [Birkdale, Southport Central]");
    let report = ws.report("names", &yaml);
    let assert = render_md(&ws, &report).code(1);
    let err = String::from_utf8_lossy(&assert.get_output().stderr);
    assert_eq!(
        diagnostics_in(err.as_bytes(), ws.path()),
        [
            "<dir>/reports/names.yaml:2:12: error[P301] `Cabnet` is not a committee of Sefton Council",
            "<dir>/reports/names.yaml:6:19: error[P302] `Southport Central` is not a ward of Sefton Council",
        ]
    );
    assert!(err.contains("\n  hint: did you mean `Cabinet`?\n"), "{err}");
}

#[test]
fn a_broken_template_names_the_template_and_line() {
    let ws = Council::without_trackers();
    let report = ws.report("t", &bundled(SEED));
    ws.template("body.md.tera", "ok line\n{% for x in %}\n");
    render_md(&ws, &report).code(1).stderr(
        predicate::str::is_match(
            r"templates/body\.md\.tera:2:\d+: error\[P110\] template syntax error",
        )
        .unwrap(),
    );
}

#[test]
fn an_override_template_replaces_only_its_part() {
    let ws = Council::without_trackers();
    let report = ws.report("o", &bundled(SEED));
    ws.template(
        "header.md.tera",
        "**Report to (house style):** {{ report.committee }}\n",
    );
    render_md(&ws, &report).success();
    let md = std::fs::read_to_string(ws.path().join("out/o.md")).unwrap();
    assert!(md.contains("**Report to (house style):** Overview and Scrutiny Committee"));
    assert!(
        !md.contains("| Report to: |"),
        "the built-in header is replaced"
    );
    assert!(
        md.contains("**1.1** The Department for Education"),
        "the other parts stay"
    );
}

#[test]
fn bad_input_leaves_existing_outputs_untouched() {
    let ws = Council::without_trackers();
    let out = ws.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.md"), "previous good paper").unwrap();
    let report = ws.report("keep", "committee: [unclosed\n");
    render_md(&ws, &report).code(1);
    assert_eq!(
        std::fs::read_to_string(out.join("keep.md")).unwrap(),
        "previous good paper"
    );
    assert!(!out.join("keep.html").exists());
}

#[test]
fn yaml_strings_cannot_inject_markup() {
    let ws = Council::without_trackers();
    let yaml = with_line(
        &bundled(SEED),
        "subject",
        "subject: \"<script>alert(1)</script> *bold* | pipe\"",
    );
    let report = ws.report("inject", &yaml);
    render_md(&ws, &report).success();
    let html = std::fs::read_to_string(ws.path().join("out/inject.html")).unwrap();
    let md = std::fs::read_to_string(ws.path().join("out/inject.md")).unwrap();
    assert!(!html.contains("<script>"), "HTML must escape YAML strings");
    assert!(html.contains("&lt;script&gt;"));
    assert!(
        md.contains("| Subject: | \\<script\\>alert(1)\\</script\\> \\*bold\\* \\| pipe |"),
        "{md}"
    );
}

#[test]
fn unknown_format_is_a_usage_error() {
    papers()
        .args(["render", "--to", "odt", "x.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown format `odt`: use md, html, pdf or docx",
        ));
}

#[test]
fn help_and_version() {
    papers()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("render"));
    papers()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn check_reports_ok_without_writing() {
    let ws = Council::without_trackers();
    let report = ws.report("c", &bundled(SEED));
    papers()
        .current_dir(ws.path())
        .arg("check")
        .arg(&report)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote").not())
        .stderr(predicate::str::contains(": ok").not());
    assert!(!ws.path().join("out").exists());
}

#[test]
fn a_council_logo_is_embedded_in_the_html() {
    let ws = Council::without_trackers();
    // The 8-byte PNG signature is enough for the HTML, which embeds bytes as they are.
    std::fs::write(ws.path().join("logo.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let council = support::council_yaml().replace(
        "name: Sefton Council",
        "name: Sefton Council\nlogo: logo.png",
    );
    std::fs::write(ws.path().join("council.yaml"), council).unwrap();
    let report = ws.report("l", &bundled(SEED));
    render_md(&ws, &report).success();
    let html = std::fs::read_to_string(ws.path().join("out/l.html")).unwrap();
    assert!(
        html.contains(
            "<img class=\"logo\" src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"Sefton Council\">"
        ),
        "{html}"
    );
}

#[test]
fn a_missing_logo_is_reported_against_council_yaml() {
    let ws = Council::without_trackers();
    let council = support::council_yaml().replace(
        "name: Sefton Council",
        "name: Sefton Council\nlogo: nope.png",
    );
    std::fs::write(ws.path().join("council.yaml"), council).unwrap();
    let report = ws.report("l", &bundled(SEED));
    render_md(&ws, &report)
        .code(2)
        .stderr(predicate::str::contains(
            "council.yaml: error[P108] cannot read the logo",
        ));
}

#[test]
fn a_glob_that_takes_in_council_yaml_skips_it() {
    let ws = Council::without_trackers();
    let report = ws.report("g", &bundled(SEED));
    papers()
        .args(["render", "--to", "md", "--out"])
        .arg(ws.path().join("out"))
        .arg(ws.path().join("council.yaml"))
        .arg(&report)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "council.yaml: warning[P111] skipped: this is the council profile, not a report",
        ));
    assert!(ws.path().join("out/g.md").exists());
}

#[test]
fn templates_list_names_every_part_of_every_format() {
    let out = papers().args(["templates", "list"]).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for name in [
        "report.md.tera",
        "header.html.tera",
        "body.typ",
        "progress.typ",
        "style.css",
        "pack.typ",
        "agenda.typ",
        "agenda.md.tera",
        "agenda.html.tera",
        "reference.docx",
    ] {
        assert!(
            stdout.lines().any(|l| l == name),
            "{name} missing from {stdout}"
        );
    }
    assert_eq!(
        stdout.lines().filter(|l| *l == "style.css").count(),
        1,
        "{stdout}"
    );
}

#[test]
fn ejected_templates_override_and_existing_files_are_kept() {
    let ws = Council::without_trackers();
    let dir = ws.path().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("header.md.tera"),
        "**Our header:** {{ report.committee }}\n",
    )
    .unwrap();
    papers()
        .args(["templates", "eject"])
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "header.md.tera: warning[P100] kept: the file exists already",
        ));
    assert_eq!(
        std::fs::read_to_string(dir.join("part.md.tera")).unwrap(),
        std::fs::read_to_string(support::root().join("templates/part.md.tera")).unwrap()
    );
    // The ejected set renders the same paper, with the council's own header.
    let report = ws.report("e", &bundled(SEED));
    render_md(&ws, &report).success();
    let md = std::fs::read_to_string(ws.path().join("out/e.md")).unwrap();
    assert!(md.contains("**Our header:** Overview and Scrutiny Committee"));
    assert!(md.contains("## Recommendation(s)"));
}

#[test]
fn ejected_templates_render_byte_identically_to_the_built_in_ones() {
    let ws = Council::without_trackers();
    let report = ws.report("r", &bundled(SEED));
    let render = |out: &str| {
        papers()
            .env("SOURCE_DATE_EPOCH", "1667779200")
            .args(["render", "--out"])
            .arg(ws.path().join(out))
            .arg(&report)
            .assert()
            .success();
    };
    render("built-in");
    papers()
        .args(["templates", "eject"])
        .arg(ws.path().join("templates"))
        .assert()
        .success();
    assert!(ws.path().join("templates/report.typ").is_file());
    assert!(ws.path().join("templates/style.typ").is_file());
    render("ejected");
    for ext in ["md", "html", "pdf"] {
        let a = std::fs::read(ws.path().join(format!("built-in/r.{ext}"))).unwrap();
        let b = std::fs::read(ws.path().join(format!("ejected/r.{ext}"))).unwrap();
        assert!(a == b, "r.{ext} differs once the templates are ejected");
    }
}
