//! A council's house style, declared in `council.yaml` (`house_style:` or
//! `house_styles:`): its own fields beside the standard ones, its labels,
//! which fields the header shows, the parts after it in order, and how
//! paragraphs and headings are numbered. Sefton's style is a declaration
//! too (`templates/house-style.yaml`), the one a council without
//! `house_style` gets.
//!
//! Everything a style says is checked as it is read, each finding at its
//! line in `council.yaml` (P120-P126): a style that decodes is one every
//! template can lay out.

use std::sync::OnceLock;

use serde::Serialize;

use crate::load::decode::{Decode, Decoder, Fields, did_you_mean};
use crate::load::yaml::{Node, Value};
use crate::model::catalogue::{self, Shape};
use crate::model::wording::Wording;

/// The built-in style, Sefton's (ejected by `papers templates eject`).
pub const BUILTIN: &str = include_str!("../../templates/house-style.yaml");

/// One house style.
#[derive(Debug, Clone, PartialEq)]
pub struct HouseStyle {
    /// The council's own fields, in the order declared.
    pub fields: Vec<CustomField>,
    /// New wording for standard or custom fields (no trailing colon).
    pub labels: Vec<(String, Wording)>,
    /// The header table's rows, by field id.
    pub header: Vec<String>,
    /// The parts after the header, in order.
    pub sections: Vec<SectionEntry>,
    pub numbering: Numbering,
}

/// A field the council adds to the standard ones.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomField {
    pub id: String,
    pub kind: FieldKind,
    pub label: Wording,
    /// A report must give it (the default), where the style places it.
    pub required: bool,
}

/// What a custom field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    Markdown,
    YesNo,
    Date,
    Choice(Vec<String>),
    List,
    Table(Vec<String>),
    Officer,
}

impl FieldKind {
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Markdown => "markdown",
            FieldKind::YesNo => "yes_no",
            FieldKind::Date => "date",
            FieldKind::Choice(_) => "choice",
            FieldKind::List => "list",
            FieldKind::Table(_) => "table",
            FieldKind::Officer => "officer",
        }
    }

    /// Whether a value fits on one line of the header table.
    pub fn shape(&self) -> Shape {
        match self {
            FieldKind::Text | FieldKind::YesNo | FieldKind::Date | FieldKind::Choice(_) => {
                Shape::Line
            }
            _ => Shape::Block,
        }
    }
}

const KINDS: &[&str] = &[
    "text", "markdown", "yes_no", "date", "choice", "list", "table", "officer",
];

/// One entry of `sections:`.
#[derive(Debug, Clone, PartialEq)]
pub enum SectionEntry {
    /// An unnumbered heading one level above the parts under it.
    Group(Wording),
    Part(PartEntry),
}

/// A part: a field laid out as a block after the header.
#[derive(Debug, Clone, PartialEq)]
pub struct PartEntry {
    pub id: String,
    pub heading: PartHeading,
    /// A line printed before the part's content ("Cabinet is requested to:").
    pub intro: Option<Wording>,
    /// Takes a section number, its paragraphs numbered under it. `None`
    /// is the default: numbered for `body` only.
    pub numbered: Option<bool>,
}

impl PartEntry {
    pub fn is_numbered(&self) -> bool {
        self.numbered.unwrap_or(self.id == "body")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PartHeading {
    /// The field's label.
    Label,
    Text(Wording),
    /// `heading: none`.
    None,
}

/// `numbering:`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Numbering {
    pub paragraphs: Paragraphs,
    pub headings: Headings,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paragraphs {
    /// 1.1, 1.2 under section 1.
    #[default]
    Decimal,
    /// 1, 2, 3 through the report.
    Flat,
    None,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub enum Headings {
    /// "1. Introduction".
    #[default]
    Dot,
    /// "1.0 Introduction".
    DotZero,
    None,
}

impl Headings {
    /// The number printed before a section's heading.
    pub fn label(self, n: u32) -> Option<String> {
        match self {
            Headings::Dot => Some(format!("{n}.")),
            Headings::DotZero => Some(format!("{n}.0")),
            Headings::None => None,
        }
    }
}

impl HouseStyle {
    /// Sefton's style, the built-in one.
    pub fn builtin() -> &'static HouseStyle {
        static STYLE: OnceLock<HouseStyle> = OnceLock::new();
        STYLE.get_or_init(|| read(BUILTIN).expect("the built-in house style decodes"))
    }

    /// The label of field `id`: the style's `labels`, else the custom
    /// field's own, else the catalogue's.
    /// In a bilingual style, both languages' joined ("Subject / Pwnc").
    pub fn label(&self, id: &str) -> String {
        self.wording(id).joined()
    }

    /// The label of field `id` in the council's languages.
    pub fn wording(&self, id: &str) -> Wording {
        if let Some((_, label)) = self.labels.iter().find(|(k, _)| k == id) {
            return label.clone();
        }
        if let Some(f) = self.custom(id) {
            return f.label.clone();
        }
        Wording::plain(
            catalogue::standard(id).map_or_else(|| id.to_string(), |f| f.label.to_string()),
        )
    }

    /// Every wording the style gives (labels, group and part headings,
    /// intros), for the check against the council's `languages`.
    pub fn wordings(&self) -> Vec<&Wording> {
        let mut out: Vec<&Wording> = self.fields.iter().map(|f| &f.label).collect();
        out.extend(self.labels.iter().map(|(_, w)| w));
        for s in &self.sections {
            match s {
                SectionEntry::Group(w) => out.push(w),
                SectionEntry::Part(p) => {
                    if let PartHeading::Text(w) = &p.heading {
                        out.push(w);
                    }
                    out.extend(p.intro.as_ref());
                }
            }
        }
        out
    }

    pub fn custom(&self, id: &str) -> Option<&CustomField> {
        self.fields.iter().find(|f| f.id == id)
    }

    pub fn part(&self, id: &str) -> Option<&PartEntry> {
        self.sections.iter().find_map(|s| match s {
            SectionEntry::Part(p) if p.id == id => Some(p),
            _ => None,
        })
    }

    /// Whether the header or a part shows field `id`. `enclosures` shows
    /// the appendices.
    pub fn places(&self, id: &str) -> bool {
        let shown = |id: &str| self.header.iter().any(|h| h == id) || self.part(id).is_some();
        shown(id) || (id == "appendices" && shown("enclosures"))
    }

    /// Every id a report may give under this style: the standard ones,
    /// then the council's.
    pub fn known_ids(&self) -> Vec<&str> {
        catalogue::STANDARD
            .iter()
            .map(|f| f.id)
            .filter(|id| !catalogue::is_derived(id))
            .chain(["style"])
            .chain(self.fields.iter().map(|f| f.id.as_str()))
            .collect()
    }
}

/// A style on its own (not inside `council.yaml`): the built-in one, or
/// an ejected copy being tried.
pub fn read(text: &str) -> Result<HouseStyle, Vec<crate::diagnostics::Diagnostic>> {
    let root = crate::load::yaml::parse(text)?;
    let mut d = Decoder::default();
    let style = root.and_then(|root| d.decode::<HouseStyle>(&root, ""));
    match style {
        Some(style) if d.errors.is_empty() => Ok(style),
        _ => Err(d.errors),
    }
}

fn text_of(node: &Node) -> Option<&str> {
    node.as_str().map(str::trim)
}

fn is_known_id(id: &str, fields: &[CustomField]) -> bool {
    catalogue::standard(id).is_some() || fields.iter().any(|f| f.id == id)
}

/// An unknown id, with a "did you mean" over both kinds.
fn unknown_id(node: &Node, id: &str, what: &str, fields: &[CustomField], d: &mut Decoder) {
    let mut ids: Vec<&str> = catalogue::STANDARD.iter().map(|f| f.id).collect();
    ids.extend(fields.iter().map(|f| f.id.as_str()));
    let hint = match did_you_mean(id, &ids) {
        Some(best) => format!(
            "did you mean `{best}`? Declare a field of the council's own under `house_style.fields`"
        ),
        None => "use a standard field (the README lists them) or declare the council's own under `house_style.fields`".into(),
    };
    d.coded(
        crate::diagnostics::Code::P120,
        node,
        format!("{what}: there is no field `{id}`"),
        hint,
    );
}

impl Decode for HouseStyle {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let fields_node = f.node("fields");
        let labels_node = f.node("labels");
        let header_node = f.node("header");
        let sections_node = f.node("sections");
        let numbering: Option<Numbering> = f.get("numbering", d);
        f.finish(d);
        let before = d.errors.len();
        let prefix = if field.is_empty() {
            String::new()
        } else {
            format!("{field}.")
        };

        let fields = match fields_node {
            Some(n) => decode_fields(n, &format!("{prefix}fields"), d),
            None => Vec::new(),
        };

        let mut labels = Vec::new();
        if let Some(n) = labels_node.filter(|n| !n.is_null()) {
            match &n.value {
                Value::Map(pairs) => {
                    for (key, value) in pairs {
                        let Some(id) = text_of(key) else { continue };
                        if !is_known_id(id, &fields) {
                            let mut ids: Vec<&str> =
                                catalogue::STANDARD.iter().map(|f| f.id).collect();
                            ids.extend(fields.iter().map(|f| f.id.as_str()));
                            let hint = match did_you_mean(id, &ids) {
                                Some(best) => format!("did you mean `{best}`?"),
                                None => "label a standard field or one under `house_style.fields`"
                                    .into(),
                            };
                            d.coded(
                                crate::diagnostics::Code::P121,
                                key,
                                format!("`{prefix}labels.{id}`: a label for no field"),
                                hint,
                            );
                            continue;
                        }
                        let label: Option<Wording> =
                            d.decode(value, &format!("{prefix}labels.{id}"));
                        if let Some(label) = label {
                            labels.push((id.to_string(), label.map(strip_colon)));
                        }
                    }
                }
                _ => d.error(
                    n,
                    format!("`{prefix}labels` should be a mapping of field id to label"),
                    "write one `committee: REPORT FOR` per line",
                ),
            }
        }

        let mut header = Vec::new();
        if let Some(n) = header_node {
            let items = ids_of(n, &format!("{prefix}header"), d);
            for (id, at) in items {
                if !is_known_id(&id, &fields) {
                    unknown_id(at, &id, &format!("`{prefix}header`"), &fields, d);
                    continue;
                }
                let shape = fields
                    .iter()
                    .find(|f| f.id == id)
                    .map(|f| f.kind.shape())
                    .or_else(|| catalogue::standard(&id).map(|f| f.shape));
                if shape == Some(Shape::Block) {
                    d.coded(
                        crate::diagnostics::Code::P125,
                        at,
                        format!("`{prefix}header`: `{id}` is a block (text with paragraphs, a list or a table) and a header cell holds one line"),
                        "place it in `sections` instead",
                    );
                    continue;
                }
                header.push(id);
            }
        }

        let sections = match sections_node {
            Some(n) => decode_sections(n, &format!("{prefix}sections"), &fields, d),
            None => Vec::new(),
        };

        if d.errors.len() > before {
            return None;
        }
        Some(HouseStyle {
            fields,
            labels,
            header,
            sections,
            numbering: numbering?,
        })
    }
}

fn strip_colon(label: &str) -> String {
    label.trim().trim_end_matches(':').trim_end().to_string()
}

/// A list of ids with where each is written.
fn ids_of<'n>(node: &'n Node, field: &str, d: &mut Decoder) -> Vec<(String, &'n Node)> {
    let Value::Seq(items) = &node.value else {
        d.error(
            node,
            format!("`{field}` should be a list of field ids"),
            "write `[committee, meeting_date, subject]`",
        );
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match text_of(item) {
            Some(id) if !item.is_null() => Some((id.to_string(), item)),
            _ => {
                d.error(
                    item,
                    format!("`{field}`: an entry should be a field id"),
                    "write the field's id, e.g. `subject`",
                );
                None
            }
        })
        .collect()
}

fn decode_fields(node: &Node, field: &str, d: &mut Decoder) -> Vec<CustomField> {
    if node.is_null() {
        return Vec::new();
    }
    let Value::Map(pairs) = &node.value else {
        d.error(
            node,
            format!("`{field}` should be a mapping of field id to its type and label"),
            "write `call_in: { type: yes_no, label: Decision subject to Call-in }`",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in pairs {
        let Some(id) = text_of(key) else { continue };
        let path = format!("{field}.{id}");
        if catalogue::standard(id).is_some() || id == "style" {
            d.coded(
                crate::diagnostics::Code::P121,
                key,
                format!("`{path}`: `{id}` is a standard field already"),
                format!("give the council's field another id, or change the standard one's wording with `labels: {{ {id}: ... }}`"),
            );
            continue;
        }
        if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            || !id.starts_with(|c: char| c.is_ascii_lowercase())
        {
            d.coded(
                crate::diagnostics::Code::P121,
                key,
                format!("`{path}`: a field id is lower-case letters, digits and `_`"),
                "for example `call_in` or `agenda_item`",
            );
            continue;
        }
        if let Some(f) = decode_field(id, value, &path, d) {
            out.push(f);
        }
    }
    out
}

fn decode_field(id: &str, node: &Node, path: &str, d: &mut Decoder) -> Option<CustomField> {
    let mut f = Fields::new(node, path, d)?;
    let kind_node = f.node("type");
    let label: Option<Wording> = f.get("label", d);
    let required: Option<Option<bool>> = f.get("required", d);
    let values: Option<Option<Vec<String>>> = f.get("values", d);
    let columns: Option<Option<Vec<String>>> = f.get("columns", d);
    f.finish(d);
    let Some(kind_node) = kind_node else {
        d.coded(
            crate::diagnostics::Code::P104,
            node,
            format!("missing required field `{path}.type`"),
            format!("add `type:` ({})", KINDS.join(", ")),
        );
        return None;
    };
    let kind_text = text_of(kind_node).unwrap_or_default().to_ascii_lowercase();
    let values = values.flatten();
    let columns = columns.flatten();
    let kind = match kind_text.as_str() {
        "text" => FieldKind::Text,
        "markdown" => FieldKind::Markdown,
        "yes_no" => FieldKind::YesNo,
        "date" => FieldKind::Date,
        "list" => FieldKind::List,
        "officer" => FieldKind::Officer,
        "choice" => match values.filter(|v| !v.is_empty()) {
            Some(v) => FieldKind::Choice(v),
            None => {
                d.coded(
                    crate::diagnostics::Code::P124,
                    kind_node,
                    format!("`{path}`: a choice needs its `values`"),
                    "add `values: [Yes, No, Partly]`",
                );
                return None;
            }
        },
        "table" => match columns.filter(|v| !v.is_empty()) {
            Some(v) => FieldKind::Table(v),
            None => {
                d.coded(
                    crate::diagnostics::Code::P124,
                    kind_node,
                    format!("`{path}`: a table needs its `columns`"),
                    "add `columns: [Officer, Name, Date]`",
                );
                return None;
            }
        },
        other => {
            let hint = match did_you_mean(other, KINDS) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the types are: {}", KINDS.join(", ")),
            };
            d.coded(
                crate::diagnostics::Code::P124,
                kind_node,
                format!("`{path}.type`: there is no type `{other}`"),
                hint,
            );
            return None;
        }
    };
    Some(CustomField {
        id: id.to_string(),
        kind,
        label: label?.map(strip_colon),
        required: required?.unwrap_or(true),
    })
}

fn decode_sections(
    node: &Node,
    field: &str,
    fields: &[CustomField],
    d: &mut Decoder,
) -> Vec<SectionEntry> {
    let Value::Seq(items) = &node.value else {
        d.error(
            node,
            format!("`{field}` should be a list of parts"),
            "write one part per line: `- summary`, `- { group: Section 2 – Report }`",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    // The last group and whether any part has followed it.
    let mut open_group: Option<(&Node, bool)> = None;
    let close = |group: Option<(&Node, bool)>, d: &mut Decoder| {
        if let Some((n, false)) = group {
            d.coded(
                crate::diagnostics::Code::P122,
                n,
                format!("`{field}`: a group with no part under it"),
                "list the parts that belong under it after it, or remove it",
            );
        }
    };
    for (i, item) in items.iter().enumerate() {
        let path = format!("{field}[{}]", i + 1);
        if let Some(id) = item.as_str().filter(|_| !item.is_null()) {
            let id = id.trim();
            if !is_known_id(id, fields) {
                unknown_id(item, id, &format!("`{path}`"), fields, d);
                continue;
            }
            if let Some(g) = open_group.as_mut() {
                g.1 = true;
            }
            out.push(SectionEntry::Part(PartEntry {
                id: id.to_string(),
                heading: PartHeading::Label,
                intro: None,
                numbered: None,
            }));
            continue;
        }
        let Some(mut f) = Fields::new(item, &path, d) else {
            continue;
        };
        let group: Option<Option<Wording>> = f.get("group", d);
        let part_node = f.node("part");
        let heading: Option<Option<Wording>> = f.get("heading", d);
        let intro: Option<Option<Wording>> = f.get("intro", d);
        let numbered: Option<Option<bool>> = f.get("numbered", d);
        f.finish(d);
        if let Some(Some(title)) = group {
            if part_node.is_some() {
                d.error(
                    item,
                    format!("`{path}` has both `group` and `part`"),
                    "a group is a heading of its own: write it on a line before its parts",
                );
                continue;
            }
            close(open_group.take(), d);
            open_group = Some((item, false));
            out.push(SectionEntry::Group(title));
            continue;
        }
        let Some(part_node) = part_node else {
            d.coded(
                crate::diagnostics::Code::P104,
                item,
                format!("`{path}` names no part"),
                "write `{ part: summary }` or `{ group: Section 1 – Summary }`",
            );
            continue;
        };
        let Some(id) = text_of(part_node) else {
            d.error(
                part_node,
                format!("`{path}.part` should be a field id"),
                "write e.g. `part: summary`",
            );
            continue;
        };
        if !is_known_id(id, fields) {
            unknown_id(part_node, id, &format!("`{path}.part`"), fields, d);
            continue;
        }
        if let Some(g) = open_group.as_mut() {
            g.1 = true;
        }
        let heading = match heading.flatten() {
            None => PartHeading::Label,
            Some(h) if h.second.is_none() && h.text.trim().eq_ignore_ascii_case("none") => {
                PartHeading::None
            }
            Some(h) => PartHeading::Text(h.map(strip_colon)),
        };
        out.push(SectionEntry::Part(PartEntry {
            id: id.to_string(),
            heading,
            intro: intro.flatten(),
            numbered: numbered.flatten(),
        }));
    }
    close(open_group, d);
    out
}

impl Decode for Numbering {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let paragraphs_node = f.node("paragraphs");
        let headings_node = f.node("headings");
        f.finish(d);
        let mut out = Numbering::default();
        if let Some(n) = paragraphs_node {
            match text_of(n).map(str::to_ascii_lowercase).as_deref() {
                Some("decimal") => out.paragraphs = Paragraphs::Decimal,
                Some("flat") => out.paragraphs = Paragraphs::Flat,
                Some("none") => out.paragraphs = Paragraphs::None,
                _ => {
                    d.coded(
                        crate::diagnostics::Code::P123,
                        n,
                        format!(
                            "`{field}.paragraphs`: unknown numbering `{}`",
                            n.as_str().unwrap_or("?")
                        ),
                        "write decimal (1.1, 1.2), flat (1, 2, 3) or none",
                    );
                    return None;
                }
            }
        }
        if let Some(n) = headings_node {
            match text_of(n).map(str::to_ascii_lowercase).as_deref() {
                Some("1.") => out.headings = Headings::Dot,
                Some("1.0") => out.headings = Headings::DotZero,
                Some("none") => out.headings = Headings::None,
                _ => {
                    d.coded(
                        crate::diagnostics::Code::P123,
                        n,
                        format!(
                            "`{field}.headings`: unknown numbering `{}`",
                            n.as_str().unwrap_or("?")
                        ),
                        "write \"1.\" (1. Introduction), \"1.0\" (1.0 Introduction) or none",
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    fn absent() -> Option<Self> {
        Some(Numbering::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(yaml: &str) -> Result<HouseStyle, Vec<crate::diagnostics::Diagnostic>> {
        read(yaml)
    }

    fn codes(yaml: &str) -> Vec<(String, usize, String)> {
        style(yaml)
            .unwrap_err()
            .into_iter()
            .map(|e| {
                (
                    e.code.as_str().to_string(),
                    e.location.map_or(0, |l| l.line),
                    e.message,
                )
            })
            .collect()
    }

    #[test]
    fn the_builtin_style_is_seftons() {
        let s = HouseStyle::builtin();
        assert_eq!(s.header[0], "committee");
        assert_eq!(s.label("committee"), "Report to");
        assert_eq!(s.label("recommendations"), "Recommendation(s)");
        assert!(s.places("climate") && s.places("core_purpose"));
        assert_eq!(s.numbering, Numbering::default());
    }

    #[test]
    fn a_london_style_reads() {
        let s = style(
            "fields:\n  call_in: { type: yes_no, label: \"Decision subject to Call-in:\" }\n  clearance: { type: table, columns: [Officer, Name, Date], label: Statutory Officer Clearance }\nlabels:\n  committee: REPORT FOR\nheader: [committee, meeting_date, subject, call_in, enclosures]\nsections:\n  - { group: Section 1 }\n  - { part: summary, heading: none }\n  - { part: recommendations, intro: \"Cabinet is requested to:\" }\n  - { group: Section 2 }\n  - body\n  - { part: clearance, numbered: false }\nnumbering: { paragraphs: flat, headings: \"1.0\" }\n",
        )
        .unwrap();
        assert_eq!(s.label("call_in"), "Decision subject to Call-in");
        assert_eq!(s.label("committee"), "REPORT FOR");
        assert!(s.places("appendices"), "enclosures show the appendices");
        assert!(!s.places("climate"));
        assert_eq!(s.part("summary").unwrap().heading, PartHeading::None);
        assert!(s.part("body").unwrap().is_numbered());
        assert!(!s.part("recommendations").unwrap().is_numbered());
        assert_eq!(s.numbering.paragraphs, Paragraphs::Flat);
        assert_eq!(s.numbering.headings.label(2).as_deref(), Some("2.0"));
    }

    #[test]
    fn every_style_error_at_its_line_with_its_code() {
        let found = codes(
            "fields:\n  summary: { type: text, label: S }\n  pick: { type: choice, label: P }\n  grid: { type: tabel, label: G }\nlabels:\n  comittee: X\nheader: [committee, summary, subjet]\nsections:\n  - { group: Alone }\n  - { group: Next }\n  - body\nnumbering: { paragraphs: roman, headings: \"1.0\" }\n",
        );
        let want = [
            (
                crate::diagnostics::Code::P121,
                2,
                "`fields.summary`: `summary` is a standard field already",
            ),
            (
                crate::diagnostics::Code::P124,
                3,
                "`fields.pick`: a choice needs its `values`",
            ),
            (
                crate::diagnostics::Code::P124,
                4,
                "`fields.grid.type`: there is no type `tabel`",
            ),
            (
                crate::diagnostics::Code::P121,
                6,
                "`labels.comittee`: a label for no field",
            ),
            (
                crate::diagnostics::Code::P125,
                7,
                "`header`: `summary` is a block",
            ),
            (
                crate::diagnostics::Code::P120,
                7,
                "`header`: there is no field `subjet`",
            ),
            (
                crate::diagnostics::Code::P122,
                9,
                "`sections`: a group with no part under it",
            ),
            (
                crate::diagnostics::Code::P123,
                12,
                "`numbering.paragraphs`: unknown numbering `roman`",
            ),
        ];
        for (code, line, msg) in want {
            assert!(
                found
                    .iter()
                    .any(|(c, l, m)| c == code.as_str() && *l == line && m.starts_with(msg)),
                "{code} at line {line}: {msg}\nfound: {found:#?}"
            );
        }
    }
}
