//! The whole pipeline for one report: load → check → context → render.
//! Returns bytes per format; writing them is the caller's (see `output`).

use std::path::{Path, PathBuf};

use crate::check::check_report;
use crate::diagnostics::Diagnostic;
use crate::enrich::numbering::{Body, number_body};
use crate::load;
use crate::model::{Council, Report};
use crate::render::{self, Format, TemplateSet, context};

/// A report with its council, loaded and checked.
pub struct LoadedReport {
    pub path: PathBuf,
    pub report: Report,
    pub council: Council,
    pub council_dir: PathBuf,
    /// The body, numbered (enrich).
    pub body: Body,
    /// The progress trackers the report cites, in order.
    pub trackers: Vec<load::CitedTracker>,
    /// The council's logo, read from `council.yaml`'s `logo:`.
    pub logo: Option<context::Logo>,
    /// Warnings from the checks (errors stop at load).
    pub warnings: Vec<Diagnostic>,
}

/// Loads the report at `path` and its `council.yaml`, and runs the checks.
/// Every error of both files comes back together.
pub fn load_report(path: &Path) -> Result<LoadedReport, Vec<Diagnostic>> {
    let report = load::load_report(path);
    let council_path = load::find_council(path);
    let council = match &council_path {
        Ok(p) => load::load_council(p),
        Err(e) => Err(vec![e.clone()]),
    };
    let (report, council, council_path) = match (report, council, council_path) {
        (Ok(r), Ok(c), Ok(p)) => (r, c, p),
        (r, c, _) => {
            let mut errors = r.err().unwrap_or_default();
            errors.extend(c.err().unwrap_or_default());
            return Err(errors);
        }
    };
    let council_dir = council_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let body = number_body(&report.body);
    let mut diagnostics: Vec<Diagnostic> = check_report(&report, &council, &body)
        .into_iter()
        .map(|d| d.in_file(path))
        .collect();
    let trackers = match load::load_trackers(
        path,
        &report.progress,
        report.positions.progress,
        &council_dir,
    ) {
        Ok((trackers, warnings)) => {
            diagnostics.extend(warnings);
            trackers
        }
        Err(errors) => {
            diagnostics.extend(errors);
            Vec::new()
        }
    };
    let logo = match &council.logo {
        None => None,
        Some(rel) => match read_logo(&council_dir, rel) {
            Ok(logo) => Some(logo),
            Err(e) => {
                diagnostics.push(e.in_file(&council_path));
                None
            }
        },
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(LoadedReport {
        path: path.to_path_buf(),
        report,
        council,
        council_dir,
        body,
        trackers,
        logo,
        warnings: diagnostics,
    })
}

/// The council's template override folder, if it has one.
pub fn override_dir(council_dir: &Path) -> Option<PathBuf> {
    let dir = council_dir.join("templates");
    dir.is_dir().then_some(dir)
}

/// What a render made: the bytes of each format, and the warnings given on
/// the way (Typst's, for the PDF).
#[derive(Debug)]
pub struct Rendered {
    pub outputs: Vec<(Format, Vec<u8>)>,
    pub warnings: Vec<Diagnostic>,
}

impl Rendered {
    /// The bytes of one format, if it was asked for.
    pub fn get(&self, format: Format) -> Option<&[u8]> {
        self.outputs
            .iter()
            .find(|(f, _)| *f == format)
            .map(|(_, b)| b.as_slice())
    }
}

/// Renders one loaded report to each format in `formats`; every error of
/// every format comes back together.
pub fn render_report(
    loaded: &LoadedReport,
    formats: &[Format],
) -> Result<Rendered, Vec<Diagnostic>> {
    let ctx = context::build(
        &loaded.report,
        &loaded.council,
        &loaded.body,
        &loaded.trackers,
        loaded.logo.as_ref(),
    );
    let overrides = override_dir(&loaded.council_dir);
    let mut outputs = Vec::with_capacity(formats.len());
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for &format in formats {
        let result = TemplateSet::load(format, overrides.as_deref())
            .and_then(|set| Ok((set.render(&ctx)?, set)))
            .and_then(|(text, set)| match format {
                Format::Pdf => pdf_bytes(loaded, &text, set.sources()).map(|compiled| {
                    warnings.extend(compiled.warnings);
                    compiled.bytes
                }),
                Format::Markdown => Ok(render::markdown::tidy(&text).into_bytes()),
                Format::Html => Ok(text.into_bytes()),
            });
        match result {
            Ok(bytes) => outputs.push((format, bytes)),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(Rendered { outputs, warnings })
    } else {
        Err(errors)
    }
}

fn pdf_bytes(
    loaded: &LoadedReport,
    source: &str,
    templates: &[(String, String)],
) -> Result<render::pdf::Compiled, Vec<Diagnostic>> {
    let font = match &loaded.council.font {
        Some(rel) => {
            let path = loaded.council_dir.join(rel);
            Some(std::fs::read(&path).map_err(|e| vec![Diagnostic::io(&path, &e)])?)
        }
        None => None,
    };
    let files: Vec<(String, Vec<u8>)> = loaded
        .logo
        .iter()
        .map(|l| (l.path.clone(), l.bytes.clone()))
        .collect();
    let job = render::pdf::PdfJob {
        source,
        title: &loaded.report.subject,
        date: loaded.report.meeting_date,
        font: font.as_deref(),
        files: &files,
        templates,
    };
    // Typst errors name `templates/NAME`: point them at the council's
    // override when there is one, as Tera errors do.
    let overrides = override_dir(&loaded.council_dir);
    let locate = |mut d: Diagnostic| {
        let name = d
            .file
            .as_ref()
            .and_then(|f| f.strip_prefix("templates").ok())
            .map(Path::to_path_buf);
        if let Some(name) = name {
            let file = overrides
                .as_ref()
                .map(|o| o.join(&name))
                .filter(|p| p.is_file())
                .unwrap_or_else(|| PathBuf::from("<built-in>/templates").join(name));
            d.file = Some(file);
        }
        d
    };
    match render::pdf::compile(&job) {
        Ok(mut compiled) => {
            compiled.warnings = compiled.warnings.into_iter().map(locate).collect();
            Ok(compiled)
        }
        Err(errors) => Err(errors.into_iter().map(locate).collect()),
    }
}

/// Reads the logo named in `council.yaml`; only web image types, so the
/// same file serves HTML (as a data URI) and the PDF.
fn read_logo(council_dir: &Path, rel: &str) -> Result<context::Logo, Diagnostic> {
    let path = council_dir.join(rel);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mime = match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "gif" => "image/gif",
        _ => {
            return Err(Diagnostic::error(format!(
                "the logo `{rel}` is not a PNG, JPEG, SVG or GIF file"
            ))
            .with_hint("convert the logo to PNG or SVG"));
        }
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        Diagnostic::error(format!("cannot read the logo `{}`: {e}", path.display()))
            .with_kind(crate::diagnostics::Kind::Io)
            .with_hint("`logo:` is a path relative to council.yaml")
    })?;
    Ok(context::Logo::new(mime, &ext, bytes))
}
