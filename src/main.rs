//! `papers`: the command line. Parses arguments, calls the library, prints
//! diagnostics, and exits 0 (ok), 1 (the input has errors) or 2 (usage or I/O).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use committee_papers::diagnostics::{Diagnostic, Kind, exit_code};
use committee_papers::load::COUNCIL_FILE;
use committee_papers::output::{write_all, write_atomic};
use committee_papers::pipeline;
use committee_papers::render::Format;
use committee_papers::render::templates::BUILTIN;

#[derive(Parser)]
#[command(name = "papers", version, about = "Committee papers from YAML: Markdown, HTML and PDF", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render reports to Markdown, HTML and PDF
    Render {
        /// Report YAML files
        #[arg(required = true, value_name = "REPORT.yaml")]
        reports: Vec<PathBuf>,
        /// Formats to write, comma-separated: md, html, pdf
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "md,html,pdf",
            value_name = "FORMATS"
        )]
        to: Vec<Format>,
        /// Output folder
        #[arg(long, default_value = "out", value_name = "DIR")]
        out: PathBuf,
    },
    /// Check reports for errors without writing anything
    Check {
        #[arg(required = true, value_name = "REPORT.yaml")]
        reports: Vec<PathBuf>,
    },
    /// List the built-in templates, or copy them out to change them
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
}

#[derive(Subcommand)]
enum TemplatesAction {
    /// List the built-in templates
    List,
    /// Write the built-in templates into DIR (a `templates` folder beside
    /// council.yaml overrides the defaults); existing files are kept
    Eject {
        #[arg(default_value = "templates", value_name = "DIR")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let diagnostics = match cli.command {
        Command::Render { reports, to, out } => render(&reports, &to, &out),
        Command::Check { reports } => check(&reports),
        Command::Templates { action } => templates(action),
    };
    print_diagnostics(&diagnostics);
    ExitCode::from(exit_code(&diagnostics) as u8)
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut stderr = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(stderr, "{d}");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        let _ = writeln!(
            stderr,
            "{errors} error{} found; nothing was written for the reports with errors",
            if errors == 1 { "" } else { "s" }
        );
    }
}

fn render(reports: &[PathBuf], formats: &[Format], out: &Path) -> Vec<Diagnostic> {
    let mut formats = formats.to_vec();
    formats.sort();
    formats.dedup();
    // Two reports with the same file stem would write the same files:
    // refuse the run before anything is written.
    let clashes = same_stem(reports);
    if !clashes.is_empty() {
        return clashes;
    }
    let mut diagnostics = Vec::new();
    for path in reports {
        // `papers render reports/*.yaml` names the council profile too.
        if path.file_name() == Some(std::ffi::OsStr::new(COUNCIL_FILE)) {
            diagnostics.push(
                Diagnostic::warning("skipped: this is the council profile, not a report")
                    .in_file(path),
            );
            continue;
        }
        // A report that cannot be read is that one error, not also "no
        // council.yaml found" from the folder search.
        if let Err(e) = committee_papers::load::readable(path) {
            diagnostics.push(e);
            continue;
        }
        let loaded = match pipeline::load_report(path) {
            Ok(l) => l,
            Err(e) => {
                diagnostics.extend(e);
                continue;
            }
        };
        diagnostics.extend(loaded.warnings.iter().cloned());
        // All formats are rendered before any is written, and written
        // together or not at all: a report is published whole.
        let rendered = match pipeline::render_report(&loaded, &formats) {
            Ok(r) => r,
            Err(e) => {
                diagnostics.extend(e);
                continue;
            }
        };
        diagnostics.extend(rendered.warnings);
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let files: Vec<(PathBuf, &[u8])> = rendered
            .outputs
            .iter()
            .map(|(format, bytes)| {
                let target = out.join(format!("{stem}.{}", format.extension()));
                (target, bytes.as_slice())
            })
            .collect();
        match write_all(&files) {
            Ok(()) => {
                for (target, _) in &files {
                    eprintln!("wrote {}", target.display());
                }
            }
            Err(e) => diagnostics.push(e),
        }
    }
    diagnostics
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
                Diagnostic::error(format!(
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

fn templates(action: TemplatesAction) -> Vec<Diagnostic> {
    match action {
        TemplatesAction::List => {
            for (name, _) in BUILTIN {
                println!("{name}");
            }
            Vec::new()
        }
        TemplatesAction::Eject { dir } => {
            let mut diagnostics = Vec::new();
            for (name, text) in BUILTIN {
                let target = dir.join(name);
                if target.exists() {
                    diagnostics.push(
                        Diagnostic::warning("kept: the file exists already")
                            .in_file(&target)
                            .with_hint("delete it first to get the built-in version"),
                    );
                    continue;
                }
                match write_atomic(&target, text.as_bytes()) {
                    Ok(()) => eprintln!("wrote {}", target.display()),
                    Err(e) => diagnostics.push(e),
                }
            }
            diagnostics
        }
    }
}

fn check(reports: &[PathBuf]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for path in reports {
        match pipeline::load_report(path) {
            Ok(l) => {
                diagnostics.extend(l.warnings);
                eprintln!("{}: ok", path.display());
            }
            Err(e) => diagnostics.extend(e),
        }
    }
    diagnostics
}
