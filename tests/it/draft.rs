//! One rule engine for every command: a report the rules find errors in is
//! refused by `render` and `pack` (exit 1, nothing written, the finding at
//! its line), and made by `render --draft` with every format marked DRAFT.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::support::{self, Council, SEED, bundled};

fn seed_yaml() -> String {
    bundled(SEED)
}

fn papers() -> Command {
    Command::cargo_bin("papers").unwrap()
}

/// The seed with its summary left as the skeleton leaves it.
fn with_todo() -> String {
    let yaml = seed_yaml().replace(
        "summary: To outline",
        "summary: TODO write the summary. To outline",
    );
    assert_ne!(yaml, seed_yaml());
    yaml
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn render(report: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    papers()
        .arg("render")
        .arg(report)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_report_with_a_todo_is_refused_by_render_with_nothing_written() {
    let ws = Council::without_trackers();
    let report = ws.report(SEED, &with_todo());
    let out = ws.path().join("out");
    let run = render(&report, &out, &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!(
            "{}:11:10: error[P300] `summary` still says TODO",
            report.display()
        )),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn render_draft_writes_every_format_marked_draft() {
    let ws = Council::without_trackers();
    let report = ws.report(SEED, &with_todo());
    let out = ws.path().join("out");
    let run = render(&report, &out, &["--draft"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!(
            "{}:11:10: warning[P300] `summary` still says TODO",
            report.display()
        )),
        "the error is said as a warning: {}",
        stderr(&run)
    );

    let pdf = std::fs::read(out.join(format!("{SEED}.pdf"))).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(pages.len() > 3, "the seed has several pages");
    for page in &pages {
        let text = doc.extract_text(&[*page]).unwrap();
        assert!(text.contains("DRAFT"), "page {page} has no DRAFT: {text}");
    }

    let html = std::fs::read_to_string(out.join(format!("{SEED}.html"))).unwrap();
    let body = html.find("<body>").expect("a body");
    assert!(
        html[body..]
            .starts_with("<body>\n<aside class=\"draft-banner\" aria-label=\"Draft notice\""),
        "the banner opens the page"
    );
    assert!(html.contains("<p><strong>DRAFT</strong>: not for publication: this paper still has errors that `papers check` lists.</p></aside>"));

    let md = std::fs::read_to_string(out.join(format!("{SEED}.md"))).unwrap();
    // Under the title: a Markdown file's first line is its heading (MD041).
    assert!(
        md.starts_with("# Children's Services Commissioner\n\n**DRAFT**: not for publication: this paper still has errors that `papers check` lists.\n\n"),
        "{}",
        &md[..200]
    );
}

#[test]
fn a_clean_report_rendered_as_a_draft_is_marked_and_otherwise_the_same() {
    let ws = Council::without_trackers();
    let report = ws.report(SEED, &seed_yaml());
    let (plain, draft) = (ws.path().join("plain"), ws.path().join("draft"));
    assert!(
        render(&report, &plain, &["--to", "md,html"])
            .status
            .success()
    );
    assert!(
        render(&report, &draft, &["--to", "md,html", "--draft"])
            .status
            .success()
    );
    let read =
        |dir: &Path, ext: &str| std::fs::read_to_string(dir.join(format!("{SEED}.{ext}"))).unwrap();
    assert_eq!(
        read(&draft, "md"),
        committee_papers::render::draft::mark_markdown(&read(&plain, "md"))
    );
    assert_eq!(
        read(&draft, "html"),
        committee_papers::render::draft::mark_html(&read(&plain, "html"))
    );
}

#[test]
fn p309_set_to_error_in_council_yaml_stops_render() {
    let ws = Council::without_trackers();
    let council = support::council_yaml() + "rules:\n  P309: error\n";
    std::fs::write(ws.path().join("council.yaml"), council).unwrap();
    let report = ws.report(
        SEED,
        &support::with_line(&seed_yaml(), "background_papers", ""),
    );
    let out = ws.path().join("out");
    let run = render(&report, &out, &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!(
            "{}:2:1: error[P309] the report does not state its background papers",
            report.display()
        )),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists());
}

/// The bundled council folder, copied, so a meeting can be packed from it.
fn bundled_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(
        &support::root().join("reports"),
        &dir.path().join("reports"),
    );
    let reports = dir.path().join("reports");
    (dir, reports)
}

#[test]
fn a_meeting_holding_a_report_with_a_todo_is_refused_by_pack() {
    let (dir, reports) = bundled_copy();
    let report = reports.join(format!("{SEED}.yaml"));
    std::fs::write(&report, with_todo()).unwrap();
    let out = dir.path().join("pack");
    let run = papers()
        .arg("pack")
        .arg(reports.join("meetings/2022-11-07-childrens-services.yaml"))
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .env("SOURCE_DATE_EPOCH", "1666915200")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(":11:10: error[P300] `summary` still says TODO"),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_meetings_own_todo_is_refused_by_pack() {
    let (dir, reports) = bundled_copy();
    let meeting = reports.join("meetings/2022-11-07-childrens-services.yaml");
    let text = std::fs::read_to_string(&meeting)
        .unwrap()
        .replace("venue: Committee Room", "venue: TODO Committee Room");
    std::fs::write(&meeting, text).unwrap();
    let out = dir.path().join("pack");
    let run = papers()
        .arg("pack")
        .arg(&meeting)
        .arg("--out")
        .arg(&out)
        .arg("--quiet")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(":7:8: error[P300] `venue` still says TODO"),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists());
}
