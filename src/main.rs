//! `papers`: the command line. Parses arguments, calls the library, prints
//! diagnostics, and exits 0 (ok), 1 (the input has errors) or 2 (usage or I/O).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use committee_papers::check::format::{self, OutputFormat};
use committee_papers::check::run;
use committee_papers::diagnostics::{Diagnostic, exit_code};
use committee_papers::load::COUNCIL_FILE;
use committee_papers::output::write_atomic;
use committee_papers::pipeline;
use committee_papers::render::Format;
use committee_papers::render::templates::BUILTIN;
use committee_papers::{scaffold, schema};

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
    /// Check reports, trackers, council profiles or folders of them
    Check {
        /// Files or folders (walked for .yaml files)
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// human (source snippets), concise (path:line:col) or json (one object per line)
        #[arg(long, default_value = "human", value_name = "FORMAT")]
        format: OutputFormat,
        /// Colour the human format: auto (a terminal without NO_COLOR), always, never
        #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"], value_name = "WHEN")]
        color: String,
    },
    /// Print the JSON Schema (draft-07) of a kind of file, for editors
    Schema {
        /// report, progress or council
        #[arg(value_parser = ["report", "progress", "council"], value_name = "KIND")]
        kind: String,
    },
    /// Write a commented skeleton to fill in, beside the nearest council.yaml
    New {
        /// report or progress
        #[arg(value_parser = ["report", "progress"], value_name = "KIND")]
        kind: String,
        /// The file to create (an existing file is never replaced)
        #[arg(value_name = "PATH")]
        path: PathBuf,
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
        Command::Check {
            paths,
            format,
            color,
        } => return check(&paths, format, &color),
        Command::Templates { action } => templates(action),
        Command::Schema { kind } => {
            print!("{}", schema::generate(&kind).unwrap_or_default());
            Vec::new()
        }
        Command::New { kind, path } => match scaffold::create(&kind, &path) {
            Ok(()) => {
                eprintln!(
                    "wrote {}: fill in the TODOs, then run `papers check` on it",
                    path.display()
                );
                Vec::new()
            }
            Err(e) => vec![e],
        },
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
        let loaded = match pipeline::load_report(path) {
            Ok(l) => l,
            Err(e) => {
                diagnostics.extend(e);
                continue;
            }
        };
        diagnostics.extend(loaded.warnings.iter().cloned());
        // All formats are rendered before any is written: a report is
        // published whole or not at all.
        let rendered = match pipeline::render_report(&loaded, &formats) {
            Ok(r) => r,
            Err(e) => {
                diagnostics.extend(e);
                continue;
            }
        };
        diagnostics.extend(rendered.warnings);
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        for (format, bytes) in rendered.outputs {
            let target = out.join(format!("{stem}.{}", format.extension()));
            match write_atomic(&target, &bytes) {
                Ok(()) => eprintln!("wrote {}", target.display()),
                Err(e) => diagnostics.push(e),
            }
        }
    }
    diagnostics
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

/// Prints findings in the chosen format (json to stdout, for tools; the
/// others to stderr, as `render` does) and says nothing when all is well.
fn check(paths: &[PathBuf], format: OutputFormat, color: &str) -> ExitCode {
    use std::io::IsTerminal;
    let diagnostics = run::check_paths(paths);
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
