//! `papers`: the command line. Parses arguments, calls the library, prints
//! diagnostics, and exits 0 (ok), 1 (the input has errors) or 2 (usage or I/O).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use committee_papers::diagnostics::{Diagnostic, exit_code};
use committee_papers::load::COUNCIL_FILE;
use committee_papers::output::write_atomic;
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
    /// Preview a report in the browser, refreshed on every save
    Serve {
        /// The report YAML file
        #[arg(value_name = "REPORT.yaml")]
        file: PathBuf,
        /// Port to listen on (0 picks a free one)
        #[arg(long, default_value_t = committee_papers::serve::DEFAULT_PORT)]
        port: u16,
        /// Address to listen on; anything but loopback is reachable from the network
        #[arg(long, default_value = "127.0.0.1", value_parser = committee_papers::serve::parse_host)]
        host: std::net::IpAddr,
        /// Open the preview in the desktop's browser
        #[arg(long)]
        open: bool,
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
        Command::Serve {
            file,
            port,
            host,
            open,
        } => committee_papers::serve::run(committee_papers::serve::Options {
            file,
            host,
            port,
            open,
        }),
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
