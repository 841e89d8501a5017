//! The subcommands, one module each; `main.rs` parses the arguments and
//! dispatches here. Each returns the diagnostics to print (or its exit code).

pub mod check;
pub mod import;
pub mod new;
pub mod pack;
pub mod render;
pub mod schema;
pub mod serve;
pub mod templates;

use std::io::{IsTerminal, Write};

use committee_papers::diagnostics::{Code, Diagnostic};
use indicatif::{ProgressBar, ProgressStyle};

pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    // Buffered: stderr is unbuffered, and a diagnostic is a dozen pieces.
    let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
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
    let _ = stderr.flush();
}

/// Runs `f` with `jobs` threads; without `--jobs`, rayon's default (every
/// core, or `RAYON_NUM_THREADS`). The setting sizes rayon's global pool,
/// where Typst runs its own parallel work, and so also the number of
/// reports typeset side by side ([`committee_papers::parallel`]).
pub fn with_jobs(jobs: Option<u16>, f: impl FnOnce() -> Vec<Diagnostic> + Send) -> Vec<Diagnostic> {
    let Some(n) = jobs else { return f() };
    committee_papers::parallel::set_threads(usize::from(n));
    match rayon::ThreadPoolBuilder::new()
        .num_threads(usize::from(n))
        .build_global()
    {
        Ok(()) => f(),
        Err(e) => vec![
            Diagnostic::error(Code::P111, format!("cannot start {n} threads: {e}"))
                .with_kind(committee_papers::diagnostics::Kind::Io),
        ],
    }
}

/// A progress bar on stderr, only when it is a terminal and not `--quiet`.
pub fn progress(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}
