//! Papers in two languages (issue 16, "Languages"): `languages: [en, cy]`
//! in council.yaml. The bundled Welsh council prints its labels, headings,
//! front sheet, item titles and dates in English and Welsh, the Welsh
//! marked as Welsh in the HTML (`lang="cy"`) and the tagged PDF (`/Lang`);
//! wording given in languages that are not the council's is an error at
//! its line.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{copy_tree, pdf_text, root};

fn papers(dir: &Path, args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("papers"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1619000000")
        .output()
        .unwrap()
}

const REPORT: &str = "2021-04-27-council-tax-collection";
const MEETING: &str = "meetings/2021-04-27-corporate-scrutiny.yaml";

/// A scratch copy of the Welsh example.
fn welsh() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&root().join("examples/welsh-council"), tmp.path());
    tmp
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The 1-based line of `file` where `text` first occurs.
fn line_of(file: &Path, text: &str) -> usize {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not in {}", file.display()))
        + 1
}

/// Renders the Welsh report of `dir` and returns its Markdown, HTML and PDF.
fn render(dir: &Path) -> (String, String, Vec<u8>) {
    let out_dir = dir.join("out");
    let out = papers(
        dir,
        &[
            "render",
            &format!("{REPORT}.yaml"),
            "--out",
            out_dir.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |ext: &str| std::fs::read(out_dir.join(format!("{REPORT}.{ext}"))).unwrap();
    (
        String::from_utf8(read("md")).unwrap(),
        String::from_utf8(read("html")).unwrap(),
        read("pdf"),
    )
}

/// Every language that marked content of the PDF's pages is set in
/// (`/Span <</Lang (cy-GB)>> BDC`), with the text shown inside it.
fn marked_languages(pdf: &[u8]) -> Vec<(String, String)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut out = Vec::new();
    for (_, page) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        let mut open: Vec<Option<(String, String)>> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    let lang = op
                        .operands
                        .get(1)
                        .and_then(|o| o.as_dict().ok())
                        .and_then(|d| d.get(b"Lang").ok())
                        .and_then(|l| l.as_str().ok())
                        .map(|l| String::from_utf8_lossy(l).into_owned());
                    open.push(lang.map(|l| (l, String::new())));
                }
                "BMC" => open.push(None),
                "EMC" => {
                    if let Some(Some(done)) = open.pop() {
                        out.push(done);
                    }
                }
                "Tj" | "TJ" => {
                    if let Some(Some((_, text))) = open.last_mut() {
                        // Glyph ids, not text: count what was shown.
                        text.push('x');
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn a_welsh_report_prints_its_labels_headings_and_dates_in_both_languages() {
    let tmp = welsh();
    let (md, html, pdf) = render(tmp.path());
    for want in [
        "Cyngor Sir Bryngwyn – Bryngwyn County Council: report to Corporate Scrutiny Committee, Tuesday 27 April 2021 / Dydd Mawrth 27 Ebrill 2021",
        "| Agenda Item No. / Rhif Eitem ar y Rhaglen: | 8 |",
        "| Date of Meeting / Dyddiad y Cyfarfod: | Tuesday 27 April 2021 / Dydd Mawrth 27 Ebrill 2021 |",
        "| Subject / Pwnc: | Council Tax Collection 2020/21 |",
        "## Purpose of the Report / Diben yr Adroddiad",
        "## Reason for the Recommendation / Rheswm dros yr Argymhelliad",
        "## Contact Officer / Swyddog Cyswllt",
    ] {
        assert!(md.contains(want), "{want}\n{md}");
    }
    for want in [
        r#"<th scope="row">Report to / <span lang="cy">Adroddiad i</span></th>"#,
        r#"<time datetime="2021-04-27">Tuesday 27 April 2021 / <span lang="cy">Dydd Mawrth 27 Ebrill 2021</span></time>"#,
        r#"<h2 id="summary">Purpose of the Report / <span lang="cy">Diben yr Adroddiad</span></h2>"#,
        r#"<p class="meeting">Corporate Scrutiny Committee, Tuesday 27 April 2021 / <span lang="cy">Dydd Mawrth 27 Ebrill 2021</span></p>"#,
    ] {
        assert!(html.contains(want), "{want}\n{html}");
    }
    // The page itself stays English; only the Welsh is marked.
    assert!(html.contains(r#"<html lang="en-GB">"#));
    let text = pdf_text(&pdf);
    for want in [
        "Date of Meeting / Dyddiad y Cyfarfod",
        "Tuesday 27 April 2021 / Dydd Mawrth 27 Ebrill 2021",
        "Purpose of the Report / Diben yr Adroddiad",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    // The Welsh is tagged with its language in the PDF: the labels,
    // headings, the two dates (masthead and header), each shows text.
    let marked = marked_languages(&pdf);
    let welsh: Vec<_> = marked.iter().filter(|(l, _)| l.starts_with("cy")).collect();
    assert!(
        welsh.len() >= 10 && welsh.iter().all(|(_, t)| !t.is_empty()),
        "{marked:?}"
    );
    assert!(
        marked.iter().all(|(l, _)| l.starts_with("cy")),
        "{marked:?}"
    );
}

#[test]
fn a_welsh_pack_has_a_bilingual_front_sheet() {
    let tmp = welsh();
    let out_dir = tmp.path().join("out");
    let out = papers(
        tmp.path(),
        &["pack", MEETING, "--out", out_dir.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |p: &str| std::fs::read(out_dir.join(p)).unwrap();
    let md = String::from_utf8(read("public/agenda.md")).unwrap();
    for want in [
        "| Date / Dyddiad: | Tuesday 27 April 2021 / Dydd Mawrth 27 Ebrill 2021 |",
        "| Published / Cyhoeddwyd: | Wednesday 21 April 2021 / Dydd Mercher 21 Ebrill 2021 |",
        "## Membership / Aelodaeth",
        "| Chair / Cadeirydd | Councillor Hughes |",
        "### 1. Apologies for absence / Ymddiheuriadau am absenoldeb",
        "### 2. Declarations of interest / Datganiadau o fuddiant",
        "### 4. Exclusion of the press and public / Gwahardd y wasg a'r cyhoedd",
        "## Access to the meeting / Mynediad i'r cyfarfod",
        "Os oes arnoch angen y rhaglen hon mewn fformat arall",
    ] {
        assert!(md.contains(want), "{want}\n{md}");
    }
    // The style has no wards: the item says who it is from, and no empty
    // "Wards affected: ." after it.
    assert!(md.contains("Report of Director of Resources.\n"), "{md}");
    assert!(!md.contains("Wards affected"), "{md}");
    let html = String::from_utf8(read("public/agenda.html")).unwrap();
    assert!(!html.contains("Wards affected"));
    for want in [
        r#"<h3 id="item-1">1. Apologies for absence / <span lang="cy">Ymddiheuriadau am absenoldeb</span></h3>"#,
        r#"<h2 id="membership">Membership / <span lang="cy">Aelodaeth</span></h2>"#,
        r#"<time datetime="2021-04-27">Tuesday 27 April 2021 / <span lang="cy">Dydd Mawrth 27 Ebrill 2021</span></time>"#,
        r#"<div lang="cy"><p>Caiff aelodau'r cyhoedd ffilmio"#,
    ] {
        assert!(html.contains(want), "{want}\n{html}");
    }
    let pack = read("public/pack.pdf");
    let text = pdf_text(&pack);
    for want in [
        "Agenda / Rhaglen",
        "Apologies for absence / Ymddiheuriadau am absenoldeb",
        "Tuesday 27 April 2021 / Dydd Mawrth 27 Ebrill 2021",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    assert!(
        marked_languages(&pack)
            .iter()
            .any(|(l, _)| l.starts_with("cy")),
        "the Welsh of the front sheet is tagged"
    );
}

/// Runs `render` on the Welsh report of `dir` and returns its stderr,
/// asserting that it failed.
fn render_fails(dir: &Path) -> String {
    let out = papers(dir, &["render", &format!("{REPORT}.yaml"), "--out", "out"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{stderr}");
    assert!(!dir.join("out").exists(), "nothing is written: {stderr}");
    stderr
}

#[test]
fn an_unknown_language_list_is_an_error_at_its_line() {
    let tmp = welsh();
    let council = tmp.path().join("council.yaml");
    edit(
        &council,
        "\nlanguages: [en, cy]\n",
        "\nlanguages: [en, fr]\n",
    );
    let line = line_of(&council, "languages: [en, fr]");
    let stderr = render_fails(tmp.path());
    assert!(
        stderr.contains(&format!(
            "council.yaml:{line}:17: error[P127] `languages`: the tool does not print the language `fr`"
        )) && stderr.contains("[en, cy]"),
        "{stderr}"
    );
}

#[test]
fn wording_in_two_languages_on_an_english_council_is_an_error_at_its_line() {
    let tmp = welsh();
    let council = tmp.path().join("council.yaml");
    edit(&council, "languages: [en, cy]\n", "");
    let line = line_of(&council, "committee: { en: Report to");
    let stderr = render_fails(tmp.path());
    assert!(
        stderr.contains(&format!(
            "council.yaml:{line}:16: error[P128] `house_style.labels.committee` is given in several languages, and the council writes in English only"
        )) && stderr.contains("add `languages: [en, cy]`"),
        "{stderr}"
    );
}

#[test]
fn a_wording_without_one_of_the_councils_languages_or_with_another_is_an_error() {
    let tmp = welsh();
    let council = tmp.path().join("council.yaml");
    edit(
        &council,
        "subject: { en: Subject, cy: Pwnc }",
        "subject: { en: Subject }",
    );
    edit(
        &council,
        "report_of: { en: Report of, cy: Adroddiad gan }",
        "report_of: { en: Report of, gd: Aithisg le }",
    );
    let subject = line_of(&council, "subject: { en: Subject }");
    let report_of = line_of(&council, "report_of: { en: Report of");
    let stderr = render_fails(tmp.path());
    for want in [
        format!(
            "council.yaml:{subject}:14: error[P128] `house_style.labels.subject` has no Welsh text (`cy`)"
        ),
        format!(
            "council.yaml:{report_of}:33: error[P128] `house_style.labels.report_of` is given in Scottish Gaelic, which is not one of the council's languages (en, cy)"
        ),
        format!(
            "council.yaml:{report_of}:16: error[P128] `house_style.labels.report_of` has no Welsh text (`cy`)"
        ),
    ] {
        assert!(stderr.contains(&want), "{want}\n{stderr}");
    }
}

#[test]
fn a_meeting_item_title_in_the_wrong_languages_stops_the_pack_at_its_line() {
    let tmp = welsh();
    let meeting = tmp.path().join(MEETING);
    edit(
        &meeting,
        "title: { en: Declarations of interest, cy: Datganiadau o fuddiant }",
        "title: { en: Declarations of interest, cy: Datganiadau o fuddiant, fr: Déclarations }",
    );
    let line = line_of(&meeting, "fr: Déclarations");
    let out = papers(tmp.path(), &["pack", MEETING, "--out", "out"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("2021-04-27-corporate-scrutiny.yaml:{line}:"))
            && stderr.contains("error[P128] `items[2].title`: `fr` is not a language code"),
        "{stderr}"
    );
    edit(&meeting, ", fr: Déclarations }", " }");
    edit(
        &meeting,
        "title: { en: Apologies for absence, cy: Ymddiheuriadau am absenoldeb }",
        "title: { en: Apologies for absence }",
    );
    let line = line_of(&meeting, "title: { en: Apologies for absence }");
    let out = papers(tmp.path(), &["pack", MEETING, "--out", "out"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "2021-04-27-corporate-scrutiny.yaml:{line}:12: error[P128] `items[1].title` has no Welsh text (`cy`)"
        )),
        "{stderr}"
    );
}

#[test]
fn a_gaelic_council_prints_its_wording_in_both_and_its_dates_in_english() {
    let tmp = welsh();
    let council = tmp.path().join("council.yaml");
    let text = std::fs::read_to_string(&council)
        .unwrap()
        .replace("languages: [en, cy]", "languages: [en, gd]")
        .replace(" cy: ", " gd: ")
        .replace("      cy: ", "      gd: ");
    std::fs::write(&council, text).unwrap();
    let (md, html, _) = render(tmp.path());
    assert!(
        md.contains("| Date of Meeting / Dyddiad y Cyfarfod: | Tuesday 27 April 2021 |"),
        "{md}"
    );
    assert!(
        html.contains(r#"<th scope="row">Subject / <span lang="gd">Pwnc</span></th>"#),
        "{html}"
    );
}
