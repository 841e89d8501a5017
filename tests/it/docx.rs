//! Word: every bundled example as a .docx, read back from the zip and
//! held to the accessibility rules Word's checker applies (title,
//! language, headings in order, header rows, alt text, no merged cells,
//! real links, no empty paragraphs for spacing), the paper's numbering as
//! one Word list tied to its headings, the council's template and style
//! names, the same bytes twice, and the pack's .docx files by audience.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;

use assert_cmd::Command;
use committee_papers::pipeline::{Mode, load_report, load_report_as, render_report};
use committee_papers::render::Format;

use crate::support;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

fn papers() -> Command {
    Command::cargo_bin("papers").unwrap()
}

/// Every part of a .docx, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        out.insert(f.name().unwrap().to_string(), b);
    }
    out
}

fn text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .unwrap()
}

/// Every bundled report: the seed council's and each example council's.
fn bundled_reports() -> Vec<PathBuf> {
    let root = support::root();
    let mut out = Vec::new();
    let mut dirs = vec![root.join("reports")];
    for e in std::fs::read_dir(root.join("examples")).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            dirs.push(p);
        }
    }
    for dir in dirs {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".yaml") && name.starts_with(|c: char| c.is_ascii_digit()) {
                out.push(p);
            }
        }
    }
    out.sort();
    assert!(out.len() >= 10, "{out:?}");
    out
}

/// The text of a paragraph (or any element).
fn text_of(n: roxmltree::Node) -> String {
    n.descendants()
        .filter(|d| d.has_tag_name((W, "t")))
        .filter_map(|d| d.text())
        .collect()
}

fn in_table(n: roxmltree::Node) -> bool {
    n.ancestors().any(|a| a.has_tag_name((W, "tc")))
}

/// Style id → (name, outline level) from styles.xml.
fn style_names(styles: &str) -> HashMap<String, (String, Option<u8>)> {
    let doc = roxmltree::Document::parse(styles).unwrap();
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name((W, "style")))
        .map(|s| {
            let id = s.attribute((W, "styleId")).unwrap().to_string();
            let name = s
                .children()
                .find(|c| c.has_tag_name((W, "name")))
                .and_then(|c| c.attribute((W, "val")))
                .unwrap_or_default()
                .to_string();
            let outline = s
                .descendants()
                .find(|c| c.has_tag_name((W, "outlineLvl")))
                .and_then(|c| c.attribute((W, "val")))
                .and_then(|v| v.parse().ok());
            (id, (name, outline))
        })
        .collect()
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, tag: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((W, tag)))
}

/// A paragraph's heading level (1 = Heading 1), from its outline level.
fn heading_level(p: roxmltree::Node, styles: &HashMap<String, (String, Option<u8>)>) -> Option<u8> {
    let ppr = child(p, "pPr")?;
    let own = child(ppr, "outlineLvl")
        .and_then(|o| o.attribute((W, "val")))
        .and_then(|v| v.parse::<u8>().ok());
    let by_style = child(ppr, "pStyle")
        .and_then(|s| s.attribute((W, "val")))
        .and_then(|id| styles.get(id))
        .and_then(|(_, o)| *o);
    own.or(by_style).filter(|l| *l < 9).map(|l| l + 1)
}

/// (numId, ilvl) of a paragraph.
fn num_pr(p: roxmltree::Node) -> Option<(String, String)> {
    let n = child(child(p, "pPr")?, "numPr")?;
    Some((
        child(n, "numId")?.attribute((W, "val"))?.to_string(),
        child(n, "ilvl")?.attribute((W, "val"))?.to_string(),
    ))
}

/// Every rule of the issue's list, on one rendered paper.
fn assert_accessible(name: &str, bytes: &[u8], ctx: &committee_papers::render::Context) {
    let parts = parts(bytes);
    let core = text(&parts, "docProps/core.xml");
    let title = format!(
        "<dc:title>{}</dc:title>",
        ctx.report
            .subject
            .replace('&', "&amp;")
            .replace('\'', "&apos;")
    );
    assert!(core.contains(&title), "{name}: {core}");
    let styles_xml = text(&parts, "word/styles.xml");
    assert!(
        styles_xml.contains(r#"<w:lang w:val="en-GB""#),
        "{name}: no language"
    );
    let styles = style_names(&styles_xml);
    let document = text(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).unwrap();
    let rels = text(&parts, "word/_rels/document.xml.rels");
    let rels_doc = roxmltree::Document::parse(&rels).unwrap();
    let rel_targets: HashMap<&str, (&str, Option<&str>)> = rels_doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|n| {
            (
                n.attribute("Id").unwrap(),
                (n.attribute("Target").unwrap(), n.attribute("TargetMode")),
            )
        })
        .collect();

    // Headings: present, in order, no level skipped; the title is no heading.
    let mut last = 0;
    let mut headings = Vec::new();
    for p in doc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        if let Some(level) = heading_level(p, &styles) {
            assert!(
                level <= last + 1,
                "{name}: heading {:?} skips from {last} to {level}",
                text_of(p)
            );
            last = level;
            headings.push(text_of(p));
        }
        // No empty paragraph outside a table (spacing is the styles').
        let has_content = !text_of(p).trim().is_empty()
            || p.descendants().any(|d| d.has_tag_name((W, "drawing")))
            || num_pr(p).is_some();
        assert!(has_content || in_table(p), "{name}: an empty paragraph");
    }
    assert!(!headings.is_empty(), "{name}: no headings");

    // Tables: a bare header-row mark on every first row, no merged cells.
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .collect();
    assert!(!tables.is_empty(), "{name}: the header table is missing");
    for t in &tables {
        let first = child(*t, "tr").unwrap();
        let mark = child(child(first, "trPr").expect("trPr"), "tblHeader").expect("tblHeader");
        assert_eq!(mark.attributes().len(), 0, "{name}: tblHeader must be bare");
    }
    for merged in ["gridSpan", "vMerge", "hMerge"] {
        assert!(
            !document.contains(&format!("<w:{merged}")),
            "{name}: merged cells ({merged})"
        );
    }

    // Pictures: alt text and unique ids.
    let mut ids = HashSet::new();
    for d in doc.descendants().filter(|n| n.has_tag_name((WP, "docPr"))) {
        assert!(
            !d.attribute("descr").unwrap_or_default().trim().is_empty(),
            "{name}: no alt text"
        );
        assert!(
            ids.insert(d.attribute("id").unwrap().to_string()),
            "{name}: drawing ids repeat"
        );
    }

    // Links: real hyperlinks, each with an external relationship.
    for h in doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "hyperlink")))
    {
        let id = h.attribute((R, "id")).expect("r:id");
        let (target, mode) = rel_targets.get(id).expect("relationship");
        assert_eq!(*mode, Some("External"), "{name}: {target}");
        assert!(!text_of(h).trim().is_empty());
    }

    // Every header row and every part's heading is in the text.
    let all_text: String = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(text_of)
        .collect::<Vec<_>>()
        .join("\n");
    for row in &ctx.report.header {
        assert!(
            all_text.contains(&format!("{}:", row.label)),
            "{name}: {}",
            row.label
        );
        assert!(all_text.contains(&row.value), "{name}: {}", row.value);
    }
    for part in &ctx.report.sections {
        if let Some(h) = &part.heading {
            assert!(
                headings.iter().any(|t| t.contains(h.as_str())),
                "{name}: heading {h} in {headings:?}"
            );
        }
    }
    for s in &ctx.report.body.sections {
        if let Some(t) = &s.title {
            assert!(
                headings.iter().any(|h| h.contains(t.as_str())),
                "{name}: body heading {t}"
            );
        }
    }

    // The numbering part ties the numbered paragraphs to the headings:
    // one list, headings at level 0, paragraphs at level 1, as many as
    // the paper numbers.
    let numbered_items = ctx
        .report
        .body
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .chain(ctx.report.sections.iter().flat_map(|s| &s.paragraphs))
        .filter(|i| i.number.is_some())
        .count();
    let paragraphs: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .filter_map(|p| num_pr(p).map(|n| (n, heading_level(p, &styles))))
        .collect();
    let level1: Vec<_> = paragraphs
        .iter()
        .filter(|((_, l), h)| l == "1" && h.is_none())
        .collect();
    assert_eq!(level1.len(), numbered_items, "{name}: numbered paragraphs");
    if let Some(((list, _), _)) = level1.first() {
        assert!(
            level1.iter().all(|((n, _), _)| n == list),
            "{name}: one list"
        );
        let numbering = text(&parts, "word/numbering.xml");
        assert!(
            numbering.contains(&format!(r#"<w:num w:numId="{list}">"#)),
            "{name}"
        );
        let heads = paragraphs
            .iter()
            .filter(|((n, l), h)| n == list && l == "0" && h.is_some())
            .count();
        let has_labels = ctx.report.body.sections.iter().any(|s| s.label.is_some());
        assert!(!has_labels || heads > 0, "{name}: headings not on the list");
    }

    // Page X of Y from fields in the footer.
    let footer = text(&parts, "word/footer1.xml");
    assert!(
        footer.contains(" PAGE ") && footer.contains(" NUMPAGES "),
        "{name}"
    );
}

#[test]
fn every_bundled_example_renders_an_accessible_docx() {
    for path in bundled_reports() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let loaded = load_report(&path).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let out =
            render_report(&loaded, &[Format::Docx]).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let bytes = out.get(Format::Docx).unwrap();
        assert_accessible(&name, bytes, &loaded.context());
        // The same input, the same bytes.
        let again = render_report(&loaded, &[Format::Docx]).unwrap();
        assert!(
            again.get(Format::Docx).unwrap() == bytes,
            "{name}: bytes differ"
        );
    }
}

#[test]
fn the_seed_is_one_numbered_list_and_the_tracker_a_chart_with_alt_text() {
    let loaded = load_report(&support::bundled_path(support::SEED)).unwrap();
    let out = render_report(&loaded, &[Format::Docx]).unwrap();
    let p = parts(out.get(Format::Docx).unwrap());
    let document = text(&p, "word/document.xml");
    // "1. Introduction/Background" is the list's level 0, its number Word's.
    assert!(document.contains(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t xml:space="preserve">Introduction/Background</w:t>"#), "{document}");
    let numbering = text(&p, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:lvlText w:val="%1."/>"#));
    assert!(numbering.contains(r#"<w:lvlText w:val="%1.%2"/>"#));
    assert!(document.contains("martin.birch@sefton.gov.uk"));

    let loaded = load_report(&support::bundled_path(support::PROGRESS)).unwrap();
    let out = render_report(&loaded, &[Format::Docx]).unwrap();
    let p = parts(out.get(Format::Docx).unwrap());
    let document = text(&p, "word/document.xml");
    assert!(document.contains(r#"descr="Children&apos;s Services Commissioner&apos;s recommendations: items by status at 28 February 2023. Complete: 6; On track: 8; At risk: 3; Off track: 2; Not started: 2.""#), "{document}");
    assert!(
        p.keys()
            .any(|k| k.starts_with("word/media/") && k.ends_with(".png"))
    );
    assert!(
        p.keys()
            .any(|k| k.starts_with("word/media/") && k.ends_with(".svg"))
    );
    assert!(
        p.get("word/media/image1.png")
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    assert!(document.contains("Summary by owner"));
}

#[test]
fn render_to_docx_is_deterministic_at_source_date_epoch_and_not_a_default_format() {
    let ws = support::Council::new();
    let report = ws.report("seed", &support::clean_seed());
    let render = |out: &str, to: Option<&str>| {
        let mut cmd = papers();
        cmd.env("SOURCE_DATE_EPOCH", "1700000000")
            .arg("render")
            .arg("--quiet");
        if let Some(to) = to {
            cmd.args(["--to", to]);
        }
        cmd.arg("--out")
            .arg(ws.path().join(out))
            .arg(&report)
            .assert()
            .success();
    };
    render("a", Some("docx"));
    render("b", Some("docx,md"));
    let a = std::fs::read(ws.path().join("a/seed.docx")).unwrap();
    let b = std::fs::read(ws.path().join("b/seed.docx")).unwrap();
    assert!(a == b, "the same input and epoch give the same bytes");
    let zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert_eq!(
        &names[..3],
        ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml"]
    );
    let mut zip = zip;
    let t = zip.by_index(0).unwrap().last_modified().unwrap();
    assert_eq!((t.year(), t.month(), t.day()), (2023, 11, 14));
    let core = text(&parts(&a), "docProps/core.xml");
    assert!(core.contains("2023-11-14T22:13:20Z"), "{core}");
    // Without --to: Markdown, HTML and PDF, as the README says; no Word.
    render("c", None);
    assert!(ws.path().join("c/seed.pdf").exists());
    assert!(!ws.path().join("c/seed.docx").exists());
}

#[test]
fn a_draft_and_an_exempt_paper_are_marked_on_every_page() {
    let loaded = load_report_as(&support::bundled_path(support::SEED), Mode::Draft).unwrap();
    let out = render_report(&loaded, &[Format::Docx]).unwrap();
    let p = parts(out.get(Format::Docx).unwrap());
    let header = text(&p, "word/header1.xml");
    assert!(header.contains("DRAFT: not for publication"), "{header}");
    assert!(
        text(&p, "word/document.xml")
            .contains(r#"<w:headerReference w:type="default" r:id="rIdheader1"/>"#)
    );

    let exempt =
        support::root().join("reports/2022-11-07-residential-home-property-acquisition.yaml");
    let loaded = load_report(&exempt).unwrap();
    let out = render_report(&loaded, &[Format::Docx]).unwrap();
    let p = parts(out.get(Format::Docx).unwrap());
    let header = text(&p, "word/header1.xml");
    assert!(
        header.contains("NOT FOR PUBLICATION: exempt information under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"),
        "{header}"
    );
    // A public paper has no page header.
    let loaded = load_report(&support::bundled_path(support::SEED)).unwrap();
    let out = render_report(&loaded, &[Format::Docx]).unwrap();
    assert!(!parts(out.get(Format::Docx).unwrap()).contains_key("word/header1.xml"));
}

/// The shipped template with its "heading 1" renamed "Report Heading 1"
/// (id RH1) and coloured, as a council's own template would be.
fn council_template() -> Vec<u8> {
    let shipped = committee_papers::render::docx::default_template();
    let mut p = parts(&shipped);
    let styles = text(&p, "word/styles.xml").replace(
        r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>"#,
        r#"<w:style w:type="paragraph" w:styleId="RH1"><w:name w:val="Report Heading 1"/><w:rPr><w:color w:val="7A1F5C"/></w:rPr>"#,
    );
    assert!(styles.contains("RH1"));
    p.insert("word/styles.xml".into(), styles.into_bytes());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in p {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, &bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_council_template_and_its_style_names_are_used() {
    let ws = support::Council::new();
    std::fs::create_dir_all(ws.path().join("word")).unwrap();
    std::fs::write(ws.path().join("word/report.dotx"), council_template()).unwrap();
    let council = format!(
        "{}\ndocx_template: word/report.dotx\ndocx_styles:\n  heading_1: Report Heading 1\n",
        support::council_yaml()
    );
    std::fs::write(ws.path().join("council.yaml"), council).unwrap();
    let report = ws.report("seed", &support::clean_seed());
    papers()
        .args(["render", "--quiet", "--to", "docx", "--out"])
        .arg(ws.out())
        .arg(&report)
        .assert()
        .success();
    let p = parts(&std::fs::read(ws.out().join("seed.docx")).unwrap());
    let document = text(&p, "word/document.xml");
    let styles = text(&p, "word/styles.xml");
    assert!(
        document.contains(r#"<w:pStyle w:val="RH1"/>"#),
        "the council's heading style is used"
    );
    assert!(
        styles.contains(r#"<w:name w:val="Report Heading 1"/><w:rPr><w:color w:val="7A1F5C"/>"#),
        "and kept as the template has it"
    );
    assert!(!document.contains(r#"<w:pStyle w:val="Heading1"/>"#));
    // The paper still passes every rule.
    let loaded = load_report(&report).unwrap();
    assert_accessible(
        "council template",
        &std::fs::read(ws.out().join("seed.docx")).unwrap(),
        &loaded.context(),
    );

    // A template that is not a Word file: an error at `docx_template`,
    // nothing written.
    std::fs::write(
        ws.path().join("word/report.dotx"),
        b"\xD0\xCF\x11\xE0 legacy",
    )
    .unwrap();
    let out = papers()
        .args(["render", "--to", "docx,md", "--out"])
        .arg(ws.path().join("bad"))
        .arg(&report)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("council.yaml:"), "{stderr}");
    assert!(
        stderr.contains("the Word template is a legacy Word file"),
        "{stderr}"
    );
    assert!(
        !ws.path().join("bad/seed.md").exists(),
        "nothing half-written"
    );
    // `check` finds it too.
    let out = papers()
        .arg("check")
        .arg(&report)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the Word template is a legacy Word file"),
        "{stderr}"
    );
}

/// The London example's own template (`examples/london-borough/templates/
/// report.dotx`, made by scripts/make-docx-template.py as councils make
/// theirs): its style names, fonts, A4 margins, first-page letterhead,
/// footer and multi-level list all reach the paper.
#[test]
fn the_london_example_renders_on_its_own_council_template() {
    let root = support::root();
    let template =
        std::fs::read(root.join("examples/london-borough/templates/report.dotx")).unwrap();
    let t = parts(&template);
    assert!(
        text(&t, "[Content_Types].xml").contains("wordprocessingml.template.main+xml"),
        "a .dotx, as Word saves a template"
    );
    let path = root.join("examples/london-borough/2024-09-12-library-service-review.yaml");
    let loaded = load_report(&path).unwrap();
    let out = render_report(&loaded, &[Format::Docx]).unwrap();
    let bytes = out.get(Format::Docx).unwrap();
    assert_accessible("london (council template)", bytes, &loaded.context());
    let p = parts(bytes);
    let document = text(&p, "word/document.xml");
    let styles = text(&p, "word/styles.xml");
    let ids = style_names(&styles);
    let id_of = |name: &str| {
        ids.iter()
            .find(|(_, (n, _))| n == name)
            .map(|(id, _)| id.clone())
            .unwrap_or_else(|| panic!("no style {name:?}"))
    };
    for name in [
        "Report Title",
        "Report Heading 1",
        "Report Heading 2",
        "Report Body",
        "Numbered Paragraph",
    ] {
        assert!(
            document.contains(&format!(r#"<w:pStyle w:val="{}"/>"#, id_of(name))),
            "the template's {name:?} is used"
        );
        assert_eq!(
            styles
                .matches(&format!(r#"<w:name w:val="{name}"/>"#))
                .count(),
            1,
            "{name:?} is the template's, not added again"
        );
    }
    assert!(document.contains(&format!(
        r#"<w:tblStyle w:val="{}"/>"#,
        id_of("Report Table")
    )));
    assert!(!document.contains(r#"<w:pStyle w:val="Heading1"/>"#));
    // The template's font, its A4 page and margins, its first page.
    assert!(styles.contains(r#"w:ascii="Liberation Sans""#));
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
    assert!(document.contains(r#"w:top="1417" w:right="1134" w:bottom="1134" w:left="1417""#));
    assert!(document.contains("<w:titlePg/>"));
    // The letterhead picture in the first page's header, with its alt text.
    let first = document
        .split(r#"<w:headerReference w:type="first" r:id=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a first-page header");
    let rels = text(&p, "word/_rels/document.xml.rels");
    let target = rels
        .split(&format!(r#"Id="{first}""#))
        .nth(1)
        .and_then(|s| s.split("Target=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .expect("the header's part");
    let header = text(&p, &format!("word/{target}"));
    assert!(
        header.contains("<a:blip") && header.contains(r#"descr="London Borough of Kingsmere""#)
    );
    assert!(
        p.keys()
            .any(|k| k.starts_with("word/media/") && k.ends_with(".png"))
    );
    // Its footer, numbered "Page X of Y" at its end.
    let footers: Vec<String> = p
        .keys()
        .filter(|k| k.starts_with("word/footer"))
        .map(|k| text(&p, k))
        .collect();
    assert!(!footers.is_empty());
    for f in &footers {
        let address = f.find("Civic Centre").expect("the template's footer");
        let page = f.find(" PAGE ").expect("page numbers");
        assert!(address < page && f.contains(" NUMPAGES "));
    }
    // The council's own list (1., (a), (i)) is kept beside the paper's.
    let numbering = text(&p, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:abstractNum w:abstractNumId="40""#));
    assert!(numbering.contains(r#"<w:numFmt w:val="lowerRoman"/>"#));
}

/// A council template whose heading style is linked to its multi-level
/// list (as many are): the paper's unnumbered headings switch that
/// numbering off (a list of the paper's that prints no number), so Word
/// does not number what the house style leaves unnumbered.
#[test]
fn a_template_heading_numbered_by_its_style_is_not_numbered_where_the_paper_is_not() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(&support::root().join("examples/london-borough"), dir.path());
    let dotx = dir.path().join("templates/report.dotx");
    let mut p = parts(&std::fs::read(&dotx).unwrap());
    let styles = text(&p, "word/styles.xml");
    let at = styles.find(r#"w:styleId="ReportHeading1""#).unwrap();
    let ppr = at + styles[at..].find("<w:pPr>").unwrap() + "<w:pPr>".len();
    let linked = format!(
        r#"{}<w:numPr><w:ilvl w:val="0"/><w:numId w:val="40"/></w:numPr>{}"#,
        &styles[..ppr],
        &styles[ppr..]
    );
    p.insert("word/styles.xml".into(), linked.into_bytes());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in p {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, &bytes).unwrap();
    }
    std::fs::write(&dotx, zip.finish().unwrap().into_inner()).unwrap();
    papers()
        .args(["render", "--quiet", "--to", "docx", "--out"])
        .arg(dir.path().join("out"))
        .arg(dir.path().join("2024-09-12-library-service-review.yaml"))
        .assert()
        .success();
    let out = parts(
        &std::fs::read(
            dir.path()
                .join("out/2024-09-12-library-service-review.docx"),
        )
        .unwrap(),
    );
    let document = text(&out, "word/document.xml");
    let h1 = r#"<w:pStyle w:val="ReportHeading1"/>"#;
    assert_eq!(document.matches(h1).count(), 4);
    let numbering = text(&out, "word/numbering.xml");
    let none = numbering
        .split(r#"<w:numFmt w:val="none"/><w:suff w:val="nothing"/><w:lvlText w:val=""/>"#)
        .next()
        .and_then(|s| s.rsplit(r#"<w:abstractNum w:abstractNumId=""#).next())
        .and_then(|s| s.split('"').next())
        .expect("a list that prints no number")
        .to_string();
    let num = numbering
        .split(&format!(r#"<w:abstractNumId w:val="{none}"/></w:num>"#))
        .next()
        .and_then(|s| s.rsplit(r#"<w:num w:numId=""#).next())
        .and_then(|s| s.split('"').next())
        .expect("its instance")
        .to_string();
    assert_eq!(
        document
            .matches(&format!(
                r#"{h1}<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>"#
            ))
            .count(),
        4,
        "every group heading switches the style's numbering off"
    );
    assert!(
        !document.contains(r#"<w:pStyle w:val="ReportHeading2"/><w:numPr>"#),
        "a style without numbering is left alone"
    );
}

#[test]
fn a_pack_with_docx_writes_public_and_exempt_word_files_by_audience() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(&support::root().join("reports"), dir.path());
    let council = format!("{}\npack:\n  docx: Yes\n", support::council_yaml());
    std::fs::write(dir.path().join("council.yaml"), council).unwrap();
    let out = dir.path().join("out");
    papers()
        .env("SOURCE_DATE_EPOCH", "1666915200")
        .args(["pack", "--quiet"])
        .arg(
            dir.path()
                .join("meetings/2022-11-07-childrens-services.yaml"),
        )
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let files = support::files_in(&out);
    let docx: Vec<&String> = files.iter().filter(|f| f.ends_with(".docx")).collect();
    assert!(docx.iter().any(|f| *f == "public/agenda.docx"), "{docx:?}");
    assert!(
        docx.iter().any(|f| f.starts_with("public/item-4-")),
        "{docx:?}"
    );
    let exempt: Vec<_> = docx.iter().filter(|f| f.starts_with("exempt/")).collect();
    assert_eq!(exempt.len(), 1, "{docx:?}");
    // The agenda may name an exempt item; its text is in exempt/ only.
    let exempt_text = "The purchase will be completed by the";
    for f in &docx {
        let p = parts(&std::fs::read(out.join(f)).unwrap());
        let document = text(&p, "word/document.xml");
        if f.starts_with("public/") {
            assert!(
                !document.contains(exempt_text),
                "{f} holds the exempt report"
            );
            assert!(!p.contains_key("word/header1.xml"), "{f}");
        } else {
            assert!(document.contains(exempt_text), "{f}");
            assert!(
                text(&p, "word/header1.xml").contains("NOT FOR PUBLICATION"),
                "{f}"
            );
        }
    }
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    for f in &docx {
        assert!(
            manifest.contains(&format!("\"{f}\"")),
            "{f} not in the manifest"
        );
    }
    let agenda = parts(&std::fs::read(out.join("public/agenda.docx")).unwrap());
    assert!(text(&agenda, "docProps/core.xml").contains("<dc:title>Agenda: "));
    let index = std::fs::read_to_string(out.join("public/index.html")).unwrap();
    assert!(
        index.contains("Report (Word)"),
        "the agenda links the Word files"
    );
}

#[test]
fn the_templates_page_header_is_kept_and_marked_and_its_footer_numbered() {
    // The shipped template with a letterhead on every page.
    let mut p = parts(&committee_papers::render::docx::default_template());
    p.insert(
        "word/header9.xml".into(),
        format!(
            r#"<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>Sefton letterhead</w:t></w:r></w:p></w:hdr>"#
        )
        .into_bytes(),
    );
    let rels = text(&p, "word/_rels/document.xml.rels").replace(
        "</Relationships>",
        r#"<Relationship Id="rIdT9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header9.xml"/></Relationships>"#,
    );
    p.insert("word/_rels/document.xml.rels".into(), rels.into_bytes());
    let document = text(&p, "word/document.xml").replace(
        "<w:sectPr>",
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdT9"/>"#,
    );
    p.insert("word/document.xml".into(), document.into_bytes());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in p {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, &bytes).unwrap();
    }
    let template = zip.finish().unwrap().into_inner();

    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(&support::root().join("reports"), dir.path());
    std::fs::write(dir.path().join("letterhead.docx"), template).unwrap();
    let council = format!(
        "{}\ndocx_template: letterhead.docx\n",
        support::council_yaml()
    );
    std::fs::write(dir.path().join("council.yaml"), council).unwrap();
    let exempt = dir
        .path()
        .join("2022-11-07-residential-home-property-acquisition.yaml");
    papers()
        .args(["render", "--quiet", "--to", "docx", "--out"])
        .arg(dir.path().join("out"))
        .arg(&exempt)
        .assert()
        .success();
    let out = parts(
        &std::fs::read(
            dir.path()
                .join("out/2022-11-07-residential-home-property-acquisition.docx"),
        )
        .unwrap(),
    );
    let header = text(&out, "word/header1.xml");
    let mark = header.find("NOT FOR PUBLICATION").expect("the mark");
    let letterhead = header.find("Sefton letterhead").expect("the letterhead");
    assert!(
        mark < letterhead,
        "the mark opens the template's header: {header}"
    );
    let footer = text(&out, "word/footer1.xml");
    assert!(footer.contains(" PAGE ") && footer.contains(" NUMPAGES "));
    let document = text(&out, "word/document.xml");
    assert!(document.contains(r#"<w:headerReference w:type="default" r:id="rIdheader1"/>"#));
    assert_eq!(document.matches("<w:headerReference").count(), 1);
}

#[test]
fn a_welsh_papers_second_language_is_marked_in_its_runs() {
    let dir = tempfile::tempdir().unwrap();
    let report =
        support::root().join("examples/welsh-council/2021-04-27-council-tax-collection.yaml");
    papers()
        .args(["render", "--quiet", "--to", "docx", "--out"])
        .arg(dir.path())
        .arg(&report)
        .assert()
        .success();
    let bytes = std::fs::read(dir.path().join("2021-04-27-council-tax-collection.docx")).unwrap();
    let document = text(&parts(&bytes), "word/document.xml");
    let doc = roxmltree::Document::parse(&document).unwrap();
    // Each run's text with its language, if it sets one.
    let runs: Vec<(String, Option<String>)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "r")))
        .map(|r| {
            let lang = r
                .descendants()
                .find(|n| n.has_tag_name((W, "lang")))
                .and_then(|l| l.attribute((W, "val")))
                .map(str::to_string);
            (text_of(r), lang)
        })
        .collect();
    let welsh = |t: &str| {
        runs.iter()
            .any(|(text, lang)| text == t && lang.as_deref() == Some("cy-GB"))
    };
    // A header label, a heading and the meeting date, each in Welsh.
    assert!(welsh("Adroddiad i"), "{runs:#?}");
    assert!(welsh("Diben yr Adroddiad"), "{runs:#?}");
    assert!(welsh("Dydd Mawrth 27 Ebrill 2021"), "{runs:#?}");
    // The English before it is not marked.
    assert!(
        runs.iter()
            .any(|(text, lang)| text == "Report to / " && lang.is_none())
    );
}
