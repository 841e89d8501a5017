//! Word paragraphs, lists and tables as the Markdown a report's fields
//! hold: bold, italic, links, bullet and numbered lists (Word's numbering
//! resolved, or typed bullets), GFM tables; paragraph numbers dropped.

use super::document::{Block, Inline, Para};
use super::numbering::Numbering;
use super::styles::Styles;

/// Where a picture went: its relationship id, the file written and its
/// alt text.
#[derive(Debug, Clone)]
pub struct Picture {
    pub rid: String,
    pub file: String,
    pub alt: String,
}

pub struct Converter<'a> {
    pub styles: &'a Styles,
    pub numbering: Numbering,
    /// The stem image files are named after ("report" → report-image1.png).
    pub stem: String,
    pub pictures: Vec<Picture>,
    /// Relationship id → the picture's part name, for the extension.
    pub media: std::collections::HashMap<String, String>,
    /// The names (lower case) of the council's numbered-paragraph styles
    /// (`docx_styles: numbered_paragraph`): their numbers are paragraph
    /// numbers, whatever the list level prints ("1.", "1.1").
    pub paragraph_styles: Vec<String>,
}

/// What a paragraph is in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Bullet(u8),
    Ordered(u8, u32),
}

/// Control characters YAML does not allow, tabs and carriage returns:
/// spaces or nothing.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            '\u{a0}' => Some(' '),
            c if c.is_control() => None,
            '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' | '\u{2028}' | '\u{2029}' => None,
            c => Some(c),
        })
        .collect()
}

/// Escapes what Markdown would read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        if "\\`*_[]<>|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a line start Markdown would read as a heading, quote or list.
fn escape_start(line: &str) -> String {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let list_number = digits > 0 && t[digits..].starts_with(['.', ')']);
    if t.starts_with(['#', '-', '+', '=']) || list_number {
        if list_number {
            return format!("{}\\{}", &t[..digits], &t[digits..]);
        }
        return format!("\\{t}");
    }
    t.to_string()
}

/// A typed section or paragraph number in front of text ("1.1 ", "2.0 ",
/// "3. ", "3) ", "(a) "), as its length. A bare number is one only before
/// a capitalised word that is not a month: "1 October 2024" keeps its day
/// and "3 defects" its count.
pub fn typed_number(text: &str) -> Option<usize> {
    number_before_text(text, false)
}

/// A heading's typed number: as [`typed_number`], and also a bare one or
/// two digits ("1 Introduction"), as headings are often numbered.
pub fn heading_number(text: &str) -> Option<usize> {
    number_before_text(text, true)
}

fn number_before_text(text: &str, bare: bool) -> Option<usize> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let bytes = t.as_bytes();
    let mut i;
    if bytes.first() == Some(&b'(') {
        let close = t.find(')')?;
        if !(2..=5).contains(&close) {
            return None;
        }
        let inner = &t[1..close];
        if !inner.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        i = close + 1;
    } else {
        let digits = t
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .count();
        if digits == 0 || !t.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        i = digits;
        if t[i..].starts_with(')') {
            i += 1;
        }
        let token = &t[..i];
        let marked = token.contains('.') || token.ends_with(')');
        let bare_number = token.len() <= 2 && (bare || numbers_a_sentence(&t[i..]));
        if !(marked || bare_number) {
            return None;
        }
    }
    let rest = &t[i..];
    if !rest.starts_with([' ', '\t', '\u{a0}']) {
        return None;
    }
    let spaces = rest.len() - rest.trim_start().len();
    Some(lead + i + spaces)
}

/// Whether the words after a bare number ("1 The council ...") open a
/// sentence that it numbers, rather than continue a date ("12 September
/// 2024") or a count ("3 defects").
fn numbers_a_sentence(rest: &str) -> bool {
    let word = rest
        .trim_start()
        .split([' ', ',', '.'])
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    // "Sept", "Mar", "May": a month; "Mayor", "Marketing": not.
    let month = super::values::month_of(&lower).is_some();
    word.starts_with(|c: char| c.is_uppercase()) && !month
}

fn inlines_md(inlines: &[Inline], conv: &mut Converter, out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text, bold, italic } => {
                let t = escape(text);
                let core = t.trim();
                if core.is_empty() || !(*bold || *italic) {
                    out.push_str(&t);
                    continue;
                }
                let lead = &t[..t.len() - t.trim_start().len()];
                let trail = &t[t.trim_end().len()..];
                let mark = match (bold, italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    _ => "*",
                };
                out.push_str(lead);
                out.push_str(mark);
                out.push_str(core);
                out.push_str(mark);
                out.push_str(trail);
            }
            Inline::Link { url, text } => {
                let mut label = String::new();
                inlines_md(text, conv, &mut label);
                let label = label.trim();
                let url = clean(url);
                if label.is_empty() {
                    out.push_str(&format!("<{}>", url.replace(['<', '>', ' '], "")));
                } else if url.contains([' ', '(', ')', '<', '>']) {
                    out.push_str(&format!("[{label}](<{}>)", url.replace(['<', '>'], "")));
                } else {
                    out.push_str(&format!("[{label}]({url})"));
                }
            }
            Inline::Break => out.push_str("\\\n"),
            Inline::Image(img) => {
                let file = conv.picture(&img.rid, &img.alt);
                let alt = if img.alt.is_empty() {
                    "TODO describe the image".to_string()
                } else {
                    escape(&img.alt).replace('\n', " ")
                };
                out.push_str(&format!("![{alt}]({file})"));
            }
        }
    }
}

impl Converter<'_> {
    fn picture(&mut self, rid: &str, alt: &str) -> String {
        if let Some(p) = self.pictures.iter().find(|p| p.rid == rid) {
            return p.file.clone();
        }
        let ext = self
            .media
            .get(rid)
            .and_then(|m| m.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase())
            .filter(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()))
            .unwrap_or_else(|| "bin".into());
        let file = format!("{}-image{}.{ext}", self.stem, self.pictures.len() + 1);
        self.pictures.push(Picture {
            rid: rid.to_string(),
            file: file.clone(),
            alt: alt.to_string(),
        });
        file
    }

    /// The paragraph's Markdown text on one line (breaks kept as hard
    /// breaks), without list or paragraph numbers.
    pub fn line(&mut self, p: &Para) -> String {
        let mut s = String::new();
        inlines_md(&p.inlines, self, &mut s);
        let s = s.trim().to_string();
        match typed_number(&s) {
            Some(n) if n < s.len() => s[n..].to_string(),
            _ => s,
        }
    }

    /// The paragraph's text as plain text (no Markdown), trimmed, with
    /// a typed number dropped.
    pub fn plain(&self, p: &Para) -> String {
        let s = clean(&p.text()).replace('\n', " ");
        let s = s.trim();
        match typed_number(s) {
            Some(n) if n < s.len() => s[n..].trim().to_string(),
            _ => s.to_string(),
        }
    }

    /// What the paragraph is in a list, by its numbering (direct or
    /// through its style), its list style, or a typed bullet; paragraph
    /// numbering ("1.1") is no list.
    pub fn item(&mut self, p: &Para) -> Option<Item> {
        let num = p
            .num
            .clone()
            .or_else(|| self.styles.numbering(p.style.as_deref()));
        if let Some((id, lvl)) = num {
            if let Some(level) = self.numbering.level(&id, lvl) {
                let n = self.numbering.next(&id, lvl).unwrap_or(1);
                if level.is_outline()
                    || self.styles.heading_level(p.style.as_deref()).is_some()
                    || self.is_paragraph_style(p)
                {
                    return None;
                }
                return Some(if level.is_bullet() {
                    Item::Bullet(lvl)
                } else {
                    Item::Ordered(lvl, n)
                });
            }
            return None;
        }
        match self.styles.list_kind(p.style.as_deref()) {
            Some(false) => return Some(Item::Bullet(0)),
            Some(true) => return Some(Item::Ordered(0, 0)),
            None => {}
        }
        let t = p.text();
        let t = t.trim_start();
        t.starts_with(['•', '·', '▪', '◦', '–'])
            .then_some(Item::Bullet(0))
    }

    /// Whether the paragraph is in one of the council's numbered-paragraph
    /// styles (by the style's own name, not the ones it is based on).
    fn is_paragraph_style(&self, p: &Para) -> bool {
        self.styles
            .name(p.style.as_deref())
            .is_some_and(|n| self.paragraph_styles.contains(&n.to_lowercase()))
    }

    /// Blocks as Markdown: paragraphs apart, list items together; a list's
    /// levels counted from its first item's (sub-items (a), (i) under a
    /// numbered paragraph are a list of their own).
    pub fn blocks(&mut self, blocks: &[Block]) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut in_list = false;
        let mut counters = [0u32; 9];
        let mut base = 0u8;
        for b in blocks {
            match b {
                Block::Para(p) => {
                    let item = self.item(p);
                    let mut text = self.line(p);
                    if matches!(item, Some(Item::Bullet(_))) {
                        text = text
                            .trim_start_matches(['•', '·', '▪', '◦', '–'])
                            .trim_start()
                            .to_string();
                    }
                    if text.is_empty() {
                        continue;
                    }
                    match item {
                        Some(it) => {
                            let (Item::Bullet(l) | Item::Ordered(l, _)) = it;
                            if !in_list || l < base {
                                base = l;
                            }
                            let it = match it {
                                Item::Bullet(l) => Item::Bullet(l - base),
                                Item::Ordered(l, n) => Item::Ordered(l - base, n),
                            };
                            let (lvl, marker) = match it {
                                Item::Bullet(l) => (l, "-".to_string()),
                                Item::Ordered(l, n) => {
                                    let i = usize::from(l.min(8));
                                    counters[i] = if n > 0 { n } else { counters[i] + 1 };
                                    (l, format!("{}.", counters[i]))
                                }
                            };
                            let indent = "   ".repeat(usize::from(lvl.min(4)));
                            let body = text.replace('\n', &format!("\n{indent}   "));
                            let line = format!("{indent}{marker} {body}");
                            match (in_list, out.last_mut()) {
                                (true, Some(last)) => {
                                    last.push('\n');
                                    last.push_str(&line);
                                }
                                _ => out.push(line),
                            }
                            in_list = true;
                        }
                        None => {
                            counters = [0; 9];
                            in_list = false;
                            out.push(escape_start(&text));
                        }
                    }
                }
                Block::Table(rows) => {
                    in_list = false;
                    if let Some(t) = self.table(rows) {
                        out.push(t);
                    }
                }
            }
        }
        out.join("\n\n")
    }

    /// A GFM table: the first row is the header. A header row bold in
    /// every cell is bold by the paper (as header rows are printed), not
    /// by the author: its marks are dropped.
    fn table(&mut self, rows: &[Vec<Vec<Para>>]) -> Option<String> {
        let width = rows.iter().map(Vec::len).max()?;
        if width == 0 {
            return None;
        }
        let mut lines = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            // A header row shows bold in every table: bold the template or
            // LibreOffice wrote on its runs is not carried into the text.
            let header = i == 0 && row.iter().flatten().all(|p| p.all_bold().unwrap_or(true));
            let mut cells = Vec::new();
            for c in 0..width {
                let text = row
                    .get(c)
                    .map(|paras| {
                        paras
                            .iter()
                            .map(|p| if header { unbold(p) } else { p.clone() })
                            .map(|p| self.line(&p).replace("\\\n", " ").replace('\n', " "))
                            .filter(|t| !t.is_empty())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                cells.push(text);
            }
            lines.push(format!("| {} |", cells.join(" | ")));
            if i == 0 {
                lines.push(format!("|{}", " --- |".repeat(width)));
            }
        }
        Some(lines.join("\n"))
    }
}

/// The paragraph with its runs' bold taken off.
fn unbold(p: &Para) -> Para {
    fn inlines(list: &[Inline]) -> Vec<Inline> {
        list.iter()
            .map(|i| match i {
                Inline::Text { text, italic, .. } => Inline::Text {
                    text: text.clone(),
                    bold: false,
                    italic: *italic,
                },
                Inline::Link { url, text } => Inline::Link {
                    url: url.clone(),
                    text: inlines(text),
                },
                other => other.clone(),
            })
            .collect()
    }
    Para {
        inlines: inlines(&p.inlines),
        ..p.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers() {
        assert_eq!(typed_number("1.1 The text"), Some(4));
        assert_eq!(typed_number("2. Key issues"), Some(3));
        assert_eq!(typed_number("(a) item"), Some(4));
        assert_eq!(typed_number("2022 was a year"), None);
        assert_eq!(typed_number("£32.5m"), None);
        assert_eq!(typed_number("1.1The"), None);
        assert_eq!(typed_number("3) item"), Some(3));
        // A date's day is no paragraph number; a heading's bare number is.
        assert_eq!(typed_number("1 October 2024, following"), None);
        assert_eq!(heading_number("1 Introduction"), Some(2));
        assert_eq!(heading_number("2.1 Key issues"), Some(4));
        assert_eq!(typed_number("12 September 2024"), None, "a date's day");
        assert_eq!(typed_number("2 Sept 2024"), None);
        assert_eq!(typed_number("3 defects were found"), None);
        assert_eq!(typed_number("3 The council"), Some(2));
        assert_eq!(typed_number("4 Mayor's report"), Some(2));
    }

    fn cell(text: &str, bold: bool) -> Vec<Para> {
        vec![Para {
            inlines: vec![Inline::Text {
                text: text.into(),
                bold,
                italic: false,
            }],
            ..Para::default()
        }]
    }

    #[test]
    fn a_header_row_bold_by_the_paper_is_plain() {
        let styles = Styles::default();
        let mut conv = Converter {
            styles: &styles,
            numbering: Numbering::default(),
            stem: "r".into(),
            pictures: Vec::new(),
            media: Default::default(),
            paragraph_styles: Vec::new(),
        };
        let rows = vec![
            vec![cell("Cost", true), cell("2022/23", true)],
            vec![cell("Fuel", true), cell("£1", false)],
        ];
        let md = conv.blocks(&[Block::Table(rows)]);
        assert_eq!(md, "| Cost | 2022/23 |\n| --- | --- |\n| **Fuel** | £1 |");
        // A header the author made bold in one cell only keeps its mark.
        let rows = vec![vec![cell("Cost", true), cell("Year", false)]];
        assert!(conv.blocks(&[Block::Table(rows)]).contains("**Cost**"));
    }
}
