//! The parts after the header: the document cut at its headings, each
//! heading matched to a part of the house style by its labels (Heading
//! styles first, short bold paragraphs when the report uses none), the
//! body's own section headings kept as `##`, and what matches nothing
//! kept apart so that the importer can place it in the body and say so.

use super::document::{Block, Para};
use super::labels;
use super::markdown::{Converter, heading_number};
use crate::model::style::{HouseStyle, PartHeading, SectionEntry};

/// Whether `text` is the heading of a group of `style`: then the id of
/// the part right after it when that part prints no heading.
fn group(style: &HouseStyle, text: &str) -> Option<Option<String>> {
    let t = labels::normalise(text);
    let at = style.sections.iter().position(|s| {
        matches!(s, SectionEntry::Group(g) if {
            [g.joined(), g.text.clone()].iter().any(|g| {
                let g = labels::normalise(g);
                g == t || strsim::normalized_levenshtein(&g, &t) >= 0.85
            })
        })
    })?;
    Some(match style.sections.get(at + 1) {
        Some(SectionEntry::Part(p)) if p.heading == PartHeading::None => Some(p.id.clone()),
        _ => None,
    })
}

/// Where a run of blocks goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Before the first heading (the council's name, a title).
    Preamble,
    Part(String),
    /// A section of the body: its Markdown heading (`## Key issues`).
    Body(String),
    /// A heading that names no part, outside the body.
    Unmatched(String),
}

#[derive(Debug, Clone)]
pub struct Segment {
    pub target: Target,
    /// The heading as written, and the block it is.
    pub heading: Option<(String, usize)>,
    pub blocks: Vec<Block>,
}

/// What each block is as a heading: its level (0 for a title) when it is
/// one, by style or, in a report with no Heading styles, by being a short
/// bold paragraph.
pub struct Headings {
    pub levels: Vec<Option<u8>>,
    /// Headings by style (true) or by bold paragraphs (false).
    pub by_style: bool,
    pub parts: Vec<Option<String>>,
}

fn short_bold(p: &Para, text: &str) -> bool {
    p.all_bold() == Some(true) && text.chars().count() <= 100 && !text.ends_with(['.', ':', ','])
}

pub fn headings(blocks: &[Block], conv: &mut Converter, style: &HouseStyle) -> Headings {
    let matcher = labels::Matcher::new(style, &labels::part_ids(style));
    let style_level = |p: &Para| {
        conv.styles
            .heading_level(p.style.as_deref())
            .or_else(|| p.outline.filter(|l| *l < 9).map(|l| l + 1))
    };
    let by_style = blocks.iter().any(|b| match b {
        Block::Para(p) => style_level(p).is_some_and(|l| l >= 1) && !p.text().trim().is_empty(),
        Block::Table(_) => false,
    });
    let mut levels = Vec::with_capacity(blocks.len());
    let mut parts = Vec::with_capacity(blocks.len());
    for b in blocks {
        let Block::Para(p) = b else {
            levels.push(None);
            parts.push(None);
            continue;
        };
        let text = conv.plain(p);
        let matched = matcher.best(&text).map(|(id, _)| id.to_string());
        let level = if text.is_empty() {
            None
        } else if let Some(l) = style_level(p) {
            Some(l)
        } else if short_bold(p, &text) && (!by_style || matched.is_some()) {
            Some(1)
        } else {
            None
        };
        parts.push(if level.is_some_and(|l| l >= 1) {
            matched
        } else {
            None
        });
        levels.push(level);
    }
    Headings {
        levels,
        by_style,
        parts,
    }
}

/// Cuts `blocks` (the header's left out) into segments.
pub fn segments(
    blocks: &[Block],
    skip: &[usize],
    h: &Headings,
    conv: &Converter,
    style: &HouseStyle,
) -> (Vec<Segment>, Option<String>) {
    let part_ids = labels::part_ids(style);
    let before_body = part_ids
        .iter()
        .position(|id| *id == "body")
        .and_then(|i| i.checked_sub(1))
        .map(|i| part_ids[i].to_string());
    // The last heading of a part placed before the body: an unmatched
    // heading after it opens the body's sections.
    let body_at = part_ids.iter().position(|id| *id == "body");
    let last_front = (0..blocks.len()).rev().find(|i| {
        h.parts[*i].as_deref().is_some_and(|id| {
            let at = part_ids.iter().position(|p| *p == id);
            id != "body" && matches!((at, body_at), (Some(a), Some(b)) if a < b)
        })
    });
    let mut out = vec![Segment {
        target: Target::Preamble,
        heading: None,
        blocks: Vec::new(),
    }];
    let mut seen: Vec<String> = Vec::new();
    let mut body_started = false;
    let mut body_level: Option<u8> = None;
    let mut section_numbered: Vec<(usize, bool)> = Vec::new();
    let mut part_level = 1u8;
    let mut title = None;
    for (i, b) in blocks.iter().enumerate() {
        if skip.contains(&i) {
            continue;
        }
        let level = h.levels[i];
        let Some(level) = level else {
            out.last_mut().expect("one segment").blocks.push(b.clone());
            continue;
        };
        let Block::Para(p) = b else { continue };
        let text = conv.plain(p);
        if level == 0 {
            if title.is_none() && !body_started {
                title = Some(text);
            } else {
                out.last_mut().expect("one segment").blocks.push(b.clone());
            }
            continue;
        }
        if let Some(next) = group(style, &text) {
            // A group's heading: the part after it that prints no heading
            // of its own starts here.
            if let Some(id) = next.filter(|id| !seen.contains(id)) {
                seen.push(id.clone());
                part_level = level;
                out.push(Segment {
                    target: Target::Part(id),
                    heading: Some((text, i)),
                    blocks: Vec::new(),
                });
            }
            continue;
        }
        let current = &out.last().expect("one segment").target;
        if let Some(id) = &h.parts[i]
            && !seen.contains(id)
        {
            seen.push(id.clone());
            part_level = level;
            if id == "body" {
                body_started = true;
            }
            out.push(Segment {
                target: Target::Part(id.clone()),
                heading: Some((text, i)),
                blocks: Vec::new(),
            });
            continue;
        }
        let numbered = heading_number(&p.text()).is_some() || p.num.is_some();
        let after_parts =
            matches!(current, Target::Part(id) if Some(id) == before_body.as_ref() || id == "body");
        let past_front =
            !seen.is_empty() && level <= part_level && last_front.is_none_or(|l| i > l);
        if body_started
            || after_parts
            || past_front
            || (numbered && !seen.is_empty() && level <= part_level)
        {
            body_started = true;
            let top = *body_level.get_or_insert(level);
            let marks = if level > top { "###" } else { "##" };
            if marks == "##" {
                section_numbered.push((out.len(), numbered));
            }
            out.push(Segment {
                target: Target::Body(format!("{marks} {text}")),
                heading: Some((text, i)),
                blocks: Vec::new(),
            });
            continue;
        }
        let inside_part = matches!(current, Target::Part(_)) && level > part_level;
        if inside_part || !h.by_style && !matches!(current, Target::Preamble) {
            out.last_mut().expect("one segment").blocks.push(b.clone());
            continue;
        }
        out.push(Segment {
            target: Target::Unmatched(text.clone()),
            heading: Some((text, i)),
            blocks: Vec::new(),
        });
    }
    // Where the body's sections are numbered, one that is not was marked
    // so (`{.unnumbered}`, as the recommendations to a council are).
    if section_numbered.iter().any(|(_, n)| *n) {
        for (i, _) in section_numbered.iter().filter(|(_, n)| !n) {
            if let Target::Body(h) = &mut out[*i].target {
                h.push_str(" {.unnumbered}");
            }
        }
    }
    (out, title)
}
