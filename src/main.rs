//! `papers`: the command line. Parses arguments, calls the library, prints
//! diagnostics, and exits 0 (ok), 1 (the input has errors) or 2 (usage or I/O).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use committee_papers::check::format::{self, OutputFormat};
use committee_papers::check::run;
use committee_papers::diagnostics::{Diagnostic, Kind, exit_code};
use committee_papers::load::COUNCIL_FILE;
use committee_papers::output::{write_all, write_atomic};
use committee_papers::pipeline;
use committee_papers::render::Format;
use committee_papers::render::templates::shipped as shipped_templates;
use committee_papers::{scaffold, schema};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

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
        /// Threads to render with (default: every core, or RAYON_NUM_THREADS)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// No progress bar
        #[arg(long)]
        quiet: bool,
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
        } => with_jobs(jobs, || render(&reports, &to, &out, quiet)),
        Command::Pack {
            meeting,
            out,
            jobs,
            quiet,
        } => with_jobs(jobs, || pack(&meeting, out, quiet)),
        Command::Check {
            paths,
            format,
            color,
        } => return check(&paths, format, &color),
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

/// Runs `f` with `jobs` threads; without `--jobs`, rayon's default (every
/// core, or `RAYON_NUM_THREADS`).
fn with_jobs(jobs: Option<u16>, f: impl FnOnce() -> Vec<Diagnostic> + Send) -> Vec<Diagnostic> {
    let Some(n) = jobs else { return f() };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(usize::from(n))
        .build()
    {
        Ok(pool) => pool.install(f),
        Err(e) => vec![
            Diagnostic::error(format!("cannot start {n} threads: {e}"))
                .with_kind(committee_papers::diagnostics::Kind::Io),
        ],
    }
}

/// A progress bar on stderr, only when it is a terminal and not `--quiet`.
fn progress(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

fn render(reports: &[PathBuf], formats: &[Format], out: &Path, quiet: bool) -> Vec<Diagnostic> {
    let mut formats = formats.to_vec();
    formats.sort();
    formats.dedup();
    // Two reports with the same file stem would write the same files:
    // refuse the run before anything is written.
    let clashes = same_stem(reports);
    if !clashes.is_empty() {
        return clashes;
    }
    let bar = progress(reports.len(), quiet);
    // Reports render in parallel; results are written in the order given,
    // so the output is the same whatever the number of threads.
    let results: Vec<(Vec<Diagnostic>, Option<pipeline::Rendered>)> = reports
        .par_iter()
        .map(|path| {
            let out = render_one(path, &formats);
            bar.inc(1);
            out
        })
        .collect();
    bar.finish_and_clear();
    let mut diagnostics = Vec::new();
    for (path, (diags, rendered)) in reports.iter().zip(results) {
        diagnostics.extend(diags);
        let Some(rendered) = rendered else { continue };
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let files: Vec<(PathBuf, &[u8])> = rendered
            .outputs
            .iter()
            .map(|(format, bytes)| {
                let target = out.join(format!("{stem}.{}", format.extension()));
                (target, bytes.as_slice())
            })
            .collect();
        // A report's formats are written together or not at all.
        match write_all(&files) {
            Ok(()) => {
                if !quiet {
                    for (target, _) in &files {
                        eprintln!("wrote {}", target.display());
                    }
                }
            }
            Err(e) => diagnostics.push(e),
        }
    }
    diagnostics
}

/// Loads and renders one report: its diagnostics, and its outputs if it
/// had no errors.
fn render_one(path: &Path, formats: &[Format]) -> (Vec<Diagnostic>, Option<pipeline::Rendered>) {
    // `papers render reports/*.yaml` names the council profile too.
    if path.file_name() == Some(std::ffi::OsStr::new(COUNCIL_FILE)) {
        return (
            vec![
                Diagnostic::warning("skipped: this is the council profile, not a report")
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
    let loaded = match pipeline::load_report(path) {
        Ok(l) => l,
        Err(e) => return (e, None),
    };
    let mut diagnostics = loaded.warnings.clone();
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

fn pack(meeting: &Path, out: Option<PathBuf>, quiet: bool) -> Vec<Diagnostic> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let loaded = match committee_papers::pack::load_meeting(meeting, epoch.as_deref()) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let out =
        out.unwrap_or_else(|| PathBuf::from("out").join(meeting.file_stem().unwrap_or_default()));
    let reports = loaded.items.iter().filter(|i| i.report().is_some()).count();
    // Each report, the pack, the supplement and the front sheet.
    let bar = progress(reports + 3, quiet);
    let tick = |what: &str| {
        bar.set_message(what.to_string());
        bar.inc(1);
    };
    let built = committee_papers::pack::build(&loaded, epoch.as_deref(), &tick);
    bar.finish_and_clear();
    let built = match built {
        Ok(b) => b,
        Err(e) => {
            let mut all = loaded.warnings.clone();
            all.extend(e);
            return all;
        }
    };
    let mut diagnostics = built.warnings.clone();
    match committee_papers::pack::output::write(&out, &built) {
        Ok(()) => {
            if !quiet {
                let public = built
                    .files
                    .iter()
                    .filter(|f| f.audience == committee_papers::pack::manifest::Audience::Public)
                    .count();
                eprintln!(
                    "wrote {}: {public} public files, {} exempt, pack.pdf {} pages ({} clear working days before the meeting)",
                    out.display(),
                    built.files.len() - public,
                    built.manifest.pack.pages,
                    loaded.clear_days,
                );
            }
        }
        Err(e) => diagnostics.push(e),
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
            for (name, _) in shipped_templates() {
                println!("{name}");
            }
            Vec::new()
        }
        TemplatesAction::Eject { dir } => {
            let mut diagnostics = Vec::new();
            for (name, text) in shipped_templates() {
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
