//! Load: files on disk → typed model, with every diagnostic of a file at once.
//!
//! The pure part is [`parse_report`] / [`parse_council`] (text in, model or
//! diagnostics out, as Zola's `Config::parse`); the I/O part reads the files
//! and finds `council.yaml` by walking up from the report, as Cargo finds
//! `Cargo.toml`.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Kind};
use crate::load::decode::{Decode, Decoder};
use crate::model::style::HouseStyle;
use crate::model::{Council, Report};

pub mod assets;
pub mod decode;
pub mod origins;
pub mod paths;
pub mod positions;
pub mod yaml;

pub use paths::{contained_path, folder_of};

pub const COUNCIL_FILE: &str = "council.yaml";

/// Parses a YAML document of type `T`. Diagnostics carry line and column
/// but no file: callers add it.
pub fn parse<T: Decode>(source: &str, what: &str) -> Result<T, Vec<Diagnostic>> {
    parse_uncapped(source, what).map_err(cap_errors)
}

fn parse_uncapped<T: Decode>(source: &str, what: &str) -> Result<T, Vec<Diagnostic>> {
    decode_uncapped(yaml::parse(source)?.as_ref(), what)
}

/// A file's text and its YAML tree, kept from loading so that the rules
/// over what the author wrote (a TODO, a weekday in prose) read the same
/// parse the model came from: no file is read or parsed twice.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    pub root: yaml::Node,
}

/// The YAML tree of `text` (`None` for an empty file), or its syntax errors.
pub fn parse_source(text: String) -> Result<Option<Source>, Vec<Diagnostic>> {
    let root = yaml::parse(&text).map_err(cap_errors)?;
    Ok(root.map(|root| Source { text, root }))
}

/// Decodes a parsed file (`None` if it was empty) as a `T`.
pub fn decode_source<T: Decode>(source: Option<&Source>, what: &str) -> Result<T, Vec<Diagnostic>> {
    decode_uncapped(source.map(|s| &s.root), what).map_err(cap_errors)
}

/// [`parse`], with the text and tree the value was decoded from.
pub fn parse_with_source<T: Decode>(
    text: &str,
    what: &str,
) -> Result<(T, Source), Vec<Diagnostic>> {
    let source = parse_source(text.to_string())?;
    let value = decode_source(source.as_ref(), what)?;
    Ok((value, source.expect("an empty file does not decode")))
}

fn decode_uncapped<T: Decode>(root: Option<&yaml::Node>, what: &str) -> Result<T, Vec<Diagnostic>> {
    decode_root(root, what, |root, d| d.decode::<T>(root, ""))
}

/// Decodes a parsed report in the house style it names (`style:`) from
/// `council`'s, or in the built-in style when the council could not be
/// read (its errors are reported with the report's).
pub fn decode_report(
    source: Option<&Source>,
    council: Option<&Council>,
) -> Result<Report, Vec<Diagnostic>> {
    let root = source.map(|s| &s.root);
    let style = match (council, Report::style_name(root)) {
        (Some(council), Some((name, node))) => match council.style(Some(&name)) {
            Some(style) => style,
            None => {
                let names = council.style_names();
                let hint = match decode::did_you_mean(&name, &names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if names.is_empty() => {
                        "the council declares no `house_styles`: remove `style:`".to_string()
                    }
                    None => format!("the council's styles are: {}", names.join(", ")),
                };
                return Err(vec![
                    Diagnostic::error(
                        crate::diagnostics::Code::P125,
                        format!("the council has no house style `{name}`"),
                    )
                    .at(node.pos.line, node.pos.column)
                    .with_hint(hint),
                ]);
            }
        },
        (Some(council), None) => council.style(None).expect("a council always has a style"),
        (None, _) => HouseStyle::builtin(),
    };
    decode_root(root, "report", |root, d| {
        d.decode_by(root, "", |node, field, d| {
            Report::decode_in(node, field, style, d)
        })
    })
    .map_err(cap_errors)
}

fn decode_root<T>(
    root: Option<&yaml::Node>,
    what: &str,
    decode: impl FnOnce(&yaml::Node, &mut Decoder) -> Option<T>,
) -> Result<T, Vec<Diagnostic>> {
    let root = match root {
        Some(root) => root,
        None => {
            return Err(vec![Diagnostic::error(Code::P106, format!("the {what} file is empty")).with_hint(
                format!("a {what} is a YAML mapping of fields: run `papers new` for a starting point, or copy an example from reports/"),
            )]);
        }
    };
    let mut d = Decoder::default();
    match decode(root, &mut d) {
        Some(value) if d.errors.is_empty() => Ok(value),
        _ => {
            let mut errors = d.errors;
            errors.sort_by_key(|e| e.location);
            Err(errors)
        }
    }
}

pub fn parse_report(source: &str) -> Result<Report, Vec<Diagnostic>> {
    parse(source, "report")
}

pub fn parse_council(source: &str) -> Result<Council, Vec<Diagnostic>> {
    parse(source, "council profile")
}

/// Reads a text file; a missing file, a folder or bad UTF-8 is a diagnostic.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    if path.is_dir() {
        return Err(Diagnostic::error(Code::P100, "is a directory, not a file")
            .in_file(path)
            .with_kind(Kind::Io)
            .with_hint("name a .yaml file inside it"));
    }
    let bytes = read_capped(path, crate::load::yaml::MAX_SOURCE_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(
            Code::P101,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .in_file(path)
        .with_hint("save the file as UTF-8")
    })
}

/// Whether `path` is a file that can be opened: the error a user needs when
/// it is not, before anything else is looked for.
pub fn readable(path: &Path) -> Result<(), Diagnostic> {
    if path.is_dir() {
        return Err(Diagnostic::error(Code::P100, "is a directory, not a file")
            .in_file(path)
            .with_kind(Kind::Io)
            .with_hint("name a .yaml file inside it"));
    }
    std::fs::File::open(path)
        .map(|_| ())
        .map_err(|e| Diagnostic::io(path, &e).with_hint("check the file name and folder"))
}

/// Reads at most `limit` bytes: a larger file is refused before it is read
/// whole (a 50 MB file, a device that never ends).
pub fn read_capped(path: &Path, limit: usize) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let io = |e: std::io::Error| {
        Diagnostic::io(path, &e).with_hint(
            "check the file name and folder (paths in a file are relative to that file), and that the file can be read",
        )
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Diagnostic::error(Code::P100, "not a regular file")
            .in_file(path)
            .with_kind(Kind::Io)
            .with_hint("name a .yaml file"));
    }
    let mut bytes = Vec::with_capacity((meta.len() as usize).min(limit + 1));
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > limit {
        let size = (meta.len() as usize).max(bytes.len());
        return Err(crate::load::yaml::too_large(size).in_file(path));
    }
    Ok(bytes)
}

pub use decode::MAX_ERRORS;

/// The diagnostics of one file, at most [`MAX_ERRORS`] of them: a file of
/// a million bad keys gives a readable message, not a million lines.
fn cap_errors(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if errors.len() > MAX_ERRORS {
        let more = errors.len() - MAX_ERRORS;
        // The note takes the code of the first error it stands for.
        let code = errors[MAX_ERRORS].code;
        errors.truncate(MAX_ERRORS);
        errors.push(
            Diagnostic::error(code, format!("... and {more} more errors in this file"))
                .with_hint("fix the errors above first; the rest are often the same mistake"),
        );
    }
    errors
}

fn in_file(errors: Vec<Diagnostic>, path: &Path) -> Vec<Diagnostic> {
    errors.into_iter().map(|e| e.in_file(path)).collect()
}

pub fn load_report(path: &Path) -> Result<Report, Vec<Diagnostic>> {
    let source = read_text(path).map_err(|e| vec![e])?;
    parse_report(&source).map_err(|e| in_file(e, path))
}

/// Reads and decodes the file at `path`, keeping its text and tree.
pub fn load_with_source<T: Decode>(
    path: &Path,
    what: &str,
) -> Result<(T, Source), Vec<Diagnostic>> {
    let source = read_text(path).map_err(|e| vec![e])?;
    parse_with_source(&source, what).map_err(|e| in_file(e, path))
}

pub fn load_council(path: &Path) -> Result<Council, Vec<Diagnostic>> {
    let source = read_text(path).map_err(|e| vec![e])?;
    parse_council(&source).map_err(|e| in_file(e, path))
}

/// The nearest `council.yaml` in the report's folder or any folder above it.
pub fn find_council(report: &Path) -> Result<PathBuf, Diagnostic> {
    let start = report
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let start = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
    // Up to the drive root (`C:\`) or a network share's (`\\server\share`).
    for dir in paths::folders_up(&start) {
        let candidate = dir.join(COUNCIL_FILE);
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    Err(Diagnostic::error(Code::P107, format!(
        "no {COUNCIL_FILE} found in {} or any folder above it",
        paths::plain(&start).display()
    ))
    .in_file(report)
    .with_hint("put the council profile (name, core purposes, wards, committees) in council.yaml beside the reports folder"))
}

/// `loaded` (the file at `path`) with the nearest `council.yaml` and its
/// path: every error of both files comes back together.
pub fn with_council<T>(
    path: &Path,
    loaded: Result<T, Vec<Diagnostic>>,
) -> Result<(T, Council, PathBuf), Vec<Diagnostic>> {
    let council_path = find_council(path);
    let council = match &council_path {
        Ok(p) => load_council(p),
        Err(e) => Err(vec![e.clone()]),
    };
    match (loaded, council, council_path) {
        (Ok(value), Ok(council), Ok(p)) => Ok((value, council, p)),
        (value, council, _) => {
            let mut errors = value.err().unwrap_or_default();
            errors.extend(council.err().unwrap_or_default());
            Err(errors)
        }
    }
}

/// A tracker with the previous period's, as cited by a report.
#[derive(Debug, Clone)]
pub struct CitedTracker {
    pub path: PathBuf,
    pub tracker: crate::model::progress::Tracker,
    pub previous: Option<crate::model::progress::Tracker>,
    /// The tracker's text and tree, for the rules over what was written.
    pub source: Source,
}

/// Loads the trackers a report cites (`progress:`), each with its previous
/// period. Paths are relative to the citing file and must stay inside the
/// council's folder. Returns the trackers and warnings, or every error.
pub fn load_trackers(
    report_path: &Path,
    cited: &[String],
    position: Option<crate::load::yaml::Pos>,
    council_dir: &Path,
) -> Result<(Vec<CitedTracker>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut out = Vec::new();
    let at = |d: Diagnostic| match position {
        Some(p) => d.in_file(report_path).at(p.line, p.column),
        None => d.in_file(report_path),
    };
    for rel in cited {
        let path = match contained_path(report_path, rel, council_dir) {
            Ok(p) => p,
            Err(msg) => {
                errors.push(at(Diagnostic::error(Code::P108, msg).with_hint(
                    "keep progress trackers inside the folder that holds council.yaml",
                )));
                continue;
            }
        };
        let (tracker, source) =
            match load_with_source::<crate::model::progress::Tracker>(&path, "progress tracker") {
                Ok(t) => t,
                Err(e) => {
                    errors.extend(e);
                    continue;
                }
            };
        let previous = match &tracker.previous {
            None => None,
            Some(prev_rel) => {
                let prev_at = |d: Diagnostic| match tracker.positions.get("previous") {
                    Some(p) => d.in_file(&path).at(p.line, p.column),
                    None => d.in_file(&path),
                };
                match contained_path(&path, prev_rel, council_dir) {
                    Err(msg) => {
                        errors.push(prev_at(Diagnostic::error(Code::P108, msg).with_hint(
                            "keep the previous period's tracker inside the folder that holds council.yaml",
                        )));
                        None
                    }
                    Ok(prev_path) if !prev_path.is_file() => {
                        warnings.push(prev_at(
                            Diagnostic::warning(Code::P108, format!(
                                "the previous period's tracker `{prev_rel}` was not found"
                            ))
                            .with_hint("movement since the last period is left out; fix the path to show it"),
                        ));
                        None
                    }
                    Ok(prev_path) => match load_tracker(&prev_path) {
                        Ok(prev) => Some(prev),
                        Err(e) => {
                            errors.extend(e);
                            None
                        }
                    },
                }
            }
        };
        out.push(CitedTracker {
            path,
            tracker,
            previous,
            source,
        });
    }
    if errors.is_empty() {
        Ok((out, warnings))
    } else {
        Err(errors)
    }
}

pub fn load_tracker(path: &Path) -> Result<crate::model::progress::Tracker, Vec<Diagnostic>> {
    let source = read_text(path).map_err(|e| vec![e])?;
    parse::<crate::model::progress::Tracker>(&source, "progress tracker")
        .map_err(|e| in_file(e, path))
}
