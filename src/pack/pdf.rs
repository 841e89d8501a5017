//! The pack as one Typst document: the front sheet, then every item in
//! order, each starting on a new page (an odd one if the council asks),
//! with one "Page X of Y" through the whole pack and a bookmark for each
//! item and each report section.
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
use std::panic::{AssertUnwindSafe, catch_unwind};

use typst::WorldExt;
use typst::foundations::{Datetime, Label, Smart};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostics::Diagnostic;
use crate::render::pdf::PapersWorld;
use crate::render::typst_markup::{escape, markdown_to_typst, string_literal};

use super::load::{Content, Document};

/// One piece of the pack document after the front sheet.
pub enum Part {
    /// A report: the Typst source rendered from the report templates,
    /// followed by its appendices in place.
    Report {
        number: usize,
        source: String,
        appendices: Vec<AppendixPart>,
    },
    /// A standard item with an attached document (minutes, say).
    Standard {
        number: usize,
        title: String,
        text: String,
        document: Option<DocPart>,
    },
}

pub enum AppendixPart {
    Included {
        label: String,
        doc: DocPart,
    },
    /// An exempt appendix in a public document: its notice only.
    Withheld {
        label: String,
        notice: String,
    },
}

/// A document's content as the pack places it.
pub enum DocPart {
    Markdown(String),
    /// A PDF served at `path` in the world, with its page count.
    Pdf {
        path: String,
        pages: usize,
    },
}

impl DocPart {
    /// `doc` served at `/attachments/NAME.pdf` (PDFs join `files`).
    pub fn of(doc: &Document, name: &str, files: &mut Vec<(String, Vec<u8>)>) -> DocPart {
        match &doc.content {
            Content::Markdown(text) => DocPart::Markdown(text.clone()),
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

    fn is_pdf(&self) -> bool {
        matches!(self, DocPart::Pdf { .. })
    }
}

impl Part {
    pub fn number(&self) -> usize {
        match self {
            Part::Report { number, .. } | Part::Standard { number, .. } => *number,
        }
    }

    fn has_pdf(&self) -> bool {
        match self {
            Part::Report { appendices, .. } => appendices
                .iter()
                .any(|a| matches!(a, AppendixPart::Included { doc, .. } if doc.is_pdf())),
            Part::Standard { document, .. } => document.as_ref().is_some_and(DocPart::is_pdf),
        }
    }
}

/// How the whole document is dressed.
pub struct Dress<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub description: &'a str,
    /// Start each item on an odd page.
    pub odd_pages: bool,
    /// Printed on every page (the members' supplement's "NOT FOR
    /// PUBLICATION" and paragraph).
    pub mark: Option<&'a str>,
}

const BLANK: &str = "This page is intentionally left blank";

/// The pack's Typst source. `front` is the rendered front sheet (may be
/// empty); each part follows on a new page.
pub fn compose(dress: &Dress, front: &str, parts: &[Part]) -> String {
    let mut s = String::with_capacity(front.len() + parts.len() * 40_000);
    s.push_str("// papers-template: pack (generated)\n");
    s.push_str(&format!(
        "#set document(title: {}, author: {}, description: {})\n",
        string_literal(dress.title),
        string_literal(dress.author),
        string_literal(dress.description)
    ));
    s.push_str(
        "#set text(font: (sys.inputs.at(\"council-font\", default: \"Liberation Sans\"), \"Liberation Sans\"), size: 11pt, lang: \"en\", region: \"GB\", hyphenate: false)\n\
         #set smartquote(enabled: false)\n\
         #set heading(numbering: none)\n\
         #set page(paper: \"a4\", margin: (left: 2.2cm, right: 2.2cm, top: 2.6cm, bottom: 2.4cm), footer: context {\n\
         \x20 set text(size: 9pt, fill: luma(70))\n\
         \x20 align(center)[Page #counter(page).display() of #counter(page).final().first()]\n\
         })\n",
    );
    if let Some(mark) = dress.mark {
        // `foreground` is not reset by the reports' own `set page`.
        s.push_str(&format!(
            "#set page(foreground: place(top + center, dy: 0.9cm, block(fill: white, inset: 3pt, text(size: 9pt, weight: \"bold\", fill: rgb(\"#8b0000\"))[{}])))\n",
            escape(mark)
        ));
    }
    s.push_str(
        "#let item-pages(n) = context {\n\
         \x20 let first = locate(label(\"item-\" + str(n) + \"-start\")).page()\n\
         \x20 let last = locate(label(\"item-\" + str(n) + \"-end\")).page()\n\
         \x20 if first == last [Page #first] else [Pages #first - #last]\n\
         }\n",
    );
    s.push_str(front);
    s.push('\n');
    for (i, part) in parts.iter().enumerate() {
        if i > 0 || !front.trim().is_empty() {
            s.push_str("\n#pagebreak(weak: true)\n");
        }
        if dress.odd_pages {
            s.push_str(&format!(
                "#context if calc.even(here().page()) {{ align(center + horizon, text(fill: luma(90))[{BLANK}]); pagebreak() }}\n"
            ));
        }
        match part {
            Part::Report {
                number,
                source,
                appendices,
            } => {
                s.push_str("#[\n#counter(heading).update(0)\n");
                s.push_str(&report_source(source, *number));
                for a in appendices {
                    s.push_str(&appendix(a));
                }
                s.push_str(&format!("\n#metadata(none) <item-{number}-end>\n]\n"));
            }
            Part::Standard {
                number,
                title,
                text,
                document,
            } => {
                s.push_str(&format!(
                    "#[\n#counter(heading).update(0)\n#metadata(none) <item-{number}-start>\n= {number}. {}\n\n{}\n",
                    escape(title),
                    markdown_to_typst(text)
                ));
                if let Some(doc) = document {
                    s.push_str(&doc_source(doc, &format!("{number}. {title}"), false));
                }
                s.push_str(&format!("\n#metadata(none) <item-{number}-end>\n]\n"));
            }
        }
    }
    s
}

/// A report's Typst source made fit to sit inside the pack: its own
/// `set document` removed (the pack has one), the start label placed on
/// its first page, and the item number before its title.
fn report_source(source: &str, number: usize) -> String {
    let mut out = strip_call(source, "#set document(");
    let label = format!("#metadata(none) <item-{number}-start>\n");
    match find_title_line(&out) {
        Some(at) => out.replace_range(at..at + 2, &format!("{label}= {number}. ")),
        None => out.insert_str(0, &label),
    }
    out
}

/// Byte offset just after the `= ` of the first level-1 heading line, with
/// the `= ` removed; `None` if there is none.
fn find_title_line(source: &str) -> Option<usize> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if line.starts_with("= ") {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// `source` with the call starting with `head` (up to its closing
/// parenthesis, strings skipped) removed.
fn strip_call(source: &str, head: &str) -> String {
    let Some(start) = source.find(head) else {
        return source.to_string();
    };
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut i = start + head.len() - 1;
    let mut in_string = false;
    while i < bytes.len() {
        let c = bytes[i];
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match c {
                b'"' => in_string = true,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        let mut out = String::with_capacity(source.len());
                        out.push_str(&source[..start]);
                        out.push_str(&source[i + 1..]);
                        return out;
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    source.to_string()
}

fn appendix(a: &AppendixPart) -> String {
    match a {
        AppendixPart::Included { label, doc } => doc_source(doc, label, true),
        AppendixPart::Withheld { label, notice } => format!(
            "\n#pagebreak(weak: true)\n== {}\n\n{}\n",
            escape(label),
            escape(notice)
        ),
    }
}

/// A document on new pages under a heading (level 2 inside a report).
fn doc_source(doc: &DocPart, heading: &str, in_report: bool) -> String {
    // In a report, an appendix opens a new page under its own heading; a
    // standard item's document follows the item's heading and text.
    let mut s = String::from("\n");
    if in_report {
        s.push_str(&format!(
            "#pagebreak(weak: true)\n== {}\n\n",
            escape(heading)
        ));
    }
    match doc {
        DocPart::Markdown(md) => {
            s.push_str(&markdown_to_typst(md));
            s.push('\n');
        }
        DocPart::Pdf { path, pages } => {
            for p in 1..=*pages {
                if p > 1 || !in_report {
                    s.push_str("#pagebreak(weak: true)\n");
                }
                // The first page shares its page with the heading.
                let height = if p == 1 && in_report { "91%" } else { "100%" };
                s.push_str(&format!(
                    "#align(center, image({}, page: {p}, height: {height}, fit: \"contain\", alt: {}))\n",
                    string_literal(path),
                    string_literal(&format!("{heading}, page {p} of {pages}"))
                ));
            }
        }
    }
    s
}

/// Whether the pack can declare PDF/UA-1 and PDF/A-2a: only without PDF
/// images, which Typst refuses under both.
pub fn conforms(parts: &[Part]) -> bool {
    !parts.iter().any(Part::has_pdf)
}

/// A compiled pack: bytes, page count, and where each item starts and ends.
pub struct Typeset {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// (item number, first page, last page), in part order.
    pub ranges: Vec<(usize, usize, usize)>,
    pub standards: bool,
    pub warnings: Vec<Diagnostic>,
}

pub struct Job<'a> {
    pub source: &'a str,
    pub ident: &'a str,
    pub date: jiff::civil::Date,
    pub font: Option<&'a [u8]>,
    pub files: &'a [(String, Vec<u8>)],
    /// Item numbers whose labels to read back.
    pub items: &'a [usize],
    /// Declare PDF/UA-1 and PDF/A-2a.
    pub standards: bool,
    pub epoch: Option<&'a str>,
}

/// Compiles the pack and reads back each item's pages.
pub fn typeset(job: &Job) -> Result<Typeset, Vec<Diagnostic>> {
    let today = Datetime::from_ymd(
        i32::from(job.date.year()),
        u8::try_from(job.date.month()).unwrap_or(1),
        u8::try_from(job.date.day()).unwrap_or(1),
    )
    .ok_or_else(|| {
        vec![Diagnostic::error(
            "the meeting date cannot be used in the PDF",
        )]
    })?;
    let timestamp = timestamp(job.date, job.epoch).map_err(|e| vec![e])?;
    let world = PapersWorld::new(job.source, today, job.font, job.files).map_err(|e| {
        vec![Diagnostic::error(e).with_hint("check the `font` named in council.yaml")]
    })?;
    let standards = if job.standards {
        PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2a])
            .expect("PDF/UA-1 and PDF/A-2a are compatible")
    } else {
        PdfStandards::default()
    };
    let options = PdfOptions {
        ident: Smart::Custom(job.ident.to_string()),
        creator: Smart::Custom(Some(format!(
            "committee-papers {} (Typst)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: Some(timestamp),
        standards,
        ..PdfOptions::default()
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let warned = typst::compile::<PagedDocument>(&world);
        let result = warned.output.and_then(|doc| {
            let ranges = ranges(&doc, job.items);
            typst_pdf::pdf(&doc, &options).map(|bytes| (bytes, doc.pages().len(), ranges))
        });
        typst::comemo::evict(10);
        (result, warned.warnings)
    }));
    let locate = |d: &typst::diag::SourceDiagnostic| {
        let main = world.main_source();
        let line = d
            .span
            .id()
            .filter(|id| *id == main.id())
            .and_then(|_| world.range(d.span))
            .and_then(|r| main.lines().byte_to_line_column(r.start));
        let text = line
            .and_then(|(l, _)| main.lines().line_to_range(l))
            .map(|r| main.text()[r].trim().to_string())
            .unwrap_or_default();
        let message = if text.is_empty() {
            format!("Typst: {}", d.message)
        } else {
            format!("Typst: {} (in the pack's source: `{text}`)", d.message)
        };
        let out = match d.severity {
            typst::diag::Severity::Error => Diagnostic::error(message),
            typst::diag::Severity::Warning => Diagnostic::warning(message),
        };
        out.with_hint("check the report and template named above; `papers render` of the report alone may say more")
    };
    match outcome {
        Ok((Ok((bytes, pages, ranges)), warnings)) => Ok(Typeset {
            bytes,
            pages,
            ranges,
            standards: job.standards,
            warnings: warnings.iter().map(locate).collect(),
        }),
        Ok((Err(errors), _)) => Err(errors.iter().map(locate).collect()),
        Err(_) => Err(vec![
            Diagnostic::error("the Typst compiler failed while typesetting the pack")
                .with_hint("this is a bug; please report it with the meeting file"),
        ]),
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

/// `SOURCE_DATE_EPOCH` if given, else midnight UTC at the start of `date`.
fn timestamp(date: jiff::civil::Date, epoch: Option<&str>) -> Result<Timestamp, Diagnostic> {
    let dt = match epoch.map(str::trim).filter(|s| !s.is_empty()) {
        None => date.to_datetime(jiff::civil::Time::midnight()),
        Some(text) => text
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime())
            .ok_or_else(|| {
                Diagnostic::error(format!("SOURCE_DATE_EPOCH `{text}` is not a time")).with_hint(
                    "set it to a number of seconds since 1970-01-01 00:00 UTC, or unset it",
                )
            })?,
    };
    Datetime::from_ymd_hms(
        i32::from(dt.year()),
        u8::try_from(dt.month()).unwrap_or(1),
        u8::try_from(dt.day()).unwrap_or(1),
        u8::try_from(dt.hour()).unwrap_or(0),
        u8::try_from(dt.minute()).unwrap_or(0),
        u8::try_from(dt.second()).unwrap_or(0),
    )
    .map(Timestamp::new_utc)
    .ok_or_else(|| Diagnostic::error("the PDF timestamp is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_document_call_with_parens_in_strings() {
        let src = "#let a = 1\n#set document(\n  title: \"A (b) \\\")\",\n  author: \"c\",\n)\n#set text(lang: \"en\")\n= Title\n";
        let out = strip_call(src, "#set document(");
        assert_eq!(out, "#let a = 1\n\n#set text(lang: \"en\")\n= Title\n");
    }

    #[test]
    fn the_report_gets_its_number_and_start_label() {
        let out = report_source(
            "#set document(title: \"x\")\n#set page(a4)\n= Title\n\n== Section\n",
            4,
        );
        assert!(
            out.contains("#set page(a4)\n#metadata(none) <item-4-start>\n= 4. Title\n"),
            "{out}"
        );
        assert!(!out.contains("set document"));
    }
}
