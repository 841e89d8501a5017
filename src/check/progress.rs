//! Progress markers in the body must match the trackers the report cites.

use super::at;
use crate::diagnostics::Diagnostic;
use crate::enrich::numbering::{Body, progress_markers};
use crate::model::Report;

pub fn check(report: &Report, body: &Body, out: &mut Vec<Diagnostic>) {
    let markers = progress_markers(body);
    let cited = report.progress.len();
    for &m in &markers {
        if m >= cited {
            out.push(at(
                Diagnostic::error(format!(
                    "the body places progress tracker {} but the report cites {cited}",
                    m + 1
                ))
                .with_code("P312")
                .with_hint(
                    "list the tracker under `progress:`, or fix the number in `{{ progress N }}`",
                ),
                report.positions.body,
            ));
        }
    }
    for (i, path) in report.progress.iter().enumerate() {
        if !markers.contains(&i) {
            out.push(at(
                Diagnostic::warning(format!(
                    "progress tracker `{path}` is cited but the body does not place it"
                ))
                .with_code("P314")
                .with_hint(if i == 0 {
                    "put `{{ progress }}` on a line of its own where the table should go".to_string()
                } else {
                    format!("put `{{{{ progress {} }}}}` on a line of its own where the table should go", i + 1)
                }),
                report.positions.progress,
            ));
        }
    }
}
