//! `papers import`: Word reports made by LibreOffice and python-docx
//! (`scripts/make-docx-fixtures.py`, committed in tests/fixtures/docx/)
//! read into YAML that decodes in the council's house style, with the
//! header values and part texts they hold; `papers check` then lists only
//! the TODOs. Bad files are refused with nothing written, and an existing
//! file is never replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use committee_papers::load;
use committee_papers::model::report::{Answer, Report, Wards};

use crate::support;

fn papers() -> Command {
    Command::cargo_bin("papers").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    support::root().join("tests/fixtures/docx").join(name)
}

/// A scratch folder with `council` as its council.yaml and the fixture
/// in it, imported with no `--council` (the nearest council.yaml).
struct Imported {
    dir: tempfile::TempDir,
    yaml: String,
    stderr: String,
}

impl Imported {
    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn yaml_path(&self) -> PathBuf {
        self.path().join("report.yaml")
    }

    /// The report decoded in the council's style, each TODO filled in
    /// as an officer would.
    fn report(&self) -> Report {
        self.decode(fill_todos(&self.yaml))
    }

    /// `filled` decoded in the council's style.
    fn decode(&self, filled: String) -> Report {
        let council = load::load_council(&self.path().join("council.yaml")).unwrap();
        let source =
            load::parse_source(filled.clone()).unwrap_or_else(|e| panic!("{e:?}\n{filled}"));
        load::decode_report(source.as_ref(), Some(&council))
            .unwrap_or_else(|e| panic!("{e:?}\n{filled}"))
    }

    /// The codes `papers check` gives on the imported file.
    fn check_codes(&self) -> Vec<String> {
        let out = papers()
            .args(["check", "--format", "json"])
            .arg(self.yaml_path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["code"].as_str().map(str::to_string))
            .collect()
    }
}

fn import(name: &str, council: &str) -> Imported {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        support::root().join(council),
        dir.path().join("council.yaml"),
    )
    .unwrap();
    import_into(dir, name)
}

/// The fixture imported under a whole council folder (its templates too).
fn import_under(name: &str, council_dir: &str) -> Imported {
    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(&support::root().join(council_dir), dir.path());
    import_into(dir, name)
}

fn import_into(dir: tempfile::TempDir, name: &str) -> Imported {
    let docx = dir.path().join("report.docx");
    std::fs::copy(fixture(name), &docx).unwrap();
    let out = papers().arg("import").arg(&docx).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
    let yaml = std::fs::read_to_string(dir.path().join("report.yaml")).unwrap();
    Imported { dir, yaml, stderr }
}

const SEFTON: &str = "reports/council.yaml";
const ASHDOWN: &str = "examples/second-house-style/council.yaml";

/// TODOs replaced by what an officer might write: the decoded report is
/// then the imported one.
fn fill_todos(yaml: &str) -> String {
    yaml.lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("training: TODO") {
                l.replace("TODO", "Yes")
            } else if t.ends_with(". TODO") {
                l.replace("TODO", "1234")
            } else if t == "- TODO" {
                l.replace("TODO", "To note the report.")
            } else if t.ends_with(": TODO") && (t.starts_with("meeting_date")) {
                l.replace("TODO", "2024-01-01")
            } else {
                l.replace(": TODO", ": N/A")
            }
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

fn only_todos(imported: &Imported, what: &str) {
    let codes = imported.check_codes();
    assert!(
        codes.iter().all(|c| c == "P300"),
        "{what}: `papers check` lists more than TODOs: {codes:?}\n{}",
        imported.yaml
    );
}

#[test]
fn a_libreoffice_report_with_a_header_table_imports_every_field() {
    let i = import("lo-header-table.docx", SEFTON);
    let r = i.report();
    assert_eq!(
        r.committee,
        "Overview and Scrutiny Committee (Children's Services and Safeguarding)"
    );
    assert_eq!(r.meeting_date.to_string(), "2022-11-07");
    assert_eq!(r.subject, "Children's Services Commissioner");
    assert_eq!(r.wards, Wards::All);
    assert!(!r.key_decision && !r.forward_plan && !r.exempt.exempt);
    assert_eq!(r.portfolio, "Cabinet Member – Children's Social Care");
    assert_eq!(
        r.recommendations,
        [
            "To note and comment upon the content of the report.",
            "To ask for a further report in **six months**."
        ]
    );
    assert_eq!(r.costs.revenue, "Not applicable at this current time.");
    assert_eq!(r.costs.capital, "Not applicable");
    assert_eq!(r.implications.legal, "None identified.");
    assert_eq!(r.climate.positive, Answer::Yes);
    assert_eq!(r.climate.neutral, Answer::NotApplicable);
    assert_eq!(r.climate.negative, Answer::No);
    assert!(r.climate.training);
    assert_eq!(r.core_purpose.len(), 8);
    assert_eq!(r.core_purpose[0].purpose, "Protect the most vulnerable");
    assert!(r.core_purpose[0].text.contains("complex care needs"));
    assert_eq!(
        r.consultations.finance_clearance.as_deref(),
        Some("FD. 6993")
    );
    assert_eq!(r.consultations.legal_clearance.as_deref(), Some("LD. 5193"));
    assert_eq!(r.consultations.external, "Not applicable");
    assert_eq!(r.contact.name, "Martin Birch");
    assert_eq!(r.contact.email, "martin.birch@sefton.gov.uk");
    assert_eq!(r.appendices, ["Appendix 1: The Commissioner's report"]);
    assert!(r.background_papers.is_empty());
    assert!(
        r.body
            .starts_with("## Introduction/Background\n\nThe Department for Education"),
        "{}",
        r.body
    );
    assert!(r.body.contains("## Key Issues"));
    assert!(
        !r.body.contains("1.1") && !r.body.contains("2.1 "),
        "typed numbers dropped: {}",
        r.body
    );
    assert!(
        r.body
            .contains("[Ofsted report](https://www.gov.uk/ofsted)")
    );
    assert!(
        r.body
            .contains("- Quality assurance\n- Performance management")
    );
    assert!(
        r.body
            .contains("| Year | Budget |\n| --- | --- |\n| 2016/17 | £32.5m |")
    );
    assert!(r.body.contains("*'inadequate'*"));
    assert!(
        i.stderr.contains("meeting_date")
            && i.stderr.contains("\"Date of Meeting\" (the header table)")
    );
    assert!(
        i.stderr.contains("\"Sefton Council\""),
        "the preamble is named: {}",
        i.stderr
    );
    // Nothing left to write: `papers check` finds nothing at all.
    assert_eq!(i.check_codes(), Vec::<String>::new(), "{}", i.yaml);
}

#[test]
fn numbers_typed_as_text_are_dropped() {
    let i = import("lo-typed-numbers.docx", SEFTON);
    let r = i.report();
    assert_eq!(r.subject, "Ofsted monitoring visit");
    assert_eq!(
        r.summary,
        "To outline the role of the Children's Services Commissioner for Sefton and the final report."
    );
    assert!(
        r.body
            .contains("## Introduction/Background\n\nThe Department"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("## Key Issues\n\nThe Council has responded"),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains("1.0") && !r.body.contains("2.2"),
        "{}",
        r.body
    );
    only_todos(&i, "typed numbers");
}

#[test]
fn label_value_lines_and_bold_headings_in_another_style() {
    let i = import("lo-label-lines.docx", ASHDOWN);
    let r = i.report();
    assert_eq!(r.committee, "Cabinet");
    assert_eq!(r.meeting_date.to_string(), "2024-06-18");
    assert_eq!(r.subject, "Garden waste charging");
    let Wards::Listed(wards) = &r.wards else {
        panic!("{:?}", r.wards)
    };
    let names: Vec<&str> = wards.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(names, ["Forest Row", "Hartfield"]);
    assert!(r.key_decision && r.forward_plan);
    assert_eq!(
        r.key_decision_reason.as_deref(),
        Some("it affects two or more wards")
    );
    assert_eq!(
        r.recommendations,
        [
            "Agree a charge of £45 a year.",
            "Delegate the scheme's details to the Director."
        ],
        "the intro line is not a recommendation"
    );
    assert_eq!(
        r.body.trim_end(),
        "## Background\n\nThe service costs £1.2m a year to run.\n\n## Risk register\n\nTake-up may be lower than forecast."
    );
    assert!(
        i.yaml.contains("finance_clearance: FIN. TODO"),
        "{}",
        i.yaml
    );
    only_todos(&i, "label lines");
}

#[test]
fn word_numbering_styles_and_pictures() {
    let i = import("word-numbering.docx", SEFTON);
    let r = i.report();
    assert_eq!(
        r.subject, "Children's Services Commissioner",
        "from the Title paragraph"
    );
    assert!(
        r.summary
            .contains("[the Commissioner's page](https://www.sefton.gov.uk/commissioner)"),
        "{}",
        r.summary
    );
    assert_eq!(
        r.recommendations,
        ["To note the report.", "To agree the improvement plan."]
    );
    assert_eq!(r.contact.name, "Martin Birch");
    // "Report Heading 1" is based on "heading 1": a heading; the 1.1
    // outline numbering is dropped, the list restarted at 3 kept.
    assert!(
        r.body
            .starts_with("## Introduction/Background\n\nThe Department"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("3. Issue instructions to the Council.\n4. Report to"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("## Key Issues\n\nAdditional capacity"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("![Budget for social care, 2016 to 2023](report-image1.png)"),
        "{}",
        r.body
    );
    let png = std::fs::read(i.path().join("report-image1.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    assert!(i.stderr.contains("report-image1.png"), "{}", i.stderr);
    only_todos(&i, "word numbering");
}

#[test]
fn tracked_changes_comments_and_content_controls() {
    let i = import("word-tracked.docx", SEFTON);
    let r = i.report();
    assert_eq!(
        r.summary,
        "To outline the role of the Commissioner and the final report."
    );
    assert!(!i.yaml.contains("nobody agreed"));
    assert!(
        !i.yaml.contains("comment upon"),
        "the comment's text is dropped"
    );
    assert_eq!(
        r.implementation_date,
        "Immediately following the Committee meeting."
    );
    assert!(i.stderr.contains("warning[P131] tracked changes were read as accepted: 1 insertion kept, 1 deletion dropped"), "{}", i.stderr);
    assert!(
        i.stderr.contains("warning[P131] 1 comment dropped"),
        "{}",
        i.stderr
    );
    assert!(
        i.stderr.contains("1 content control unwrapped"),
        "{}",
        i.stderr
    );
    only_todos(&i, "tracked changes");
}

/// A report an officer typed on the London example's own Word template
/// (scripts/make-docx-template.py: the template's header table, "Report
/// Heading 1/2", "Numbered Paragraph" with the list's (a) and (i) levels,
/// a "Report Table", a bullet list), saved by LibreOffice.
#[test]
fn a_report_typed_on_the_councils_own_template_imports_in_its_style() {
    let i = import_under("lo-template-report.docx", "examples/london-borough");
    // The one thing the officer must add: whether it is on the forward plan.
    let filled = i.yaml.replace("forward_plan: TODO", "forward_plan: Yes");
    let r = i.decode(filled);
    assert_eq!(r.committee, "Cabinet");
    assert_eq!(
        r.meeting_date.to_string(),
        "2024-09-12",
        "the day is not a typed number"
    );
    assert_eq!(r.subject, "Kingsmere Lido – Refurbishment");
    assert!(r.key_decision && !r.exempt.exempt);
    assert_eq!(r.report_of, "Corporate Director, Place");
    let Wards::Listed(wards) = &r.wards else {
        panic!("{:?}", r.wards)
    };
    let names: Vec<&str> = wards.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(names, ["Canons", "Marlborough"]);
    assert!(r.summary.starts_with("This report seeks approval"));
    assert_eq!(
        r.recommendations,
        [
            "Approve the refurbishment of Kingsmere Lido at a cost of £3.4m.",
            "Delegate the award of the works contract to the Corporate Director, Place."
        ]
    );
    for (field, text) in [
        ("call_in", "call_in: Yes"),
        (
            "reason",
            "reason: To reopen the borough's only outdoor pool",
        ),
        ("policy", "policy: The proposal supports the Corporate Plan"),
        (
            "background_papers",
            "Cabinet report, 14 March 2024: Kingsmere Lido",
        ),
    ] {
        assert!(i.yaml.contains(text), "{field}: {}", i.yaml);
    }
    // "Numbered Paragraph" numbers paragraphs: its numbers are dropped and
    // the paragraphs are the body's; the list's (a) and (i) levels under
    // it are a list, nested as typed.
    assert!(
        r.body.starts_with(
            "## Background\n\nThe lido opened in 1936 and closed in October 2022 when its tank failed.\n\nThe condition survey (Appendix 1) found three defects:\n\n1. the tank's lining has failed;\n2. the plant room floods, in particular:\n   1. after heavy rain;\n   2. when the river is high;\n3. the changing rooms"
        ),
        "{}",
        r.body
    );
    // A table in the template's "Report Table" (LibreOffice writes its
    // header row's bold on the runs) and a bullet list.
    assert!(
        r.body.contains(
            "The works are costed as follows:\n\n| Item | Cost |\n| --- | --- |\n| Tank and lining | £1.9m |"
        ),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(
            "The works would be funded from:\n\n- the capital programme, £2.9m;\n- Sport England's"
        ),
        "{}",
        r.body
    );
    // London's own fields: the clearance table into rows of its three
    // columns, the contact details into the officer's keys (the name
    // typed in bold is a name, not Markdown).
    assert!(
        i.yaml.contains(
            "clearance:\n  -\n      - Chief Financial Officer\n      - Dawn Calvert\n      - 2 September 2024\n"
        ),
        "{}",
        i.yaml
    );
    assert!(
        i.yaml
            .contains("contact_details:\n  name: Mark Wilkinson\n  post: Head of Leisure\n"),
        "{}",
        i.yaml
    );
    assert!(!r.body.contains("Dawn Calvert"), "{}", r.body);
    // A key decision, and London prints no forward-plan row: the officer is
    // asked for it, and `papers check` lists that TODO and nothing else.
    let codes = i.check_codes();
    assert_eq!(codes, ["P300"], "{}", i.yaml);
    assert!(i.stderr.contains("forward_plan"), "{}", i.stderr);
}

/// Text boxes as Word 2010+ writes them (DrawingML in mc:AlternateContent,
/// the same text again in a VML fallback), DrawingML alone and VML alone:
/// each box's paragraphs once, after the paragraph it is anchored in.
#[test]
fn text_boxes_are_read_once_where_they_are_anchored() {
    let i = import("word-text-boxes.docx", SEFTON);
    let r = i.report();
    for text in [
        "Case study: a family supported by the Early Help team.",
        "The family's social worker stayed with them for two years.",
        "Caseloads fell from 28 to 19 a worker.",
        "Agency staff fell to 12% of the workforce.",
    ] {
        assert_eq!(r.body.matches(text).count(), 1, "{text:?} once: {}", r.body);
    }
    assert!(
        r.body.contains(
            "The service has changed how it works with families.\n\nCase study: a family supported by the Early Help team.\n\nThe family's social worker"
        ),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(
            "## Key Issues\n\nCaseloads fell from 28 to 19 a worker.\n\nAdditional capacity has been created at Assistant Director level.\n\nAgency staff fell"
        ),
        "{}",
        r.body
    );
    assert!(
        i.stderr.contains("3 text boxes read as paragraphs"),
        "{}",
        i.stderr
    );
    only_todos(&i, "text boxes");
}

/// Footnotes and endnotes: papers' Markdown has no footnotes, so each
/// note's text (its link and italics kept) goes in brackets where it is
/// referenced, with a warning.
#[test]
fn footnotes_and_endnotes_go_in_brackets_where_they_are_referenced() {
    let i = import("word-footnotes.docx", SEFTON);
    let r = i.report();
    assert_eq!(
        r.summary,
        "To outline the role of the Commissioner (The Children and Families Act 2014, section 1.)."
    );
    assert!(
        r.body.contains(
            "Sefton was found to be inadequate in 2022 (See the [Ofsted report](https://www.gov.uk/ofsted) of *July 2022*) and the Commissioner reported in September (Published on 30 September 2022.)."
        ),
        "{}",
        r.body
    );
    assert!(
        i.stderr.contains(
            "warning[P131] 2 footnotes and 1 endnote were put in brackets where they are referenced"
        ),
        "{}",
        i.stderr
    );
    only_todos(&i, "footnotes");
}

/// Roman and letter numbering: the (a) and (i) levels of a legal list
/// under its 1.1 paragraphs, an A., B. list with I., II. under it, and a
/// roman list started at iii stay lists (Markdown numbers them 1., 2. or
/// from 3.); the 1.1 paragraph numbers are dropped.
#[test]
fn roman_and_letter_lists_stay_lists() {
    let i = import("word-letter-lists.docx", SEFTON);
    let r = i.report();
    assert!(
        r.body.contains(
            "## Introduction/Background\n\nThe Commissioner's directions require the Council to:\n\n1. appoint a Director of Children's Services;\n2. report every quarter on:\n   1. caseloads;\n   2. agency staff;\n3. publish its improvement plan.\n\nThe directions last for two years."
        ),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(
            "The options were:\n\n1. keep the service as it is;\n2. a trust;\n   1. run by a company;\n   2. run by a charity."
        ),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(
            "The plan's later stages are:\n\n3. recruit permanent managers;\n4. reduce agency staff."
        ),
        "{}",
        r.body
    );
    only_todos(&i, "letter lists");
}

#[test]
fn an_existing_out_file_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.yaml");
    std::fs::write(&out, "keep me").unwrap();
    let run = papers()
        .arg("import")
        .arg(fixture("lo-header-table.docx"))
        .arg("--out")
        .arg(&out)
        .arg("--council")
        .arg(support::root().join(SEFTON))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("exists already"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// A .docx whose document part inflates to 40 MiB: a few kilobytes on disk.
fn zip_bomb() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    w.start_file(
        "[Content_Types].xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    w.write_all(b"<Types/>").unwrap();
    w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..40 {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap();
    out.into_inner()
}

#[test]
fn bad_files_are_refused_and_nothing_is_written() {
    let good = std::fs::read(fixture("lo-header-table.docx")).unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 512));
    let bomb = zip_bomb();
    assert!(bomb.len() < 200 * 1024, "{}", bomb.len());
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("a legacy .doc", ole, "a legacy Word document (.doc)"),
        (
            "a text file",
            b"Dear councillors,\nplease find attached".to_vec(),
            "not a Word document",
        ),
        (
            "a truncated zip",
            good[..good.len() / 2].to_vec(),
            "a corrupt or truncated .docx",
        ),
        ("a zip bomb", bomb, "zip bomb"),
    ];
    for (what, bytes, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            support::root().join(SEFTON),
            dir.path().join("council.yaml"),
        )
        .unwrap();
        let docx = dir.path().join("report.docx");
        std::fs::write(&docx, &bytes).unwrap();
        let run = papers().arg("import").arg(&docx).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{what}: {stderr}");
        assert!(
            stderr.contains("report.docx: error[P130]"),
            "{what}: {stderr}"
        );
        assert!(stderr.contains(message), "{what}: {stderr}");
        assert!(stderr.contains("hint: "), "{what}: {stderr}");
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["council.yaml", "report.docx"],
            "{what}: nothing written"
        );
    }
}
