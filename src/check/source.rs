//! Rules over the YAML text and node tree rather than the typed model: they
//! need exact positions inside prose (a weekday in the body, an appendix
//! named in a folded paragraph) or need to know what the author wrote, not
//! what it decoded to (`background_papers` left out is not `[]`).
//!
//! P300 TODO left in a field, P305 weekday and date, P307/P308 appendices,
//! P309 background papers, P310 implementation date, P311 tracker due dates.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::appendices::{self, Mention};
use super::dates::{self, Written};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::yaml::{Node, Pos, Value};

/// A 1-based line and column for a byte offset in `source`.
pub fn position(source: &str, offset: usize) -> Pos {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Every scalar that says TODO, with its field path: the skeleton that
/// `papers new` writes marks what the author must fill in this way.
pub fn todos(root: &Node) -> Vec<(String, Pos)> {
    let mut out = Vec::new();
    walk_todos(root, "", &mut out);
    out
}

fn walk_todos(node: &Node, path: &str, out: &mut Vec<(String, Pos)>) {
    match &node.value {
        Value::Scalar { text, .. } => {
            if says_todo(text) {
                out.push((path.to_string(), node.pos));
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_todos(item, &format!("{path}[{}]", i + 1), out);
            }
        }
        Value::Map(pairs) => {
            for (key, value) in pairs {
                let name = key.as_str().unwrap_or("?");
                let child = if path.is_empty() {
                    name.to_string()
                } else {
                    format!("{path}.{name}")
                };
                walk_todos(key, &child, out);
                walk_todos(value, &child, out);
            }
        }
    }
}

/// Whether `text` has the word TODO (the substring test first: a long body
/// is not split into words unless it has one).
fn says_todo(text: &str) -> bool {
    text.contains("TODO")
        && text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "TODO")
}

/// P300: one error per TODO left in a field.
pub fn todo_rule(root: &Node, out: &mut Vec<Diagnostic>) {
    for (path, pos) in todos(root) {
        out.push(
            Diagnostic::error(Code::P300, format!("`{path}` still says TODO"))
                .with_hint("fill in this field: the skeleton from `papers new` marks what the author must write")
                .at(pos.line, pos.column),
        );
    }
}

/// The positions of TODO scalars and of the mappings and lists that hold
/// them (not the file's root): a finding there is about an unfinished field
/// and is left to P300.
pub fn unfinished_positions(root: &Node) -> Vec<Pos> {
    let mut out = Vec::new();
    fn walk(node: &Node, depth: usize, out: &mut Vec<Pos>) -> bool {
        let has = match &node.value {
            Value::Scalar { text, .. } => says_todo(text),
            Value::Seq(items) => items
                .iter()
                .fold(false, |acc, i| walk(i, depth + 1, out) | acc),
            Value::Map(pairs) => pairs
                .iter()
                .fold(false, |acc, (_, v)| walk(v, depth + 1, out) | acc),
        };
        if has && depth > 0 {
            out.push(node.pos);
        }
        has
    }
    walk(root, 0, &mut out);
    out
}

fn month_number(name: &str) -> Option<i8> {
    let n = name.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| n.starts_with(m))
        .map(|i| i as i8 + 1)
}

fn weekday(name: &str) -> Weekday {
    match name.to_ascii_lowercase().as_str() {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        _ => Weekday::Sunday,
    }
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

fn ymd(y: &str, m: i8, d: &str) -> Option<Date> {
    Date::new(y.parse().ok()?, m, d.parse().ok()?).ok()
}

/// P305: a weekday named next to a date must be that date's weekday.
/// The whole file is scanned, comments aside.
pub fn weekday_rule(source: &str, out: &mut Vec<Diagnostic>) {
    for found in dates::weekday_dates(source) {
        if in_comment(source, found.span.start) {
            continue;
        }
        let said = found.weekday;
        let (date, written) = written_date(found.date);
        let text = source[found.span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let pos = position(source, found.span.start);
        let d = match date {
            None => Diagnostic::warning(Code::P305, format!("`{text}`: there is no such date"))
                .with_hint(format!("check the day ({written}) and the month")),
            Some(date) if date.weekday() != weekday(said) => Diagnostic::warning(
                Code::P305,
                format!(
                    "`{text}`: {} is a {}, not a {}",
                    date.strftime("%-d %B %Y"),
                    weekday_name(date.weekday()),
                    capitalise(said)
                ),
            )
            .with_hint("correct the weekday or the date; readers act on the date"),
            Some(_) => continue,
        };
        out.push(d.at(pos.line, pos.column));
    }
}

/// The date a written one stands for, if there is such a date, and its day
/// as written.
fn written_date(date: Written<'_>) -> (Option<Date>, &str) {
    match date {
        Written::Words { day, month, year } => {
            (month_number(month).and_then(|m| ymd(year, m, day)), day)
        }
        Written::Iso { year, month, day } => {
            (month.parse().ok().and_then(|m| ymd(year, m, day)), day)
        }
    }
}

fn capitalise(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Whether the byte at `offset` is inside a YAML comment (a `#` that starts
/// the line or follows a space, before it on the same line). Good enough
/// for prose, where `#` rarely follows a space.
fn in_comment(source: &str, offset: usize) -> bool {
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &source[line_start..offset];
    before.trim_start().starts_with('#') || before.contains(" #")
}

/// The first date written in `text`.
pub fn first_date(text: &str) -> Option<Date> {
    dates::prose_dates(text).find_map(|(_, date)| written_date(date).0)
}

/// An appendix identifier, "3" or "C", as the ordinal it stands for.
fn ordinal(id: &str) -> Option<usize> {
    if let Ok(n) = id.parse::<usize>() {
        return Some(n);
    }
    let c = id.chars().next()?;
    c.is_ascii_uppercase()
        .then(|| (c as u8 - b'A') as usize + 1)
}

/// The listed appendices: the text of each entry (a string, or the
/// `title` of a `{title, file}` entry) and its position.
fn listed_appendices(root: &Node) -> Vec<(String, Pos)> {
    let Some(node) = root.get("appendices") else {
        return Vec::new();
    };
    let entry = |n: &Node| -> Option<(String, Pos)> {
        match &n.value {
            Value::Scalar { text, .. } if !n.is_null() => Some((text.clone(), n.pos)),
            Value::Map(_) => n
                .get("title")
                .and_then(Node::as_str)
                .map(|t| (t.to_string(), n.pos)),
            _ => None,
        }
    };
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(entry).collect(),
        _ => entry(node).into_iter().collect(),
    }
}

/// The lines (1-based, inclusive start, exclusive end) of the top-level
/// field `key`, to leave it out of a scan of the text.
fn field_lines(root: &Node, key: &str) -> Option<(usize, usize)> {
    let Value::Map(pairs) = &root.value else {
        return None;
    };
    let i = pairs.iter().position(|(k, _)| k.as_str() == Some(key))?;
    let start = pairs[i].0.pos.line;
    let end = pairs.get(i + 1).map_or(usize::MAX, |(k, _)| k.pos.line);
    Some((start, end))
}

/// P307 and P308: every appendix the text mentions is listed, and every
/// listed appendix is mentioned. An entry labelled "Appendix B: ..." is
/// appendix B; an unlabelled entry is known by its place (the second is
/// appendix 2 or B).
pub fn appendix_rule(source: &str, root: &Node, out: &mut Vec<Diagnostic>) {
    let listed = listed_appendices(root);
    let ids: Vec<(Option<String>, usize)> = listed
        .iter()
        .enumerate()
        .map(|(i, (text, _))| (appendices::label(text).map(str::to_string), i + 1))
        .collect();
    let matches = |mention: &str| -> Option<usize> {
        ids.iter().position(|(label, place)| match label {
            Some(l) => l.eq_ignore_ascii_case(mention),
            None => ordinal(mention) == Some(*place),
        })
    };
    let skip = field_lines(root, "appendices");
    let mut mentioned = vec![false; listed.len()];
    for (span, mention) in appendices::mentions(source) {
        let pos = position(source, span.start);
        if skip.is_some_and(|(a, b)| pos.line >= a && pos.line < b)
            || in_comment(source, span.start)
        {
            continue;
        }
        let names: Vec<String> = match mention {
            Mention::One(one) => vec![one.to_string()],
            Mention::List(list) => expand_list(list),
        };
        for name in names {
            match matches(&name) {
                Some(i) => mentioned[i] = true,
                None => out.push(
                    Diagnostic::warning(Code::P307, format!(
                        "the text mentions Appendix {name}, but it is not listed in `appendices`"
                    ))
                    .with_hint(format!(
                        "add it to `appendices` (\"Appendix {name}: title\"), or correct the reference; {} listed",
                        match listed.len() {
                            0 => "no appendices are".to_string(),
                            1 => "1 appendix is".to_string(),
                            n => format!("{n} appendices are"),
                        }
                    ))
                    .at(pos.line, pos.column),
                ),
            }
        }
    }
    for (i, (text, pos)) in listed.iter().enumerate() {
        if mentioned[i] {
            continue;
        }
        let name = ids[i].0.clone().unwrap_or_else(|| (i + 1).to_string());
        out.push(
            Diagnostic::warning(Code::P308, format!(
                "Appendix {name} is listed but the report never mentions it: `{}`",
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            ))
            .with_hint(format!(
                "say in the text where the reader should turn to it (\"see Appendix {name}\"), or remove it from the list"
            ))
            .at(pos.line, pos.column),
        );
    }
}

/// "A and B", "1, 2 and 4", "1 to 3", "A-C".
fn expand_list(list: &str) -> Vec<String> {
    let tokens: Vec<&str> = list
        .split(|c: char| c == ',' || c == '&' || c.is_whitespace())
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("and"))
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if (t == "to" || t == "-" || t == "–") && i + 1 < tokens.len() {
            if let Some(prev) = out.last().cloned() {
                push_range(&prev, tokens[i + 1], &mut out);
            }
            i += 2;
            continue;
        }
        // "1-3" written without spaces
        if let Some((a, b)) = t.split_once(['-', '–']) {
            out.push(a.to_string());
            push_range(a, b, &mut out);
        } else {
            out.push(t.to_string());
        }
        i += 1;
    }
    out
}

/// The appendices after `first` up to `last` ("B" to "D" gives C, D; "2"
/// to "4" gives 3, 4), at most 26 of them.
fn push_range(first: &str, last: &str, out: &mut Vec<String>) {
    let (Some(a), Some(b)) = (ordinal(first), ordinal(last)) else {
        return;
    };
    let letters = first.chars().all(|c| c.is_ascii_uppercase());
    for n in a + 1..=b.min(a + 26) {
        out.push(if letters {
            ((b'A' + n as u8 - 1) as char).to_string()
        } else {
            n.to_string()
        });
    }
}

/// P309: `background_papers` is stated, even if as an empty list ("There
/// are no background papers"): leaving the field out is the usual way the
/// statement (section 100D of the 1972 Act) gets forgotten.
pub fn background_rule(root: &Node, out: &mut Vec<Diagnostic>) {
    if root.get("background_papers").is_none() {
        out.push(
            Diagnostic::warning(Code::P309, "the report does not state its background papers")
                .with_hint("list them under `background_papers:`, or write `background_papers: []` for \"There are no background papers\"")
                .at(root.pos.line, root.pos.column),
        );
    }
}

fn scalar_date(node: &Node) -> Option<Date> {
    node.as_str()?.trim().parse().ok()
}

/// P310: a date in `implementation_date` is not before the meeting.
pub fn implementation_rule(root: &Node, out: &mut Vec<Diagnostic>) {
    let (Some(meeting), Some(node)) = (
        root.get("meeting_date").and_then(scalar_date),
        root.get("implementation_date"),
    ) else {
        return;
    };
    let Some(date) = node.as_str().and_then(first_date) else {
        return;
    };
    if date < meeting {
        out.push(
            Diagnostic::warning(Code::P310, format!(
                "the implementation date {} is before the meeting ({})",
                date.strftime("%-d %B %Y"),
                meeting.strftime("%-d %B %Y")
            ))
            .with_hint("a decision takes effect after the meeting (and after call-in, for an executive decision): check the year")
            .at(node.pos.line, node.pos.column),
        );
    }
}

/// How far from `as_at` a due date may be before it looks like a typo.
pub const DUE_YEARS_BEFORE: i16 = 5;
pub const DUE_YEARS_AFTER: i16 = 10;

/// P311: tracker due dates within five years before and ten years after
/// `as_at` (a typo such as 2203 or 1023 is caught).
pub fn due_date_rule(root: &Node, out: &mut Vec<Diagnostic>) {
    let Some(as_at) = root.get("as_at").and_then(scalar_date) else {
        return;
    };
    let Some(Value::Seq(items)) = root.get("items").map(|n| &n.value) else {
        return;
    };
    let (Ok(earliest), Ok(latest)) = (
        as_at.checked_sub(DUE_YEARS_BEFORE.years()),
        as_at.checked_add(DUE_YEARS_AFTER.years()),
    ) else {
        return;
    };
    for item in items {
        let Some(node) = item.get("due") else {
            continue;
        };
        let Some(due) = scalar_date(node) else {
            continue;
        };
        let r = item.get("ref").and_then(Node::as_str).unwrap_or("?");
        let which = if due < earliest {
            format!("more than {DUE_YEARS_BEFORE} years before")
        } else if due > latest {
            format!("more than {DUE_YEARS_AFTER} years after")
        } else {
            continue;
        };
        out.push(
            Diagnostic::warning(
                Code::P311,
                format!(
                    "item `{r}` is due on {}, {which} the tracker's date ({})",
                    due, as_at
                ),
            )
            .with_hint("check the year of `due`")
            .at(node.pos.line, node.pos.column),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekday_findings(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        weekday_rule(text, &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn weekdays_must_match_their_dates() {
        assert!(weekday_findings("on Monday 7 November 2022 the").is_empty());
        assert!(weekday_findings("Monday, 7th of November 2022").is_empty());
        assert!(weekday_findings("Monday November 7, 2022").is_empty());
        assert!(weekday_findings("Monday 2022-11-07").is_empty());
        let found = weekday_findings("meets on Tuesday 7 November\n    2022 at");
        assert_eq!(
            found,
            ["`Tuesday 7 November 2022`: 7 November 2022 is a Monday, not a Tuesday"]
        );
        assert_eq!(
            weekday_findings("Friday 30 February 2024"),
            ["`Friday 30 February 2024`: there is no such date"]
        );
        assert!(weekday_findings("# Tuesday 7 November 2022").is_empty());
        // Any case, and a non-breaking space pasted from Word: the patterns
        // are ASCII but for their whitespace.
        assert_eq!(
            weekday_findings("TUESDAY 7\u{a0}NOVEMBER\u{a0}2022"),
            ["`TUESDAY 7 NOVEMBER 2022`: 7 November 2022 is a Monday, not a Tuesday"]
        );
        assert!(first_date("on 7\u{a0}Nov 2022").is_some());
    }

    #[test]
    fn dates_in_prose() {
        assert_eq!(
            first_date("1 October 2024, after call-in"),
            Some(jiff::civil::date(2024, 10, 1))
        );
        assert_eq!(
            first_date("from 2023-04-01"),
            Some(jiff::civil::date(2023, 4, 1))
        );
        assert_eq!(first_date("Immediately following the meeting."), None);
    }

    #[test]
    fn appendix_lists() {
        assert_eq!(expand_list("A and B"), ["A", "B"]);
        assert_eq!(expand_list("1, 2 and 4"), ["1", "2", "4"]);
        assert_eq!(expand_list("1 to 3"), ["1", "2", "3"]);
        assert_eq!(expand_list("A-C"), ["A", "B", "C"]);
    }

    #[test]
    fn positions_count_characters() {
        let src = "a: x\nb: £ Monday";
        assert_eq!(
            position(src, src.find("Monday").unwrap()),
            Pos { line: 2, column: 6 }
        );
    }
}
