//! YAML text → a small tree of nodes that keep their source position.
//!
//! Every scalar stays a string: the model decides what it means (a date, a
//! Yes/No, a name). That is what keeps "No" from silently turning into
//! `false` and a telephone number from losing its leading zero. Mapping keys
//! stay in order with their positions, so duplicates and unknown fields can
//! be reported where they are.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// The largest YAML source accepted: a long report with its trackers is a
/// few hundred kilobytes, so this leaves room without letting a stray
/// multi-megabyte file tie the tool up.
pub const MAX_SOURCE_BYTES: usize = 8 * 1024 * 1024;

/// The most nodes a document may expand to, aliases included. Each alias
/// is a copy of its anchor's node, so without a cap a 1 KB "billion laughs"
/// file expands until memory runs out.
pub const MAX_NODES: usize = 1_000_000;

/// The deepest nesting accepted. Reports nest four or five levels; the
/// cap keeps the recursive passes over the tree (checks, decoding, drop)
/// far from the stack's limit.
pub const MAX_DEPTH: usize = 64;

use crate::diagnostics::{Code, Diagnostic};

/// A 1-based position in the YAML source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    fn from_span(span: &Span) -> Self {
        Pos {
            line: span.start.line(),
            column: span.start.col() + 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar; `plain` is false for quoted and block scalars, which are
    /// always strings (`"~"` is text, `~` is null).
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
    /// A block scalar (`|` or `>`). Its `pos` is that of its first line
    /// that is not blank (the parser's), not its indicator's; blank lines
    /// before it are the text's leading line breaks.
    pub block: bool,
}

impl Node {
    /// `~`, `null` or nothing at all, unquoted.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true }
            if text.is_empty() || text == "~" || text.eq_ignore_ascii_case("null"))
    }

    /// What kind of node this is, in words for error messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } if self.is_null() => "nothing",
            Value::Scalar { .. } => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(pairs) => pairs
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// Parses one YAML document. A syntax error or a duplicate key is returned
/// as a diagnostic with its line and column (file name added by the caller).
/// An empty document gives `Ok(None)`.
pub fn parse(source: &str) -> Result<Option<Node>, Vec<Diagnostic>> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(vec![too_large(source.len())]);
    }
    let mut builder = Builder::default();
    for item in Parser::new_from_str(source) {
        match item {
            Ok((event, span)) => builder.on_event(event, &span).map_err(|e| vec![e])?,
            Err(err) => {
                let m = err.marker();
                // The parser's own nesting limit: say it as ours does.
                if err.info().contains("recursion limit") {
                    let pos = Pos {
                        line: m.line(),
                        column: m.col() + 1,
                    };
                    return Err(vec![builder.check_depth(MAX_DEPTH + 1, pos).unwrap_err()]);
                }
                return Err(vec![
                    Diagnostic::error(Code::P101, format!("invalid YAML: {}", err.info()))
                        .at(m.line(), m.col() + 1)
                        .with_hint(
                            "check the indentation and quoting here; text containing ': ' or starting with a special character needs quotes or a block scalar (|)",
                        ),
                ]);
            }
        }
        if builder.documents > 1 {
            return Err(vec![
                Diagnostic::error(Code::P101, "more than one YAML document in this file")
                    .at(builder.last_pos.line, builder.last_pos.column)
                    .with_hint("a report file holds one document: remove the extra '---'"),
            ]);
        }
    }
    let mut errors = Vec::new();
    if let Some(root) = &builder.root {
        find_duplicate_keys(root, &mut errors);
    }
    if errors.is_empty() {
        Ok(builder.root)
    } else {
        Err(errors)
    }
}

/// The diagnostic for a source over [`MAX_SOURCE_BYTES`].
pub fn too_large(bytes: usize) -> Diagnostic {
    Diagnostic::error(
        Code::P100,
        format!(
            "the file is too large ({:.1} MB; the limit is {} MB)",
            bytes as f64 / 1_048_576.0,
            MAX_SOURCE_BYTES / 1_048_576
        ),
    )
    .with_hint("a report or profile is a few hundred KB at most: check that this is the right file")
}

#[derive(Default)]
struct Builder {
    /// Open collections, innermost last.
    stack: Vec<Open>,
    /// Finished anchored nodes by anchor id.
    anchors: HashMap<usize, Anchored>,
    root: Option<Node>,
    documents: usize,
    last_pos: Pos,
    /// Nodes in the tree so far, aliases counted as their copies.
    nodes: usize,
}

/// A list or mapping whose end has not been seen yet.
struct Open {
    node: Node,
    anchor: usize,
    /// `Builder::nodes` when it opened, to size it when it ends.
    nodes_before: usize,
    /// Levels of nesting below it so far.
    height: usize,
}

/// An anchored node, with what an alias of it adds to the tree.
struct Anchored {
    node: Node,
    size: usize,
    height: usize,
}

impl Default for Pos {
    fn default() -> Self {
        Pos { line: 1, column: 1 }
    }
}

impl Builder {
    fn on_event(&mut self, event: Event<'_>, span: &Span) -> Result<(), Diagnostic> {
        let pos = Pos::from_span(span);
        self.last_pos = pos;
        match event {
            Event::DocumentStart(_) => self.documents += 1,
            Event::SequenceStart(anchor, _) => self.open(Value::Seq(Vec::new()), pos, anchor)?,
            Event::MappingStart(anchor, _) => self.open(Value::Map(Vec::new()), pos, anchor)?,
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(open) = self.stack.pop() {
                    let size = self.nodes - open.nodes_before;
                    self.insert(open.node, open.anchor, size, open.height);
                }
            }
            Event::Scalar(text, style, anchor, _) => {
                self.count(1, pos)?;
                let node = Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    pos,
                    block: matches!(style, ScalarStyle::Literal | ScalarStyle::Folded),
                };
                self.insert(node, anchor, 1, 0);
            }
            Event::Alias(id) => {
                let Some(anchored) = self.anchors.get(&id) else {
                    // The parser refuses unknown anchors, so an id it knows
                    // but the tree does not is a collection still open: an
                    // alias inside its own anchor.
                    return Err(Diagnostic::error(Code::P101,
                        "this alias refers to the list or mapping that contains it",
                    )
                    .at(pos.line, pos.column)
                    .with_hint("an alias (*name) can only repeat a node that is complete: move it after the anchored node ends"));
                };
                let (size, height) = (anchored.size, anchored.height);
                // Count before cloning: the copy is what costs.
                self.count(size, pos)?;
                self.check_depth(self.stack.len() + height, pos)?;
                let mut node = self.anchors[&id].node.clone();
                node.pos = pos;
                self.insert(node, 0, size, height);
            }
            _ => {}
        }
        Ok(())
    }

    /// Opens a list or mapping.
    fn open(&mut self, value: Value, pos: Pos, anchor: usize) -> Result<(), Diagnostic> {
        self.check_depth(self.stack.len() + 1, pos)?;
        let nodes_before = self.nodes;
        self.count(1, pos)?;
        self.stack.push(Open {
            node: Node {
                value,
                pos,
                block: false,
            },
            anchor,
            nodes_before,
            height: 0,
        });
        Ok(())
    }

    /// Refuses nesting past [`MAX_DEPTH`].
    fn check_depth(&self, depth: usize, pos: Pos) -> Result<(), Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(Diagnostic::error(
                Code::P101,
                format!("nested more than {MAX_DEPTH} levels deep"),
            )
            .at(pos.line, pos.column)
            .with_hint("reports nest a few levels at most: check the brackets and indentation"));
        }
        Ok(())
    }

    /// Adds `n` nodes to the total, refusing past [`MAX_NODES`].
    fn count(&mut self, n: usize, pos: Pos) -> Result<(), Diagnostic> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            return Err(Diagnostic::error(Code::P101, format!(
                "the document expands to more than {MAX_NODES} values"
            ))
            .at(pos.line, pos.column)
            .with_hint("aliases (*name) copy their anchor's whole value, so aliases of aliases grow without bound: write the values out instead"));
        }
        Ok(())
    }

    /// Adds a finished node to its parent; `size` and `height` describe it.
    fn insert(&mut self, node: Node, anchor: usize, size: usize, height: usize) {
        if anchor > 0 {
            let anchored = Anchored {
                node: node.clone(),
                size,
                height,
            };
            self.anchors.insert(anchor, anchored);
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(parent) => {
                parent.height = parent.height.max(height + 1);
                match &mut parent.node.value {
                    Value::Seq(items) => items.push(node),
                    Value::Map(pairs) => {
                        // A mapping is built from alternating key and value
                        // events: a pair whose value is a placeholder waits for it.
                        match pairs.last_mut() {
                            Some((_, value)) if value.pos.line == 0 => *value = node,
                            _ => pairs.push((node, PENDING)),
                        }
                    }
                    Value::Scalar { .. } => unreachable!("scalars have no children"),
                }
            }
        }
    }
}

/// The value slot of a key whose value has not been parsed yet.
const PENDING: Node = Node {
    value: Value::Seq(Vec::new()),
    pos: Pos { line: 0, column: 0 },
    block: false,
};

fn find_duplicate_keys(node: &Node, errors: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Map(pairs) => {
            // A map, not a scan of the keys before: a mapping of many keys
            // must not take quadratic time.
            let mut seen: HashMap<&str, &Node> = HashMap::new();
            for (key, value) in pairs {
                if let Some(name) = key.as_str()
                    && let Some(first) = seen.get(name).copied().or_else(|| {
                        seen.insert(name, key);
                        None
                    })
                {
                    errors.push(
                        Diagnostic::error(Code::P102, format!("duplicate key `{name}`"))
                            .at(key.pos.line, key.pos.column)
                            .with_hint(format!(
                                "`{name}` is already given at line {}; keep one of them",
                                first.pos.line
                            )),
                    );
                }
                find_duplicate_keys(value, errors);
            }
        }
        Value::Seq(items) => items.iter().for_each(|n| find_duplicate_keys(n, errors)),
        Value::Scalar { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(node: &Node) -> &str {
        node.as_str().unwrap()
    }

    #[test]
    fn a_block_scalar_is_placed_at_its_first_line_of_text_and_marked() {
        let root = parse("a: |\n  one\n  two\nb: >\n  x\nc: plain\nd: |\n\n  z\n")
            .unwrap()
            .unwrap();
        let a = root.get("a").unwrap();
        assert_eq!((a.pos.line, a.pos.column, a.block), (2, 3, true));
        assert_eq!(text(a), "one\ntwo\n");
        let b = root.get("b").unwrap();
        assert_eq!((b.pos.line, b.block), (5, true));
        let c = root.get("c").unwrap();
        assert_eq!((c.pos.line, c.block), (6, false));
        // A blank line first: the position is the first line with text.
        let d = root.get("d").unwrap();
        assert_eq!((d.pos.line, text(d)), (9, "\nz\n"));
    }

    #[test]
    fn keeps_scalars_as_text_with_positions() {
        let root = parse("a: No\nb:\n  - 0151 934\n  - 'x'\n")
            .unwrap()
            .unwrap();
        let Value::Map(pairs) = &root.value else {
            panic!("not a map")
        };
        assert_eq!(text(&pairs[0].1), "No");
        assert_eq!(pairs[1].0.pos, Pos { line: 2, column: 1 });
        let Value::Seq(items) = &pairs[1].1.value else {
            panic!("not a seq")
        };
        assert_eq!(text(&items[0]), "0151 934");
        assert_eq!(items[1].pos, Pos { line: 4, column: 5 });
    }

    #[test]
    fn reports_duplicate_keys_with_both_lines() {
        let errs = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("duplicate key `a`"));
        assert_eq!(errs[0].location.unwrap().line, 3);
        assert!(errs[0].hint.as_ref().unwrap().contains("line 1"));
    }

    #[test]
    fn reports_syntax_errors_with_location() {
        let errs = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(errs[0].message.starts_with("invalid YAML"));
        assert!(errs[0].location.is_some());
    }

    #[test]
    fn empty_document_is_none() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("# only a comment\n").unwrap(), None);
    }

    #[test]
    fn aliases_resolve_to_their_anchor() {
        let root = parse("a: &x hello\nb: *x\n").unwrap().unwrap();
        let Value::Map(pairs) = &root.value else {
            panic!()
        };
        assert_eq!(text(&pairs[1].1), "hello");
    }

    #[test]
    fn null_forms() {
        let root = parse("a: ~\nb:\nc: '~'\n").unwrap().unwrap();
        let Value::Map(pairs) = &root.value else {
            panic!()
        };
        assert!(pairs[0].1.is_null());
        assert!(pairs[1].1.is_null());
        assert!(!pairs[2].1.is_null());
    }

    /// Nine levels of nine aliases each: 387 million nodes if expanded.
    fn billion_laughs() -> String {
        let mut src = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let p = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        src
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let src = billion_laughs();
        assert!(src.len() < 1024, "the bomb is under 1 KB");
        let start = std::time::Instant::now();
        let errs = parse(&src).unwrap_err();
        assert!(
            errs[0].message.contains("expands to more than"),
            "{}",
            errs[0]
        );
        assert!(errs[0].location.is_some());
        assert!(errs[0].hint.as_ref().unwrap().contains("alias"));
        // A guard, not a benchmark: unbounded expansion runs for minutes.
        assert!(start.elapsed().as_secs() < 20);
    }

    #[test]
    fn an_alias_inside_its_own_anchor_is_an_error() {
        for src in ["a: &x [*x]\n", "a: &x {b: *x}\n", "a: &x\n  - 1\n  - *x\n"] {
            let errs = parse(src).unwrap_err();
            assert!(
                errs[0]
                    .message
                    .contains("refers to the list or mapping that contains it"),
                "{src:?}: {}",
                errs[0]
            );
            assert!(errs[0].location.is_some());
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = format!("a: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let errs = parse(&src).unwrap_err();
        // The parser's own limit speaks first here, in the same words.
        assert!(errs[0].message.contains("levels deep"), "{}", errs[0]);
        let src = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
        let errs = parse(&src).unwrap_err();
        assert!(errs[0].message.contains("levels deep"), "{}", errs[0]);
        // Aliases cannot stack depth past the limit either.
        let mut src = String::from("a0: &a0 [[[[[[[[[[x]]]]]]]]]]\n");
        for i in 1..20 {
            src.push_str(&format!("a{i}: &a{i} [[[[[*a{}]]]]]\n", i - 1));
        }
        let errs = parse(&src).unwrap_err();
        assert!(errs[0].message.contains("levels deep"), "{}", errs[0]);
        // Ordinary nesting is fine.
        assert!(parse("a: [[[[[[[[1]]]]]]]]\n").is_ok());
    }

    #[test]
    fn oversized_source_is_refused() {
        let src = "# x\n".repeat(MAX_SOURCE_BYTES / 4 + 1);
        let errs = parse(&src).unwrap_err();
        assert!(errs[0].message.contains("too large"), "{}", errs[0]);
    }

    #[test]
    fn many_keys_are_checked_in_linear_time() {
        let mut src = String::new();
        for i in 0..200_000 {
            src.push_str(&format!("k{i}: v\n"));
        }
        src.push_str("k7: again\n");
        let start = std::time::Instant::now();
        let errs = parse(&src).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].hint.as_ref().unwrap().contains("line 8"));
        assert!(start.elapsed().as_secs() < 20);
    }

    #[test]
    fn aliases_of_finished_nodes_still_work() {
        let root = parse("a: &x {b: 1}\nc: *x\nd: [*x, *x]\n")
            .unwrap()
            .unwrap();
        let c = root.get("c").unwrap();
        assert_eq!(c.get("b").and_then(Node::as_str), Some("1"));
        assert_eq!(c.pos.line, 2);
    }
}
