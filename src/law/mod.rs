//! The law of each jurisdiction on access to information: which paragraphs
//! make information exempt, the wording of exempt notices and of the
//! resolution that excludes the public, the clear days an agenda needs,
//! whose bank holidays count, and which rules apply by default.
//!
//! The law is data (`data/law.yaml`, compiled in and read once), so that
//! it can be checked against the statutes line by line; the functions here
//! only put its words together.

pub mod holidays;

use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use crate::decode_struct;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::decode::{Decode, Decoder, did_you_mean};
use crate::load::yaml::{Node, Value};

const LAW: &str = include_str!("../../data/law.yaml");

/// Where a council is, which decides the law its papers follow:
/// `jurisdiction:` in `council.yaml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Jurisdiction {
    #[default]
    England,
    Wales,
    Scotland,
}

impl Jurisdiction {
    pub const ALL: [Jurisdiction; 3] = [
        Jurisdiction::England,
        Jurisdiction::Wales,
        Jurisdiction::Scotland,
    ];

    /// The name people use, for documentation.
    pub fn name(self) -> &'static str {
        match self {
            Jurisdiction::England => "England",
            Jurisdiction::Wales => "Wales",
            Jurisdiction::Scotland => "Scotland",
        }
    }

    /// The word `council.yaml` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Jurisdiction::England => "england",
            Jurisdiction::Wales => "wales",
            Jurisdiction::Scotland => "scotland",
        }
    }

    /// This jurisdiction's law.
    pub fn law(self) -> &'static Law {
        let all = laws();
        match self {
            Jurisdiction::England => &all.england,
            Jurisdiction::Wales => &all.wales,
            Jurisdiction::Scotland => &all.scotland,
        }
    }

    /// P203 for each of `paragraphs` that this law does not have.
    pub fn check_paragraphs(self, paragraphs: &[ParagraphId]) -> Vec<Diagnostic> {
        let law = self.law();
        let mut out = Vec::new();
        for p in paragraphs.iter().filter(|p| law.paragraph(p).is_none()) {
            // Wales and England share a schedule: say which one's this is.
            let shared = Jurisdiction::ALL.iter().any(|j| {
                *j != self && j.law().schedule == law.schedule && j.law().paragraph(p).is_some()
            });
            let mut message = format!("{} has no paragraph {p}", law.schedule);
            if shared {
                message.push_str(&format!(" in {}", law.name));
            }
            let mut hint = format!(
                "exempt information falls under {} of {} to the {}",
                law.paragraph_range(),
                law.schedule,
                law.act
            );
            if self != Jurisdiction::England {
                hint.push_str(&format!(
                    " in {} (council.yaml says `jurisdiction: {}`)",
                    law.name,
                    self.as_str()
                ));
            }
            out.push(Diagnostic::error(Code::P203, message).with_hint(hint));
        }
        out
    }

    /// Whether rule `code` is off here unless the council turns it on
    /// (P201 and P202, key decisions and urgency, in Wales and Scotland).
    pub fn rule_off_by_default(self, code: &str) -> bool {
        self.law().rules_off.iter().any(|c| c == code)
    }
}

impl Decode for Jurisdiction {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let text: String = d.decode(node, field)?;
        let word = text.trim().to_ascii_lowercase();
        if let Some(j) = Jurisdiction::ALL.into_iter().find(|j| j.as_str() == word) {
            return Some(j);
        }
        let names: Vec<&str> = Jurisdiction::ALL.iter().map(|j| j.as_str()).collect();
        let hint = match did_you_mean(&word, &names) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "write england, wales or scotland".into(),
        };
        d.error(
            node,
            format!("`{field}` should be england, wales or scotland, found `{text}`"),
            hint,
        );
        None
    }

    fn absent() -> Option<Self> {
        Some(Jurisdiction::England)
    }
}

impl schemars::JsonSchema for Jurisdiction {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Jurisdiction".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The law the council's papers follow: england (the default; Schedule 12A Part 1, five clear days, key decisions), wales (Schedule 12A Parts 4 and 5, three clear days, no key decisions by default) or scotland (Schedule 7A to the Local Government (Scotland) Act 1973, three clear days, Scottish bank holidays, no key decisions by default).",
            "type": "string",
            "enum": ["england", "wales", "scotland"]
        })
    }
}

/// A paragraph of an exempt information schedule: a number, or a number
/// and a letter (Wales has paragraph 18A). Ordered by number, then letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParagraphId {
    pub number: u32,
    /// Upper case; empty for most paragraphs.
    pub suffix: String,
}

impl ParagraphId {
    pub fn new(number: u32) -> Self {
        ParagraphId {
            number,
            suffix: String::new(),
        }
    }

    /// `3`, `18A`, ` 18a ` (a number, then at most one letter).
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &t[digits.len()..];
        if digits.is_empty() || suffix.len() > 1 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(ParagraphId {
            number: digits.parse().ok()?,
            suffix: suffix.to_ascii_uppercase(),
        })
    }
}

impl From<u32> for ParagraphId {
    fn from(number: u32) -> Self {
        ParagraphId::new(number)
    }
}

impl fmt::Display for ParagraphId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.number, self.suffix)
    }
}

/// A plain paragraph as a number (`[3]` in `manifest.json`, as before
/// paragraphs could have letters), `"18A"` as text.
impl Serialize for ParagraphId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.suffix.is_empty() {
            s.serialize_u32(self.number)
        } else {
            s.collect_str(self)
        }
    }
}

impl Decode for ParagraphId {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let text = match &node.value {
            Value::Scalar { text, .. } if !node.is_null() => text,
            _ => {
                d.error(
                    node,
                    format!(
                        "`{field}` should be a paragraph number, found {}",
                        node.kind_name()
                    ),
                    "write the paragraph's number, such as 3 (or 18A)",
                );
                return None;
            }
        };
        let id = ParagraphId::parse(text);
        if id.is_none() {
            d.error(
                node,
                format!("`{field}` should be a paragraph number such as 3 or 18A, found `{text}`"),
                "write the paragraph's number as the schedule gives it",
            );
        }
        id
    }
}

/// One jurisdiction's law, as `data/law.yaml` gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Law {
    /// "England".
    pub name: String,
    /// "Local Government Act 1972".
    pub act: String,
    /// "Schedule 12A".
    pub schedule: String,
    /// The part of the schedule that lists the paragraphs: "Part 1".
    pub part: String,
    pub paragraphs: Vec<Paragraph>,
    /// Wales: paragraph 21 of Part 5.
    pub public_interest: Option<PublicInterest>,
    /// "Section 100A(4)": the power to exclude the public.
    pub exclusion_section: String,
    /// Clear days between publication and the meeting.
    pub clear_days: u32,
    pub clear_days_section: String,
    /// "Section 100B(4)(b)": an urgent item not on the published agenda.
    pub late_items_section: String,
    pub background_papers_section: String,
    /// `england-and-wales` or `scotland`.
    pub bank_holidays: String,
    /// Whether the jurisdiction has a statutory key decision regime.
    pub key_decisions: bool,
    /// Rules off unless the council turns them on.
    pub rules_off: Vec<String>,
}

/// An exempt paragraph and its description, in the statute's words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    pub id: ParagraphId,
    pub description: String,
}

/// A public interest test that qualifies some paragraphs (Wales).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicInterest {
    pub paragraph: ParagraphId,
    pub part: String,
    /// The paragraphs it qualifies.
    pub applies_to: Vec<ParagraphId>,
    /// The words an exclusion resolution adds when the test applies.
    pub resolution: String,
}

#[derive(Debug)]
struct Laws {
    england: Law,
    wales: Law,
    scotland: Law,
}

decode_struct!(Laws {
    england: "england",
    wales: "wales",
    scotland: "scotland",
});

decode_struct!(Law {
    name: "name",
    act: "act",
    schedule: "schedule",
    part: "part",
    paragraphs: "paragraphs",
    public_interest: "public_interest",
    exclusion_section: "exclusion_section",
    clear_days: "clear_days",
    clear_days_section: "clear_days_section",
    late_items_section: "late_items_section",
    background_papers_section: "background_papers_section",
    bank_holidays: "bank_holidays",
    key_decisions: "key_decisions",
    rules_off: "rules_off",
});

decode_struct!(Paragraph {
    id: "id",
    description: "description",
});

decode_struct!(PublicInterest {
    paragraph: "paragraph",
    part: "part",
    applies_to: "applies_to",
    resolution: "resolution",
});

/// Reads the shipped law now (see [`crate::pipeline::warm_up`]).
pub(crate) fn warm() {
    laws();
}

/// The shipped law, read once. The file is part of the build and a unit
/// test decodes it, so a failure here is a bug in the release.
fn laws() -> &'static Laws {
    static LAWS: OnceLock<Laws> = OnceLock::new();
    LAWS.get_or_init(|| {
        let root = crate::load::yaml::parse(LAW)
            .ok()
            .flatten()
            .expect("data/law.yaml is YAML");
        let mut d = Decoder::default();
        let laws = Laws::decode(&root, "", &mut d);
        match laws {
            Some(l) if d.errors.is_empty() => l,
            _ => panic!("data/law.yaml does not decode: {:?}", d.errors),
        }
    })
}

impl Law {
    /// The paragraph with this id, if the schedule has one.
    pub fn paragraph(&self, id: &ParagraphId) -> Option<&Paragraph> {
        self.paragraphs.iter().find(|p| &p.id == id)
    }

    /// "paragraphs 1 to 7", "paragraphs 12 to 18 and 18A", for hints.
    pub fn paragraph_range(&self) -> String {
        let ids: Vec<&ParagraphId> = self.paragraphs.iter().map(|p| &p.id).collect();
        let plain: Vec<&&ParagraphId> = ids.iter().filter(|p| p.suffix.is_empty()).collect();
        let lettered: Vec<String> = ids
            .iter()
            .filter(|p| !p.suffix.is_empty())
            .map(|p| p.to_string())
            .collect();
        let mut out = match (plain.first(), plain.last()) {
            (Some(a), Some(b)) => format!("paragraphs {a} to {b}"),
            _ => "paragraphs".into(),
        };
        if !lettered.is_empty() {
            out.push_str(&format!(" and {}", lettered.join(", ")));
        }
        out
    }

    /// Whether the public interest test applies to any of `paragraphs`.
    fn public_interest_for(&self, paragraphs: &[ParagraphId]) -> Option<&PublicInterest> {
        self.public_interest
            .as_ref()
            .filter(|t| paragraphs.iter().any(|p| t.applies_to.contains(p)))
    }

    /// "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act
    /// 1972"; in Wales, "paragraph 14 of Part 4 and paragraph 21 of Part 5
    /// of Schedule 12A ..." (paragraph 21 only where its test applies).
    pub fn citation(&self, paragraphs: &[ParagraphId]) -> String {
        self.citation_to(paragraphs, &format!("the {}", self.act))
    }

    /// The citation ending "to `act`" ("the Act" where the sentence has
    /// already named it).
    fn citation_to(&self, paragraphs: &[ParagraphId], act: &str) -> String {
        let mut out = format!("{} of {}", paragraph_words(paragraphs), self.part);
        if let Some(test) = self.public_interest_for(paragraphs) {
            out.push_str(&format!(
                " and paragraph {} of {}",
                test.paragraph, test.part
            ));
        }
        out.push_str(&format!(" of {} to {act}", self.schedule));
        out
    }

    /// "Section 100A(4) of the Local Government Act 1972".
    pub fn exclusion_power(&self) -> String {
        format!("{} of the {}", self.exclusion_section, self.act)
    }

    /// The resolution that excludes the public for the exempt items that
    /// follow (`items`, their agenda numbers), on the grounds of
    /// `paragraphs` (all their paragraphs, in order, once each).
    pub fn exclusion_resolution(&self, items: &[usize], paragraphs: &[ParagraphId]) -> String {
        let (item_words, it_they, involves) = match items {
            [one] => (format!("item of business (item {one})"), "it", "involves"),
            _ => {
                let numbers: Vec<u32> = items.iter().map(|&n| n as u32).collect();
                let list = list_words(&numbers.iter().map(u32::to_string).collect::<Vec<_>>());
                (
                    format!("items of business (items {list})"),
                    "they",
                    "involve",
                )
            }
        };
        let mut out = format!(
            "That, under {}, the public be excluded from the meeting for the following {item_words} on the grounds that {it_they} {involves} the likely disclosure of exempt information as defined in {}",
            self.exclusion_power(),
            self.citation_to(paragraphs, "the Act"),
        );
        if let Some(test) = self.public_interest_for(paragraphs) {
            out.push_str(", ");
            out.push_str(&test.resolution);
        }
        out.push('.');
        out
    }
}

/// "paragraph 3", "paragraphs 3 and 5", "paragraphs 1, 3 and 5".
pub fn paragraph_words(paragraphs: &[ParagraphId]) -> String {
    let ids: Vec<String> = paragraphs.iter().map(ParagraphId::to_string).collect();
    match ids.as_slice() {
        [] => String::new(),
        [one] => format!("paragraph {one}"),
        _ => format!("paragraphs {}", list_words(&ids)),
    }
}

/// "1", "1 and 3", "1, 3 and 5".
fn list_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<ParagraphId> {
        list.iter()
            .map(|s| ParagraphId::parse(s).unwrap())
            .collect()
    }

    #[test]
    fn the_shipped_law_decodes_and_each_paragraph_has_its_words() {
        for j in Jurisdiction::ALL {
            let law = j.law();
            assert!(!law.paragraphs.is_empty(), "{j:?}");
            for p in &law.paragraphs {
                assert!(
                    p.description.starts_with(char::is_uppercase) && p.description.ends_with('.'),
                    "{j:?} {}: {}",
                    p.id,
                    p.description
                );
            }
        }
        let count = |j: Jurisdiction| j.law().paragraphs.len();
        assert_eq!(count(Jurisdiction::England), 7);
        assert_eq!(count(Jurisdiction::Wales), 8);
        assert_eq!(count(Jurisdiction::Scotland), 15);
        assert_eq!(
            Jurisdiction::England
                .law()
                .paragraph(&3.into())
                .unwrap()
                .description,
            "Information relating to the financial or business affairs of any particular person (including the authority holding that information)."
        );
    }

    #[test]
    fn each_law_knows_its_own_paragraphs() {
        let has = |j: Jurisdiction, id: &str| j.law().paragraph(&ids(&[id])[0]).is_some();
        assert!(has(Jurisdiction::Scotland, "8"));
        assert!(!has(Jurisdiction::England, "8"));
        assert!(has(Jurisdiction::Wales, "14"));
        assert!(has(Jurisdiction::Wales, "18a"));
        assert!(!has(Jurisdiction::Wales, "3"));
        assert!(!has(Jurisdiction::England, "18A"));
        assert_eq!(
            Jurisdiction::Wales.law().paragraph_range(),
            "paragraphs 12 to 18 and 18A"
        );
        assert_eq!(
            Jurisdiction::Scotland.law().paragraph_range(),
            "paragraphs 1 to 15"
        );
    }

    #[test]
    fn paragraph_ids_are_numbers_with_at_most_one_letter() {
        assert_eq!(
            ParagraphId::parse(" 18a "),
            Some(ParagraphId {
                number: 18,
                suffix: "A".into()
            })
        );
        assert_eq!(ParagraphId::parse("3"), Some(ParagraphId::new(3)));
        for bad in ["", "A", "18AB", "1.5", "-3", "three"] {
            assert_eq!(ParagraphId::parse(bad), None, "{bad}");
        }
        let mut v = ids(&["18A", "14", "18", "3"]);
        v.sort();
        assert_eq!(v, ids(&["3", "14", "18", "18A"]));
        assert_eq!(
            serde_json::to_string(&ids(&["3", "18A"])).unwrap(),
            r#"[3,"18A"]"#
        );
    }

    #[test]
    fn citations_follow_the_law() {
        assert_eq!(
            Jurisdiction::England.law().citation(&ids(&["3"])),
            "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
        );
        assert_eq!(
            Jurisdiction::Wales.law().citation(&ids(&["14"])),
            "paragraph 14 of Part 4 and paragraph 21 of Part 5 of Schedule 12A to the Local Government Act 1972"
        );
        // Legal professional privilege is not subject to the test.
        assert_eq!(
            Jurisdiction::Wales.law().citation(&ids(&["16"])),
            "paragraph 16 of Part 4 of Schedule 12A to the Local Government Act 1972"
        );
        assert_eq!(
            Jurisdiction::Scotland.law().citation(&ids(&["8", "9"])),
            "paragraphs 8 and 9 of Part I of Schedule 7A to the Local Government (Scotland) Act 1973"
        );
    }

    #[test]
    fn the_exclusion_resolution_of_each_law() {
        assert_eq!(
            Jurisdiction::England
                .law()
                .exclusion_resolution(&[7], &ids(&["3"])),
            "That, under Section 100A(4) of the Local Government Act 1972, the public be excluded from the meeting for the following item of business (item 7) on the grounds that it involves the likely disclosure of exempt information as defined in paragraph 3 of Part 1 of Schedule 12A to the Act."
        );
        assert_eq!(
            Jurisdiction::Wales
                .law()
                .exclusion_resolution(&[8, 9], &ids(&["14", "16"])),
            "That, under Section 100A(4) of the Local Government Act 1972, the public be excluded from the meeting for the following items of business (items 8 and 9) on the grounds that they involve the likely disclosure of exempt information as defined in paragraphs 14 and 16 of Part 4 and paragraph 21 of Part 5 of Schedule 12A to the Act, and that, in all the circumstances of the case, the public interest in maintaining the exemption outweighs the public interest in disclosing the information."
        );
        assert_eq!(
            Jurisdiction::Scotland
                .law()
                .exclusion_resolution(&[9], &ids(&["8"])),
            "That, under Section 50A(4) of the Local Government (Scotland) Act 1973, the public be excluded from the meeting for the following item of business (item 9) on the grounds that it involves the likely disclosure of exempt information as defined in paragraph 8 of Part I of Schedule 7A to the Act."
        );
    }

    #[test]
    fn paragraphs_are_checked_against_the_law() {
        let msgs = |j: Jurisdiction, list: &[&str]| -> Vec<String> {
            j.check_paragraphs(&ids(list))
                .iter()
                .map(|d| format!("{} | {}", d.message, d.hint.clone().unwrap_or_default()))
                .collect()
        };
        assert_eq!(
            msgs(Jurisdiction::England, &["8"]),
            [
                "Schedule 12A has no paragraph 8 | exempt information falls under paragraphs 1 to 7 of Schedule 12A to the Local Government Act 1972"
            ]
        );
        assert!(msgs(Jurisdiction::Scotland, &["8"]).is_empty());
        assert!(msgs(Jurisdiction::Wales, &["14", "18A"]).is_empty());
        assert_eq!(
            msgs(Jurisdiction::Wales, &["3"]),
            [
                "Schedule 12A has no paragraph 3 in Wales | exempt information falls under paragraphs 12 to 18 and 18A of Schedule 12A to the Local Government Act 1972 in Wales (council.yaml says `jurisdiction: wales`)"
            ]
        );
        assert_eq!(
            msgs(Jurisdiction::Scotland, &["16"]),
            [
                "Schedule 7A has no paragraph 16 | exempt information falls under paragraphs 1 to 15 of Schedule 7A to the Local Government (Scotland) Act 1973 in Scotland (council.yaml says `jurisdiction: scotland`)"
            ]
        );
    }

    #[test]
    fn key_decision_rules_are_off_outside_england() {
        for code in ["P201", "P202"] {
            assert!(!Jurisdiction::England.rule_off_by_default(code));
            assert!(Jurisdiction::Wales.rule_off_by_default(code));
            assert!(Jurisdiction::Scotland.rule_off_by_default(code));
        }
        assert!(!Jurisdiction::Scotland.rule_off_by_default("P203"));
        let law = |j: Jurisdiction| j.law();
        assert_eq!([5, 3, 3], Jurisdiction::ALL.map(|j| law(j).clear_days));
        assert_eq!(
            law(Jurisdiction::Scotland).late_items_section,
            "Section 50B(4)(b)"
        );
        assert_eq!(
            law(Jurisdiction::Scotland).background_papers_section,
            "Section 50D"
        );
        assert_eq!(
            law(Jurisdiction::Wales).background_papers_section,
            "Section 100D"
        );
    }
}
