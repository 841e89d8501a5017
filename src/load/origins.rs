//! Where a value of the context came from: its file and its YAML field's
//! line. Used when an error is raised while a value is typeset, so that it
//! is reported where the author can fix it. The YAML is read again only
//! then: the common path never pays for it.

use std::path::{Path, PathBuf};

use crate::diagnostics::Location;
use crate::enrich::numbering::Body;
use crate::load::yaml::{Node, Value};
use crate::prose::{FieldPath, Step};

/// Where a value of the data came from: the file and, when known, the line
/// of its YAML field. Errors raised while typesetting a field are reported
/// there.
pub trait Origins {
    fn origin(&self, field: &FieldPath) -> Option<(PathBuf, Option<Location>)>;
}

/// No origins known: errors name the field of the data instead.
pub struct NoOrigins;

impl Origins for NoOrigins {
    fn origin(&self, _: &FieldPath) -> Option<(PathBuf, Option<Location>)> {
        None
    }
}

/// The files behind one report's context.
pub struct ReportOrigins<'a> {
    pub report: &'a Path,
    pub council: &'a Path,
    /// The cited trackers' files, in the order of `report.progress`.
    pub trackers: Vec<&'a Path>,
    /// The numbered body, to find a paragraph's line inside `body`.
    pub body: &'a Body,
}

impl Origins for ReportOrigins<'_> {
    fn origin(&self, field: &FieldPath) -> Option<(PathBuf, Option<Location>)> {
        let steps = &field.0;
        match steps.first() {
            Some(Step::Key(k)) if k == "council" => Some((
                self.council.to_path_buf(),
                locate(self.council, &key_path(&steps[1..])),
            )),
            Some(Step::Key(k)) if k == "report" => self.in_report(&steps[1..]),
            _ => None,
        }
    }
}

impl ReportOrigins<'_> {
    fn in_report(&self, steps: &[Step]) -> Option<(PathBuf, Option<Location>)> {
        let report = self.report.to_path_buf();
        let key = match steps.first() {
            Some(Step::Key(k)) => k.as_str(),
            _ => return Some((report, None)),
        };
        match key {
            "progress" => {
                let Some(Step::Index(k)) = steps.get(1) else {
                    return Some((report.clone(), locate(&report, &[Seg::Key("progress")])));
                };
                let file = self.trackers.get(*k)?;
                let within: Vec<Seg> = match (steps.get(2), steps.get(3), steps.get(4)) {
                    (Some(Step::Key(items)), Some(Step::Index(m)), field) if items == "items" => {
                        let name = match field {
                            Some(Step::Key(f)) => tracker_field(f),
                            _ => "ref",
                        };
                        vec![Seg::Key("items"), Seg::Index(*m), Seg::Key(name)]
                    }
                    _ => vec![Seg::Key("title")],
                };
                Some((file.to_path_buf(), locate(file, &within)))
            }
            "body" => Some((report.clone(), self.body_line(steps))),
            "meeting_date_long" => {
                Some((report.clone(), locate(&report, &[Seg::Key("meeting_date")])))
            }
            "is_exempt" => Some((report.clone(), locate(&report, &[Seg::Key("exempt")]))),
            "climate" | "core_purpose" => Some((report.clone(), locate(&report, &[Seg::Key(key)]))),
            _ => Some((report.clone(), locate(&report, &key_path(steps)))),
        }
    }

    /// The line of a body paragraph: the `body` field's first line plus the
    /// paragraph's line within the Markdown.
    fn body_line(&self, steps: &[Step]) -> Option<Location> {
        let field = locate(self.report, &[Seg::Key("body")]);
        let (Some(Step::Index(s)), Some(Step::Index(i))) = (steps.get(2), steps.get(4)) else {
            return field;
        };
        let item = self.body.sections.get(*s)?.items.get(*i)?;
        let source = std::fs::read_to_string(self.report).ok()?;
        let root = crate::load::yaml::parse(&source).ok()??;
        let node = root.get("body")?;
        let text = node.as_str()?;
        let first_line = item.markdown.lines().find(|l| !l.trim().is_empty())?;
        let offset = text.find(first_line.trim())?;
        let lines_in = text[..offset].matches('\n').count();
        // A block scalar (`body: |`) starts on the line after its indicator.
        let indicator_line = source.lines().nth(node.pos.line - 1).unwrap_or_default();
        let block = indicator_line.trim_end().ends_with(['|', '>', '-', '+'])
            && matches!(node.value, Value::Scalar { plain: false, .. });
        Some(Location {
            line: node.pos.line + lines_in + usize::from(block),
            column: 1,
        })
    }
}

/// A step into the YAML.
#[derive(Debug, Clone, Copy)]
enum Seg<'s> {
    Key(&'s str),
    Index(usize),
}

fn key_path(steps: &[Step]) -> Vec<Seg<'_>> {
    steps
        .iter()
        .map(|s| match s {
            Step::Key(k) => Seg::Key(k.as_str()),
            Step::Index(i) => Seg::Index(*i),
        })
        .collect()
}

/// A tracker item's context field → its YAML key.
fn tracker_field(field: &str) -> &'static str {
    match field {
        "action" => "action",
        "owner" => "owner",
        "update" => "update",
        "evidence" => "evidence",
        "due_long" | "due" => "due",
        "status" | "rag" | "status_key" => "status",
        _ => "ref",
    }
}

/// The line and column of the deepest node along `path` in `file`.
fn locate(file: &Path, path: &[Seg]) -> Option<Location> {
    let source = std::fs::read_to_string(file).ok()?;
    let root = crate::load::yaml::parse(&source).ok()??;
    let mut node: &Node = &root;
    for seg in path {
        let next = match (seg, &node.value) {
            (Seg::Key(k), Value::Map(_)) => node.get(k),
            (Seg::Index(i), Value::Seq(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    Some(Location {
        line: node.pos.line,
        column: node.pos.column,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::numbering::number_body;

    #[test]
    fn fields_are_found_in_the_yaml() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.yaml");
        std::fs::write(
            &report,
            "subject: S\nrecommendations:\n  - one\n  - two\ncosts:\n  revenue: none\nbody: |\n  ## Intro\n  First para.\n\n  Second para.\n",
        )
        .unwrap();
        let body = number_body("## Intro\nFirst para.\n\nSecond para.\n");
        let council = dir.path().join("council.yaml");
        std::fs::write(&council, "name: C\n").unwrap();
        let origins = ReportOrigins {
            report: &report,
            council: &council,
            trackers: vec![],
            body: &body,
        };
        let at = |steps: Vec<Step>| origins.origin(&FieldPath(steps)).unwrap();
        let k = |s: &str| Step::Key(s.into());
        let line = |steps: Vec<Step>| at(steps).1.unwrap().line;
        assert_eq!(line(vec![k("report"), k("subject")]), 1);
        assert_eq!(
            line(vec![k("report"), k("recommendations"), Step::Index(1)]),
            4
        );
        assert_eq!(line(vec![k("report"), k("costs"), k("revenue")]), 6);
        let para = |i| {
            vec![
                k("report"),
                k("body"),
                k("sections"),
                Step::Index(0),
                k("items"),
                Step::Index(i),
                k("markdown"),
            ]
        };
        assert_eq!(line(para(0)), 9);
        assert_eq!(line(para(1)), 11);
        assert_eq!(at(vec![k("council"), k("name")]).0, council);
    }
}
