//! YAML text → a small tree of nodes that keep their source position.
//!
//! Every scalar stays a string: the model decides what it means (a date, a
//! Yes/No, a name). That is what keeps "No" from silently turning into
//! `false` and a telephone number from losing its leading zero. Mapping keys
//! stay in order with their positions, so duplicates and unknown fields can
//! be reported where they are.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::diagnostics::Diagnostic;

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
    let mut builder = Builder::default();
    for item in Parser::new_from_str(source) {
        match item {
            Ok((event, span)) => builder.on_event(event, &span),
            Err(err) => {
                let m = err.marker();
                return Err(vec![
                    Diagnostic::error(format!("invalid YAML: {}", err.info()))
                        .at(m.line(), m.col() + 1)
                        .with_hint(
                            "check the indentation and quoting here; text containing ': ' or starting with a special character needs quotes or a block scalar (|)",
                        ),
                ]);
            }
        }
        if builder.documents > 1 {
            return Err(vec![
                Diagnostic::error("more than one YAML document in this file")
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

#[derive(Default)]
struct Builder {
    stack: Vec<(Node, usize)>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    documents: usize,
    last_pos: Pos,
}

impl Default for Pos {
    fn default() -> Self {
        Pos { line: 1, column: 1 }
    }
}

impl Builder {
    fn on_event(&mut self, event: Event<'_>, span: &Span) {
        let pos = Pos::from_span(span);
        self.last_pos = pos;
        match event {
            Event::DocumentStart(_) => self.documents += 1,
            Event::SequenceStart(anchor, _) => self.stack.push((
                Node {
                    value: Value::Seq(Vec::new()),
                    pos,
                },
                anchor,
            )),
            Event::MappingStart(anchor, _) => self.stack.push((
                Node {
                    value: Value::Map(Vec::new()),
                    pos,
                },
                anchor,
            )),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((node, anchor)) = self.stack.pop() {
                    self.insert(node, anchor);
                }
            }
            Event::Scalar(text, style, anchor, _) => {
                let node = Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    pos,
                };
                self.insert(node, anchor);
            }
            Event::Alias(id) => {
                let node = self.anchors.get(&id).cloned().map(|mut n| {
                    n.pos = pos;
                    n
                });
                if let Some(node) = node {
                    self.insert(node, 0);
                }
            }
            _ => {}
        }
    }

    fn insert(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some((parent, _)) => match &mut parent.value {
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
            },
        }
    }
}

/// The value slot of a key whose value has not been parsed yet.
const PENDING: Node = Node {
    value: Value::Seq(Vec::new()),
    pos: Pos { line: 0, column: 0 },
};

fn find_duplicate_keys(node: &Node, errors: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Map(pairs) => {
            for (i, (key, value)) in pairs.iter().enumerate() {
                if let Some(name) = key.as_str()
                    && let Some((first, _)) =
                        pairs[..i].iter().find(|(k, _)| k.as_str() == Some(name))
                {
                    errors.push(
                        Diagnostic::error(format!("duplicate key `{name}`"))
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
}
