//! The catalogue of standard fields: every field a report may give whatever
//! the council's house style, each with its label and its shape, declared
//! once. A house style places fields from here and from its own
//! `fields:`; the templates of every format read the label from the style,
//! never from a list of their own.

/// How a field's value is laid out: on one line (it may sit in the header
/// table) or as a block of its own (a part after the header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Line,
    Block,
}

/// One standard field.
#[derive(Debug, Clone, Copy)]
pub struct StandardField {
    pub id: &'static str,
    /// The label a style that says nothing else prints.
    pub label: &'static str,
    pub shape: Shape,
    /// Needed whatever the style: the pack and the rules name a report by
    /// these.
    pub always_required: bool,
    /// May be left out even where the style places it (an empty list
    /// says "none").
    pub optional: bool,
}

const fn field(id: &'static str, label: &'static str, shape: Shape) -> StandardField {
    StandardField {
        id,
        label,
        shape,
        always_required: false,
        optional: false,
    }
}

const fn identity(id: &'static str, label: &'static str) -> StandardField {
    StandardField {
        always_required: true,
        ..field(id, label, Shape::Line)
    }
}

const fn optional(id: &'static str, label: &'static str, shape: Shape) -> StandardField {
    StandardField {
        optional: true,
        ..field(id, label, shape)
    }
}

use Shape::{Block, Line};

/// Every standard field, in Sefton's order (the order of a new report).
pub const STANDARD: &[StandardField] = &[
    identity("committee", "Committee"),
    identity("meeting_date", "Date of Meeting"),
    identity("subject", "Subject"),
    field("report_of", "Report of", Line),
    field("wards", "Wards Affected", Line),
    field("portfolio", "Portfolio", Line),
    field("key_decision", "Key Decision", Line),
    field("forward_plan", "Forward Plan", Line),
    optional("urgency", "Urgency", Block),
    field("exempt", "Exempt", Line),
    field("summary", "Summary", Block),
    field("recommendations", "Recommendations", Block),
    field("options", "Options Considered", Block),
    field("costs", "Costs", Block),
    field("implications", "Implications", Block),
    field("climate", "Climate Emergency Implications", Block),
    field("core_purpose", "Core Purpose", Block),
    field("consultations", "Consultations", Block),
    field("implementation_date", "Implementation Date", Block),
    field("contact", "Contact Officer", Block),
    optional("appendices", "Appendices", Block),
    optional("enclosures", "Enclosures", Line),
    optional("background_papers", "Background Papers", Block),
    field("body", "Report", Block),
    optional("progress", "Progress", Block),
];

/// The standard field `id`.
pub fn standard(id: &str) -> Option<&'static StandardField> {
    STANDARD.iter().find(|f| f.id == id)
}

/// Fields a report may write that are not placed anywhere: derived ones
/// (`enclosures` from `appendices`) are never written by the author.
pub fn is_derived(id: &str) -> bool {
    id == "enclosures"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_is_declared_once() {
        for (i, f) in STANDARD.iter().enumerate() {
            assert!(
                STANDARD[i + 1..].iter().all(|g| g.id != f.id),
                "{} twice",
                f.id
            );
            assert!(!f.label.ends_with(':'), "{}: labels carry no colon", f.id);
        }
    }
}
