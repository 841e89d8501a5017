//! `papers render`: each report to Markdown, HTML and PDF.

use std::path::{Path, PathBuf};

use committee_papers::diagnostics::{Code, Diagnostic, Kind, Severity};
use committee_papers::load::COUNCIL_FILE;
use committee_papers::output::write_all;
use committee_papers::pipeline::{self, Mode};
use committee_papers::render::Format;

use super::progress;

/// Renders each report and writes its formats. In [`Mode::Publish`] a
/// report the rules find errors in is not written; in [`Mode::Draft`] it
/// is, marked DRAFT, with its errors printed as warnings.
pub fn run(
    reports: &[PathBuf],
    formats: &[Format],
    out: &Path,
    quiet: bool,
    mode: Mode,
) -> Vec<Diagnostic> {
    let mut formats = formats.to_vec();
    formats.sort();
    formats.dedup();
    // Two reports with the same file stem would write the same files:
    // refuse the run before anything is written.
    let clashes = same_stem(reports);
    if !clashes.is_empty() {
        return clashes;
    }
    if let Some(first) = reports.first() {
        committee_papers::pipeline::warm_up(first, &formats);
    }
    let bar = progress(reports.len(), quiet);
    // Reports render and are written in parallel (a report's formats
    // together or not at all); what is said about them comes in the order
    // given, so the output is the same whatever the number of threads.
    let results: Vec<(Vec<Diagnostic>, Vec<PathBuf>)> =
        committee_papers::parallel::map(reports, |path| {
            let (mut diags, rendered) = render_one(path, &formats, mode);
            let written = match rendered {
                Some(rendered) => write_report(path, out, &rendered).unwrap_or_else(|e| {
                    diags.push(e);
                    Vec::new()
                }),
                None => Vec::new(),
            };
            bar.inc(1);
            (diags, written)
        });
    bar.finish_and_clear();
    let mut diagnostics = Vec::new();
    for (diags, written) in results {
        diagnostics.extend(diags);
        if !quiet {
            for target in written {
                eprintln!("wrote {}", target.display());
            }
        }
    }
    diagnostics
}

/// Writes a report's formats beside each other in `out`, all or none:
/// the files written.
fn write_report(
    path: &Path,
    out: &Path,
    rendered: &pipeline::Rendered,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let files: Vec<(PathBuf, &[u8])> = rendered
        .outputs
        .iter()
        .map(|(format, bytes)| {
            let target = out.join(format!("{stem}.{}", format.extension()));
            (target, bytes.as_slice())
        })
        .collect();
    write_all(&files)?;
    Ok(files.into_iter().map(|(target, _)| target).collect())
}

/// Loads and renders one report: its diagnostics, and its outputs if it
/// had no errors.
fn render_one(
    path: &Path,
    formats: &[Format],
    mode: Mode,
) -> (Vec<Diagnostic>, Option<pipeline::Rendered>) {
    // `papers render reports/*.yaml` names the council profile too.
    if path.file_name() == Some(std::ffi::OsStr::new(COUNCIL_FILE)) {
        return (
            vec![
                Diagnostic::warning(
                    Code::P111,
                    "skipped: this is the council profile, not a report",
                )
                .in_file(path),
            ],
            None,
        );
    }
    // A report that cannot be read is that one error, not also "no
    // council.yaml found" from the folder search.
    if let Err(e) = committee_papers::load::readable(path) {
        return (vec![e], None);
    }
    let loaded = match pipeline::load_report_as(path, mode) {
        Ok(l) => l,
        Err(e) => return (e, None),
    };
    // A draft is written with its errors: they are said as warnings.
    let mut diagnostics: Vec<Diagnostic> = loaded
        .findings
        .iter()
        .map(|d| d.clone().with_severity(Severity::Warning))
        .collect();
    // All formats are rendered before any is written: a report is
    // published whole or not at all.
    match pipeline::render_report(&loaded, formats) {
        Ok(mut r) => {
            diagnostics.append(&mut r.warnings);
            (diagnostics, Some(r))
        }
        Err(e) => {
            diagnostics.extend(e);
            (diagnostics, None)
        }
    }
}

/// An error for each pair of reports that share a file stem (and so their
/// output files). The same file named twice is not a clash.
fn same_stem(reports: &[PathBuf]) -> Vec<Diagnostic> {
    let mut seen: Vec<(&PathBuf, PathBuf)> = Vec::new();
    let mut errors = Vec::new();
    for path in reports {
        if path.file_name() == Some(std::ffi::OsStr::new(COUNCIL_FILE)) {
            continue;
        }
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        let stem = path.file_stem();
        match seen.iter().find(|(p, _)| p.file_stem() == stem) {
            Some((_, c)) if *c == canonical => {}
            Some((first, _)) => errors.push(
                Diagnostic::error(Code::P111, format!(
                    "`{}` and `{}` have the same name: both would be written to `{}.*`",
                    first.display(),
                    path.display(),
                    stem.unwrap_or_default().to_string_lossy()
                ))
                .in_file(path)
                .with_kind(Kind::Io)
                .with_hint("rename one of the files, or render them in separate runs with different --out folders"),
            ),
            None => seen.push((path, canonical)),
        }
    }
    errors
}
