//! The PDF format: Typst templates (`templates/*.typ`) typeset the context,
//! in-process, into a tagged PDF/UA-1 and PDF/A-2a file.
//!
//! The report reaches Typst as data, never as source: the context that the
//! Markdown and HTML templates see is served as `/data.json`, and each
//! Markdown field, converted to Typst markup in Rust, as a file of its own
//! ([`prose`]). The templates are plain Typst files, so Typst's own spans
//! place an error at its template line and column, or, inside a converted
//! field, at that field's line in the YAML. No external program, no
//! network, no system fonts: see [`world`].

mod escape;
pub(crate) mod fonts;
mod markup;
pub mod plain;
pub mod prose;
mod world;

/// Parses the shipped fonts and builds Typst's library now (see
/// [`crate::pipeline::warm_up`]).
pub(crate) fn warm() {
    fonts::warm();
    world::warm();
}

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use fonts::{DEFAULT_FAMILY, Fonts};
pub use markup::markdown_to_typst;
pub use prose::Prose;
pub use typst_layout::PagedDocument;
pub use world::PapersWorld;

use crate::context::Context;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::load::assets::{FontFile, Logo};
use crate::load::origins::Origins;
use crate::prose::FieldPath;
use crate::render::templates::{TypstTemplate, typst_templates};

/// What a PDF needs besides the context: the council's template folder,
/// fonts and logo, and where each field came from.
pub struct Env<'a> {
    /// The council's `templates/` folder, when it has one.
    pub overrides: Option<&'a std::path::Path>,
    /// `font:` in council.yaml: the house face.
    pub house_font: Option<&'a FontFile>,
    /// `fonts:` in council.yaml: more fallbacks (CJK, say).
    pub extra_fonts: &'a [FontFile],
    pub logo: Option<&'a Logo>,
    pub origins: &'a dyn Origins,
}

/// Which standards a PDF declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conformance {
    /// PDF/UA-1 (accessible) and PDF/A-2a (archival, accessible level).
    Accessible,
    /// Tagged, but no standard declared (a pack whose appendices are
    /// embedded pages cannot honestly claim one).
    TaggedOnly,
}

/// One Typst document to make.
pub struct Job<'a> {
    /// The entry template: `report.typ`, or `pack.typ` for a meeting pack.
    pub entry: &'a str,
    /// Served as `/data.json`.
    pub data: &'a serde_json::Value,
    /// A stable name for the PDF's document identifier.
    pub ident: String,
    /// `datetime.today()` in templates, and the PDF timestamp unless
    /// `SOURCE_DATE_EPOCH` is set.
    pub date: jiff::civil::Date,
    /// More files served by virtual path (appendix images, say).
    pub files: Vec<(String, Vec<u8>)>,
    pub conformance: Conformance,
    /// Marked DRAFT on every page ([`crate::render::draft`]).
    pub draft: bool,
}

/// A typeset document, before export.
pub struct Compiled {
    pub document: PagedDocument,
    pub warnings: Vec<Diagnostic>,
}

/// PDF bytes and the warnings given on the way.
#[derive(Debug)]
pub struct Output {
    pub bytes: Vec<u8>,
    pub warnings: Vec<Diagnostic>,
}

/// A report's PDF from its context.
pub fn render(ctx: &Context, env: &Env) -> Result<Output, Vec<Diagnostic>> {
    let data = serde_json::to_value(ctx).map_err(|e| {
        vec![Diagnostic::error(
            Code::P900,
            format!("the report's data cannot be serialised: {e}"),
        )]
    })?;
    let job = Job {
        entry: "report.typ",
        data: &data,
        ident: format!("{} {}", ctx.report.subject, ctx.report.meeting_date),
        date: jiff::civil::Date::strptime("%Y-%m-%d", &ctx.report.meeting_date).unwrap_or_default(),
        files: Vec::new(),
        conformance: Conformance::Accessible,
        draft: ctx.draft,
    };
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    render_job(&job, env, epoch.as_deref())
}

/// Compiles and exports `job`: the same job and `source_date_epoch` give
/// the same bytes.
pub fn render_job(
    job: &Job,
    env: &Env,
    source_date_epoch: Option<&str>,
) -> Result<Output, Vec<Diagnostic>> {
    let typeset = Typeset::new(job, env)?;
    let compiled = typeset.compile()?;
    let bytes = typeset.export(&compiled.document, source_date_epoch)?;
    Ok(Output {
        bytes,
        warnings: compiled.warnings,
    })
}

/// A job ready to compile: the world built, the prose converted. Keep it to
/// compile again (`papers serve`): Typst's caches make a recompile of
/// unchanged parts cheap.
pub struct Typeset<'a> {
    world: PapersWorld,
    prose: Prose,
    templates: Vec<TypstTemplate>,
    job: &'a Job<'a>,
    origins: &'a dyn Origins,
}

impl<'a> Typeset<'a> {
    pub fn new(job: &'a Job<'a>, env: &'a Env<'a>) -> Result<Self, Vec<Diagnostic>> {
        let templates = typst_templates(env.overrides)?;
        let fonts = Fonts::new(env.house_font, env.extra_fonts).map_err(|e| {
            vec![
                Diagnostic::error(Code::P108, e)
                    .with_hint("check `font` and `fonts` in council.yaml"),
            ]
        })?;
        check_glyphs(job.data, &fonts, env.origins)?;
        let prose = Prose::collect(job.data);

        let entry = format!("{}{}", world::TEMPLATE_DIR, job.entry);
        let mut sources: Vec<(String, String)> = templates
            .iter()
            .map(|t| {
                let path = format!("{}{}", world::TEMPLATE_DIR, t.name);
                let text = if job.draft && path == entry {
                    crate::render::draft::mark_typst_entry(&t.text)
                } else {
                    t.text.clone()
                };
                (path, text)
            })
            .collect();
        sources.extend(
            prose
                .files
                .iter()
                .map(|f| (f.path.clone(), f.markup.clone())),
        );
        let mut files = vec![
            ("/data.json".to_string(), json_bytes(job.data)),
            (
                "/prose.json".to_string(),
                json_bytes(&serde_json::Value::Object(prose.index.clone())),
            ),
        ];
        if let Some(logo) = env.logo {
            files.push((logo.path.clone(), logo.bytes.clone()));
        }
        files.extend(job.files.iter().cloned());
        let today = typst_date(job.date).ok_or_else(|| {
            vec![Diagnostic::error(
                Code::P105,
                format!("the date {} cannot be used in the PDF", job.date),
            )]
        })?;
        let world = PapersWorld::new(&entry, sources, files, fonts, today)
            .map_err(|e| vec![Diagnostic::error(Code::P110, e)])?;
        Ok(Typeset {
            world,
            prose,
            templates,
            job,
            origins: env.origins,
        })
    }

    /// Lays the document out. Never panics: a panic inside Typst becomes
    /// an error.
    pub fn compile(&self) -> Result<Compiled, Vec<Diagnostic>> {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            typst::compile::<PagedDocument>(&self.world)
        }));
        let warned = outcome.map_err(|panic| vec![panic_diagnostic(panic)])?;
        let warnings = warned.warnings.iter().map(|w| self.diagnostic(w)).collect();
        match warned.output {
            Ok(document) => Ok(Compiled { document, warnings }),
            Err(errors) => Err(errors.iter().map(|e| self.diagnostic(e)).collect()),
        }
    }

    /// Exports a compiled document as PDF.
    pub fn export(
        &self,
        document: &PagedDocument,
        source_date_epoch: Option<&str>,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let options = pdf_options(self.job, source_date_epoch).map_err(|e| vec![e])?;
        let outcome = catch_unwind(AssertUnwindSafe(|| typst_pdf::pdf(document, &options)));
        // Keep memory flat in long-running processes (`papers serve`).
        typst::comemo::evict(10);
        match outcome {
            Ok(Ok(bytes)) => Ok(bytes),
            Ok(Err(errors)) => Err(errors.iter().map(|e| self.diagnostic(e)).collect()),
            Err(panic) => Err(vec![panic_diagnostic(panic)]),
        }
    }

    /// A Typst diagnostic as ours: at its template's file, line and column,
    /// or at the YAML field whose Markdown it was raised in. An error inside
    /// a helper (`md` in `style.typ`, say) also names the template line
    /// that called it.
    fn diagnostic(&self, d: &SourceDiagnostic) -> Diagnostic {
        let message = d.message.to_string();
        let place = self.place(d.span);
        let default_hint = match place {
            Place::Prose(_) => "change the text of this field",
            _ => TEMPLATE_HINT,
        };
        let mut out = match place {
            Place::Template(file, location) => {
                let mut out = Diagnostic::error(Code::P110, message).in_file(file);
                out.location = location;
                out
            }
            Place::Prose(field) => {
                let mut out = Diagnostic::error(
                    Code::P105,
                    format!("in the Markdown of `{field}`: {message}"),
                );
                if let Some((file, location)) = self.origins.origin(&field) {
                    out = out.in_file(file);
                    out.location = location;
                }
                out
            }
            Place::Other(vpath) => Diagnostic::error(Code::P110, format!("{vpath}: {message}")),
            Place::Nowhere => Diagnostic::error(Code::P110, format!("PDF: {message}")),
        };
        if d.severity == Severity::Warning {
            out.severity = crate::diagnostics::Severity::Warning;
        }
        let mut hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
        let caller = d
            .trace
            .iter()
            .find_map(|point| match self.place(point.span) {
                Place::Template(file, Some(at)) if Some(&file) != out.file.as_ref() => Some(
                    format!("called from {}:{}:{}", file.display(), at.line, at.column),
                ),
                _ => None,
            });
        hints.extend(caller);
        if hints.is_empty() {
            hints.push(default_hint.to_string());
        }
        out.with_hint(hints.join("; "))
    }

    /// Where a span of the world points: a template line, a Markdown field.
    fn place(&self, span: impl Into<typst::syntax::DiagSpan>) -> Place {
        let span = span.into();
        let Some(id) = span.id() else {
            return Place::Nowhere;
        };
        let vpath = id.vpath().get_with_slash().to_string();
        if let Some(name) = vpath.strip_prefix(world::TEMPLATE_DIR) {
            let location = self.world.get_source(id).and_then(|source| {
                let range = self.world.range(span)?;
                let (line, column) = source.lines().byte_to_line_column(range.start)?;
                Some(Location {
                    line: line + 1,
                    column: column + 1,
                })
            });
            let file = self
                .templates
                .iter()
                .find(|t| t.name == name)
                .and_then(|t| t.file.clone())
                .unwrap_or_else(|| PathBuf::from(format!("<built-in>/templates/{name}")));
            return Place::Template(file, location);
        }
        match self.prose.field_of(&vpath) {
            Some(field) => Place::Prose(field.clone()),
            None => Place::Other(vpath),
        }
    }
}

/// The export options of `job`'s PDF.
fn pdf_options(job: &Job, source_date_epoch: Option<&str>) -> Result<PdfOptions, Diagnostic> {
    Ok(PdfOptions {
        ident: Smart::Custom(job.ident.clone()),
        creator: Smart::Custom(Some(format!(
            "committee-papers {} (Typst)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: Some(timestamp(job.date, source_date_epoch)?),
        standards: match job.conformance {
            Conformance::Accessible => PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2a])
                .expect("PDF/UA-1 and PDF/A-2a are compatible"),
            Conformance::TaggedOnly => PdfStandards::default(),
        },
        ..PdfOptions::default()
    })
}

/// Where a Typst span points.
enum Place {
    Template(PathBuf, Option<Location>),
    Prose(FieldPath),
    Other(String),
    Nowhere,
}

const TEMPLATE_HINT: &str =
    "fix the template, or delete the file from the templates folder to use the built-in one";

/// Every character of the data must have a glyph in some font: otherwise
/// PDF/UA export fails far from the cause. Name the field, the character
/// and its code point instead.
fn check_glyphs(
    data: &serde_json::Value,
    fonts: &Fonts,
    origins: &dyn Origins,
) -> Result<(), Vec<Diagnostic>> {
    let mut texts = Vec::new();
    crate::prose::walk(data, &mut FieldPath::default(), &mut |_, text| {
        texts.push(text.to_string())
    });
    let missing = fonts.missing(texts.iter().map(String::as_str));
    if missing.is_empty() {
        return Ok(());
    }
    let mut errors = Vec::new();
    let mut reported = Vec::new();
    crate::prose::walk(data, &mut FieldPath::default(), &mut |path, text| {
        for c in text.chars().filter(|c| missing.contains(c)) {
            if reported.contains(&c) {
                continue;
            }
            reported.push(c);
            let message = format!(
                "`{c}` (U+{:04X}) in `{path}` is in none of the PDF's fonts",
                u32::from(c)
            );
            let mut d = Diagnostic::error(Code::P105, message).with_hint(
                "name a font that has it in council.yaml (`fonts: [fonts/NotoSansCJK.otf]`), or replace the character",
            );
            if let Some((file, location)) = origins.origin(path) {
                d = d.in_file(file);
                d.location = location;
            }
            errors.push(d);
        }
    });
    Err(errors)
}

fn json_bytes(value: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&escape::printable_json(value)).expect("JSON values serialise")
}

fn panic_diagnostic(panic: Box<dyn std::any::Any + Send>) -> Diagnostic {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    Diagnostic::error(Code::P900, format!("the Typst compiler failed: {what}"))
        .with_hint("this is a bug; please report it with the report and templates used")
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
                Diagnostic::error(
                    Code::P111,
                    format!("SOURCE_DATE_EPOCH `{text}` is not a time"),
                )
                .with_hint("set it to a number of seconds since 1970-01-01 00:00 UTC, or unset it")
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
        .ok_or_else(|| Diagnostic::error(Code::P111, "the PDF timestamp is out of range"))
}
