//! Author Markdown as WordprocessingML, through pulldown-cmark with the
//! dialect every other reader uses: paragraphs, bold, italic, struck and
//! code text, real hyperlinks, ordered and bulleted lists as Word lists,
//! GFM tables with a header row, block quotes and code blocks. Raw HTML is
//! shown as text, as the other formats show it; an image is its alt text
//! (the paper carries no files but its logo and charts).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::styles::Role;
use super::writer::{Fmt, NumPr, Writer, link_target, run_with};
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
        let fmt = self.fmt(p, code);
        let link_style = self.styles.id(Role::Hyperlink).to_string();
        if let Some(link) = p.link.as_mut() {
            link.styled
                .push_str(&run_with(text, Fmt { link: true, ..fmt }, &link_style));
            link.plain.push_str(&run_with(text, fmt, &link_style));
            return;
        }
        let runs = run_with(text, fmt, &link_style);
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
            Event::Html(t) | Event::InlineHtml(t) => {
                if p.table.is_none() && p.para.is_none() && p.lists.is_empty() {
                    // A raw HTML block: its text, in a paragraph.
                    let text = t.trim_end_matches('\n').to_string();
                    self.text(p, &text, false);
                    self.close_para(p);
                } else {
                    self.text(p, &t, false);
                }
            }
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
            _ => {}
        }
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
