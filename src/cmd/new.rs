//! `papers new report|meeting|progress PATH`: a commented skeleton,
//! written only where no file is; for a report of a council with its own
//! house style, that council's report schema beside its `council.yaml`.

use std::path::Path;

use committee_papers::diagnostics::{Code, Diagnostic, Severity};
use committee_papers::output::{write_atomic, write_new};
use committee_papers::scaffold;

pub fn run(kind: &str, path: &Path) -> Vec<Diagnostic> {
    let skeleton = match scaffold::skeleton(kind, path) {
        Ok(s) => s,
        Err(e) => return vec![e],
    };
    if let Err(e) = write_new(path, skeleton.text.as_bytes()) {
        return vec![e];
    }
    eprintln!(
        "wrote {}: fill in the TODOs, then run `papers check` on it",
        path.display()
    );
    let mut diagnostics = Vec::new();
    if let Some((schema_path, text)) = skeleton.schema {
        // Ours (an earlier `papers new`) is brought up to date; a file of
        // the council's own is never replaced.
        let ours = |old: &str| old.contains("\"title\": \"A report to a committee of ");
        let write = match std::fs::read(&schema_path) {
            Ok(old) => old != text.as_bytes() && std::str::from_utf8(&old).is_ok_and(ours),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        let unchanged = std::fs::read(&schema_path).is_ok_and(|old| old == text.as_bytes());
        if write {
            match write_atomic(&schema_path, text.as_bytes()) {
                Ok(()) => eprintln!(
                    "wrote {}: the council's fields, for editors",
                    schema_path.display()
                ),
                Err(e) => diagnostics.push(e.with_severity(Severity::Warning)),
            }
        } else if !unchanged {
            diagnostics.push(
                Diagnostic::warning(
                    Code::P111,
                    format!(
                        "{} is not a schema `papers new` wrote: left as it is",
                        schema_path.display()
                    ),
                )
                .with_hint("move it aside, or write the council's schema elsewhere with `papers schema report --council council.yaml > FILE`"),
            );
        }
    }
    diagnostics
}
