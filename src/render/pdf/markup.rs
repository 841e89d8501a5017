//! Markdown → Typst markup, for the prose fields of a report.
//!
//! Everything an author typed ends up as text: a `#set`, `*`, `$` or `//`
//! in Markdown prose can never become Typst code, and raw HTML is shown as
//! the text the author wrote. Markdown structure (emphasis, links, lists,
//! tables ...) becomes Typst function calls rather than Typst markup
//! shorthands, so it does not depend on where a line starts or on what
//! surrounds it. Each converted field is served to Typst as a file of its
//! own (see [`super::prose`]).

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};

use super::escape::{is_newline, printable, push_escaped, string_literal};
use crate::prose::markdown_options;

/// Converts Markdown (CommonMark with the tool's extensions) to Typst markup.
///
/// Paragraphs are separated by blank lines; inline structure becomes
/// function calls (`#emph[..]`, `#strong[..]`, `#link("..")[..]`,
/// `#raw("..")`); lists, tables, quotes, code blocks and headings become
/// block-level calls (`#enum(..)`, `#list(..)`, `#table(..)` ...). Raw HTML
/// is kept as visible text and images are replaced by their alt text.
/// Headings inside a fragment start at level 3 and nest one level at a time
/// (`#` then `###` is 3 then 4), and are left out of the outline: the
/// report's own headings give the structure.
pub fn markdown_to_typst(md: &str) -> String {
    let mut w = Writer::default();
    for event in Parser::new_ext(md, markdown_options()) {
        w.event(event);
    }
    w.finish()
}

#[derive(Debug)]
enum Container {
    Root,
    Emphasis,
    Strong,
    Strikethrough,
    Superscript,
    Subscript,
    /// `url` is `None` when the link is not one the PDF should follow.
    Link {
        url: Option<String>,
    },
    Heading {
        level: u8,
    },
    BlockQuote,
    /// A quote, list or item nested past [`MAX_NESTING`]: its content
    /// joins its parent's as plain blocks.
    Flat,
    CodeBlock {
        lang: Option<String>,
    },
    List {
        start: Option<u64>,
        items: Vec<String>,
        loose: bool,
    },
    Item,
    Table {
        alignments: Vec<Alignment>,
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        in_head: bool,
    },
    Cell,
}

/// How deep quotes and lists nest in the PDF; deeper ones keep their
/// text, without the indentation.
const MAX_NESTING: usize = 16;

#[derive(Debug)]
struct Frame {
    kind: Container,
    buf: String,
    /// The buffer ends with a function call that a `.`, `(` or `[` would
    /// continue.
    after_call: bool,
}

impl Frame {
    fn new(kind: Container) -> Self {
        Frame {
            kind,
            buf: String::new(),
            after_call: false,
        }
    }

    /// Whether the next character written would start a line (or a content
    /// block) for Typst's parser.
    fn at_line_start(&self) -> bool {
        let t = self.buf.trim_end_matches([' ', '\t']);
        t.is_empty() || t.ends_with(is_newline) || t.ends_with('[')
    }

    fn push_code(&mut self, code: &str) {
        self.buf.push_str(code);
        self.after_call = false;
    }

    /// Appends an inline call; a following `.`, `(` or `[` gets escaped.
    fn push_call(&mut self, call: &str) {
        self.buf.push_str(call);
        self.after_call = true;
    }

    /// Starts a block on a line of its own.
    fn start_block(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
        self.after_call = false;
    }

    /// Appends a block-level call on its own line.
    fn push_block(&mut self, call: &str) {
        self.start_block();
        self.buf.push_str(call);
        self.buf.push('\n');
    }
}

struct Writer {
    frames: Vec<Frame>,
    /// Open headings as (Markdown level, Typst level), to nest without
    /// skipping levels.
    headings: Vec<(u8, u8)>,
    /// Text waiting to be escaped: adjacent text events are escaped
    /// together, so that markers split over two events are still seen.
    text: String,
}

impl Default for Writer {
    fn default() -> Self {
        Writer {
            frames: vec![Frame::new(Container::Root)],
            headings: Vec::new(),
            text: String::new(),
        }
    }
}

impl Writer {
    fn top(&mut self) -> &mut Frame {
        self.frames
            .last_mut()
            .expect("the root frame is never popped")
    }

    fn flush(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text);
        let frame = self.top();
        let line_start = frame.at_line_start();
        let after_call = frame.after_call;
        push_escaped(&mut frame.buf, &text, line_start, after_call);
        frame.after_call = false;
    }

    fn push(&mut self, kind: Container) {
        self.flush();
        self.frames.push(Frame::new(kind));
    }

    /// Closes the innermost frame and returns it with its content trimmed.
    fn pop(&mut self) -> Frame {
        self.flush();
        let mut frame = if self.frames.len() > 1 {
            self.frames.pop().expect("checked")
        } else {
            // Unbalanced events cannot come from pulldown-cmark; be lenient.
            Frame::new(Container::Root)
        };
        let trimmed = frame.buf.trim().to_string();
        frame.buf = trimmed;
        frame
    }

    fn in_code_block(&self) -> bool {
        matches!(
            self.frames.last().map(|f| &f.kind),
            Some(Container::CodeBlock { .. })
        )
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.in_code_block() => self.top().buf.push_str(&printable(&t)),
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                self.text.push_str(&printable(&t))
            }
            Event::InlineMath(t) => {
                self.text.push('$');
                self.text.push_str(&t);
                self.text.push('$');
            }
            Event::DisplayMath(t) => {
                self.text.push_str("$$");
                self.text.push_str(&t);
                self.text.push_str("$$");
            }
            Event::FootnoteReference(t) => {
                self.text.push_str("[^");
                self.text.push_str(&t);
                self.text.push(']');
            }
            Event::TaskListMarker(done) => self.text.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Code(code) => {
                self.flush();
                let call = format!("#raw({})", string_literal(&code));
                self.top().push_call(&call);
            }
            Event::SoftBreak => self.text.push(' '),
            Event::HardBreak => {
                self.flush();
                self.top().push_code(" \\\n");
            }
            Event::Rule => {
                self.flush();
                self.top()
                    .push_block("#line(length: 100%, stroke: 0.5pt + luma(150))");
            }
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                self.top().start_block();
            }
            Tag::Heading { level, .. } => {
                let level = self.heading_level(level as u8);
                self.push(Container::Heading { level });
            }
            Tag::BlockQuote(_) | Tag::List(_) if self.too_deep() => self.push(Container::Flat),
            // An item of a flattened list is flat too.
            Tag::Item if matches!(self.frames.last().map(|f| &f.kind), Some(Container::Flat)) => {
                self.push(Container::Flat)
            }
            Tag::BlockQuote(_) => self.push(Container::BlockQuote),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .map(str::to_string)
                        .filter(|l| !l.is_empty()),
                    CodeBlockKind::Indented => None,
                };
                self.push(Container::CodeBlock { lang });
            }
            Tag::List(start) => self.push(Container::List {
                start,
                items: Vec::new(),
                loose: false,
            }),
            Tag::Item => self.push(Container::Item),
            Tag::Table(alignments) => self.push(Container::Table {
                alignments,
                head: Vec::new(),
                rows: Vec::new(),
                in_head: false,
            }),
            Tag::TableHead => {
                self.flush();
                if let Container::Table { in_head, .. } = &mut self.top().kind {
                    *in_head = true;
                }
            }
            Tag::TableRow => {
                self.flush();
                if let Container::Table { rows, .. } = &mut self.top().kind {
                    rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.push(Container::Cell),
            Tag::Emphasis => self.push(Container::Emphasis),
            Tag::Strong => self.push(Container::Strong),
            Tag::Strikethrough => self.push(Container::Strikethrough),
            Tag::Superscript => self.push(Container::Superscript),
            Tag::Subscript => self.push(Container::Subscript),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let url = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                self.push(Container::Link {
                    url: followable(&url).then_some(url),
                });
            }
            // Images: their alt text (the events inside) stands in for them;
            // the PDF never fetches anything.
            Tag::Image { .. } => {}
            Tag::HtmlBlock => {
                self.flush();
                self.top().start_block();
            }
            // Not enabled in `markdown_options`; keep their text.
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {
                self.flush();
                self.top().start_block();
            }
        }
    }

    /// Whether a quote or list opened now would nest past [`MAX_NESTING`]
    /// (Typst refuses deep nesting: "maximum show rule depth exceeded").
    fn too_deep(&self) -> bool {
        let nested = self
            .frames
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    Container::BlockQuote | Container::List { .. } | Container::Flat
                )
            })
            .count();
        nested >= MAX_NESTING
    }

    fn end(&mut self, tag: TagEnd) {
        if matches!(tag, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item)
            && matches!(self.frames.last().map(|f| &f.kind), Some(Container::Flat))
        {
            let frame = self.pop();
            self.top().push_block(&frame.buf);
            return;
        }
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => {
                self.flush();
                // A paragraph in a list item makes the list loose.
                let n = self.frames.len();
                if n >= 2
                    && matches!(self.frames[n - 1].kind, Container::Item)
                    && let Container::List { loose, .. } = &mut self.frames[n - 2].kind
                {
                    *loose = true;
                }
                let top = self.top();
                let t = top.buf.trim_end().len();
                top.buf.truncate(t);
                top.buf.push_str("\n\n");
                top.after_call = false;
            }
            TagEnd::Heading(_) => {
                let frame = self.pop();
                if let Container::Heading { level } = frame.kind {
                    self.top().push_block(&format!(
                        "#heading(level: {level}, outlined: false)[{}]",
                        frame.buf
                    ));
                }
            }
            TagEnd::BlockQuote(_) => {
                let frame = self.pop();
                self.top()
                    .push_block(&format!("#quote(block: true)[{}]", frame.buf));
            }
            TagEnd::CodeBlock => {
                // Code keeps its own whitespace: take it untrimmed.
                let frame = match self.frames.pop() {
                    Some(f) if self.frames.is_empty() => {
                        self.frames.push(f);
                        return;
                    }
                    Some(f) => f,
                    None => return,
                };
                if let Container::CodeBlock { lang } = frame.kind {
                    let code = frame.buf.strip_suffix('\n').unwrap_or(&frame.buf);
                    let lang = lang
                        .map(|l| format!("lang: {}, ", string_literal(&l)))
                        .unwrap_or_default();
                    self.top().push_block(&format!(
                        "#raw(block: true, {lang}{})",
                        string_literal(code)
                    ));
                }
            }
            TagEnd::List(_) => {
                let frame = self.pop();
                if let Container::List {
                    start,
                    items,
                    loose,
                } = frame.kind
                {
                    let mut args = Vec::new();
                    if let Some(n) = start.filter(|&n| n != 1) {
                        args.push(format!("start: {n},"));
                    }
                    if loose {
                        args.push("tight: false,".to_string());
                    }
                    let name = if start.is_some() { "enum" } else { "list" };
                    let mut call = format!("#{name}({}\n", args.join(" "));
                    for item in items {
                        call.push_str("  [");
                        call.push_str(&item);
                        call.push_str("],\n");
                    }
                    call.push(')');
                    self.top().push_block(&call);
                }
            }
            TagEnd::Item => {
                let frame = self.pop();
                if let Container::List { items, .. } = &mut self.top().kind {
                    items.push(frame.buf);
                }
            }
            TagEnd::Table => {
                let frame = self.pop();
                if let Container::Table {
                    alignments,
                    head,
                    rows,
                    ..
                } = frame.kind
                {
                    let call = table_call(&alignments, &head, &rows);
                    self.top().push_block(&call);
                }
            }
            TagEnd::TableHead => {
                self.flush();
                if let Container::Table { in_head, .. } = &mut self.top().kind {
                    *in_head = false;
                }
            }
            TagEnd::TableRow => self.flush(),
            TagEnd::TableCell => {
                let frame = self.pop();
                if let Container::Table {
                    head,
                    rows,
                    in_head,
                    ..
                } = &mut self.top().kind
                {
                    if *in_head {
                        head.push(frame.buf);
                    } else {
                        match rows.last_mut() {
                            Some(row) => row.push(frame.buf),
                            None => rows.push(vec![frame.buf]),
                        }
                    }
                }
            }
            TagEnd::Emphasis => self.wrap("emph"),
            TagEnd::Strong => self.wrap("strong"),
            TagEnd::Strikethrough => self.wrap("strike"),
            TagEnd::Superscript => self.wrap("super"),
            TagEnd::Subscript => self.wrap("sub"),
            TagEnd::Link => {
                let frame = self.pop();
                let Container::Link { url } = frame.kind else {
                    return;
                };
                let call = match url {
                    Some(url) if frame.buf.is_empty() => format!("#link({})", string_literal(&url)),
                    Some(url) => format!("#link({})[{}]", string_literal(&url), frame.buf),
                    // Not followable: keep the text, drop the link.
                    None => format!("#[{}]", frame.buf),
                };
                self.top().push_call(&call);
            }
            TagEnd::Image => {}
            TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {
                self.flush();
                self.top().buf.push_str("\n\n");
            }
        }
    }

    /// The Typst level of a heading in a fragment: the first is level 3
    /// (the fragment sits under the report's level-2 headings), and each
    /// deeper one goes one level further, so PDF/UA never sees a skip.
    fn heading_level(&mut self, md_level: u8) -> u8 {
        while self.headings.last().is_some_and(|&(md, _)| md >= md_level) {
            self.headings.pop();
        }
        let level = self.headings.last().map_or(3, |&(_, out)| (out + 1).min(6));
        self.headings.push((md_level, level));
        level
    }

    /// Closes an inline frame as `#name[content]`.
    fn wrap(&mut self, name: &str) {
        let frame = self.pop();
        let call = format!("#{name}[{}]", frame.buf);
        self.top().push_call(&call);
    }

    fn finish(mut self) -> String {
        self.flush();
        // Close anything left open (cannot happen with pulldown-cmark).
        while self.frames.len() > 1 {
            let frame = self.pop();
            self.top().buf.push_str(&frame.buf);
        }
        self.frames
            .pop()
            .map(|f| f.buf)
            .unwrap_or_default()
            .trim()
            .to_string()
    }
}

/// Links the PDF may follow: the same schemes the HTML keeps.
fn followable(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

fn table_call(alignments: &[Alignment], head: &[String], rows: &[Vec<String>]) -> String {
    let columns = alignments
        .len()
        .max(head.len())
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let align = (0..columns)
        .map(|i| match alignments.get(i) {
            Some(Alignment::Center) => "center",
            Some(Alignment::Right) => "right",
            _ => "left",
        })
        .collect::<Vec<_>>()
        .join(", ");
    let cells = |cells: &[String]| {
        (0..columns)
            .map(|i| format!("[{}]", cells.get(i).map(String::as_str).unwrap_or("")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut call = format!("#table(\n  columns: {columns},\n  align: ({align},),\n");
    if !head.is_empty() {
        call.push_str(&format!("  table.header({}),\n", cells(head)));
    }
    for row in rows {
        call.push_str(&format!("  {},\n", cells(row)));
    }
    call.push(')');
    call
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_inline_markup() {
        let out = markdown_to_typst("One *two* **three** ~~four~~ `five()`.\n\nSix\nseven.");
        assert_eq!(
            out,
            "One #emph[two] #strong[three] #strike[four] #raw(\"five()\")\\.\n\nSix seven."
        );
    }

    #[test]
    fn text_after_a_call_cannot_continue_it() {
        assert_eq!(markdown_to_typst("*a*(b)"), "#emph[a]\\(b)");
        assert_eq!(markdown_to_typst("**a**.b"), "#strong[a]\\.b");
        assert_eq!(markdown_to_typst("*a*[b]"), "#emph[a]\\[b\\]");
    }

    #[test]
    fn a_reference_to_no_character_prints_as_a_question_mark() {
        assert_eq!(markdown_to_typst("a &#0; b &#xD800;"), "a ? b ?");
    }

    /// Found by libFuzzer (markdown_typst): a NUL in raw HTML reached the
    /// PDF, which PDF/A forbids.
    #[test]
    fn code_points_a_pdf_cannot_hold_never_reach_it() {
        assert_eq!(markdown_to_typst("<b>\0</b> x\u{FEFF}y"), "\\<b>?\\</b> xy");
        assert_eq!(markdown_to_typst("`a\0b`"), "#raw(\"a?b\")");
    }

    /// Found by libFuzzer (report_render): 138 nested quotes exceeded
    /// Typst's show rule depth, and 100 nested lists its parsing depth.
    #[test]
    fn deep_nesting_is_flattened_past_a_limit() {
        let quotes = markdown_to_typst(&format!("{} deep", ">".repeat(138)));
        assert_eq!(quotes.matches("#quote(").count(), MAX_NESTING, "{quotes}");
        assert!(quotes.contains("deep"));
        let lists: String = (0..100)
            .map(|k| format!("{}- x{k}\n", "  ".repeat(k)))
            .collect();
        let out = markdown_to_typst(&lists);
        assert!(out.contains("x99"), "{out}");
        assert!(out.matches("#list(").count() <= MAX_NESTING, "{out}");
    }

    #[test]
    fn intraword_emphasis() {
        assert_eq!(markdown_to_typst("foo**bar**baz"), "foo#strong[bar]baz");
    }

    #[test]
    fn links_are_live() {
        assert_eq!(
            markdown_to_typst("See [the plan](https://example.org/a?b=1&c=\"d\")."),
            "See #link(\"https://example.org/a?b=1&c=\\\"d\\\"\")[the plan]\\."
        );
        assert_eq!(
            markdown_to_typst("<jo@example.org>"),
            "#link(\"mailto:jo@example.org\")[jo\\@example.org]"
        );
        assert_eq!(
            markdown_to_typst("<https://example.org>"),
            "#link(\"https://example.org\")[https:\\//example.org]"
        );
        assert_eq!(
            markdown_to_typst("[x](mailto:a@b.c)"),
            "#link(\"mailto:a@b.c\")[x]"
        );
    }

    #[test]
    fn unsafe_or_relative_links_keep_only_their_text() {
        assert_eq!(markdown_to_typst("[x](javascript:alert(1))"), "#[x]");
        assert_eq!(markdown_to_typst("[x](#section-2)"), "#[x]");
    }

    #[test]
    fn lists_keep_their_start_and_nesting() {
        let out = markdown_to_typst("3. three\n4. four\n   - nested\n   - more\n");
        assert_eq!(
            out,
            "#enum(start: 3,\n  [three],\n  [four\n#list(\n  [nested],\n  [more],\n)],\n)"
        );
        assert_eq!(markdown_to_typst("1. a\n2. b"), "#enum(\n  [a],\n  [b],\n)");
    }

    #[test]
    fn loose_lists_are_not_tight() {
        let out = markdown_to_typst("- a\n\n  more a\n\n- b\n");
        assert_eq!(out, "#list(tight: false,\n  [a\n\nmore a],\n  [b],\n)");
    }

    #[test]
    fn list_items_starting_with_markers_are_escaped() {
        assert_eq!(markdown_to_typst("- \\- x"), "#list(\n  [\\- x],\n)");
        assert_eq!(markdown_to_typst("- 1\\. x"), "#list(\n  [1\\. x],\n)");
    }

    #[test]
    fn a_paragraph_starting_like_a_marker_is_escaped() {
        // Split over two text events by the Markdown escape.
        assert_eq!(markdown_to_typst("2022\\. A year"), "2022\\. A year");
        assert_eq!(markdown_to_typst("\\= x"), "\\= x");
    }

    #[test]
    fn tables_have_header_cells() {
        let out = markdown_to_typst("| a | b *c* |\n|:-:|--:|\n| 1 | 2 |\n| 3 |\n");
        assert_eq!(
            out,
            "#table(\n  columns: 2,\n  align: (center, right,),\n  table.header([a], [b #emph[c]]),\n  [1], [2],\n  [3], [],\n)"
        );
    }

    #[test]
    fn headings_quotes_code_and_rules() {
        let out =
            markdown_to_typst("## Sub *x*\n\n> quoted\n\n```rust\nlet a = \"b\";\n```\n\n---\n");
        assert_eq!(
            out,
            "#heading(level: 3, outlined: false)[Sub #emph[x]]\n#quote(block: true)[quoted]\n#raw(block: true, lang: \"rust\", \"let a = \\\"b\\\";\")\n#line(length: 100%, stroke: 0.5pt + luma(150))"
        );
    }

    #[test]
    fn fragment_headings_start_at_3_and_never_skip() {
        let levels = |md: &str| -> Vec<String> {
            markdown_to_typst(md)
                .lines()
                .filter_map(|l| l.strip_prefix("#heading(level: "))
                .map(|l| l[..1].to_string())
                .collect()
        };
        assert_eq!(
            levels("#### a\n\n## b\n\n###### c\n\n# d"),
            ["3", "3", "4", "3"]
        );
        assert_eq!(
            levels("## a\n\n### b\n\n#### c\n\n### d"),
            ["3", "4", "5", "4"]
        );
    }

    #[test]
    fn breaks() {
        assert_eq!(markdown_to_typst("a  \nb"), "a \\\nb");
        assert_eq!(markdown_to_typst("a  \n= b"), "a \\\n\\= b");
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(
            markdown_to_typst("a <b>bold</b> <script>x</script>"),
            "a \\<b>bold\\</b> \\<script>x\\</script>"
        );
        assert_eq!(
            markdown_to_typst("<div>\n#set page(width: 1cm)\n</div>\n\nNext"),
            "\\<div>\n\\#set page(width: 1cm)\n\\</div>\n\nNext"
        );
    }

    #[test]
    fn images_become_their_alt_text() {
        assert_eq!(
            markdown_to_typst("![A chart of *costs*](https://x.org/c.png)"),
            "A chart of #emph[costs]"
        );
    }

    #[test]
    fn typst_code_in_markdown_is_text() {
        assert_eq!(
            markdown_to_typst("#set text(size: 40pt) #{ panic() } $x$"),
            "\\#set text(size: 40pt) \\#{ panic() } \\$x\\$"
        );
    }
}
