//! The whole pipeline for one report: load → check → enrich → context →
//! render. Loading reads every file the report needs (the report, its
//! council, the trackers it cites, the logo and fonts) before any rule
//! runs; rendering returns bytes per format, and writing them is the
//! caller's (see `output`).

use std::path::{Path, PathBuf};

use crate::check::{check_report, check_trackers};
use crate::context;
use crate::diagnostics::Diagnostic;
use crate::enrich::numbering::{Body, number_body};
use crate::load;
use crate::load::assets::{self, FontFile, Logo};
use crate::load::origins::{ReportOrigins, Source};
use crate::model::{Council, Report};
use crate::render::{self, Format};

/// A report with its council, loaded and checked.
pub struct LoadedReport {
    pub path: PathBuf,
    pub report: Report,
    pub council: Council,
    /// `council.yaml` itself.
    pub council_path: PathBuf,
    pub council_dir: PathBuf,
    /// The body, numbered (enrich).
    pub body: Body,
    /// The progress trackers the report cites, in order.
    pub trackers: Vec<load::CitedTracker>,
    /// The council's logo, read from `council.yaml`'s `logo:`.
    pub logo: Option<Logo>,
    /// The council's house font (`font:`) and other fonts (`fonts:`).
    pub house_font: Option<FontFile>,
    pub extra_fonts: Vec<FontFile>,
    /// Warnings from the checks (errors stop at load).
    pub warnings: Vec<Diagnostic>,
}

/// Loads the report at `path`, its `council.yaml` and every file they name,
/// then runs the checks. Every error of every file comes back together.
pub fn load_report(path: &Path) -> Result<LoadedReport, Vec<Diagnostic>> {
    // Load: the two YAML files ...
    let (report, council, council_path) = load::with_council(path, load::load_report(path))?;
    let council_dir = load::folder_of(&council_path);

    // ... then the files they name.
    let mut diagnostics = Vec::new();
    let trackers = match load::load_trackers(
        path,
        &report.progress,
        report.positions.get("progress"),
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
    let logo = council.logo.as_deref().and_then(|rel| {
        in_council(
            assets::read_logo(&council_path, rel),
            &council_path,
            &mut diagnostics,
        )
    });
    let house_font = council.font.as_deref().and_then(|rel| {
        in_council(
            assets::read_font(&council_path, rel),
            &council_path,
            &mut diagnostics,
        )
    });
    let extra_fonts: Vec<FontFile> = council
        .fonts
        .iter()
        .filter_map(|rel| {
            in_council(
                assets::read_font(&council_path, rel),
                &council_path,
                &mut diagnostics,
            )
        })
        .collect();

    // Enrich what the rules look at, then check.
    let body = number_body(&report.body);
    diagnostics.extend(
        check_report(&report, &council, &body)
            .into_iter()
            .map(|d| d.in_file(path)),
    );
    diagnostics.extend(check_trackers(&trackers));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let loaded = LoadedReport {
        path: path.to_path_buf(),
        report,
        council,
        council_path,
        council_dir,
        body,
        trackers,
        logo,
        house_font,
        extra_fonts,
        warnings: diagnostics,
    };
    // The Markdown of every field, wherever the context holds it.
    let data = serde_json::to_value(loaded.context()).unwrap_or_default();
    let found = crate::check::rules::apply(
        crate::check::prose::check(&data, &loaded.report.body, &loaded.origins()),
        &loaded.council.rules,
    );
    let mut loaded = loaded;
    loaded.warnings.extend(found);
    if loaded.warnings.iter().any(Diagnostic::is_error) {
        Err(loaded.warnings)
    } else {
        Ok(loaded)
    }
}

/// The value, or its error (placed in `council.yaml`) kept for later.
fn in_council<T>(
    result: Result<T, Diagnostic>,
    council_path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    result
        .map_err(|e| diagnostics.push(e.in_file(council_path)))
        .ok()
}

impl LoadedReport {
    /// The context every format renders.
    pub fn context(&self) -> render::Context {
        context::build(
            &self.report,
            &self.council,
            &self.body,
            &self.trackers,
            self.logo.as_ref(),
        )
    }

    /// The council's template override folder, if it has one.
    pub fn override_dir(&self) -> Option<PathBuf> {
        let dir = self.council_dir.join("templates");
        dir.is_dir().then_some(dir)
    }

    /// Where each value of the context came from, for PDF errors.
    pub fn origins(&self) -> ReportOrigins<'_> {
        ReportOrigins {
            report: Source {
                path: &self.path,
                positions: &self.report.positions,
            },
            council: Source {
                path: &self.council_path,
                positions: &self.council.positions,
            },
            trackers: self
                .trackers
                .iter()
                .map(|t| Source {
                    path: &t.path,
                    positions: &t.tracker.positions,
                })
                .collect(),
            body: &self.body,
        }
    }
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
    let ctx = loaded.context();
    let overrides = loaded.override_dir();
    let overrides = overrides.as_deref();
    let origins = loaded.origins();
    let mut outputs = Vec::with_capacity(formats.len());
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for &format in formats {
        let result = match format {
            Format::Markdown => render::markdown::render(&ctx, overrides),
            Format::Html => render::html::render(&ctx, overrides),
            Format::Pdf => {
                let env = render::pdf::Env {
                    overrides,
                    house_font: loaded.house_font.as_ref(),
                    extra_fonts: &loaded.extra_fonts,
                    logo: loaded.logo.as_ref(),
                    origins: &origins,
                };
                render::pdf::render(&ctx, &env).map(|out| {
                    warnings.extend(out.warnings);
                    out.bytes
                })
            }
        };
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
