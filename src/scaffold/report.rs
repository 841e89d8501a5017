//! The report skeleton, in the council's house style: the header's fields,
//! then its parts, in the style's order, each with its label and type as
//! the comment; then the fields the rules read that the style does not
//! print (an English report still says whether it is on the forward plan).

use crate::model::Council;
use crate::model::catalogue;
use crate::model::style::{FieldKind, HouseStyle, SectionEntry};

use super::{listed, scalar};

/// The report skeleton for `council`, in `style`.
pub fn report(council: &Council, style: &HouseStyle) -> String {
    let mut s = String::new();
    let mut written: Vec<String> = Vec::new();
    let mut write = |s: &mut String, id: &str| {
        if !written.iter().any(|w| w == id) && !catalogue::is_derived(id) {
            s.push_str(&field(council, style, id));
            written.push(id.to_string());
        }
    };
    // The three a report is named by come first, whatever the header says.
    for id in ["committee", "meeting_date", "subject"] {
        write(&mut s, id);
    }
    for id in &style.header {
        // `enclosures` prints the appendices: write those where it stands.
        write(&mut s, if id == "enclosures" { "appendices" } else { id });
    }
    for entry in &style.sections {
        match entry {
            SectionEntry::Group(heading) => s.push_str(&format!("# {heading}\n")),
            SectionEntry::Part(part) => write(&mut s, &part.id),
        }
    }
    let unprinted = not_printed(council, style);
    if !unprinted.is_empty() {
        s.push_str("# Not printed as a field of their own in this house style; the rules (and, for trackers, the body) read them:\n");
        for id in unprinted {
            write(&mut s, id);
        }
    }
    if council.house_styles.len() > 1 {
        let names = council.style_names();
        s.push_str(&format!(
            "style:  # the house style: one of {} (empty: {})\n",
            names.join(", "),
            names[0]
        ));
    }
    s
}

/// The standard fields a rule reads that `style` does not print, in the
/// catalogue's order: the key decision's notice where the law has one, and
/// the trackers where the body can place them.
fn not_printed(council: &Council, style: &HouseStyle) -> Vec<&'static str> {
    let key_decisions = !council
        .rules
        .0
        .iter()
        .any(|s| s.code == "P201" && s.level == crate::model::council::RuleLevel::Off);
    let mut ids = Vec::new();
    if key_decisions {
        ids.extend(["key_decision", "forward_plan", "urgency"]);
    }
    ids.push("exempt");
    if style.places("body") {
        ids.push("progress");
    }
    ids.into_iter().filter(|id| !style.places(id)).collect()
}

/// The lines of field `id`: its `id: TODO` (or a block to fill in), the
/// label the paper prints and what to write, as comments.
fn field(council: &Council, style: &HouseStyle, id: &str) -> String {
    let label = style.label(id);
    match style.custom(id) {
        Some(custom) => custom_field(id, &label, &custom.kind, custom.required),
        None => standard_field(council, id, &label),
    }
}

/// A council's own field, by its type.
fn custom_field(id: &str, label: &str, kind: &FieldKind, required: bool) -> String {
    let optional = if required { "" } else { ", optional" };
    let about = |what: &str| format!("# {label} ({}{optional}): {what}", kind.name());
    match kind {
        FieldKind::Text => format!("{id}: TODO  {}\n", about("one line")),
        FieldKind::Markdown => format!("{id}: TODO  {}\n", about("Markdown paragraphs")),
        FieldKind::YesNo => format!(
            "{id}: TODO  {}\n",
            about("Yes or No, or { answer: Yes, reason: why }")
        ),
        FieldKind::Date => format!("{id}: TODO  {}\n", about("YYYY-MM-DD")),
        FieldKind::Choice(values) => {
            let mut s = about("one of:");
            s.push('\n');
            s.push_str(&listed("", values));
            s.push_str(&format!("{id}: TODO\n"));
            s
        }
        FieldKind::List => format!("{id}:  {}\n  - TODO\n", about("one Markdown item a line")),
        FieldKind::Table(columns) => {
            let mut s = format!(
                "{id}:  {}\n",
                about("a row a line, its cells in this order:")
            );
            s.push_str(&format!("  #   {}\n", columns.join(" | ")));
            let cells: Vec<&str> = columns.iter().map(|_| "TODO").collect();
            s.push_str(&format!("  - [{}]\n", cells.join(", ")));
            s
        }
        FieldKind::Officer => format!(
            "{id}:  {}\n  name: TODO\n  post: TODO\n  telephone: \"\"  # may stay empty\n  email: TODO\n",
            about("the officer")
        ),
    }
}

/// A standard field: the lines `papers new` has always written, with the
/// style's label in the comment.
fn standard_field(council: &Council, id: &str, label: &str) -> String {
    let line = |value: &str, note: &str| format!("{id}: {value}  # {label}: {note}\n");
    match id {
        "committee" => {
            let mut s = String::new();
            if !council.committees.is_empty() {
                s.push_str("# The committee, one of:\n");
                s.push_str(&listed("", &council.committees));
            }
            s.push_str(&line("TODO", "the committee"));
            s
        }
        "meeting_date" => line("TODO", "the meeting's date, YYYY-MM-DD"),
        "subject" => line("TODO", "the report's title"),
        "report_of" => line("TODO", "the officer (post) the report is from"),
        "wards" => {
            let mut s = String::new();
            if !council.wards.is_empty() {
                s.push_str("# The wards affected: `all`, or a list of these:\n");
                s.push_str(&listed("", &council.wards));
            }
            s.push_str(&line("TODO", "`all` or a list"));
            s
        }
        "portfolio" => line("TODO", "the Cabinet Member's portfolio"),
        "key_decision" => line(
            "TODO",
            "Yes or No (or { answer: Yes, reason: why }): significant spending or savings, or an effect on two or more wards",
        ),
        "forward_plan" => line(
            "TODO",
            "Yes or No: on the forward plan with 28 clear days' notice",
        ),
        "urgency" => format!(
            "urgency:  # {label}: only for a key decision not on the forward plan: {{ route: general_exception or special_urgency, reason: why it cannot wait }}\n"
        ),
        "exempt" => {
            let law = council.jurisdiction.law();
            // The paragraph most reports cite: business affairs.
            let example = law
                .paragraphs
                .iter()
                .find(|p| p.description.contains("business affairs"))
                .or(law.paragraphs.first())
                .map_or_else(|| "3".to_string(), |p| p.id.to_string());
            line(
                "No",
                &format!(
                    "or {{ paragraphs: [{example}], parts: [Appendix 2] }} for exempt information ({} {} of the {})",
                    law.schedule, law.part, law.act
                ),
            )
        }
        "summary" => line("TODO", "what the report is about, in a sentence or two"),
        "recommendations" => format!(
            "recommendations:  # {label}: what the committee is asked to do; anything beyond noting needs both clearances\n  - TODO\n"
        ),
        "options" => line(
            "TODO",
            "alternative options considered and rejected, with their risks",
        ),
        "costs" => format!(
            "costs:  # {label}\n  revenue: TODO  # revenue costs, or Not applicable\n  capital: TODO  # capital costs, or Not applicable\n"
        ),
        "implications" => format!(
            "implications:  # {label}\n  resources: TODO  # financial, IT, staffing and assets\n  legal: TODO\n  equality: TODO  # the public sector equality duty\n"
        ),
        "climate" => format!(
            "climate:  # {label}\n  positive: TODO  # Yes, No or N/A\n  neutral: TODO  # Yes, No or N/A\n  negative: TODO  # Yes, No or N/A\n  training: TODO  # Yes or No: has the author completed climate emergency training\n"
        ),
        "core_purpose" => {
            let mut s =
                format!("core_purpose:  # {label}: how the report contributes to each, or N/A\n");
            for purpose in &council.core_purposes {
                s.push_str(&format!("  {}: TODO\n", scalar(purpose)));
            }
            s
        }
        "consultations" => format!(
            "consultations:  # {label}\n  finance_clearance: {}  # the reference from {}\n  legal_clearance: {}  # the reference from {}\n  external: TODO  # external consultation, or Not applicable\n",
            scalar(&format!("{}. TODO", council.clearances.finance.prefix)),
            council.clearances.finance.officer,
            scalar(&format!("{}. TODO", council.clearances.legal.prefix)),
            council.clearances.legal.officer,
        ),
        "implementation_date" => line("TODO", "when the decision takes effect"),
        "contact" => format!(
            "contact:  # {label}\n  name: TODO\n  telephone: \"\"  # may stay empty\n  email: TODO  # firstname.lastname@council.gov.uk\n"
        ),
        "appendices" => line(
            "[]",
            "one entry each, \"Appendix 1: title\"; mention each in the text",
        ),
        "background_papers" => line("[]", "the background papers; [] states that there are none"),
        "progress" => line(
            "[]",
            "progress trackers placed in the body with {{ progress }}",
        ),
        "body" => format!(
            "# {label}: each ## heading opens a section, its paragraphs numbered in the house style\nbody: |\n  ## Introduction/Background\n\n  TODO\n"
        ),
        other => line("TODO", other),
    }
}
