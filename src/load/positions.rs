//! Where each value of a YAML file starts, keyed by its field's path, as
//! the decoder met it.
//!
//! The decoder records a position for every field and list item it reads
//! (see [`crate::load::decode::Decoder::decode`]); the file's root type keeps
//! the map, so later stages (the rules, the pack, the PDF's error
//! placement in [`crate::load::origins`]) look a position up here instead
//! of keeping positions by hand or reading the file again.
//!
//! A path is written as the decoder's messages name a field: keys joined
//! with `.`, list items as `[N]` counted from 1 as the author counts them:
//! `summary`, `costs.revenue`, `recommendations[2]`, `appendices[1].title`,
//! `core_purpose.Protecting the vulnerable`. The file itself is `""`.

use std::collections::HashMap;

use crate::load::yaml::{Node, Pos};

/// The positions of one file's values, by field path.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Positions(HashMap<String, Recorded>);

#[derive(Debug, Clone, Copy, PartialEq)]
struct Recorded {
    pos: Pos,
    /// The line on which the value's text (for a scalar) starts.
    text_line: usize,
}

/// The line of `node`'s first line of text: its own, except for a block
/// scalar that starts with blank lines, which the parser places at its
/// first line that is not blank.
fn text_line(node: &Node) -> usize {
    match node.as_str() {
        Some(text) if node.block => {
            let blank = text.bytes().take_while(|b| *b == b'\n').count();
            node.pos.line.saturating_sub(blank).max(1)
        }
        _ => node.pos.line,
    }
}

impl Positions {
    /// Records where the value at `path` starts. The first record of a path
    /// wins: a type that decodes its node again (a route read as text, a
    /// core purpose's key read under its mapping's name) does not move it.
    pub fn record(&mut self, path: &str, node: &Node) {
        if !self.0.contains_key(path) {
            self.0.insert(
                path.to_string(),
                Recorded {
                    pos: node.pos,
                    text_line: text_line(node),
                },
            );
        }
    }

    /// Where the value at `path` starts, if the file has it.
    pub fn get(&self, path: &str) -> Option<Pos> {
        self.0.get(path).map(|r| r.pos)
    }

    /// The line on which the text of the scalar at `path` starts, blank
    /// lines included: line N of the text is this plus N, exactly for a
    /// literal block (`body: |`), the usual way to write a long text.
    pub fn text_line(&self, path: &str) -> Option<usize> {
        self.0.get(path).map(|r| r.text_line)
    }

    /// The position of the first of `paths` that the file has: callers
    /// give a path and then its ancestors, to fall back on the nearest
    /// value that was written.
    pub fn first_of<'p>(&self, paths: impl IntoIterator<Item = &'p str>) -> Option<Pos> {
        paths.into_iter().find_map(|p| self.get(p))
    }

    /// How many values are recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The path of `key` in the mapping at `parent` (`""` for the file).
pub fn field_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// The path of the list item at 0-based `index` in the list at `list`:
/// `recommendations[1]` for the first, as the author counts.
pub fn item_path(list: &str, index: usize) -> String {
    format!("{list}[{}]", index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_of_a_block_scalar_starts_at_its_first_line_blank_or_not() {
        let root = crate::load::yaml::parse("a: |\n\n\n  text\nb: \"quoted\"\n")
            .unwrap()
            .unwrap();
        let mut p = Positions::default();
        p.record("a", root.get("a").unwrap());
        p.record("b", root.get("b").unwrap());
        // The parser places `a` at line 4, where `text` is; its text
        // ("\n\ntext\n") starts on line 2.
        assert_eq!(p.get("a").map(|p| p.line), Some(4));
        assert_eq!(p.text_line("a"), Some(2));
        assert_eq!(p.text_line("b"), Some(5));
        // The first record of a path stays.
        p.record("a", root.get("b").unwrap());
        assert_eq!(p.get("a").map(|p| p.line), Some(4));
    }

    #[test]
    fn paths_are_written_as_messages_name_fields() {
        assert_eq!(field_path("", "summary"), "summary");
        assert_eq!(field_path("costs", "revenue"), "costs.revenue");
        assert_eq!(item_path("recommendations", 1), "recommendations[2]");
        assert_eq!(
            field_path(&item_path("appendices", 0), "title"),
            "appendices[1].title"
        );
    }
}
