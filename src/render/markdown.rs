//! The Markdown format: CommonMark with GFM tables, readable as plain text.
//! YAML strings are backslash-escaped so they cannot become markup; prose
//! fields pass through as the author's Markdown, with raw HTML shown as
//! text and links to scripts reduced to their text, so that no CommonMark
//! renderer turns the published file into live markup.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use tera::{Kwargs, State, Tera, Value};

use crate::context::Context;
use crate::diagnostics::Diagnostic;
use crate::prose::{OpenLinks, apply_edits, markdown_options};
use crate::render::format::Format;
use crate::render::templates::{Document, TemplateSet};

/// A report's Markdown from its context, through the Tera templates (the
/// council's overrides first), tidied for markdownlint.
pub fn render(
    ctx: &Context,
    overrides: Option<&std::path::Path>,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let text =
        TemplateSet::load(Format::Markdown, Document::Report, overrides, configure)?.render(ctx)?;
    // Once more over the whole page: a field that was safe alone can change
    // meaning where a template puts it (after a label, in a cell), so what
    // is raw HTML or a script link in the page as a whole is neutralised.
    Ok(tidy(&neutralise(&text)).into_bytes())
}

pub fn configure(tera: &mut Tera) {
    tera.set_escape_fn(escape_fn);
    // `markdown(after_label=true)` where the field follows text on the
    // same line (`**Label:** {{ x | markdown(after_label=true) }}`): a
    // field that does not open with a paragraph (a code block, a list, a
    // table) then starts on a line of its own, so its structure holds.
    tera.register_filter(
        "markdown",
        |s: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let after_label = kwargs.get::<bool>("after_label")?.unwrap_or(false);
            let markdown = neutralise(s.trim());
            if after_label && !opens_with_paragraph(&markdown) {
                return Ok(Value::safe_string(&format!("\n\n{markdown}")));
            }
            Ok(Value::safe_string(&markdown))
        },
    );
    tera.register_filter("table_cell", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&table_cell(s))
    });
}

fn escape_fn(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape(input).as_bytes())
}

/// Escapes the characters that start Markdown markup, and folds line breaks
/// (a header cell is one line).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Whether the first block of `markdown` is a paragraph (or there is none).
fn opens_with_paragraph(markdown: &str) -> bool {
    match Parser::new_ext(markdown, markdown_options()).next() {
        None => true,
        Some(Event::Start(Tag::Paragraph)) => true,
        Some(_) => false,
    }
}

/// Author Markdown inside a GFM table cell: one line, pipes escaped. A
/// pipe the author escaped already (`\|`) stays as it is: escaping it again
/// would make `\\|`, an escaped backslash and then a cell break.
pub fn table_cell(markdown: &str) -> String {
    // Flattened, an indented code block becomes inline text: what is raw
    // HTML in the line is neutralised again.
    let line = neutralise(
        &neutralise(markdown.trim())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    let mut out = String::with_capacity(line.len() + 8);
    let mut backslashes = 0;
    for c in line.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

/// Templates leave blank lines where parts are empty: fold runs of blank
/// lines into one and end with exactly one newline (markdownlint MD012/MD047).
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Author Markdown made safe to publish: raw HTML is shown as text, and a
/// link or image whose URL could run a script (any scheme but http, https,
/// mailto and tel, as in the HTML; `data:` only for images) is reduced to
/// its text.
pub fn neutralise(markdown: &str) -> String {
    // Text made of markup can form new markup when read again: a pass
    // that changed something is followed by another, until one changes
    // nothing (most fields take a single pass).
    let Some(mut text) = neutralise_at(markdown, 0) else {
        return markdown.to_string();
    };
    for _ in 0..4 {
        match neutralise_at(&text, 0) {
            Some(again) => text = again,
            None => break,
        }
    }
    text
}

/// Deeper than this, nested links are flattened to escaped text.
const MAX_NESTING: usize = 8;

/// `markdown` made safe, or `None` when it already is (no edit made).
fn neutralise_at(markdown: &str, depth: usize) -> Option<String> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut open: OpenLinks<Link> = OpenLinks::default();
    let parser = Parser::new_ext(markdown, markdown_options());
    let definitions: Vec<Range<usize>> = parser
        .reference_definitions()
        .iter()
        .filter(|(_, def)| !safe_url(&def.dest, false))
        .map(|(_, def)| def.span.clone())
        .collect();
    for (event, range) in parser.into_offset_iter() {
        open.see(&event, &range);
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                edits.push((range.clone(), as_text(&markdown[range])))
            }
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => open.push(Link::new(range, safe_url(&dest_url, false), link_type)),
            Event::Start(Tag::Image { dest_url, .. }) => open.push(Link::new(
                range,
                safe_url(&dest_url, true),
                LinkType::Inline,
            )),
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some((link, text)) = open.pop() else {
                    continue;
                };
                if link.safe {
                    continue;
                }
                let text = &markdown[text];
                let replacement = match link.kind {
                    // `<javascript:x>`: the URL is the text; escaped, it
                    // cannot form a link again.
                    LinkType::Autolink | LinkType::Email => escape(text),
                    _ if depth >= MAX_NESTING => escape(text),
                    _ => neutralise_at(text, depth + 1).unwrap_or_else(|| text.to_string()),
                };
                edits.push((link.range, replacement));
            }
            _ => {}
        }
    }
    edits.extend(definitions.into_iter().map(|r| (r, String::new())));
    if edits.is_empty() {
        return None;
    }
    Some(apply_edits(markdown, edits))
}

/// An open link or image: where it starts, and whether it is safe.
struct Link {
    range: Range<usize>,
    safe: bool,
    kind: LinkType,
}

impl Link {
    fn new(range: Range<usize>, safe: bool, kind: LinkType) -> Self {
        Link { range, safe, kind }
    }
}

/// Raw HTML as text: `<`, `>` and `&` as entities, which every renderer
/// shows as the characters, and what could start a link or other markup
/// backslash-escaped. Once the tag is text, what was inside it (an
/// attribute holding `[x](javascript:...)`) is read as Markdown: escaped,
/// it cannot form a link.
fn as_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    for c in html.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether a link (or image) URL is safe to publish: relative, or with a
/// scheme the HTML output allows too. Browsers ignore ASCII whitespace and
/// control characters in a scheme, so they are ignored here as well.
pub fn safe_url(url: &str, image: bool) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let Some(colon) = cleaned.find(':') else {
        return true;
    };
    let scheme = &cleaned[..colon];
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !is_scheme {
        // A colon after a path character: a relative URL.
        return true;
    }
    match scheme {
        "http" | "https" | "mailto" | "tel" => true,
        "data" => {
            image
                && ["image/png", "image/jpeg", "image/gif", "image/webp"]
                    .iter()
                    .any(|t| cleaned[colon + 1..].starts_with(t))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(escape("a|b *c* <d>"), "a\\|b \\*c\\* \\<d\\>");
    }

    #[test]
    fn tidy_folds_blank_lines() {
        assert_eq!(tidy("# A\n\n\n\nb  \n\n\n"), "# A\n\nb\n");
    }

    #[test]
    fn script_links_become_their_text() {
        for (md, text) in [
            ("[click](javascript:alert(1))", "click"),
            ("[click](JavaScript:alert(1) \"t\")", "click"),
            ("[click](<java\tscript:alert(1)>)", "click"),
            ("[click](vbscript:msgbox(1))", "click"),
            ("[click](data:text/html;base64,PHNjcmlwdD4=)", "click"),
            ("[click](&#106;avascript:alert(1))", "click"),
            ("[**bold** click](javascript:x)", "**bold** click"),
            ("[click][r]\n\n[r]: javascript:alert(1)", "click"),
            ("![pic](javascript:alert(1))", "pic"),
            ("[![pic](javascript:a)](javascript:b)", "pic"),
        ] {
            let out = neutralise(md);
            assert!(
                !out.to_ascii_lowercase().contains("script:"),
                "{md:?}: {out:?}"
            );
            assert!(!out.contains("data:"), "{md:?}: {out:?}");
            assert!(out.contains(text), "{md:?}: {out:?}");
            assert!(!out.contains("]("), "{md:?}: {out:?}");
        }
        let out = neutralise("<javascript:alert(1)>");
        assert!(!out.contains('<'), "{out}");
    }

    #[test]
    fn safe_links_stay() {
        for md in [
            "[site](https://example.org)",
            "[mail](mailto:a@example.org)",
            "[rel](../x.html)",
            "[frag](#section-2)",
            "![map](data:image/png;base64,iVBORw0KGgo=)",
            "<https://example.org>",
            "[r]\n\n[r]: https://example.org",
        ] {
            assert_eq!(neutralise(md), md);
        }
    }

    #[test]
    fn table_cells_keep_escaped_pipes() {
        assert_eq!(table_cell("a | b"), "a \\| b");
        assert_eq!(table_cell("a \\| b"), "a \\| b");
        assert_eq!(table_cell("`x\\|y`"), "`x\\|y`");
        // An escaped backslash before a pipe: the pipe still needs escaping.
        assert_eq!(table_cell("a \\\\| b"), "a \\\\\\| b");
        assert_eq!(table_cell("one\ntwo"), "one two");
    }

    #[test]
    fn raw_html_becomes_text() {
        let out = neutralise("Hello <script>alert(1)</script> world");
        assert!(!out.contains("<script>"));
        assert!(out.contains("&lt;script&gt;"));
    }

    /// Found by libFuzzer (markdown_html): a link inside a raw tag's
    /// attribute came alive once the tag was shown as text.
    #[test]
    fn a_link_inside_a_raw_tag_stays_dead() {
        let input = "<a href=\" #<scr<st(1)</scr<976;avascript:ale/scriptr[click](JavaScript:alert(1))t(1)\">clicip>tk</a>>";
        let out = neutralise(input);
        for event in Parser::new_ext(&out, markdown_options()) {
            if let Event::Start(Tag::Link { dest_url, .. }) = event {
                panic!("a live link to {dest_url} in {out}");
            }
        }
        assert!(
            out.contains("\\[click\\]\\(JavaScript:alert\\(1\\)\\)"),
            "{out}"
        );
    }
}
