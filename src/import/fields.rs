//! The header rows and the parts turned into the report's fields, in the
//! house style's order, with TODO where the Word report did not say.

use super::document::{Block, Para};
use super::header::{self, Row};
use super::labels::{self, normalise};
use super::markdown::Converter;
use super::parts::{self, Segment, Target};
use super::values;
use super::yaml::{Value, todo};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Council;
use crate::model::catalogue;
use crate::model::style::{FieldKind, HouseStyle};

pub struct Built {
    pub fields: Vec<(String, Value)>,
    pub account: Vec<String>,
}

fn warn(message: String, hint: &str) -> Diagnostic {
    Diagnostic::warning(Code::P131, message).with_hint(hint.to_string())
}

fn text_or_todo(t: String) -> Value {
    if t.trim().is_empty() {
        todo()
    } else {
        Value::Text(t)
    }
}

fn raw_yes_no(b: bool) -> Value {
    Value::Raw(if b { "Yes" } else { "No" }.into())
}

struct Ctx<'a, 'c> {
    conv: &'a mut Converter<'c>,
    council: &'a Council,
    style: &'a HouseStyle,
    warnings: &'a mut Vec<Diagnostic>,
    /// Text that belongs to no field: (where it came from, Markdown).
    stray: Vec<(String, String)>,
}

pub fn build(
    blocks: &[Block],
    conv: &mut Converter,
    council: &Council,
    style: &HouseStyle,
    unprinted: &[(String, serde_json::Value)],
    warnings: &mut Vec<Diagnostic>,
) -> Built {
    let h = parts::headings(blocks, conv, style);
    let is_part = |i: usize| h.parts[i].is_some();
    let (skip, rows) = header::find(blocks, &is_part, conv, style);
    let (segments, title) = parts::segments(blocks, &skip, &h, conv, style);
    let mut cx = Ctx {
        conv,
        council,
        style,
        warnings,
        stray: Vec::new(),
    };
    let mut values: Vec<(String, Value)> = Vec::new();
    let mut account = Vec::new();

    for row in &rows {
        let Some(id) = &row.id else {
            if !row.value.trim().is_empty() {
                cx.warnings.push(warn(
                    format!("header row `{}` names no field of the house style", row.label),
                    "its text is in the body under a heading that names it: move it where it belongs",
                ));
                cx.stray
                    .push((format!("the header's \"{}\"", row.label), row.value.clone()));
            }
            continue;
        };
        // "Enclosures" prints the appendices' titles on one line.
        if id == "enclosures" && !values.iter().any(|(k, _)| k == "appendices") {
            account.push(format!(
                "{:<20} <- \"{}\" ({})",
                "appendices", row.label, row.source
            ));
            values.push(("appendices".into(), enclosures(&row.value)));
            continue;
        }
        if values.iter().any(|(k, _)| k == id) || catalogue::is_derived(id) {
            account.push(format!(
                "{:<20} not imported: \"{}\" is derived or given twice",
                id, row.label
            ));
            continue;
        }
        let v = header_value(&mut cx, id, row);
        account.push(format!("{id:<20} <- \"{}\" ({})", row.label, row.source));
        values.push((id.clone(), v));
    }
    if let Some(t) = title
        && !values.iter().any(|(k, _)| k == "subject")
    {
        account.push(format!("{:<20} <- the document's title", "subject"));
        values.push(("subject".into(), Value::Text(t)));
    }

    let mut body = String::new();
    let mut preamble = Vec::new();
    let mut exempt_mark: Option<String> = None;
    for seg in &segments {
        match &seg.target {
            Target::Preamble => {
                for b in &seg.blocks {
                    if let Block::Para(p) = b {
                        let t = cx.conv.plain(p);
                        // The lines `papers render --to docx` writes under
                        // the title (the meeting, an exempt or DRAFT
                        // mark): the paper's, not the author's.
                        let ours = format!("{}: report to ", cx.council.name);
                        let mark = t.starts_with("NOT FOR PUBLICATION") || t == "DRAFT";
                        if t.starts_with("NOT FOR PUBLICATION") && exempt_mark.is_none() {
                            exempt_mark = Some(t.clone());
                        }
                        if !t.is_empty() && !t.starts_with(&ours) && !mark {
                            preamble.push(t);
                        }
                    }
                }
            }
            Target::Part(id) => {
                let heading = seg.heading.as_ref().map_or("", |h| h.0.as_str());
                if id == "body" {
                    let md = cx.conv.blocks(&seg.blocks);
                    push_md(&mut body, &md);
                    account.push(format!(
                        "{:<20} <- \"{heading}\" and the sections after it",
                        "body"
                    ));
                    continue;
                }
                if values.iter().any(|(k, _)| k == id) {
                    let md = cx.conv.blocks(&seg.blocks);
                    cx.warnings.push(warn(
                        format!("`{id}` is in the header and under the heading \"{heading}\": the header's is kept"),
                        "the heading's text is in the body: remove whichever is wrong",
                    ));
                    cx.stray.push((format!("\"{heading}\""), md));
                    continue;
                }
                let v = part_value(&mut cx, id, heading, seg);
                account.push(format!("{id:<20} <- \"{heading}\""));
                values.push((id.clone(), v));
            }
            Target::Body(md_heading) => {
                let md = cx.conv.blocks(&seg.blocks);
                push_md(&mut body, md_heading);
                push_md(&mut body, &md);
                if !account.iter().any(|a| a.starts_with("body ")) {
                    account.push(format!(
                        "{:<20} <- the sections from \"{}\"",
                        "body",
                        seg.heading.as_ref().map_or("", |h| h.0.as_str())
                    ));
                }
            }
            Target::Unmatched(heading) => {
                let md = cx.conv.blocks(&seg.blocks);
                if md.trim().is_empty() {
                    preamble.push(heading.clone());
                    continue;
                }
                cx.warnings.push(warn(
                    format!("the text under \"{heading}\" matches no part of the house style: it is in the body"),
                    "move it into the field it belongs to, or keep it as a section of the body",
                ));
                cx.stray.push((format!("\"{heading}\""), md));
            }
        }
    }
    // A style that prints no exempt row still marks an exempt report
    // NOT FOR PUBLICATION under its title: the paragraphs are read there.
    if let Some(mark) = exempt_mark
        && !values.iter().any(|(k, _)| k == "exempt")
    {
        let v = exempt(&mut cx, &mark);
        account.push(format!("{:<20} <- the NOT FOR PUBLICATION mark", "exempt"));
        values.push(("exempt".into(), v));
    }
    // What the paper does not print, kept in the document's properties
    // by `papers render`: a field of this style the Word text left out.
    for (id, v) in unprinted {
        let known = style.known_ids().contains(&id.as_str()) && !catalogue::is_derived(id);
        if !known {
            account.push(format!(
                "{id:<20} not imported: a property of the .docx, not a field of this house style"
            ));
        } else if !values.iter().any(|(k, _)| k == id) {
            account.push(format!("{id:<20} <- the document's properties"));
            values.push((id.clone(), from_json(v)));
        }
    }
    // A key decision's notice is a rule's business in England, but a style
    // may print no forward-plan row: the officer is asked for it.
    if key_decision_needs_notice(&values, council, style) {
        account.push(format!(
            "{:<20} TODO: a key decision, and the house style prints no forward-plan row",
            "forward_plan"
        ));
        values.push(("forward_plan".into(), todo()));
    }
    for (from, md) in std::mem::take(&mut cx.stray) {
        push_md(
            &mut body,
            &format!("## From the Word report: {}", from.replace('\n', " ")),
        );
        push_md(&mut body, &md);
        account.push(format!("{:<20} <- {from} (matched no field)", "body"));
    }
    if !body.trim().is_empty() {
        values.retain(|(k, _)| k != "body");
        values.push(("body".into(), Value::Text(format!("{}\n", body.trim()))));
    }
    if !preamble.is_empty() {
        let mut shown: String = preamble.join(" / ");
        if shown.chars().count() > 120 {
            shown = shown.chars().take(117).collect::<String>() + "...";
        }
        cx.warnings.push(warn(
            format!("text before the report's header and parts was not imported: \"{shown}\""),
            "it is usually the council's name or the template's title; copy anything else by hand",
        ));
    }

    let fields = ordered(values, council, style);
    for (id, v) in &fields {
        if *v == todo()
            || matches!(v, Value::Map(_))
                && !account.iter().any(|a| a.starts_with(&format!("{id} ")))
        {
            account.push(format!("{id:<20} TODO: not in the Word report"));
        }
    }
    Built { fields, account }
}

/// Whether the report is a key decision whose forward-plan notice the
/// Word report cannot say: the style prints no such row, the council keeps
/// the key-decision rule, and neither the notice nor an urgency route came
/// from the document (its text or its properties).
fn key_decision_needs_notice(
    values: &[(String, Value)],
    council: &Council,
    style: &HouseStyle,
) -> bool {
    let rule_off = council
        .rules
        .0
        .iter()
        .any(|r| r.code == "P201" && r.level == crate::model::council::RuleLevel::Off);
    let yes = |v: &Value| {
        match v {
        Value::Raw(t) | Value::Text(t) => crate::load::decode::parse_yes_no(t) == Some(true),
        Value::Map(pairs) => pairs.iter().any(|(k, v)| k == "answer" && matches!(v, Value::Raw(t) | Value::Text(t) if crate::load::decode::parse_yes_no(t) == Some(true))),
        Value::List(_) => false,
    }
    };
    let given = |id: &str| values.iter().any(|(k, _)| k == id);
    !rule_off
        && !style.places("forward_plan")
        && style.known_ids().contains(&"forward_plan")
        && values.iter().any(|(k, v)| k == "key_decision" && yes(v))
        && !given("forward_plan")
        && !given("urgency")
}

/// A value kept as JSON, as the YAML writes it.
fn from_json(v: &serde_json::Value) -> Value {
    use serde_json::Value as J;
    match v {
        J::Null => Value::Raw("null".into()),
        J::Bool(b) => Value::Raw(b.to_string()),
        J::Number(n) => Value::Raw(n.to_string()),
        // Yes and No as an author writes them, unquoted.
        J::String(s) if crate::load::decode::parse_yes_no(s).is_some() => Value::Raw(s.clone()),
        J::String(s) => Value::Text(s.clone()),
        J::Array(items) => Value::List(items.iter().map(from_json).collect()),
        J::Object(map) => Value::Map(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect()),
    }
}

fn push_md(out: &mut String, md: &str) {
    let md = md.trim();
    if md.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(md);
}

/// A header value read into its field's type; kept as text, with a
/// warning, when it does not fit.
fn header_value(cx: &mut Ctx, id: &str, row: &Row) -> Value {
    let text = row.value.trim().to_string();
    if text.is_empty() {
        return todo();
    }
    let kept = |cx: &mut Ctx, what: &str| {
        cx.warnings.push(warn(
            format!("`{id}`: \"{text}\" is not {what}; it is kept as written"),
            "correct it in the YAML: `papers check` says what the field takes",
        ));
        Value::Text(text.clone())
    };
    let custom = cx.style.custom(id).map(|f| f.kind.clone());
    match (id, custom) {
        ("committee", _) if !cx.council.committees.is_empty() => {
            match values::one_of(&text, &cx.council.committees) {
                Some(c) => Value::Text(c),
                None => kept(cx, "one of council.yaml's committees"),
            }
        }
        ("meeting_date", _) | (_, Some(FieldKind::Date)) => match values::date(&text) {
            Some(d) => Value::Raw(d),
            None => kept(cx, "a date"),
        },
        ("wards", _) => match values::wards(&text, &cx.council.wards) {
            values::Wards::All => Value::Raw("all".into()),
            values::Wards::Listed { known, unknown } => {
                if !unknown.is_empty() && !cx.council.wards.is_empty() {
                    cx.warnings.push(warn(
                        format!(
                            "`wards`: {} not among council.yaml's wards; kept as written",
                            unknown.join(", ")
                        ),
                        "spell each ward as council.yaml does, or write `all`",
                    ));
                }
                let all: Vec<Value> = known.into_iter().chain(unknown).map(Value::Text).collect();
                if all.is_empty() {
                    todo()
                } else {
                    Value::List(all)
                }
            }
        },
        ("key_decision", _) | (_, Some(FieldKind::YesNo)) => match values::yes_no(&text) {
            Some((a, None)) => raw_yes_no(a),
            Some((a, Some(reason))) => Value::Map(vec![
                ("answer".into(), raw_yes_no(a)),
                ("reason".into(), Value::Text(reason)),
            ]),
            None => kept(cx, "Yes or No"),
        },
        ("forward_plan", _) => match values::yes_no(&text) {
            Some((a, reason)) => {
                if let Some(r) = reason {
                    cx.warnings.push(warn(
                        format!("`forward_plan`: the reason \"{r}\" is not kept (the field is Yes or No)"),
                        "put the reason in the body if it matters",
                    ));
                }
                raw_yes_no(a)
            }
            None => kept(cx, "Yes or No"),
        },
        ("exempt", _) => exempt(cx, &text),
        (_, Some(FieldKind::Choice(options))) => match values::one_of(&text, &options) {
            Some(c) => Value::Text(c),
            None => kept(cx, "one of the field's choices"),
        },
        _ => Value::Text(text.replace('\n', " ")),
    }
}

fn exempt(cx: &mut Ctx, text: &str) -> Value {
    let n = normalise(text);
    let paragraphs: Vec<Value> = exempt_paragraphs(text)
        .into_iter()
        .map(Value::Raw)
        .collect();
    if n.starts_with("not exempt") || n == "none" || n == "n a" {
        return Value::Raw("No".into());
    }
    match values::yes_no(text) {
        Some((false, _)) => Value::Raw("No".into()),
        Some((true, _)) | None if !paragraphs.is_empty() => {
            let mut pairs = vec![("paragraphs".into(), Value::List(paragraphs))];
            let parts = exempt_parts(text);
            if !parts.is_empty() {
                pairs.push((
                    "parts".into(),
                    Value::List(parts.into_iter().map(Value::Text).collect()),
                ));
            }
            Value::Map(pairs)
        }
        Some((true, _)) => {
            cx.warnings.push(warn(
                "`exempt`: the report is exempt but names no paragraph of the schedule".into(),
                "write the paragraph where the YAML says TODO",
            ));
            Value::Map(vec![("paragraphs".into(), Value::List(vec![todo()]))])
        }
        None => {
            cx.warnings.push(warn(
                format!("`exempt`: \"{text}\" is neither No nor exempt paragraphs; it is kept as written"),
                "write `No`, or `{ paragraphs: [3] }`",
            ));
            Value::Text(text.to_string())
        }
    }
}

/// The appendices' titles from the header's "Enclosures" line (joined by
/// "; ", or "None").
fn enclosures(text: &str) -> Value {
    let n = normalise(text);
    if n.is_empty() || n == "none" || n == "n a" {
        return Value::List(Vec::new());
    }
    Value::List(
        text.split(';')
            .map(|t| t.trim().replace('\n', " "))
            .filter(|t| !t.is_empty())
            .map(Value::Text)
            .collect(),
    )
}

/// The schedule's paragraphs an exempt line names: the numbers right
/// after its first "paragraph(s)" ("paragraphs 3 and 5", "paragraph 14 of
/// Part 4 and paragraph 21 of Part 5" → 14: the public interest test's
/// paragraph is the law's, not the report's).
fn exempt_paragraphs(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower.find("paragraph") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let words = lower[at..]
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .skip(1);
    for w in words {
        if w.starts_with(|c: char| c.is_ascii_digit()) && w.len() <= 3 {
            out.push(w.to_ascii_uppercase());
        } else if w != "and" || out.is_empty() {
            break;
        }
    }
    out
}

/// The exempt parts a header row names in brackets after the paragraphs
/// ("Yes – Schedule 12A paragraph 3 (Appendix 3)").
fn exempt_parts(text: &str) -> Vec<String> {
    let t = text.trim();
    let Some(inner) = t
        .strip_suffix(')')
        .and_then(|r| r.rsplit_once('('))
        .map(|(_, inner)| inner)
    else {
        return Vec::new();
    };
    inner
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// The paragraphs and list items of a part, one entry each, an
/// introductory line ("Cabinet is requested to:") left out.
fn items(cx: &mut Ctx, blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Para(p) => {
                let is_item = cx.conv.item(p).is_some();
                let t = cx.conv.line(p);
                let t = t
                    .trim_start_matches(['•', '·', '▪', '◦', '–'])
                    .trim()
                    .to_string();
                if t.is_empty() || (!is_item && t.ends_with(':') && out.is_empty()) {
                    continue;
                }
                out.push(t);
            }
            Block::Table(_) => {
                let md = cx.conv.blocks(std::slice::from_ref(b));
                if !md.is_empty() {
                    out.push(md);
                }
            }
        }
    }
    out
}

fn says_none(items: &[String]) -> bool {
    items.len() == 1 && {
        let n = normalise(&items[0]);
        n == "none"
            || n == "n a"
            || n == "not applicable"
            || n.starts_with("there are no")
            || n.starts_with("no ")
    }
}

/// The paragraphs of `blocks` as units: a label (text before a colon,
/// a table row's first cell or a short line) and its value.
struct Unit {
    label: String,
    value: String,
    whole: String,
}

fn units(cx: &mut Ctx, blocks: &[Block]) -> Vec<Unit> {
    let mut out = Vec::new();
    let para_unit = |cx: &mut Ctx, p: &Para| {
        let plain = cx.conv.plain(p);
        let md = cx.conv.line(p);
        match plain.split_once(':') {
            Some((l, _)) if l.len() <= 80 => {
                let v = md.split_once(':').map_or("", |(_, v)| v);
                // "**Label:** value": the label's closing mark is not the value's.
                let marks = &md[..md.len() - md.trim_start_matches('*').len()];
                let v = match v.strip_prefix(marks) {
                    Some(rest) if !marks.is_empty() => rest,
                    _ => v,
                }
                .trim()
                .to_string();
                Unit {
                    label: l.to_string(),
                    value: v,
                    whole: md,
                }
            }
            _ if plain.chars().count() <= 60 => Unit {
                label: plain.clone(),
                value: String::new(),
                whole: md,
            },
            _ => Unit {
                label: String::new(),
                value: md.clone(),
                whole: md,
            },
        }
    };
    for b in blocks {
        match b {
            Block::Para(p) => {
                let u = para_unit(cx, p);
                if !u.whole.is_empty() {
                    out.push(u);
                }
            }
            Block::Table(rows) => {
                for row in rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| {
                            c.iter()
                                .map(|p| cx.conv.line(p))
                                .filter(|t| !t.is_empty())
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect();
                    let label = row
                        .first()
                        .map(|c| {
                            c.iter()
                                .map(|p| cx.conv.plain(p))
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .unwrap_or_default();
                    let value = cells
                        .iter()
                        .skip(1)
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" ");
                    let whole = cells.join(" ");
                    if !whole.trim().is_empty() {
                        out.push(Unit {
                            label,
                            value,
                            whole,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Sub-fields by keywords in their labels: each key's value is the text
/// after its label, or the paragraphs after a label on its own. What
/// comes under no key is returned apart.
fn keyed(
    cx: &mut Ctx,
    blocks: &[Block],
    keys: &[(&str, Vec<String>)],
) -> (Vec<(String, String)>, Vec<String>) {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut rest = Vec::new();
    let mut current: Option<usize> = None;
    for u in units(cx, blocks) {
        let label = normalise(&u.label);
        let key = (!label.is_empty() && label.split(' ').count() <= 12)
            .then(|| {
                keys.iter().find(|(k, kws)| {
                    !found.iter().any(|(f, _)| f == k)
                        && kws.iter().any(|kw| {
                            label == *kw
                                || label.starts_with(kw.as_str())
                                || label.contains(&format!(" {kw}"))
                                || strsim::normalized_levenshtein(&label, kw) >= 0.8
                        })
                })
            })
            .flatten();
        match key {
            Some((k, _)) => {
                found.push((k.to_string(), u.value.trim().to_string()));
                current = Some(found.len() - 1);
            }
            None => match current {
                Some(i) => {
                    let v = &mut found[i].1;
                    if !v.is_empty() {
                        v.push_str("\n\n");
                    }
                    v.push_str(&u.whole);
                }
                None => rest.push(u.whole),
            },
        }
    }
    (found, rest)
}

fn kw(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| normalise(w)).collect()
}

/// A structured part from its keyed sub-fields, TODO where one is missing.
fn structured(
    cx: &mut Ctx,
    id: &str,
    heading: &str,
    seg: &Segment,
    keys: &[(&str, Vec<String>)],
    answer: &dyn Fn(&str, &str) -> Option<Value>,
) -> Value {
    let (found, rest) = keyed(cx, &seg.blocks, keys);
    let mut pairs = Vec::new();
    for (k, _) in keys {
        let v = found.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone());
        let value = match v {
            Some(v) if !v.trim().is_empty() => {
                match answer(k, &v) {
                    Some(a) => a,
                    None => {
                        cx.warnings.push(warn(
                        format!("`{id}.{k}`: \"{}\" is not an answer it takes; it is kept as written", v.trim()),
                        "`papers check` says what the field takes",
                    ));
                        Value::Text(v)
                    }
                }
            }
            _ => todo(),
        };
        pairs.push((k.to_string(), value));
    }
    // The paper's own words around the entries (the climate table's
    // opening line and its header row) are not the author's text.
    let boilerplate = |id: &str, line: &str| {
        let line = normalise(line);
        match id {
            "climate" => {
                line == normalise("The recommendations within this report will")
                    || line == normalise("Climate emergency implication Answer")
            }
            "contact" => line == normalise("Contact Officer"),
            _ => false,
        }
    };
    let rest: Vec<String> = rest.into_iter().filter(|l| !boilerplate(id, l)).collect();
    if !rest.is_empty() {
        cx.warnings.push(warn(
            format!(
                "text under \"{heading}\" belongs to none of `{id}`'s entries: it is in the body"
            ),
            "move it into the entry it belongs to",
        ));
        cx.stray.push((format!("\"{heading}\""), rest.join("\n\n")));
    }
    Value::Map(pairs)
}

/// A contact entry as the report gives it: the paper's "Not given" for an
/// empty telephone, an email's link as its address.
fn contact_value(key: &str, v: &str) -> String {
    match key {
        "telephone" if v.trim().eq_ignore_ascii_case("not given") => String::new(),
        "email" => {
            let v = v.trim().trim_start_matches('<').trim_end_matches('>');
            match v.strip_prefix('[').and_then(|r| r.split_once("](")) {
                Some((text, _)) => text.to_string(),
                None => v.trim_start_matches("mailto:").to_string(),
            }
        }
        _ => v.to_string(),
    }
}

fn climate_answer(k: &str, v: &str) -> Option<Value> {
    let n = normalise(v);
    let first = n.split(' ').next().unwrap_or("");
    match (k, first) {
        (_, "yes" | "y" | "x") => Some(Value::Raw("Yes".into())),
        (_, "no" | "n") if n != "n a" => Some(Value::Raw("No".into())),
        ("training", _) => None,
        _ if n == "n a" || n == "na" || n == "not applicable" => Some(Value::Raw("N/A".into())),
        _ => None,
    }
}

fn part_value(cx: &mut Ctx, id: &str, heading: &str, seg: &Segment) -> Value {
    let custom = cx.style.custom(id).map(|f| f.kind.clone());
    match (id, custom) {
        ("recommendations", _) | (_, Some(FieldKind::List)) => {
            let items = items(cx, &seg.blocks);
            if items.is_empty() {
                Value::List(vec![todo()])
            } else {
                Value::List(items.into_iter().map(Value::Text).collect())
            }
        }
        ("appendices" | "background_papers", _) => {
            let items = items(cx, &seg.blocks);
            if says_none(&items) {
                Value::List(Vec::new())
            } else {
                Value::List(items.into_iter().map(Value::Text).collect())
            }
        }
        ("costs", _) => structured(
            cx,
            id,
            heading,
            seg,
            &[("revenue", kw(&["revenue"])), ("capital", kw(&["capital"]))],
            &|_, v| Some(Value::Text(v.into())),
        ),
        ("implications", _) => structured(
            cx,
            id,
            heading,
            seg,
            &[
                (
                    "resources",
                    kw(&["resource", "resources", "financial", "finance"]),
                ),
                ("legal", kw(&["legal"])),
                (
                    "equality",
                    kw(&["equality", "equalities", "equality implications"]),
                ),
            ],
            &|_, v| Some(Value::Text(v.into())),
        ),
        ("climate", _) => structured(
            cx,
            id,
            heading,
            seg,
            &[
                ("positive", kw(&["positive", "have a positive impact"])),
                ("neutral", kw(&["neutral", "have a neutral impact"])),
                ("negative", kw(&["negative", "have a negative impact"])),
                ("training", kw(&["training", "climate emergency training"])),
            ],
            &climate_answer,
        ),
        ("contact", _) => {
            let mut v = structured(
                cx,
                id,
                heading,
                seg,
                &[
                    (
                        "name",
                        kw(&["contact officer", "name", "officer", "author"]),
                    ),
                    (
                        "telephone",
                        kw(&["telephone", "tel", "phone", "telephone number"]),
                    ),
                    ("email", kw(&["email", "e mail", "email address"])),
                ],
                &|k, v| {
                    let v = v.replace('\n', " ").replace('\\', "");
                    Some(Value::Text(contact_value(k, &v)))
                },
            );
            if let Value::Map(pairs) = &mut v {
                for (k, val) in pairs.iter_mut() {
                    if k == "telephone" && *val == todo() {
                        *val = Value::Text(String::new());
                    }
                }
            }
            v
        }
        ("consultations", _) => consultations(cx, heading, seg),
        ("core_purpose", _) => core_purpose(cx, heading, seg),
        (_, Some(FieldKind::YesNo)) => {
            let t = markdown_of(cx, seg);
            match values::yes_no(&t) {
                Some((a, None)) => raw_yes_no(a),
                Some((a, Some(r))) => Value::Map(vec![
                    ("answer".into(), raw_yes_no(a)),
                    ("reason".into(), Value::Text(r)),
                ]),
                None => text_or_todo(t),
            }
        }
        (_, Some(FieldKind::Date)) => {
            let t = markdown_of(cx, seg);
            values::date(&t)
                .map(Value::Raw)
                .unwrap_or_else(|| text_or_todo(t))
        }
        (_, Some(FieldKind::Table(columns))) => table_rows(cx, id, heading, seg, &columns),
        (_, Some(FieldKind::Officer)) => officer(cx, id, heading, seg),
        (_, Some(FieldKind::Text)) => text_or_todo(markdown_of(cx, seg).replace("\n\n", " ")),
        _ => text_or_todo(markdown_of(cx, seg)),
    }
}

/// A council's `table` field: the rows of the part's table, each its
/// cells' Markdown, the printed header row (the declared columns) left out.
fn table_rows(cx: &mut Ctx, id: &str, heading: &str, seg: &Segment, columns: &[String]) -> Value {
    let mut rows = Vec::new();
    let mut other = Vec::new();
    for b in &seg.blocks {
        match b {
            Block::Table(table) if other.is_empty() => {
                for (i, row) in table.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|paras| {
                            paras
                                .iter()
                                .map(|p| cx.conv.line(p).replace("\\\n", " ").replace('\n', " "))
                                .filter(|t| !t.is_empty())
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect();
                    let plain: Vec<String> = cells
                        .iter()
                        .map(|c| normalise(&c.replace('*', "")))
                        .collect();
                    let header = i == 0
                        && plain.len() == columns.len()
                        && plain.iter().zip(columns).all(|(c, h)| *c == normalise(h));
                    if !header && cells.iter().any(|c| !c.is_empty()) {
                        rows.push(Value::List(cells.into_iter().map(Value::Text).collect()));
                    }
                }
            }
            Block::Para(p) if cx.conv.line(p).is_empty() => {}
            _ => other.push(b.clone()),
        }
    }
    if !other.is_empty() {
        let md = cx.conv.blocks(&other);
        cx.warnings.push(warn(
            format!("text under \"{heading}\" is not in `{id}`'s table: it is in the body"),
            "move it into the table, or keep it as a section of the body",
        ));
        cx.stray.push((format!("\"{heading}\""), md));
    }
    if rows.is_empty() {
        todo()
    } else {
        Value::List(rows)
    }
}

/// A council's `officer` field: name, post, telephone and email by their
/// labels, those not given left out (only the name is required).
fn officer(cx: &mut Ctx, id: &str, heading: &str, seg: &Segment) -> Value {
    let v = structured(
        cx,
        id,
        heading,
        seg,
        &[
            ("name", kw(&["name", "officer", "contact officer"])),
            ("post", kw(&["post", "job title", "position", "role"])),
            (
                "telephone",
                kw(&["telephone", "tel", "phone", "telephone number"]),
            ),
            ("email", kw(&["email", "e mail", "email address"])),
        ],
        &|k, v| {
            let v = v.replace('\n', " ").replace('\\', "");
            Some(Value::Text(contact_value(k, unemphasised(&v))))
        },
    );
    match v {
        Value::Map(pairs) => Value::Map(
            pairs
                .into_iter()
                .filter(|(k, v)| k == "name" || *v != todo())
                .collect(),
        ),
        v => v,
    }
}

/// A plain value without the emphasis a whole run was typed in (a name in
/// bold): an officer's name and post are text, not Markdown.
fn unemphasised(v: &str) -> &str {
    let mut v = v.trim();
    for mark in ["**", "__", "*", "_"] {
        if v.len() > 2 * mark.len() && v.starts_with(mark) && v.ends_with(mark) {
            v = v[mark.len()..v.len() - mark.len()].trim();
        }
    }
    v
}

fn markdown_of(cx: &mut Ctx, seg: &Segment) -> String {
    cx.conv.blocks(&seg.blocks)
}

/// A clearance reference: the council's prefix, then a number.
fn reference(text: &str, prefix: &str) -> Option<String> {
    if prefix.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(at) = text[from..].find(prefix) {
        let start = from + at;
        let after = &text[start + prefix.len()..];
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let rest = after.trim_start_matches(['.', ' ', ':', '\u{a0}']);
        // "FD 6993/22": the number, without the year after it.
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if before_ok && !digits.is_empty() {
            return Some(format!("{prefix}. {digits}"));
        }
        from = start + prefix.len();
    }
    None
}

fn consultations(cx: &mut Ctx, heading: &str, seg: &Segment) -> Value {
    let all = cx.conv.blocks(&seg.blocks).replace('\\', "");
    let (found, _) = keyed(
        cx,
        &seg.blocks,
        &[
            ("internal", kw(&["internal", "internal consultations"])),
            ("external", kw(&["external", "external consultations"])),
        ],
    );
    let finance = reference(&all, &cx.council.clearances.finance.prefix);
    let legal = reference(&all, &cx.council.clearances.legal.prefix);
    let mut pairs = Vec::new();
    let fin_prefix = &cx.council.clearances.finance.prefix;
    let legal_prefix = &cx.council.clearances.legal.prefix;
    pairs.push((
        "finance_clearance".to_string(),
        finance
            .clone()
            .map_or_else(|| Value::Text(format!("{fin_prefix}. TODO")), Value::Text),
    ));
    pairs.push((
        "legal_clearance".to_string(),
        legal
            .clone()
            .map_or_else(|| Value::Text(format!("{legal_prefix}. TODO")), Value::Text),
    ));
    if finance.is_none()
        && legal.is_none()
        && let Some((_, internal)) = found.iter().find(|(k, _)| k == "internal")
        && !internal.trim().is_empty()
    {
        pairs.push(("internal".to_string(), Value::Text(internal.clone())));
    }
    let external = found
        .iter()
        .find(|(k, _)| k == "external")
        .map(|(_, v)| v.clone());
    pairs.push((
        "external".to_string(),
        external
            .filter(|e| !e.trim().is_empty())
            .map_or_else(todo, Value::Text),
    ));
    if found.is_empty() && !all.trim().is_empty() && finance.is_none() && legal.is_none() {
        cx.warnings.push(warn(
            format!(
                "no clearance references were found under \"{heading}\": its text is in the body"
            ),
            "write the finance and legal clearance references where the YAML says TODO",
        ));
        cx.stray.push((format!("\"{heading}\""), all));
    }
    Value::Map(pairs)
}

fn core_purpose(cx: &mut Ctx, heading: &str, seg: &Segment) -> Value {
    let purposes = cx.council.core_purposes.clone();
    if purposes.is_empty() {
        let (found, _) = keyed(cx, &seg.blocks, &[]);
        let _ = found;
        return text_or_todo(cx.conv.blocks(&seg.blocks));
    }
    let keys: Vec<(&str, Vec<String>)> = purposes
        .iter()
        .map(|p| (p.as_str(), vec![normalise(p)]))
        .collect();
    structured(cx, "core_purpose", heading, seg, &keys, &|_, v| {
        Some(Value::Text(v.into()))
    })
}

/// A required field the report did not give, as the skeleton writes it.
fn missing(id: &str, council: &Council) -> Value {
    let map = |keys: &[&str]| Value::Map(keys.iter().map(|k| (k.to_string(), todo())).collect());
    match id {
        "recommendations" => Value::List(vec![todo()]),
        "costs" => map(&["revenue", "capital"]),
        "implications" => map(&["resources", "legal", "equality"]),
        "climate" => map(&["positive", "neutral", "negative", "training"]),
        "contact" => Value::Map(vec![
            ("name".into(), todo()),
            ("telephone".into(), Value::Text(String::new())),
            ("email".into(), todo()),
        ]),
        "consultations" => Value::Map(vec![
            (
                "finance_clearance".into(),
                Value::Text(format!("{}. TODO", council.clearances.finance.prefix)),
            ),
            (
                "legal_clearance".into(),
                Value::Text(format!("{}. TODO", council.clearances.legal.prefix)),
            ),
            ("external".into(), todo()),
        ]),
        "core_purpose" if !council.core_purposes.is_empty() => Value::Map(
            council
                .core_purposes
                .iter()
                .map(|p| (p.clone(), todo()))
                .collect(),
        ),
        _ => todo(),
    }
}

/// The fields in the house style's order (header, then parts, then the
/// rest), with every required field present.
fn ordered(
    mut values: Vec<(String, Value)>,
    council: &Council,
    style: &HouseStyle,
) -> Vec<(String, Value)> {
    let mut order: Vec<String> = style.header.clone();
    for id in labels::part_ids(style) {
        if !order.iter().any(|o| o == id) {
            order.push(id.to_string());
        }
    }
    for f in catalogue::STANDARD {
        if !order.iter().any(|o| o == f.id) && !catalogue::is_derived(f.id) {
            order.push(f.id.to_string());
        }
    }
    for f in &style.fields {
        if !order.contains(&f.id) {
            order.push(f.id.clone());
        }
    }
    let needed = |id: &str| {
        catalogue::standard(id)
            .is_some_and(|f| f.always_required || (!f.optional && style.places(id)))
            || style
                .custom(id)
                .is_some_and(|f| f.required && style.places(id))
    };
    let mut out = Vec::new();
    for id in order {
        if let Some(i) = values.iter().position(|(k, _)| *k == id) {
            out.push(values.remove(i));
        } else if needed(&id) {
            out.push((id.clone(), missing(&id, council)));
        }
    }
    out.extend(values);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_typed_in_bold_is_plain_text() {
        assert_eq!(unemphasised("**Mark Wilkinson**"), "Mark Wilkinson");
        assert_eq!(unemphasised(" *Head of Leisure* "), "Head of Leisure");
        // Emphasis inside a value is the author's, and a lone mark is text.
        assert_eq!(unemphasised("Jo **Bloggs**"), "Jo **Bloggs**");
        assert_eq!(unemphasised("**"), "**");
    }

    #[test]
    fn an_exempt_line_names_its_paragraphs_and_parts() {
        let p = |t: &str| exempt_paragraphs(t);
        assert_eq!(p("Yes – Schedule 12A paragraph 3 (Appendix 3)"), ["3"]);
        assert_eq!(
            exempt_parts("Yes – Schedule 12A paragraph 3 (Appendix 3)"),
            ["Appendix 3"]
        );
        assert_eq!(p("Yes – Schedule 12A paragraphs 3, 5"), ["3", "5"]);
        // The mark cites the public interest test's paragraph too: the
        // report's paragraphs are the first named.
        assert_eq!(
            p(
                "NOT FOR PUBLICATION: exempt information under paragraph 14 of Part 4 and paragraph 21 of Part 5 of Schedule 12A to the Local Government Act 1972"
            ),
            ["14"]
        );
        assert_eq!(
            p(
                "NOT FOR PUBLICATION: exempt information under paragraphs 8 and 9 of Part I of Schedule 7A"
            ),
            ["8", "9"]
        );
        assert!(exempt_parts("Yes – paragraph 3").is_empty());
    }

    #[test]
    fn enclosures_are_the_appendices_titles() {
        assert_eq!(
            enclosures("Appendix 1: Consultation report, July 2024; Appendix 2: Equality"),
            Value::List(vec![
                Value::Text("Appendix 1: Consultation report, July 2024".into()),
                Value::Text("Appendix 2: Equality".into()),
            ])
        );
        assert_eq!(enclosures("None"), Value::List(Vec::new()));
    }

    #[test]
    fn kept_values_read_back_as_written() {
        let v: serde_json::Value =
            serde_json::from_str(r#"{"a": "Yes", "b": ["x.yaml"]}"#).unwrap();
        assert_eq!(
            from_json(&v),
            Value::Map(vec![
                ("a".into(), Value::Raw("Yes".into())),
                ("b".into(), Value::List(vec![Value::Text("x.yaml".into())])),
            ])
        );
    }
}
