//! A progress tracker: the actions or recommendations a committee follows
//! cycle by cycle, each with an owner, a due date, a status and an update.

use jiff::civil::Date;

use crate::load::decode::{Decode, Decoder, Fields};
use crate::load::positions::Positions;
use crate::load::yaml::{Node, Pos, Value};

/// A progress tracker: the actions or recommendations a committee follows,
/// as at one date. A report cites it with `progress: [path]`.
#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Tracker {
    /// What is tracked.
    #[schemars(extend("examples" = ["Children's Services Commissioner's recommendations"]))]
    pub title: String,
    /// The date the updates describe, YYYY-MM-DD: overdue and due-soon items are counted from it.
    #[schemars(schema_with = "crate::model::json_schema::date")]
    pub as_at: Date,
    /// The last period's tracker, relative to this file: movement since then is shown.
    #[schemars(extend("examples" = ["commissioner-recommendations-2022-12.yaml"]))]
    pub previous: Option<String>,
    /// The actions, one entry each.
    #[schemars(default)]
    pub items: Vec<TrackerItem>,
    /// Where each field and item starts in the YAML, by path (`previous`,
    /// `items[2].due`).
    #[schemars(skip)]
    pub positions: Positions,
}

/// One action or recommendation.
#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TrackerItem {
    /// A short reference, unique in the tracker.
    #[schemars(rename = "ref", schema_with = "crate::model::json_schema::text", extend("examples" = ["R1"]))]
    pub reference: String,
    /// The action or recommendation.
    pub action: String,
    /// Who is responsible (a post).
    #[schemars(extend("examples" = ["Chief Executive"]))]
    pub owner: String,
    /// When it is due, YYYY-MM-DD.
    #[schemars(schema_with = "crate::model::json_schema::date")]
    pub due: Date,
    /// Where it stands.
    pub status: Status,
    /// Progress this period (Markdown).
    pub update: String,
    /// Evidence of progress, if any.
    pub evidence: Option<String>,
    #[schemars(skip)]
    pub pos: Pos,
}

/// Where an action stands. The order is from worst to best, which is what
/// "improved" and "declined" compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    OffTrack,
    AtRisk,
    NotStarted,
    OnTrack,
    Complete,
}

impl Status {
    /// Display order in tables and totals: complete first.
    pub const ALL: [Status; 5] = [
        Status::Complete,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::NotStarted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::OffTrack => "Off track",
            Status::Complete => "Complete",
        }
    }

    /// A stable identifier for CSS classes and Typst colours.
    pub fn key(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::OffTrack => "off-track",
            Status::Complete => "complete",
        }
    }

    /// The RAG colour name councils use beside the status, if any.
    pub fn rag(self) -> Option<&'static str> {
        match self {
            Status::OnTrack => Some("Green"),
            Status::AtRisk => Some("Amber"),
            Status::OffTrack => Some("Red"),
            _ => None,
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        let t = text.trim().to_ascii_lowercase().replace(['-', '_'], " ");
        Some(match t.as_str() {
            "not started" => Status::NotStarted,
            "on track" | "green" => Status::OnTrack,
            "at risk" | "amber" => Status::AtRisk,
            "off track" | "red" => Status::OffTrack,
            "complete" | "completed" | "blue" => Status::Complete,
            _ => return None,
        })
    }
}

impl Decode for Status {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let text: String = d.decode(node, field)?;
        let status = Status::parse(&text);
        if status.is_none() {
            d.error(
                node,
                format!("`{field}` has an unknown status `{text}`"),
                "use one of: not started, on track, at risk, off track, complete (or Green, Amber, Red)",
            );
        }
        status
    }
}

impl Decode for Tracker {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let title = f.get("title", d);
        let as_at = f.get("as_at", d);
        let previous = f.get("previous", d);
        let items: Option<Vec<TrackerItem>> = f.get("items", d);
        f.finish(d);
        if let Some(items_node) = node.get("items") {
            check_unique_refs(items_node, d);
        }
        let items = items?;
        Some(Tracker {
            title: title?,
            as_at: as_at?,
            previous: previous?,
            items,
            positions: d.take_positions(),
        })
    }
}

/// Refs are checked on the raw items, so a duplicate is reported even when
/// another field of the item is wrong too.
fn check_unique_refs(items: &Node, d: &mut Decoder) {
    let Value::Seq(items) = &items.value else {
        return;
    };
    let mut seen: Vec<(&str, Pos)> = Vec::new();
    for item in items {
        let Some(r) = item.get("ref") else {
            continue;
        };
        let Some(text) = r.as_str() else { continue };
        if let Some((_, first)) = seen.iter().find(|(t, _)| *t == text) {
            d.error(
                r,
                format!("duplicate ref `{text}`"),
                format!(
                    "`{text}` is already used by the item at line {}; each item needs its own ref",
                    first.line
                ),
            );
        } else {
            seen.push((text, r.pos));
        }
    }
}

impl Decode for TrackerItem {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let reference = f.get("ref", d);
        let action = f.get("action", d);
        let owner = f.get("owner", d);
        let due = f.get("due", d);
        let status = f.get("status", d);
        let update = f.get("update", d);
        let evidence = f.get("evidence", d);
        f.finish(d);
        Some(TrackerItem {
            reference: reference?,
            action: action?,
            owner: owner?,
            due: due?,
            status: status?,
            update: update?,
            evidence: evidence?,
            pos: node.pos,
        })
    }
}

impl schemars::JsonSchema for Status {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Where the action stands: not started, on track, at risk, off track or complete (or the RAG colours Green, Amber, Red), in any case.",
            "anyOf": [
                { "type": "string", "enum": ["not started", "on track", "at risk", "off track", "complete", "Green", "Amber", "Red"] },
                { "type": "string", "pattern": crate::model::json_schema::any_case(&["not[ _-]started", "on[ _-]track", "at[ _-]risk", "off[ _-]track", "complete", "completed", "green", "amber", "red", "blue"]) }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_aliases() {
        assert_eq!(Status::parse("On track"), Some(Status::OnTrack));
        assert_eq!(Status::parse("GREEN"), Some(Status::OnTrack));
        assert_eq!(Status::parse("amber"), Some(Status::AtRisk));
        assert_eq!(Status::parse("Red"), Some(Status::OffTrack));
        assert_eq!(Status::parse("not-started"), Some(Status::NotStarted));
        assert_eq!(Status::parse("done"), None);
        assert!(Status::OffTrack < Status::AtRisk && Status::OnTrack < Status::Complete);
    }

    #[test]
    fn duplicate_refs_and_bad_status_are_reported_together() {
        let src = "title: T\nas_at: 2023-02-28\nitems:\n  - {ref: R1, action: a, owner: o, due: 2023-01-01, status: done, update: u}\n  - {ref: R1, action: a, owner: o, due: 2023-01-01, status: complete, update: u}\n";
        let errs = crate::load::parse::<Tracker>(src, "tracker").unwrap_err();
        let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            text.iter().any(|t| t.contains("unknown status `done`")
                && t.contains("not started, on track, at risk, off track, complete")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|t| t.contains("duplicate ref `R1`")),
            "{text:?}"
        );
    }

    #[test]
    fn missing_as_at_is_an_error() {
        let errs = crate::load::parse::<Tracker>("title: T\nitems: []\n", "tracker").unwrap_err();
        assert!(errs[0].message.contains("missing required field `as_at`"));
    }
}
