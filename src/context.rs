//! Context: one serializable view of the enriched report, the same for every
//! output format. Templates see exactly this; prose fields stay Markdown and
//! each format's `markdown` filter turns them into its own markup.

use base64::Engine;
use serde::Serialize;

use crate::enrich::dates::long_date_in;
use crate::enrich::numbering::Body;
use crate::enrich::progress::{Progress, summarise};
use crate::layout::{self, HeaderRow, SectionView};
use crate::load::CitedTracker;
use crate::load::assets::Logo;
use crate::model::report::Answer;
use crate::model::style::HouseStyle;
use crate::model::wording::{Seconds, put};
use crate::model::{Council, Report};

#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub council: CouncilView,
    pub report: ReportView,
    pub generator: String,
    /// Made with errors and marked DRAFT (`papers render --draft`); left
    /// out of the data when false, so a published paper's data is as before.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CouncilView {
    pub name: String,
    pub logo: Option<LogoView>,
}

impl CouncilView {
    /// The council's name and logo as every template reads them: the
    /// logo as a `data:` URI for the HTML and a path for the PDF.
    pub fn new(name: &str, logo: Option<&Logo>) -> Self {
        CouncilView {
            name: name.to_string(),
            logo: logo.map(|l| LogoView {
                data_uri: format!(
                    "data:{};base64,{}",
                    l.mime,
                    base64::engine::general_purpose::STANDARD.encode(&l.bytes)
                ),
                path: l.path.clone(),
            }),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LogoView {
    /// `data:` URI for the self-contained HTML.
    pub data_uri: String,
    /// Virtual path for the PDF.
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// The header table's rows, in the house style's order.
    pub header: Vec<HeaderRow>,
    /// The parts after the header, in the house style's order.
    pub sections: Vec<SectionView>,
    /// The level of the body's `##` headings: 2, or 3 under a group.
    pub body_level: u8,
    pub committee: String,
    /// ISO date, for machines.
    pub meeting_date: String,
    /// "Monday 7 November 2022" ("... / Dydd Llun 7 Tachwedd 2022" on a
    /// Welsh council).
    pub meeting_date_long: String,
    pub subject: String,
    pub report_of: String,
    /// "All Wards", or the ward names joined by "; ".
    pub wards: String,
    pub portfolio: String,
    pub key_decision: &'static str,
    pub key_decision_reason: Option<String>,
    pub forward_plan: &'static str,
    /// "No", or "Yes" with the Schedule 12A paragraph and parts.
    pub exempt: String,
    pub is_exempt: bool,
    pub summary: String,
    pub recommendations: Vec<String>,
    pub options: String,
    pub costs: crate::model::report::Costs,
    pub implications: crate::model::report::Implications,
    pub climate: Vec<ClimateRow>,
    pub core_purpose: Vec<CorePurposeRow>,
    pub consultations: ConsultationsView,
    pub implementation_date: String,
    pub contact: ContactView,
    pub appendices: Vec<String>,
    pub background_papers: Vec<String>,
    /// The cited trackers, enriched; body items place them by index.
    pub progress: Vec<Progress>,
    pub body: Body,
    /// `meeting_date_long` in two languages, on a bilingual council
    /// (`crate::model::wording`); left out of the data otherwise.
    #[serde(skip_serializing_if = "Seconds::is_empty")]
    pub second: Seconds,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClimateRow {
    pub label: &'static str,
    pub answer: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorePurposeRow {
    pub purpose: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsultationsView {
    pub internal: String,
    pub external: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: String,
    pub telephone: String,
    pub email: String,
}

fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

/// Builds the context. Pure; assumes `check` has passed.
pub fn build(
    report: &Report,
    council: &Council,
    numbered: &layout::Numbered,
    trackers: &[CitedTracker],
    logo: Option<&Logo>,
) -> Context {
    let style = council
        .style(report.style.as_deref())
        .unwrap_or_else(|| HouseStyle::builtin());
    let wards = layout::wards(&report.wards);
    let exempt = if report.exempt.exempt {
        let paras = report
            .exempt
            .paragraphs
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let which = if report.exempt.paragraphs.len() == 1 {
            "paragraph"
        } else {
            "paragraphs"
        };
        let parts = if report.exempt.parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", report.exempt.parts.join(", "))
        };
        // Schedule 12A, or 7A in Scotland.
        let schedule = &council.jurisdiction.law().schedule;
        format!("Yes – {schedule} {which} {paras}{parts}")
    } else {
        "No".to_string()
    };

    // Core purposes in the council's order, whatever order the author used.
    let core_purpose = council
        .core_purposes
        .iter()
        .filter_map(|p| {
            report
                .core_purpose
                .iter()
                .find(|e| &e.purpose == p)
                .map(|e| CorePurposeRow {
                    purpose: e.purpose.clone(),
                    text: e.text.clone(),
                })
        })
        .collect();

    let c = &report.consultations;
    let internal = c.internal.clone().unwrap_or_else(|| {
        let fin = &council.clearances.finance;
        let legal = &council.clearances.legal;
        format!(
            "{} ({}) and {} ({}) have been consulted and any comments have been incorporated into the report.",
            fin.officer,
            c.finance_clearance.as_deref().unwrap_or_default(),
            legal.officer,
            c.legal_clearance.as_deref().unwrap_or_default(),
        )
    });

    let climate = &report.climate;
    let answer = |a: Answer| a.as_str();

    let mut second = Seconds::new();
    Context {
        council: CouncilView::new(&council.name, logo),
        report: ReportView {
            header: layout::header(report, style, &exempt, council.languages),
            sections: layout::sections(report, style, numbered),
            body_level: layout::body_level(style),
            committee: report.committee.clone(),
            meeting_date: report.meeting_date.to_string(),
            meeting_date_long: put(
                &mut second,
                "meeting_date_long",
                &long_date_in(report.meeting_date, council.languages),
            ),
            subject: report.subject.clone(),
            report_of: report.report_of.clone(),
            wards,
            portfolio: report.portfolio.clone(),
            key_decision: yes_no(report.key_decision),
            forward_plan: yes_no(report.forward_plan),
            exempt,
            key_decision_reason: report.key_decision_reason.clone(),
            is_exempt: report.exempt.exempt,
            summary: report.summary.clone(),
            recommendations: report.recommendations.clone(),
            options: report.options.clone(),
            costs: report.costs.clone(),
            implications: report.implications.clone(),
            climate: vec![
                ClimateRow {
                    label: "Have a positive impact",
                    answer: answer(climate.positive),
                },
                ClimateRow {
                    label: "Have a neutral impact",
                    answer: answer(climate.neutral),
                },
                ClimateRow {
                    label: "Have a negative impact",
                    answer: answer(climate.negative),
                },
                ClimateRow {
                    label: "The Author has undertaken the Climate Emergency training for report authors",
                    answer: yes_no(climate.training),
                },
            ],
            core_purpose,
            consultations: ConsultationsView {
                internal,
                external: c.external.clone(),
            },
            implementation_date: report.implementation_date.clone(),
            contact: ContactView {
                name: report.contact.name.clone(),
                telephone: report.contact.telephone.0.clone(),
                email: report.contact.email.clone(),
            },
            appendices: report.appendices.clone(),
            background_papers: report.background_papers.clone(),
            progress: trackers
                .iter()
                .map(|t| summarise(&t.tracker, t.previous.as_ref()))
                .collect(),
            body: numbered.body.clone(),
            second,
        },
        generator: format!("committee-papers {}", env!("CARGO_PKG_VERSION")),
        draft: false,
    }
}
