//! Unusual but valid Markdown gives valid HTML (defect 14). The committed
//! set (`tests/fixtures/markdown/unusual.md`, cases split by `%%%%` lines)
//! is checked here for what a test can see without a validator; the
//! ignored test writes full pages of it, and of the CommonMark and GFM
//! examples that pulldown-cmark ships, for the W3C Nu validator that
//! `.ci/run` runs.

use crate::support;

use std::path::Path;

use committee_papers::pipeline::{load_report, render_report};
use committee_papers::render::Format;
use committee_papers::render::html::markdown_to_html;
use support::{Council, PROGRESS, bundled, dangers, duplicate_ids, with_body, with_field};

fn committed() -> Vec<String> {
    std::fs::read_to_string(support::root().join("tests/fixtures/markdown/unusual.md"))
        .unwrap()
        .split("\n%%%%\n")
        .map(str::to_string)
        .collect()
}

/// The `original` Markdown of every test in pulldown-cmark's suite folder
/// (the CommonMark spec examples, GFM tables, regressions).
fn suite_examples(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("let original = r##\"") {
            let start = at + "let original = r##\"".len();
            let Some(len) = rest[start..].find("\"##;") else {
                break;
            };
            out.push(rest[start..start + len].to_string());
            rest = &rest[start + len..];
        }
    }
    out
}

/// What the validator would reject and a test can see: `rel` without
/// `href`, hrefs with spaces, backslashes or bad `%` escapes, duplicate
/// ids, live script.
fn problems(html: &str) -> Vec<String> {
    let mut found: Vec<String> = duplicate_ids(html)
        .into_iter()
        .map(|id| format!("duplicate id {id}"))
        .collect();
    found.extend(dangers(html));
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("a").unwrap();
    for a in doc.select(&sel) {
        let v = a.value();
        if v.attr("rel").is_some() && v.attr("href").is_none() {
            found.push("rel without href".into());
        }
        if let Some(href) = v.attr("href") {
            let bytes = href.as_bytes();
            let bad_escape = bytes.iter().enumerate().any(|(i, b)| {
                *b == b'%'
                    && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                        && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            });
            if href.contains([' ', '\\', '"', '<', '>', '`', '{', '}', '|', '^']) || bad_escape {
                found.push(format!("bad href {href:?}"));
            }
        }
    }
    found
}

#[test]
fn unusual_markdown_gives_clean_fragments() {
    let mut failures = Vec::new();
    for md in committed() {
        let html = markdown_to_html(&md);
        let found = problems(&format!("<!DOCTYPE html><html><body>{html}</body></html>"));
        if !found.is_empty() {
            failures.push(format!("{md:?}\n  -> {html}\n  {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Pages of `per_page` bodies each, rendered in full.
fn pages(bodies: &[String], per_page: usize) -> Vec<String> {
    let c = Council::new();
    let mut out = Vec::new();
    for (i, chunk) in bodies.chunks(per_page).enumerate() {
        let body: String = chunk
            .iter()
            .enumerate()
            .map(|(j, md)| format!("## Case {}\n\n{md}\n\n", i * per_page + j + 1))
            .collect();
        // The first case also goes into a prose field, a list field and a
        // tracker-free report.
        let yaml = with_body(&bundled(PROGRESS), &body);
        let yaml = with_field(&yaml, "summary", &chunk[0]);
        let path = c.report(&format!("page-{i:03}"), &yaml);
        let loaded = load_report(&path).unwrap_or_else(|e| panic!("page {i}: {e:?}"));
        let rendered = render_report(&loaded, &[Format::Html]).unwrap_or_else(|e| panic!("{e:?}"));
        out.push(String::from_utf8(rendered.outputs[0].1.clone()).unwrap());
    }
    out
}

#[test]
fn whole_pages_of_unusual_markdown_are_clean() {
    let bodies = committed();
    for (i, html) in pages(&bodies, 10).iter().enumerate() {
        let found = problems(html);
        assert!(found.is_empty(), "page {i}: {found:?}");
    }
}

/// Writes the pages for the validator: `PAPERS_HTML_CORPUS_OUT` names the
/// folder, `PAPERS_MD_SUITE` pulldown-cmark's `tests/suite` (optional).
#[test]
#[ignore = "run by .ci/run, which validates the pages with the W3C Nu validator"]
fn write_pages_for_the_validator() {
    let out = std::env::var_os("PAPERS_HTML_CORPUS_OUT").expect("PAPERS_HTML_CORPUS_OUT");
    let out = Path::new(&out);
    std::fs::create_dir_all(out).unwrap();
    let mut bodies = committed();
    if let Some(suite) = std::env::var_os("PAPERS_MD_SUITE") {
        bodies.extend(suite_examples(Path::new(&suite)));
    }
    // Some examples are refused by the checks (an empty heading, a
    // `{{ progress }}` marker): those are the tool working, not HTML.
    let c = Council::new();
    let total = bodies.len();
    bodies.retain(|md| {
        let yaml = with_body(&bundled(PROGRESS), &format!("## Case\n\n{md}\n\n"));
        let yaml = with_field(&yaml, "summary", md);
        load_report(&c.report("probe", &yaml)).is_ok()
    });
    eprintln!("{} of {total} bodies pass the checks", bodies.len());
    let pages = pages(&bodies, 20);
    for (i, html) in pages.iter().enumerate() {
        std::fs::write(out.join(format!("page-{i:03}.html")), html).unwrap();
    }
    eprintln!("{} Markdown bodies in {} pages", bodies.len(), pages.len());
}
