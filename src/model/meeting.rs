//! A committee meeting, as democratic services write it in YAML: when and
//! where, who sits on it, the clerk, and the agenda items in order.

use jiff::civil::Date;

use crate::decode_struct;
use crate::load::decode::{Decode, Decoder, Fields, OptionalText};
use crate::load::positions::Positions;
use crate::load::yaml::{Node, Pos, Value};
use crate::model::wording::Wording;

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub committee: String,
    pub date: Date,
    /// Start time as written ("18:30"); checked to be HH:MM.
    pub time: String,
    pub venue: String,
    pub membership: Membership,
    pub clerk: Clerk,
    pub webcast: Option<String>,
    pub papers_url: Option<String>,
    /// The publication date; absent means `SOURCE_DATE_EPOCH` or today.
    pub published: Option<Date>,
    /// Why the pack is published with fewer clear days than the rule asks.
    pub short_notice: Option<String>,
    pub items: Vec<Item>,
    /// Where each field and item starts in the YAML, by path (`date`,
    /// `items[3].report`).
    pub positions: Positions,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    pub chair: String,
    pub vice_chair: OptionalText,
    pub members: Vec<String>,
    pub substitutes: Vec<String>,
}

decode_struct!(Membership {
    chair: "chair",
    vice_chair: "vice_chair",
    members: "members",
    substitutes: "substitutes",
});

#[derive(Debug, Clone, PartialEq)]
pub struct Clerk {
    pub name: String,
    pub telephone: OptionalText,
    pub email: String,
}

decode_struct!(Clerk {
    name: "name",
    telephone: "telephone",
    email: "email",
});

/// The title of an `exclusion: Yes` item that gives none.
pub const EXCLUSION_TITLE: &str = "Exclusion of the press and public";

/// One agenda item: a standard item (title, optional text and document) or
/// a report file.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    /// The chair's reason for taking a late item as urgent.
    pub late: Option<String>,
    /// When the item joined the agenda, if after the pack was published.
    pub added: Option<Date>,
    /// Where the item starts in the meeting file.
    pub pos: Pos,
}

// A meeting has a dozen items: their size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    Standard {
        title: Wording,
        /// Markdown.
        text: Wording,
        /// An attached PDF or Markdown document, relative to the meeting file.
        file: Option<(String, Pos)>,
        /// `exclusion: Yes`: the item that excludes the public before the
        /// exempt items; the pack writes its resolution in the words of
        /// the council's law, naming the exempt items after it.
        exclusion: bool,
    },
    Report {
        /// Relative to the meeting file.
        path: String,
        path_pos: Pos,
    },
}

impl Decode for Meeting {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let committee = f.get("committee", d);
        let date = f.get("date", d);
        let time: Option<String> = f.get("time", d);
        let venue = f.get("venue", d);
        let membership = f.get("membership", d);
        let clerk = f.get("clerk", d);
        let webcast = f.get("webcast", d);
        let papers_url = f.get("papers_url", d);
        let published = f.get("published", d);
        let short_notice = f.get("short_notice", d);
        let items: Option<Vec<Item>> = f.get("items", d);
        f.finish(d);

        if let (Some(t), Some(n)) = (&time, node.get("time"))
            && !is_time(t)
        {
            d.error(
                n,
                format!("`time` should be a 24-hour time such as 18:30, found `{t}`"),
                "write the start time as HH:MM",
            );
            return None;
        }
        if let (Some(items), Some(n)) = (&items, node.get("items"))
            && items.is_empty()
        {
            d.error(
                n,
                "`items` is empty",
                "list the agenda items in order, each `- title: ...` or `- report: path.yaml`",
            );
            return None;
        }
        Some(Meeting {
            committee: committee?,
            date: date?,
            time: time?,
            venue: venue?,
            membership: membership?,
            clerk: clerk?,
            webcast: webcast?,
            papers_url: papers_url?,
            published: published?,
            short_notice: short_notice?,
            items: items?,
            positions: d.take_positions(),
        })
    }
}

fn is_time(t: &str) -> bool {
    let Some((h, m)) = t.split_once([':', '.']) else {
        return false;
    };
    h.len() <= 2
        && m.len() == 2
        && h.parse::<u8>().is_ok_and(|h| h < 24)
        && m.parse::<u8>().is_ok_and(|m| m < 60)
}

impl Decode for Item {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            d.error(
                node,
                format!(
                    "`{field}` should be an agenda item, found {}",
                    node.kind_name()
                ),
                "write `- title: Apologies for absence` or `- report: ../report.yaml`",
            );
            return None;
        }
        let mut f = Fields::new(node, field, d)?;
        let report_node = f.node("report");
        let file_node = f.node("file");
        let title: Option<Option<Wording>> = f.get("title", d);
        let text: Option<Option<Wording>> = f.get("text", d);
        let file: Option<Option<String>> = f.get("file", d);
        let report: Option<Option<String>> = f.get("report", d);
        let late: Option<Option<String>> = f.get("late", d);
        let added: Option<Option<Date>> = f.get("added", d);
        let exclusion: Option<Option<bool>> = f.get("exclusion", d);
        f.finish(d);
        let added = added?;
        let exclusion = exclusion?.unwrap_or(false);
        let (title, text, file, report, late) = (title?, text?, file?, report?, late?);
        if exclusion && (report.is_some() || file.is_some()) {
            d.error(
                node,
                format!("`{field}` excludes the public: it cannot also be a report or have a file"),
                "give the exclusion its own item, just before the exempt items: `- exclusion: Yes`",
            );
            return None;
        }
        // The exclusion of the public has a usual title; a council may give its own.
        let title = match title {
            None if exclusion => Some(Wording::plain(EXCLUSION_TITLE)),
            t => t,
        };
        if let Some(late) = &late
            && late.trim().is_empty()
        {
            d.error(
                node,
                format!("`{field}.late` is empty"),
                "give the chair's reason for taking the item as urgent",
            );
            return None;
        }
        let kind = match (report, title) {
            (Some(path), None) => {
                if text.is_some() || file.is_some() {
                    d.error(
                        node,
                        format!("`{field}` is a report: `text` and `file` belong in the report"),
                        "remove `text` and `file`, or make this a standard item with `title`",
                    );
                    return None;
                }
                ItemKind::Report {
                    path,
                    path_pos: report_node.map(|n| n.pos).unwrap_or(node.pos),
                }
            }
            (None, Some(title)) => ItemKind::Standard {
                title,
                text: text.unwrap_or_else(|| Wording::plain("")),
                file: file.map(|f| (f, file_node.map(|n| n.pos).unwrap_or(node.pos))),
                exclusion,
            },
            (Some(_), Some(_)) => {
                d.error(
                    node,
                    format!("`{field}` has both `report` and `title`"),
                    "a report item takes its title from the report's `subject`: remove `title`",
                );
                return None;
            }
            (None, None) => {
                d.error(
                    node,
                    format!("`{field}` has neither `title` nor `report`"),
                    "write `title: Apologies for absence` for a standard item, or `report: path.yaml`",
                );
                return None;
            }
        };
        Some(Item {
            kind,
            late,
            added,
            pos: node.pos,
        })
    }
}

/// `pack:` in council.yaml.
#[derive(Debug, Clone, PartialEq)]
pub struct PackSettings {
    /// Clear working days between publication and the meeting (the Local
    /// Government Act 1972, s.100B, asks for five).
    pub clear_days: u32,
    /// Bank holidays beyond the shipped England and Wales list.
    pub bank_holidays: Vec<Date>,
    /// Shipped bank holidays that are working days for this council.
    pub not_bank_holidays: Vec<Date>,
    /// Start each item on an odd page, for double-sided printing.
    pub odd_page_starts: bool,
    pub standing_text: StandingText,
    /// The front sheet's headings and row labels (`front_sheet:`).
    pub front_sheet: FrontSheet,
    /// Write the agenda and each report as .docx too (`docx: Yes`).
    pub docx: bool,
}

impl Default for PackSettings {
    fn default() -> Self {
        PackSettings {
            clear_days: 5,
            bank_holidays: Vec::new(),
            not_bank_holidays: Vec::new(),
            odd_page_starts: false,
            standing_text: StandingText::default(),
            front_sheet: FrontSheet::default(),
            docx: false,
        }
    }
}

impl Decode for PackSettings {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let clear_days: Option<Option<u32>> = f.get("clear_days", d);
        let bank_holidays = f.get("bank_holidays", d);
        let not_bank_holidays = f.get("not_bank_holidays", d);
        let odd: Option<Option<bool>> = f.get("odd_page_starts", d);
        let standing_text = f.get("standing_text", d);
        let front_sheet = f.get("front_sheet", d);
        let docx: Option<Option<bool>> = f.get("docx", d);
        f.finish(d);
        Some(PackSettings {
            clear_days: clear_days?.unwrap_or(5),
            bank_holidays: bank_holidays?,
            not_bank_holidays: not_bank_holidays?,
            odd_page_starts: odd?.unwrap_or(false),
            standing_text: standing_text?,
            front_sheet: front_sheet?,
            docx: docx?.unwrap_or(false),
        })
    }

    fn absent() -> Option<Self> {
        Some(PackSettings::default())
    }
}

/// The council's standing text on every agenda front sheet (Markdown).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StandingText {
    pub key_decision: Wording,
    pub access: Wording,
    pub filming: Wording,
}

impl StandingText {
    /// Each text, for the check against the council's `languages`.
    pub fn wordings(&self) -> [&Wording; 3] {
        [&self.key_decision, &self.access, &self.filming]
    }
}

impl Meeting {
    /// The wording of the standard items (titles and texts), for the check
    /// against the council's `languages`.
    pub fn wordings(&self) -> Vec<&Wording> {
        self.items
            .iter()
            .filter_map(|i| match &i.kind {
                ItemKind::Standard { title, text, .. } => Some([title, text]),
                ItemKind::Report { .. } => None,
            })
            .flatten()
            .collect()
    }
}

impl Default for StandingText {
    fn default() -> Self {
        StandingText {
            key_decision: Wording::plain(
                "A key decision is an executive decision that results in spending or saving of £100,000 or more, or that significantly affects communities living or working in two or more wards.",
            ),
            access: Wording::plain(
                "If you need this agenda in another format, or help to attend the meeting, please contact the clerk named on this agenda before the meeting.",
            ),
            filming: Wording::plain(
                "Members of the public may film, record or report on the public parts of this meeting. Please tell the clerk beforehand.",
            ),
        }
    }
}

/// The front sheet's own words: its headings and row labels, by key, in
/// English unless the council gives its own (`pack.front_sheet:` in
/// `council.yaml`), in one language or, on a bilingual council, two.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontSheet(pub Vec<(&'static str, Wording)>);

/// Each key of `front_sheet:` and its English default.
pub const FRONT_SHEET: &[(&str, &str)] = &[
    ("agenda", "Agenda"),
    ("details", "Meeting details"),
    ("date", "Date"),
    ("time", "Time"),
    ("venue", "Venue"),
    ("webcast", "Webcast"),
    ("papers", "Papers"),
    ("published", "Published"),
    ("membership", "Membership"),
    ("role", "Role"),
    ("chair", "Chair"),
    ("vice_chair", "Vice-Chair"),
    ("member", "Member"),
    ("members", "Members"),
    ("substitute", "Substitute"),
    ("substitutes", "Substitutes"),
    ("clerk", "Clerk"),
    ("items", "Items"),
    ("access", "Access to the meeting"),
    ("filming", "Filming and recording"),
];

impl Default for FrontSheet {
    fn default() -> Self {
        FrontSheet(
            FRONT_SHEET
                .iter()
                .map(|(k, v)| (*k, Wording::plain(*v)))
                .collect(),
        )
    }
}

impl FrontSheet {
    pub fn wordings(&self) -> impl Iterator<Item = &Wording> {
        self.0.iter().map(|(_, w)| w)
    }
}

impl Decode for FrontSheet {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        if node.is_null() {
            return Some(FrontSheet::default());
        }
        let Value::Map(pairs) = &node.value else {
            d.error(
                node,
                format!("`{field}` should be a mapping of heading to its wording"),
                "write `membership: { en: Membership, cy: Aelodaeth }`, one per line",
            );
            return None;
        };
        let mut out = FrontSheet::default();
        let keys: Vec<&str> = FRONT_SHEET.iter().map(|(k, _)| *k).collect();
        let mut ok = true;
        for (key, value) in pairs {
            let name = key.as_str().unwrap_or_default().trim();
            let Some(slot) = out.0.iter_mut().find(|(k, _)| *k == name) else {
                let hint = match crate::load::decode::did_you_mean(name, &keys) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the front sheet's words are: {}", keys.join(", ")),
                };
                d.error(
                    key,
                    format!("`{field}`: the front sheet has no `{name}`"),
                    hint,
                );
                ok = false;
                continue;
            };
            match d.decode::<Wording>(value, &format!("{field}.{name}")) {
                Some(w) => slot.1 = w,
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn absent() -> Option<Self> {
        Some(FrontSheet::default())
    }
}

impl Decode for StandingText {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let key_decision: Option<Option<Wording>> = f.get("key_decision", d);
        let access: Option<Option<Wording>> = f.get("access", d);
        let filming: Option<Option<Wording>> = f.get("filming", d);
        f.finish(d);
        let def = StandingText::default();
        Some(StandingText {
            key_decision: key_decision?.unwrap_or(def.key_decision),
            access: access?.unwrap_or(def.access),
            filming: filming?.unwrap_or(def.filming),
        })
    }

    fn absent() -> Option<Self> {
        Some(StandingText::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    const MINIMAL: &str = "committee: Cabinet\ndate: 2022-11-07\ntime: '18:30'\nvenue: Town Hall\nmembership:\n  chair: Cllr A\n  members: [Cllr B]\nclerk:\n  name: C\n  email: c@example.org\nitems:\n  - title: Apologies for absence\n  - report: r.yaml\n    late: The decision cannot wait.\n";

    #[test]
    fn a_minimal_meeting_decodes() {
        let m: Meeting = parse(MINIMAL, "meeting").unwrap();
        assert_eq!(m.items.len(), 2);
        assert!(matches!(&m.items[1].kind, ItemKind::Report { path, .. } if path == "r.yaml"));
        assert_eq!(
            m.items[1].late.as_deref(),
            Some("The decision cannot wait.")
        );
        assert_eq!(m.published, None);
    }

    #[test]
    fn an_item_needs_a_title_or_a_report() {
        let src = MINIMAL.replace("  - title: Apologies for absence\n", "  - text: hello\n");
        let errs = parse::<Meeting>(&src, "meeting").unwrap_err();
        assert!(
            errs[0].message.contains("neither `title` nor `report`"),
            "{errs:?}"
        );
        assert_eq!(errs[0].location.map(|l| l.line), Some(12));
    }

    #[test]
    fn an_exclusion_item_needs_no_title_and_no_text() {
        let src = MINIMAL.replace(
            "  - report: r.yaml\n",
            "  - exclusion: Yes\n  - report: r.yaml\n",
        );
        let m: Meeting = parse(&src, "meeting").unwrap();
        assert!(matches!(&m.items[1].kind,
            ItemKind::Standard { title, exclusion: true, .. } if title.text == EXCLUSION_TITLE));
        assert!(matches!(
            &m.items[0].kind,
            ItemKind::Standard {
                exclusion: false,
                ..
            }
        ));
        let both = MINIMAL.replace(
            "  - report: r.yaml\n",
            "  - report: r.yaml\n    exclusion: Yes\n",
        );
        let errs = parse::<Meeting>(&both, "meeting").unwrap_err();
        assert!(errs[0].message.contains("excludes the public"), "{errs:?}");
        let bad = MINIMAL.replace(
            "  - report: r.yaml\n",
            "  - exclusion: Maybe\n  - report: r.yaml\n",
        );
        let errs = parse::<Meeting>(&bad, "meeting").unwrap_err();
        assert!(errs[0].message.contains("should be Yes or No"), "{errs:?}");
    }

    #[test]
    fn bad_times_and_unknown_fields_are_errors() {
        let src = MINIMAL.replace("'18:30'", "half six") + "venu: x\n";
        let errs = parse::<Meeting>(&src, "meeting").unwrap_err();
        let all: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            all.iter().any(|e| e.contains("did you mean `venue`")),
            "{all:?}"
        );
        let src = MINIMAL.replace("'18:30'", "'25:00'");
        let errs = parse::<Meeting>(&src, "meeting").unwrap_err();
        assert!(errs[0].message.contains("24-hour time"), "{errs:?}");
    }
}
