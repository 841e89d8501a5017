//! The report's YAML, written by hand so that it reads as an author
//! would write it: the house style's field order, plain scalars where
//! they read back the same, `|-` blocks for Markdown, and `TODO` where
//! the Word report did not say.

/// A value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string (quoted when plain would read differently).
    Text(String),
    /// Written as it is: `Yes`, `all`, `TODO`, `[]`.
    Raw(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

pub fn todo() -> Value {
    Value::Raw("TODO".into())
}

/// A YAML scalar for one line of text.
pub fn scalar(text: &str) -> String {
    crate::scaffold::scalar(text)
}

fn write_value(out: &mut String, indent: usize, value: &Value) {
    let pad = " ".repeat(indent);
    match value {
        Value::Raw(r) => {
            out.push(' ');
            out.push_str(r);
            out.push('\n');
        }
        Value::Text(t) if !t.contains('\n') => {
            out.push(' ');
            out.push_str(&scalar(t));
            out.push('\n');
        }
        Value::Text(t) => {
            out.push_str(if t.ends_with('\n') { " |\n" } else { " |-\n" });
            for line in t.trim().lines() {
                let line = line.trim_end();
                if line.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str(&pad);
                    out.push_str("  ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        Value::List(items) if items.is_empty() => out.push_str(" []\n"),
        Value::List(items) => {
            out.push('\n');
            for item in items {
                out.push_str(&pad);
                out.push_str("  -");
                write_value(out, indent + 4, item);
            }
        }
        Value::Map(pairs) if pairs.is_empty() => out.push_str(" {}\n"),
        Value::Map(pairs) => {
            out.push('\n');
            for (k, v) in pairs {
                out.push_str(&pad);
                out.push_str("  ");
                out.push_str(&scalar(k));
                out.push(':');
                write_value(out, indent + 2, v);
            }
        }
    }
}

/// `key: value` lines, in order.
pub fn write(fields: &[(String, Value)]) -> String {
    let mut out = String::new();
    for (k, v) in fields {
        out.push_str(&scalar(k));
        out.push(':');
        write_value(&mut out, 0, v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_yaml_reads_back() {
        let fields = vec![
            (
                "subject".to_string(),
                Value::Text("Rents: 2024 # review".into()),
            ),
            (
                "summary".to_string(),
                Value::Text("One.\n\n  - two\n\nthree".into()),
            ),
            (
                "costs".to_string(),
                Value::Map(vec![
                    ("revenue".into(), Value::Text("Yes".into())),
                    ("capital".into(), todo()),
                ]),
            ),
            (
                "recommendations".to_string(),
                Value::List(vec![Value::Text("a\nb".into()), Value::Text("- c".into())]),
            ),
            ("background_papers".to_string(), Value::List(vec![])),
        ];
        let text = write(&fields);
        let root = crate::load::yaml::parse(&text).unwrap().unwrap();
        assert_eq!(
            root.get("subject").unwrap().as_str(),
            Some("Rents: 2024 # review")
        );
        assert_eq!(
            root.get("summary").unwrap().as_str(),
            Some("One.\n\n  - two\n\nthree")
        );
        assert_eq!(
            root.get("costs").unwrap().get("revenue").unwrap().as_str(),
            Some("Yes")
        );
    }
}
