//! `papers new report|meeting|progress PATH`: a commented skeleton,
//! written only where no file is.

use std::path::Path;

use committee_papers::diagnostics::Diagnostic;
use committee_papers::output::write_new;
use committee_papers::scaffold;

pub fn run(kind: &str, path: &Path) -> Vec<Diagnostic> {
    match scaffold::skeleton(kind, path).and_then(|text| write_new(path, text.as_bytes())) {
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
