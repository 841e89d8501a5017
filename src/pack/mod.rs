//! Meeting packs: `papers pack MEETING.yaml`. Loads a meeting and its
//! reports, renders every report (in parallel), typesets the public pack and
//! the members' supplement, and writes `public/`, `exempt/` and
//! `manifest.json` into a temporary folder beside the output folder before
//! moving it into place.
//!
//! Nothing of an exempt item reaches `public/`: exempt reports and exempt
//! appendices are rendered only into `exempt/`, public files are named after
//! public reports or item numbers, and the public documents carry the
//! Schedule 12A notice in their place.

pub mod agenda;
pub mod clear_days;
pub mod exempt;
pub mod load;
pub mod manifest;
pub mod output;
pub mod pdf;

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::enrich::numbering::slug;
use crate::pipeline::{self, LoadedReport};
use crate::render::{Format, html};

use agenda::{Link, page_range};
use load::{Content, Document, LoadedItem, LoadedKind, LoadedMeeting};
use manifest::{Audience, ExemptionRecord, FileRecord, ItemRecord, Manifest, Pages};
use pdf::{AppendixPart, DocPart, Dress, Part};
use serde_json::json;

pub use load::load_meeting;

/// One file of the pack, before it is written.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub audience: Audience,
    pub bytes: Vec<u8>,
}

/// A built pack, in memory.
#[derive(Debug)]
pub struct Built {
    pub files: Vec<OutFile>,
    pub manifest: Manifest,
    pub warnings: Vec<Diagnostic>,
}

impl Built {
    pub fn file(&self, path: &str) -> Option<&OutFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// What one report rendered to, alone.
struct RenderedReport {
    outputs: Vec<(Format, Vec<u8>)>,
    warnings: Vec<Diagnostic>,
}

fn render_one(report: &LoadedReport) -> Result<RenderedReport, Vec<Diagnostic>> {
    let rendered = pipeline::render_report(report, &Format::ALL)?;
    Ok(RenderedReport {
        outputs: rendered.outputs,
        warnings: rendered.warnings,
    })
}

/// Builds the whole pack in memory. `tick` is called once per finished
/// step (for a progress bar); `steps` says how many there will be.
pub fn build(
    m: &LoadedMeeting,
    epoch: Option<&str>,
    tick: &(dyn Fn(&str) + Sync),
) -> Result<Built, Vec<Diagnostic>> {
    // Each report's context, for `paper(...)` in the pack. The reports
    // themselves are rendered below, while the pack is typeset.
    let mut datas = Vec::with_capacity(m.items.len());
    for item in &m.items {
        datas.push(match item.report() {
            Some(r) => Some(serde_json::to_value(r.context()).map_err(|e| {
                vec![
                    Diagnostic::error(format!("the report's data cannot be serialised: {e}"))
                        .in_file(&r.path),
                ]
            })?),
            None => None,
        });
    }
    let mut warnings = m.warnings.clone();
    // (item number, audience, file stem) of each report's own outputs.
    let mut pending: Vec<(usize, Audience, String)> = Vec::new();

    let mut files: Vec<OutFile> = Vec::new();
    let mut agenda = agenda::build(m);
    let mut public_parts = Vec::new();
    let mut exempt_parts = Vec::new();
    let mut public_world: Vec<(String, Vec<u8>)> = Vec::new();
    let mut exempt_world: Vec<(String, Vec<u8>)> = Vec::new();
    let mut exempt_paragraphs: Vec<u32> = Vec::new();

    for (item, data) in m.items.iter().zip(&datas) {
        let view = &mut agenda.items[item.number - 1];
        match (&item.kind, data) {
            (
                LoadedKind::Report {
                    report,
                    exemption,
                    appendices,
                },
                Some(data),
            ) => {
                let audience = if exemption.whole {
                    Audience::Exempt
                } else {
                    Audience::Public
                };
                // Files are named by item number and title, which the agenda
                // shows, never after the report's file: an exempt report's
                // file name may say what the agenda may not, and the
                // manifest lists every file.
                let stem = item_name(item.number, &report.report.subject);
                if audience == Audience::Public {
                    for format in Format::ALL {
                        view.links.push(Link {
                            text: format!("Report ({})", format_name(format)),
                            href: format!("{stem}.{}", format.extension()),
                        });
                    }
                }
                pending.push((item.number, audience, stem.clone()));
                if exemption.is_exempt() {
                    exempt_paragraphs.extend(&exemption.paragraphs);
                }
                let mut public_appendices = Vec::new();
                let mut exempt_appendices = Vec::new();
                for a in appendices {
                    let label = format!("Appendix {}: {}", a.number, a.title);
                    let name = format!("item-{}-appendix-{}", item.number, a.number);
                    let aud = if a.exempt {
                        Audience::Exempt
                    } else {
                        Audience::Public
                    };
                    files.extend(document_files(&a.document, aud, &name, &label, m));
                    if a.exempt {
                        let doc = DocPart::of(&a.document, &name, &mut exempt_world);
                        exempt_appendices.push(doc.appendix(label));
                        if !exemption.whole {
                            public_appendices.push(AppendixPart::Withheld {
                                label: format!("Appendix {}: {}", a.number, a.title),
                                notice: exempt::appendix_notice(a.number, &exemption.paragraphs),
                            });
                        }
                    } else {
                        let doc = DocPart::of(&a.document, &name, &mut public_world);
                        view.links.extend(doc_links(&label, &name, &a.document));
                        public_appendices.push(doc.appendix(label));
                    }
                }
                if exemption.whole {
                    exempt_parts.push(Part::Report {
                        number: item.number,
                        data: data.clone(),
                        appendices: exempt_appendices,
                    });
                } else {
                    view.in_pack = true;
                    public_parts.push(Part::Report {
                        number: item.number,
                        data: data.clone(),
                        appendices: public_appendices,
                    });
                    if !exempt_appendices.is_empty() {
                        // The exempt appendices alone, under the report's title.
                        exempt_parts.push(Part::Appendices {
                            number: item.number,
                            title: format!("{}: exempt appendices", report.report.subject),
                            appendices: exempt_appendices,
                        });
                    }
                }
            }
            (
                LoadedKind::Standard {
                    title,
                    text,
                    document,
                },
                _,
            ) => {
                let Some(doc) = document else { continue };
                // Capped, as a report's: paths must stay inside Windows' limits.
                let name = item_name(item.number, title);
                files.extend(document_files(doc, Audience::Public, &name, title, m));
                view.links.extend(doc_links(title, &name, doc));
                view.in_pack = true;
                public_parts.push(Part::Standard {
                    number: item.number,
                    title: title.clone(),
                    text: text.clone(),
                    document: Some(DocPart::of(doc, &name, &mut public_world)),
                });
            }
            (LoadedKind::Report { .. }, None) => unreachable!("errors returned above"),
        }
    }
    exempt_paragraphs.sort_unstable();
    exempt_paragraphs.dedup();

    // The public pack and the members' supplement, side by side.
    let first = m.items.iter().find_map(LoadedItem::report);
    let overrides = first.and_then(LoadedReport::override_dir);
    // Env is not Sync: each thread makes its own.
    let env = || render_env(first, overrides.as_deref());
    let agenda_data =
        serde_json::to_value(&agenda).map_err(|e| vec![Diagnostic::error(e.to_string())])?;
    let date_long = agenda.meeting.date_long.clone();
    let title = format!("Agenda reports pack: {}, {date_long}", m.meeting.committee);
    let supplement_title = format!(
        "Members' supplement (NOT FOR PUBLICATION): {}, {date_long}",
        m.meeting.committee
    );
    let mark = exempt::supplement_mark(&exempt_paragraphs);
    let odd_pages = m.council.pack.odd_page_starts;
    // Every report alone (in parallel, results in agenda order so the
    // output does not depend on the number of threads) while the pack and
    // the supplement are typeset.
    let render_reports = || -> Vec<Option<Result<RenderedReport, Vec<Diagnostic>>>> {
        m.items
            .par_iter()
            .map(|item| {
                item.report().map(|r| {
                    let out = render_one(r);
                    tick(&r.report.subject);
                    out
                })
            })
            .collect()
    };
    let (rendered, (pack, supplement)) = rayon::join(render_reports, || {
        rayon::join(
            || {
                let out = pdf::typeset(pdf::PackJob {
                    dress: Dress {
                        title: title.clone(),
                        description: format!(
                            "Agenda and reports of {}, {date_long}",
                            m.meeting.committee
                        ),
                        running: format!("Agenda, {date_long}"),
                        odd_pages,
                        mark: None,
                        front: true,
                    },
                    agenda: &agenda_data,
                    parts: &public_parts,
                    ranges: None,
                    date: m.meeting.date,
                    files: public_world.clone(),
                    env: &env(),
                    epoch,
                });
                tick("agenda reports pack");
                out
            },
            || {
                (!exempt_parts.is_empty()).then(|| {
                    let out = pdf::typeset(pdf::PackJob {
                        dress: Dress {
                            title: supplement_title.clone(),
                            description: mark.clone(),
                            running: "NOT FOR PUBLICATION".into(),
                            odd_pages,
                            mark: Some(mark.clone()),
                            front: false,
                        },
                        agenda: &agenda_data,
                        parts: &exempt_parts,
                        ranges: None,
                        date: m.meeting.date,
                        files: exempt_world.clone(),
                        env: &env(),
                        epoch,
                    });
                    tick("members' supplement");
                    out
                })
            },
        )
    });
    let mut errors = Vec::new();
    let mut outputs: std::collections::HashMap<usize, Vec<(Format, Vec<u8>)>> =
        std::collections::HashMap::new();
    for (item, r) in m.items.iter().zip(rendered) {
        match r {
            Some(Ok(r)) => {
                warnings.extend(r.warnings.iter().cloned());
                outputs.insert(item.number, r.outputs);
            }
            Some(Err(e)) => errors.extend(e),
            None => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (number, audience, stem) in &pending {
        for (format, bytes) in outputs.remove(number).unwrap_or_default() {
            files.push(OutFile {
                path: format!("{}/{stem}.{}", audience.folder(), format.extension()),
                audience: *audience,
                bytes,
            });
        }
    }
    let pack = pack?;
    warnings.extend(pack.warnings.iter().cloned());
    if let Some(s) = &supplement {
        match s {
            Ok(s) => warnings.extend(s.warnings.iter().cloned()),
            Err(e) => return Err(e.clone()),
        }
    }

    // Page ranges into the agenda, then the front sheet in each format.
    let mut ranges = serde_json::Map::new();
    for &(n, first, last) in &pack.ranges {
        agenda.items[n - 1].pages = Some(page_range(first, last));
        ranges.insert(n.to_string(), json!(page_range(first, last)));
    }
    let agenda_data =
        serde_json::to_value(&agenda).map_err(|e| vec![Diagnostic::error(e.to_string())])?;
    let agenda_pdf = pdf::typeset(pdf::PackJob {
        dress: Dress {
            title: format!("Agenda: {}, {date_long}", m.meeting.committee),
            description: format!("Agenda of {}, {date_long}", m.meeting.committee),
            running: format!("Agenda, {date_long}"),
            odd_pages: false,
            mark: None,
            front: true,
        },
        agenda: &agenda_data,
        parts: &[],
        ranges: Some(serde_json::Value::Object(ranges)),
        date: m.meeting.date,
        files: Vec::new(),
        env: &env(),
        epoch,
    })?;
    tick("agenda");
    let agenda_md = agenda::render(&agenda, Format::Markdown, overrides.as_deref())?;
    let agenda_html = agenda::render(&agenda, Format::Html, overrides.as_deref())?;
    agenda.index = true;
    let index_html = agenda::render(&agenda, Format::Html, overrides.as_deref())?;
    for (path, bytes) in [
        ("public/index.html", index_html.into_bytes()),
        ("public/agenda.md", agenda_md.into_bytes()),
        ("public/agenda.html", agenda_html.into_bytes()),
        ("public/agenda.pdf", agenda_pdf.bytes),
        ("public/pack.pdf", pack.bytes.clone()),
    ] {
        files.push(OutFile {
            path: path.into(),
            audience: Audience::Public,
            bytes,
        });
    }
    if let Some(Ok(s)) = supplement {
        files.push(OutFile {
            path: "exempt/supplement.pdf".into(),
            audience: Audience::Exempt,
            bytes: s.bytes,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));

    let items = m
        .items
        .iter()
        .map(|item| item_record(item, &pack.ranges))
        .collect();
    let manifest = Manifest {
        meeting: manifest::MeetingRecord {
            committee: m.meeting.committee.clone(),
            date: m.meeting.date.to_string(),
            time: m.meeting.time.clone(),
            venue: m.meeting.venue.clone(),
            published: m.published.to_string(),
            clear_days: m.clear_days,
            clear_days_required: m.council.pack.clear_days,
        },
        pack: manifest::PackRecord {
            pdf: "public/pack.pdf".into(),
            pages: pack.pages,
            standards: if pack.standards {
                vec!["PDF/UA-1", "PDF/A-2a"]
            } else {
                Vec::new()
            },
        },
        files: files
            .iter()
            .map(|f| FileRecord::new(f.path.clone(), &f.bytes, f.audience))
            .collect(),
        items,
    };
    Ok(Built {
        files,
        manifest,
        warnings,
    })
}

fn item_record(item: &LoadedItem, ranges: &[(usize, usize, usize)]) -> ItemRecord {
    let pages = ranges
        .iter()
        .find(|(n, _, _)| *n == item.number)
        .map(|&(_, first, last)| Pages { first, last });
    let (kind, exemption) = match &item.kind {
        LoadedKind::Standard { .. } => ("standard", None),
        LoadedKind::Report { exemption, .. } => (
            "report",
            exemption.is_exempt().then(|| ExemptionRecord {
                paragraphs: exemption.paragraphs.clone(),
                parts: exemption.parts.clone(),
                whole: exemption.whole,
            }),
        ),
    };
    ItemRecord {
        number: item.number,
        title: item.title().to_string(),
        kind,
        pages,
        exemption,
        late: item.late.clone(),
    }
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Markdown => "Markdown",
        Format::Html => "HTML",
        Format::Pdf => "PDF",
    }
}

/// The links to a published document: a PDF, or Markdown and its HTML page.
fn doc_links(label: &str, name: &str, doc: &Document) -> Vec<Link> {
    let link = |kind: &str, ext: &str| Link {
        text: format!("{label} ({kind})"),
        href: format!("{name}.{ext}"),
    };
    match doc.content {
        Content::Pdf { .. } => vec![link("PDF", "pdf")],
        Content::Markdown(_) => vec![link("HTML", "html"), link("Markdown", "md")],
    }
}

/// `item-4-childrens-services-commissioner`: unique (the item number) and
/// derived from nothing but what the agenda shows. The title's part is
/// capped at 60 characters (at a word break), so that a pack's paths stay
/// well inside Windows' 260-character limit.
fn item_name(number: usize, title: &str) -> String {
    let slug = slug(title);
    let mut short: String = slug.chars().take(60).collect();
    if short.len() < slug.len()
        && let Some(cut) = short.rfind('-')
    {
        short.truncate(cut);
    }
    format!("item-{number}-{short}")
}

/// An attached document as published: a PDF as it is; Markdown as itself
/// and as an accessible HTML page.
fn document_files(
    doc: &Document,
    audience: Audience,
    name: &str,
    title: &str,
    m: &LoadedMeeting,
) -> Vec<OutFile> {
    let folder = audience.folder();
    match &doc.content {
        Content::Pdf { bytes, .. } => vec![OutFile {
            path: format!("{folder}/{name}.pdf"),
            audience,
            bytes: bytes.clone(),
        }],
        Content::Markdown(text) => vec![
            OutFile {
                path: format!("{folder}/{name}.md"),
                audience,
                bytes: text.clone().into_bytes(),
            },
            OutFile {
                path: format!("{folder}/{name}.html"),
                audience,
                bytes: markdown_page(title, text, m).into_bytes(),
            },
        ],
    }
}

/// A Markdown document as a self-contained, accessible HTML page.
fn markdown_page(title: &str, markdown: &str, m: &LoadedMeeting) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let css = crate::render::templates::AGENDA
        .iter()
        .find(|(n, _)| *n == "style.css")
        .map(|(_, t)| *t)
        .unwrap_or_default();
    // The page's own title is its one h1; the document's headings, which
    // a prose field starts at h3, follow it from h2.
    let mut body = html::markdown_to_html(markdown);
    for level in 3..=6 {
        body = body
            .replace(&format!("<h{level}>"), &format!("<h{}>", level - 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level - 1));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}: {c}, {d}</title>\n<style>\n{css}</style>\n</head>\n<body>\n<header class=\"masthead\">\n<p class=\"council\">{council}</p>\n<p class=\"meeting\">{c}, {d}</p>\n</header>\n<main id=\"main\">\n<h1>{t}</h1>\n{body}</main>\n</body>\n</html>\n",
        t = esc(title),
        c = esc(&m.meeting.committee),
        d = esc(&crate::enrich::dates::long_date(m.meeting.date)),
        council = esc(&m.council.name),
    )
}

/// Fonts, logo and template overrides: the council's, as the reports
/// loaded them.
fn render_env<'a>(
    first: Option<&'a LoadedReport>,
    overrides: Option<&'a Path>,
) -> crate::render::pdf::Env<'a> {
    crate::render::pdf::Env {
        overrides,
        house_font: first.and_then(|r| r.house_font.as_ref()),
        extra_fonts: first.map(|r| r.extra_fonts.as_slice()).unwrap_or_default(),
        logo: first.and_then(|r| r.logo.as_ref()),
        origins: &crate::load::origins::NoOrigins,
    }
}

#[cfg(test)]
mod tests {
    /// Long agenda titles give names that keep a pack's paths inside
    /// Windows' limits, cut at a word break.
    #[test]
    fn names_from_titles_are_capped() {
        let title = "Review of the arrangements for the provision of home to school transport \
                     for children with special educational needs and disabilities 2024 to 2027";
        let name = super::item_name(12, title);
        assert!(name.len() <= "item-12-".len() + 60, "{name}");
        assert_eq!(
            name,
            "item-12-review-of-the-arrangements-for-the-provision-of-home-to"
        );
        assert_eq!(super::item_name(3, "Minutes"), "item-3-minutes");
    }
}
