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

use crate::diagnostics::{Code, Diagnostic};
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

/// Builds the whole pack in memory. `tick` is called once per finished
/// step (for a progress bar).
pub fn build(
    m: &LoadedMeeting,
    epoch: Option<&str>,
    tick: &(dyn Fn(&str) + Sync),
) -> Result<Built, Vec<Diagnostic>> {
    let datas = report_data(m)?;
    let mut agenda = agenda::build(m);
    let plan = Plan::of(m, &datas, &mut agenda);
    let first = m.items.iter().find_map(LoadedItem::report);
    let overrides = first.and_then(LoadedReport::override_dir);
    // Env is not Sync: each thread makes its own.
    let env = || render_env(first, overrides.as_deref());
    let typeset = typeset_documents(m, &plan, &agenda, &env, epoch, tick)?;

    let mut warnings = m.warnings.clone();
    let mut files = plan.files;
    files.extend(report_files(
        m,
        typeset.reports,
        &plan.pending,
        &mut warnings,
    )?);
    let pack = typeset.pack?;
    warnings.extend(pack.warnings.iter().cloned());
    let supplement = typeset.supplement.transpose()?;
    if let Some(s) = &supplement {
        warnings.extend(s.warnings.iter().cloned());
    }
    files.extend(front_sheet(
        m,
        &mut agenda,
        &pack,
        &env(),
        overrides.as_deref(),
        epoch,
    )?);
    tick("agenda");
    if let Some(s) = supplement {
        files.push(OutFile {
            path: "exempt/supplement.pdf".into(),
            audience: Audience::Exempt,
            bytes: s.bytes,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let manifest = manifest_of(m, &files, &pack);
    Ok(Built {
        files,
        manifest,
        warnings,
    })
}

/// Each report's context as JSON, for `paper(...)` in the pack (the
/// reports themselves are rendered while the pack is typeset).
fn report_data(m: &LoadedMeeting) -> Result<Vec<Option<serde_json::Value>>, Vec<Diagnostic>> {
    m.items
        .iter()
        .map(|item| {
            item.report()
                .map(|r| {
                    serde_json::to_value(r.context()).map_err(|e| {
                        vec![
                            Diagnostic::error(
                                Code::P900,
                                format!("the report's data cannot be serialised: {e}"),
                            )
                            .in_file(&r.path),
                        ]
                    })
                })
                .transpose()
        })
        .collect()
}

/// Where each item goes: the public pack or the members' supplement, its
/// attached documents' files, and its links on the agenda.
#[derive(Default)]
struct Plan {
    /// Attached documents (appendices, minutes), ready to write.
    files: Vec<OutFile>,
    /// (item number, audience, file stem) of each report's own outputs.
    pending: Vec<(usize, Audience, String)>,
    public_parts: Vec<Part>,
    exempt_parts: Vec<Part>,
    /// Files the pack documents read (attached PDFs), by their names there.
    public_world: Vec<(String, Vec<u8>)>,
    exempt_world: Vec<(String, Vec<u8>)>,
    /// Every Schedule 12A paragraph cited, for the supplement's mark.
    exempt_paragraphs: Vec<crate::law::ParagraphId>,
}

impl Plan {
    fn of(
        m: &LoadedMeeting,
        datas: &[Option<serde_json::Value>],
        agenda: &mut agenda::Agenda,
    ) -> Plan {
        let mut plan = Plan::default();
        for (item, data) in m.items.iter().zip(datas) {
            let view = &mut agenda.items[item.number - 1];
            match (&item.kind, data) {
                (
                    LoadedKind::Report {
                        report,
                        exemption,
                        appendices,
                    },
                    Some(data),
                ) => plan.report(item.number, report, exemption, appendices, data, view, m),
                (
                    LoadedKind::Standard {
                        title,
                        text,
                        document: Some(doc),
                    },
                    _,
                ) => plan.standard(
                    item.number,
                    &title.joined(),
                    &text.joined_prose(),
                    doc,
                    view,
                    m,
                ),
                (LoadedKind::Standard { document: None, .. }, _) => {}
                (LoadedKind::Report { .. }, None) => unreachable!("each report has its data"),
            }
        }
        plan.exempt_paragraphs.sort_unstable();
        plan.exempt_paragraphs.dedup();
        plan
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &mut self,
        number: usize,
        report: &LoadedReport,
        exemption: &exempt::Exemption,
        appendices: &[load::Appendix],
        data: &serde_json::Value,
        view: &mut agenda::AgendaItem,
        m: &LoadedMeeting,
    ) {
        let audience = if exemption.whole {
            Audience::Exempt
        } else {
            Audience::Public
        };
        // Files are named by item number and title, which the agenda
        // shows, never after the report's file: an exempt report's
        // file name may say what the agenda may not, and the
        // manifest lists every file.
        let stem = item_name(number, &report.report.subject);
        if audience == Audience::Public {
            for format in formats_of(m) {
                view.links.push(Link {
                    text: format!("Report ({})", format_name(format)),
                    href: format!("{stem}.{}", format.extension()),
                });
            }
        }
        self.pending.push((number, audience, stem.clone()));
        if exemption.is_exempt() {
            self.exempt_paragraphs
                .extend(exemption.paragraphs.iter().cloned());
        }
        let mut public_appendices = Vec::new();
        let mut exempt_appendices = Vec::new();
        for a in appendices {
            let label = format!("Appendix {}: {}", a.number, a.title);
            let name = format!("item-{number}-appendix-{}", a.number);
            let aud = if a.exempt {
                Audience::Exempt
            } else {
                Audience::Public
            };
            self.files
                .extend(document_files(&a.document, aud, &name, &label, m));
            if a.exempt {
                let doc = DocPart::of(&a.document, &name, &mut self.exempt_world);
                exempt_appendices.push(doc.appendix(label));
                if !exemption.whole {
                    public_appendices.push(AppendixPart::Withheld {
                        label: format!("Appendix {}: {}", a.number, a.title),
                        notice: exempt::appendix_notice(
                            m.council.jurisdiction.law(),
                            a.number,
                            &exemption.paragraphs,
                        ),
                    });
                }
            } else {
                let doc = DocPart::of(&a.document, &name, &mut self.public_world);
                view.links.extend(doc_links(&label, &name, &a.document));
                public_appendices.push(doc.appendix(label));
            }
        }
        if exemption.whole {
            self.exempt_parts.push(Part::Report {
                number,
                data: data.clone(),
                appendices: exempt_appendices,
            });
            return;
        }
        view.in_pack = true;
        self.public_parts.push(Part::Report {
            number,
            data: data.clone(),
            appendices: public_appendices,
        });
        if !exempt_appendices.is_empty() {
            // The exempt appendices alone, under the report's title.
            self.exempt_parts.push(Part::Appendices {
                number,
                title: format!("{}: exempt appendices", report.report.subject),
                appendices: exempt_appendices,
            });
        }
    }

    fn standard(
        &mut self,
        number: usize,
        title: &str,
        text: &str,
        doc: &Document,
        view: &mut agenda::AgendaItem,
        m: &LoadedMeeting,
    ) {
        // Capped, as a report's: paths must stay inside Windows' limits.
        let name = item_name(number, title);
        self.files
            .extend(document_files(doc, Audience::Public, &name, title, m));
        view.links.extend(doc_links(title, &name, doc));
        view.in_pack = true;
        self.public_parts.push(Part::Standard {
            number,
            title: title.to_string(),
            text: text.to_string(),
            document: Some(DocPart::of(doc, &name, &mut self.public_world)),
        });
    }
}

/// What is typeset at once: every report alone, the public pack and the
/// members' supplement.
struct Typeset {
    /// By item, in agenda order (None for a standard item).
    reports: Vec<Option<Result<pipeline::Rendered, Vec<Diagnostic>>>>,
    pack: Result<pdf::PackPdf, Vec<Diagnostic>>,
    supplement: Option<Result<pdf::PackPdf, Vec<Diagnostic>>>,
}

/// Typesets the pack and the supplement and renders every report alone,
/// side by side ([`crate::parallel`]); results in agenda order, so the
/// output does not depend on the number of threads.
fn typeset_documents<'a>(
    m: &LoadedMeeting,
    plan: &Plan,
    agenda: &agenda::Agenda,
    env: &(dyn Fn() -> crate::render::pdf::Env<'a> + Sync),
    epoch: Option<&str>,
    tick: &(dyn Fn(&str) + Sync),
) -> Result<Typeset, Vec<Diagnostic>> {
    let agenda_data = serde_json::to_value(agenda)
        .map_err(|e| vec![Diagnostic::error(Code::P900, e.to_string())])?;
    let date_long = agenda.meeting.date_long.clone();
    let title = format!("Agenda reports pack: {}, {date_long}", m.meeting.committee);
    let supplement_title = format!(
        "Members' supplement (NOT FOR PUBLICATION): {}, {date_long}",
        m.meeting.committee
    );
    let mark = exempt::supplement_mark(m.council.jurisdiction.law(), &plan.exempt_paragraphs);
    let odd_pages = m.council.pack.odd_page_starts;
    let typeset_pack = || {
        let out = pdf::typeset(pdf::PackJob {
            dress: Dress {
                title: title.clone(),
                description: format!("Agenda and reports of {}, {date_long}", m.meeting.committee),
                running: format!("Agenda, {date_long}"),
                odd_pages,
                mark: None,
                front: true,
            },
            agenda: &agenda_data,
            parts: &plan.public_parts,
            ranges: None,
            date: m.meeting.date,
            files: plan.public_world.clone(),
            env: &env(),
            epoch,
        });
        tick("agenda reports pack");
        out
    };
    let typeset_supplement = || {
        (!plan.exempt_parts.is_empty()).then(|| {
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
                parts: &plan.exempt_parts,
                ranges: None,
                date: m.meeting.date,
                files: plan.exempt_world.clone(),
                env: &env(),
                epoch,
            });
            tick("members' supplement");
            out
        })
    };
    // The pack's 700 pages take longest: they start first, and the
    // reports fill the other threads (Typst lays the pack's items out in
    // parallel too, on rayon's pool).
    enum Task<'i> {
        Pack,
        Supplement,
        Report(&'i pipeline::LoadedReport),
    }
    enum Done {
        Pdf(Option<Result<pdf::PackPdf, Vec<Diagnostic>>>),
        Report(Result<pipeline::Rendered, Vec<Diagnostic>>),
    }
    let formats = formats_of(m);
    let tasks: Vec<Task> = [Task::Pack, Task::Supplement]
        .into_iter()
        .chain(m.items.iter().filter_map(|i| i.report().map(Task::Report)))
        .collect();
    let mut done = crate::parallel::map(&tasks, |task| match task {
        Task::Pack => Done::Pdf(Some(typeset_pack())),
        Task::Supplement => Done::Pdf(typeset_supplement()),
        Task::Report(r) => {
            let out = pipeline::render_report(r, &formats);
            tick(&r.report.subject);
            Done::Report(out)
        }
    })
    .into_iter();
    let (Some(Done::Pdf(Some(pack))), Some(Done::Pdf(supplement))) = (done.next(), done.next())
    else {
        unreachable!("the pack and the supplement are the first two tasks")
    };
    let mut rendered = done.map(|d| match d {
        Done::Report(r) => r,
        Done::Pdf(_) => unreachable!("only the first two tasks are PDFs"),
    });
    let reports = m
        .items
        .iter()
        .map(|item| {
            item.report()
                .map(|_| rendered.next().expect("one per report"))
        })
        .collect();
    Ok(Typeset {
        reports,
        pack,
        supplement,
    })
}

/// Each report's own files, in `public/` or `exempt/`; every report's
/// errors at once if any failed.
fn report_files(
    m: &LoadedMeeting,
    rendered: Vec<Option<Result<pipeline::Rendered, Vec<Diagnostic>>>>,
    pending: &[(usize, Audience, String)],
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
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
    let mut files = Vec::new();
    for (number, audience, stem) in pending {
        for (format, bytes) in outputs.remove(number).unwrap_or_default() {
            files.push(OutFile {
                path: format!("{}/{stem}.{}", audience.folder(), format.extension()),
                audience: *audience,
                bytes,
            });
        }
    }
    Ok(files)
}

/// The front sheet, now that the pack's page ranges are known, in every
/// format, with the website's index page and the pack itself.
fn front_sheet(
    m: &LoadedMeeting,
    agenda: &mut agenda::Agenda,
    pack: &pdf::PackPdf,
    env: &crate::render::pdf::Env,
    overrides: Option<&Path>,
    epoch: Option<&str>,
) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    let date_long = agenda.meeting.date_long.clone();
    let mut ranges = serde_json::Map::new();
    for &(n, first, last) in &pack.ranges {
        agenda.items[n - 1].pages = Some(page_range(first, last));
        ranges.insert(n.to_string(), json!(page_range(first, last)));
    }
    let agenda_data = serde_json::to_value(&*agenda)
        .map_err(|e| vec![Diagnostic::error(Code::P900, e.to_string())])?;
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
        env,
        epoch,
    })?;
    let agenda_md = agenda::render(agenda, Format::Markdown, overrides)?;
    let agenda_html = agenda::render(agenda, Format::Html, overrides)?;
    let agenda_docx = if m.council.pack.docx {
        Some(agenda_docx(m, &agenda_md, epoch)?)
    } else {
        None
    };
    agenda.index = true;
    let index_html = agenda::render(agenda, Format::Html, overrides)?;
    Ok([
        ("public/index.html", index_html.into_bytes()),
        ("public/agenda.md", agenda_md.into_bytes()),
        ("public/agenda.html", agenda_html.into_bytes()),
        ("public/agenda.pdf", agenda_pdf.bytes),
        ("public/pack.pdf", pack.bytes.clone()),
    ]
    .into_iter()
    .chain(agenda_docx.map(|b| ("public/agenda.docx", b)))
    .map(|(path, bytes)| OutFile {
        path: path.into(),
        audience: Audience::Public,
        bytes,
    })
    .collect())
}

/// Every file with its hash and audience, the pack's pages and standards,
/// and each item's record.
fn manifest_of(m: &LoadedMeeting, files: &[OutFile], pack: &pdf::PackPdf) -> Manifest {
    Manifest {
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
        items: m
            .items
            .iter()
            .map(|item| item_record(item, &pack.ranges))
            .collect(),
    }
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

/// The formats each report of the pack is written in: Markdown, HTML and
/// PDF, and Word when `council.yaml` says `pack: { docx: Yes }`.
fn formats_of(m: &LoadedMeeting) -> Vec<Format> {
    let mut formats = Format::ALL.to_vec();
    if m.council.pack.docx {
        formats.push(Format::Docx);
    }
    formats
}

/// The agenda front sheet as a .docx, made from its Markdown on the
/// council's Word template.
fn agenda_docx(
    m: &LoadedMeeting,
    agenda_md: &str,
    epoch: Option<&str>,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    use crate::render::docx;
    let council_file = m.council_dir.join(crate::load::COUNCIL_FILE);
    let template = m
        .council
        .docx_template
        .as_deref()
        .map(|rel| crate::load::assets::read_docx_template(&council_file, rel))
        .transpose()
        .map_err(|e| vec![e.in_file(&council_file)])?;
    let epoch = docx::epoch_of(epoch).map_err(|e| vec![Diagnostic::error(Code::P111, e)])?;
    let opts = docx::Options {
        template: template.as_deref(),
        names: docx::names_of(&m.council.docx_styles),
        logo: m.logo.as_ref(),
        mark: None,
        epoch,
        unprinted: Vec::new(),
    };
    let title = format!(
        "Agenda: {}, {}",
        m.meeting.committee,
        crate::enrich::dates::long_date(m.meeting.date)
    );
    docx::render_markdown(agenda_md, &title, &m.council.name, &opts).map_err(|e| {
        vec![
            Diagnostic::error(Code::P108, format!("the Word template {e}"))
                .in_file(&council_file)
                .with_hint("`docx_template:` names a .docx or .dotx saved by Word or LibreOffice"),
        ]
    })
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Markdown => "Markdown",
        Format::Html => "HTML",
        Format::Pdf => "PDF",
        Format::Docx => "Word",
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
    let css = crate::render::templates::builtin("style.css").unwrap_or_default();
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
