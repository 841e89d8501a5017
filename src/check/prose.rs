//! Rules over the Markdown an author wrote, in every field that holds it.

use crate::diagnostics::Diagnostic;
use crate::load::origins::Origins;
use crate::prose::{FieldPath, has_empty_heading, has_non_character_reference, is_markdown, walk};

/// Markdown that the formats cannot show alike, wherever it is: a heading
/// with no text (`## ` alone: the PDF would fail, the HTML outline would
/// have a hole) is refused, P315; a character reference to no character
/// (`&#0;`, which CommonMark makes U+FFFD, a glyph no shipped font has, so
/// the PDF prints `?`) is a warning, P316. `data` is the context as JSON;
/// each finding is placed at its YAML field.
pub fn check(data: &serde_json::Value, body: &str, origins: &dyn Origins) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut push = |field: &FieldPath, d: Diagnostic| {
        let mut d = d;
        if let Some((file, location)) = origins.origin(field) {
            d = d.in_file(file);
            d.location = location;
        }
        out.push(d);
    };
    let mut check_text = |path: &FieldPath, text: &str| {
        if has_empty_heading(text) {
            push(
                path,
                Diagnostic::error(format!("a heading in `{path}` has no text"))
                    .with_code("P315")
                    .with_hint("give the heading its text, or delete the `#` line"),
            );
        }
        if has_non_character_reference(text) {
            push(
                path,
                Diagnostic::warning(format!(
                    "`{path}` has a character reference to no character (such as `&#0;`): it shows as \u{FFFD} in the HTML and as ? in the PDF"
                ))
                .with_code("P316")
                .with_hint("delete the reference, or write the character it was meant to be"),
            );
        }
    };
    walk(data, &mut FieldPath::default(), &mut |path, text| {
        if is_markdown(path) && !path.to_string().contains(".body.") {
            check_text(path, text);
        }
    });
    check_text(
        &FieldPath(vec![
            crate::prose::Step::Key("report".into()),
            crate::prose::Step::Key("body".into()),
        ]),
        body,
    );
    out
}
