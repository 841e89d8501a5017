//! Rebuilds on save. The folders that hold the report's files are watched
//! (not the files: an editor that saves by writing a new file and renaming
//! it over the old one, or by deleting and creating, replaces the file a
//! watch would be on). Events are debounced and a burst becomes one build.

use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, new_debouncer};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::COUNCIL_FILE;

use super::build;
use super::state::{Preview, Sender};

/// Editors write a file in one or a few system calls; 40 ms joins them
/// without the author noticing a delay.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// Builds the preview and publishes each result.
pub struct Builder {
    path: PathBuf,
    tx: Sender,
    /// Canonical paths of every file the last build read.
    deps: Vec<PathBuf>,
    /// The diagnostics last printed, so a save that changes nothing in them
    /// does not print them again.
    printed: Vec<Diagnostic>,
    pages: super::print::PageCache,
}

impl Builder {
    pub fn new(path: PathBuf, tx: Sender) -> Self {
        let deps = build::fallback_dependencies(&path);
        Builder {
            path,
            tx,
            deps,
            printed: Vec::new(),
            pages: Default::default(),
        }
    }

    /// Builds both views, publishing the web view first.
    pub fn rebuild(&mut self) {
        let start = Instant::now();
        match build::web(&self.path) {
            Err(errors) => {
                let mut deps = build::fallback_dependencies(&self.path);
                deps.extend(self.deps.iter().cloned());
                self.deps = deps;
                self.publish(|p| {
                    p.errors = errors.clone();
                    p.draft = false;
                    p.print_pending = false;
                    p.web_version += 1;
                    p.print_version += 1;
                });
                self.report(&errors, start, "not updated");
            }
            Ok((web, warnings)) => {
                self.deps = build::dependencies(&web.loaded);
                let web = Arc::new(web);
                let web_ms = start.elapsed().as_millis();
                // The print view is told once, when its pages are ready.
                // A draft's findings stay in the overlay.
                let draft = web.loaded.draft;
                let findings: Vec<Diagnostic> = if draft { warnings.clone() } else { Vec::new() };
                self.publish(|p| {
                    p.web = Some(web.clone());
                    p.errors = findings;
                    p.draft = draft;
                    p.print_pending = true;
                    p.web_version += 1;
                });
                match build::print(&web.loaded, &mut self.pages) {
                    Ok(print) => {
                        let drawn =
                            format!("{} of {} pages drawn", print.redrawn, print.pages.len());
                        let mut all = warnings;
                        all.extend(print.warnings.iter().cloned());
                        self.publish(|p| {
                            p.print = Some(Arc::new(print));
                            p.print_pending = false;
                            p.print_version += 1;
                        });
                        let total = start.elapsed().as_millis();
                        self.report_as(
                            &all,
                            start,
                            &format!("web view {web_ms} ms, print view {total} ms ({drawn})"),
                            draft,
                        );
                    }
                    Err(errors) => {
                        self.publish(|p| {
                            p.errors = errors.clone();
                            p.draft = false;
                            p.print_pending = false;
                            p.web_version += 1;
                            p.print_version += 1;
                        });
                        self.report(&errors, start, "the print view is not updated");
                    }
                }
            }
        }
    }

    fn publish(&self, change: impl FnOnce(&mut Preview)) {
        self.tx.send_modify(|current| {
            let mut next = Preview::clone(current);
            change(&mut next);
            *current = Arc::new(next);
        });
    }

    /// Prints the outcome: the diagnostics (when they changed) and one line.
    fn report(&mut self, diagnostics: &[Diagnostic], start: Instant, what: &str) {
        self.report_as(diagnostics, start, what, false)
    }

    /// As [`Self::report`]; `draft`: the newest version is shown, marked
    /// DRAFT, rather than the last good one.
    fn report_as(&mut self, diagnostics: &[Diagnostic], start: Instant, what: &str, draft: bool) {
        let mut err = std::io::stderr().lock();
        if diagnostics != self.printed.as_slice() {
            for d in diagnostics {
                let _ = writeln!(err, "{d}");
            }
            self.printed = diagnostics.to_vec();
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let when = clock();
        let _ = if errors > 0 && draft {
            writeln!(
                err,
                "[{when}] {errors} error{} in {} ms: {what}; the page shows this version as a DRAFT",
                if errors == 1 { "" } else { "s" },
                start.elapsed().as_millis()
            )
        } else if errors > 0 {
            writeln!(
                err,
                "[{when}] {errors} error{} in {} ms: {what}; the page keeps the last good version",
                if errors == 1 { "" } else { "s" },
                start.elapsed().as_millis()
            )
        } else {
            writeln!(err, "[{when}] updated: {what}")
        };
    }

    /// What to watch now: the folder of each file read, the council's
    /// folder and its `templates/` folder.
    fn targets(&self) -> Targets {
        let mut files = HashSet::new();
        let mut dirs = BTreeSet::new();
        let mut template_dirs = Vec::new();
        for dep in &self.deps {
            let Some(dep) = absolute(dep) else { continue };
            if let Some(dir) = dep.parent() {
                dirs.insert(dir.to_path_buf());
                if dep.file_name() == Some(std::ffi::OsStr::new(COUNCIL_FILE)) {
                    let templates = dir.join("templates");
                    if templates.is_dir() {
                        dirs.insert(templates.clone());
                    }
                    template_dirs.push(key(&templates));
                }
            }
            files.insert(key(&dep));
        }
        Targets {
            files,
            dirs,
            template_dirs,
        }
    }
}

/// The time of day (UTC) for the terminal's lines.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        % 86_400;
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// A path with its folder resolved (symlinks, `..`), so it compares equal
/// to the paths the watcher reports; the file itself may not exist.
fn absolute(path: &Path) -> Option<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = std::fs::canonicalize(dir).ok()?;
    Some(dir.join(path.file_name()?))
}

struct Targets {
    files: HashSet<PathBuf>,
    dirs: BTreeSet<PathBuf>,
    template_dirs: Vec<PathBuf>,
}

impl Targets {
    fn concerns(&self, event: &DebouncedEvent) -> bool {
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        event
            .paths
            .iter()
            .map(|p| key(p))
            .any(|p| self.files.contains(&p) || self.template_dirs.iter().any(|t| p.starts_with(t)))
    }
}

/// `path` as compared with the paths the watcher reports: on Windows
/// without regard to case, as NTFS names are (a report may cite
/// `Appendix.MD` for `appendix.md`, and Word may save either). The saves of
/// Windows editors then all match a watched file: Notepad writes in place
/// (a change), Word writes a temporary file and renames it over the old one
/// (a rename to the file's name).
fn key(path: &Path) -> PathBuf {
    if cfg!(windows) {
        PathBuf::from(path.to_string_lossy().to_lowercase())
    } else {
        path.to_path_buf()
    }
}

/// Watches the report's files and rebuilds on every change, for as long as
/// the process runs. Returns once the first watches are in place.
pub fn spawn(mut builder: Builder) -> Result<(), Diagnostic> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| {
        Diagnostic::error(Code::P100, format!("cannot watch files: {e}"))
            .with_kind(crate::diagnostics::Kind::Io)
    })?;
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut sync = move |targets: &Targets, watched: &mut BTreeSet<PathBuf>| {
        for gone in watched
            .difference(&targets.dirs)
            .cloned()
            .collect::<Vec<_>>()
        {
            let _ = debouncer.unwatch(&gone);
            watched.remove(&gone);
        }
        for dir in &targets.dirs {
            if !watched.contains(dir) && debouncer.watch(dir, RecursiveMode::NonRecursive).is_ok() {
                watched.insert(dir.clone());
            }
        }
    };
    let mut targets = builder.targets();
    sync(&targets, &mut watched);
    std::thread::Builder::new()
        .name("papers-watch".into())
        .spawn(move || {
            while let Ok(first) = rx.recv() {
                // Join everything already queued into this one build.
                let mut batch = vec![first];
                while let Ok(more) = rx.try_recv() {
                    batch.push(more);
                }
                let mut changed = false;
                for result in batch {
                    match result {
                        Ok(events) => {
                            for event in &events {
                                // A watched folder removed takes its watch
                                // with it: watch it again once it is back.
                                if matches!(event.kind, EventKind::Remove(_)) {
                                    for p in &event.paths {
                                        watched.remove(p);
                                    }
                                }
                                changed |= targets.concerns(event);
                            }
                        }
                        Err(errors) => {
                            for e in errors {
                                eprintln!("warning: file watching: {e}");
                            }
                        }
                    }
                }
                if changed {
                    // New folders first (a `templates/` just made), so no
                    // save into them is missed, then again for new files.
                    targets = builder.targets();
                    sync(&targets, &mut watched);
                    builder.rebuild();
                    targets = builder.targets();
                    sync(&targets, &mut watched);
                }
            }
        })
        .map_err(|e| {
            Diagnostic::error(Code::P100, format!("cannot start the file watcher: {e}"))
                .with_kind(crate::diagnostics::Kind::Io)
        })?;
    Ok(())
}
