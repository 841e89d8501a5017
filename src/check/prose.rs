//! Rules over the Markdown an author wrote, in every field that holds it.

use crate::diagnostics::Diagnostic;
use crate::origins::Origins;
use crate::prose::{FieldPath, has_empty_heading, is_markdown, walk};

/// A heading with no text (`## ` alone) is refused wherever it is: no
/// format can show it (the PDF would fail, the HTML outline would have a
/// hole), so every format treats it the same. `data` is the context as
/// JSON; each error is placed at its YAML field.
pub fn check(data: &serde_json::Value, body: &str, origins: &dyn Origins) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut push = |field: &FieldPath| {
        let mut d = Diagnostic::error(format!("a heading in `{field}` has no text"))
            .with_code("P315")
            .with_hint("give the heading its text, or delete the `#` line");
        if let Some((file, location)) = origins.origin(field) {
            d = d.in_file(file);
            d.location = location;
        }
        out.push(d);
    };
    walk(data, &mut FieldPath::default(), &mut |path, text| {
        if is_markdown(path) && has_empty_heading(text) && !path.to_string().contains(".body.") {
            push(path);
        }
    });
    if has_empty_heading(body) {
        push(&FieldPath(vec![
            crate::prose::Step::Key("report".into()),
            crate::prose::Step::Key("body".into()),
        ]));
    }
    out
}
