//! One committee report, as its author writes it in YAML.

use jiff::civil::Date;
use serde::Serialize;

use crate::decode_struct;
use crate::law::ParagraphId;
use crate::load::decode::{Decode, Decoder, Fields, OptionalText};
use crate::load::positions::Positions;
use crate::load::yaml::{Node, Pos, Value};
use crate::model::catalogue;
use crate::model::custom::{self, YesNo};
use crate::model::style::HouseStyle;

/// A report to a council committee, in the council's house style. Check it
/// with `papers check`; render it with `papers render`.
#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Report {
    /// The committee the report goes to, exactly as named in council.yaml's `committees`.
    #[schemars(schema_with = "crate::model::json_schema::text", extend("examples" = ["Cabinet"]))]
    pub committee: String,
    /// The date of the meeting, YYYY-MM-DD.
    #[schemars(schema_with = "crate::model::json_schema::date")]
    pub meeting_date: Date,
    /// The report's title.
    #[schemars(extend("examples" = ["Children's Services Commissioner"]))]
    pub subject: String,
    /// The officer (post) the report is from.
    #[schemars(extend("examples" = ["Executive Director of Children's Social Care and Education"]))]
    pub report_of: String,
    /// The wards affected.
    pub wards: Wards,
    /// The Cabinet Member's portfolio.
    #[schemars(extend("examples" = ["Cabinet Member – Children's Social Care"]))]
    pub portfolio: String,
    /// Is this a key decision (significant spending or savings, or a significant effect on two or more wards)? Yes or No, or `{ answer: Yes, reason: ... }`.
    #[schemars(schema_with = "crate::model::json_schema::yes_no_with_reason")]
    pub key_decision: bool,
    /// Was the decision on the forward plan with 28 clear days' notice? Yes or No.
    #[schemars(schema_with = "crate::model::json_schema::yes_no")]
    pub forward_plan: bool,
    /// Exempt or confidential information (Schedule 12A to the Local Government Act 1972; Schedule 7A to the Local Government (Scotland) Act 1973).
    pub exempt: Exempt,
    /// What the report is about, in a sentence or two (Markdown).
    pub summary: String,
    /// What the committee is asked to do, one entry per recommendation (Markdown). A recommendation that is not only "to note" or "to comment" needs finance and legal clearance.
    #[schemars(schema_with = "crate::model::json_schema::recommendations")]
    pub recommendations: Vec<String>,
    /// Alternative options considered and rejected, including risk (Markdown).
    #[schemars(extend("examples" = ["Not applicable"]))]
    pub options: String,
    /// What the recommended course costs.
    pub costs: Costs,
    /// Resource, legal and equality implications.
    pub implications: Implications,
    /// The climate emergency implications table.
    pub climate: Climate,
    /// How the report contributes to each of the council's core purposes (every one in council.yaml), or N/A.
    #[schemars(schema_with = "crate::model::json_schema::core_purpose")]
    pub core_purpose: Vec<CorePurposeEntry>,
    /// Who was consulted: the finance and legal clearance references, and external consultation.
    pub consultations: Consultations,
    /// When the decision takes effect (Markdown).
    #[schemars(extend("examples" = ["Immediately following the Committee meeting."]))]
    pub implementation_date: String,
    /// The contact officer.
    pub contact: Contact,
    /// The appendices, one entry each: a line of text ("Appendix 1: title"),
    /// or `{ title, file }` for a PDF or Markdown file relative to the
    /// report; each must be mentioned in the text. For a file appendix,
    /// its title; appendix N is the Nth entry.
    #[schemars(schema_with = "crate::model::json_schema::appendix_list", default)]
    pub appendices: Vec<String>,
    /// The appendices that are files (`{ title, file }`), in order.
    #[schemars(skip)]
    pub attachments: Vec<Attachment>,
    /// The background papers (section 100D, Local Government Act 1972); `[]` states that there are none.
    #[schemars(schema_with = "crate::model::json_schema::text_list", default)]
    pub background_papers: Vec<String>,
    /// Progress trackers cited, relative to the report file; the body places each with `{{ progress }}` or `{{ progress 2 }}`.
    #[schemars(schema_with = "crate::model::json_schema::text_list", default)]
    pub progress: Vec<String>,
    /// The report's body (Markdown): each `##` heading opens a numbered section and each paragraph in it is numbered (1.1, 1.2 ...); `{.unnumbered}` after a heading opts out.
    pub body: String,
    /// For a key decision that is not on the forward plan: the urgency route and its reason.
    pub urgency: Option<Urgency>,
    /// The house style the report is laid out in, by its name in
    /// council.yaml's `house_styles` (the council's first when absent).
    pub style: Option<String>,
    /// Why a key decision is one: `key_decision: { answer: Yes, reason: ... }`.
    #[schemars(skip)]
    pub key_decision_reason: Option<String>,
    /// The council's own fields (its house style's `fields`), by id, in
    /// the style's order.
    #[schemars(skip)]
    pub custom: Vec<(String, crate::model::custom::CustomValue)>,
    /// Fields given that the house style neither shows nor checks (P126).
    #[schemars(skip)]
    pub unshown: Vec<String>,
    /// Where each field and list item starts in the YAML, by path
    /// (`exempt`, `recommendations[2]`), as the decoder recorded them: for
    /// diagnostics from later stages.
    #[schemars(skip)]
    pub positions: Positions,
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

/// The route for a key decision that was not on the forward plan with 28
/// clear days' notice (the Local Authorities (Executive Arrangements)
/// (Meetings and Access to Information) (England) Regulations 2012).
#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Urgency {
    /// general_exception or special_urgency.
    pub route: UrgencyRoute,
    /// Why the decision cannot wait: published with the decision.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrgencyRoute {
    /// Regulation 10: 5 clear days' notice to the chair of scrutiny and the public.
    GeneralException,
    /// Regulation 11: the chair of scrutiny agrees that the decision is urgent.
    SpecialUrgency,
}

impl UrgencyRoute {
    pub fn as_str(self) -> &'static str {
        match self {
            UrgencyRoute::GeneralException => "general_exception",
            UrgencyRoute::SpecialUrgency => "special_urgency",
        }
    }
}

impl Decode for UrgencyRoute {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let text: String = d.decode(node, field)?;
        match text
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "general_exception" => Some(UrgencyRoute::GeneralException),
            "special_urgency" => Some(UrgencyRoute::SpecialUrgency),
            _ => {
                d.error(
                    node,
                    format!(
                        "`{field}` should be general_exception or special_urgency, found `{text}`"
                    ),
                    "write general_exception (regulation 10) or special_urgency (regulation 11)",
                );
                None
            }
        }
    }
}

decode_struct!(Urgency {
    route: "route",
    reason: "reason",
});

#[derive(Debug, Clone, PartialEq)]
pub enum Wards {
    All,
    Listed(Vec<(String, Pos)>),
}

/// Exempt information under Schedule 12A of the Local Government Act 1972
/// (England and Wales) or Schedule 7A of the Local Government (Scotland)
/// Act 1973. The paragraphs are checked against the council's law
/// (`crate::law`) by rule P203, once the council is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exempt {
    pub exempt: bool,
    /// The schedule's paragraphs: 3 in England, 14 or 18A in Wales, 8 in Scotland.
    pub paragraphs: Vec<ParagraphId>,
    /// Which parts are exempt, e.g. "Appendix 2"; empty means the whole report.
    pub parts: Vec<String>,
}

/// Costs of the recommended course (Markdown).
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Costs {
    /// Revenue costs, or "Not applicable".
    pub revenue: String,
    /// Capital costs, or "Not applicable".
    pub capital: String,
}

/// Implications of the recommendations (Markdown).
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Implications {
    /// Resource implications: financial, IT, staffing and assets.
    pub resources: String,
    /// Legal implications.
    pub legal: String,
    /// Equality implications (the public sector equality duty, Equality Act 2010 s.149).
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

/// The climate emergency implications: does the report have a positive,
/// neutral or negative impact, and is training needed?
#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Climate {
    /// Positive impact: Yes, No or N/A.
    #[schemars(schema_with = "crate::model::json_schema::yes_no_na")]
    pub positive: Answer,
    /// Neutral impact: Yes, No or N/A.
    #[schemars(schema_with = "crate::model::json_schema::yes_no_na")]
    pub neutral: Answer,
    /// Negative impact: Yes, No or N/A.
    #[schemars(schema_with = "crate::model::json_schema::yes_no_na")]
    pub negative: Answer,
    /// Has the author completed climate emergency training? Yes or No.
    #[schemars(schema_with = "crate::model::json_schema::yes_no")]
    pub training: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CorePurposeEntry {
    pub purpose: String,
    /// Markdown, or "N/A".
    pub text: String,
    pub pos: Pos,
}

/// Consultations undertaken.
#[derive(Debug, Clone, Default, PartialEq, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Consultations {
    /// Internal consultations (Markdown); when absent the standard sentence
    /// is composed from the council's clearance officers and the references.
    pub internal: Option<String>,
    /// External consultations (Markdown), or "Not applicable".
    pub external: String,
    /// The finance clearance reference, the council's prefix and a number.
    #[schemars(extend("examples" = ["FD. 6993"]))]
    pub finance_clearance: Option<String>,
    /// The legal clearance reference, the council's prefix and a number.
    #[schemars(extend("examples" = ["LD. 5193"]))]
    pub legal_clearance: Option<String>,
}

/// The contact officer for the report.
#[derive(Debug, Clone, Default, PartialEq, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Contact {
    /// The officer's name.
    pub name: String,
    /// Telephone number; may be left empty ("").
    #[schemars(schema_with = "crate::model::json_schema::optional_text", default)]
    pub telephone: OptionalText,
    /// Email address, e.g. firstname.lastname@council.gov.uk.
    #[schemars(extend("examples" = ["martin.birch@sefton.gov.uk"]))]
    pub email: String,
}

impl Decode for Report {
    /// A report in the built-in house style (Sefton's).
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        Report::decode_in(node, field, HouseStyle::builtin(), d)
    }
}

impl Report {
    /// The name of the style a report asks for (`style:`), read before
    /// the report is decoded in it.
    pub fn style_name(root: Option<&Node>) -> Option<(String, &Node)> {
        let node = root?.get("style").filter(|n| !n.is_null())?;
        Some((node.as_str()?.trim().to_string(), node))
    }

    /// Decodes a report laid out in `style`: the fields the style shows
    /// are required, the others may be left out, and the council's own
    /// fields are read by their declared types.
    pub fn decode_in(
        node: &Node,
        field: &str,
        style: &HouseStyle,
        d: &mut Decoder,
    ) -> Option<Self> {
        let needed = |id: &str| {
            catalogue::standard(id)
                .is_some_and(|f| f.always_required || (!f.optional && style.places(id)))
        };
        let mut f = Fields::new(node, field, d)?;
        let committee = f.get("committee", d);
        let meeting_date = f.get("meeting_date", d);
        let subject = f.get("subject", d);
        let report_of = f.get_if("report_of", needed("report_of"), d);
        let wards = f.get_if("wards", needed("wards"), d);
        let portfolio = f.get_if("portfolio", needed("portfolio"), d);
        let key_decision: Option<YesNo> = f.get_if("key_decision", needed("key_decision"), d);
        let forward_plan = f.get_if("forward_plan", needed("forward_plan"), d);
        let exempt = f.get_if("exempt", needed("exempt"), d);
        let summary = f.get_if("summary", needed("summary"), d);
        let recommendations =
            f.get_if::<Vec<String>>("recommendations", needed("recommendations"), d);
        let options = f.get_if("options", needed("options"), d);
        let costs = f.get_if("costs", needed("costs"), d);
        let implications = f.get_if("implications", needed("implications"), d);
        let climate = f.get_if("climate", needed("climate"), d);
        let core_purpose = f.get_if::<CorePurposes>("core_purpose", needed("core_purpose"), d);
        let consultations = f.get_if("consultations", needed("consultations"), d);
        let implementation_date = f.get_if("implementation_date", needed("implementation_date"), d);
        let contact = f.get_if("contact", needed("contact"), d);
        let appendices: Option<Vec<AppendixEntry>> = f.get("appendices", d);
        let background_papers = f.get("background_papers", d);
        let progress = f.get("progress", d);
        let body = f.get_if("body", needed("body"), d);
        let urgency = f.get("urgency", d);
        let style_name: Option<Option<String>> = f.get("style", d);
        let mut custom = Vec::new();
        let mut custom_ok = true;
        for cf in &style.fields {
            match f.node(&cf.id) {
                Some(n) => match custom::decode(n, &cf.id, &cf.kind, d) {
                    Some(v) => custom.push((cf.id.clone(), v)),
                    None => custom_ok = false,
                },
                None if cf.required && style.places(&cf.id) => {
                    d.coded(
                        crate::diagnostics::Code::P104,
                        node,
                        format!("missing required field `{}`", cf.id),
                        format!(
                            "add `{}:` ({}, {}): the council's house style asks for it",
                            cf.id,
                            cf.label,
                            cf.kind.name()
                        ),
                    );
                    custom_ok = false;
                }
                None => {}
            }
        }
        f.finish(d);

        if let Some(recs) = &recommendations
            && recs.is_empty()
            && let Some(n) = node.get("recommendations")
        {
            d.coded(
                crate::diagnostics::Code::P306,
                n,
                "`recommendations` is empty",
                "a report recommends at least one thing, e.g. '- To note the report.'",
            );
            return None;
        }
        let unshown = given_but_not_shown(node, style);
        let key_decision = key_decision?;
        if !custom_ok {
            return None;
        }

        Some(Report {
            committee: committee?,
            meeting_date: meeting_date?,
            subject: subject?,
            report_of: report_of?,
            wards: wards?,
            portfolio: portfolio?,
            key_decision: key_decision.answer,
            key_decision_reason: key_decision.reason,
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
            urgency: urgency?,
            body: body?,
            style: style_name?,
            custom,
            unshown,
            // Every field is read: the map is complete.
            positions: d.take_positions(),
        })
    }
}

/// The standard fields a rule reads whatever the style shows: they are
/// never "not shown". (A rule about a part the style leaves out does not
/// run, so its fields count only where the style shows that part.)
const ALWAYS_READ: &[&str] = &[
    "committee",
    "meeting_date",
    "subject",
    "exempt",
    "progress",
    "style",
    "key_decision",
    "forward_plan",
    "urgency",
];

/// The fields written in the report that its style neither shows nor
/// reads in a rule: each gets a warning (P126), so that no text vanishes.
fn given_but_not_shown(node: &Node, style: &HouseStyle) -> Vec<String> {
    let Value::Map(pairs) = &node.value else {
        return Vec::new();
    };
    pairs
        .iter()
        .filter_map(|(k, _)| k.as_str())
        .filter(|id| {
            (catalogue::standard(id).is_some() || style.custom(id).is_some())
                && !ALWAYS_READ.contains(id)
                && !style.places(id)
        })
        .map(str::to_string)
        .collect()
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
            let paragraphs: Option<Vec<ParagraphId>> = f.get("paragraphs", d);
            let parts = f.get("parts", d);
            f.finish(d);
            let paragraphs = paragraphs?;
            if paragraphs.is_empty() {
                d.coded(
                    crate::diagnostics::Code::P203,
                    node,
                    "an exempt report must name its Schedule 12A paragraph",
                    "add `paragraphs: [3]` (the paragraph of Schedule 12A, or of Schedule 7A in Scotland, that applies)",
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
                d.coded(
                    crate::diagnostics::Code::P203,
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
        match crate::load::decode::parse_yes_no(&t) {
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
#[derive(Default)]
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

impl schemars::JsonSchema for Wards {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Wards".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "`all`, or the wards affected, by their names in council.yaml.",
            "anyOf": [
                { "type": "string", "enum": ["all"] },
                { "type": "string", "pattern": crate::model::json_schema::any_case(&["all"]) },
                { "type": "array", "items": { "type": "string" }, "minItems": 1 }
            ],
            "examples": ["all", ["Ainsdale", "Birkdale"]]
        })
    }
}

impl schemars::JsonSchema for Exempt {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Exempt".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "`No`, or the exempt information paragraphs that make the report, or the parts named, exempt: Schedule 12A to the Local Government Act 1972 (England, 1 to 7; Wales, 12 to 18 and 18A) or Schedule 7A to the Local Government (Scotland) Act 1973 (1 to 15), as council.yaml's `jurisdiction` says.",
            "anyOf": [
                { "type": "boolean", "enum": [false] },
                { "type": "string", "enum": ["No"] },
                { "type": "string", "pattern": crate::model::json_schema::any_case(&["no", "false"]) },
                {
                    "type": "object",
                    "properties": {
                        "paragraphs": {
                            "description": "The paragraphs: 1 to 7 in England, 12 to 18 and 18A in Wales, 1 to 15 in Scotland.",
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "anyOf": [
                                    { "type": "integer", "minimum": 1, "maximum": 18 },
                                    { "type": "string", "pattern": "^\\s*([1-9]|1[0-8])[A-Za-z]?\\s*$" }
                                ]
                            }
                        },
                        "parts": {
                            "description": "The exempt parts, e.g. `Appendix 2`; none means the whole report.",
                            "anyOf": [
                                { "type": "array", "items": { "type": "string" } },
                                { "type": ["string", "null"] }
                            ]
                        }
                    },
                    "required": ["paragraphs"],
                    "additionalProperties": false
                }
            ],
            "examples": ["No", { "paragraphs": [3], "parts": ["Appendix 2"] }]
        })
    }
}

impl schemars::JsonSchema for UrgencyRoute {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "UrgencyRoute".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "general_exception (regulation 10: notice to the chair of scrutiny and the public) or special_urgency (regulation 11: the chair of scrutiny agrees the decision is urgent).",
            "type": "string",
            "enum": ["general_exception", "special_urgency"]
        })
    }
}

impl Default for Wards {
    fn default() -> Self {
        Wards::Listed(Vec::new())
    }
}

impl Default for Climate {
    fn default() -> Self {
        Climate {
            positive: Answer::NotApplicable,
            neutral: Answer::NotApplicable,
            negative: Answer::NotApplicable,
            training: false,
        }
    }
}
