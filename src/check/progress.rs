//! Progress markers in the body must match the trackers the report cites.

use super::locate::at;
use crate::diagnostics::{Code, Diagnostic};
use crate::enrich::numbering::{Body, progress_markers};
use crate::load::CitedTracker;
use crate::model::Report;
use crate::model::progress::Tracker;

pub fn check(report: &Report, body: &Body, out: &mut Vec<Diagnostic>) {
    let markers = progress_markers(body);
    let cited = report.progress.len();
    for &m in &markers {
        if m >= cited {
            out.push(at(
                Diagnostic::error(
                    Code::P312,
                    format!(
                        "the body places progress tracker {} but the report cites {cited}",
                        m + 1
                    ),
                )
                .with_hint(
                    "list the tracker under `progress:`, or fix the number in `{{ progress N }}`",
                ),
                report.positions.get("body"),
            ));
        }
    }
    for (i, path) in report.progress.iter().enumerate() {
        if !markers.contains(&i) {
            out.push(at(
                Diagnostic::warning(Code::P314, format!(
                    "progress tracker `{path}` is cited but the body does not place it"
                ))
                .with_hint(if i == 0 {
                    "put `{{ progress }}` on a line of its own where the table should go".to_string()
                } else {
                    format!("put `{{{{ progress {} }}}}` on a line of its own where the table should go", i + 1)
                }),
                report.positions.get("progress"),
            ));
        }
    }
}

/// Each cited tracker against its previous period: refs that appear in one
/// but not the other are named (a renamed ref looks like one of each).
pub fn check_periods(trackers: &[CitedTracker], out: &mut Vec<Diagnostic>) {
    for cited in trackers {
        let (Some(previous), Some(rel)) = (&cited.previous, &cited.tracker.previous) else {
            continue;
        };
        if let Some(w) = compare_refs(&cited.tracker, previous, rel) {
            out.push(at(
                w.in_file(&cited.path),
                cited.tracker.positions.get("previous"),
            ));
        }
    }
}

/// A warning naming the refs that are in one period but not the other.
fn compare_refs(current: &Tracker, previous: &Tracker, prev_rel: &str) -> Option<Diagnostic> {
    let has = |t: &Tracker, r: &str| t.items.iter().any(|i| i.reference == r);
    let added: Vec<&str> = current
        .items
        .iter()
        .map(|i| i.reference.as_str())
        .filter(|r| !has(previous, r))
        .collect();
    let removed: Vec<&str> = previous
        .items
        .iter()
        .map(|i| i.reference.as_str())
        .filter(|r| !has(current, r))
        .collect();
    if added.is_empty() && removed.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("new since `{prev_rel}`: {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("no longer tracked: {}", removed.join(", ")));
    }
    Some(
        Diagnostic::warning(
            Code::P313,
            format!(
                "the refs differ from the previous period's ({})",
                parts.join("; ")
            ),
        )
        .with_hint("new items show as \"New\"; check that a renamed ref was meant"),
    )
}
