//! `papers`: the command line. Parses arguments, calls the library, prints
//! diagnostics, and exits 0 (ok), 1 (the input has errors) or 2 (usage or I/O).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use committee_papers::diagnostics::exit_code;
use committee_papers::diagnostics::format::OutputFormat;
use committee_papers::pipeline::Mode;

mod cmd;

/// `papers --version`: the crate's version, or what the `dist` script sets
/// (the version and the commit). Only `--version` shows it: outputs carry
/// the crate's version alone, so a commit never changes them.
const VERSION: &str = match option_env!("PAPERS_VERSION") {
    Some(v) => v,
    None => env!("CARGO_PKG_VERSION"),
};

#[derive(Parser)]
#[command(name = "papers", version = VERSION, about = "Committee papers from YAML: Markdown, HTML and PDF", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render reports to Markdown, HTML and PDF (and Word on request)
    Render {
        /// Report YAML files
        #[arg(required = true, value_name = "REPORT.yaml")]
        reports: Vec<PathBuf>,
        /// Formats to write, comma-separated: md, html, pdf, docx (Word;
        /// not written unless asked for)
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "md,html,pdf",
            value_name = "FORMATS"
        )]
        to: Vec<committee_papers::render::Format>,
        /// Output folder
        #[arg(long, default_value = "out", value_name = "DIR")]
        out: PathBuf,
        /// Threads to render with (default: every core, or RAYON_NUM_THREADS)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// No progress bar
        #[arg(long)]
        quiet: bool,
        /// Write a report even if the rules find errors: they are printed
        /// as warnings and every format is marked DRAFT
        #[arg(long)]
        draft: bool,
    },
    /// Build a meeting's agenda, reports pack, members' supplement and manifest
    Pack {
        /// The meeting file
        #[arg(value_name = "MEETING.yaml")]
        meeting: PathBuf,
        /// Output folder (default: out/NAME, NAME the meeting file's stem);
        /// replaced whole, and only if it is empty or a pack
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Threads to render with (default: every core, or RAYON_NUM_THREADS)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// No progress bar and no summary
        #[arg(long)]
        quiet: bool,
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
        #[arg(value_parser = ["report", "meeting", "progress", "council"], value_name = "KIND")]
        kind: String,
        /// For a report: the council.yaml whose own fields it includes
        /// (default: the nearest one above the current folder, if any)
        #[arg(long, value_name = "PATH")]
        council: Option<PathBuf>,
    },
    /// Write a commented skeleton to fill in, beside the nearest council.yaml
    New {
        /// report, meeting or progress
        #[arg(value_parser = ["report", "meeting", "progress"], value_name = "KIND")]
        kind: String,
        /// The file to create (an existing file is never replaced)
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Read a Word report (.docx) into the YAML of the council's house style
    Import {
        /// The Word report
        #[arg(value_name = "REPORT.docx")]
        docx: PathBuf,
        /// The YAML file to write (default: beside the .docx, .yaml); an
        /// existing file is never replaced
        #[arg(long, value_name = "REPORT.yaml")]
        out: Option<PathBuf>,
        /// The council profile (default: the nearest council.yaml above the .docx)
        #[arg(long, value_name = "PATH")]
        council: Option<PathBuf>,
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
        Command::Render {
            reports,
            to,
            out,
            jobs,
            quiet,
            draft,
        } => {
            let mode = if draft { Mode::Draft } else { Mode::Publish };
            cmd::with_jobs(jobs, || cmd::render::run(&reports, &to, &out, quiet, mode))
        }
        Command::Pack {
            meeting,
            out,
            jobs,
            quiet,
        } => cmd::with_jobs(jobs, || cmd::pack::run(&meeting, out, quiet)),
        Command::Check {
            paths,
            format,
            color,
        } => return cmd::check::run(&paths, format, &color),
        Command::Templates { action } => cmd::templates::run(match action {
            TemplatesAction::List => cmd::templates::Action::List,
            TemplatesAction::Eject { dir } => cmd::templates::Action::Eject { dir },
        }),
        Command::Serve {
            file,
            port,
            host,
            open,
        } => cmd::serve::run(file, host, port, open),
        Command::Schema { kind, council } => cmd::schema::run(&kind, council.as_deref()),
        Command::New { kind, path } => cmd::new::run(&kind, &path),
        Command::Import { docx, out, council } => cmd::import::run(&docx, out, council),
    };
    cmd::print_diagnostics(&diagnostics);
    ExitCode::from(exit_code(&diagnostics) as u8)
}
