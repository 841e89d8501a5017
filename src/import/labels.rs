//! Matching a label written in Word ("Date of meeting:") to a field of
//! the house style: by the style's own wording first, exactly or nearly
//! (`strsim`), then by the catalogue's and a few common variants.

use crate::model::catalogue;
use crate::model::style::{HouseStyle, PartHeading, SectionEntry};

/// Lower case, letters and digits only, one space between words; a
/// section number ("2.", "1.0", "(A)") in front dropped.
pub fn normalise(label: &str) -> String {
    let words: String = label
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let mut words: Vec<&str> = words.split_whitespace().collect();
    // "(A) Revenue", "b) Legal", "C. Equality": a lettered item's letter.
    let t = label.trim_start();
    let lettered = t.starts_with('(')
        || t.char_indices().nth(1).is_some_and(|(i, c)| {
            (c == ')' || c == '.') && t[..i].chars().all(char::is_alphabetic)
        });
    if lettered && words.len() > 1 && words[0].chars().count() == 1 {
        words.remove(0);
    }
    while words.len() > 1 && words[0].chars().all(|c| c.is_ascii_digit()) {
        words.remove(0);
    }
    words.join(" ")
}

/// Other ways councils word a standard field.
fn variants(id: &str) -> &'static [&'static str] {
    match id {
        "committee" => &["report to", "meeting", "committee", "decision maker", "to"],
        "meeting_date" => &["date of meeting", "meeting date", "date"],
        "subject" => &["subject", "title", "report title", "title of report"],
        "report_of" => &[
            "report of",
            "report by",
            "report author",
            "from",
            "lead officer",
        ],
        "wards" => &[
            "wards",
            "wards affected",
            "ward",
            "ward s affected",
            "ward s",
        ],
        "portfolio" => &[
            "portfolio",
            "cabinet member",
            "portfolio holder",
            "lead member",
        ],
        "key_decision" => &[
            "key decision",
            "is this a key decision",
            "is it a key decision",
        ],
        "forward_plan" => &[
            "forward plan",
            "included in forward plan",
            "on the forward plan",
        ],
        "exempt" => &[
            "exempt",
            "confidential",
            "exempt confidential report",
            "exempt or confidential",
            "is the report exempt",
        ],
        "recommendations" => &["recommendation", "recommendations", "recommendation s"],
        "contact" => &["contact officer", "contact", "report author contact"],
        "appendices" => &["appendices", "appendix", "appendices attached"],
        "background_papers" => &["background papers", "background documents"],
        "body" => &["report", "the report", "main report"],
        "climate" => &[
            "climate emergency implications",
            "climate emergency",
            "climate change",
        ],
        _ => &[],
    }
}

/// Every label field `id` answers to under `style`, normalised.
pub fn labels_of(style: &HouseStyle, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    // A bilingual label answers to both languages together and to each.
    let mut wording = |w: &crate::model::wording::Wording| {
        out.push(normalise(&w.joined()));
        out.push(normalise(&w.text));
        if let Some((_, second)) = &w.second {
            out.push(normalise(second));
        }
    };
    wording(&style.wording(id));
    if let Some(p) = style.part(id)
        && let PartHeading::Text(t) = &p.heading
    {
        wording(t);
    }
    if let Some(f) = catalogue::standard(id) {
        out.push(normalise(f.label));
    }
    out.push(normalise(&id.replace('_', " ")));
    out.extend(variants(id).iter().map(|v| normalise(v)));
    out.retain(|l| !l.is_empty());
    out.dedup();
    out
}

/// How well `label` names a field: 1.0 exactly, else the best
/// normalised Levenshtein similarity over its labels. Labels whose
/// lengths differ by more than a fifth cannot reach 0.8 and are skipped
/// (the distance is at least the difference in length), so that a long
/// paragraph costs nothing.
fn score(label: &str, labels: &[String]) -> f64 {
    let n = label.chars().count();
    labels
        .iter()
        .map(|l| {
            if l == label {
                return 1.0;
            }
            let m = l.chars().count();
            if n.min(m) * 5 < n.max(m) * 4 {
                return 0.0;
            }
            strsim::normalized_levenshtein(label, l)
        })
        .fold(0.0, f64::max)
}

/// The labels of a set of fields, worked out once.
pub struct Matcher {
    fields: Vec<(String, Vec<String>)>,
}

impl Matcher {
    pub fn new(style: &HouseStyle, ids: &[&str]) -> Matcher {
        Matcher {
            fields: ids
                .iter()
                .map(|id| (id.to_string(), labels_of(style, id)))
                .collect(),
        }
    }

    /// The field `label` names, exactly or nearly (at least 0.8 alike),
    /// and whether the match was exact.
    pub fn best(&self, label: &str) -> Option<(&str, bool)> {
        let label = normalise(label);
        if label.is_empty() || label.len() > 160 {
            return None;
        }
        let mut best: Option<(&str, f64)> = None;
        for (id, labels) in &self.fields {
            let s = score(&label, labels);
            if s >= 0.8 && best.is_none_or(|(_, b)| s > b) {
                best = Some((id, s));
            }
        }
        best.map(|(id, s)| (id, s >= 1.0))
    }
}

/// The field among `ids` that `label` names, exactly or nearly.
pub fn best<'a>(style: &HouseStyle, label: &str, ids: &[&'a str]) -> Option<(&'a str, bool)> {
    let m = Matcher::new(style, ids);
    let (id, exact) = m.best(label)?;
    ids.iter().find(|i| **i == id).map(|i| (*i, exact))
}

/// The ids of the parts after the header, in the style's order.
pub fn part_ids(style: &HouseStyle) -> Vec<&str> {
    style
        .sections
        .iter()
        .filter_map(|s| match s {
            SectionEntry::Part(p) => Some(p.id.as_str()),
            SectionEntry::Group(_) => None,
        })
        .collect()
}

/// The ids a header may hold: the style's header, then every other field
/// that fits on a line.
pub fn header_ids(style: &HouseStyle) -> Vec<&str> {
    let mut ids: Vec<&str> = style.header.iter().map(String::as_str).collect();
    for f in catalogue::STANDARD {
        if f.shape == catalogue::Shape::Line && !ids.contains(&f.id) && !catalogue::is_derived(f.id)
        {
            ids.push(f.id);
        }
    }
    for f in &style.fields {
        if f.kind.shape() == catalogue::Shape::Line && !ids.contains(&f.id.as_str()) {
            ids.push(&f.id);
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_exactly_or_nearly() {
        let style = HouseStyle::builtin();
        let ids = header_ids(style);
        assert_eq!(
            best(style, "Date of meeting:", &ids),
            Some(("meeting_date", true))
        );
        assert_eq!(
            best(style, "Wards Afected", &ids).map(|b| b.0),
            Some("wards")
        );
        assert_eq!(
            best(style, "Is this a Key Decision?", &ids),
            Some(("key_decision", true))
        );
        assert_eq!(best(style, "Favourite colour", &ids), None);
        assert_eq!(normalise("N/A"), "n a");
        assert_eq!(normalise("(A) Revenue Costs:"), "revenue costs");
        assert_eq!(normalise("2.0 Key issues"), "key issues");
        let parts = part_ids(style);
        assert_eq!(
            best(style, "4. Recommendation(s)", &parts).map(|b| b.0),
            Some("recommendations")
        );
    }
}
