//! One committee report, as its author writes it in YAML.

use jiff::civil::Date;
use serde::Serialize;

use crate::decode::{Decode, Decoder, Fields, OptionalText};
use crate::decode_struct;
use crate::yaml::{Node, Pos, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub committee: String,
    pub meeting_date: Date,
    pub subject: String,
    pub report_of: String,
    pub wards: Wards,
    pub portfolio: String,
    pub key_decision: bool,
    pub forward_plan: bool,
    pub exempt: Exempt,
    /// Markdown.
    pub summary: String,
    /// Markdown, one string per recommendation.
    pub recommendations: Vec<String>,
    /// Alternative options considered and rejected (including risk), Markdown.
    pub options: String,
    pub costs: Costs,
    pub implications: Implications,
    pub climate: Climate,
    pub core_purpose: Vec<CorePurposeEntry>,
    pub consultations: Consultations,
    pub implementation_date: String,
    pub contact: Contact,
    /// What each appendix is, as listed in the report (for a file
    /// appendix, its title); appendix N is the Nth entry.
    pub appendices: Vec<String>,
    /// The appendices that are files (`{ title, file }`), in order.
    pub attachments: Vec<Attachment>,
    pub background_papers: Vec<String>,
    /// Progress trackers cited, relative to the report file.
    pub progress: Vec<String>,
    /// Markdown with `##` sections; numbered by [`crate::enrich::numbering`].
    pub body: String,
    /// Where fields start in the YAML, for diagnostics from later stages.
    pub positions: Positions,
}

/// Source positions of the fields that later checks report on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Positions {
    pub committee: Option<Pos>,
    pub meeting_date: Option<Pos>,
    pub wards: Option<Pos>,
    pub core_purpose: Option<Pos>,
    pub consultations: Option<Pos>,
    pub body: Option<Pos>,
    pub exempt: Option<Pos>,
    pub key_decision: Option<Pos>,
    pub contact: Option<Pos>,
    pub progress: Option<Pos>,
}

/// An appendix that is a file: a PDF or Markdown document, relative to the
/// report.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// N in "Appendix N" (its place in `appendices`, from 1).
    pub number: usize,
    pub title: String,
    pub file: String,
    /// Where `file:` is written, for diagnostics.
    pub pos: Pos,
}

impl Attachment {
    /// "Appendix 2".
    pub fn label(&self) -> String {
        format!("Appendix {}", self.number)
    }
}

/// One `appendices` entry: a line of text, or `{ title, file }`.
#[derive(Debug, Clone, PartialEq)]
enum AppendixEntry {
    Text(String),
    File(Attachment),
}

impl Decode for AppendixEntry {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            return d.decode::<String>(node, field).map(AppendixEntry::Text);
        }
        let mut f = Fields::new(node, field, d)?;
        let pos = f.node("file").map(|n| n.pos).unwrap_or(node.pos);
        let title = f.get("title", d);
        let file = f.get("file", d);
        f.finish(d);
        Some(AppendixEntry::File(Attachment {
            number: 0,
            title: title?,
            file: file?,
            pos,
        }))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Wards {
    All,
    Listed(Vec<(String, Pos)>),
}

/// Exempt information under Schedule 12A of the Local Government Act 1972.
#[derive(Debug, Clone, PartialEq)]
pub struct Exempt {
    pub exempt: bool,
    /// Schedule 12A paragraph numbers (1 to 7).
    pub paragraphs: Vec<u32>,
    /// Which parts are exempt, e.g. "Appendix 2"; empty means the whole report.
    pub parts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Costs {
    pub revenue: String,
    pub capital: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Implications {
    /// Financial, IT, staffing and assets.
    pub resources: String,
    pub legal: String,
    pub equality: String,
}

/// Yes / No / N/A, as the climate table has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    NotApplicable,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::No => "No",
            Answer::NotApplicable => "N/A",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Climate {
    pub positive: Answer,
    pub neutral: Answer,
    pub negative: Answer,
    pub training: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CorePurposeEntry {
    pub purpose: String,
    /// Markdown, or "N/A".
    pub text: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Consultations {
    /// Markdown; when absent the standard clearance sentence is composed
    /// from the council's clearance officers and the references below.
    pub internal: Option<String>,
    pub external: String,
    pub finance_clearance: Option<String>,
    pub legal_clearance: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub name: String,
    pub telephone: OptionalText,
    pub email: String,
}

impl Decode for Report {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let mut positions = Positions::default();
        let pos_of = |f: &mut Fields, key: &'static str| f.node(key).map(|n| n.pos);
        positions.committee = pos_of(&mut f, "committee");
        positions.meeting_date = pos_of(&mut f, "meeting_date");
        positions.wards = pos_of(&mut f, "wards");
        positions.core_purpose = pos_of(&mut f, "core_purpose");
        positions.consultations = pos_of(&mut f, "consultations");
        positions.body = pos_of(&mut f, "body");
        positions.exempt = pos_of(&mut f, "exempt");
        positions.key_decision = pos_of(&mut f, "key_decision");
        positions.contact = pos_of(&mut f, "contact");
        positions.progress = pos_of(&mut f, "progress");

        let committee = f.get("committee", d);
        let meeting_date = f.get("meeting_date", d);
        let subject = f.get("subject", d);
        let report_of = f.get("report_of", d);
        let wards = f.get("wards", d);
        let portfolio = f.get("portfolio", d);
        let key_decision = f.get("key_decision", d);
        let forward_plan = f.get("forward_plan", d);
        let exempt = f.get("exempt", d);
        let summary = f.get("summary", d);
        let recommendations = f.get::<Vec<String>>("recommendations", d);
        let options = f.get("options", d);
        let costs = f.get("costs", d);
        let implications = f.get("implications", d);
        let climate = f.get("climate", d);
        let core_purpose = f.get::<CorePurposes>("core_purpose", d);
        let consultations = f.get("consultations", d);
        let implementation_date = f.get("implementation_date", d);
        let contact = f.get("contact", d);
        let appendices: Option<Vec<AppendixEntry>> = f.get("appendices", d);
        let background_papers = f.get("background_papers", d);
        let progress = f.get("progress", d);
        let body = f.get("body", d);
        f.finish(d);

        if let Some(recs) = &recommendations
            && recs.is_empty()
            && let Some(n) = node.get("recommendations")
        {
            d.error(
                n,
                "`recommendations` is empty",
                "a report recommends at least one thing, e.g. '- To note the report.'",
            );
            return None;
        }

        Some(Report {
            committee: committee?,
            meeting_date: meeting_date?,
            subject: subject?,
            report_of: report_of?,
            wards: wards?,
            portfolio: portfolio?,
            key_decision: key_decision?,
            forward_plan: forward_plan?,
            exempt: exempt?,
            summary: summary?,
            recommendations: recommendations?,
            options: options?,
            costs: costs?,
            implications: implications?,
            climate: climate?,
            core_purpose: core_purpose?.0,
            consultations: consultations?,
            implementation_date: implementation_date?,
            contact: contact?,
            attachments: appendices
                .iter()
                .flatten()
                .enumerate()
                .filter_map(|(i, a)| match a {
                    AppendixEntry::File(file) => Some(Attachment {
                        number: i + 1,
                        ..file.clone()
                    }),
                    AppendixEntry::Text(_) => None,
                })
                .collect(),
            appendices: appendices?
                .into_iter()
                .map(|a| match a {
                    AppendixEntry::Text(t) => t,
                    AppendixEntry::File(f) => f.title,
                })
                .collect(),
            background_papers: background_papers?,
            progress: progress?,
            body: body?,
            positions,
        })
    }
}

impl Decode for Wards {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        match &node.value {
            Value::Scalar { text, .. } if text.trim().eq_ignore_ascii_case("all") => {
                Some(Wards::All)
            }
            Value::Seq(items) => {
                let mut names = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let name: String = d.decode(item, &format!("{field}[{}]", i + 1))?;
                    names.push((name, item.pos));
                }
                if names.is_empty() {
                    d.error(
                        node,
                        format!("`{field}` is empty"),
                        "write `all` or list the wards affected",
                    );
                    return None;
                }
                Some(Wards::Listed(names))
            }
            _ => {
                d.error(
                    node,
                    format!("`{field}` should be `all` or a list of ward names"),
                    "write `wards: all`, or one ward per line starting with '- '",
                );
                None
            }
        }
    }
}

impl Decode for Exempt {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        if let Value::Map(_) = node.value {
            let mut f = Fields::new(node, field, d)?;
            let paragraphs: Option<Vec<u32>> = f.get("paragraphs", d);
            let parts = f.get("parts", d);
            f.finish(d);
            let paragraphs = paragraphs?;
            if paragraphs.is_empty() {
                d.error(
                    node,
                    "an exempt report must name its Schedule 12A paragraph",
                    "add `paragraphs: [3]` (the paragraph of Schedule 12A, 1 to 7, that applies)",
                );
                return None;
            }
            return Some(Exempt {
                exempt: true,
                paragraphs,
                parts: parts?,
            });
        }
        match d.decode::<bool>(node, field)? {
            false => Some(Exempt {
                exempt: false,
                paragraphs: Vec::new(),
                parts: Vec::new(),
            }),
            true => {
                d.error(
                    node,
                    "an exempt report must name its Schedule 12A paragraph",
                    "write `exempt: { paragraphs: [3] }` (and `parts: [Appendix 2]` if only part is exempt)",
                );
                None
            }
        }
    }
}

decode_struct!(Costs {
    revenue: "revenue",
    capital: "capital",
});

decode_struct!(Implications {
    resources: "resources",
    legal: "legal",
    equality: "equality",
});

impl Decode for Answer {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let text: String = d.decode(node, field)?;
        let t = text.trim().to_ascii_lowercase();
        match crate::decode::parse_yes_no(&t) {
            Some(true) => Some(Answer::Yes),
            Some(false) => Some(Answer::No),
            None if t == "n/a" || t == "na" || t == "not applicable" => Some(Answer::NotApplicable),
            None => {
                d.error(
                    node,
                    format!("`{field}` should be Yes, No or N/A, found `{text}`"),
                    "write Yes, No or N/A",
                );
                None
            }
        }
    }
}

decode_struct!(Climate {
    positive: "positive",
    neutral: "neutral",
    negative: "negative",
    training: "training",
});

/// The `core_purpose` mapping, in the author's order; completeness against
/// the council's list is a check, not a decoding rule.
struct CorePurposes(Vec<CorePurposeEntry>);

impl Decode for CorePurposes {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let Value::Map(pairs) = &node.value else {
            d.error(
                node,
                format!("`{field}` should be a mapping of core purpose to text"),
                "write one `Core purpose name: how this report contributes` per line (N/A where it does not)",
            );
            return None;
        };
        let mut entries = Vec::new();
        let mut ok = true;
        for (key, value) in pairs {
            let purpose: Option<String> = d.decode(key, field);
            let text: Option<String> =
                d.decode(value, &format!("{field}.{}", key.as_str().unwrap_or("?")));
            match (purpose, text) {
                (Some(purpose), Some(text)) => entries.push(CorePurposeEntry {
                    purpose,
                    text,
                    pos: key.pos,
                }),
                _ => ok = false,
            }
        }
        ok.then_some(CorePurposes(entries))
    }
}

decode_struct!(Consultations {
    internal: "internal",
    external: "external",
    finance_clearance: "finance_clearance",
    legal_clearance: "legal_clearance",
});

decode_struct!(Contact {
    name: "name",
    telephone: "telephone",
    email: "email",
});
