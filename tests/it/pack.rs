//! `papers pack`: the example meeting, exempt information kept out of every
//! public file, page numbers and ranges, the manifest, and thread counts.

use crate::support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use support::{normalise, root};

const MEETING: &str = "reports/meetings/2022-11-07-childrens-services.yaml";
const EPOCH: &str = "1667779200";

fn papers() -> Command {
    let mut c = Command::cargo_bin("papers").unwrap();
    c.env("SOURCE_DATE_EPOCH", EPOCH);
    c
}

/// Builds `meeting` into `out` and returns the output folder.
fn pack(meeting: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    papers()
        .arg("pack")
        .arg(meeting)
        .arg("--out")
        .arg(out)
        .args(extra)
        .assert()
}

/// Every file under `dir`, relative path → bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The text of one file as a reader would find it: PDFs read back.
fn text_of(path: &str, bytes: &[u8]) -> String {
    if path.ends_with(".pdf") {
        support::pdf_text(bytes)
    } else {
        normalise(&String::from_utf8_lossy(bytes))
    }
}

/// Text of each page of a PDF, whitespace collapsed.
fn page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .keys()
        .map(|&n| normalise(&doc.extract_text(&[n]).unwrap_or_default()))
        .collect()
}

fn decode_pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// The bookmarks of a PDF: (depth, title, page number), in order.
fn bookmarks(pdf: &[u8]) -> Vec<(usize, String, u32)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: BTreeMap<lopdf::ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let mut out = Vec::new();
    let catalog = doc.catalog().unwrap();
    let Ok(outlines) = catalog.get(b"Outlines") else {
        return out;
    };
    let outlines = doc.dereference(outlines).unwrap().1.as_dict().unwrap();
    fn walk(
        doc: &lopdf::Document,
        pages: &BTreeMap<lopdf::ObjectId, u32>,
        first: Option<&lopdf::Object>,
        depth: usize,
        out: &mut Vec<(usize, String, u32)>,
    ) {
        let mut next = first.cloned();
        while let Some(obj) = next {
            let dict = doc.dereference(&obj).unwrap().1.as_dict().unwrap().clone();
            let title = dict
                .get(b"Title")
                .ok()
                .and_then(|t| t.as_str().ok())
                .map(decode_pdf_string)
                .unwrap_or_default();
            let dest = dict
                .get(b"Dest")
                .ok()
                .or_else(|| {
                    dict.get(b"A")
                        .ok()
                        .and_then(|a| doc.dereference(a).ok())
                        .and_then(|(_, a)| a.as_dict().ok())
                        .and_then(|a| a.get(b"D").ok())
                })
                .and_then(|d| doc.dereference(d).ok())
                .and_then(|(_, d)| d.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|p| p.as_reference().ok())
                .and_then(|r| pages.get(&r).copied())
                .unwrap_or(0);
            out.push((depth, title, dest));
            walk(doc, pages, dict.get(b"First").ok(), depth + 1, out);
            next = dict.get(b"Next").ok().cloned();
        }
    }
    walk(&doc, &pages, outlines.get(b"First").ok(), 0, &mut out);
    out
}

#[test]
fn the_example_meeting_builds_a_whole_pack() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pack");
    pack(&root().join(MEETING), &out, &["--quiet"]).success();
    let all = files(&out);
    for want in [
        "manifest.json",
        "public/index.html",
        "public/agenda.md",
        "public/agenda.html",
        "public/agenda.pdf",
        "public/pack.pdf",
        "public/item-4-children-s-services-commissioner.html",
        "public/item-4-children-s-services-commissioner.pdf",
        "public/item-5-ofsted-monitoring-visit-september-2022.md",
        "public/item-5-appendix-1.pdf",
        "public/item-5-appendix-2.md",
        "public/item-5-appendix-2.html",
        "exempt/item-5-appendix-3.md",
        "exempt/item-7-proposed-acquisition-of-a-property-for-a-local-children-s.pdf",
        "exempt/supplement.pdf",
    ] {
        assert!(
            all.contains_key(want),
            "{want} missing from {:?}",
            all.keys()
        );
    }
    assert!(
        !all.keys()
            .any(|k| k.starts_with("public/") && k.contains("residential-home")),
        "the exempt report's name is in public/"
    );

    // index.html links every public document, and every link is there.
    let index = String::from_utf8(all["public/index.html"].clone()).unwrap();
    let hrefs: Vec<&str> = index
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|h| !h.contains(':') && !h.starts_with('#'))
        .collect();
    for href in &hrefs {
        assert!(
            all.contains_key(&format!("public/{href}")),
            "index.html links a missing {href}"
        );
    }
    for path in all
        .keys()
        .filter(|p| p.starts_with("public/") && *p != "public/index.html")
    {
        let name = path.trim_start_matches("public/");
        assert!(hrefs.contains(&name), "index.html does not link {name}");
    }

    let agenda = String::from_utf8(all["public/agenda.md"].clone()).unwrap();
    for want in [
        "# Overview and Scrutiny Committee (Children's Services and Safeguarding)",
        "Monday 7 November 2022",
        "### 1. Apologies for absence",
        "### 4. Children's Services Commissioner",
        "Report of Executive Director of Children's Social Care and Education. Wards affected: All Wards.",
        "### 7. Proposed acquisition of a property for a local children's home",
        "This report is not for publication because it contains exempt information under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.",
        "Appendix 3 is not for publication",
        "Councillor Dowd",
        "democratic.services@sefton.gov.uk",
    ] {
        assert!(agenda.contains(want), "agenda.md lacks {want:?}:\n{agenda}");
    }
    // The exempt item shows its title and paragraph and nothing else: not
    // its officer, wards or key decision mark.
    let item7 = agenda.split("### 7.").nth(1).unwrap();
    assert!(
        !item7.contains("Ainsdale") && !item7.contains("Key decision"),
        "{item7}"
    );

    // The pack: the front sheet, then the items with their appendices.
    let pack = support::pdf_text(&all["public/pack.pdf"]);
    for want in [
        "Agenda: Overview and Scrutiny Committee",
        "4. Children's Services Commissioner",
        "Appendix 1: Summary of the monitoring visit findings",
        // The Markdown appendix and the minutes.
        "Quality assurance framework agreed by the Improvement Board",
        "Apologies for absence were received from Councillor Webster.",
        "Appendix 3 is not for publication because it contains exempt information under paragraph 3",
    ] {
        assert!(pack.contains(want), "pack.pdf lacks {want:?}");
    }
    // The PDF appendix's own text is still text inside the pack (a form
    // XObject, which lopdf's extractor does not enter: poppler's does).
    match std::process::Command::new("pdftotext")
        .arg(out.join("public/pack.pdf"))
        .arg("-")
        .output()
    {
        Ok(o) if o.status.success() => {
            let text = normalise(&String::from_utf8_lossy(&o.stdout));
            assert!(
                text.contains("Thresholds at the front door are now applied consistently"),
                "the PDF appendix's text is not extractable from the pack"
            );
        }
        _ => eprintln!("pdftotext not installed: the appendix text check is skipped"),
    }
    let supplement = support::pdf_text(&all["exempt/supplement.pdf"]);
    assert!(supplement.contains("£612,500"), "{supplement}");
    assert!(supplement.contains("Northgate Social Care Staffing"));

    // With a PDF appendix the pack cannot declare PDF/UA, but it stays
    // tagged, in English, and viewers show its title.
    let doc = lopdf::Document::load_mem(&all["public/pack.pdf"]).unwrap();
    let catalog = doc.catalog().unwrap();
    let preferences = catalog.get_deref(b"ViewerPreferences", &doc).unwrap();
    assert!(
        preferences
            .as_dict()
            .unwrap()
            .get(b"DisplayDocTitle")
            .unwrap()
            .as_bool()
            .unwrap()
    );
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en-GB");
    assert!(catalog.get(b"StructTreeRoot").is_ok());
}

#[test]
fn the_second_meeting_carries_the_progress_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pack");
    pack(
        &root().join("reports/meetings/2023-03-14-childrens-services.yaml"),
        &out,
        &["--quiet"],
    )
    .success();
    let pack = support::pdf_text(&std::fs::read(out.join("public/pack.pdf")).unwrap());
    for want in [
        "Children's Services Commissioner's recommendations: progress update",
        "Minutes of the meeting held on 7 November 2022",
        "Off track",
    ] {
        assert!(pack.contains(want), "pack.pdf lacks {want:?}");
    }
    assert!(
        !out.join("exempt").exists(),
        "nothing exempt, no exempt folder"
    );
}

#[test]
fn nothing_exempt_reaches_a_public_file() {
    let ws = Canary::new();
    let out = ws.dir.path().join("out");
    pack(&ws.meeting, &out, &["--quiet"]).success();
    let all = files(&out);
    let mut public = 0;
    for (path, bytes) in &all {
        let text = text_of(path, bytes);
        let public_file = path.starts_with("public/");
        for canary in CANARIES {
            if public_file {
                assert!(!text.contains(canary), "{canary} leaked into {path}");
                assert!(
                    !path.contains("quokka"),
                    "the exempt file name is in {path}"
                );
            }
        }
        public += usize::from(public_file);
    }
    assert!(public >= 8, "{public} public files");
    // The canaries are there to be found: in the members' supplement.
    let supplement = text_of("s.pdf", &all["exempt/supplement.pdf"]);
    for canary in &CANARIES[..2] {
        assert!(
            supplement.contains(canary),
            "{canary} not in the supplement"
        );
    }
    // Every page of the supplement is marked.
    for (i, page) in page_texts(&all["exempt/supplement.pdf"]).iter().enumerate() {
        assert!(
            page.contains("NOT FOR PUBLICATION") && page.contains("paragraph 3"),
            "supplement page {} unmarked: {page}",
            i + 1
        );
    }
}

/// Found by the exempt-leakage property test: the supplement's mark on
/// every page broke the structure of a list that crosses a page (the
/// seed's twenty recommendations), and PDF/UA export refused the pack.
#[test]
fn an_exempt_report_whose_list_crosses_a_page_is_in_the_supplement() {
    let ws = Canary::new();
    let exempt = support::with_line(
        &support::bundled(support::SEED),
        "exempt",
        "exempt: { paragraphs: [3] }",
    );
    std::fs::write(ws.dir.path().join("reports/exempt-seed.yaml"), exempt).unwrap();
    let meeting = std::fs::read_to_string(&ws.meeting).unwrap();
    let cut = meeting.find("  - report:").unwrap();
    std::fs::write(
        &ws.meeting,
        format!("{}  - report: ../exempt-seed.yaml\n", &meeting[..cut]),
    )
    .unwrap();
    let out = ws.dir.path().join("out");
    pack(&ws.meeting, &out, &["--quiet"]).success();
    let supplement = text_of(
        "s.pdf",
        &std::fs::read(out.join("exempt/supplement.pdf")).unwrap(),
    );
    assert!(
        supplement.contains("Corporate Parenting Board"),
        "{supplement}"
    );
}

#[test]
fn page_numbers_run_through_the_pack_and_the_contents_match_the_bookmarks() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pack");
    pack(&root().join(MEETING), &out, &["--quiet"]).success();
    let pdf = std::fs::read(out.join("public/pack.pdf")).unwrap();
    let pages = page_texts(&pdf);
    let n = pages.len();
    assert!(n >= 10, "{n} pages");
    for (i, text) in pages.iter().enumerate() {
        let want = format!("Page {} of {n}", i + 1);
        assert!(
            text.contains(&want),
            "page {} lacks {want:?}: {text}",
            i + 1
        );
    }

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let marks = bookmarks(&pdf);
    let first_item = manifest["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["pages"]["first"].as_u64())
        .min()
        .unwrap() as usize;
    // The front sheet: the pages before the first item.
    let front = &pages[..first_item - 1].join(" ");
    let mut checked = 0;
    for item in manifest["items"].as_array().unwrap() {
        let Some(first) = item["pages"]["first"].as_u64() else {
            continue;
        };
        let last = item["pages"]["last"].as_u64().unwrap();
        let number = item["number"].as_u64().unwrap();
        let title = item["title"].as_str().unwrap();
        // A report's bookmark is its title (as in its own PDF); a standard
        // item's is "N. Title".
        let mark = marks
            .iter()
            .find(|(depth, t, _)| *depth == 0 && (t == title || *t == format!("{number}. {title}")))
            .unwrap_or_else(|| panic!("no bookmark for item {number}: {marks:?}"));
        assert_eq!(u64::from(mark.2), first, "item {number} {title}: {marks:?}");
        let range = if first == last {
            format!("Page {first}")
        } else {
            format!("Pages {first} - {last}")
        };
        assert!(
            front.contains(&range),
            "the front sheet lacks {range:?}: {front}"
        );
        checked += 1;
    }
    assert!(checked >= 3, "{checked} items with pages");
    // Report sections are bookmarked under their report.
    assert!(
        marks
            .iter()
            .any(|(depth, t, _)| *depth == 1 && t == "1. Introduction/Background"),
        "{marks:?}"
    );
}

#[test]
fn the_manifest_hashes_every_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pack");
    pack(&root().join(MEETING), &out, &["--quiet"]).success();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let listed = manifest["files"].as_array().unwrap();
    let on_disk = files(&out);
    assert_eq!(
        listed.len(),
        on_disk.len() - 1,
        "every file but the manifest"
    );
    for f in listed {
        let path = f["path"].as_str().unwrap();
        let bytes = &on_disk[path];
        assert_eq!(f["size"].as_u64().unwrap() as usize, bytes.len(), "{path}");
        assert_eq!(
            f["sha256"].as_str().unwrap(),
            committee_papers::pack::manifest::sha256_hex(bytes),
            "{path}"
        );
        let audience = f["audience"].as_str().unwrap();
        assert_eq!(path.starts_with("public/"), audience == "public", "{path}");
    }
    assert_eq!(manifest["meeting"]["clear_days"], 5);
    let item7 = &manifest["items"][6];
    assert_eq!(item7["exemption"]["paragraphs"][0], 3);
    assert!(item7["pages"].is_null());
}

#[test]
fn one_thread_or_two_give_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    pack(&root().join(MEETING), &one, &["--quiet", "--jobs", "1"]).success();
    pack(&root().join(MEETING), &two, &["--quiet", "--jobs", "2"]).success();
    let (a, b) = (files(&one), files(&two));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between 1 and 2 threads");
    }
    // `render` of many files too.
    let r1 = tmp.path().join("r1");
    let r2 = tmp.path().join("r2");
    for (dir, jobs) in [(&r1, "1"), (&r2, "2")] {
        papers()
            .args(["render", "--quiet", "--jobs", jobs, "--out"])
            .arg(dir)
            .arg(root().join("reports/2022-11-07-childrens-services-commissioner.yaml"))
            .arg(root().join("reports/2022-11-07-ofsted-monitoring-visit.yaml"))
            .arg(root().join("reports/2023-03-14-commissioner-recommendations-progress.yaml"))
            .assert()
            .success();
    }
    assert_eq!(files(&r1), files(&r2));
}

#[test]
fn odd_page_starts_leave_marked_blank_pages() {
    let ws = Canary::new();
    let council = std::fs::read_to_string(ws.dir.path().join("council.yaml")).unwrap();
    std::fs::write(
        ws.dir.path().join("council.yaml"),
        council + "pack:\n  odd_page_starts: Yes\n",
    )
    .unwrap();
    let out = ws.dir.path().join("out");
    pack(&ws.meeting, &out, &["--quiet"]).success();
    let pdf = std::fs::read(out.join("public/pack.pdf")).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let starts: Vec<u64> = manifest["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["pages"]["first"].as_u64())
        .collect();
    assert!(starts.len() >= 2, "{manifest}");
    for page in &starts {
        assert!(page % 2 == 1, "an item starts on page {page}: {starts:?}");
    }
    for (depth, title, page) in bookmarks(&pdf) {
        if depth == 0 && !title.starts_with("Agenda") {
            assert!(page % 2 == 1, "{title} is bookmarked on page {page}");
        }
    }
    let pages = page_texts(&pdf);
    assert!(
        pages
            .iter()
            .any(|p| p.contains("This page is intentionally left blank")),
        "no blank page"
    );
}

#[test]
fn a_failed_run_keeps_the_last_good_pack() {
    let ws = Canary::new();
    let out = ws.dir.path().join("out");
    pack(&ws.meeting, &out, &["--quiet"]).success();
    let before = files(&out);
    // Break the meeting: a report that does not exist.
    let meeting = std::fs::read_to_string(&ws.meeting).unwrap();
    std::fs::write(&ws.meeting, meeting + "  - report: ../missing.yaml\n").unwrap();
    pack(&ws.meeting, &out, &["--quiet"])
        .code(1)
        .stderr(predicates::str::contains(
            "report `../missing.yaml` not found",
        ));
    assert_eq!(files(&out), before);
    let leftovers: Vec<_> = std::fs::read_dir(ws.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".papers-pack"))
        .collect();
    assert!(leftovers.is_empty());
}

/// A council folder with a meeting holding a public report, an exempt
/// report whose file name and text are canaries, and a public report with
/// an exempt appendix.
struct Canary {
    dir: tempfile::TempDir,
    meeting: PathBuf,
}

const CANARIES: [&str; 3] = [
    "Zebraquokka lantern ledger 7731",
    "Marmoset anvil tariff 2291",
    "quokka-canary",
];

impl Canary {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(p.join("council.yaml"), support::council_yaml()).unwrap();
        std::fs::create_dir_all(p.join("reports/meetings")).unwrap();
        std::fs::create_dir_all(p.join("reports/appendices")).unwrap();
        let seed = support::bundled(support::SEED);
        std::fs::write(p.join("reports/seed.yaml"), &seed).unwrap();
        let exempt = support::with_line(&seed, "exempt", "exempt: { paragraphs: [3] }");
        let exempt = support::with_line(
            &exempt,
            "subject",
            "subject: A confidential property matter",
        );
        let exempt = exempt.replace(
            "## Introduction/Background\n",
            &format!(
                "## Introduction/Background\n\n  The price is recorded in the {}.\n",
                CANARIES[0]
            ),
        );
        std::fs::write(p.join("reports/quokka-canary-secret-report.yaml"), exempt).unwrap();
        let partly =
            support::with_line(&seed, "subject", "subject: A report with a secret appendix");
        let partly = support::with_line(
            &partly,
            "exempt",
            "exempt: { paragraphs: [3], parts: [Appendix 2] }",
        );
        let partly = support::with_line(
            &partly,
            "appendices",
            "appendices:\n  - title: Public notes\n    file: appendices/public-notes.md\n  - title: Contract prices\n    file: appendices/contract-prices.md",
        );
        let partly = partly.replace("  - The Commissioner's report is attached\n", "");
        std::fs::write(p.join("reports/partly.yaml"), partly).unwrap();
        std::fs::write(
            p.join("reports/appendices/public-notes.md"),
            "# Public notes\n\nThese notes are public.\n",
        )
        .unwrap();
        std::fs::write(
            p.join("reports/appendices/contract-prices.md"),
            format!(
                "# Contract prices\n\nThe {} is confidential.\n",
                CANARIES[1]
            ),
        )
        .unwrap();
        let meeting = p.join("reports/meetings/meeting.yaml");
        std::fs::write(
            &meeting,
            "committee: Overview and Scrutiny Committee (Children's Services and Safeguarding)\ndate: 2022-11-07\ntime: '18:30'\nvenue: Town Hall\nmembership:\n  chair: Councillor A\n  members: [Councillor B]\nclerk:\n  name: Clerk\n  email: clerk@example.org\npublished: 2022-10-28\nitems:\n  - title: Apologies for absence\n  - report: ../seed.yaml\n  - report: ../partly.yaml\n  - report: ../quokka-canary-secret-report.yaml\n",
        )
        .unwrap();
        Canary { dir, meeting }
    }
}
