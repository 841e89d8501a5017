//! A report laid out in its house style: the header's rows (label and
//! value) and the parts after it in order, each with its heading, level
//! and number, as every format's templates loop over them
//! (`report.header`, `report.sections`). Pure: the style and the enriched
//! report in, the rows and parts out.

use serde::Serialize;

use crate::enrich::dates::{long_date, long_date_in};
use crate::enrich::numbering::{Body, Item, Numberer, number_body_with};
use crate::model::Report;
use crate::model::custom::{CustomValue, Officer};
use crate::model::report::Wards;
use crate::model::style::{HouseStyle, PartEntry, PartHeading, SectionEntry};
use crate::model::wording::{Languages, Seconds, put};

/// One row of the header table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeaderRow {
    pub id: String,
    pub label: String,
    /// The value as printed on one line.
    pub value: String,
    /// For a date: the ISO date, for `<time datetime>`.
    pub datetime: Option<String>,
    /// `label` and `value` in two languages, on a bilingual council
    /// (`crate::model::wording`); left out of the data otherwise.
    #[serde(skip_serializing_if = "Seconds::is_empty")]
    pub second: Seconds,
}

/// One entry of `report.sections`: a group heading or a part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionView {
    /// The field's id; empty for a group.
    pub id: String,
    /// `group`, `standard` (a standard part, laid out by its own
    /// template), or a custom field's type (`markdown`, `table` ...).
    pub kind: &'static str,
    pub heading: Option<String>,
    /// The heading's level: 2, or 3 under a group.
    pub level: u8,
    /// An id for links: Sefton's for the standard parts (`core-purpose`).
    pub anchor: String,
    /// A numbered part's section number as printed ("1." or "1.0").
    pub number: Option<String>,
    /// A line before the content ("Cabinet is requested to:").
    pub intro: Option<String>,
    /// The content of a one-value part (text, Markdown, yes/no, date,
    /// choice).
    pub text: Option<String>,
    /// A numbered part's paragraphs (or recommendations), each with its
    /// number.
    pub paragraphs: Vec<Item>,
    /// A list's items.
    pub items: Vec<String>,
    /// A table's columns and rows.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub officer: Option<Officer>,
    /// `heading` and `intro` in two languages, on a bilingual council
    /// (`crate::model::wording`); left out of the data otherwise.
    #[serde(skip_serializing_if = "Seconds::is_empty")]
    pub second: Seconds,
}

impl SectionView {
    fn new(
        id: &str,
        kind: &'static str,
        heading: Option<&crate::model::wording::Wording>,
        level: u8,
    ) -> Self {
        let mut second = Seconds::new();
        SectionView {
            id: id.to_string(),
            kind,
            heading: heading.map(|h| put(&mut second, "heading", h)),
            level,
            anchor: anchor_of(id),
            number: None,
            intro: None,
            text: None,
            paragraphs: Vec::new(),
            items: Vec::new(),
            columns: Vec::new(),
            rows: Vec::new(),
            officer: None,
            second,
        }
    }
}

/// The ids Sefton's HTML has always used for its parts.
fn anchor_of(id: &str) -> String {
    match id {
        "implementation_date" => "implementation".into(),
        _ => id.replace('_', "-"),
    }
}

/// The body and every numbered part, numbered in the style's order: a
/// numbered summary takes section 1, the body's sections go on from 2.
#[derive(Debug, Clone, PartialEq)]
pub struct Numbered {
    pub body: Body,
    /// Each numbered part other than the body: its id, section number as
    /// printed, and paragraphs.
    pub parts: Vec<(String, Option<String>, Vec<Item>)>,
}

/// Numbers the report's numbered parts in `style`.
pub fn number(report: &Report, style: &HouseStyle) -> Numbered {
    let mut numberer = Numberer::new(style.numbering);
    let mut body = None;
    let mut parts = Vec::new();
    for part in parts_of(style) {
        if part.id == "body" {
            body = Some(number_body_with(&report.body, &mut numberer, false));
            continue;
        }
        if !part.is_numbered() {
            continue;
        }
        let texts: Option<Vec<&str>> = match part.id.as_str() {
            "recommendations" => Some(report.recommendations.iter().map(String::as_str).collect()),
            "summary" => Some(vec![report.summary.as_str()]),
            "options" => Some(vec![report.options.as_str()]),
            "implementation_date" => Some(vec![report.implementation_date.as_str()]),
            id => match custom_value(report, id) {
                Some(CustomValue::Markdown(t)) => Some(vec![t.as_str()]),
                Some(CustomValue::List(items)) => Some(items.iter().map(String::as_str).collect()),
                _ => None,
            },
        };
        let Some(texts) = texts else { continue };
        if part.id == "recommendations"
            || matches!(custom_value(report, &part.id), Some(CustomValue::List(_)))
        {
            // Each item is one numbered paragraph.
            let (n, label) = numberer.open_section();
            let items = texts
                .iter()
                .enumerate()
                .map(|(i, t)| Item {
                    number: numberer.paragraph(n, i + 1),
                    paragraph: true,
                    heading: None,
                    markdown: t.to_string(),
                    progress: None,
                    anchor: None,
                    line: 0,
                })
                .collect();
            parts.push((part.id.clone(), label, items));
        } else {
            let numbered = number_body_with(texts[0], &mut numberer, true);
            let label = numbered.sections.first().and_then(|s| s.label.clone());
            let items = numbered
                .sections
                .into_iter()
                .flat_map(|s| s.items)
                .collect();
            parts.push((part.id.clone(), label, items));
        }
    }
    Numbered {
        body: body.unwrap_or_else(|| number_body_with(&report.body, &mut numberer, false)),
        parts,
    }
}

fn parts_of(style: &HouseStyle) -> impl Iterator<Item = &PartEntry> {
    style.sections.iter().filter_map(|s| match s {
        SectionEntry::Part(p) => Some(p),
        SectionEntry::Group(_) => None,
    })
}

fn custom_value<'r>(report: &'r Report, id: &str) -> Option<&'r CustomValue> {
    report.custom.iter().find(|(k, _)| k == id).map(|(_, v)| v)
}

/// The header's rows. `exempt` is the exempt line as the context prints
/// it; labels and dates are in the council's `languages`.
pub fn header(
    report: &Report,
    style: &HouseStyle,
    exempt: &str,
    languages: Languages,
) -> Vec<HeaderRow> {
    style
        .header
        .iter()
        .map(|id| {
            let mut datetime = None;
            let mut second = Seconds::new();
            let value = match id.as_str() {
                "committee" => report.committee.clone(),
                "meeting_date" => {
                    datetime = Some(report.meeting_date.to_string());
                    put(
                        &mut second,
                        "value",
                        &long_date_in(report.meeting_date, languages),
                    )
                }
                "subject" => report.subject.clone(),
                "report_of" => report.report_of.clone(),
                "wards" => wards(&report.wards),
                "portfolio" => report.portfolio.clone(),
                "key_decision" => crate::model::custom::YesNo {
                    answer: report.key_decision,
                    reason: report.key_decision_reason.clone(),
                }
                .printed(),
                "forward_plan" => yes_no(report.forward_plan).into(),
                "exempt" => exempt.to_string(),
                "enclosures" => enclosures(report),
                custom => match custom_value(report, custom) {
                    Some(CustomValue::Date(d)) => {
                        datetime = Some(d.to_string());
                        put(&mut second, "value", &long_date_in(*d, languages))
                    }
                    Some(v) => line_of(v),
                    None => String::new(),
                },
            };
            HeaderRow {
                id: id.clone(),
                label: put(&mut second, "label", &style.wording(id)),
                value,
                datetime,
                second,
            }
        })
        .collect()
}

/// "All Wards", or the ward names joined by "; ".
pub fn wards(wards: &Wards) -> String {
    match wards {
        Wards::All => "All Wards".to_string(),
        Wards::Listed(names) => names
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

/// The appendices' titles on one line, or "None".
fn enclosures(report: &Report) -> String {
    if report.appendices.is_empty() {
        "None".into()
    } else {
        report.appendices.join("; ")
    }
}

/// A one-line custom value as printed.
fn line_of(value: &CustomValue) -> String {
    match value {
        CustomValue::Text(t) | CustomValue::Markdown(t) | CustomValue::Choice(t) => t.clone(),
        CustomValue::YesNo(y) => y.printed(),
        CustomValue::Date(d) => long_date(*d),
        CustomValue::List(items) => items.join("; "),
        CustomValue::Table(rows) => rows
            .iter()
            .map(|r| r.join(", "))
            .collect::<Vec<_>>()
            .join("; "),
        CustomValue::Officer(o) => o.name.clone(),
    }
}

/// The parts after the header, in the style's order.
pub fn sections(report: &Report, style: &HouseStyle, numbered: &Numbered) -> Vec<SectionView> {
    let mut out = Vec::new();
    let mut in_group = false;
    for entry in &style.sections {
        let part = match entry {
            SectionEntry::Group(title) => {
                in_group = true;
                let mut group = SectionView::new("", "group", Some(title), 2);
                group.anchor = format!("group-{}", crate::enrich::numbering::slug(&title.text));
                out.push(group);
                continue;
            }
            SectionEntry::Part(p) => p,
        };
        let level = if in_group { 3 } else { 2 };
        let heading = match &part.heading {
            PartHeading::None => None,
            PartHeading::Text(t) => Some(t.clone()),
            // The body's `##` headings are its own.
            PartHeading::Label if part.id == "body" => None,
            PartHeading::Label => Some(style.wording(&part.id)),
        };
        let custom = custom_value(report, &part.id);
        let kind = match (custom, style.custom(&part.id)) {
            (_, Some(field)) => field.kind.name(),
            _ => "standard",
        };
        let mut view = SectionView::new(&part.id, kind, heading.as_ref(), level);
        view.intro = part
            .intro
            .as_ref()
            .map(|i| put(&mut view.second, "intro", i));
        if let Some((_, label, items)) = numbered.parts.iter().find(|(id, _, _)| *id == part.id) {
            view.number = label.clone();
            view.paragraphs = items.clone();
        }
        match custom {
            Some(CustomValue::List(items)) => view.items = items.clone(),
            Some(CustomValue::Table(rows)) => {
                if let Some(crate::model::style::FieldKind::Table(columns)) =
                    style.custom(&part.id).map(|f| &f.kind)
                {
                    view.columns = columns.clone();
                }
                view.rows = rows.clone();
            }
            Some(CustomValue::Officer(o)) => view.officer = Some(o.clone()),
            Some(CustomValue::Date(d)) => view.text = Some(long_date(*d)),
            Some(v) => view.text = Some(line_of(v)),
            None => {}
        }
        // A custom part the report leaves out (not required) is not shown.
        if kind != "standard" && custom.is_none() {
            continue;
        }
        out.push(view);
    }
    // A group left with nothing under it (its parts all left out) is not shown.
    let mut kept: Vec<SectionView> = Vec::with_capacity(out.len());
    for (i, s) in out.iter().enumerate() {
        if s.kind == "group" && out.get(i + 1).is_none_or(|next| next.kind == "group") {
            continue;
        }
        kept.push(s.clone());
    }
    kept
}

/// The level of the body's `##` headings: 3 where a group is over it.
pub fn body_level(style: &HouseStyle) -> u8 {
    let mut in_group = false;
    for entry in &style.sections {
        match entry {
            SectionEntry::Group(_) => in_group = true,
            SectionEntry::Part(p) if p.id == "body" => return if in_group { 3 } else { 2 },
            SectionEntry::Part(_) => {}
        }
    }
    2
}
