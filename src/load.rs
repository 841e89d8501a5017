//! Load: files on disk → typed model, with every diagnostic of a file at once.
//!
//! The pure part is [`parse_report`] / [`parse_council`] (text in, model or
//! diagnostics out, as Zola's `Config::parse`); the I/O part reads the files
//! and finds `council.yaml` by walking up from the report, as Cargo finds
//! `Cargo.toml`.

use std::path::{Path, PathBuf};

use crate::decode::{Decode, Decoder};
use crate::diagnostics::{Diagnostic, Kind};
use crate::model::{Council, Report};
use crate::yaml;

pub const COUNCIL_FILE: &str = "council.yaml";

/// Parses a YAML document of type `T`. Diagnostics carry line and column
/// but no file: callers add it.
pub fn parse<T: Decode>(source: &str, what: &str) -> Result<T, Vec<Diagnostic>> {
    let root = match yaml::parse(source)? {
        Some(root) => root,
        None => {
            return Err(vec![Diagnostic::error(format!("the {what} file is empty")).with_hint(
                format!("a {what} is a YAML mapping of fields: run `papers new` for a starting point, or copy an example from reports/"),
            )]);
        }
    };
    let mut d = Decoder::default();
    match T::decode(&root, "", &mut d) {
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
        return Err(Diagnostic::error("is a directory, not a file")
            .in_file(path)
            .with_kind(Kind::Io)
            .with_hint("name a .yaml file inside it"));
    }
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::io(path, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
        .in_file(path)
        .with_hint("save the file as UTF-8")
    })
}

fn in_file(errors: Vec<Diagnostic>, path: &Path) -> Vec<Diagnostic> {
    errors.into_iter().map(|e| e.in_file(path)).collect()
}

pub fn load_report(path: &Path) -> Result<Report, Vec<Diagnostic>> {
    let source = read_text(path).map_err(|e| vec![e])?;
    parse_report(&source).map_err(|e| in_file(e, path))
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
    for dir in start.ancestors() {
        let candidate = dir.join(COUNCIL_FILE);
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    Err(Diagnostic::error(format!(
        "no {COUNCIL_FILE} found in {} or any folder above it",
        start.display()
    ))
    .in_file(report)
    .with_hint("put the council profile (name, core purposes, wards, committees) in council.yaml beside the reports folder"))
}
