//! The Markdown fields of the data, converted to Typst markup and handed to
//! Typst as files of their own.
//!
//! Why files, not strings evaluated in the template: a file has its own
//! source, so Typst's spans say which field an error came from, and the
//! error is reported at that field's line in the YAML; an `eval`ed string
//! would lose its place. The templates place a field with `md(value)`,
//! which looks the value up in `/prose.json` (Markdown source → file) and
//! `include`s the file. The conversion ([`super::markup`]) writes every
//! character an author typed as text, so no YAML value becomes Typst code.

use std::collections::HashMap;

use serde_json::Value;

use super::markup::markdown_to_typst;
use crate::prose::{FieldPath, is_markdown, walk};

/// A Markdown field as Typst sees it.
#[derive(Debug, Clone)]
pub struct ProseFile {
    /// The first field that holds this text.
    pub field: FieldPath,
    /// The virtual path the templates include (`/prose/3.typ`).
    pub path: String,
    /// The converted markup.
    pub markup: String,
}

/// Every Markdown field of the data, converted, and the index that `md`
/// reads.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    pub files: Vec<ProseFile>,
    /// `/prose.json`: Markdown source → virtual path.
    pub index: serde_json::Map<String, Value>,
}

impl Prose {
    pub fn collect(data: &Value) -> Prose {
        let mut prose = Prose::default();
        let mut by_text: HashMap<String, usize> = HashMap::new();
        walk(data, &mut FieldPath::default(), &mut |path, text| {
            if by_text.contains_key(text) || !is_markdown(path) {
                return;
            }
            let n = prose.files.len();
            let file = format!("/prose/{n}.typ");
            by_text.insert(text.to_string(), n);
            prose
                .index
                .insert(text.to_string(), Value::String(file.clone()));
            prose.files.push(ProseFile {
                field: path.clone(),
                path: file,
                markup: markdown_to_typst(text),
            });
        });
        prose
    }

    /// The field whose converted text is the virtual file `path`.
    pub fn field_of(&self, path: &str) -> Option<&FieldPath> {
        self.files.iter().find(|f| f.path == path).map(|f| &f.field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn markdown_fields_are_converted_once_and_indexed() {
        let data = json!({
            "council": { "name": "A *council*" },
            "report": {
                "subject": "Plain *text*",
                "summary": "To *note*.",
                "recommendations": ["To *note*.", "To agree."],
                "body": { "sections": [ { "title": "T", "items": [ { "markdown": "Para #set" } ] } ] }
            }
        });
        let prose = Prose::collect(&data);
        let fields: Vec<String> = prose.files.iter().map(|f| f.field.to_string()).collect();
        assert_eq!(
            fields,
            [
                "report.body.sections[0].items[0].markdown",
                "report.recommendations[0]",
                "report.recommendations[1]",
            ],
            "the summary repeats recommendation 1, so it shares its file"
        );
        assert_eq!(prose.index["To *note*."], "/prose/1.typ");
        assert!(!prose.index.contains_key("Plain *text*"));
        assert_eq!(prose.files[0].markup, "Para \\#set");
        assert_eq!(prose.files[1].markup, "To #emph[note]\\.");
        assert_eq!(
            prose
                .field_of("/prose/2.typ")
                .map(ToString::to_string)
                .as_deref(),
            Some("report.recommendations[1]")
        );
    }

    #[test]
    fn a_report_deeper_in_the_data_is_found() {
        let data = json!({ "items": [ { "report": { "summary": "S" } } ] });
        let prose = Prose::collect(&data);
        assert_eq!(prose.files[0].field.to_string(), "items[0].report.summary");
    }
}
