//! `papers schema KIND`: the JSON Schema of a kind of file, for editors.

use committee_papers::diagnostics::Diagnostic;
use committee_papers::schema;

pub fn run(kind: &str) -> Vec<Diagnostic> {
    print!("{}", schema::generate(kind).unwrap_or_default());
    Vec::new()
}
