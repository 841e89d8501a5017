//! Author Markdown as WordprocessingML, through pulldown-cmark with the
//! dialect every other reader uses: paragraphs, bold, italic, struck and
//! code text, real hyperlinks, ordered and bulleted lists as Word lists,
//! GFM tables with a header row, block quotes and code blocks. An author's
//! raw HTML is read as the HTML format keeps it: phrasing tags give their
//! formatting (`<b>`, `<i>`, `<s>`, `<br>`) and a `lang` attribute marks
//! its runs' language (`<span lang="cy">`, a Welsh passage); other tags go
//! and their text stays, `<script>` and `<style>` with their content. An
//! image is its alt text (the paper carries no files but its logo and
//! charts).

use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use regex::Regex;

use super::styles::Role;
use super::writer::{Fmt, NumPr, Writer, link_target, run_with, with_lang};
use crate::prose::markdown_options;

/// How a field's first paragraph is written: in its own style, numbered,
/// or after a label.
#[derive(Debug, Clone, Default)]
pub struct Lead {
    pub role: Option<Role>,
    pub num: Option<NumPr>,
    /// Runs before the text: a bold label, or a number typed as text.
    pub prefix: String,
}

impl Lead {
    pub fn numbered(role: Role, num: NumPr) -> Self {
        Lead {
            role: Some(role),
            num: Some(num),
            prefix: String::new(),
        }
    }
}

struct ListState {
    num: u32,
    ilvl: u8,
    ordered: bool,
}

struct TableState {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    in_head: bool,
    cell: Option<String>,
}

struct Link {
    url: String,
    styled: String,
    plain: String,
}

struct Prose {
    lead: Option<Lead>,
    base: Role,
    para: Option<(String, String)>,
    bold: u32,
    italic: u32,
    strike: u32,
    link: Option<Link>,
    lists: Vec<ListState>,
    item_first: bool,
    quote: u32,
    table: Option<TableState>,
    code: Option<String>,
    image: Option<String>,
    heading: Option<(u8, String)>,
    /// The languages of the raw HTML elements open (`lang="cy"`).
    lang: Vec<String>,
    /// Raw HTML elements open: name, and whether it set a language.
    open_tags: Vec<(String, bool)>,
    /// Inside a raw `<script>` or `<style>`: its content is dropped.
    skip: bool,
}

/// A raw HTML tag or comment: closing slash, name, attributes.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>"#)
        .expect("a valid pattern")
});
static LANG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\blang\s*=\s*["']?([A-Za-z0-9-]+)"#).expect("a valid pattern")
});

/// The text of raw HTML with its common entities read.
fn entities(text: &str) -> String {
    text.replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

impl Writer<'_> {
    /// `markdown` as paragraphs in `base` style, the first as `lead` says.
    pub fn markdown(&mut self, markdown: &str, lead: Lead, base: Role) {
        let mut p = Prose {
            lead: Some(lead),
            base,
            para: None,
            bold: 0,
            italic: 0,
            strike: 0,
            link: None,
            lists: Vec::new(),
            item_first: false,
            quote: 0,
            table: None,
            code: None,
            image: None,
            heading: None,
            lang: Vec::new(),
            open_tags: Vec::new(),
            skip: false,
        };
        for event in Parser::new_ext(markdown, markdown_options()) {
            self.event(&mut p, event);
        }
        self.close_para(&mut p);
        // A lead that met no text (an empty field) still shows its label.
        if let Some(lead) = p.lead.take()
            && (!lead.prefix.is_empty() || lead.num.is_some())
        {
            let ppr = self.ppr(lead.role.unwrap_or(base), lead.num, false, "");
            self.out
                .push_str(&format!("<w:p>{ppr}{}</w:p>", lead.prefix));
        }
    }

    /// A table cell's paragraphs from Markdown.
    pub fn cell_markdown(&mut self, markdown: &str) -> String {
        let saved = std::mem::take(&mut self.out);
        self.markdown(markdown, Lead::default(), Role::BodyText);
        let mut cell = std::mem::replace(&mut self.out, saved);
        if cell.is_empty() || cell.ends_with("</w:tbl>") {
            cell.push_str("<w:p/>");
        }
        cell
    }

    fn fmt(&self, p: &Prose, code: bool) -> Fmt {
        Fmt {
            bold: p.bold > 0 || p.table.as_ref().is_some_and(|t| t.in_head),
            italic: p.italic > 0,
            strike: p.strike > 0,
            code,
            link: false,
        }
    }

    /// Text (or code) where it belongs: a heading, alt text, a link, a
    /// table cell or the open paragraph.
    fn text(&mut self, p: &mut Prose, text: &str, code: bool) {
        if let Some((_, h)) = p.heading.as_mut() {
            h.push_str(text);
            return;
        }
        if let Some(alt) = p.image.as_mut() {
            alt.push_str(text);
            return;
        }
        if p.skip {
            return;
        }
        let fmt = self.fmt(p, code);
        let link_style = self.styles.id(Role::Hyperlink).to_string();
        let lang = p.lang.last().cloned();
        let marked = |runs: String| match &lang {
            Some(l) => with_lang(&runs, l),
            None => runs,
        };
        if let Some(link) = p.link.as_mut() {
            link.styled.push_str(&marked(run_with(
                text,
                Fmt { link: true, ..fmt },
                &link_style,
            )));
            link.plain
                .push_str(&marked(run_with(text, fmt, &link_style)));
            return;
        }
        let runs = marked(run_with(text, fmt, &link_style));
        self.push_runs(p, &runs);
    }

    fn push_runs(&mut self, p: &mut Prose, runs: &str) {
        if let Some(cell) = p.table.as_mut().and_then(|t| t.cell.as_mut()) {
            cell.push_str(runs);
            return;
        }
        if p.para.is_none() {
            self.open_para(p);
        }
        if let Some((_, r)) = p.para.as_mut() {
            r.push_str(runs);
        }
    }

    fn open_para(&mut self, p: &mut Prose) {
        self.close_para(p);
        let (role, num, prefix) = if let Some(list) = p.lists.last() {
            let num = std::mem::take(&mut p.item_first).then_some(NumPr {
                num: list.num,
                ilvl: list.ilvl,
            });
            (Role::ListParagraph, num, String::new())
        } else if let Some(lead) = p.lead.take() {
            (lead.role.unwrap_or(p.base), lead.num, lead.prefix)
        } else if p.quote > 0 {
            (Role::Quote, None, String::new())
        } else {
            (p.base, None, String::new())
        };
        let ppr = self.ppr(role, num, false, "");
        p.para = Some((ppr, prefix));
    }

    fn close_para(&mut self, p: &mut Prose) {
        if let Some((ppr, runs)) = p.para.take()
            && (!runs.is_empty() || ppr.contains("<w:numPr>"))
        {
            self.out.push_str(&format!("<w:p>{ppr}{runs}</w:p>"));
        }
    }

    /// A block that is not a paragraph opens: a lead not yet used gets a
    /// paragraph of its own (its number or label) before it.
    fn before_block(&mut self, p: &mut Prose) {
        self.close_para(p);
        if p.lists.is_empty()
            && p.table.is_none()
            && let Some(lead) = p.lead.take()
            && (!lead.prefix.is_empty() || lead.num.is_some())
        {
            let ppr = self.ppr(lead.role.unwrap_or(p.base), lead.num, false, "");
            self.out
                .push_str(&format!("<w:p>{ppr}{}</w:p>", lead.prefix));
        }
    }

    fn event(&mut self, p: &mut Prose, event: Event) {
        match event {
            Event::Start(tag) => self.start(p, tag),
            Event::End(tag) => self.end(p, tag),
            Event::Text(t) => {
                if let Some(code) = p.code.as_mut() {
                    code.push_str(&t);
                } else {
                    self.text(p, &t, false);
                }
            }
            Event::Code(t) => self.text(p, &t, true),
            Event::Html(t) | Event::InlineHtml(t) => self.raw_html(p, &t),
            Event::SoftBreak => self.text(p, " ", false),
            Event::HardBreak => {
                if p.heading.is_some() || p.image.is_some() {
                    self.text(p, " ", false);
                } else {
                    self.push_runs(p, "<w:r><w:br/></w:r>");
                }
            }
            Event::TaskListMarker(done) => self.text(p, if done { "[x] " } else { "[ ] " }, false),
            Event::FootnoteReference(t) => self.text(p, &format!("[{t}]"), false),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(p, &t, true),
            Event::Rule => self.close_para(p),
        }
    }

    fn start(&mut self, p: &mut Prose, tag: Tag) {
        match tag {
            Tag::Paragraph if p.table.is_none() => self.open_para(p),
            Tag::Heading { level, .. } => {
                self.before_block(p);
                let level = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => 1,
                    HeadingLevel::H3 => 2,
                    HeadingLevel::H4 => 3,
                    _ => 4,
                };
                // Under the heading the field sits in.
                let level = (self.last_heading() + level).saturating_sub(1).max(1);
                p.heading = Some((level, String::new()));
            }
            Tag::BlockQuote(_) => {
                self.before_block(p);
                p.quote += 1;
            }
            Tag::CodeBlock(_) => {
                self.before_block(p);
                p.code = Some(String::new());
            }
            Tag::List(start) => {
                self.before_block(p);
                let ordered = start.is_some();
                let (num, ilvl) = match p.lists.last() {
                    Some(parent) if parent.ordered == ordered => {
                        (parent.num, (parent.ilvl + 1).min(8))
                    }
                    Some(parent) => {
                        let num = match start {
                            Some(s) => self.lists.ordered(s),
                            None => self.lists.bullets(),
                        };
                        (num, (parent.ilvl + 1).min(8))
                    }
                    None => match start {
                        Some(s) => (self.lists.ordered(s), 0),
                        None => (self.lists.bullets(), 0),
                    },
                };
                p.lists.push(ListState { num, ilvl, ordered });
            }
            Tag::Item => {
                self.close_para(p);
                p.item_first = true;
            }
            Tag::Table(_) => {
                self.before_block(p);
                p.table = Some(TableState {
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    in_head: false,
                    cell: None,
                });
            }
            Tag::TableHead => {
                if let Some(t) = p.table.as_mut() {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(t) = p.table.as_mut() {
                    t.row.clear();
                }
            }
            Tag::TableCell => {
                if let Some(t) = p.table.as_mut() {
                    t.cell = Some(String::new());
                }
            }
            Tag::Emphasis => p.italic += 1,
            Tag::Strong => p.bold += 1,
            Tag::Strikethrough => p.strike += 1,
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let url = if link_type == pulldown_cmark::LinkType::Email
                    && !dest_url.starts_with("mailto:")
                {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                p.link = Some(Link {
                    url,
                    styled: String::new(),
                    plain: String::new(),
                });
            }
            Tag::Image { .. } => p.image = Some(String::new()),
            Tag::HtmlBlock => self.before_block(p),
            _ => {}
        }
    }

    /// An author's raw HTML: phrasing tags as formatting and language,
    /// every other tag dropped with its text kept.
    fn raw_html(&mut self, p: &mut Prose, raw: &str) {
        let mut at = 0;
        for caps in TAG.captures_iter(raw) {
            let whole = caps.get(0).expect("a match");
            self.html_text(p, &raw[at..whole.start()]);
            at = whole.end();
            let Some(name) = caps.get(2) else { continue };
            let name = name.as_str().to_ascii_lowercase();
            let closing = !caps[1].is_empty();
            if matches!(name.as_str(), "script" | "style") {
                p.skip = !closing;
                continue;
            }
            if name == "br" {
                if p.heading.is_some() || p.image.is_some() {
                    self.text(p, " ", false);
                } else if !p.skip {
                    self.push_runs(p, "<w:r><w:br/></w:r>");
                }
                continue;
            }
            let counter = match name.as_str() {
                "b" | "strong" => Some(&mut p.bold),
                "i" | "em" | "cite" | "dfn" | "var" => Some(&mut p.italic),
                "s" | "del" | "strike" => Some(&mut p.strike),
                _ => None,
            };
            if closing {
                if let Some(c) = counter {
                    *c = c.saturating_sub(1);
                }
                if let Some(i) = p.open_tags.iter().rposition(|(n, _)| *n == name) {
                    let (_, had_lang) = p.open_tags.remove(i);
                    if had_lang {
                        p.lang.pop();
                    }
                }
                continue;
            }
            let attrs = caps.get(3).map_or("", |m| m.as_str());
            if attrs.trim_end().ends_with('/') {
                continue;
            }
            if let Some(c) = counter {
                *c += 1;
            }
            let lang = LANG
                .captures(attrs)
                .map(|l| l[1].to_string())
                .filter(|l| crate::render::raw_html::valid_lang(l));
            p.open_tags.push((name, lang.is_some()));
            if let Some(l) = lang {
                p.lang.push(l);
            }
        }
        self.html_text(p, &raw[at..]);
    }

    fn html_text(&mut self, p: &mut Prose, text: &str) {
        let text = entities(text).replace(['\n', '\r'], " ");
        if text.trim().is_empty() && p.para.is_none() {
            return;
        }
        self.text(p, &text, false);
    }

    fn end(&mut self, p: &mut Prose, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph if p.table.is_none() => self.close_para(p),
            TagEnd::Heading(_) => {
                if let Some((level, text)) = p.heading.take() {
                    self.heading(level, text.trim(), None);
                }
            }
            TagEnd::BlockQuote(_) => {
                self.close_para(p);
                p.quote = p.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                if let Some(code) = p.code.take() {
                    let fmt = Fmt {
                        code: true,
                        ..Fmt::default()
                    };
                    let runs = super::writer::run(code.trim_end_matches('\n'), fmt);
                    self.open_para(p);
                    if let Some((_, r)) = p.para.as_mut() {
                        r.push_str(&runs);
                    }
                    self.close_para(p);
                }
            }
            TagEnd::List(_) => {
                self.close_para(p);
                p.lists.pop();
            }
            TagEnd::Item => self.close_para(p),
            TagEnd::TableHead => {
                if let Some(t) = p.table.as_mut() {
                    t.header = std::mem::take(&mut t.row);
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = p.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::TableCell => {
                let ppr = self.ppr(Role::BodyText, None, false, "");
                if let Some(t) = p.table.as_mut()
                    && let Some(runs) = t.cell.take()
                {
                    t.row.push(format!("<w:p>{ppr}{runs}</w:p>"));
                }
            }
            TagEnd::Table => {
                if let Some(t) = p.table.take() {
                    self.table(Role::Table, None, &t.header, &t.rows, &[]);
                }
            }
            TagEnd::Emphasis => p.italic = p.italic.saturating_sub(1),
            TagEnd::Strong => p.bold = p.bold.saturating_sub(1),
            TagEnd::Strikethrough => p.strike = p.strike.saturating_sub(1),
            TagEnd::Link => {
                if let Some(link) = p.link.take() {
                    let runs = if link_target(&link.url).is_some() {
                        self.hyperlink(&link.url, &link.styled)
                    } else {
                        link.plain
                    };
                    self.push_runs(p, &runs);
                }
            }
            TagEnd::HtmlBlock => {
                self.close_para(p);
                p.skip = false;
            }
            TagEnd::Image => {
                if let Some(alt) = p.image.take() {
                    let alt = alt.trim();
                    let text = if alt.is_empty() {
                        "[image]".to_string()
                    } else {
                        format!("[image: {alt}]")
                    };
                    self.text(p, &text, false);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(markdown: &str) -> String {
        let styles = super::super::styles::resolve(
            &super::super::styles::default_styles("en-GB"),
            &super::super::styles::Names::new(),
            "en-GB",
        )
        .unwrap();
        let mut w = Writer::new(&styles, super::super::numbering::Lists::new(None), 9026);
        w.markdown(markdown, Lead::default(), Role::BodyText);
        w.out
    }

    #[test]
    fn a_welsh_passage_is_marked_and_raw_tags_are_formatting_or_gone() {
        let out = body(
            "Hello <span lang=\"cy\">Croeso <b>i</b> Gymru</span> <div>x</div><script>alert(1)</script> &amp; y",
        );
        assert!(out.contains(r#"<w:r><w:rPr><w:lang w:val="cy"/></w:rPr><w:t xml:space="preserve">Croeso </w:t></w:r>"#), "{out}");
        assert!(out.contains(r#"<w:rPr><w:b/><w:bCs/><w:lang w:val="cy"/></w:rPr><w:t xml:space="preserve">i</w:t>"#), "{out}");
        assert!(
            !out.contains("span") && !out.contains("div") && !out.contains("alert"),
            "{out}"
        );
        assert!(out.contains(">&amp;</w:t>"), "{out}");
        roxmltree::Document::parse(&format!(
            r#"<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{out}</w:body>"#
        ))
        .unwrap();
    }

    #[test]
    fn a_list_and_a_table_are_word_structures() {
        let out = body(
            "1. one\n2. two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n[site](https://example.org)",
        );
        assert_eq!(out.matches("<w:numPr>").count(), 2, "{out}");
        assert!(out.contains("<w:tblHeader/>"), "{out}");
        assert!(out.contains(r#"<w:hyperlink r:id="rId100""#), "{out}");
    }
}
