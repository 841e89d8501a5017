//! Check: domain rules over a loaded report. Errors stop a render; warnings
//! are printed and the render goes on. One module per family of rules; every
//! finding carries a stable code ([`rules`]) that a council can set to
//! error, warning or off in `council.yaml`.

mod content;
mod council_lists;
mod locate;
mod progress;
pub mod prose;
pub mod rules;
pub mod source;
mod statutory;

pub use statutory::asks_for_decision;

use crate::diagnostics::Diagnostic;
use crate::enrich::numbering::Body;
use crate::model::{Council, Report};

/// Every rule over `report` (and its numbered `body`), with the council's
/// rule settings applied; diagnostics carry positions but no file.
pub fn check_report(report: &Report, council: &Council, body: &Body) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    council_lists::check(report, council, &mut out);
    statutory::check(report, council, &mut out);
    content::check(report, &mut out);
    progress::check(report, body, &mut out);
    rules::apply(out, &council.rules)
}

/// Rules over the trackers a report cites, in their own files.
pub fn check_trackers(trackers: &[crate::load::CitedTracker]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    progress::check_periods(trackers, &mut out);
    out
}
