//! The pack as one Typst document (`templates/pack.typ`): the front sheet,
//! then every item in order, each starting on a new page (an odd one if the
//! council asks), with one "Page X of Y" through the whole pack and a
//! bookmark for each item and each report section. Each report is the same
//! `paper(...)` as in its own PDF.
//!
//! Page ranges are computed inside the document in one pass: each item is
//! bracketed by `<item-N-start>` and `<item-N-end>` labels, and the front
//! sheet's `item-pages(N)` reads where they landed (`locate`), so Typst's
//! own layout iterations settle the contents. After compiling, Rust reads
//! the same labels from the document's introspector for the manifest.
//!
//! PDF appendices enter as images of their pages (Typst embeds each page as
//! a form XObject, so their text stays text). Typst refuses PDF images under
//! PDF/UA-1 and PDF/A-2, so a pack holding one declares no standard (its own
//! pages are still tagged); a pack without one declares both.

use std::num::NonZeroUsize;

use serde::Serialize;
use serde_json::{Value, json};
use typst::foundations::Label;
use typst::introspection::Introspector;
use typst::utils::PicoStr;

use crate::diagnostics::Diagnostic;
use crate::load::origins::NoOrigins;
use crate::render::pdf::{Conformance, Env, Job, PagedDocument, Typeset};

use super::load::{Content, Document};

/// One item of the document after the front sheet.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Part {
    /// A report: its context (`council`, `report`) for `paper`, then its
    /// appendices in place.
    Report {
        number: usize,
        data: Value,
        appendices: Vec<AppendixPart>,
    },
    /// A public report's exempt appendices alone (the supplement).
    Appendices {
        number: usize,
        title: String,
        appendices: Vec<AppendixPart>,
    },
    /// A standard item with its text and attached document.
    Standard {
        number: usize,
        title: String,
        text: String,
        document: Option<DocPart>,
    },
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum AppendixPart {
    Markdown {
        label: String,
        markdown: String,
    },
    Pdf {
        label: String,
        path: String,
        pages: usize,
    },
    /// An exempt appendix in a public document: its notice only.
    Withheld {
        label: String,
        notice: String,
    },
}

/// A document's content as the pack places it.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum DocPart {
    Markdown {
        markdown: String,
    },
    /// A PDF served at `path` in the world.
    Pdf {
        path: String,
        pages: usize,
    },
}

impl DocPart {
    /// `doc`, its PDF bytes served at `/attachments/NAME.pdf`.
    pub fn of(doc: &Document, name: &str, files: &mut Vec<(String, Vec<u8>)>) -> DocPart {
        match &doc.content {
            Content::Markdown(text) => DocPart::Markdown {
                markdown: text.clone(),
            },
            Content::Pdf { bytes, pages } => {
                let path = format!("/attachments/{name}.pdf");
                files.push((path.clone(), bytes.clone()));
                DocPart::Pdf {
                    path,
                    pages: *pages,
                }
            }
        }
    }

    /// The same document as a report's appendix.
    pub fn appendix(self, label: String) -> AppendixPart {
        match self {
            DocPart::Markdown { markdown } => AppendixPart::Markdown { label, markdown },
            DocPart::Pdf { path, pages } => AppendixPart::Pdf { label, path, pages },
        }
    }
}

impl Part {
    pub fn number(&self) -> usize {
        match self {
            Part::Report { number, .. }
            | Part::Appendices { number, .. }
            | Part::Standard { number, .. } => *number,
        }
    }

    fn has_pdf(&self) -> bool {
        match self {
            Part::Report { appendices, .. } | Part::Appendices { appendices, .. } => appendices
                .iter()
                .any(|a| matches!(a, AppendixPart::Pdf { .. })),
            Part::Standard { document, .. } => matches!(document, Some(DocPart::Pdf { .. })),
        }
    }
}

/// Whether a document of these parts can declare PDF/UA-1 and PDF/A-2a:
/// only without PDF images, which Typst refuses under both.
pub fn conforms(parts: &[Part]) -> bool {
    !parts.iter().any(Part::has_pdf)
}

/// How the whole document is dressed.
#[derive(Debug, Clone, Serialize)]
pub struct Dress {
    pub title: String,
    pub description: String,
    /// The right-hand running head.
    pub running: String,
    /// Start each item on an odd page.
    pub odd_pages: bool,
    /// Printed on every page (the supplement's "NOT FOR PUBLICATION").
    pub mark: Option<String>,
    /// Typeset the front sheet first.
    pub front: bool,
}

/// A compiled pack: bytes, page count, and where each item starts and ends.
pub struct PackPdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// (item number, first page, last page), in part order.
    pub ranges: Vec<(usize, usize, usize)>,
    pub standards: bool,
    pub warnings: Vec<Diagnostic>,
}

/// What a pack document is made of.
pub struct PackJob<'a> {
    pub dress: Dress,
    /// The agenda view (serialised).
    pub agenda: &'a Value,
    pub parts: &'a [Part],
    /// "Pages 7 - 22" by item number, for the front sheet alone.
    pub ranges: Option<Value>,
    pub date: jiff::civil::Date,
    pub files: Vec<(String, Vec<u8>)>,
    pub env: &'a Env<'a>,
    pub epoch: Option<&'a str>,
}

/// Compiles a pack document and reads back each item's pages.
pub fn typeset(job: PackJob) -> Result<PackPdf, Vec<Diagnostic>> {
    let standards = conforms(job.parts);
    let data = json!({
        "dress": job.dress,
        "agenda": job.agenda,
        "ranges": job.ranges,
        "parts": job.parts,
    });
    let typst_job = Job {
        draft: false,
        entry: "pack.typ",
        data: &data,
        ident: job.dress.title.clone(),
        date: job.date,
        files: job.files,
        conformance: if standards {
            Conformance::Accessible
        } else {
            Conformance::TaggedOnly
        },
    };
    // Report fields are placed by `papers render` of each report alone,
    // which runs first; here errors name the template.
    let env = Env {
        overrides: job.env.overrides,
        house_font: job.env.house_font,
        extra_fonts: job.env.extra_fonts,
        logo: job.env.logo,
        origins: &NoOrigins,
    };
    let typeset = Typeset::new(&typst_job, &env)?;
    let compiled = typeset.compile()?;
    let numbers: Vec<usize> = job.parts.iter().map(Part::number).collect();
    let ranges = ranges(&compiled.document, &numbers);
    let pages = compiled.document.pages().len();
    let mut bytes = typeset.export(&compiled.document, job.epoch)?;
    if !standards {
        bytes = display_doc_title(bytes);
    }
    Ok(PackPdf {
        bytes,
        pages,
        ranges,
        standards,
        warnings: compiled.warnings,
    })
}

/// Asks viewers to show the document's title, not its file name, in their
/// title bar (PDF/UA's rule, WCAG 2.4.2). Typst writes it only when it
/// declares PDF/UA, which a pack with PDF appendices cannot: it is added
/// here. Should the PDF not read back, it is left as Typst wrote it.
fn display_doc_title(pdf: Vec<u8>) -> Vec<u8> {
    use lopdf::{Dictionary, Object};
    let Ok(mut doc) = lopdf::Document::load_mem(&pdf) else {
        return pdf;
    };
    let Ok(catalog) = doc.catalog_mut() else {
        return pdf;
    };
    let mut preferences = match catalog.get(b"ViewerPreferences") {
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    preferences.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", preferences);
    let mut out = Vec::with_capacity(pdf.len());
    match doc.save_to(&mut out) {
        Ok(()) => out,
        Err(_) => pdf,
    }
}

/// Where each item's start and end labels landed.
fn ranges(doc: &PagedDocument, items: &[usize]) -> Vec<(usize, usize, usize)> {
    let intro = doc.introspector();
    let page = |name: String| -> Option<usize> {
        let label = Label::new(PicoStr::intern(&name))?;
        let content = intro.query_label(label).ok()?;
        let loc = content.location()?;
        intro.page(loc).map(NonZeroUsize::get)
    };
    items
        .iter()
        .filter_map(|&n| {
            let first = page(format!("item-{n}-start"))?;
            let last = page(format!("item-{n}-end"))?;
            Some((n, first, last.max(first)))
        })
        .collect()
}
