//! What each fuzz target checks, shared by the libFuzzer targets
//! (`fuzz_targets/*.rs`, nightly `cargo fuzz`) and the corpus replay that
//! runs on stable as an ordinary test (`tests/fuzz_corpus.rs`). Each check
//! panics on a finding; anything that is not UTF-8 is skipped.

use committee_papers::load::{parse, parse_council, parse_report};
use committee_papers::model::progress::Tracker;
use committee_papers::pipeline::{LoadedReport, load_report, render_report};
use committee_papers::prose::markdown_options;
use committee_papers::render::Format;
use committee_papers::render::html::markdown_to_html;
use committee_papers::render::markdown::{neutralise, safe_url};
use pulldown_cmark::{Event, Parser, Tag};

const SEED: &str = include_str!("../../reports/2022-11-07-childrens-services-commissioner.yaml");
const COUNCIL: &str = include_str!("../../reports/council.yaml");

/// YAML loading and decoding: a model or diagnostics, never a panic, and
/// never an error without a message.
pub fn yaml_decode(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let results = [
        parse_report(text).err(),
        parse_council(text).err(),
        parse::<Tracker>(text, "progress tracker").err(),
    ];
    for errors in results.into_iter().flatten() {
        assert!(!errors.is_empty(), "an error without a diagnostic");
        for e in errors {
            assert!(!e.message.is_empty(), "a diagnostic without a message");
        }
    }
}

/// Markdown → HTML: nothing that could run survives the sanitiser, and the
/// Markdown output's neutralising leaves no raw HTML or script link.
pub fn markdown_html(data: &[u8]) {
    let Ok(md) = std::str::from_utf8(data) else {
        return;
    };
    let html = markdown_to_html(md);
    if let Some(problem) = html_problem(&html) {
        panic!("{problem} in {html:?}");
    }
    let safe = neutralise(md);
    if let Some(problem) = markdown_problem(&safe) {
        panic!("{problem} in the Markdown output {safe:?}");
    }
}

/// Markdown → Typst: a report whose summary and body are the input is
/// typeset without an error (other than a character no shipped font has,
/// which is refused at its field), and the input's words come back in the
/// PDF's text.
pub fn markdown_typst(data: &[u8]) {
    let Ok(md) = std::str::from_utf8(data) else {
        return;
    };
    // Typesetting is the slow part: keep inputs small.
    if md.len() > 2048 {
        return;
    }
    let Some(scratch) = Scratch::report(md) else {
        return;
    };
    let rendered = match render_report(&scratch.loaded, &[Format::Pdf]) {
        Ok(r) => r,
        Err(errors) if errors.iter().all(glyph_missing) => {
            return;
        }
        Err(errors) => panic!("the Markdown does not typeset: {:?}", messages(&errors)),
    };
    // Bidirectional controls reorder the text as they should: the words
    // then come back reversed.
    if md.contains(|c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')) {
        return;
    }
    let text = pdf_words(rendered.get(Format::Pdf).unwrap());
    for word in markdown_words(md) {
        assert!(
            text.contains(&word),
            "`{word}` is missing from the PDF text {text:?}"
        );
    }
}

/// A whole report with the input as its summary and body: rendered to
/// every format without an error, and the HTML and Markdown are clean.
pub fn report_render(data: &[u8]) {
    let Ok(md) = std::str::from_utf8(data) else {
        return;
    };
    if md.len() > 4096 {
        return;
    }
    let Some(scratch) = Scratch::report(md) else {
        return;
    };
    let rendered = match render_report(&scratch.loaded, &Format::ALL) {
        Ok(r) => r,
        Err(errors) if errors.iter().all(glyph_missing) => {
            match render_report(&scratch.loaded, &[Format::Markdown, Format::Html]) {
                Ok(r) => r,
                Err(errors) => panic!("a valid report did not render: {:?}", messages(&errors)),
            }
        }
        Err(errors) => panic!("a valid report did not render: {:?}", messages(&errors)),
    };
    let html = String::from_utf8(rendered.get(Format::Html).unwrap().to_vec()).unwrap();
    // The head holds the template's own <meta> and <style>.
    let body = &html[html.find("<body").expect("a body")..];
    if let Some(problem) = html_problem(body) {
        panic!("{problem} in the HTML");
    }
    let md = String::from_utf8(rendered.get(Format::Markdown).unwrap().to_vec()).unwrap();
    if let Some(problem) = markdown_problem(&md) {
        panic!("{problem} in the Markdown output");
    }
    if let Some(pdf) = rendered.get(Format::Pdf) {
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

fn messages(errors: &[committee_papers::Diagnostic]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

/// A character no shipped font has is refused at its field: the tool
/// working as documented, not a finding.
fn glyph_missing(e: &committee_papers::Diagnostic) -> bool {
    e.message.contains("is in none of the PDF's fonts")
        || e.message.contains("could not be displayed with font")
}

/// A report loaded from a scratch council folder (the bundled profile),
/// removed when dropped. `None` when the checks refuse the report (a
/// `{{ progress }}` marker with no tracker, an empty heading): that is the
/// tool working, not a finding.
struct Scratch {
    dir: std::path::PathBuf,
    loaded: LoadedReport,
}

impl Scratch {
    fn report(md: &str) -> Option<Scratch> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "papers-fuzz-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("council.yaml"), COUNCIL).unwrap();
        let quoted = quote(md);
        let mut yaml = String::new();
        for line in SEED.lines() {
            if line.starts_with("summary:") {
                yaml.push_str(&format!("summary: {quoted}\n"));
            } else if line.starts_with("body:") {
                yaml.push_str(&format!("body: {quoted}\n"));
                break;
            } else {
                yaml.push_str(line);
                yaml.push('\n');
            }
        }
        let path = dir.join("report.yaml");
        std::fs::write(&path, yaml).unwrap();
        let loaded = load_report(&path);
        let scratch = loaded.ok().map(|loaded| Scratch {
            dir: dir.clone(),
            loaded,
        });
        if scratch.is_none() {
            let _ = std::fs::remove_dir_all(&dir);
        }
        scratch
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A YAML double-quoted scalar holding `text` exactly.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // What YAML does not allow unescaped, and line separators.
            c if (c as u32) < 0x20
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(
                    c,
                    '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
                ) =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const LIVE: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link",
    "meta", "style", "img", "svg", "math", "noscript", "template",
];

/// The first thing in serialised HTML (html5ever's output: attribute
/// values in double quotes, `<` in text always escaped) that could run a
/// script or that the W3C validator rejects in a link.
pub fn html_problem(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with('/') || rest.starts_with('!') {
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        if LIVE.contains(&name.as_str()) {
            return Some(format!("<{name}>"));
        }
        let end = tag_end(rest)?;
        let mut attrs = &rest[name_len..end];
        while let Some(eq) = attrs.find("=\"") {
            let attr = attrs[..eq]
                .rsplit(|c: char| c.is_ascii_whitespace())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let value_start = eq + 2;
            let value_len = attrs[value_start..].find('"')?;
            let value = attrs[value_start..value_start + value_len]
                .replace("&quot;", "\"")
                .replace("&nbsp;", "\u{a0}")
                .replace("&amp;", "&");
            if attr.starts_with("on") {
                return Some(format!("<{name} {attr}>"));
            }
            if attr == "style" {
                return Some(format!("<{name} style>"));
            }
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "cite"
            ) {
                if !safe_url(&value, false) {
                    return Some(format!("<{name} {attr}={value:?}>"));
                }
                if value.contains([' ', '\\', '"', '<', '>', '`', '{', '}', '|', '^']) {
                    return Some(format!("an unencoded {attr} {value:?}"));
                }
                let b = value.as_bytes();
                for (i, c) in b.iter().enumerate() {
                    if *c == b'%'
                        && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                            && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
                    {
                        return Some(format!("a bad % escape in {attr} {value:?}"));
                    }
                }
            }
            if attr == "rel" && !rest[..end].contains(" href=\"") {
                return Some(format!("<{name} rel> without href"));
            }
            attrs = &attrs[value_start + value_len + 1..];
        }
        rest = &rest[end..];
    }
    None
}

/// Where the tag that starts `rest` ends: the first `>` outside quotes.
fn tag_end(rest: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in rest.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// The first thing in Markdown output that a CommonMark renderer would
/// turn into live markup: raw HTML, or a link or image to a script URL.
pub fn markdown_problem(md: &str) -> Option<String> {
    for event in Parser::new_ext(md, markdown_options()) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                return Some(format!("raw HTML {h:?}"));
            }
            Event::Start(Tag::Link { dest_url, .. }) if !safe_url(&dest_url, false) => {
                return Some(format!("a link to {dest_url:?}"));
            }
            Event::Start(Tag::Image { dest_url, .. }) if !safe_url(&dest_url, true) => {
                return Some(format!("an image from {dest_url:?}"));
            }
            _ => {}
        }
    }
    None
}

/// The ASCII words of a fragment's text (text, code, alt text and the raw
/// HTML the PDF shows as text).
fn markdown_words(md: &str) -> Vec<String> {
    let mut words = Vec::new();
    for event in Parser::new_ext(md, markdown_options()) {
        if let Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) = event {
            words.extend(
                t.split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
        }
    }
    words
}

/// The PDF's text as one string of its ASCII letters and digits.
fn pdf_words(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF reads back");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .expect("text extracts")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// A .docx → YAML (`papers import`): a refusal with a message, or YAML
/// that reads back; never a panic, never an internal error (P900), and
/// within the package caps whatever the zip declares.
pub fn import_docx(data: &[u8]) {
    import_package(data);
    // The zip's checksums stop most mutations at the package: the same
    // bytes also go in as the document, styles and numbering parts of a
    // well-formed package (split at two NUL bytes), to reach the XML.
    let mut parts: Vec<&[u8]> = Vec::new();
    let mut rest = data;
    while parts.len() < 2
        && let Some(at) = rest.windows(2).position(|w| w == [0, 0])
    {
        parts.push(&rest[..at]);
        rest = &rest[at + 2..];
    }
    parts.push(rest);
    let names = ["word/document.xml", "word/styles.xml", "word/numbering.xml"];
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in names.iter().zip(parts) {
        w.start_file(*name, stored).expect("a zip entry starts");
        std::io::Write::write_all(&mut w, part).expect("a zip entry is written");
    }
    w.finish().expect("a zip is finished");
    import_package(&out.into_inner());
}

fn import_package(data: &[u8]) {
    use committee_papers::diagnostics::Code;
    use committee_papers::import::{Options, import};
    let council = parse_council(COUNCIL).expect("the bundled council decodes");
    let style = council.style(None).expect("a council has a style");
    let options = Options {
        stem: "fuzz",
        modeline: None,
        source: "fuzz.docx",
    };
    match import(data, &council, style, &options) {
        Ok(imported) => {
            assert!(
                committee_papers::load::parse_source(imported.yaml.clone()).is_ok(),
                "the YAML written does not read back:\n{}",
                imported.yaml
            );
            for w in &imported.warnings {
                assert!(!w.message.is_empty(), "a warning without a message");
            }
        }
        Err(e) => {
            assert_ne!(e.code, Code::P900, "an internal error: {}", e.message);
            assert!(!e.message.is_empty() && e.hint.is_some(), "{e:?}");
        }
    }
}
