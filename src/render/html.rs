//! The HTML format: one self-contained, accessible page. YAML strings are
//! HTML-escaped by Tera; Markdown fields go through pulldown-cmark and then
//! ammonia, so authors cannot inject scripts, styles or event handlers.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd, html};
use tera::value::Key;
use tera::{Kwargs, Map, State, Tera, Value};

use crate::context::Context;
use crate::diagnostics::Diagnostic;
use crate::prose::markdown_options;
use crate::render::format::Format;
use crate::render::raw_html;
use crate::render::templates::{Document, TemplateSet};

/// A report's HTML page from its context, through the Tera templates (the
/// council's overrides first).
pub fn render(
    ctx: &Context,
    overrides: Option<&std::path::Path>,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let page =
        TemplateSet::load(Format::Html, Document::Report, overrides, configure)?.render(ctx)?;
    Ok(without_forbidden_code_points(&page)
        .into_owned()
        .into_bytes())
}

/// `page` with the code points HTML forbids anywhere (controls other than
/// whitespace, noncharacters) as U+FFFD: YAML's `"\a"` or a control
/// character in Markdown text would otherwise make the page invalid.
pub fn without_forbidden_code_points(page: &str) -> std::borrow::Cow<'_, str> {
    if may_hold_forbidden(page.as_bytes()) && page.contains(is_forbidden) {
        page.replace(is_forbidden, "\u{FFFD}").into()
    } else {
        page.into()
    }
}

/// A code point HTML forbids anywhere: a control other than whitespace, or
/// a noncharacter.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        || ('\u{fdd0}'..='\u{fdef}').contains(&c)
        || (c as u32 & 0xfffe) == 0xfffe
}

/// Whether `bytes` (UTF-8) may encode a code point that
/// [`without_forbidden_code_points`] replaces: a byte scan, 7x fewer
/// instructions than decoding every character of a clean page (issue 18).
/// Controls are single bytes or `C2 80..9F`; every noncharacter starts
/// with `EF` or a four-byte lead.
fn may_hold_forbidden(bytes: &[u8]) -> bool {
    /// The bytes that can start (or, `C2`, be) a forbidden code point.
    const SUSPECT: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] =
                matches!(b, 0..=0x08 | 0x0b | 0x0e..=0x1f | 0x7f | 0xc2 | 0xef | 0xf0..=0xff);
            b += 1;
        }
        table
    };
    // A table lookup per byte; a suspect byte is looked at closely.
    let mut rest = bytes;
    while let Some(at) = rest.iter().position(|&b| SUSPECT[usize::from(b)]) {
        if rest[at] != 0xc2 || rest.get(at + 1).is_some_and(|&next| next < 0xa0) {
            return true;
        }
        rest = &rest[at + 1..];
    }
    false
}

pub fn configure(tera: &mut Tera) {
    tera.register_filter("markdown", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&markdown_to_html(s))
    });
    // A council's label or heading: text, escaped for an element's content
    // or a quoted attribute. An apostrophe is left as it is, as in the
    // wording the templates once held ("the Council's Core Purpose").
    tera.register_filter("text", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&escape_text(s))
    });
    // A council's wording, field `key` of a view: `A / <span lang="cy">B</span>`
    // where the view carries it in two languages (`second`), else the
    // field as it is. `text=true` escapes as the `text` filter does, else
    // as Tera does. `prose=true`: Markdown paragraphs, the second
    // language's in a `<div lang>`.
    tera.register_filter(
        "wording",
        |view: &Map, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let key: &str = kwargs.must_get("key")?;
            let as_text = kwargs.get::<bool>("text")?.unwrap_or(false);
            let prose = kwargs.get::<bool>("prose")?.unwrap_or(false);
            let field = view
                .get(&Key::Str(key))
                .and_then(Value::as_str)
                .unwrap_or_default();
            let second = view
                .get(&Key::Str("second"))
                .and_then(Value::as_map)
                .and_then(|m| m.get(&Key::Str(key)))
                .and_then(Value::as_map)
                .and_then(|s| {
                    let get = |k: &'static str| s.get(&Key::Str(k)).and_then(Value::as_str);
                    Some((get("first")?, get("lang")?, get("text")?))
                });
            Ok(Value::safe_string(&match second {
                Some((first, lang, text)) if prose => format!(
                    "{}\n<div lang=\"{}\">{}</div>",
                    markdown_to_html(first),
                    escape_text(lang),
                    markdown_to_html(text)
                ),
                None if prose => markdown_to_html(field),
                Some((first, lang, text)) => wording(first, Some((lang, text)), as_text),
                None => wording(field, None, as_text),
            }))
        },
    );
}

/// One line of council wording as HTML: "A", or `A / <span lang="cy">B</span>`,
/// escaped as the `text` filter (`as_text`) or as Tera escapes.
pub fn wording(first: &str, second: Option<(&str, &str)>, as_text: bool) -> String {
    let esc = |s: &str| {
        if as_text {
            escape_text(s)
        } else {
            let mut out = Vec::with_capacity(s.len());
            tera::escape_html(s, &mut out).expect("writing to memory");
            String::from_utf8(out).expect("escaped UTF-8 is UTF-8")
        }
    };
    match second {
        Some((lang, text)) => format!(
            "{} / <span lang=\"{}\">{}</span>",
            esc(first),
            escape_text(lang),
            esc(text)
        ),
        None => esc(first),
    }
}

/// `&`, `<`, `>` and `"` escaped: enough for text and double-quoted
/// attributes.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Markdown → sanitised HTML. Images become their alt text, as in the PDF:
/// the page stays self-contained and fetches nothing. Headings start at
/// `<h3>` (a prose field sits under the report's `<h2>`) and nest one level
/// at a time, as in the PDF. An author's raw HTML keeps only its phrasing
/// tags ([`raw_html`]), so any valid Markdown gives valid HTML. Tables are
/// wrapped so that a wide one scrolls inside its own region, never the page.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let mut levels = HeadingLevels::default();
    // An HTML block comes a line at a time, and a tag may span lines: the
    // block is cut down whole.
    let mut block: Option<String> = None;
    let events = Parser::new_ext(markdown, markdown_options()).filter_map(|e| match e {
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::HtmlBlock) => {
            block = Some(String::new());
            None
        }
        Event::Html(text) if block.is_some() => {
            block.as_mut().expect("open").push_str(&text);
            None
        }
        Event::End(TagEnd::HtmlBlock) => block
            .take()
            .map(|text| Event::Html(raw_html::phrasing_only(&text).into())),
        Event::Html(text) => Some(Event::Html(raw_html::phrasing_only(&text).into())),
        Event::InlineHtml(text) => Some(Event::InlineHtml(raw_html::phrasing_only(&text).into())),
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level: levels.open(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(_)) => Some(Event::End(TagEnd::Heading(levels.close()))),
        e => Some(e),
    });
    html::push_html(&mut raw, events);
    wrap_tables(&SANITISER.clean(&raw).to_string())
}

/// Builds the sanitiser now (see [`crate::pipeline::warm_up`]).
pub(crate) fn warm() {
    std::sync::LazyLock::force(&SANITISER);
}

/// Built once: a builder's default tag and attribute sets are some 8,000
/// hash-set inserts, which cost more than cleaning a field (issue 18).
static SANITISER: std::sync::LazyLock<ammonia::Builder<'static>> =
    std::sync::LazyLock::new(sanitiser);

/// Heading levels of a fragment: the first is `<h3>`, each deeper Markdown
/// level one more (never skipping), up to `<h6>`.
#[derive(Default)]
struct HeadingLevels {
    /// Open headings as (Markdown level, HTML level).
    open: Vec<(u8, u8)>,
    current: u8,
}

impl HeadingLevels {
    fn open(&mut self, level: HeadingLevel) -> HeadingLevel {
        let md = level as u8;
        while self.open.last().is_some_and(|&(m, _)| m >= md) {
            self.open.pop();
        }
        let out = self.open.last().map_or(3, |&(_, o)| (o + 1).min(6));
        self.open.push((md, out));
        self.current = out;
        to_level(out)
    }

    fn close(&self) -> HeadingLevel {
        to_level(self.current)
    }
}

fn to_level(n: u8) -> HeadingLevel {
    match n {
        0..=3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn sanitiser() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    // No rel on links: ammonia adds it to every <a>, and `rel` without
    // `href` is invalid HTML. The page's referrer policy does the same job
    // (noreferrer), and no link opens a new window (noopener).
    b.link_rel(None)
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        // Images would fetch from elsewhere (or nowhere); headings above
        // h3 would break the outline. Neither can come from the Markdown
        // (see above): this is the second line of defence.
        .rm_tags(["img", "h1", "h2"])
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("a", "href") => valid_url(value).map(Into::into),
            // A quotation's source is never followed, and ammonia does not
            // check its scheme; an author's date-time may not parse.
            (_, "cite" | "datetime") => None,
            (_, "lang" | "hreflang") => raw_html::valid_lang(value).then(|| value.into()),
            _ => Some(value.into()),
        })
        // GFM tables have one header row: its cells head their columns.
        .set_tag_attribute_value("th", "scope", "col");
    b
}

/// Wraps every table in a focusable region that scrolls sideways on its
/// own (WCAG 1.4.10: the page must not). The sanitiser's output is
/// serialised HTML, so `<table` here can only be a tag.
fn wrap_tables(html: &str) -> String {
    if !html.contains("<table") {
        return html.to_string();
    }
    html.replace(
        "<table>",
        "<div class=\"table-wrap\" role=\"region\" aria-label=\"Table\" tabindex=\"0\"><table>",
    )
    .replace("</table>", "</table></div>")
}

/// `url` as a valid URL for an `href`: characters that a URL may not hold
/// are percent-encoded (spaces, backslashes, a `%` that starts no escape,
/// a second `#`), so the page validates whatever an author wrote. `None`
/// (no `href`) when the host cannot be made valid.
pub fn valid_url(url: &str) -> Option<String> {
    let url = url.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    let mut out = String::with_capacity(url.len() + 8);
    // The host of `scheme://host/...` cannot be percent-encoded: a host
    // that is not a plain name is dropped with the link.
    let scheme_end = url.find("://").filter(|&i| {
        let scheme = &url[..i];
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    match scheme_end {
        Some(colon) => {
            let rest = &url[colon + 3..];
            let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
            let authority = &rest[..end];
            let (host, port) = match authority.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (authority, None),
            };
            // Labels are not empty (`https://../` has no host), but for
            // the root's after a final dot.
            let labels = host.strip_suffix('.').unwrap_or(host);
            let host_ok = !labels.is_empty()
                && labels.split('.').all(|l| !l.is_empty())
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c) || !c.is_ascii());
            let port_ok =
                port.is_none_or(|p| p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
            if !(host_ok && port_ok) {
                return None;
            }
            out.push_str(&url[..colon + 3 + end]);
            encode_rest(&rest[end..], false, &mut out);
        }
        None => encode_rest(url, false, &mut out),
    }
    Some(out)
}

/// Percent-encodes what a URL's path, query or fragment may not hold.
fn encode_rest(text: &str, mut in_fragment: bool, out: &mut String) {
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let keep = match c {
            '%' => {
                bytes.len() > i + 2
                    && bytes[i + 1].is_ascii_hexdigit()
                    && bytes[i + 2].is_ascii_hexdigit()
            }
            '#' if !in_fragment => {
                in_fragment = true;
                true
            }
            c if c.is_ascii_alphanumeric() => true,
            c if c.is_ascii() => "!$&'()*+,-./:;=?@_~".contains(c),
            // Non-ASCII is allowed, except C1 controls and noncharacters.
            c => {
                !('\u{80}'..='\u{9f}').contains(&c)
                    && !('\u{fdd0}'..='\u{fdef}').contains(&c)
                    && (c as u32 & 0xfffe) != 0xfffe
            }
        };
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let out = markdown_to_html(
            "Hi <script>alert(1)</script><img src=x onerror=alert(1)> [l](javascript:alert(1))",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
    }

    #[test]
    fn images_become_their_alt_text() {
        let out = markdown_to_html("See ![the ward map](https://example.org/map.png) here.");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("See the ward map here."), "{out}");
    }

    #[test]
    fn raw_images_fetch_nothing() {
        for md in [
            "<img src=\"https://tracker.example/p.gif\" alt=\"x\">",
            "Text <img src=\"/local.png\"> more",
            "<img src=\"pic.png\" srcset=\"https://a.example/1.png 2x\">",
            "<p><img src='//cdn.example/i.png'></p>",
        ] {
            let out = markdown_to_html(md);
            assert!(!out.contains("<img"), "{md}: {out}");
            assert!(!out.contains("example"), "{md}: {out}");
            assert!(!out.contains(".png"), "{md}: {out}");
        }
    }

    #[test]
    fn headings_in_prose_start_at_h3() {
        let out = markdown_to_html("# Top\n\ntext\n\n## Next\n\n#### Deep\n\n# Again\n");
        assert!(out.contains("<h3>Top</h3>"), "{out}");
        assert!(out.contains("<h4>Next</h4>"), "{out}");
        assert!(out.contains("<h5>Deep</h5>"), "{out}");
        assert!(out.contains("<h3>Again</h3>"), "{out}");
        assert!(!out.contains("<h1") && !out.contains("<h2"), "{out}");
        // Raw heading tags keep their text but not their level.
        let out = markdown_to_html("<h1>Raw</h1>\n");
        assert!(!out.contains("<h1") && out.contains("Raw"), "{out}");
    }

    #[test]
    fn links_are_valid_html() {
        let out = markdown_to_html("<a name=\"x\">anchor</a> and <a href=\"a b\\c\">l</a>");
        assert!(!out.contains("rel="), "rel without href is invalid: {out}");
        assert!(out.contains("href=\"a%20b%5Cc\""), "{out}");
        let out = markdown_to_html("[x](<a b%zz#f#g>)");
        assert!(out.contains("href=\"a%20b%25zz#f%23g\""), "{out}");
    }

    #[test]
    fn urls_are_encoded_or_dropped() {
        assert_eq!(
            valid_url("https://example.org/a b").unwrap(),
            "https://example.org/a%20b"
        );
        assert_eq!(valid_url("/x?q=1 2").unwrap(), "/x?q=1%202");
        assert_eq!(valid_url("mailto:a@b.org").unwrap(), "mailto:a@b.org");
        assert_eq!(valid_url("http://ex ample.org/").as_deref(), None);
        assert_eq!(valid_url("https://../").as_deref(), None);
        assert_eq!(valid_url("https://a..b/").as_deref(), None);
        assert_eq!(
            valid_url("https://example.org./x").as_deref(),
            Some("https://example.org./x")
        );
        assert_eq!(valid_url("http://example.org:80x/").as_deref(), None);
        assert_eq!(
            valid_url("https://é.example/ü").unwrap(),
            "https://é.example/ü"
        );
    }

    #[test]
    fn the_byte_scan_misses_no_forbidden_code_point() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            if is_forbidden(c) {
                assert!(may_hold_forbidden(text.as_bytes()), "U+{:04X}", c as u32);
            }
        }
        assert!(!may_hold_forbidden("£5 – “quoted” café\n\t".as_bytes()));
    }

    #[test]
    fn forbidden_code_points_are_replaced() {
        assert_eq!(
            without_forbidden_code_points("a\u{7}b\u{85}c\u{ffff}\n\td"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}\n\td"
        );
    }

    #[test]
    fn tables_render_and_scroll_in_their_own_region() {
        let out = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            out.contains("<div class=\"table-wrap\" role=\"region\" aria-label=\"Table\" tabindex=\"0\"><table>")
                && out.contains("<th scope=\"col\">a</th>")
                && out.contains("<td>1</td>")
                && out.contains("</table></div>"),
            "{out}"
        );
    }
}
