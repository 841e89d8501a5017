//! The PDF output, read back: text, tags, outline, metadata, determinism and
//! template errors. Everything comes from the repository (the seed report
//! and its council); nothing outside it is needed.

use crate::support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use committee_papers::enrich::numbering::number_body;
use committee_papers::pipeline::{LoadedReport, load_report, render_report};
use committee_papers::prose::markdown_options;
use committee_papers::render::Format;
use lopdf::{Document, Object};
use pulldown_cmark::{Event, Parser};
use support::normalise;

const SEED: &str = "reports/2022-11-07-childrens-services-commissioner.yaml";
const SUBJECT: &str = "Children's Services Commissioner";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn loaded_seed() -> LoadedReport {
    load_report(&repo(SEED)).unwrap_or_else(|e| panic!("the seed loads: {e:?}"))
}

fn pdf_of(loaded: &LoadedReport) -> Vec<u8> {
    let out = render_report(loaded, &[Format::Pdf]).unwrap_or_else(|e| {
        panic!(
            "the PDF renders:\n{}",
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    out.get(Format::Pdf).expect("a PDF").to_vec()
}

/// The seed's PDF, rendered once for all tests.
fn seed_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| pdf_of(&loaded_seed()))
}

fn seed_doc() -> Document {
    Document::load_mem(seed_pdf()).expect("lopdf reads the PDF")
}

/// All text of the document, whitespace collapsed, U+2060 removed.
fn text_of(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).expect("text extracts");
    normalise(&raw)
}

/// The text without the running header and footer of each page (page
/// artifacts that would interrupt sentences running over a page break).
fn body_text_of(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let total = pages.len();
    let header = format!("Sefton Council {SUBJECT}");
    pages
        .iter()
        .map(|&p| {
            let text = normalise(&doc.extract_text(&[p]).expect("text extracts"));
            let footer = format!("Page {p} of {total}");
            let text = text
                .strip_prefix(&header)
                .unwrap_or_else(|| panic!("header on page {p}: {text}"));
            let text = text
                .strip_suffix(&footer)
                .unwrap_or_else(|| panic!("footer on page {p}: {text}"));
            text.trim().to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The plain text of a Markdown fragment, split into sentences (and at the
/// end of every block: list markers come between list items in the PDF).
fn sentences(markdown: &str) -> Vec<String> {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    text.lines()
        .flat_map(|block| {
            normalise(block)
                .split_inclusive(". ")
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Asserts that each needle occurs in `haystack`, in order.
fn assert_in_order(haystack: &str, needles: &[String]) {
    let mut from = 0;
    for needle in needles {
        match haystack[from..].find(needle.as_str()) {
            Some(i) => from += i + needle.len(),
            None => panic!(
                "not found (in order) in the PDF text: {needle:?}\nafter: {:?}",
                &haystack[from..haystack.len().min(from + 300)]
            ),
        }
    }
}

fn catalog(doc: &Document) -> &lopdf::Dictionary {
    doc.catalog().expect("a catalog")
}

fn string(obj: &Object) -> String {
    match obj {
        Object::String(bytes, _) => lopdf::decode_text_string(obj)
            .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned()),
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn every_sentence_of_the_seed_is_there_in_order() {
    let loaded = loaded_seed();
    let r = &loaded.report;
    let text = body_text_of(&seed_doc());

    let mut expected: Vec<String> = Vec::new();
    for field in [&r.summary]
        .into_iter()
        .chain(r.recommendations.iter())
        .chain([&r.options, &r.costs.revenue, &r.costs.capital])
        .chain([
            &r.implications.resources,
            &r.implications.legal,
            &r.implications.equality,
        ])
    {
        expected.extend(sentences(field));
    }
    expected.extend(sentences(&r.implementation_date));
    for section in number_body(&r.body).sections {
        if let Some(title) = &section.title {
            expected.push(match section.number {
                Some(n) => format!("{n}. {title}"),
                None => title.clone(),
            });
        }
        for item in &section.items {
            if let Some(number) = &item.number {
                expected.push(number.clone());
            }
            expected.extend(sentences(&item.markdown));
        }
    }
    assert!(expected.len() > 80, "the seed has many sentences");
    assert_in_order(&text, &expected);
}

#[test]
fn every_body_paragraph_number_is_there() {
    let text = text_of(&seed_doc());
    let mut numbers: Vec<String> = (1..=6).map(|i| format!("1.{i}")).collect();
    numbers.extend((1..=21).map(|i| format!("2.{i}")));
    assert_in_order(&text, &numbers);
    assert!(!text.contains("2.22"), "2.21 is the last paragraph");
    // The unnumbered recommendations keep the author's list numbers.
    assert!(text.contains("21. Continue the work to develop local residential care provision"));
}

#[test]
fn header_table_climate_and_contact_read_as_in_the_seed() {
    let text = text_of(&seed_doc());
    let expected: Vec<String> = [
        "Report to: Overview and Scrutiny Committee (Children's Services and Safeguarding)",
        "Date of Meeting: Monday 7 November 2022",
        "Subject: Children's Services Commissioner",
        "Wards Affected: All Wards",
        "Portfolio: Cabinet Member – Children's Social Care",
        "Is this a Key Decision: No",
        "Included in Forward Plan: No",
        "Exempt / Confidential Report: No",
        "Have a positive impact Yes",
        "Have a neutral impact N/A",
        "Have a negative impact No",
        "The Author has undertaken the Climate Emergency training for report authors Yes",
        "Protect the most vulnerable: The Improvement Programme",
        "FD. 6993",
        "Contact Officer: Martin Birch",
        "Email Address: martin.birch@sefton.gov.uk",
        "The Commissioner's report is attached",
        "There are no background papers available for inspection.",
    ]
    .map(String::from)
    .to_vec();
    assert_in_order(&text, &expected);
    assert!(text.contains("Sefton Council"), "the council in the header");
    assert!(text.contains("Page 1 of "), "page X of Y");
}

#[test]
fn tagged_with_language_title_and_standards() {
    let doc = seed_doc();
    let cat = catalog(&doc);
    assert!(cat.get(b"StructTreeRoot").is_ok(), "tagged: StructTreeRoot");
    let mark = doc
        .dereference(cat.get(b"MarkInfo").expect("MarkInfo"))
        .expect("MarkInfo resolves")
        .1
        .as_dict()
        .expect("a dictionary");
    assert_eq!(
        mark.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true)
    );
    assert_eq!(string(cat.get(b"Lang").expect("/Lang")), "en-GB");

    let info_ref = doc.trailer.get(b"Info").expect("an Info dictionary");
    let info = doc
        .dereference(info_ref)
        .expect("Info")
        .1
        .as_dict()
        .expect("dict");
    assert_eq!(string(info.get(b"Title").expect("Info /Title")), SUBJECT);

    let meta_ref = cat
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("XMP metadata");
    let stream = doc
        .get_object(meta_ref)
        .and_then(Object::as_stream)
        .expect("a stream");
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let xmp = String::from_utf8_lossy(&bytes).into_owned();
    let xmp_subject = SUBJECT.replace('\'', "&apos;");
    assert!(
        xmp.contains(&format!(">{xmp_subject}</rdf:li>"))
            || xmp.contains(&format!(">{SUBJECT}</rdf:li>")),
        "dc:title in XMP: {xmp}"
    );
    assert!(
        xmp.contains("pdfuaid:part") && xmp.contains("pdfaid:part"),
        "{xmp}"
    );
}

/// Walks the structure tree and counts elements by type (and TH by scope).
fn struct_counts(doc: &Document) -> std::collections::BTreeMap<String, usize> {
    fn walk(
        doc: &Document,
        obj: &Object,
        counts: &mut std::collections::BTreeMap<String, usize>,
        depth: usize,
    ) {
        if depth > 200 {
            return;
        }
        let obj = match doc.dereference(obj) {
            Ok((_, o)) => o,
            Err(_) => return,
        };
        match obj {
            Object::Array(kids) => kids.iter().for_each(|k| walk(doc, k, counts, depth + 1)),
            Object::Dictionary(d) => {
                if let Ok(s) = d.get(b"S").and_then(Object::as_name) {
                    let s = String::from_utf8_lossy(s).into_owned();
                    if s == "TH" {
                        let scope = d
                            .get(b"A")
                            .ok()
                            .and_then(|a| doc.dereference(a).ok())
                            .and_then(|(_, a)| match a {
                                Object::Dictionary(a) => a
                                    .get(b"Scope")
                                    .and_then(Object::as_name)
                                    .ok()
                                    .map(|n| n.to_vec()),
                                Object::Array(items) => items.iter().find_map(|i| {
                                    doc.dereference(i)
                                        .ok()?
                                        .1
                                        .as_dict()
                                        .ok()?
                                        .get(b"Scope")
                                        .and_then(Object::as_name)
                                        .ok()
                                        .map(|n| n.to_vec())
                                }),
                                _ => None,
                            });
                        if let Some(scope) = scope {
                            *counts
                                .entry(format!("TH/{}", String::from_utf8_lossy(&scope)))
                                .or_default() += 1;
                        }
                    }
                    *counts.entry(s).or_default() += 1;
                }
                if let Ok(k) = d.get(b"K") {
                    walk(doc, k, counts, depth + 1);
                }
            }
            _ => {}
        }
    }
    let mut counts = Default::default();
    let root = catalog(doc).get(b"StructTreeRoot").expect("StructTreeRoot");
    walk(doc, root, &mut counts, 0);
    counts
}

#[test]
fn structure_has_headings_tables_with_row_headers_lists_and_links() {
    let counts = struct_counts(&seed_doc());
    let n = |k: &str| counts.get(k).copied().unwrap_or(0);
    assert_eq!(n("H1"), 1, "{counts:?}");
    assert!(n("H2") >= 15, "{counts:?}");
    // The 27 numbered paragraphs are paragraphs (P), not bare grid cells.
    assert!(n("P") >= 45, "{counts:?}");
    assert_eq!(
        n("Table"),
        3,
        "header, climate and contact tables: {counts:?}"
    );
    // 9 rows of the header table, 4 climate rows, 3 contact rows.
    assert_eq!(n("TH/Row"), 16, "{counts:?}");
    assert_eq!(
        n("TH/Column"),
        2,
        "the climate table's column headers: {counts:?}"
    );
    assert!(n("LI") >= 25, "{counts:?}");
    assert!(n("Link") >= 1, "the mailto link: {counts:?}");
}

#[test]
fn the_contact_email_is_a_live_mailto_link() {
    let doc = seed_doc();
    let mut uris = Vec::new();
    for (_, page) in doc.get_pages() {
        let Ok(annots) = doc.get_dictionary(page).and_then(|p| p.get(b"Annots")) else {
            continue;
        };
        let Ok((_, Object::Array(annots))) = doc.dereference(annots) else {
            continue;
        };
        for a in annots {
            let Ok((_, Object::Dictionary(a))) = doc.dereference(a) else {
                continue;
            };
            if let Ok(action) = a.get(b"A")
                && let Ok((_, Object::Dictionary(action))) = doc.dereference(action)
                && let Ok(uri) = action.get(b"URI")
            {
                uris.push(string(uri));
            }
        }
    }
    assert!(
        uris.contains(&"mailto:martin.birch@sefton.gov.uk".to_string()),
        "{uris:?}"
    );
}

#[test]
fn bookmarks_are_the_subject_and_the_section_headings() {
    let doc = seed_doc();
    let toc = doc.get_toc().expect("an outline");
    let got: Vec<(usize, String)> = toc
        .toc
        .iter()
        .map(|t| (t.level, normalise(&t.title)))
        .collect();

    let mut expected = vec![(1, SUBJECT.to_string())];
    for h in [
        "Summary",
        "Recommendation(s)",
        "Alternative Options Considered and Rejected (including any Risk Implications)",
        "What will it cost and how will it be financed?",
        "Implications of the Proposals",
        "Climate Emergency Implications",
        "Contribution to the Council's Core Purpose",
        "What consultations have taken place on the proposals and when?",
        "Implementation Date for the Decision",
        "Contact Officer",
        "Appendices",
        "Background Papers",
    ] {
        expected.push((2, h.to_string()));
    }
    for section in number_body(&loaded_seed().report.body).sections {
        if let Some(title) = section.title {
            let heading = match section.number {
                Some(n) => format!("{n}. {title}"),
                None => title,
            };
            expected.push((2, heading));
        }
    }
    assert_eq!(got, expected);
    assert!(
        expected
            .iter()
            .any(|(_, h)| h == "1. Introduction/Background")
    );
}

#[test]
fn a4_pages_and_a_sensible_page_count() {
    let doc = seed_doc();
    let pages = doc.get_pages();
    assert!((5..=9).contains(&pages.len()), "{} pages", pages.len());
    let first = doc.get_dictionary(*pages.values().next().unwrap()).unwrap();
    let media = first
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .expect("MediaBox");
    let size: Vec<f32> = media.iter().map(|o| o.as_float().unwrap()).collect();
    assert!(
        (size[2] - 595.28).abs() < 1.0 && (size[3] - 841.89).abs() < 1.0,
        "A4: {size:?}"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let loaded = loaded_seed();
    let a = pdf_of(&loaded);
    let b = pdf_of(&loaded);
    assert!(a == b, "two renders differ");
    assert!(a == seed_pdf(), "renders differ from the first one");
}

/// The binary with `SOURCE_DATE_EPOCH` (set for the child process only, so
/// no test races on the environment): byte-identical files, and the epoch
/// is the creation date.
#[test]
fn source_date_epoch_gives_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for run in ["a", "b"] {
        let out = dir.path().join(run);
        assert_cmd::Command::cargo_bin("papers")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .args(["render", SEED, "--to", "pdf", "--out"])
            .arg(&out)
            .assert()
            .success();
        let pdf =
            std::fs::read(out.join("2022-11-07-childrens-services-commissioner.pdf")).unwrap();
        outputs.push(pdf);
    }
    assert!(
        outputs[0] == outputs[1],
        "two runs with the same SOURCE_DATE_EPOCH differ"
    );
    let doc = Document::load_mem(&outputs[0]).unwrap();
    let info = doc
        .dereference(doc.trailer.get(b"Info").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    let created = string(info.get(b"CreationDate").expect("a creation date"));
    assert!(created.starts_with("D:20231114221320"), "{created}");
}

/// A council folder in a tempdir with the seed report and council, plus the
/// given template overrides.
fn council_with(
    templates: &[(&str, &str)],
    report_yaml: Option<&str>,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo("reports/council.yaml"),
        dir.path().join("council.yaml"),
    )
    .unwrap();
    let report = dir.path().join("report.yaml");
    match report_yaml {
        Some(text) => std::fs::write(&report, text).unwrap(),
        None => {
            std::fs::copy(repo(SEED), &report).unwrap();
        }
    }
    if !templates.is_empty() {
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        for (name, text) in templates {
            std::fs::write(dir.path().join("templates").join(name), text).unwrap();
        }
    }
    (dir, report)
}

/// The first error of rendering `report` to PDF.
fn pdf_error(report: &Path) -> committee_papers::Diagnostic {
    let loaded = load_report(report).unwrap_or_else(|e| panic!("{e:?}"));
    let errors = render_report(&loaded, &[Format::Pdf]).expect_err("the PDF fails");
    errors.into_iter().next().expect("an error")
}

/// Asserts `d` is at `file` (the council's override), line and column.
fn assert_at(d: &committee_papers::Diagnostic, file: &Path, line: usize, column: usize) {
    assert!(d.is_error(), "{d}");
    assert_eq!(d.file.as_deref(), Some(file), "{d}");
    let loc = d.location.expect("a line and column");
    assert_eq!((loc.line, loc.column), (line, column), "{d}");
}

/// A council's `body.typ` with `broken` on line 6, inside the loop over
/// sections (which runs more than once for the seed).
fn body_with_error_in_loop(broken: &str) -> String {
    format!(
        "// A council's own body.\n#import \"style.typ\": md, numbered\n#let body(report) = {{\n  for section in report.body.sections {{\n    heading(level: 2, section.title)\n    {broken}\n  }}\n}}\n"
    )
}

#[test]
fn an_error_inside_a_loop_of_a_partial_is_at_its_line_and_column() {
    let body = body_with_error_in_loop("no-such-function()");
    let (dir, report) = council_with(&[("body.typ", &body)], None);
    let d = pdf_error(&report);
    assert_at(&d, &dir.path().join("templates/body.typ"), 6, 5);
    assert!(
        d.message.contains("unknown variable: no-such-function"),
        "{d}"
    );
}

#[test]
fn errors_on_the_first_and_last_lines_of_a_partial_are_located() {
    let first = "#let header(report) = no-such-function()\n#let unused = 1\n";
    let (dir, report) = council_with(&[("header.typ", first)], None);
    assert_at(
        &pdf_error(&report),
        &dir.path().join("templates/header.typ"),
        1,
        23,
    );

    let last = "#import \"style.typ\": key-table\n\n#let header(report) = key-table(report.committee, report.subject,\n  1 + \"a\")";
    let (dir, report) = council_with(&[("header.typ", last)], None);
    let d = pdf_error(&report);
    assert_at(&d, &dir.path().join("templates/header.typ"), 4, 3);
    assert!(d.message.contains("cannot add integer and string"), "{d}");
}

#[test]
fn errors_in_the_entry_template_are_located_in_loops_and_at_both_ends() {
    let entry = |first: &str, middle: &str, last: &str| {
        format!(
            "{first}\n#import \"paper.typ\": paper\n#let data = json(\"/data.json\")\n#set document(title: data.report.subject)\n#set text(lang: \"en\", region: \"GB\")\n#for rec in data.report.recommendations {{\n  {middle}\n}}\n#paper(data)\n{last}"
        )
    };
    let cases = [
        (entry("#let x = 1 + \"a\"", "[ok]", ""), 1, 10),
        (entry("// fine", "[#rec.no-such-field]", ""), 7, 9),
        (entry("// fine", "[ok]", "#panic(\"last line\")"), 10, 2),
    ];
    for (text, line, column) in cases {
        let (dir, report) = council_with(&[("report.typ", &text)], None);
        let d = pdf_error(&report);
        assert_at(&d, &dir.path().join("templates/report.typ"), line, column);
    }
}

#[test]
fn a_field_that_does_not_exist_is_named() {
    let header = "#let header(report) = [#report.reporter]\n";
    let (_dir, report) = council_with(&[("header.typ", header)], None);
    let d = pdf_error(&report);
    assert_eq!(
        d.message, "dictionary does not contain key \"reporter\"",
        "{d}"
    );
    assert_eq!(d.location.map(|l| (l.line, l.column)), Some((1, 32)), "{d}");
}

#[test]
fn a_broken_template_exits_1_and_writes_no_pdf() {
    let (dir, report) = council_with(
        &[("body.typ", "#let body(report) = panic(\"stop\")\n")],
        None,
    );
    let out = dir.path().join("out");
    let assert = assert_cmd::Command::cargo_bin("papers")
        .unwrap()
        .args(["render", "--to", "pdf", "--out"])
        .arg(&out)
        .arg(&report)
        .assert()
        .code(1);
    let stderr = crate::support::stderr_in(&assert.get_output().stderr, dir.path());
    // The template's line and column, the code, Typst's message, and the
    // built-in template that called it (its line is left open: it moves
    // whenever paper.typ is edited).
    assert!(
        stderr.contains(
            "\n<dir>/templates/body.typ:1:21: error[P110] panicked with: stop\n  \
             hint: called from <built-in>/templates/part.typ:"
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("1 error found; nothing was written for the reports with errors\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("thread '"), "no Rust panic: {stderr}");
    let written = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
    assert_eq!(written, 0, "nothing written");
}

#[test]
fn the_data_typst_receives_for_the_seed() {
    let data = serde_json::to_string_pretty(&loaded_seed().context()).unwrap();
    insta::assert_snapshot!("seed.data.json", data);
}

/// The seed with its body replaced by `body` (a YAML block scalar's text).
fn seed_with_body(body: &str) -> String {
    let seed = std::fs::read_to_string(repo(SEED)).unwrap();
    let at = seed.find("body: |").unwrap();
    let indented: String = body.lines().map(|l| format!("  {l}\n")).collect();
    format!("{}body: |\n{indented}", &seed[..at])
}

#[test]
fn nested_bullet_lists_are_typeset_with_shipped_glyphs() {
    let yaml =
        seed_with_body("## Plan\n\nThe plan:\n\n- one\n  - two\n    - three\n      - four\n");
    let (_dir, report) = council_with(&[], Some(&yaml));
    let loaded = load_report(&report).unwrap_or_else(|e| panic!("{e:?}"));
    let text = body_text_of(&Document::load_mem(&pdf_of(&loaded)).unwrap());
    assert_in_order(&text, &["one", "two", "three", "four"].map(String::from));
}

#[test]
fn community_languages_are_typeset() {
    let lines = [
        "Polish: Ten dokument jest dostępny w innych językach.",
        "Urdu: یہ دستاویز دوسری زبانوں میں دستیاب ہے",
        "Punjabi: ਇਹ ਦਸਤਾਵੇਜ਼ ਹੋਰ ਭਾਸ਼ਾਵਾਂ ਵਿੱਚ ਉਪਲਬਧ ਹੈ",
        "Bengali: এই নথিটি অন্যান্য ভাষায় পাওয়া যায়",
        "Gujarati: આ દસ્તાવેજ અન્ય ભાષાઓમાં ઉપલબ્ધ છે",
        "Arabic: هذه الوثيقة متاحة بلغات أخرى",
        "Malayalam: മലയാളം. Kannada: ಕನ್ನಡ. Symbol: ℋ.",
    ];
    let body = format!("## Other languages\n\n{}\n", lines.join("\n\n"));
    let (_dir, report) = council_with(&[], Some(&seed_with_body(&body)));
    let loaded = load_report(&report).unwrap_or_else(|e| panic!("{e:?}"));
    let doc = Document::load_mem(&pdf_of(&loaded)).unwrap();
    let names = font_names(&doc);
    for family in [
        "NotoSansArabic",
        "NotoSansBengali",
        "NotoSansGujarati",
        "NotoSansGurmukhi",
        "NotoSansMalayalam",
        "NotoSansKannada",
    ] {
        assert!(
            names.iter().any(|n| n.contains(family)),
            "{family} in {names:?}"
        );
    }
    let text = body_text_of(&doc);
    assert!(
        text.contains("Ten dokument jest dostępny w innych językach."),
        "{text}"
    );
}

#[test]
fn a_character_no_font_has_is_an_error_at_its_yaml_line() {
    let seed = std::fs::read_to_string(repo(SEED)).unwrap();
    let yaml = seed.replace("summary: To outline", "summary: 本 To outline");
    let line = yaml
        .lines()
        .position(|l| l.starts_with("summary:"))
        .unwrap()
        + 1;
    let (_dir, report) = council_with(&[], Some(&yaml));
    let d = pdf_error(&report);
    assert_eq!(d.file.as_deref(), Some(report.as_path()), "{d}");
    assert_eq!(d.location.map(|l| l.line), Some(line), "{d}");
    assert!(
        d.message.contains("U+672C") && d.message.contains('本'),
        "{d}"
    );
}

#[test]
fn an_empty_heading_is_refused_at_its_field_in_every_format() {
    let yaml = seed_with_body("## Intro\n\nText.\n\n## \n\nMore text.\n");
    let (_dir, report) = council_with(&[], Some(&yaml));
    let errors = load_report(&report)
        .err()
        .expect("refused before any format");
    let d = errors.iter().find(|d| d.is_error()).unwrap();
    assert!(d.message.contains("has no text"), "{d}");
    assert_eq!(d.file.as_deref(), Some(report.as_path()));

    let seed = std::fs::read_to_string(repo(SEED)).unwrap();
    let yaml = seed.replace("summary: To outline", "summary: |\n  #\n\n  To outline");
    // The block scalar's first line, where the `#` is.
    let line = yaml.lines().position(|l| l == "  #").unwrap() + 1;
    let (_dir, report) = council_with(&[], Some(&yaml));
    let errors = load_report(&report).err().expect("refused");
    let d = errors.iter().find(|d| d.is_error()).unwrap();
    assert!(d.message.contains("report.summary"), "{d}");
    assert_eq!(d.location.map(|l| l.line), Some(line), "{d}");
}

#[test]
fn typst_syntax_in_yaml_stays_text() {
    let seed = std::fs::read_to_string(repo(SEED)).unwrap();
    let tricky_subject =
        "Fees #set 2023/24: *not* bold_ $5 @home <x> [draft] // no comment \\ ~ -- 'q' \"qq\"";
    let yaml = seed
        .replace(
            "subject: Children's Services Commissioner",
            &format!("subject: '{}'", tricky_subject.replace('\'', "''")),
        )
        .replace(
            "summary: To outline",
            "summary: |-\n  = Not a heading\n  \\- not a list #text(red)[x] `#raw` and [a link](https://example.org/a_b) and <b>html</b>.\n\n  To outline",
        );
    let (_dir, report) = council_with(&[], Some(&yaml));
    let loaded = load_report(&report).unwrap_or_else(|e| panic!("{e:?}"));
    let pdf = pdf_of(&loaded);
    let doc = Document::load_mem(&pdf).unwrap();
    let text = text_of(&doc);
    assert!(text.contains(&normalise(tricky_subject)), "{text}");
    assert!(
        text.contains(
            "= Not a heading - not a list #text(red)[x] #raw and a link and <b>html</b>."
        ),
        "{text}"
    );
    let toc = doc.get_toc().unwrap();
    assert_eq!(normalise(&toc.toc[0].title), normalise(tricky_subject));
}

/// Fonts used on the pages (base font names), from the page resources.
fn font_names(doc: &Document) -> Vec<String> {
    let mut names = Vec::new();
    for (_, page) in doc.get_pages() {
        let Ok(fonts) = doc.get_page_fonts(page) else {
            continue;
        };
        for font in fonts.values() {
            if let Ok(name) = font.get(b"BaseFont").and_then(Object::as_name) {
                names.push(String::from_utf8_lossy(name).into_owned());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn only_the_shipped_fonts_are_embedded() {
    let names = font_names(&seed_doc());
    assert!(!names.is_empty());
    for name in &names {
        // Subset fonts are named `ABCDEF+Family`.
        let family = name.split_once('+').map_or(name.as_str(), |(_, f)| f);
        assert!(family.starts_with("LiberationSans"), "{names:?}");
    }
}

#[test]
fn a_council_font_replaces_the_body_font() {
    let (dir, report) = council_with(&[], None);
    let council = std::fs::read_to_string(dir.path().join("council.yaml")).unwrap();
    std::fs::write(
        dir.path().join("council.yaml"),
        format!("font: house.ttf\n{council}"),
    )
    .unwrap();
    // Any font will do: the shipped monospace one stands in for a house font.
    std::fs::copy(
        repo("fonts/LiberationMono-Regular.ttf"),
        dir.path().join("house.ttf"),
    )
    .unwrap();
    let loaded = load_report(&report).unwrap_or_else(|e| panic!("{e:?}"));
    let doc = Document::load_mem(&pdf_of(&loaded)).unwrap();
    let names = font_names(&doc);
    assert!(
        names.iter().any(|n| n.ends_with("LiberationMono")),
        "{names:?}"
    );
}

#[test]
fn rich_markdown_in_the_body_is_typeset_and_tagged() {
    let seed = std::fs::read_to_string(repo(SEED)).unwrap();
    let body = "body: |\n  ## Budget\n\n  The costs are below, with **bold**, *italic* and ~~struck~~ text.\n\n  | Year | Revenue (£m) |\n  | :--- | ---: |\n  | 2022/23 | 52.069 |\n  | 2023/24 | 55.1 |\n\n  The plan has steps:\n\n  3. Third first\n  4. Fourth, nested:\n     - alpha\n     - beta\n\n  > A quoted remark.\n\n  #### Deep heading straight after a section\n\n  Write to <someone@example.org>.\n\n  ```\n  let x = \"#set page(width: 1cm)\";\n  ```\n";
    let at = seed.find("body: |").unwrap();
    let yaml = format!("{}{body}", &seed[..at]);
    let (_dir, report) = council_with(&[], Some(&yaml));
    let loaded = load_report(&report).unwrap_or_else(|e| panic!("{e:?}"));
    let doc = Document::load_mem(&pdf_of(&loaded)).unwrap();
    // lopdf puts a space where the font changes (`bold ,`).
    let text = body_text_of(&doc).replace(" ,", ",").replace(" .", ".");
    let expected: Vec<String> = [
        "1. Budget",
        "1.1 The costs are below, with bold, italic and struck text.",
        "Year Revenue (£m) 2022/23 52.069 2023/24 55.1",
        "1.2 The plan has steps:",
        "3. Third first 4. Fourth, nested:",
        "alpha",
        "beta",
        "A quoted remark.",
        "Deep heading straight after a section",
        "1.3 Write to someone@example.org.",
        "let x = \"#set page(width: 1cm)\";",
    ]
    .map(String::from)
    .to_vec();
    assert_in_order(&text, &expected);
    let counts = struct_counts(&doc);
    let n = |k: &str| counts.get(k).copied().unwrap_or(0);
    assert_eq!(n("Table"), 4, "{counts:?}");
    assert_eq!(
        n("TH/Column"),
        4,
        "climate and Markdown column headers: {counts:?}"
    );
    assert_eq!(n("BlockQuote"), 1, "{counts:?}");
    assert_eq!(
        n("H4"),
        0,
        "a #### straight after ## is an H3, not a skip: {counts:?}"
    );
    assert!(n("L") >= 2 && n("Code") >= 1, "{counts:?}");
}

#[test]
fn a_council_logo_is_placed_with_alt_text() {
    // A 1x1 PNG.
    const PNG: &[u8] = &[
        137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
        0, 0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 96, 248, 95, 15,
        0, 2, 135, 1, 128, 235, 71, 186, 146, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
    ];
    let dir = tempfile::tempdir().unwrap();
    let council = std::fs::read_to_string(repo("reports/council.yaml"))
        .unwrap()
        .replace(
            "name: Sefton Council",
            "name: Sefton Council\nlogo: logo.png",
        );
    std::fs::write(dir.path().join("council.yaml"), council).unwrap();
    std::fs::write(dir.path().join("logo.png"), PNG).unwrap();
    let report = dir.path().join("r.yaml");
    std::fs::copy(repo(SEED), &report).unwrap();
    let pdf = pdf_of(&load_report(&report).expect("loads"));
    let doc = Document::load_mem(&pdf).expect("reads");
    let counts = struct_counts(&doc);
    assert_eq!(counts.get("Figure").copied().unwrap_or(0), 1, "{counts:?}");
    let raw = String::from_utf8_lossy(&pdf);
    assert!(
        raw.contains("/Subtype /Image") || raw.contains("/Subtype/Image"),
        "the image is embedded"
    );
}

#[test]
fn an_error_in_a_built_in_helper_names_the_council_line_that_called_it() {
    // `md` takes values of the data only: here an override passes it text.
    let header = "#import \"style.typ\": md\n#let header(report) = {\n  md(\"not a field\")\n}\n";
    let (dir, report) = council_with(&[("header.typ", header)], None);
    let d = pdf_error(&report);
    assert!(d.message.contains("md() takes a Markdown field"), "{d}");
    let called_from = format!(
        "called from {}:3:3",
        dir.path().join("templates/header.typ").display()
    );
    assert!(
        d.hint.as_deref().unwrap_or("").contains(&called_from),
        "{d}"
    );
}

/// Found by libFuzzer (markdown_typst): a NUL, from YAML's `"\0"` or in
/// raw HTML, or a byte order mark, failed PDF/A export ("disallowed
/// codepoint") far from its field. They print as `?` (the mark goes).
#[test]
fn code_points_a_pdf_may_not_hold_are_printed_as_question_marks() {
    use crate::support::{Council, SEED, bundled, with_body, with_field};
    let c = Council::new();
    let yaml = with_field(&bundled(SEED), "subject", "A \0 subject");
    let yaml = with_field(&yaml, "summary", "Nul <b>\0</b> and mark x\u{feff}y.");
    let yaml = with_body(&yaml, "## Intro\n\nCode `a\0b` here.\n");
    let path = c.report("nul", &yaml);
    let loaded = load_report(&path).unwrap_or_else(|e| panic!("{e:?}"));
    let rendered = render_report(&loaded, &[Format::Pdf]).unwrap_or_else(|e| panic!("{e:?}"));
    let text = support::pdf_text(&rendered.outputs[0].1);
    for want in ["A ? subject", "and mark xy", "a?b"] {
        assert!(text.contains(want), "{want:?} not in {text}");
    }
}
