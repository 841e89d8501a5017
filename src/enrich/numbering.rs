//! Body numbering, the house rule of committee papers: each `##` heading
//! opens section N; each top-level paragraph in it is N.1, N.2 ...; a list,
//! table or other block that follows a paragraph belongs to that paragraph.
//! A heading marked `{.unnumbered}` opens a section without a number whose
//! paragraphs are not numbered either.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use crate::model::style::{Numbering, Paragraphs};
use crate::prose::{OpenLinks, apply_edits, markdown_options};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// `Some(2)` for the second numbered section.
    pub number: Option<u32>,
    /// The number as printed before the heading: "2." or "2.0" (the
    /// house style's `numbering.headings`), none where headings are not
    /// numbered.
    pub label: Option<String>,
    /// `None` for text before the first heading.
    pub title: Option<String>,
    /// A stable id for links and bookmarks: `section-2`, or from the title.
    pub anchor: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// "2.4" for a numbered paragraph.
    pub number: Option<String>,
    /// A sub-heading (`###` and below) inside a section: its level (3, or 4
    /// under a 3) and text.
    pub heading: Option<SubHeading>,
    /// The Markdown of the paragraph and the blocks that belong to it.
    pub markdown: String,
    /// A top-level paragraph: numbered where its section's numbering
    /// numbers paragraphs.
    #[serde(skip)]
    pub paragraph: bool,
    /// A `{{ progress }}` marker: the index of the cited tracker it places.
    pub progress: Option<usize>,
    /// A unique id for a placed tracker: `progress-1`, and `progress-1-2`
    /// where the same tracker is placed a second time.
    pub anchor: Option<String>,
    /// The line of the body, from 0, on which the item starts (as the
    /// author wrote it, before reference links were made inline): where an
    /// error in it is reported. Not part of the context.
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubHeading {
    pub level: u8,
    pub text: String,
}

enum Block {
    Heading {
        level: HeadingLevel,
        text: String,
        unnumbered: bool,
        start: usize,
    },
    Paragraph(std::ops::Range<usize>),
    Other(std::ops::Range<usize>),
}

/// Splits Markdown into top-level blocks with their source ranges.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut heading: Option<(HeadingLevel, String, bool, usize)> = None;
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    match &tag {
                        Tag::Heading { level, classes, .. } => {
                            let unnumbered = classes.iter().any(|c| &**c == "unnumbered");
                            heading = Some((*level, String::new(), unnumbered, range.start));
                        }
                        Tag::Paragraph => out.push(Block::Paragraph(range.clone())),
                        _ => out.push(Block::Other(range.clone())),
                    }
                }
                depth += 1;
            }
            Event::End(end) => {
                depth -= 1;
                if depth == 0
                    && let TagEnd::Heading(_) = end
                    && let Some((level, text, unnumbered, start)) = heading.take()
                {
                    out.push(Block::Heading {
                        level,
                        text: text.trim().to_string(),
                        unnumbered,
                        start,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                if let Some((_, text, _, _)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak if heading.is_some() => {
                if let Some((_, text, _, _)) = heading.as_mut() {
                    text.push(' ');
                }
            }
            // Top-level leaves: raw HTML blocks and rules.
            Event::Html(_) | Event::Rule if depth == 0 => out.push(Block::Other(range)),
            _ => {}
        }
    }
    out
}

/// Hands out section and paragraph numbers in a house style's way, across
/// every numbered part of a report in order: a numbered summary takes
/// section 1, and the body's sections go on from 2.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Numberer {
    pub numbering: Numbering,
    /// Sections opened so far.
    pub sections: u32,
    /// Paragraphs numbered so far, for `flat`.
    pub paragraphs: u32,
}

impl Numberer {
    pub fn new(numbering: Numbering) -> Self {
        Numberer {
            numbering,
            ..Numberer::default()
        }
    }

    /// Opens the next section: its number and its printed label.
    pub fn open_section(&mut self) -> (u32, Option<String>) {
        self.sections += 1;
        let label = match self.numbering.paragraphs {
            // Flat numbering counts paragraphs only.
            Paragraphs::Flat => None,
            _ => self.numbering.headings.label(self.sections),
        };
        (self.sections, label)
    }

    /// The number of the `nth` (from 1) numbered paragraph of section `n`.
    pub fn paragraph(&mut self, section: u32, nth: usize) -> Option<String> {
        match self.numbering.paragraphs {
            Paragraphs::Decimal => Some(format!("{section}.{nth}")),
            Paragraphs::Flat => {
                self.paragraphs += 1;
                Some(self.paragraphs.to_string())
            }
            Paragraphs::None => None,
        }
    }
}

/// Numbers the body in the built-in style (decimal, "1."). Pure: the same
/// Markdown always gives the same numbers.
pub fn number_body(markdown: &str) -> Body {
    number_body_with(markdown, &mut Numberer::default(), false)
}

/// Numbers Markdown with `numberer`. `as_one_section` opens a numbered
/// section for the text before any heading (a numbered part such as a
/// summary); otherwise that text is unnumbered, as a body's introduction.
pub fn number_body_with(markdown: &str, numberer: &mut Numberer, as_one_section: bool) -> Body {
    // Paragraphs are sliced out of the body, away from the reference
    // definitions they use: make every reference link inline first.
    let (inlined, edits) = inline_references_mapped(markdown);
    // Each item's line is counted in the body as written.
    let mut lines = LineCounter::new(markdown);
    let mut line_of = |start: usize| lines.line_at(edits.original(start));
    let markdown = inlined.as_str();
    let first = as_one_section.then(|| numberer.open_section());
    let mut sections = vec![Section {
        number: first.as_ref().map(|(n, _)| *n),
        label: first.and_then(|(_, label)| label),
        title: None,
        anchor: "introduction".into(),
        items: Vec::new(),
    }];
    // The item that following lists and tables attach to, if any.
    let mut open_paragraph = false;

    for block in blocks(markdown) {
        let section = sections.last_mut().expect("always one section");
        match block {
            Block::Heading {
                level: HeadingLevel::H1 | HeadingLevel::H2,
                text,
                unnumbered,
                ..
            } => {
                let (number, label) = if unnumbered {
                    (None, None)
                } else {
                    let (n, label) = numberer.open_section();
                    (Some(n), label)
                };
                // Made unique below, once every numbered anchor is known.
                let anchor = match number {
                    Some(n) => format!("section-{n}"),
                    None => String::new(),
                };
                sections.push(Section {
                    number,
                    label,
                    title: Some(text),
                    anchor,
                    items: Vec::new(),
                });
                open_paragraph = false;
            }
            Block::Heading {
                level, text, start, ..
            } => {
                // Level 4 only under a level 3 of the same section, so that
                // no format's outline skips a level (`######` straight
                // after a `##` is a level 3).
                let under_three = section
                    .items
                    .iter()
                    .any(|i| i.heading.as_ref().is_some_and(|h| h.level == 3));
                let level = if level as u8 > 3 && under_three { 4 } else { 3 };
                section.items.push(Item {
                    number: None,
                    paragraph: false,
                    heading: Some(SubHeading { level, text }),
                    markdown: String::new(),
                    progress: None,
                    anchor: None,
                    line: line_of(start),
                });
                open_paragraph = false;
            }
            Block::Paragraph(range) if progress_marker(&markdown[range.clone()]).is_some() => {
                section.items.push(Item {
                    number: None,
                    paragraph: false,
                    heading: None,
                    markdown: String::new(),
                    progress: progress_marker(&markdown[range.clone()]),
                    anchor: None,
                    line: line_of(range.start),
                });
                open_paragraph = false;
            }
            Block::Paragraph(range) => {
                let nth = section.items.iter().filter(|i| i.paragraph).count() + 1;
                let number = section.number.and_then(|n| numberer.paragraph(n, nth));
                section.items.push(Item {
                    number,
                    paragraph: true,
                    heading: None,
                    markdown: markdown[range.clone()].trim_end().to_string(),
                    progress: None,
                    anchor: None,
                    line: line_of(range.start),
                });
                open_paragraph = true;
            }
            Block::Other(range) => {
                let start = range.start;
                let text = markdown[range].trim_end();
                match section.items.last_mut() {
                    Some(item) if open_paragraph => {
                        item.markdown.push_str("\n\n");
                        item.markdown.push_str(text);
                    }
                    _ => section.items.push(Item {
                        number: None,
                        paragraph: false,
                        heading: None,
                        markdown: text.to_string(),
                        progress: None,
                        anchor: None,
                        line: line_of(start),
                    }),
                }
            }
        }
    }
    if sections[0].items.is_empty() {
        sections.remove(0);
    }
    unique_anchors(&mut sections);
    Body { sections }
}

/// Gives every unnumbered section and every placed tracker an id that no
/// other element of the page has: `section-` + the heading's slug (the
/// templates' own ids never start so), with `-2`, `-3` ... on a clash.
fn unique_anchors(sections: &mut [Section]) {
    let mut used: HashSet<String> = sections
        .iter()
        .filter(|s| s.number.is_some())
        .map(|s| s.anchor.clone())
        .collect();
    used.insert("introduction".into());
    let mut unique = |base: String| {
        let mut candidate = base.clone();
        let mut n = 1;
        while used.contains(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        used.insert(candidate.clone());
        candidate
    };
    let mut placements: Vec<usize> = Vec::new();
    for section in sections.iter_mut() {
        if section.number.is_none()
            && let Some(title) = &section.title
        {
            section.anchor = unique(format!("section-{}", slug(title)));
        }
        for item in &mut section.items {
            if let Some(index) = item.progress {
                if placements.len() <= index {
                    placements.resize(index + 1, 0);
                }
                placements[index] += 1;
                let base = match placements[index] {
                    1 => format!("progress-{}", index + 1),
                    k => format!("progress-{}-{k}", index + 1),
                };
                item.anchor = Some(unique(base));
            }
        }
    }
}

/// The body with every reference-style link and image (`[text][ref]`,
/// `[ref][]`, `[ref]`) written inline and the definitions removed, so that
/// any slice of it renders as the whole would.
pub fn inline_references(markdown: &str) -> String {
    inline_references_mapped(markdown).0
}

/// [`inline_references`], with the edits made, to find where an offset of
/// the result was in `markdown`.
fn inline_references_mapped(markdown: &str) -> (String, Edits) {
    let mut text = markdown.to_string();
    let mut edits = Edits::default();
    // A reference link inside another's text is reached on the next pass.
    for _ in 0..4 {
        let pass = reference_edits(&text);
        if pass.is_empty() {
            break;
        }
        text = edits.apply(&text, pass);
    }
    let parser = Parser::new_ext(&text, markdown_options());
    let definitions: Vec<(Range<usize>, String)> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| (def.span.clone(), String::new()))
        .collect();
    if definitions.is_empty() {
        return (text, edits);
    }
    let text = edits.apply(&text, definitions);
    (text, edits)
}

/// The passes of edits made to a text, each as (range replaced, length of
/// its replacement), to map an offset of the result back to the original.
#[derive(Default)]
struct Edits(Vec<Vec<(Range<usize>, usize)>>);

impl Edits {
    /// Applies `edits` to `text` as [`apply_edits`] does, keeping them.
    fn apply(&mut self, text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
        // The edits `apply_edits` makes: by start, outer first, overlaps dropped.
        edits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut last = 0;
        edits.retain(|(r, _)| {
            let kept = r.start >= last;
            if kept {
                last = r.end;
            }
            kept
        });
        self.0
            .push(edits.iter().map(|(r, s)| (r.clone(), s.len())).collect());
        apply_edits(text, edits)
    }

    /// Where `offset` of the edited text was in the original; an offset
    /// inside a replacement maps to the start of what it replaced.
    fn original(&self, mut offset: usize) -> usize {
        for pass in self.0.iter().rev() {
            let mut shift: isize = 0;
            let mut mapped = None;
            for (range, len) in pass {
                let start = range.start.saturating_add_signed(shift);
                if offset < start {
                    break;
                }
                if offset < start + len {
                    mapped = Some(range.start);
                    break;
                }
                shift += *len as isize - range.len() as isize;
            }
            offset = mapped.unwrap_or_else(|| offset.saturating_add_signed(-shift));
        }
        offset
    }
}

/// Counts lines up to offsets that mostly increase, without counting from
/// the start each time (a long body has hundreds of items).
struct LineCounter<'t> {
    text: &'t [u8],
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 0,
        }
    }

    /// The line, from 0, of byte `offset`.
    fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 0;
        }
        self.line += self.text[self.offset..offset]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.offset = offset;
        self.line
    }
}

/// The outermost reference links of `markdown`, each with its inline form.
fn reference_edits(markdown: &str) -> Vec<(Range<usize>, String)> {
    struct Open {
        range: Range<usize>,
        inline: Option<(String, String)>,
        image: bool,
    }
    let mut open: OpenLinks<Open> = OpenLinks::default();
    let mut edits = Vec::new();
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        open.see(&event, &range);
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let by_reference = matches!(
                    link_type,
                    LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
                );
                // pulldown-cmark's range of `[text][]` stops before the `[]`.
                let mut range = range;
                if link_type == LinkType::Collapsed && markdown[range.end..].starts_with("[]") {
                    range.end += 2;
                }
                open.push(Open {
                    image: markdown[range.clone()].starts_with('!'),
                    range,
                    inline: by_reference.then(|| (dest_url.to_string(), title.to_string())),
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some((link, text)) = open.pop() else {
                    continue;
                };
                if let Some((dest, title)) = link.inline {
                    let mut inline = String::new();
                    if link.image {
                        inline.push('!');
                    }
                    inline.push('[');
                    inline.push_str(&markdown[text]);
                    inline.push_str("](<");
                    inline.push_str(&escape_link_part(&dest));
                    inline.push('>');
                    if !title.is_empty() {
                        inline.push_str(" \"");
                        inline.push_str(&escape_link_part(&title));
                        inline.push('"');
                    }
                    inline.push(')');
                    edits.push((link.range, inline));
                }
            }
            _ => {}
        }
    }
    edits
}

/// A destination or title, backslash-escaped to read back as itself.
fn escape_link_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '<' | '>' | '"' | '&' => {
                out.push('\\');
                out.push(c);
            }
            // A line break cannot appear in a destination; in a title it
            // may, but a blank line would end it.
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `{{ progress }}` places the first tracker the report cites,
/// `{{ progress 2 }}` the second: the 0-based index.
pub fn progress_marker(paragraph: &str) -> Option<usize> {
    let inner = paragraph
        .trim()
        .strip_prefix("{{")?
        .strip_suffix("}}")?
        .trim();
    let rest = inner.strip_prefix("progress")?.trim();
    if rest.is_empty() {
        return Some(0);
    }
    rest.parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .map(|n| n - 1)
}

/// Every progress marker in the body, in order.
pub fn progress_markers(body: &Body) -> Vec<usize> {
    body.sections
        .iter()
        .flat_map(|s| s.items.iter().filter_map(|i| i.progress))
        .collect()
}

/// A lower-case, hyphenated id from a heading.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(body: &Body) -> Vec<Option<String>> {
        body.sections
            .iter()
            .flat_map(|s| s.items.iter().map(|i| i.number.clone()))
            .collect()
    }

    fn lines(body: &Body) -> Vec<usize> {
        body.sections
            .iter()
            .flat_map(|s| s.items.iter().map(|i| i.line))
            .collect()
    }

    #[test]
    fn each_item_knows_its_line_even_when_it_repeats_another() {
        let body =
            number_body("## One\n\nSame.\n\nSame.\n\n### Sub\n\n- a list\n\n{{ progress }}\n");
        // `Same.` twice, the sub-heading, the list on its own, the marker.
        assert_eq!(lines(&body), vec![2, 4, 6, 8, 10]);
    }

    #[test]
    fn item_lines_are_counted_in_the_body_as_written() {
        // The definition is removed and the link made inline (longer, and a
        // line shorter) before numbering: lines still count the original.
        let md = "## One\n\n[ref]: https://example.org/a-long-address\n\nSee [the page][ref]\nand more.\n\nSee [ref].\n\nEnd.\n";
        let body = number_body(md);
        assert_eq!(lines(&body), vec![4, 7, 9]);
        assert!(
            body.sections[0].items[0]
                .markdown
                .contains("(<https://example.org/a-long-address>)")
        );
    }

    #[test]
    fn offsets_map_back_through_every_pass() {
        let mut edits = Edits::default();
        // "abcdef" -> "aXXXdef" -> "aXXXf"
        let once = edits.apply("abcdef", vec![(1..3, "XXX".into())]);
        assert_eq!(once, "aXXXdef");
        let twice = edits.apply(&once, vec![(4..6, String::new())]);
        assert_eq!(twice, "aXXXf");
        assert_eq!(edits.original(0), 0); // a
        assert_eq!(edits.original(2), 1); // inside XXX: where "bc" was
        assert_eq!(edits.original(4), 5); // f
    }

    #[test]
    fn sub_heading_levels_never_skip() {
        let body = number_body(
            "## One\n\n###### Deep\n\n### Three\n\n#### Four\n\n## Two\n\n#### Alone\n",
        );
        let levels: Vec<Vec<u8>> = body
            .sections
            .iter()
            .map(|s| {
                s.items
                    .iter()
                    .filter_map(|i| i.heading.as_ref().map(|h| h.level))
                    .collect()
            })
            .collect();
        assert_eq!(levels, vec![vec![3, 3, 4], vec![3]]);
    }

    #[test]
    fn sections_and_paragraphs_are_numbered() {
        let body = number_body("## One\n\nA.\n\nB.\n\n## Two\n\nC.\n");
        assert_eq!(body.sections.len(), 2);
        assert_eq!(body.sections[1].number, Some(2));
        assert_eq!(body.sections[1].title.as_deref(), Some("Two"));
        assert_eq!(
            numbers(&body),
            vec![Some("1.1".into()), Some("1.2".into()), Some("2.1".into())]
        );
    }

    #[test]
    fn lists_and_tables_belong_to_the_paragraph_before() {
        let md = "## S\n\nIntro:\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\nNext.\n";
        let body = number_body(md);
        let items = &body.sections[0].items;
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].number.as_deref(), Some("1.1"));
        assert!(items[0].markdown.contains("- a\n- b"));
        assert!(items[0].markdown.contains("| 1 | 2 |"));
        assert_eq!(items[1].number.as_deref(), Some("1.2"));
        assert_eq!(items[1].markdown, "Next.");
    }

    #[test]
    fn unnumbered_heading_opts_out_and_does_not_advance() {
        let md = "## A\n\np\n\n## Recs {.unnumbered}\n\n1. x\n2. y\n\nq\n\n## B\n\nr\n";
        let body = number_body(md);
        assert_eq!(body.sections[1].number, None);
        assert_eq!(body.sections[1].title.as_deref(), Some("Recs"));
        assert!(body.sections[1].items.iter().all(|i| i.number.is_none()));
        assert_eq!(body.sections[2].number, Some(2));
        assert_eq!(body.sections[2].items[0].number.as_deref(), Some("2.1"));
    }

    #[test]
    fn a_list_straight_after_a_heading_stands_alone() {
        let body = number_body("## A\n\n- x\n\np\n");
        let items = &body.sections[0].items;
        assert_eq!(items[0].number, None);
        assert_eq!(items[1].number.as_deref(), Some("1.1"));
    }

    #[test]
    fn text_before_the_first_heading_is_unnumbered() {
        let body = number_body("Preamble.\n\n## A\n\np\n");
        assert_eq!(body.sections[0].title, None);
        assert_eq!(body.sections[0].items[0].number, None);
        assert_eq!(body.sections[1].items[0].number.as_deref(), Some("1.1"));
    }

    #[test]
    fn subheadings_break_attachment() {
        let body = number_body("## A\n\np\n\n### Sub\n\n- x\n");
        let items = &body.sections[0].items;
        assert_eq!(items.len(), 3);
        assert_eq!(items[1].heading.as_ref().unwrap().text, "Sub");
        assert_eq!(items[2].number, None);
    }

    #[test]
    fn progress_markers_become_their_own_items() {
        let body = number_body("## A\n\nIntro.\n\n{{ progress }}\n\nAfter.\n\n{{ progress 2 }}\n");
        let items = &body.sections[0].items;
        assert_eq!(items[1].progress, Some(0));
        assert_eq!(items[1].number, None);
        assert_eq!(items[2].number.as_deref(), Some("1.2"));
        assert_eq!(progress_markers(&body), vec![0, 1]);
        assert_eq!(progress_marker("{{ progress 0 }}"), None);
        assert_eq!(progress_marker("{{ other }}"), None);
    }

    #[test]
    fn anchors_are_unique() {
        let md = "## Recommendations {.unnumbered}\n\np\n\n## Recommendations {.unnumbered}\n\nq\n\n## 1 {.unnumbered}\n\nr\n\n## A\n\ns\n";
        let body = number_body(md);
        let anchors: Vec<&str> = body.sections.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(
            anchors,
            [
                "section-recommendations",
                "section-recommendations-2",
                "section-1-2",
                "section-1"
            ]
        );
    }

    #[test]
    fn a_tracker_placed_twice_gets_two_anchors() {
        let body =
            number_body("## A\n\n{{ progress }}\n\nx\n\n{{ progress }}\n\n{{ progress 2 }}\n");
        let anchors: Vec<Option<&str>> = body.sections[0]
            .items
            .iter()
            .map(|i| i.anchor.as_deref())
            .collect();
        assert_eq!(
            anchors,
            [
                Some("progress-1"),
                None,
                Some("progress-1-2"),
                Some("progress-2")
            ]
        );
    }

    #[test]
    fn reference_links_work_in_every_paragraph() {
        let md = "## A\n\nSee [the plan][plan] and [Ofsted].\n\n[plan]: https://example.org/plan \"The plan\"\n[ofsted]: <https://example.org/a b>\n\nAgain [plan][] and ![logo][img].\n\n[img]: /logo.png\n";
        let body = number_body(md);
        let items = &body.sections[0].items;
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(
            items[0].markdown,
            "See [the plan](<https://example.org/plan> \"The plan\") and [Ofsted](<https://example.org/a b>)."
        );
        assert_eq!(
            items[1].markdown,
            "Again [plan](<https://example.org/plan> \"The plan\") and ![logo](</logo.png>)."
        );
        // Rendered alone, each paragraph links.
        let html = crate::render::html::markdown_to_html(&items[0].markdown);
        assert!(html.contains("href=\"https://example.org/plan\""), "{html}");
        assert!(
            html.contains("href=\"https://example.org/a%20b\""),
            "{html}"
        );
    }

    #[test]
    fn inlined_destinations_read_back_as_themselves() {
        let md = "[x][r]\n\n[r]: <a&amp;b\\<c> \"say \\\"hi\\\"\"\n";
        let out = inline_references(md);
        let mut dest = None;
        for event in Parser::new_ext(&out, markdown_options()) {
            if let Event::Start(Tag::Link {
                dest_url, title, ..
            }) = event
            {
                dest = Some((dest_url.to_string(), title.to_string()));
            }
        }
        assert_eq!(dest, Some(("a&b<c".into(), "say \"hi\"".into())), "{out}");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Recommendations to Sefton Council"),
            "recommendations-to-sefton-council"
        );
        assert_eq!(slug("Introduction/Background"), "introduction-background");
    }
}
