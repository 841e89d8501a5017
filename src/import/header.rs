//! The header block: a two-column table (label, value; a four-column one
//! holds two pairs a row), or "Label: value" lines, each label matched to
//! a field by the house style's labels.

use super::document::{Block, Para};
use super::labels;
use super::markdown::Converter;
use crate::model::style::HouseStyle;

/// One header row read: the field, the label as written and its value.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: Option<String>,
    pub label: String,
    pub value: String,
    /// Where it was: "the header table" or "a `Label: value` line".
    pub source: &'static str,
}

fn cell_text(conv: &Converter, paras: &[Para]) -> String {
    paras
        .iter()
        .map(|p| conv.plain(p))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rows of `rows` read as a header table, when at least two of its
/// labels name header fields.
pub fn table(rows: &[Vec<Vec<Para>>], conv: &Converter, m: &labels::Matcher) -> Option<Vec<Row>> {
    let mut out = Vec::new();
    for row in rows {
        if row.len() < 2 {
            continue;
        }
        for pair in row.chunks(2) {
            let [label, value] = pair else { continue };
            let label = cell_text(conv, label);
            let value = cell_text(conv, value);
            if label.is_empty() && value.is_empty() {
                continue;
            }
            let id = m.best(&label).map(|(id, _)| id.to_string());
            out.push(Row {
                id,
                label: label.trim_end_matches(':').trim().to_string(),
                value,
                source: "the header table",
            });
        }
    }
    (out.iter().filter(|r| r.id.is_some()).count() >= 2).then_some(out)
}

/// A "Label: value" line naming a header field.
pub fn line(p: &Para, conv: &Converter, m: &labels::Matcher) -> Option<Row> {
    let text = conv.plain(p);
    let (label, value) = text.split_once(':')?;
    if label.len() > 80 || label.trim().is_empty() {
        return None;
    }
    let (id, _) = m.best(label)?;
    Some(Row {
        id: Some(id.to_string()),
        label: label.trim().to_string(),
        value: value.trim().to_string(),
        source: "a `Label: value` line",
    })
}

/// Where the header is: the blocks it takes and its rows. The first
/// table before the first part's heading that reads as a header, else
/// the `Label: value` lines there.
pub fn find(
    blocks: &[Block],
    is_part_heading: &dyn Fn(usize) -> bool,
    conv: &Converter,
    style: &HouseStyle,
) -> (Vec<usize>, Vec<Row>) {
    let m = labels::Matcher::new(style, &labels::header_ids(style));
    let end = (0..blocks.len())
        .find(|i| is_part_heading(*i))
        .unwrap_or(blocks.len());
    for (i, b) in blocks[..end].iter().enumerate() {
        if let Block::Table(rows) = b
            && let Some(rows) = table(rows, conv, &m)
        {
            return (vec![i], rows);
        }
    }
    let mut taken = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for (i, b) in blocks[..end].iter().enumerate() {
        let Block::Para(p) = b else { continue };
        if let Some(row) = line(p, conv, &m)
            && !rows.iter().any(|r| r.id == row.id)
        {
            taken.push(i);
            rows.push(row);
        }
    }
    if rows.len() >= 2 {
        (taken, rows)
    } else {
        (Vec::new(), Vec::new())
    }
}
