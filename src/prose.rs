//! The Markdown authors write: its dialect (CommonMark with GFM tables,
//! strikethrough and heading attributes such as `{.unnumbered}`), and which
//! values of the context hold it. Every reader of author Markdown
//! (numbering, each renderer, the checks) parses with these options, so
//! they all see the same document.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

/// The Markdown extensions the tool reads everywhere.
pub fn markdown_options() -> Options {
    // No smart punctuation: authors' quotes and apostrophes stay verbatim.
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Which strings of the data are Markdown: paths with `*` for any key or
/// index, and a leading `**` for any prefix (a report sits at `report` on
/// its own and deeper in a meeting pack's data).
pub const MARKDOWN_FIELDS: &[&str] = &[
    "**.report.summary",
    "**.report.options",
    "**.report.implementation_date",
    "**.report.costs.*",
    "**.report.implications.*",
    "**.report.consultations.*",
    "**.report.recommendations.*",
    "**.report.appendices.*",
    "**.report.background_papers.*",
    "**.report.core_purpose.*.text",
    "**.report.body.sections.*.items.*.markdown",
    // A house style's parts: a numbered part's paragraphs, a council's
    // Markdown field and list items.
    "**.report.sections.*.paragraphs.*.markdown",
    "**.report.sections.*.text",
    "**.report.sections.*.items.*",
    "**.report.progress.*.items.*.update",
    // Meeting packs (`pack.typ`): the front sheet's standing text and item
    // text, and Markdown documents and appendices.
    "agenda.standing.*",
    "agenda.items.*.text",
    // ... each in two languages, on a bilingual council (`wording`).
    "agenda.standing.second.*.first",
    "agenda.standing.second.*.text",
    "agenda.items.*.second.text.first",
    "agenda.items.*.second.text.text",
    "parts.*.text",
    "parts.*.document.markdown",
    "parts.*.appendices.*.markdown",
];

/// One step into the data: a key of an object or an index of an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Where a value sits in the data: `report.body.sections[1].items[0].markdown`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Step>);

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Calls `visit` with every string of `value` and its path.
pub fn walk(value: &Value, path: &mut FieldPath, visit: &mut dyn FnMut(&FieldPath, &str)) {
    match value {
        Value::String(s) => visit(path, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.0.push(Step::Index(i));
                walk(item, path, visit);
                path.0.pop();
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                path.0.push(Step::Key(k.clone()));
                walk(v, path, visit);
                path.0.pop();
            }
        }
        _ => {}
    }
}

pub fn is_markdown(path: &FieldPath) -> bool {
    MARKDOWN_FIELDS
        .iter()
        .any(|pattern| matches(pattern, &path.0))
}

fn matches(pattern: &str, path: &[Step]) -> bool {
    let (any_prefix, pattern) = match pattern.strip_prefix("**.") {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    // From the last step back, without allocating: this runs for every
    // string of the data against every pattern (issue 18).
    let mut steps = path.iter().rev();
    let mut parts = 0;
    for part in pattern.rsplit('.') {
        parts += 1;
        let matched = match steps.next() {
            None => return false,
            Some(_) if part == "*" => true,
            Some(Step::Key(k)) => k == part,
            Some(Step::Index(_)) => false,
        };
        if !matched {
            return false;
        }
    }
    any_prefix || path.len() == parts
}

/// `text` with each range replaced; an edit inside an earlier one is
/// skipped (the outer one holds it).
pub fn apply_edits(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for (r, replacement) in edits {
        if r.start < last {
            continue;
        }
        out.push_str(&text[last..r.start]);
        out.push_str(&replacement);
        last = r.end;
    }
    out.push_str(&text[last..]);
    out
}

/// The links and images open at a point of a Markdown event stream, each
/// with the extent of its text so far (the events inside it): what the
/// body's reference-link rewrite and the Markdown neutraliser both need.
pub struct OpenLinks<T> {
    open: Vec<(T, Range<usize>)>,
}

impl<T> Default for OpenLinks<T> {
    fn default() -> Self {
        OpenLinks { open: Vec::new() }
    }
}

impl<T> OpenLinks<T> {
    /// Widens the text of every open link that the event at `range` is
    /// inside: all of them, but for a link's own end (which spans the whole
    /// link). Call it for every event, before acting on it.
    pub fn see(&mut self, event: &Event, range: &Range<usize>) {
        let own_end = matches!(event, Event::End(TagEnd::Link | TagEnd::Image));
        let inner = if own_end {
            self.open.len().saturating_sub(1)
        } else {
            self.open.len()
        };
        for (_, text) in &mut self.open[..inner] {
            text.start = text.start.min(range.start);
            text.end = text.end.max(range.end);
        }
    }

    pub fn push(&mut self, link: T) {
        // Empty until an event inside widens it.
        let text = Range {
            start: usize::MAX,
            end: 0,
        };
        self.open.push((link, text));
    }

    /// The innermost open link, with the range of its text (empty when it
    /// has none).
    pub fn pop(&mut self) -> Option<(T, Range<usize>)> {
        self.open
            .pop()
            .map(|(link, text)| (link, if text.start > text.end { 0..0 } else { text }))
    }
}

/// Whether `markdown` has a character reference that is no character
/// (`&#0;`, `&#xD800;`, `&#1114112;`): CommonMark reads it as U+FFFD, the
/// replacement character, which no shipped font can print.
pub fn has_non_character_reference(markdown: &str) -> bool {
    markdown.contains("&#")
        && Parser::new_ext(markdown, markdown_options())
            .any(|e| matches!(e, Event::Text(t) if t.contains('\u{FFFD}')))
}

/// Whether `markdown` has a heading with no text (`## ` alone), which no
/// format can show: a PDF refuses it, an HTML outline gets a hole.
pub fn has_empty_heading(markdown: &str) -> bool {
    let mut in_heading = false;
    let mut text = String::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                text.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                if text.trim().is_empty() {
                    return true;
                }
                in_heading = false;
            }
            Event::Text(t) | Event::Code(t) if in_heading => text.push_str(&t),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_to_no_character_are_found() {
        assert!(has_non_character_reference("a &#0; b"));
        assert!(has_non_character_reference("&#xD800;"));
        assert!(!has_non_character_reference("&#169; &amp; `&#0;`"));
        assert!(!has_non_character_reference(
            "a \u{FFFD} typed, not referenced"
        ));
    }

    #[test]
    fn empty_headings_are_found() {
        assert!(has_empty_heading("## \n\nText"));
        assert!(has_empty_heading("Text\n\n#\n"));
        assert!(!has_empty_heading("## Title\n\nText ## not a heading"));
    }

    #[test]
    fn markdown_fields_are_matched_anywhere_below_a_report() {
        let k = |s: &str| Step::Key(s.into());
        assert!(is_markdown(&FieldPath(vec![k("report"), k("summary")])));
        assert!(is_markdown(&FieldPath(vec![
            k("items"),
            Step::Index(2),
            k("report"),
            k("costs"),
            k("revenue")
        ])));
        assert!(!is_markdown(&FieldPath(vec![k("report"), k("subject")])));
        assert!(!is_markdown(&FieldPath(vec![k("summary")])));
        // A pattern without `**` matches the whole path only; `*` is any
        // key or index.
        let standing = |prefix: Vec<Step>| {
            let mut path = prefix;
            path.extend([k("agenda"), k("standing"), Step::Index(0)]);
            is_markdown(&FieldPath(path))
        };
        assert!(standing(vec![]));
        assert!(!standing(vec![k("x")]));
        assert!(!is_markdown(&FieldPath(vec![k("agenda"), k("standing")])));
        assert!(is_markdown(&FieldPath(vec![
            k("report"),
            k("recommendations"),
            Step::Index(0)
        ])));
        assert!(!is_markdown(&FieldPath(vec![
            k("report"),
            Step::Index(0),
            k("summary")
        ])));
    }
}
