//! `papers new report|meeting|progress PATH`: a commented skeleton.

use std::path::Path;

use committee_papers::diagnostics::Diagnostic;
use committee_papers::scaffold;

pub fn run(kind: &str, path: &Path) -> Vec<Diagnostic> {
    match scaffold::create(kind, path) {
        Ok(()) => {
            eprintln!(
                "wrote {}: fill in the TODOs, then run `papers check` on it",
                path.display()
            );
            Vec::new()
        }
        Err(e) => vec![e],
    }
}
