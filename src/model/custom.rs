//! The values of a council's own fields, as a report gives them at its
//! top level under their ids, each read by the type its house style
//! declares (`crate::model::style::FieldKind`).

use jiff::civil::Date;
use serde::Serialize;

use crate::load::decode::{Decoder, Fields, OptionalText, did_you_mean};
use crate::load::positions::item_path;
use crate::load::yaml::{Node, Value};
use crate::model::style::FieldKind;

/// One custom field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomValue {
    Text(String),
    Markdown(String),
    YesNo(YesNo),
    Date(Date),
    Choice(String),
    List(Vec<String>),
    Table(Vec<Vec<String>>),
    Officer(Officer),
}

/// Yes or No, with an optional reason: `{ answer: Yes, reason: ... }`,
/// printed "Yes – reason".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct YesNo {
    pub answer: bool,
    pub reason: Option<String>,
}

impl YesNo {
    pub fn printed(&self) -> String {
        let word = if self.answer { "Yes" } else { "No" };
        match &self.reason {
            Some(r) => format!("{word} – {r}"),
            None => word.to_string(),
        }
    }
}

impl crate::load::decode::Decode for YesNo {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            return d.decode::<bool>(node, field).map(|answer| YesNo {
                answer,
                reason: None,
            });
        }
        let mut f = Fields::new(node, field, d)?;
        let answer = f.get("answer", d);
        let reason = f.get("reason", d);
        f.finish(d);
        Some(YesNo {
            answer: answer?,
            reason: reason?,
        })
    }
}

/// An officer: who cleared or wrote a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Officer {
    pub name: String,
    pub post: String,
    pub telephone: String,
    pub email: String,
}

impl crate::load::decode::Decode for Officer {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let name = f.get("name", d);
        let post: Option<OptionalText> = f.get("post", d);
        let telephone: Option<OptionalText> = f.get("telephone", d);
        let email: Option<OptionalText> = f.get("email", d);
        f.finish(d);
        Some(Officer {
            name: name?,
            post: post?.0,
            telephone: telephone?.0,
            email: email?.0,
        })
    }
}

/// Reads `node` as a value of `kind`.
pub fn decode(node: &Node, field: &str, kind: &FieldKind, d: &mut Decoder) -> Option<CustomValue> {
    Some(match kind {
        FieldKind::Text => CustomValue::Text(d.decode(node, field)?),
        FieldKind::Markdown => CustomValue::Markdown(d.decode(node, field)?),
        FieldKind::YesNo => CustomValue::YesNo(d.decode(node, field)?),
        FieldKind::Date => CustomValue::Date(d.decode(node, field)?),
        FieldKind::List => CustomValue::List(d.decode(node, field)?),
        FieldKind::Officer => CustomValue::Officer(d.decode(node, field)?),
        FieldKind::Choice(values) => {
            let text: String = d.decode(node, field)?;
            match values.iter().find(|v| v.eq_ignore_ascii_case(text.trim())) {
                Some(v) => CustomValue::Choice(v.clone()),
                None => {
                    let names: Vec<&str> = values.iter().map(String::as_str).collect();
                    let hint = match did_you_mean(&text, &names) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("write one of: {}", names.join(", ")),
                    };
                    d.error(
                        node,
                        format!(
                            "`{field}` should be one of {}, found `{text}`",
                            names.join(", ")
                        ),
                        hint,
                    );
                    return None;
                }
            }
        }
        FieldKind::Table(columns) => CustomValue::Table(table(node, field, columns, d)?),
    })
}

/// A table's rows: each a list of cells in column order, or a mapping of
/// column name to cell.
fn table(
    node: &Node,
    field: &str,
    columns: &[String],
    d: &mut Decoder,
) -> Option<Vec<Vec<String>>> {
    let rows = match &node.value {
        _ if node.is_null() => return Some(Vec::new()),
        Value::Seq(rows) => rows,
        _ => {
            d.error(
                node,
                format!("`{field}` should be a list of rows"),
                format!("write one row per line: `- [{}]`", columns.join(", ")),
            );
            return None;
        }
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (i, row) in rows.iter().enumerate() {
        let path = item_path(field, i);
        match &row.value {
            Value::Seq(cells) => {
                if cells.len() != columns.len() {
                    d.error(
                        row,
                        format!(
                            "`{path}` has {} cells; the table has {} columns ({})",
                            cells.len(),
                            columns.len(),
                            columns.join(", ")
                        ),
                        "give one cell per column, \"\" for an empty one",
                    );
                    ok = false;
                    continue;
                }
                let cells: Option<Vec<OptionalText>> = d.decode(row, &path);
                match cells {
                    Some(c) => out.push(c.into_iter().map(|t| t.0).collect()),
                    None => ok = false,
                }
            }
            Value::Map(_) => {
                let Some(mut f) = Fields::new(row, &path, d) else {
                    ok = false;
                    continue;
                };
                let cells: Vec<Option<OptionalText>> =
                    columns.iter().map(|c| f.get(c, d)).collect();
                f.finish(d);
                match cells.into_iter().collect::<Option<Vec<_>>>() {
                    Some(c) => out.push(c.into_iter().map(|t| t.0).collect()),
                    None => ok = false,
                }
            }
            _ => {
                d.error(
                    row,
                    format!(
                        "`{path}` should be a row: a list of cells or a mapping of column to cell"
                    ),
                    format!("write `- [{}]`", columns.join(", ")),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}
