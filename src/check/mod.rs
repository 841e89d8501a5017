//! Check: domain rules over a loaded report. Errors stop a render; warnings
//! are printed and the render goes on. One module per family of rules; every
//! finding carries a stable code ([`rules`]) that a council can set to
//! error, warning or off in `council.yaml`.

mod appendices;
mod content;
mod council_lists;
mod dates;
mod locate;
mod progress;
pub mod prose;
pub mod rules;
pub mod source;
mod statutory;

pub use statutory::asks_for_decision;

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};
use crate::enrich::numbering::Body;
use crate::load::Source;
use crate::load::yaml::Pos;
use crate::model::council::RuleSettings;
use crate::model::{Council, Report};
use crate::prose::{FieldPath, Step};

/// What a source file is, for the rules over its own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Report,
    Tracker,
    Meeting,
}

/// The rules over what the author wrote in one file (its text and YAML
/// tree), with the council's settings applied: a TODO left in a field
/// (P300) in every kind of file; a weekday that is not its date's (P305)
/// in a report or meeting; appendices (P307, P308), background papers
/// (P309), the implementation date (P310) and the Markdown (P315, P316) in
/// a report; due dates (P311) in a tracker. Diagnostics carry positions but
/// no file.
pub fn check_source(kind: SourceKind, source: &Source, settings: &RuleSettings) -> Vec<Diagnostic> {
    let (root, text) = (&source.root, source.text.as_str());
    let mut found = Vec::new();
    source::todo_rule(root, &mut found);
    match kind {
        SourceKind::Report => {
            source::weekday_rule(text, &mut found);
            source::appendix_rule(text, root, &mut found);
            source::background_rule(root, &mut found);
            source::implementation_rule(root, &mut found);
            found.extend(prose::check(
                root,
                FieldPath(vec![Step::Key("report".into())]),
            ));
        }
        SourceKind::Tracker => source::due_date_rule(root, &mut found),
        SourceKind::Meeting => source::weekday_rule(text, &mut found),
    }
    rules::apply(found, settings)
}

/// The Markdown rules (P315, P316) over the k-th tracker a report cites,
/// whose items sit at `report.progress[k]` in the data.
pub fn check_cited_tracker(k: usize, source: &Source, settings: &RuleSettings) -> Vec<Diagnostic> {
    let prefix = FieldPath(vec![
        Step::Key("report".into()),
        Step::Key("progress".into()),
        Step::Index(k),
    ]);
    rules::apply(prose::check(&source.root, prefix), settings)
}

/// A finding on a field of `file` that still says TODO is about an
/// unfinished field: P300 says so once, and the rest waits until it is
/// filled in. Findings without a file are taken to be in `file`.
pub fn leave_unfinished_to_p300(
    mut out: Vec<Diagnostic>,
    file: &Path,
    source: &Source,
) -> Vec<Diagnostic> {
    let unfinished = source::unfinished_positions(&source.root);
    if unfinished.is_empty() {
        return out;
    }
    out.retain(|d| {
        d.code == Code::P300
            || d.file.as_deref().is_some_and(|f| f != file)
            || !d.location.is_some_and(|l| {
                unfinished.contains(&Pos {
                    line: l.line,
                    column: l.column,
                })
            })
    });
    out
}

/// A file that does not decode: the TODOs left in it, and the errors that
/// are not about a field still saying TODO (a skeleton's `meeting_date:
/// TODO` is one unfinished field, not also a bad date).
pub fn todos_first(errors: Vec<Diagnostic>, file: &Path, source: &Source) -> Vec<Diagnostic> {
    let mut todos = Vec::new();
    source::todo_rule(&source.root, &mut todos);
    let todos = todos.into_iter().map(|d| d.in_file(file));
    let all = todos.chain(errors).collect();
    leave_unfinished_to_p300(all, file, source)
}

/// Every rule over `report` (and its numbered `body`), with the council's
/// rule settings applied; diagnostics carry positions but no file.
pub fn check_report(report: &Report, council: &Council, body: &Body) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    council_lists::check(report, council, &mut out);
    statutory::check(report, council, &mut out);
    content::check(report, &mut out);
    progress::check(report, body, &mut out);
    let style = council
        .style(report.style.as_deref())
        .unwrap_or_else(|| crate::model::style::HouseStyle::builtin());
    for id in &report.unshown {
        let mut d = Diagnostic::warning(
            crate::diagnostics::Code::P126,
            format!("`{id}` is given but the house style neither shows it nor checks it"),
        )
        .with_hint("remove it from the report, or place it in council.yaml's house style (`header` or `sections`)");
        if let Some(pos) = report.positions.get(id) {
            d = d.at(pos.line, pos.column);
        }
        out.push(d);
    }
    let mut out = rules::apply(out, &council.rules);
    leave_out_parts_not_shown(&mut out, style);
    out
}

/// A rule about a part the style leaves out does not run: its findings
/// (from the model or from the source text) are dropped.
pub fn leave_out_parts_not_shown(
    found: &mut Vec<Diagnostic>,
    style: &crate::model::style::HouseStyle,
) {
    found.retain(|d| rules::part_of(d.code).is_none_or(|part| style.places(part)));
}

/// Rules over the trackers a report cites, in their own files.
pub fn check_trackers(trackers: &[crate::load::CitedTracker]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    progress::check_periods(trackers, &mut out);
    out
}
