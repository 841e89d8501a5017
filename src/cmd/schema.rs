//! `papers schema KIND`: the JSON Schema of a kind of file, for editors.
//! A report's schema includes the council's own fields when a
//! `council.yaml` is given or found above the current folder.

use std::path::Path;

use committee_papers::diagnostics::Diagnostic;
use committee_papers::{load, schema};

pub fn run(kind: &str, council: Option<&Path>) -> Vec<Diagnostic> {
    if kind == "report" {
        let path = match council {
            Some(path) => Some(path.to_path_buf()),
            // `find_council` looks from a file's folder: a file here.
            None => load::find_council(Path::new("report.yaml")).ok(),
        };
        if let Some(path) = path {
            match load::load_council(&path) {
                Ok(council) => {
                    print!("{}", schema::report_of(&council));
                    return Vec::new();
                }
                Err(errors) => return errors,
            }
        }
    }
    print!("{}", schema::generate(kind).unwrap_or_default());
    Vec::new()
}
