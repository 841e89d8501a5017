//! Body numbering, the house rule of committee papers: each `##` heading
//! opens section N; each top-level paragraph in it is N.1, N.2 ...; a list,
//! table or other block that follows a paragraph belongs to that paragraph.
//! A heading marked `{.unnumbered}` opens a section without a number whose
//! paragraphs are not numbered either.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::prose::markdown_options;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// `Some(2)` for the second numbered section.
    pub number: Option<u32>,
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
    /// A sub-heading (`###` and below) inside a section: its level and text.
    pub heading: Option<SubHeading>,
    /// The Markdown of the paragraph and the blocks that belong to it.
    pub markdown: String,
    /// A `{{ progress }}` marker: the index of the cited tracker it places.
    pub progress: Option<usize>,
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
    },
    Paragraph(std::ops::Range<usize>),
    Other(std::ops::Range<usize>),
}

/// Splits Markdown into top-level blocks with their source ranges.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut heading: Option<(HeadingLevel, String, bool)> = None;
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    match &tag {
                        Tag::Heading { level, classes, .. } => {
                            let unnumbered = classes.iter().any(|c| &**c == "unnumbered");
                            heading = Some((*level, String::new(), unnumbered));
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
                    && let Some((level, text, unnumbered)) = heading.take()
                {
                    out.push(Block::Heading {
                        level,
                        text: text.trim().to_string(),
                        unnumbered,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                if let Some((_, text, _)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak if heading.is_some() => {
                if let Some((_, text, _)) = heading.as_mut() {
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

/// Numbers the body. Pure: the same Markdown always gives the same numbers.
pub fn number_body(markdown: &str) -> Body {
    let mut sections = vec![Section {
        number: None,
        title: None,
        anchor: "introduction".into(),
        items: Vec::new(),
    }];
    let mut section_count = 0u32;
    // The item that following lists and tables attach to, if any.
    let mut open_paragraph = false;

    for block in blocks(markdown) {
        let section = sections.last_mut().expect("always one section");
        match block {
            Block::Heading {
                level: HeadingLevel::H1 | HeadingLevel::H2,
                text,
                unnumbered,
            } => {
                let number = if unnumbered {
                    None
                } else {
                    section_count += 1;
                    Some(section_count)
                };
                let anchor = match number {
                    Some(n) => format!("section-{n}"),
                    None => slug(&text),
                };
                sections.push(Section {
                    number,
                    title: Some(text),
                    anchor,
                    items: Vec::new(),
                });
                open_paragraph = false;
            }
            Block::Heading { level, text, .. } => {
                section.items.push(Item {
                    number: None,
                    heading: Some(SubHeading {
                        level: level as u8,
                        text,
                    }),
                    markdown: String::new(),
                    progress: None,
                });
                open_paragraph = false;
            }
            Block::Paragraph(range) if progress_marker(&markdown[range.clone()]).is_some() => {
                section.items.push(Item {
                    number: None,
                    heading: None,
                    markdown: String::new(),
                    progress: progress_marker(&markdown[range]),
                });
                open_paragraph = false;
            }
            Block::Paragraph(range) => {
                let number = section.number.map(|n| {
                    let count = section.items.iter().filter(|i| i.number.is_some()).count();
                    format!("{n}.{}", count + 1)
                });
                section.items.push(Item {
                    number,
                    heading: None,
                    markdown: markdown[range].trim_end().to_string(),
                    progress: None,
                });
                open_paragraph = true;
            }
            Block::Other(range) => {
                let text = markdown[range].trim_end();
                match section.items.last_mut() {
                    Some(item) if open_paragraph => {
                        item.markdown.push_str("\n\n");
                        item.markdown.push_str(text);
                    }
                    _ => section.items.push(Item {
                        number: None,
                        heading: None,
                        markdown: text.to_string(),
                        progress: None,
                    }),
                }
            }
        }
    }
    if sections[0].items.is_empty() {
        sections.remove(0);
    }
    Body { sections }
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
    fn slugs() {
        assert_eq!(
            slug("Recommendations to Sefton Council"),
            "recommendations-to-sefton-council"
        );
        assert_eq!(slug("Introduction/Background"), "introduction-background");
    }
}
