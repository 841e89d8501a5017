//! `papers new report|meeting|progress PATH`: a commented skeleton beside the
//! nearest `council.yaml`, with every field present, a one-line note on
//! each, and the council's committees, wards, core purposes and clearance
//! prefixes filled in. What the author must write says `TODO`, which
//! `papers check` reports (P300) until it is filled in.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Kind};
use crate::load;
use crate::model::Council;

mod report;

/// What `papers new` can write.
pub const KINDS: &[&str] = &["report", "meeting", "progress"];

/// A YAML scalar for `text`: plain when that reads back the same, else
/// double-quoted (a JSON string is a valid YAML double-quoted scalar).
pub(crate) fn scalar(text: &str) -> String {
    let risky = text.is_empty()
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        || text.ends_with(' ')
        || crate::load::decode::parse_yes_no(text).is_some()
        || text.eq_ignore_ascii_case("null")
        || text == "~"
        || looks_like_number_or_date(text);
    if risky {
        serde_json::to_string(text).expect("a string serialises")
    } else {
        text.to_string()
    }
}

/// Text a YAML reader takes for a number, a date or a time when plain
/// ("6", "1.5", "0x1F", "2024-09-12", "12:30"): quoted, it stays text.
fn looks_like_number_or_date(text: &str) -> bool {
    text.parse::<f64>().is_ok()
        || text.starts_with(|c: char| c.is_ascii_digit() || ".+-".contains(c))
            && text
                .chars()
                .all(|c| c.is_ascii_hexdigit() || "xXoO._+-:".contains(c))
}

/// `# a; b; c` comment lines of at most ~90 characters, listing `items`.
fn listed(prefix: &str, items: &[String]) -> String {
    let mut out = String::new();
    let mut line = format!("#   {prefix}");
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 == items.len() {
            item.clone()
        } else {
            format!("{item}; ")
        };
        if line.len() + piece.len() > 90 && line.trim() != "#" {
            out.push_str(line.trim_end());
            out.push('\n');
            line = "#   ".to_string();
        }
        line.push_str(&piece);
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// The modeline (when there is a schema to name) and the line saying what
/// the file is and what to do with it.
fn opening(modeline: Option<&str>, what: &str) -> String {
    let mut s = String::new();
    if let Some(m) = modeline {
        s.push_str(&format!("# yaml-language-server: $schema={m}\n"));
    }
    s.push_str(&format!(
        "# {what}. Write every TODO; `papers check` on this file lists the ones left.\n"
    ));
    s
}

/// `committee: TODO`, after the council's committees to choose from.
fn committee_field(council: &Council) -> String {
    let mut s = String::new();
    if !council.committees.is_empty() {
        s.push_str("# The committee, one of:\n");
        s.push_str(&listed("", &council.committees));
    }
    s.push_str("committee: TODO\n");
    s
}

/// The report skeleton for `council`, in its default house style.
pub fn report(council: &Council, modeline: Option<&str>) -> String {
    let style = council
        .style(None)
        .expect("a council always has a default style");
    let mut s = opening(
        modeline,
        &format!("A report to a committee of {}", council.name),
    );
    s.push_str(&report::report(council, style));
    s
}

/// The meeting skeleton for `council`: the usual opening items, and a
/// commented report item to copy for each report on the agenda.
pub fn meeting(council: &Council, modeline: Option<&str>) -> String {
    let mut s = opening(
        modeline,
        &format!(
            "A meeting of a committee of {}: its agenda, in order",
            council.name
        ),
    );
    s.push_str("# Build the pack with: papers pack THIS-FILE.yaml\n");
    s.push_str(&committee_field(council));
    s.push_str("date: TODO  # YYYY-MM-DD\n");
    s.push_str("time: TODO  # the start time, 24-hour: \"18:30\"\n");
    s.push_str("venue: TODO  # the room and the building's address\n");
    s.push_str("membership:\n");
    s.push_str("  chair: TODO  # Councillor ...\n");
    s.push_str("  vice_chair: \"\"  # may stay empty\n");
    s.push_str("  members:  # one line each, in the order the front sheet lists them\n");
    s.push_str("    - TODO\n");
    s.push_str("  substitutes: []  # named substitute members, if any\n");
    s.push_str("clerk:  # who answers questions about the meeting\n");
    s.push_str("  name: TODO  # the clerk, or Democratic Services\n");
    s.push_str("  telephone: \"\"  # may stay empty\n");
    s.push_str("  email: TODO\n");
    s.push_str("webcast:  # optional: the webcast's web address\n");
    s.push_str("papers_url:  # optional: where the papers are published on the web\n");
    s.push_str(&format!(
        "published:  # the date the pack is published, YYYY-MM-DD (empty: today); {} clear working days before the meeting\n",
        council.pack.clear_days
    ));
    s.push_str("short_notice:  # only if published later than that: the reason\n");
    s.push_str("# The agenda items in order: `- title: ...` (with optional `text:` and `file:`)\n");
    s.push_str("# or `- report: path.yaml` (relative to this file).\n");
    s.push_str("items:\n");
    s.push_str("  - title: Apologies for absence\n");
    s.push_str("  - title: Declarations of interest\n");
    s.push_str("    text: >-\n");
    s.push_str("      Members are requested at a meeting where a disclosable pecuniary interest or personal interest arises, which is not already included in their Register of Members' Interests, to declare any interests that relate to an item on the agenda.\n");
    s.push_str("  - title: Minutes of the previous meeting\n");
    s.push_str("    text: TODO  # Minutes of the meeting held on ...\n");
    s.push_str("    # file: minutes/previous.md  # optional: the minutes, as PDF or Markdown\n");
    s.push_str("  # - report: ../my-report.yaml  # one line for each report, in agenda order\n");
    s
}

/// The progress tracker skeleton.
pub fn progress(modeline: Option<&str>) -> String {
    let mut s = opening(modeline, "A progress tracker");
    s.push_str("title: TODO  # what is tracked\n");
    s.push_str("as_at: TODO  # the date the updates describe, YYYY-MM-DD\n");
    s.push_str("previous:  # optional: last period's tracker file, relative to this one\n");
    s.push_str("items:\n");
    s.push_str("  - ref: TODO  # a short reference, unique here: R1\n");
    s.push_str("    action: TODO  # the action or recommendation\n");
    s.push_str("    owner: TODO  # who is responsible (a post)\n");
    s.push_str("    due: TODO  # YYYY-MM-DD\n");
    s.push_str("    status: TODO  # not started, on track, at risk, off track or complete\n");
    s.push_str("    update: TODO  # progress this period (Markdown)\n");
    s.push_str("    evidence:  # optional: evidence of progress\n");
    s
}

/// `to` relative to the folder `from`, both absolute.
fn relative(to: &Path, from: &Path) -> PathBuf {
    let to: Vec<Component> = to.components().collect();
    let from: Vec<Component> = from.components().collect();
    let common = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for c in &to[common..] {
        out.push(c);
    }
    out
}

/// The modeline target: `schema/KIND.schema.json` in the council's folder
/// or a folder above it, relative to the new file's folder.
fn find_schema(kind: &str, council_dir: &Path, file_dir: &Path) -> Option<String> {
    let schema_kind = if kind == "progress" { "progress" } else { kind };
    let file_dir = file_dir.canonicalize().ok()?;
    council_dir
        .canonicalize()
        .ok()?
        .ancestors()
        .find_map(|dir| {
            let candidate = dir
                .join("schema")
                .join(crate::schema::file_name(schema_kind));
            candidate.is_file().then(|| {
                relative(&candidate, &file_dir)
                    .to_string_lossy()
                    .replace('\\', "/")
            })
        })
}

/// What `papers new` writes: the skeleton, and for a report of a council
/// with its own house style, that council's report schema beside its
/// `council.yaml` (the skeleton's modeline names it).
pub struct Skeleton {
    pub text: String,
    pub schema: Option<(PathBuf, String)>,
}

/// The file name of a council's own report schema, beside its
/// `council.yaml`.
pub const COUNCIL_REPORT_SCHEMA: &str = "report.schema.json";

/// The schema modeline's target for a new file of `kind` in `file_dir`.
pub fn modeline(kind: &str, council_dir: &Path, file_dir: &Path) -> Option<String> {
    find_schema(kind, council_dir, file_dir)
}

/// The skeleton of `kind` for a file at `path`, filled in from the
/// nearest `council.yaml` (the caller writes it, never over a file).
pub fn skeleton(kind: &str, path: &Path) -> Result<Skeleton, Diagnostic> {
    let council_path = load::find_council(path)?;
    let council_dir = council_path.parent().unwrap_or(Path::new("."));
    let file_dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let modeline = find_schema(kind, council_dir, file_dir);
    let council = || load::load_council(&council_path).map_err(|mut e| e.remove(0));
    let skeleton = match kind {
        "report" => {
            let council = council()?;
            if council.house_styles.is_empty() {
                Skeleton {
                    text: report(&council, modeline.as_deref()),
                    schema: None,
                }
            } else {
                let schema_path = council_dir.join(COUNCIL_REPORT_SCHEMA);
                let modeline = match (council_dir.canonicalize(), file_dir.canonicalize()) {
                    (Ok(c), Ok(f)) => relative(&c.join(COUNCIL_REPORT_SCHEMA), &f)
                        .to_string_lossy()
                        .replace('\\', "/"),
                    _ => schema_path.to_string_lossy().replace('\\', "/"),
                };
                Skeleton {
                    text: report(&council, Some(&modeline)),
                    schema: Some((schema_path, crate::schema::report_for(&council))),
                }
            }
        }
        "meeting" => Skeleton {
            text: meeting(&council()?, modeline.as_deref()),
            schema: None,
        },
        "progress" => Skeleton {
            text: progress(modeline.as_deref()),
            schema: None,
        },
        other => {
            return Err(Diagnostic::error(
                Code::P111,
                format!("`papers new` cannot write a {other}"),
            )
            .with_kind(Kind::Io)
            .with_hint(format!("use one of: {}", KINDS.join(", "))));
        }
    };
    Ok(skeleton)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_when_needed() {
        assert_eq!(scalar("Cleaner Greener"), "Cleaner Greener");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("No"), "\"No\"");
        assert_eq!(scalar("- x"), "\"- x\"");
        // An agenda item's number is text: quoted so that it reads back so.
        assert_eq!(scalar("6"), "\"6\"");
        assert_eq!(scalar("2024-09-12"), "\"2024-09-12\"");
        assert_eq!(scalar("6A Housing"), "6A Housing");
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("/a/schema/r.json"), Path::new("/a/reports/x")),
            PathBuf::from("../../schema/r.json")
        );
    }

    #[test]
    fn the_skeleton_is_yaml_with_every_report_field() {
        let council = load::parse_council(
            "name: Test\ncore_purposes: [A one, 'B: two']\ncommittees: [Cabinet]\n",
        )
        .unwrap();
        let text = report(&council, None);
        let root = crate::load::yaml::parse(&text).unwrap().unwrap();
        for key in [
            "committee",
            "meeting_date",
            "subject",
            "report_of",
            "wards",
            "portfolio",
            "key_decision",
            "forward_plan",
            "urgency",
            "exempt",
            "summary",
            "recommendations",
            "options",
            "costs",
            "implications",
            "climate",
            "core_purpose",
            "consultations",
            "implementation_date",
            "contact",
            "appendices",
            "background_papers",
            "progress",
            "body",
        ] {
            assert!(root.get(key).is_some(), "{key} missing");
        }
        assert!(root.get("core_purpose").unwrap().get("B: two").is_some());
        assert_eq!(
            root.get("consultations")
                .unwrap()
                .get("finance_clearance")
                .unwrap()
                .as_str(),
            Some("FD. TODO")
        );
    }
}
