//! The whole pipeline for one report: load → check → enrich → context →
//! render. Loading reads every file the report needs (the report, its
//! council, the trackers it cites, the logo and fonts) before any rule
//! runs; rendering returns bytes per format, and writing them is the
//! caller's (see `output`).

use std::path::{Path, PathBuf};

use crate::check::{self, SourceKind, check_report, check_trackers};
use crate::context;
use crate::diagnostics::Diagnostic;
use crate::enrich::numbering::Body;
use crate::load;
use crate::load::Source;
use crate::load::assets::{self, FontFile, Logo};
use crate::load::origins::{Located, ReportOrigins};
use crate::model::{Council, Report};
use crate::render::{self, Format};

/// How strictly a report is held to its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// An error from any rule stops the report (`render`, `pack`).
    Publish,
    /// Rule errors are kept with the warnings and the report is made
    /// anyway, marked DRAFT (`render --draft`, `serve`, `check`). A file
    /// that cannot be loaded at all still stops it.
    Draft,
}

/// A report with its council, loaded and checked.
pub struct LoadedReport {
    pub path: PathBuf,
    pub report: Report,
    /// The report's text and YAML tree, as loaded.
    pub source: Source,
    pub council: Council,
    /// `council.yaml` itself.
    pub council_path: PathBuf,
    pub council_dir: PathBuf,
    /// The body and the other numbered parts (a numbered summary ...),
    /// numbered (enrich) in the report's house style.
    pub numbered: crate::layout::Numbered,
    /// The progress trackers the report cites, in order.
    pub trackers: Vec<load::CitedTracker>,
    /// The council's logo, read from `council.yaml`'s `logo:`.
    pub logo: Option<Logo>,
    /// The council's house font (`font:`) and other fonts (`fonts:`).
    pub house_font: Option<FontFile>,
    pub extra_fonts: Vec<FontFile>,
    /// What the rules found, with the council's severities: warnings, and
    /// in [`Mode::Draft`] the errors too.
    pub findings: Vec<Diagnostic>,
    /// Made as a draft: every format is marked DRAFT.
    pub draft: bool,
}

/// Loads the report at `path` for publication: its `council.yaml` and
/// every file they name, then every rule. Every error of every file comes
/// back together.
pub fn load_report(path: &Path) -> Result<LoadedReport, Vec<Diagnostic>> {
    load_report_as(path, Mode::Publish)
}

/// Loads the report at `path` and runs every rule over it: the one rule
/// engine that `render`, `pack`, `serve` and `check` share. In
/// [`Mode::Publish`] an error stops the report; in [`Mode::Draft`] only a
/// failure to load does, and the report comes back marked as a draft.
pub fn load_report_as(path: &Path, mode: Mode) -> Result<LoadedReport, Vec<Diagnostic>> {
    // Load: the report's text and tree, then the model and the council ...
    let text = load::read_text(path).map_err(|e| vec![e])?;
    let source = load::parse_source(text).map_err(|e| in_file(e, path))?;
    // The council first: the report is read in its house style.
    let council_path = load::find_council(path);
    let council = match &council_path {
        Ok(p) => load::load_council(p),
        Err(e) => Err(vec![e.clone()]),
    };
    // A council that cannot be read says so alone: the report's fields
    // depend on its style.
    let council = council?;
    let decoded = load::decode_report(source.as_ref(), Some(&council));
    let decoded = match (decoded, source.as_ref()) {
        (Err(errors), Some(source)) => Err(check::todos_first(in_file(errors, path), path, source)),
        (other, _) => other.map_err(|e| in_file(e, path)),
    };
    let report = decoded?;
    let council_path = council_path.expect("the council was read from it");
    let source = source.expect("a report that decodes is not empty");
    let council_dir = load::folder_of(&council_path);

    // ... the council's own rule settings (P109: a setting that names no
    // rule, or a fixed one, would be silently ignored) ...
    let mut diagnostics = in_file(check::rules::check_settings(&council.rules), &council_path);

    // ... then the files they name.
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
    // A file that cannot be loaded stops the report, draft or not.
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }

    // Enrich what the rules look at, then run every rule.
    let style = council
        .style(report.style.as_deref())
        .expect("the report's style was found when it was decoded");
    let numbered = crate::layout::number(&report, style);
    diagnostics.extend(rules_over(
        path,
        &report,
        &source,
        &council,
        &numbered.body,
        &trackers,
    ));
    let errors = diagnostics.iter().any(Diagnostic::is_error);
    if errors && mode == Mode::Publish {
        return Err(diagnostics);
    }
    Ok(LoadedReport {
        path: path.to_path_buf(),
        report,
        source,
        council,
        council_path,
        council_dir,
        numbered,
        trackers,
        logo,
        house_font,
        extra_fonts,
        findings: diagnostics,
        draft: mode == Mode::Draft,
    })
}

/// Every rule over one report and the trackers it cites, each finding in
/// its file, with the council's severities.
fn rules_over(
    path: &Path,
    report: &Report,
    source: &Source,
    council: &Council,
    body: &Body,
    trackers: &[load::CitedTracker],
) -> Vec<Diagnostic> {
    let settings = &council.rules;
    let mut own = check::check_source(SourceKind::Report, source, settings);
    own.extend(check_report(report, council, body));
    if let Some(style) = council.style(report.style.as_deref()) {
        check::leave_out_parts_not_shown(&mut own, style);
    }
    let mut out = check::leave_unfinished_to_p300(in_file(own, path), path, source);
    for (k, cited) in trackers.iter().enumerate() {
        let mut found = check::check_source(SourceKind::Tracker, &cited.source, settings);
        found.extend(check::check_cited_tracker(k, &cited.source, settings));
        let found = in_file(found, &cited.path);
        out.extend(check::leave_unfinished_to_p300(
            found,
            &cited.path,
            &cited.source,
        ));
    }
    out.extend(check::rules::apply(check_trackers(trackers), settings));
    out
}

fn in_file(diagnostics: Vec<Diagnostic>, path: &Path) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .map(|d| if d.file.is_none() { d.in_file(path) } else { d })
        .collect()
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
    /// The report's fields its house style prints nowhere (London's
    /// `forward_plan`, the cited trackers' files), each with its value as
    /// JSON, in the report's order: the .docx keeps them as properties.
    fn unprinted(&self) -> Vec<(String, String)> {
        let style = self
            .council
            .style(self.report.style.as_deref())
            .unwrap_or_else(|| crate::model::style::HouseStyle::builtin());
        let crate::load::yaml::Value::Map(pairs) = &self.source.root.value else {
            return Vec::new();
        };
        pairs
            .iter()
            .filter_map(|(key, node)| {
                let id = key.as_str()?;
                let printed = style.places(id)
                    || matches!(id, "committee" | "meeting_date" | "subject" | "body");
                (!printed).then(|| {
                    let json = crate::schema::yaml_to_json(node);
                    (id.to_string(), json.to_string())
                })
            })
            .collect()
    }

    /// The context every format renders.
    pub fn context(&self) -> render::Context {
        let mut ctx = context::build(
            &self.report,
            &self.council,
            &self.numbered,
            &self.trackers,
            self.logo.as_ref(),
        );
        ctx.draft = self.draft;
        ctx
    }

    /// The council's template override folder, if it has one.
    pub fn override_dir(&self) -> Option<PathBuf> {
        templates_dir(&self.council_dir)
    }

    /// Where each value of the context came from, for PDF errors.
    pub fn origins(&self) -> ReportOrigins<'_> {
        ReportOrigins {
            report: Located {
                path: &self.path,
                positions: &self.report.positions,
            },
            council: Located {
                path: &self.council_path,
                positions: &self.council.positions,
            },
            trackers: self
                .trackers
                .iter()
                .map(|t| Located {
                    path: &t.path,
                    positions: &t.tracker.positions,
                })
                .collect(),
            body: &self.numbered.body,
        }
    }
}

impl LoadedReport {
    /// The report as a .docx: on the council's Word template if it names
    /// one, marked NOT FOR PUBLICATION on every page when the whole report
    /// is exempt.
    fn docx(&self, ctx: &render::Context) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let template = self
            .council
            .docx_template
            .as_deref()
            .map(|rel| assets::read_docx_template(&self.council_path, rel))
            .transpose()
            .map_err(|e| vec![self.at_council_field(e, "docx_template")])?;
        let epoch = render::docx::epoch_of(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
            .map_err(|m| {
                vec![
                    Diagnostic::error(crate::diagnostics::Code::P111, m).with_hint(
                        "set it to a number of seconds since 1970-01-01 00:00 UTC, or unset it",
                    ),
                ]
            })?;
        let exemption = crate::pack::exempt::Exemption::of(&self.report).unwrap_or_default();
        let mark = exemption.whole.then(|| {
            crate::pack::exempt::supplement_mark(
                self.council.jurisdiction.law(),
                &exemption.paragraphs,
            )
        });
        let opts = render::docx::Options {
            template: template.as_deref(),
            names: render::docx::names_of(&self.council.docx_styles),
            logo: self.logo.as_ref(),
            mark,
            epoch,
            unprinted: self.unprinted(),
        };
        render::docx::render(ctx, &opts).map_err(|m| {
            vec![
                self.at_council_field(
                    Diagnostic::error(
                        crate::diagnostics::Code::P108,
                        format!("the Word template {m}"),
                    )
                    .with_hint(
                        "`docx_template:` names a .docx or .dotx saved by Word or LibreOffice",
                    ),
                    "docx_template",
                ),
            ]
        })
    }

    /// `d`, placed at `field` of `council.yaml`.
    fn at_council_field(&self, d: Diagnostic, field: &str) -> Diagnostic {
        let d = d.in_file(&self.council_path);
        match self.council.positions.get(field) {
            Some(pos) => d.at(pos.line, pos.column),
            None => d,
        }
    }
}

/// The HTML and Markdown of a draft, marked DRAFT (the PDF is marked as it
/// is typeset).
fn mark_draft(format: Format, bytes: Vec<u8>) -> Vec<u8> {
    let text = || String::from_utf8_lossy(&bytes).into_owned();
    match format {
        Format::Html => render::draft::mark_html(&text()).into_bytes(),
        Format::Markdown => render::draft::mark_markdown(&text()).into_bytes(),
        // The .docx is marked as it is written (`render::docx`).
        Format::Pdf | Format::Docx => bytes,
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
/// A council folder's template override folder, if it has one.
fn templates_dir(council_dir: &Path) -> Option<PathBuf> {
    let dir = council_dir.join("templates");
    dir.is_dir().then_some(dir)
}

/// With more than one thread for the run ([`crate::parallel::threads`]),
/// starts, on a thread of its own, what every report of a run needs and
/// makes only once: the built-in house style, the law, the Markdown and
/// HTML templates (the council's, if `first_report`'s council has a
/// `templates` folder) and the sanitiser, and for a PDF the fonts and
/// Typst's library. Returns at once; a report that needs one of them first
/// waits for it (templates it does not find compiled yet it compiles
/// itself, as it would without the warm-up). One report alone is then
/// loaded and checked while they are made, on a core that would otherwise
/// be idle (issue 18: a third of the seed's Markdown and HTML).
pub fn warm_up(first_report: &Path, formats: &[Format]) {
    use crate::render::templates::{Document, TemplateSet};
    // `--jobs 1` means one thread: each is then made when first needed.
    if crate::parallel::threads() < 2 {
        return;
    }
    let overrides = load::find_council(first_report)
        .ok()
        .and_then(|council| templates_dir(&load::folder_of(&council)));
    let formats = formats.to_vec();
    let _ = std::thread::Builder::new()
        .name("warm-up".into())
        .spawn(move || {
            crate::model::style::HouseStyle::builtin();
            crate::law::warm();
            // In the order the first report needs them; a template set that
            // does not compile is reported by the report that uses it.
            for &format in &formats {
                let configure = match format {
                    Format::Markdown => render::markdown::configure,
                    Format::Html => render::html::configure,
                    Format::Pdf | Format::Docx => continue,
                };
                let _ =
                    TemplateSet::load(format, Document::Report, overrides.as_deref(), configure);
                if format == Format::Html {
                    render::html::warm();
                }
            }
            if formats.contains(&Format::Pdf) {
                render::pdf::warm();
            }
        });
}

pub fn render_report(
    loaded: &LoadedReport,
    formats: &[Format],
) -> Result<Rendered, Vec<Diagnostic>> {
    let ctx = loaded.context();
    let overrides = loaded.override_dir();
    let overrides = overrides.as_deref();
    let origins = loaded.origins();
    let render_one = |format: Format| {
        let mut warnings = Vec::new();
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
                    warnings = out.warnings;
                    out.bytes
                })
            }
            Format::Docx => loaded.docx(&ctx),
        };
        (result, warnings)
    };
    // The formats side by side when a thread is free (one report alone):
    // the PDF, then the HTML (and Word), then the Markdown, the longest
    // first. Results in the order asked.
    let group_of = |format: Format| match format {
        Format::Pdf => 0,
        Format::Html | Format::Docx => 1,
        Format::Markdown => 2,
    };
    let mut groups: Vec<Vec<(usize, Format)>> = vec![Vec::new(); 3];
    for (i, &format) in formats.iter().enumerate() {
        groups[group_of(format)].push((i, format));
    }
    groups.retain(|g| !g.is_empty());
    let mut rendered: Vec<(usize, _)> = crate::parallel::map(&groups, |group| {
        group
            .iter()
            .map(|&(i, format)| (i, render_one(format)))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    rendered.sort_by_key(|&(i, _)| i);
    let mut outputs = Vec::with_capacity(formats.len());
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for (&format, (_, (result, mut said))) in formats.iter().zip(rendered) {
        warnings.append(&mut said);
        match result {
            Ok(bytes) if loaded.draft => outputs.push((format, mark_draft(format, bytes))),
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
