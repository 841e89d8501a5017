//! Rules over the Markdown an author wrote, in every field that holds it.
//! They read the YAML tree the model was decoded from, so a finding is
//! placed at the field's own line without looking anything up again.

use crate::diagnostics::{Code, Diagnostic};
use crate::load::yaml::{Node, Value};
use crate::prose::{FieldPath, Step, has_empty_heading, has_non_character_reference, is_markdown};

/// Markdown that the formats cannot show alike, in the file whose tree is
/// `root` and whose fields sit at `prefix` in the data (`report` for a
/// report, `report.progress[k]` for the k-th tracker it cites): a heading
/// with no text (`## ` alone: the PDF would fail, the HTML outline would
/// have a hole) is refused, P315; a character reference to no character
/// (`&#0;`, which CommonMark makes U+FFFD, a glyph no shipped font has, so
/// the PDF prints `?`) is a warning, P316. Findings carry a position but no
/// file.
pub fn check(root: &Node, prefix: FieldPath) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut path = prefix;
    walk(root, &mut path, &mut |path, node, text| {
        let body = path.0.len() == 2 && path.0[1] == Step::Key("body".into());
        if is_markdown(path) || body {
            check_text(path, text, node, &mut out);
        }
    });
    out
}

fn check_text(path: &FieldPath, text: &str, node: &Node, out: &mut Vec<Diagnostic>) {
    let at = |d: Diagnostic| d.at(node.pos.line, node.pos.column);
    if has_empty_heading(text) {
        out.push(at(Diagnostic::error(
            Code::P315,
            format!("a heading in `{path}` has no text"),
        )
        .with_hint("give the heading its text, or delete the `#` line")));
    }
    if has_non_character_reference(text) {
        out.push(at(Diagnostic::warning(Code::P316, format!(
            "`{path}` has a character reference to no character (such as `&#0;`): it shows as \u{FFFD} in the HTML and as ? in the PDF"
        ))
        .with_hint("delete the reference, or write the character it was meant to be")));
    }
}

/// Every scalar under `node` with its path (keys by name, list items by
/// 0-based index, as in the data the templates see).
fn walk(node: &Node, path: &mut FieldPath, visit: &mut dyn FnMut(&FieldPath, &Node, &str)) {
    match &node.value {
        Value::Scalar { text, .. } => visit(path, node, text),
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.0.push(Step::Index(i));
                walk(item, path, visit);
                path.0.pop();
            }
        }
        Value::Map(pairs) => {
            for (key, value) in pairs {
                path.0
                    .push(Step::Key(key.as_str().unwrap_or("?").to_string()));
                walk(value, path, visit);
                path.0.pop();
            }
        }
    }
}
