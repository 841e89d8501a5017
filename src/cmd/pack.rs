//! `papers pack`: a meeting's agenda, reports pack, supplement and manifest.

use std::path::{Path, PathBuf};

use committee_papers::diagnostics::Diagnostic;

use super::progress;

pub fn run(meeting: &Path, out: Option<PathBuf>, quiet: bool) -> Vec<Diagnostic> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    // The meeting's council is its reports' council; a pack makes every
    // default format (Word only on request).
    committee_papers::pipeline::warm_up(meeting, &committee_papers::render::Format::ALL);
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
