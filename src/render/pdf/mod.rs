//! The PDF format: the Typst source rendered from the `.typ.tera` templates,
//! compiled in-process with the `typst` crates and exported as a tagged
//! PDF/UA-1 and PDF/A-2a file. No external program, no network, no system
//! fonts: see [`world`].

mod source_map;
mod world;

use std::panic::{AssertUnwindSafe, catch_unwind};

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostics::Diagnostic;

pub use source_map::{MARKER, SourceMap, TemplatePos};
pub use world::{DEFAULT_FAMILY, PapersWorld};

/// One PDF to make: the Typst source rendered from the `.typ.tera` templates
/// and what the in-memory world serves beside it.
pub struct PdfJob<'a> {
    /// Rendered Typst source (the `/main.typ` of the world).
    pub source: &'a str,
    /// Document title (the report's subject). The templates set the title
    /// in the source (`#set document(title: ..)`); this one names the
    /// document's stable PDF identifier.
    pub title: &'a str,
    /// `datetime.today()` in templates, and the PDF timestamp unless
    /// `SOURCE_DATE_EPOCH` is set.
    pub date: jiff::civil::Date,
    /// A council font (TTF/OTF bytes) to offer beside the shipped ones.
    /// Templates see its family name as `sys.inputs.council-font`.
    pub font: Option<&'a [u8]>,
    /// Extra files served from memory, by absolute virtual path (`/logo.png`).
    pub files: &'a [(String, Vec<u8>)],
    /// The `.typ.tera` templates the source was rendered from (name, text),
    /// to place errors on the template line that produced them.
    pub templates: &'a [(String, String)],
}

/// A compiled PDF and the warnings Typst gave on the way (an unknown font
/// family in a council template, say).
#[derive(Debug)]
pub struct Compiled {
    pub bytes: Vec<u8>,
    pub warnings: Vec<Diagnostic>,
}

const TEMPLATE_HINT: &str =
    "fix the template, or delete the file from the templates folder to use the built-in one";

/// Compiles `job` to PDF bytes. The same job (and `SOURCE_DATE_EPOCH`)
/// always gives the same bytes. Errors come back as diagnostics located in
/// the template that produced the failing line; this never panics.
pub fn compile(job: &PdfJob) -> Result<Compiled, Vec<Diagnostic>> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    compile_at(job, epoch.as_deref())
}

/// [`compile`] with `SOURCE_DATE_EPOCH` given rather than read from the
/// environment (for tests and for callers that read it once).
pub fn compile_at(
    job: &PdfJob,
    source_date_epoch: Option<&str>,
) -> Result<Compiled, Vec<Diagnostic>> {
    let today = typst_date(job.date).ok_or_else(|| {
        vec![Diagnostic::error(format!(
            "the date {} cannot be used in the PDF",
            job.date
        ))]
    })?;
    let timestamp = timestamp(job.date, source_date_epoch).map_err(|e| vec![e])?;
    let world = PapersWorld::new(job.source, today, job.font, job.files).map_err(|e| {
        vec![Diagnostic::error(e).with_hint("check the `font` named in council.yaml")]
    })?;
    let map = SourceMap::new(world.main_source());

    let options = PdfOptions {
        ident: Smart::Custom(format!("{} {}", job.title, job.date)),
        creator: Smart::Custom(Some(format!(
            "committee-papers {} (Typst)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: Some(timestamp),
        standards: standards(),
        ..PdfOptions::default()
    };

    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let warned = typst::compile::<PagedDocument>(&world);
        let result = match warned.output {
            Ok(document) => typst_pdf::pdf(&document, &options),
            Err(errors) => Err(errors),
        };
        // Keep memory flat in long-running processes (`papers serve`).
        typst::comemo::evict(10);
        (result, warned.warnings)
    }));
    match outcome {
        Ok((Ok(bytes), warnings)) => Ok(Compiled {
            bytes,
            warnings: warnings
                .iter()
                .map(|w| diagnostic(&world, &map, job.templates, w))
                .collect(),
        }),
        Ok((Err(errors), _)) => Err(errors
            .iter()
            .map(|e| diagnostic(&world, &map, job.templates, e))
            .collect()),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(vec![
                Diagnostic::error(format!("the Typst compiler failed: {what}")).with_hint(
                    "this is a bug; please report it with the report and templates used",
                ),
            ])
        }
    }
}

/// PDF/UA-1 (accessible) and PDF/A-2a (archival, accessible level).
fn standards() -> PdfStandards {
    PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2a])
        .expect("PDF/UA-1 and PDF/A-2a are compatible")
}

fn typst_date(date: jiff::civil::Date) -> Option<Datetime> {
    Datetime::from_ymd(
        i32::from(date.year()),
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
}

/// The PDF's creation time: `SOURCE_DATE_EPOCH` if given, else midnight
/// UTC at the start of `date`.
fn timestamp(date: jiff::civil::Date, epoch: Option<&str>) -> Result<Timestamp, Diagnostic> {
    let epoch = epoch.map(str::trim).filter(|s| !s.is_empty());
    let datetime = match epoch {
        None => Datetime::from_ymd_hms(
            i32::from(date.year()),
            u8::try_from(date.month()).unwrap_or(1),
            u8::try_from(date.day()).unwrap_or(1),
            0,
            0,
            0,
        ),
        Some(text) => {
            let bad = || {
                Diagnostic::error(format!("SOURCE_DATE_EPOCH `{text}` is not a time")).with_hint(
                    "set it to a number of seconds since 1970-01-01 00:00 UTC, or unset it",
                )
            };
            let seconds: i64 = text.parse().map_err(|_| bad())?;
            let dt = jiff::Timestamp::from_second(seconds)
                .map_err(|_| bad())?
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .datetime();
            Datetime::from_ymd_hms(
                i32::from(dt.year()),
                u8::try_from(dt.month()).unwrap_or(1),
                u8::try_from(dt.day()).unwrap_or(1),
                u8::try_from(dt.hour()).unwrap_or(0),
                u8::try_from(dt.minute()).unwrap_or(0),
                u8::try_from(dt.second()).unwrap_or(0),
            )
        }
    };
    datetime
        .map(Timestamp::new_utc)
        .ok_or_else(|| Diagnostic::error("the PDF timestamp is out of range"))
}

/// A Typst diagnostic as ours: in `templates/<name>` at the template line
/// when it points into the main source, with Typst's hints.
fn diagnostic(
    world: &PapersWorld,
    map: &SourceMap,
    templates: &[(String, String)],
    d: &SourceDiagnostic,
) -> Diagnostic {
    let hints: Vec<&str> = d.hints.iter().map(|h| h.v.as_str()).collect();
    let make = |message: String| match d.severity {
        Severity::Error => Diagnostic::error(message),
        Severity::Warning => Diagnostic::warning(message),
    };
    let main = world.main_source();
    let position = d
        .span
        .id()
        .filter(|id| *id == main.id())
        .and_then(|_| world.range(d.span))
        .and_then(|range| main.lines().byte_to_line_column(range.start));
    let out = match position {
        Some((line, column)) => {
            let rendered = main
                .lines()
                .line_to_range(line)
                .map(|r| &main.text()[r])
                .unwrap_or_default();
            let TemplatePos { template, line } = map.locate_with(line, rendered, templates);
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            make(format!(
                "Typst {kind} in template {template}: {}",
                d.message
            ))
            .in_file(format!("templates/{template}"))
            .at(line, column + 1)
        }
        None => match d.span.id() {
            Some(id) => make(format!("Typst: {}", d.message)).in_file(id.vpath().get_with_slash()),
            None => make(format!("PDF: {}", d.message)),
        },
    };
    if hints.is_empty() {
        out.with_hint(TEMPLATE_HINT)
    } else {
        out.with_hint(hints.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(source: &str) -> PdfJob<'_> {
        PdfJob {
            source,
            title: "Test",
            date: jiff::civil::date(2022, 11, 7),
            font: None,
            files: &[],
            templates: &[],
        }
    }

    const MINIMAL: &str = "#set document(title: \"Test\")\n#set text(lang: \"en\", region: \"GB\", font: \"Liberation Sans\")\n= Test\n\nHello.\n";

    #[test]
    fn a_minimal_document_compiles() {
        let pdf = compile_at(&job(MINIMAL), None).expect("compiles");
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    }

    #[test]
    fn typst_warnings_come_back_located() {
        let source = "#set document(title: \"Test\")\n#set text(lang: \"en\", region: \"GB\", font: (\"No Such Font\", \"Liberation Sans\"))\n= Test\n\nHello.\n";
        let pdf = compile_at(&job(source), None).expect("compiles");
        let w = pdf
            .warnings
            .first()
            .expect("a warning for the unknown family");
        assert!(!w.is_error());
        assert!(
            w.message.contains("No Such Font") || w.message.contains("unknown font family"),
            "{w}"
        );
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let a = compile_at(&job(MINIMAL), Some("1700000000")).unwrap().bytes;
        let b = compile_at(&job(MINIMAL), Some("1700000000")).unwrap().bytes;
        assert_eq!(a, b);
        let c = compile_at(&job(MINIMAL), None).unwrap().bytes;
        assert_ne!(a, c, "the epoch is the timestamp");
    }

    #[test]
    fn a_bad_epoch_is_an_error() {
        let err = compile_at(&job(MINIMAL), Some("yesterday")).unwrap_err();
        assert!(err[0].message.contains("SOURCE_DATE_EPOCH"));
    }

    #[test]
    fn errors_name_the_template_and_line() {
        let source = format!(
            "// papers-template: report.typ.tera\n{MINIMAL}// papers-template: body.typ.tera:0\n// papers-template: body.typ.tera\nfine\n#nope()\n"
        );
        let err = compile_at(&job(&source), None).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        let d = &err[0];
        assert_eq!(
            d.file.as_deref(),
            Some(std::path::Path::new("templates/body.typ.tera"))
        );
        assert_eq!(d.location.map(|l| (l.line, l.column)), Some((3, 2)));
        assert!(
            d.message.contains("body.typ.tera") && d.message.contains("unknown variable: nope"),
            "{}",
            d.message
        );
    }

    #[test]
    fn datetime_today_is_the_meeting_date() {
        let source = format!(
            "{MINIMAL}#assert.eq(datetime.today(), datetime(year: 2022, month: 11, day: 7))\n"
        );
        compile_at(&job(&source), None).expect("today is the job's date");
    }

    #[test]
    fn no_network_and_no_disk() {
        let source = format!("{MINIMAL}#import \"@preview/example:0.1.0\": *\n");
        let err = compile_at(&job(&source), None).unwrap_err();
        assert!(
            err[0].message.contains("packages are not available")
                || err[0].hint.as_deref().unwrap_or("").contains("network"),
            "{:?}",
            err[0]
        );
        let source = format!("{MINIMAL}#read(\"/etc/passwd\")\n");
        let err = compile_at(&job(&source), None).unwrap_err();
        assert!(err[0].message.contains("not found"), "{:?}", err[0]);
    }

    #[test]
    fn files_are_served_from_memory() {
        let files = vec![("/data.txt".to_string(), b"from memory".to_vec())];
        let source = format!("{MINIMAL}#read(\"/data.txt\")\n");
        let job = PdfJob {
            files: &files,
            templates: &[],
            ..job(&source)
        };
        compile_at(&job, None).expect("the file is there");
    }

    #[test]
    fn a_pdf_ua_violation_is_reported_not_ignored() {
        // No document title: PDF/UA-1 requires one.
        let err = compile_at(&job("#set text(lang: \"en\")\nHello.\n"), None).unwrap_err();
        assert!(
            err.iter()
                .any(|d| d.message.to_lowercase().contains("title")),
            "{err:?}"
        );
    }
}
