//! `papers check PATH...`: the I/O edge of the checks. Each path is a
//! report, a progress tracker, a council profile, a meeting, or a folder of
//! them (walked). A report is loaded and checked as `render` would, plus the
//! rules over its text ([`super::source`]), and rendered to every format in
//! memory so that a broken council template is caught; nothing is written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::collections::HashMap;

use committee_papers::check::{self, SourceKind, rules};
use committee_papers::diagnostics::format::{self, OutputFormat};
use committee_papers::diagnostics::{Code, Diagnostic, exit_code};
use committee_papers::load::yaml::Node;
use committee_papers::load::{self, COUNCIL_FILE, Source};
use committee_papers::model::Report;
use committee_papers::model::council::RuleSettings;
use committee_papers::model::progress::Tracker;
use committee_papers::pipeline::{self, LoadedReport, Mode};
use committee_papers::render::Format;

/// What a YAML file is, from its name and top-level fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Report,
    Tracker,
    Council,
    Meeting,
}

/// `council.yaml` by name; a tracker has `as_at`; a meeting has agenda
/// `items` (and no `as_at`); anything else is read as a report.
pub fn kind_of(path: &Path, tree: Option<&Node>) -> FileKind {
    if path.file_name() == Some(std::ffi::OsStr::new(COUNCIL_FILE)) {
        return FileKind::Council;
    }
    match tree {
        Some(t) if t.get("as_at").is_some() => FileKind::Tracker,
        Some(t) if t.get("items").is_some() && t.get("body").is_none() => FileKind::Meeting,
        _ => FileKind::Report,
    }
}

/// Folders that hold no inputs: outputs, templates, VCS and build folders.
fn skipped_dir(name: &str) -> bool {
    name.starts_with('.') || matches!(name, "templates" | "out" | "target" | "node_modules")
}

/// The files to check: named files as given, folders walked for `.yaml`
/// and `.yml` files in name order.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &mut errors);
        } else {
            files.push(path.clone());
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return errors.push(Diagnostic::io(dir, &e)),
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.is_dir() {
            if !skipped_dir(&name) {
                walk(&path, files, errors);
            }
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            files.push(path);
        }
    }
}

/// Checks every path; the findings carry their file, have codes, and come
/// once each, in the order the files were named.
pub fn check_paths(paths: &[PathBuf]) -> Vec<Diagnostic> {
    let (files, mut out) = expand(paths);
    let mut councils = Councils::default();
    for file in &files {
        out.extend(check_file(file, &mut councils));
    }
    let mut seen = Vec::new();
    out.into_iter()
        .filter(|d| {
            let key = (d.file.clone(), d.location, d.code, d.message.clone());
            if seen.contains(&key) {
                false
            } else {
                seen.push(key);
                true
            }
        })
        .collect()
}

/// The rule settings of each council met so far, by the path of its
/// `council.yaml`: a folder of a hundred trackers reads it once.
#[derive(Default)]
pub struct Councils(HashMap<PathBuf, RuleSettings>);

impl Councils {
    /// The rule settings of the council that `path` belongs to, if it has
    /// one that loads.
    fn settings_for(&mut self, path: &Path) -> RuleSettings {
        let Ok(council) = load::find_council(path) else {
            return RuleSettings::default();
        };
        self.0
            .entry(council)
            .or_insert_with_key(|council| {
                load::load_council(council)
                    .map(|c| c.rules)
                    .unwrap_or_default()
            })
            .clone()
    }
}

/// Checks one file of any kind.
pub fn check_file(path: &Path, councils: &mut Councils) -> Vec<Diagnostic> {
    let text = match load::read_text(path) {
        Ok(t) => t,
        Err(d) => return vec![d],
    };
    let source = match load::parse_source(text) {
        Ok(s) => s,
        Err(e) => return in_file(e, path),
    };
    match kind_of(path, source.as_ref().map(|s| &s.root)) {
        FileKind::Council => check_council(path),
        FileKind::Tracker => check_tracker(path, source.as_ref(), councils),
        FileKind::Meeting => check_meeting(path, source.as_ref()),
        FileKind::Report => check_report(path),
    }
}

fn in_file(diagnostics: Vec<Diagnostic>, path: &Path) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .map(|d| if d.file.is_none() { d.in_file(path) } else { d })
        .collect()
}

/// A report, through the rule engine every command shares (as a draft, so
/// every finding comes back, errors too), then rendered in memory.
fn check_report(path: &Path) -> Vec<Diagnostic> {
    match pipeline::load_report_as(path, Mode::Draft) {
        Ok(mut loaded) => {
            let mut out = std::mem::take(&mut loaded.findings);
            // A template is tried as it would publish, on a report the
            // rules pass.
            if !out.iter().any(Diagnostic::is_error) {
                loaded.draft = false;
                out.extend(render_in_memory(&loaded));
            }
            out
        }
        Err(e) => e,
    }
}

/// Renders every format in memory and keeps only the diagnostics: a broken
/// council template is caught by `check` as it would be by `render`. Word
/// too where the council uses it (`docx_template:` or `pack: { docx: Yes }`),
/// so a broken Word template is caught before a pack needs it.
fn render_in_memory(loaded: &LoadedReport) -> Vec<Diagnostic> {
    let mut formats = Format::ALL.to_vec();
    if loaded.council.docx_template.is_some() || loaded.council.pack.docx {
        formats.push(Format::Docx);
    }
    match pipeline::render_report(loaded, &formats) {
        Ok(rendered) => rendered.warnings,
        Err(errors) => errors,
    }
}

/// A tracker on its own: it loads, and the rules over its text (P300,
/// P311) with its council's settings.
fn check_tracker(path: &Path, source: Option<&Source>, councils: &mut Councils) -> Vec<Diagnostic> {
    let decoded = load::decode_source::<Tracker>(source, "progress tracker");
    let Some(source) = source else {
        return in_file(decoded.err().unwrap_or_default(), path);
    };
    match decoded {
        Ok(_) => {
            let settings = councils.settings_for(path);
            let found = check::check_source(SourceKind::Tracker, source, &settings);
            check::leave_unfinished_to_p300(in_file(found, path), path, source)
        }
        Err(e) => check::todos_first(in_file(e, path), path, source),
    }
}

/// A meeting: loaded as `papers pack` loads it, with its reports, so every
/// rule of a pack is checked without building one: each report's committee
/// and date against the meeting's (P401), the clear-days rule (P402),
/// exempt items' paragraphs (P403, under P203 for the report itself), a
/// report on the agenda twice (P404), and the meeting's own text (TODOs,
/// P300; weekdays, P305).
fn check_meeting(path: &Path, source: Option<&Source>) -> Vec<Diagnostic> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    match committee_papers::pack::load_meeting(path, epoch.as_deref()) {
        Ok(loaded) => loaded.warnings,
        // A meeting that does not decode still shows its TODOs.
        Err(errors) => match source {
            Some(source) if !errors.iter().any(|d| d.code == Code::P300) => {
                check::todos_first(errors, path, source)
            }
            _ => errors,
        },
    }
}

/// A council profile: it loads, its rule settings name real rules, and
/// its template overrides render (a sample report is rendered in memory
/// with them).
fn check_council(path: &Path) -> Vec<Diagnostic> {
    let council = match load::load_council(path) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let mut out = in_file(rules::check_settings(&council.rules), path);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if dir.join("templates").is_dir() {
        match sample_report(council, path, dir) {
            Ok(loaded) => out.extend(render_in_memory(&loaded)),
            Err(e) => out.extend(e),
        }
    }
    out
}

/// The bundled seed report under `council`, to exercise its templates.
fn sample_report(
    council: committee_papers::model::Council,
    council_path: &Path,
    dir: &Path,
) -> Result<LoadedReport, Vec<Diagnostic>> {
    const SAMPLE: &str =
        include_str!("../../reports/2022-11-07-childrens-services-commissioner.yaml");
    let (report, source) = load::parse_with_source::<Report>(SAMPLE, "report")?;
    // Laid out in the council's own style, to exercise its templates.
    let style = council.style(None).expect("a council always has a style");
    let numbered = committee_papers::layout::number(&report, style);
    Ok(LoadedReport {
        path: dir.join("sample.yaml"),
        report,
        source,
        council,
        council_path: council_path.to_path_buf(),
        council_dir: dir.to_path_buf(),
        numbered,
        trackers: Vec::new(),
        logo: None,
        house_font: None,
        extra_fonts: Vec::new(),
        findings: Vec::new(),
        draft: false,
    })
}

/// Prints findings in the chosen format (json to stdout, for tools; the
/// others to stderr, as `render` does) and says nothing when all is well.
pub fn run(paths: &[PathBuf], format: OutputFormat, color: &str) -> ExitCode {
    use std::io::IsTerminal;
    let diagnostics = check_paths(paths);
    let color = format::use_color(color, std::io::stderr().is_terminal());
    let text = format::render_all(&diagnostics, format, color, &mut format::Sources::default());
    if format == OutputFormat::Json {
        print!("{text}");
    } else {
        eprint!("{text}");
        if let Some(summary) = format::summary(&diagnostics) {
            eprintln!("{summary}");
        }
    }
    ExitCode::from(exit_code(&diagnostics) as u8)
}
