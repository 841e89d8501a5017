//! `papers check PATH...`: the I/O edge of the checks. Each path is a
//! report, a progress tracker, a council profile, a meeting, or a folder of
//! them (walked). A report is loaded and checked as `render` would, plus the
//! rules over its text ([`super::source`]), and rendered to every format in
//! memory so that a broken council template is caught; nothing is written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use committee_papers::check::{rules, source};
use committee_papers::diagnostics::format::{self, OutputFormat};
use committee_papers::diagnostics::{Diagnostic, exit_code};
use committee_papers::enrich::numbering::number_body;
use committee_papers::load::yaml::{self, Node, Pos};
use committee_papers::load::{self, COUNCIL_FILE};
use committee_papers::model::council::RuleSettings;
use committee_papers::pipeline::{self, LoadedReport};
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
    for file in &files {
        out.extend(check_file(file));
    }
    let mut seen = Vec::new();
    out.into_iter()
        .map(rules::classify)
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

/// Checks one file of any kind.
pub fn check_file(path: &Path) -> Vec<Diagnostic> {
    let text = match load::read_text(path) {
        Ok(t) => t,
        Err(d) => return vec![d],
    };
    let tree = match yaml::parse(&text) {
        Ok(t) => t,
        Err(e) => return in_file(e, path),
    };
    match kind_of(path, tree.as_ref()) {
        FileKind::Council => check_council(path),
        FileKind::Tracker => check_tracker(path, tree.as_ref()),
        FileKind::Meeting => check_meeting(path, &text, tree.as_ref()),
        FileKind::Report => check_report(path, &text, tree.as_ref()),
    }
}

fn in_file(diagnostics: Vec<Diagnostic>, path: &Path) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .map(|d| if d.file.is_none() { d.in_file(path) } else { d })
        .collect()
}

/// The rule settings of the council that `path` belongs to, if it has one
/// that loads.
fn settings_for(path: &Path) -> RuleSettings {
    load::find_council(path)
        .ok()
        .and_then(|p| load::load_council(&p).ok())
        .map(|c| c.rules)
        .unwrap_or_default()
}

fn check_report(path: &Path, text: &str, tree: Option<&Node>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut unfinished = Vec::new();
    if let Some(root) = tree {
        let mut found = Vec::new();
        source::todo_rule(root, &mut found);
        source::weekday_rule(text, &mut found);
        source::appendix_rule(text, root, &mut found);
        source::background_rule(root, &mut found);
        source::implementation_rule(root, &mut found);
        out.extend(in_file(rules::apply(found, &settings_for(path)), path));
        unfinished = source::unfinished_positions(root);
        out.extend(cited_trackers(path, root));
    }
    match pipeline::load_report(path) {
        Ok(loaded) => {
            out.extend(loaded.warnings.iter().cloned());
            out.extend(render_in_memory(&loaded));
        }
        Err(e) => out.extend(e),
    }
    leave_unfinished_to_p300(out, path, &unfinished)
}

/// A finding on a field that still says TODO is about an unfinished field:
/// P300 says so once, and the rest waits until it is filled in.
fn leave_unfinished_to_p300(
    mut out: Vec<Diagnostic>,
    path: &Path,
    unfinished: &[Pos],
) -> Vec<Diagnostic> {
    out.retain(|d| {
        d.code == Some("P300")
            || d.file.as_deref() != Some(path)
            || !d.location.is_some_and(|l| {
                unfinished.contains(&Pos {
                    line: l.line,
                    column: l.column,
                })
            })
    });
    out
}

/// Renders every format in memory and keeps only the diagnostics: a broken
/// council template is caught by `check` as it would be by `render`.
fn render_in_memory(loaded: &LoadedReport) -> Vec<Diagnostic> {
    match pipeline::render_report(loaded, &Format::ALL) {
        Ok(rendered) => rendered.warnings,
        Err(errors) => errors,
    }
}

/// The due-date rule over the trackers a report cites (their own files are
/// checked when named or walked; loading errors come from the pipeline).
fn cited_trackers(report: &Path, root: &Node) -> Vec<Diagnostic> {
    let Some(progress) = root.get("progress") else {
        return Vec::new();
    };
    let cited: Vec<&str> = match &progress.value {
        committee_papers::load::yaml::Value::Seq(items) => {
            items.iter().filter_map(Node::as_str).collect()
        }
        _ => progress.as_str().into_iter().collect(),
    };
    let base = report.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for rel in cited {
        let path = base.join(rel);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if let Ok(Some(tree)) = yaml::parse(&text) {
            let mut found = Vec::new();
            source::due_date_rule(&tree, &mut found);
            out.extend(in_file(rules::apply(found, &settings_for(&path)), &path));
        }
    }
    out
}

fn check_tracker(path: &Path, tree: Option<&Node>) -> Vec<Diagnostic> {
    let out = match load::load_tracker(path) {
        Ok(_) => Vec::new(),
        Err(e) => e,
    };
    with_text_rules(out, path, tree, |root, found| {
        source::due_date_rule(root, found)
    })
}

/// `out` with the TODO rule (P300) and `rules` over the file's own text
/// added, and findings on unfinished fields left to P300.
fn with_text_rules(
    mut out: Vec<Diagnostic>,
    path: &Path,
    tree: Option<&Node>,
    rules: impl FnOnce(&Node, &mut Vec<Diagnostic>),
) -> Vec<Diagnostic> {
    let Some(root) = tree else { return out };
    let mut found = Vec::new();
    source::todo_rule(root, &mut found);
    rules(root, &mut found);
    out.extend(in_file(rules::apply(found, &settings_for(path)), path));
    leave_unfinished_to_p300(out, path, &source::unfinished_positions(root))
}

/// A meeting: loaded as `papers pack` loads it, with its reports, so every
/// rule of a pack is checked without building one: each report's committee
/// and date against the meeting's (P401), the clear-days rule (P402),
/// exempt items' paragraphs (P403, under P203 for the report itself) and a
/// report on the agenda twice (P404). Its own text is checked for TODOs
/// (P300) and weekdays (P305) as a report's is.
fn check_meeting(path: &Path, text: &str, tree: Option<&Node>) -> Vec<Diagnostic> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let out = match committee_papers::pack::load_meeting(path, epoch.as_deref()) {
        Ok(loaded) => loaded.warnings,
        Err(errors) => errors,
    };
    with_text_rules(out, path, tree, |_, found| {
        source::weekday_rule(text, found)
    })
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
    let report = load::parse_report(SAMPLE)?;
    let body = number_body(&report.body);
    Ok(LoadedReport {
        path: dir.join("sample.yaml"),
        report,
        council,
        council_path: council_path.to_path_buf(),
        council_dir: dir.to_path_buf(),
        body,
        trackers: Vec::new(),
        logo: None,
        house_font: None,
        extra_fonts: Vec::new(),
        warnings: Vec::new(),
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
