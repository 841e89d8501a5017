//! Check: domain rules over a loaded report. Errors stop a render; warnings
//! are printed and the render goes on. One module per family of rules.

mod council_lists;
mod progress;
mod statutory;

use crate::diagnostics::Diagnostic;
use crate::model::{Council, Report};
use crate::yaml::Pos;

/// Every rule over `report`; diagnostics carry positions but no file.
pub fn check_report(report: &Report, council: &Council) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    council_lists::check(report, council, &mut out);
    statutory::check(report, council, &mut out);
    progress::check(report, &mut out);
    out
}

fn at(d: Diagnostic, pos: Option<Pos>) -> Diagnostic {
    match pos {
        Some(p) => d.at(p.line, p.column),
        None => d,
    }
}
