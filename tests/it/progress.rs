//! Progress trackers merged into reports: the bundled example, and the
//! diagnostics for bad trackers.

use crate::support;

use assert_cmd::Command;
use committee_papers::pipeline::{load_report, render_report};
use committee_papers::render::Format;
use support::{Council, diagnostics_in, root};

const EXAMPLE: &str = "reports/2023-03-14-commissioner-recommendations-progress.yaml";

fn render(format: Format) -> String {
    let loaded = load_report(&root().join(EXAMPLE)).unwrap_or_else(|e| panic!("{e:?}"));
    let out = render_report(&loaded, &[format]).unwrap_or_else(|e| panic!("{e:?}"));
    String::from_utf8(out.outputs.into_iter().next().unwrap().1).unwrap()
}

#[test]
fn example_markdown_has_totals_and_flags_in_words() {
    let md = render(Format::Markdown);
    assert!(md.contains(
        "21 items: 6 complete (29%), 8 on track, 3 at risk, 2 off track and 2 not started. \
         3 are overdue and 3 are due within 30 days. \
         Since 31 December 2022: 5 improved, 3 declined, 12 unchanged and 1 new."
    ));
    assert!(md.contains("| R3 |"));
    assert!(md.contains("Off track (Red), **Overdue**, **Declined** | Declined (was At risk) |"));
    assert!(md.contains("| R21 |") && md.contains("| New |"));
    assert!(md.contains("| Owner | Items | Complete | Open | Overdue |"));
    // The marker paragraph is replaced, and numbering skips it.
    assert!(!md.contains("{{ progress }}"));
    assert!(md.contains("**2.2** Three recommendations are past their due date"));
}

#[test]
fn example_html_has_chart_with_text_alternative_and_chips_in_words() {
    let html = render(Format::Html);
    assert!(html.contains("<svg role=\"img\" aria-labelledby=\"chart-1-title chart-1-desc\""));
    assert!(html.contains("<desc id=\"chart-1-desc\">Complete: 6; On track: 8; At risk: 3; Off track: 2; Not started: 2.</desc>"));
    assert!(html.contains("<span class=\"chip chip-off-track\">Off track</span>"));
    assert!(html.contains("<strong class=\"flag\">Overdue</strong>"));
    assert!(html.contains("<strong class=\"flag\">Declined</strong>"));
    assert!(html.contains("<th scope=\"row\">R21</th>"));
}

#[test]
fn example_pdf_says_statuses_and_flags_in_words() {
    let loaded = load_report(&root().join(EXAMPLE)).unwrap_or_else(|e| panic!("{e:?}"));
    let out = render_report(&loaded, &[Format::Pdf]).unwrap_or_else(|e| panic!("{e:?}"));
    let text = support::pdf_text(out.get(Format::Pdf).unwrap());
    for words in [
        "21 items: 6 complete (29%), 8 on track, 3 at risk, 2 off track and 2 not started.",
        "Off track (Red)",
        "At risk (Amber)",
        "On track (Green)",
        "Overdue",
        "Due within 30 days",
        "Declined (was At risk)",
        "Items by status at 28 February 2023 (21 in all, 29% complete)",
        "Summary by owner",
    ] {
        assert!(text.contains(words), "missing {words:?}");
    }
    assert!(!text.contains("{{ progress }}"));
}

#[test]
fn snapshot_example_markdown() {
    insta::assert_snapshot!("progress.md", render(Format::Markdown));
}

#[test]
fn snapshot_example_html() {
    let html = render(Format::Html).replace(env!("CARGO_PKG_VERSION"), "[version]");
    insta::assert_snapshot!("progress.html", html);
}

const TRACKER: &str = "title: Test tracker
as_at: 2023-02-28
items:
  - ref: A1
    action: Do the thing
    owner: Chief Executive
    due: 2023-01-31
    status: at risk
    update: Going slowly.
  - ref: A2
    action: Do the other thing
    owner: Chief Executive
    due: 2023-02-28
    status: complete
    update: Done.
";

/// A workspace whose report cites `tracker.yaml` and places it.
fn workspace_with(tracker: &str) -> (Council, std::path::PathBuf) {
    let ws = Council::without_trackers();
    std::fs::write(ws.path().join("reports/tracker.yaml"), tracker).unwrap();
    let yaml = support::clean_seed().replace(
        "body: |\n",
        "progress:\n  - tracker.yaml\nbody: |\n  {{ progress }}\n\n",
    );
    let report = ws.report("r", &yaml);
    (ws, report)
}

fn render_cmd(ws: &Council, report: &std::path::Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("papers")
        .unwrap()
        .args(["render", "--to", "md", "--out"])
        .arg(ws.path().join("out"))
        .arg(report)
        .assert()
}

/// The diagnostics of a render that exits with `exit`, the scratch folder
/// written as `<dir>`.
fn rendered(ws: &Council, report: &std::path::Path, exit: i32) -> Vec<String> {
    let assert = render_cmd(ws, report).code(exit);
    diagnostics_in(&assert.get_output().stderr, ws.path())
}

#[test]
fn a_small_tracker_renders() {
    let (ws, report) = workspace_with(TRACKER);
    render_cmd(&ws, &report).success();
    let md = std::fs::read_to_string(ws.path().join("out/r.md")).unwrap();
    assert!(
        md.contains(
            "2 items: 1 complete (50%) and 1 at risk. 1 is overdue and 0 are due within 30 days."
        ),
        "{md}"
    );
    assert!(md.contains("| A1 | Do the thing | Chief Executive | 31 January 2023 | At risk (Amber), **Overdue** |"), "{md}");
    assert!(
        md.contains("| A2 | Do the other thing | Chief Executive | 28 February 2023 | Complete |"),
        "{md}"
    );
}

#[test]
fn unknown_status_lists_the_valid_ones() {
    let (ws, report) = workspace_with(&TRACKER.replace("status: at risk", "status: wobbly"));
    let assert = render_cmd(&ws, &report).code(1);
    let stderr = &assert.get_output().stderr;
    assert_eq!(
        diagnostics_in(stderr, ws.path()),
        [
            "<dir>/reports/tracker.yaml:8:13: error[P105] `items[1].status` has an unknown status `wobbly`"
        ]
    );
    assert!(String::from_utf8_lossy(stderr).contains(
        "\n  hint: use one of: not started, on track, at risk, off track, complete (or Green, Amber, Red)\n"
    ));
}

#[test]
fn duplicate_ref_invalid_date_and_missing_as_at_are_all_reported() {
    let bad = TRACKER
        .replace("ref: A2", "ref: A1")
        .replace("due: 2023-01-31", "due: 2023-02-30")
        .replace("as_at: 2023-02-28\n", "");
    let (ws, report) = workspace_with(&bad);
    assert_eq!(
        rendered(&ws, &report, 1),
        [
            "<dir>/reports/tracker.yaml:1:1: error[P104] missing required field `as_at`",
            "<dir>/reports/tracker.yaml:6:10: error[P105] `items[1].due` is not a valid date: `2023-02-30`",
            "<dir>/reports/tracker.yaml:9:10: error[P105] duplicate ref `A1`",
        ]
    );
}

#[test]
fn a_missing_previous_tracker_is_a_warning() {
    let (ws, report) = workspace_with(&TRACKER.replace("items:", "previous: gone.yaml\nitems:"));
    assert_eq!(
        rendered(&ws, &report, 0),
        [
            "<dir>/reports/tracker.yaml:3:11: warning[P108] the previous period's tracker `gone.yaml` was not found"
        ]
    );
}

#[test]
fn previous_tracker_with_other_refs_is_a_warning_naming_them() {
    let (ws, report) = workspace_with(&TRACKER.replace("items:", "previous: old.yaml\nitems:"));
    let old = TRACKER
        .replace("as_at: 2023-02-28", "as_at: 2022-12-31")
        .replace("ref: A2", "ref: A9");
    std::fs::write(ws.path().join("reports/old.yaml"), old).unwrap();
    assert_eq!(
        rendered(&ws, &report, 0),
        [
            "<dir>/reports/tracker.yaml:3:11: warning[P313] the refs differ from the previous period's (new since `old.yaml`: A2; no longer tracked: A9)"
        ]
    );
    let md = std::fs::read_to_string(ws.path().join("out/r.md")).unwrap();
    assert!(md.contains("Since 31 December 2022: 0 improved, 0 declined, 1 unchanged and 1 new. No longer tracked: A9."), "{md}");
}

#[test]
fn a_tracker_outside_the_council_folder_is_refused() {
    let ws = Council::without_trackers();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("t.yaml"), TRACKER).unwrap();
    let rel = format!("{}/t.yaml", outside.path().display());
    let yaml = support::bundled(support::SEED).replace(
        "body: |\n",
        &format!("progress:\n  - {rel}\nbody: |\n  {{{{ progress }}}}\n\n"),
    );
    let report = ws.report("r", &yaml);
    let found: Vec<String> = rendered(&ws, &report, 1)
        .iter()
        .map(|d| d.replace(&rel, "<outside>/t.yaml"))
        .collect();
    assert_eq!(
        found,
        [
            "<dir>/reports/r.yaml:56:3: error[P108] `<outside>/t.yaml` is outside the council folder <dir>"
        ]
    );
}

#[test]
fn a_marker_for_an_uncited_tracker_is_an_error() {
    let (ws, _) = workspace_with(TRACKER);
    let yaml = support::clean_seed().replace(
        "body: |\n",
        "progress:\n  - tracker.yaml\nbody: |\n  {{ progress }}\n\n  {{ progress 2 }}\n\n",
    );
    let report = ws.report("r2", &yaml);
    assert_eq!(
        rendered(&ws, &report, 1),
        [
            "<dir>/reports/r2.yaml:58:3: error[P312] the body places progress tracker 2 but the report cites 1"
        ]
    );
}
