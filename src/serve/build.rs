//! One preview build of a report, in two steps so the web view is never kept
//! waiting for Typst: [`web`] loads, checks and renders Markdown and HTML
//! (about a millisecond); [`print`] then typesets the pages.
//!
//! Both reuse the pipeline that `papers render` runs, so the preview shows
//! exactly what would be published.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::diagnostics::{Code, Diagnostic};
use crate::pipeline::{self, LoadedReport};
use crate::render::Format;

use super::print::{self, PrintPage};

/// The web view's part of a build: the report as loaded, and its HTML and
/// Markdown exactly as `papers render` writes them.
pub struct WebBuild {
    pub loaded: Arc<LoadedReport>,
    /// The published HTML (no preview script: the page module adds it).
    pub html: String,
    pub markdown: Vec<u8>,
    /// The PDF, made on the first download (the print view needs only the
    /// pages, and PDF export is not incremental).
    pdf: OnceLock<Result<Vec<u8>, Vec<Diagnostic>>>,
}

impl WebBuild {
    pub fn stem(&self) -> String {
        file_stem(&self.loaded.path)
    }

    /// The PDF of this build, exported once on first use.
    pub fn pdf(&self) -> &Result<Vec<u8>, Vec<Diagnostic>> {
        self.pdf.get_or_init(|| {
            pipeline::render_report(&self.loaded, &[Format::Pdf]).and_then(|r| {
                r.get(Format::Pdf)
                    .map(<[u8]>::to_vec)
                    .ok_or_else(|| vec![Diagnostic::error(Code::P900, "the PDF was not made")])
            })
        })
    }
}

/// The print view's part of a build: the typeset pages.
pub struct PrintBuild {
    pub pages: Vec<PrintPage>,
    /// How many of the pages were drawn anew (the others were unchanged).
    pub redrawn: usize,
    pub warnings: Vec<Diagnostic>,
}

pub fn file_stem(path: &Path) -> String {
    path.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Step one: load, check, and render HTML and Markdown. A report whose
/// rules find errors is made as a DRAFT (marked so in every view), with
/// those errors among the diagnostics returned; only a report that cannot
/// be loaded at all is an `Err`.
pub fn web(path: &Path) -> Result<(WebBuild, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut loaded = pipeline::load_report_as(path, pipeline::Mode::Draft)?;
    loaded.draft = loaded.findings.iter().any(Diagnostic::is_error);
    let mut warnings = loaded.findings.clone();
    let rendered = pipeline::render_report(&loaded, &[Format::Markdown, Format::Html])?;
    warnings.extend(rendered.warnings.iter().cloned());
    let html = rendered
        .get(Format::Html)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let markdown = rendered
        .get(Format::Markdown)
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    Ok((
        WebBuild {
            loaded: Arc::new(loaded),
            html,
            markdown,
            pdf: OnceLock::new(),
        },
        warnings,
    ))
}

/// Step two: typeset the report and draw each page as SVG (pages that did
/// not change since the last build come from `cache`).
pub fn print(
    loaded: &LoadedReport,
    cache: &mut print::PageCache,
) -> Result<PrintBuild, Vec<Diagnostic>> {
    let (document, warnings) = print::compile_document(loaded)?;
    let pages = cache.pages(&document);
    Ok(PrintBuild {
        redrawn: cache.redrawn,
        pages,
        warnings,
    })
}

/// Every file a report's preview depends on: the report, `council.yaml`,
/// cited trackers and their previous periods, the logo and the fonts. The
/// council's `templates/` folder is watched as a whole (see `watch`).
pub fn dependencies(loaded: &LoadedReport) -> Vec<PathBuf> {
    let mut deps = vec![loaded.path.clone(), loaded.council_path.clone()];
    for cited in &loaded.trackers {
        deps.push(cited.path.clone());
        if let (Some(rel), Some(dir)) = (&cited.tracker.previous, cited.path.parent()) {
            deps.push(dir.join(rel));
        }
    }
    let council = &loaded.council;
    let council_dir = loaded.council_path.parent().unwrap_or(Path::new("."));
    for rel in council
        .logo
        .iter()
        .chain(council.font.iter())
        .chain(council.fonts.iter())
    {
        deps.push(council_dir.join(rel));
    }
    deps
}

/// What can be known of a report's dependencies when it does not load: the
/// report itself and the `council.yaml` it would use.
pub fn fallback_dependencies(path: &Path) -> Vec<PathBuf> {
    let mut deps = vec![path.to_path_buf()];
    if let Ok(council) = crate::load::find_council(path) {
        deps.push(council);
    }
    deps
}
