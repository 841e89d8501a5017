//! The agenda front sheet: one serializable view of the meeting that the
//! Markdown, HTML and Typst front sheets all read, rendered with the same
//! escaping and filters as the report templates. An exempt item shows its
//! title and Schedule 12A paragraph, and nothing else.

use std::path::Path;

use serde::Serialize;

use crate::context::CouncilView;
use crate::diagnostics::Diagnostic;
use crate::enrich::dates::long_date_in;
use crate::model::meeting::StandingText;
use crate::model::report::Wards;
use crate::model::wording::{Seconds, put, put_prose};
use crate::render::templates::{Document, TemplateSet};
use crate::render::{Format, html, markdown};

use super::exempt;
use super::load::{LoadedKind, LoadedMeeting};

#[derive(Debug, Clone, Serialize)]
pub struct Agenda {
    pub council: CouncilView,
    pub meeting: MeetingView,
    pub membership: MembershipView,
    pub clerk: ClerkView,
    pub standing: StandingView,
    /// The front sheet's headings and row labels (`front_sheet.membership`
    /// ...), in the council's languages.
    pub front_sheet: FrontSheetView,
    /// The council's law (`jurisdiction:`), for templates that cite it:
    /// `law.late_items_section`, `law.exclusion_section`, `law.act` ...
    pub law: &'static crate::law::Law,
    pub items: Vec<AgendaItem>,
    /// A key decision is on the agenda: show the key to the mark.
    pub has_key_decisions: bool,
    /// `index.html` only: the files to link.
    pub index: bool,
    pub generator: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub committee: String,
    pub date: String,
    pub date_long: String,
    pub time: String,
    pub venue: String,
    pub webcast: Option<String>,
    pub papers_url: Option<String>,
    pub published: String,
    pub published_long: String,
    /// The public pack PDF, relative to the agenda page.
    pub pack_pdf: String,
    /// `date_long` and `published_long` in two languages, on a bilingual
    /// council (`crate::model::wording`); left out otherwise.
    #[serde(skip_serializing_if = "Seconds::is_empty")]
    pub second: Seconds,
}

/// The council's standing text of the front sheet (Markdown).
#[derive(Debug, Clone, Serialize)]
pub struct StandingView {
    pub key_decision: String,
    pub access: String,
    pub filming: String,
    /// Each text in two languages, on a bilingual council; left out otherwise.
    #[serde(skip_serializing_if = "Seconds::is_empty")]
    pub second: Seconds,
}

/// The front sheet's words by key, each a string, and `second` beside them.
#[derive(Debug, Clone, Serialize)]
pub struct FrontSheetView {
    #[serde(flatten)]
    pub words: std::collections::BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Seconds::is_empty")]
    pub second: Seconds,
}

impl FrontSheetView {
    pub fn new(f: &crate::model::meeting::FrontSheet) -> Self {
        let mut second = Seconds::new();
        let words =
            f.0.iter()
                .map(|(k, w)| (*k, put(&mut second, k, w)))
                .collect();
        FrontSheetView { words, second }
    }
}

impl StandingView {
    pub fn new(s: &StandingText) -> Self {
        let mut second = Seconds::new();
        StandingView {
            key_decision: put_prose(&mut second, "key_decision", &s.key_decision),
            access: put_prose(&mut second, "access", &s.access),
            filming: put_prose(&mut second, "filming", &s.filming),
            second,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MembershipView {
    pub chair: String,
    pub vice_chair: String,
    pub members: Vec<String>,
    pub substitutes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClerkView {
    pub name: String,
    pub telephone: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaItem {
    pub number: usize,
    pub title: String,
    /// Markdown of a standard item.
    pub text: String,
    pub is_report: bool,
    /// Report of (empty for standard and exempt items).
    pub officer: String,
    pub wards: String,
    pub key_decision: bool,
    pub exempt: bool,
    /// The Schedule 12A notice of an exempt item.
    pub notice: String,
    /// "paragraph 3".
    pub paragraphs: String,
    /// Notices for exempt appendices of a public report.
    pub exempt_parts: Vec<String>,
    pub late: Option<String>,
    /// The item has pages in the public pack.
    pub in_pack: bool,
    /// "Pages 7 - 22", once the pack is typeset.
    pub pages: Option<String>,
    /// Files published for this item (`index.html`).
    pub links: Vec<Link>,
    /// `title` and `text` in two languages, on a bilingual council
    /// (`crate::model::wording`); left out otherwise.
    #[serde(skip_serializing_if = "Seconds::is_empty")]
    pub second: Seconds,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// The view before page ranges and links are known.
pub fn build(m: &LoadedMeeting) -> Agenda {
    let meeting = &m.meeting;
    let law = m.council.jurisdiction.law();
    let languages = m.council.languages;
    let mut dates = Seconds::new();
    let items: Vec<AgendaItem> = m
        .items
        .iter()
        .map(|item| {
            let mut view = AgendaItem {
                number: item.number,
                title: item.title().to_string(),
                text: String::new(),
                is_report: false,
                officer: String::new(),
                wards: String::new(),
                key_decision: false,
                exempt: false,
                notice: String::new(),
                paragraphs: String::new(),
                exempt_parts: Vec::new(),
                late: item.late.clone(),
                in_pack: false,
                pages: None,
                links: Vec::new(),
                second: Seconds::new(),
            };
            match &item.kind {
                LoadedKind::Standard { title, text, .. } => {
                    view.title = put(&mut view.second, "title", title);
                    view.text = put_prose(&mut view.second, "text", text);
                }
                LoadedKind::Report {
                    report, exemption, ..
                } => {
                    view.is_report = true;
                    if exemption.whole {
                        view.exempt = true;
                        view.notice = exempt::report_notice(law, &exemption.paragraphs);
                        view.paragraphs = exemption.paragraph_words();
                    } else {
                        let r = &report.report;
                        view.officer = r.report_of.clone();
                        view.wards = match &r.wards {
                            Wards::All => "All Wards".into(),
                            Wards::Listed(w) => w
                                .iter()
                                .map(|(n, _)| n.as_str())
                                .collect::<Vec<_>>()
                                .join("; "),
                        };
                        view.key_decision = r.key_decision;
                        view.exempt_parts = exemption
                            .appendices
                            .iter()
                            .map(|&n| exempt::appendix_notice(law, n, &exemption.paragraphs))
                            .collect();
                    }
                }
            }
            view
        })
        .collect();
    Agenda {
        council: CouncilView::new(&m.council.name, m.logo.as_ref()),
        meeting: MeetingView {
            committee: meeting.committee.clone(),
            date: meeting.date.to_string(),
            date_long: put(
                &mut dates,
                "date_long",
                &long_date_in(meeting.date, languages),
            ),
            time: meeting.time.clone(),
            venue: meeting.venue.clone(),
            webcast: meeting.webcast.clone(),
            papers_url: meeting.papers_url.clone(),
            published: m.published.to_string(),
            published_long: put(
                &mut dates,
                "published_long",
                &long_date_in(m.published, languages),
            ),
            pack_pdf: "pack.pdf".into(),
            second: dates,
        },
        membership: MembershipView {
            chair: meeting.membership.chair.clone(),
            vice_chair: meeting.membership.vice_chair.0.clone(),
            members: meeting.membership.members.clone(),
            substitutes: meeting.membership.substitutes.clone(),
        },
        clerk: ClerkView {
            name: meeting.clerk.name.clone(),
            telephone: meeting.clerk.telephone.0.clone(),
            email: meeting.clerk.email.clone(),
        },
        standing: StandingView::new(&m.council.pack.standing_text),
        front_sheet: FrontSheetView::new(&m.council.pack.front_sheet),
        law,
        has_key_decisions: items.iter().any(|i| i.key_decision),
        items,
        index: false,
        generator: format!("committee-papers {}", env!("CARGO_PKG_VERSION")),
    }
}

/// "Pages 7 - 22" (or "Page 7").
pub fn page_range(first: usize, last: usize) -> String {
    if first == last {
        format!("Page {first}")
    } else {
        format!("Pages {first} - {last}")
    }
}

/// Renders the front sheet as Markdown or HTML.
pub fn render(
    agenda: &Agenda,
    format: Format,
    overrides: Option<&Path>,
) -> Result<String, Vec<Diagnostic>> {
    let configure = match format {
        Format::Markdown => markdown::configure,
        Format::Html => html::configure,
        Format::Pdf | Format::Docx => {
            unreachable!(
                "the PDF front sheet is part of the pack document; the .docx is made from the Markdown"
            )
        }
    };
    let text = TemplateSet::load(format, Document::Agenda, overrides, configure)?.render(agenda)?;
    Ok(match format {
        Format::Markdown => tidy(&text),
        _ => html::without_forbidden_code_points(&text).into_owned(),
    })
}

/// Folds runs of blank lines that templates leave into one and ends with
/// one newline (markdownlint MD012/MD047).
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
