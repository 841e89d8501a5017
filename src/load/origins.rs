//! Where a value of the context came from: its file and its YAML field's
//! line. Used when an error is raised while a value is typeset, so that it
//! is reported where the author can fix it. Nothing here reads a file: a
//! data path is mapped to a field path and looked up in the positions the
//! decoder recorded ([`crate::load::positions`]), and a body paragraph is
//! placed by the line the numbering found it on.

use std::path::{Path, PathBuf};

use crate::diagnostics::Location;
use crate::enrich::numbering::Body;
use crate::load::positions::{Positions, field_path, item_path};
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

/// A file and the positions of its values.
#[derive(Clone, Copy)]
pub struct Located<'a> {
    pub path: &'a Path,
    pub positions: &'a Positions,
}

impl Located<'_> {
    /// The file, at the value at `path` or, if the file does not have it,
    /// at its nearest ancestor that it has (the file itself at worst).
    fn at(&self, path: &[Seg]) -> (PathBuf, Option<Location>) {
        let prefixes: Vec<String> = (0..=path.len())
            .rev()
            .map(|n| field_path_of(&path[..n]))
            .collect();
        let pos = self.positions.first_of(prefixes.iter().map(String::as_str));
        (
            self.path.to_path_buf(),
            pos.map(|p| Location {
                line: p.line,
                column: p.column,
            }),
        )
    }
}

/// The files behind one report's context.
pub struct ReportOrigins<'a> {
    pub report: Located<'a>,
    pub council: Located<'a>,
    /// The cited trackers, in the order of `report.progress`.
    pub trackers: Vec<Located<'a>>,
    /// The numbered body, to find a paragraph's line inside `body`.
    pub body: &'a Body,
}

impl Origins for ReportOrigins<'_> {
    fn origin(&self, field: &FieldPath) -> Option<(PathBuf, Option<Location>)> {
        let steps = &field.0;
        match steps.first() {
            Some(Step::Key(k)) if k == "council" => Some(self.council.at(&key_path(&steps[1..]))),
            Some(Step::Key(k)) if k == "report" => self.in_report(&steps[1..]),
            _ => None,
        }
    }
}

impl ReportOrigins<'_> {
    fn in_report(&self, steps: &[Step]) -> Option<(PathBuf, Option<Location>)> {
        let report = &self.report;
        let key = match steps.first() {
            Some(Step::Key(k)) => k.as_str(),
            _ => return Some((report.path.to_path_buf(), None)),
        };
        match key {
            "progress" => {
                let Some(Step::Index(k)) = steps.get(1) else {
                    return Some(report.at(&[Seg::Key("progress")]));
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
                Some(file.at(&within))
            }
            "body" => Some((report.path.to_path_buf(), self.body_line(steps))),
            "meeting_date_long" => Some(report.at(&[Seg::Key("meeting_date")])),
            "is_exempt" => Some(report.at(&[Seg::Key("exempt")])),
            "climate" | "core_purpose" => Some(report.at(&[Seg::Key(key)])),
            _ => Some(report.at(&key_path(steps))),
        }
    }

    /// The line of a body paragraph: the line on which the `body` field's
    /// text starts plus the line the numbering found the paragraph on. So a
    /// paragraph that repeats another is placed at itself, not at the first
    /// copy.
    fn body_line(&self, steps: &[Step]) -> Option<Location> {
        let field = self.report.at(&[Seg::Key("body")]).1;
        let (Some(Step::Index(s)), Some(Step::Index(i))) = (steps.get(2), steps.get(4)) else {
            return field;
        };
        let item = self.body.sections.get(*s)?.items.get(*i)?;
        let first = self.report.positions.text_line("body")?;
        Some(Location {
            line: first + item.line,
            column: 1,
        })
    }
}

/// A step into the YAML.
#[derive(Debug, Clone, Copy)]
enum Seg<'s> {
    Key(&'s str),
    /// From 0, as the context counts.
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

/// The decoder's name for the value at `path`: `recommendations[2]` for
/// the context's `recommendations`, index 1.
fn field_path_of(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        out = match seg {
            Seg::Key(k) => field_path(&out, k),
            Seg::Index(i) => item_path(&out, *i),
        };
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::numbering::number_body;
    use crate::load::decode::{Decode, Decoder};
    use crate::load::yaml::{Node, Value};

    /// Any YAML, read through the decoder only to record its positions.
    struct Tree;

    impl Decode for Tree {
        fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
            match &node.value {
                Value::Map(pairs) => {
                    for (k, v) in pairs {
                        d.decode::<Tree>(v, &field_path(field, k.as_str()?));
                    }
                }
                Value::Seq(items) => {
                    for (i, v) in items.iter().enumerate() {
                        d.decode::<Tree>(v, &item_path(field, i));
                    }
                }
                Value::Scalar { .. } => {}
            }
            Some(Tree)
        }
    }

    fn positions(yaml: &str) -> Positions {
        let root = crate::load::yaml::parse(yaml).unwrap().unwrap();
        let mut d = Decoder::default();
        d.decode::<Tree>(&root, "").unwrap();
        d.take_positions()
    }

    fn k(s: &str) -> Step {
        Step::Key(s.into())
    }

    fn para(section: usize, item: usize) -> Vec<Step> {
        vec![
            k("report"),
            k("body"),
            k("sections"),
            Step::Index(section),
            k("items"),
            Step::Index(item),
            k("markdown"),
        ]
    }

    /// The line each data path is placed at, for a report whose `body` is
    /// `body` (indented under `body: |` on line 3).
    fn body_lines(body: &str, paths: &[Vec<Step>]) -> Vec<Option<usize>> {
        let indented: String = body.lines().map(|l| format!("  {l}\n")).collect();
        let report_positions = positions(&format!("subject: S\nsummary: T\nbody: |\n{indented}"));
        let council_positions = positions("name: C\n");
        let numbered = number_body(body);
        let origins = ReportOrigins {
            report: Located {
                path: Path::new("no/such/folder/r.yaml"),
                positions: &report_positions,
            },
            council: Located {
                path: Path::new("no/such/folder/council.yaml"),
                positions: &council_positions,
            },
            trackers: vec![],
            body: &numbered,
        };
        paths
            .iter()
            .map(|p| {
                origins
                    .origin(&FieldPath(p.clone()))
                    .unwrap()
                    .1
                    .map(|l| l.line)
            })
            .collect()
    }

    #[test]
    fn fields_are_found_without_reading_any_file() {
        // The paths name no file on disk: every line comes from the
        // positions the decoder recorded.
        let report_positions = positions(
            "subject: S\nrecommendations:\n  - one\n  - two\ncosts:\n  revenue: none\nbody: |\n  ## Intro\n  First para.\n\n  Second para.\n",
        );
        let council_positions = positions("name: C\nclearances:\n  legal:\n    officer: O\n");
        let body = number_body("## Intro\nFirst para.\n\nSecond para.\n");
        let report = Path::new("no/such/folder/r.yaml");
        let council = Path::new("no/such/folder/council.yaml");
        let origins = ReportOrigins {
            report: Located {
                path: report,
                positions: &report_positions,
            },
            council: Located {
                path: council,
                positions: &council_positions,
            },
            trackers: vec![],
            body: &body,
        };
        let at = |steps: Vec<Step>| origins.origin(&FieldPath(steps)).unwrap();
        let line = |steps: Vec<Step>| at(steps).1.unwrap().line;
        assert_eq!(line(vec![k("report"), k("subject")]), 1);
        assert_eq!(
            line(vec![k("report"), k("recommendations"), Step::Index(1)]),
            4
        );
        assert_eq!(line(vec![k("report"), k("costs"), k("revenue")]), 6);
        // A value the YAML does not have is placed at its nearest ancestor
        // that it has, and a field it lacks altogether at the file's start.
        assert_eq!(line(vec![k("report"), k("costs"), k("capital")]), 6);
        assert_eq!(
            line(vec![k("report"), k("recommendations"), Step::Index(5)]),
            3
        );
        assert_eq!(line(vec![k("report"), k("portfolio")]), 1);
        assert_eq!(line(para(0, 0)), 9);
        assert_eq!(line(para(0, 1)), 11);
        assert_eq!(at(vec![k("council"), k("name")]).0, council);
        assert_eq!(
            line(vec![
                k("council"),
                k("clearances"),
                k("legal"),
                k("officer")
            ]),
            4
        );
        assert_eq!(at(vec![k("report"), k("subject")]).0, report);
    }

    #[test]
    fn a_repeated_paragraph_is_placed_at_its_own_copy() {
        // Line 4 is `## Intro`; the copies are on lines 6 and 8.
        let lines = body_lines(
            "## Intro\n\nThe same words.\n\nThe same words.\n",
            &[para(0, 0), para(0, 1)],
        );
        assert_eq!(lines, vec![Some(6), Some(8)]);
    }

    #[test]
    fn paragraphs_that_start_alike_are_placed_apart() {
        // The second paragraph's first line is the first's whole text.
        let lines = body_lines(
            "## A\n\nSame start.\n\n## B\n\nSame start.\nThen more.\n",
            &[para(0, 0), para(1, 0)],
        );
        assert_eq!(lines, vec![Some(6), Some(10)]);
    }
}
