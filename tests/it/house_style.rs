//! House styles declared in council.yaml (issue 16): the three bundled
//! councils render in their own order, wording and numbering, a report is
//! read in its council's style, and a style's mistakes are placed at their
//! line in council.yaml.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{copy_tree, pdf_text, root};

fn papers(dir: &Path, args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("papers"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1667779200")
        .output()
        .unwrap()
}

/// Renders `examples/EXAMPLE/REPORT.yaml` and returns its Markdown, HTML
/// and PDF text.
fn render(example: &str, report: &str) -> (String, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = papers(
        &root(),
        &[
            "render",
            &format!("examples/{example}/{report}.yaml"),
            "--out",
            tmp.path().to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.windows(8).all(|w| w != b"warning:"),
        "a bundled example renders with no warning: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |ext: &str| std::fs::read(tmp.path().join(format!("{report}.{ext}"))).unwrap();
    (
        String::from_utf8(read("md")).unwrap(),
        String::from_utf8(read("html")).unwrap(),
        pdf_text(&read("pdf")),
    )
}

/// Asserts that `parts` occur in `text` in this order.
fn in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for p in parts {
        match text[from..].find(p) {
            Some(i) => from += i + p.len(),
            None => panic!("`{p}` not found after byte {from} in:\n{text}"),
        }
    }
}

#[test]
fn a_london_cabinet_report_has_its_header_groups_and_clearance_table() {
    let (md, html, pdf) = render("london-borough", "2024-09-12-library-service-review");
    in_order(
        &md,
        &[
            "| REPORT FOR: | Cabinet |",
            "| Date of Meeting: | Thursday 12 September 2024 |",
            "| Key Decision: | Yes – involves expenditure in excess of £1m |",
            "| Responsible Officer: | Corporate Director, Place |",
            "| Portfolio Holder: |",
            "| Decision subject to Call-in: | Yes |",
            "| Wards affected: | All Wards |",
            "| Enclosures: | Appendix 1: Consultation report, July 2024; Appendix 2: Equality impact assessment |",
            "## Section 1 – Summary and Recommendations",
            "This report sets out the outcome",
            "### Recommendations",
            "Cabinet is requested to:",
            "1. Approve the community hub model",
            "### Reason: (For recommendation)",
            "## Section 2 – Report",
            "### Background",
            "**1** The library service costs",
            "### Options considered",
            "**3** Option A would close",
            "### Equalities implications",
            "**6** The equality impact assessment",
            "### Policy Framework",
            "## Section 3 – Statutory Officer Clearance",
            "| Officer | Name | Date |",
            "| Chief Financial Officer | Dawn Calvert | 2 September 2024 |",
            "## Section 4 – Contact Details and Background Papers",
            "### Contact Details",
            "| Name: | Mark Wilkinson |",
            "### Background Papers",
        ],
    );
    // Sefton's parts that this style leaves out are not printed.
    for absent in [
        "Climate Emergency",
        "Core Purpose",
        "What will it cost",
        "## Summary",
    ] {
        assert!(!md.contains(absent), "{absent} printed");
    }
    // The summary has no heading of its own; the groups are h2, parts h3.
    in_order(
        &html,
        &[
            "<th scope=\"row\">REPORT FOR</th><td>Cabinet</td>",
            "<h2 class=\"group\" id=\"group-section-1-summary-and-recommendations\">Section 1 – Summary and Recommendations</h2>",
            "<section>\n<p>This report sets out",
            "<h3 id=\"recommendations\">Recommendations</h3>",
            "<p>Cabinet is requested to:</p>",
            "<h3 id=\"section-1\">Background</h3>",
            "<span class=\"para-num\">6</span>",
            "<th scope=\"col\">Officer</th>",
            "<td>Hugh Peart</td>",
        ],
    );
    in_order(
        &pdf,
        &[
            "REPORT FOR: Cabinet",
            "Decision subject to Call-in: Yes",
            "Section 1 – Summary and Recommendations",
            "Cabinet is requested to:",
            "Section 2 – Report",
            "Background",
            "Statutory Officer Clearance",
            "Dipti Patel",
        ],
    );
}

#[test]
fn a_scottish_report_numbers_its_summary_and_recommendations_as_sections() {
    let (md, _, pdf) = render("scottish-council", "2020-12-03-council-house-repairs");
    in_order(
        &md,
        &[
            "| Agenda Item: | 6 |",
            "| Report No: | HP/44/20 |",
            "| Committee: | Housing and Property Committee |",
            "| Date: | Thursday 3 December 2020 |",
            "| Report Title: | Council House Repairs – Performance to October 2020 |",
            "| Report By: | Executive Chief Officer, Housing and Property |",
            "## 1. Purpose/Executive Summary",
            "**1.1** This report sets out",
            "**1.2** Emergency repairs",
            "## 2. Recommendations",
            "**2.1** Note the performance",
            "**2.2** Agree the improvement actions",
            "## 3. Performance",
            "**3.1** The service completed",
            "## 4. Improvement actions",
            "**4.2** Tenants will be able",
        ],
    );
    assert!(!md.contains("Key Decision") && !md.contains("Forward Plan"));
    in_order(
        &pdf,
        &[
            "1. Purpose/Executive Summary",
            "1.1",
            "2. Recommendations",
            "2.2",
            "3. Performance",
        ],
    );
}

#[test]
fn a_welsh_report_numbers_paragraphs_flat_leaving_unnumbered_parts_out() {
    let (md, html, _) = render("welsh-council", "2021-04-27-council-tax-collection");
    in_order(
        &md,
        &[
            "| Agenda Item No. / Rhif Eitem ar y Rhaglen: | 8 |",
            "## Purpose of the Report",
            "**1** To report the collection",
            "**2** To set out the support",
            "## Recommendation",
            "That the Committee notes",
            "## Reason for the Recommendation",
            "## Background",
            "**3** The Council collected",
            "## Relevant Issues and Options",
            "**4** Recovery action",
            "**5** Households in arrears",
            "## Resource Implications",
            "**6** The shortfall",
        ],
    );
    // Flat numbering: no section numbers before the headings.
    assert!(
        html.contains("<h2 id=\"section-2\">Background</h2>"),
        "{html}"
    );
}

/// A scratch council folder from a bundled example.
fn example_copy(example: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&root().join("examples").join(example), tmp.path());
    tmp
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

const LONDON_REPORT: &str = "2024-09-12-library-service-review.yaml";

#[test]
fn a_report_is_read_in_its_councils_style() {
    let tmp = example_copy("london-borough");
    let report = tmp.path().join(LONDON_REPORT);
    // A misspelt custom field is unknown, with a suggestion from the
    // council's own fields; a required custom field left out is missing.
    edit(&report, "call_in: Yes", "cal_in: Yes");
    edit(&report, "reason: |", "rationale: |");
    let out = papers(tmp.path(), &["check", "--format", "concise", LONDON_REPORT]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    for line in [
        format!("{LONDON_REPORT}:2:1: error[P104] missing required field `call_in`"),
        format!("{LONDON_REPORT}:2:1: error[P104] missing required field `reason`"),
        format!("{LONDON_REPORT}:13:1: error[P103] unknown field `cal_in`"),
        format!("{LONDON_REPORT}:21:1: error[P103] unknown field `rationale`"),
    ] {
        assert!(text.contains(&line), "{line}\n{text}");
    }
    assert!(text.contains("did you mean `call_in`?"), "{text}");
}

#[test]
fn a_field_the_style_does_not_show_is_a_warning_and_its_rules_do_not_run() {
    let tmp = example_copy("london-borough");
    let report = tmp.path().join(LONDON_REPORT);
    // The London style has no climate part: given, it is not printed and
    // it is said so; core purposes are not asked for (no P303).
    edit(
        &report,
        "exempt: No\n",
        "exempt: No\nclimate: { positive: Yes, neutral: No, negative: No, training: Yes }\n",
    );
    let out = papers(tmp.path(), &["check", "--format", "concise", LONDON_REPORT]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stderr);
    let found: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": warning") || l.contains(": error"))
        .collect();
    assert_eq!(
        found,
        vec![format!(
            "{LONDON_REPORT}:13:10: warning[P126] `climate` is given but the house style neither shows it nor checks it"
        )],
        "{text}"
    );
}

#[test]
fn a_style_mistake_is_placed_at_its_line_in_council_yaml() {
    let tmp = example_copy("london-borough");
    let council = tmp.path().join("council.yaml");
    edit(&council, "header: [committee,", "header: [comittee,");
    edit(&council, "    paragraphs: flat", "    paragraphs: roman");
    edit(
        &council,
        "    - { part: clearance, heading: none, numbered: false }\n",
        "",
    );
    let out = papers(tmp.path(), &["render", LONDON_REPORT, "--out", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!tmp.path().join("out").exists(), "nothing is written");
    let out = papers(tmp.path(), &["check", "--format", "concise", LONDON_REPORT]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    let line_of = |needle: &str| {
        std::fs::read_to_string(&council)
            .unwrap()
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
            + 1
    };
    for (code, needle, message) in [
        (
            "P120",
            "header: [comittee",
            "`house_style.header`: there is no field `comittee`",
        ),
        (
            "P122",
            "Section 3 – Statutory",
            "`house_style.sections`: a group with no part under it",
        ),
        (
            "P123",
            "paragraphs: roman",
            "`house_style.numbering.paragraphs`: unknown numbering `roman`",
        ),
    ] {
        let line = line_of(needle);
        assert!(
            text.lines()
                .any(|l| l.contains(&format!("council.yaml:{line}:"))
                    && l.contains(&format!("error[{code}] {message}"))),
            "{code} at line {line}: {message}\n{text}"
        );
    }
    // Only the council's errors: the report is not read in a style that failed.
    assert_eq!(text.matches("error[").count(), 3, "{text}");
}

#[test]
fn a_report_picks_one_of_several_styles() {
    let tmp = example_copy("scottish-council");
    let council = tmp.path().join("council.yaml");
    edit(
        &council,
        "house_style:\n",
        "house_styles:\n  committee:\n    header: [committee, meeting_date, subject]\n    sections: [summary, body]\n  numbered:\n",
    );
    // Indent the old style one level under its name.
    let text = std::fs::read_to_string(&council).unwrap();
    let (head, style) = text.split_once("  numbered:\n").unwrap();
    let style: String = style.lines().map(|l| format!("  {l}\n")).collect();
    std::fs::write(&council, format!("{head}  numbered:\n{style}")).unwrap();

    let report = tmp.path().join("2020-12-03-council-house-repairs.yaml");
    // The first style is the default: it has no recommendations part, so
    // the custom fields it lacks are unknown.
    let out = papers(
        tmp.path(),
        &["check", "2020-12-03-council-house-repairs.yaml"],
    );
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("unknown field `agenda_item`"), "{text}");
    edit(&report, "agenda_item:", "style: numbered\nagenda_item:");
    let out = papers(
        tmp.path(),
        &["check", "2020-12-03-council-house-repairs.yaml"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    edit(&report, "style: numbered", "style: numberd");
    let out = papers(
        tmp.path(),
        &["check", "2020-12-03-council-house-repairs.yaml"],
    );
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("error[P125]: the council has no house style `numberd`")
            && text.contains("did you mean `numbered`?"),
        "{text}"
    );
}

#[test]
fn every_example_meeting_packs() {
    for (example, meeting) in [
        ("london-borough", "meetings/2024-09-12-cabinet.yaml"),
        (
            "welsh-council",
            "meetings/2021-04-27-corporate-scrutiny.yaml",
        ),
        (
            "scottish-council",
            "meetings/2020-12-03-housing-and-property.yaml",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let out = papers(
            &root(),
            &[
                "pack",
                &format!("examples/{example}/{meeting}"),
                "--out",
                tmp.path().to_str().unwrap(),
            ],
        );
        assert!(
            out.status.success(),
            "{example}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(tmp.path().join("public/pack.pdf").is_file(), "{example}");
    }
}
