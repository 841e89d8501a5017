//! JSON Schemas for editors (`papers schema report|progress|council`),
//! generated from the model with schemars, in draft-07 for
//! yaml-language-server.
//!
//! The YAML is decoded by hand ([`crate::load::decode`]), not by serde, so the
//! fields whose YAML form differs from their Rust type describe themselves
//! with the helpers below: Yes/No in any case or true/false, dates as
//! `YYYY-MM-DD` text, a list given as a single value, `wards: all`.
//! A schema sees the YAML as an editor does (YAML 1.2 core types):
//! [`yaml_to_json`] makes the same reading for the tests.

use schemars::generate::SchemaSettings;
use schemars::{Schema, json_schema};
use serde_json::{Map, Value as Json, json};

use crate::load::yaml::{Node, Value};

/// The kinds of file a schema is generated for.
pub const KINDS: &[&str] = &["report", "meeting", "progress", "council"];

/// The schema of `kind`, as pretty JSON with a final newline.
pub fn generate(kind: &str) -> Option<String> {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = match kind {
        "report" => generator.into_root_schema_for::<crate::model::Report>(),
        "progress" => generator.into_root_schema_for::<crate::model::progress::Tracker>(),
        "council" => council_extras(generator.into_root_schema_for::<crate::model::Council>()),
        "meeting" => meeting(),
        _ => return None,
    };
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    Some(text)
}

/// The report schema for `council`: the standard one when it keeps
/// Sefton's style, else [`report_for`] it.
pub fn report_of(council: &crate::model::Council) -> String {
    if council.house_styles.is_empty() {
        generate("report").expect("report is a kind")
    } else {
        report_for(council)
    }
}

/// The report schema of `council`: the standard fields, then its own
/// (those of every house style it declares, under their ids, each by its
/// type and label) and the names of its styles. Only the fields a report is
/// named by are required: the rest depend on the style a report picks,
/// which `papers check` knows and an editor does not.
pub fn report_for(council: &crate::model::Council) -> String {
    use crate::model::style::FieldKind;
    let mut generator = SchemaSettings::draft07().into_generator();
    let yes_no = crate::model::json_schema::yes_no_with_reason(&mut generator);
    let date = crate::model::json_schema::date(&mut generator);
    let mut schema = generator.into_root_schema_for::<crate::model::Report>();
    let Some(Json::Object(props)) = schema.get_mut("properties") else {
        unreachable!("a report schema has properties")
    };
    for (_, style) in &council.house_styles {
        for field in &style.fields {
            let mut field_schema = match &field.kind {
                FieldKind::Text | FieldKind::Markdown => json!({ "type": ["string", "number"] }),
                FieldKind::YesNo => yes_no.clone().to_value(),
                FieldKind::Date => date.clone().to_value(),
                FieldKind::Choice(values) => json!({ "type": "string", "enum": values }),
                FieldKind::List => json!({ "type": "array", "items": { "type": "string" } }),
                FieldKind::Table(columns) => {
                    let cells: Map<String, Json> = columns
                        .iter()
                        .map(|c| (c.clone(), json!({ "type": ["string", "number", "null"] })))
                        .collect();
                    json!({ "type": "array", "items": { "anyOf": [
                        { "type": "array", "minItems": columns.len(), "maxItems": columns.len(),
                          "items": { "type": ["string", "number", "null"] } },
                        { "type": "object", "additionalProperties": false, "properties": cells }
                    ] } })
                }
                FieldKind::Officer => json!({
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["name"],
                    "properties": {
                        "name": { "type": "string" },
                        "post": { "type": ["string", "null"] },
                        "telephone": { "type": ["string", "number", "null"] },
                        "email": { "type": ["string", "null"] }
                    }
                }),
            };
            field_schema["description"] = Json::String(format!(
                "{} ({})",
                style.label(&field.id),
                field.kind.name()
            ));
            props.insert(field.id.clone(), field_schema);
        }
    }
    if !council.house_styles.is_empty() {
        let names = council.style_names();
        props.insert(
            "style".into(),
            json!({ "type": ["string", "null"], "enum": names.iter().map(|n| Json::from(*n)).chain([Json::Null]).collect::<Vec<_>>(),
                    "description": format!("The house style: one of {} (empty: {}).", names.join(", "), names[0]) }),
        );
    }
    schema.insert(
        "required".into(),
        json!(["committee", "meeting_date", "subject"]),
    );
    schema.insert(
        "title".into(),
        Json::String(format!("A report to a committee of {}", council.name)),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

/// The file name of `kind`'s schema in `schema/`.
pub fn file_name(kind: &str) -> String {
    format!("{kind}.schema.json")
}

/// The YAML as an editor's schema validator sees it (YAML 1.2 core
/// schema): plain `true`/`false`, numbers and null are typed, everything
/// else (quoted, block, `No`, `2022-11-07`) is a string.
pub fn yaml_to_json(node: &Node) -> Json {
    match &node.value {
        Value::Scalar { text, plain } => {
            if !plain {
                return Json::String(text.clone());
            }
            match text.as_str() {
                "" | "~" | "null" | "Null" | "NULL" => Json::Null,
                "true" | "True" | "TRUE" => Json::Bool(true),
                "false" | "False" | "FALSE" => Json::Bool(false),
                t => {
                    if is_int(t)
                        && let Ok(n) = t.parse::<i64>()
                    {
                        return Json::from(n);
                    }
                    if is_float(t)
                        && let Some(n) =
                            t.parse::<f64>().ok().and_then(serde_json::Number::from_f64)
                    {
                        return Json::Number(n);
                    }
                    Json::String(t.to_string())
                }
            }
        }
        Value::Seq(items) => Json::Array(items.iter().map(yaml_to_json).collect()),
        Value::Map(pairs) => {
            let mut map = Map::new();
            for (k, v) in pairs {
                let key = k.as_str().unwrap_or_default().to_string();
                map.insert(key, yaml_to_json(v));
            }
            Json::Object(map)
        }
    }
}

fn is_int(t: &str) -> bool {
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

fn is_float(t: &str) -> bool {
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => {
            (!a.is_empty() || !b.is_empty())
                && a.chars().all(|c| c.is_ascii_digit())
                && b.chars().all(|c| c.is_ascii_digit())
        }
        None => !mantissa.is_empty() && mantissa.chars().all(|c| c.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let d = e.strip_prefix(['-', '+']).unwrap_or(e);
        !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

/// The council schema, completed where the model cannot say it: the
/// `pack:` block (decoded by hand, see `PackSettings`), and the rule codes
/// a council may set in `rules:`, from the rule registry.
fn council_extras(mut schema: Schema) -> Schema {
    let date = crate::model::json_schema::date(&mut SchemaSettings::draft07().into_generator());
    let yes_no = crate::model::json_schema::yes_no(&mut SchemaSettings::draft07().into_generator());
    let dates = json!({ "anyOf": [
        { "type": "array", "items": date.clone() },
        date,
        { "type": "null" }
    ] });
    let mut wording_or_null = crate::model::json_schema::wording_json();
    if let Some(Json::Array(any)) = wording_or_null.get_mut("anyOf") {
        any.push(json!({ "type": "null" }));
    }
    let front_sheet: serde_json::Map<String, Json> = crate::model::meeting::FRONT_SHEET
        .iter()
        .map(|(key, english)| {
            let mut w = crate::model::json_schema::wording_json();
            w["description"] = json!(format!("Default: {english}."));
            ((*key).to_string(), w)
        })
        .collect();
    let pack = json!({
        "type": ["object", "null"],
        "description": "Meeting packs: the clear-days rule, bank holidays, page starts, the front sheet's standing text, and whether the agenda and reports are written as .docx too (`docx: Yes`).",
        "additionalProperties": false,
        "properties": {
            "clear_days": { "type": ["integer", "null"], "minimum": 0, "description": "Clear working days between publication and the meeting (s.100B, Local Government Act 1972: five)." },
            "bank_holidays": dates,
            "not_bank_holidays": dates,
            "odd_page_starts": yes_no.clone(),
            "docx": yes_no,
            "standing_text": {
                "type": ["object", "null"],
                "additionalProperties": false,
                "properties": {
                    "key_decision": wording_or_null.clone(),
                    "access": wording_or_null.clone(),
                    "filming": wording_or_null
                }
            },
            "front_sheet": {
                "type": ["object", "null"],
                "description": "The agenda front sheet's headings and row labels, in English unless given here; on a bilingual council, `{ en: ..., cy: ... }`.",
                "additionalProperties": false,
                "properties": front_sheet
            }
        }
    });
    if let Some(Json::Object(props)) = schema.get_mut("properties") {
        props.insert("pack".into(), pack);
        if let Some(Json::Object(rules)) = props.get_mut("rules") {
            // The decoder reads `p305` as `P305`.
            let codes: Vec<String> = crate::check::rules::configurable_codes()
                .iter()
                .map(|c| format!("[Pp]{}", &c[1..]))
                .collect();
            rules.insert(
                "propertyNames".into(),
                json!({
                    "pattern": format!("^(?:{})$", codes.join("|")),
                    "description": "A rule a council may change (the README's table of rules)."
                }),
            );
        }
    }
    schema
}

/// A meeting file (`papers pack`). Written out rather than derived: the
/// meeting's decoder takes an item as either a standard item or a report,
/// which the schema states as `oneOf`.
fn meeting() -> Schema {
    let wording = crate::model::json_schema::wording_json();
    let yes_no = crate::model::json_schema::yes_no(&mut SchemaSettings::draft07().into_generator());
    json_schema!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Meeting",
        "description": "A committee meeting: its agenda, in order, and what `papers pack` needs to publish it.",
        "type": "object",
        "additionalProperties": false,
        "required": ["committee", "date", "venue", "membership", "clerk", "items"],
        "properties": {
            "committee": { "type": "string", "description": "The committee, as named in council.yaml." },
            "date": { "type": "string", "format": "date", "description": "The day of the meeting, YYYY-MM-DD.", "examples": ["2022-11-07"] },
            "time": { "type": "string", "pattern": "^[0-2]?[0-9]:[0-5][0-9]$", "description": "The start time, 24-hour HH:MM (quote it: \"18:30\").", "examples": ["18:30"] },
            "venue": { "type": "string", "description": "Where the meeting is held." },
            "membership": {
                "type": "object",
                "additionalProperties": false,
                "required": ["chair"],
                "description": "Who sits on the committee.",
                "properties": {
                    "chair": { "type": "string" },
                    "vice_chair": { "type": ["string", "null"] },
                    "members": { "type": "array", "items": { "type": "string" } },
                    "substitutes": { "type": "array", "items": { "type": "string" } }
                }
            },
            "clerk": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name", "email"],
                "description": "Democratic services' contact for the meeting.",
                "properties": {
                    "name": { "type": "string" },
                    "telephone": { "type": ["string", "number", "null"] },
                    "email": { "type": "string" }
                }
            },
            "webcast": { "type": "string", "description": "Where the meeting is broadcast (optional)." },
            "papers_url": { "type": "string", "description": "Where the papers are published (optional)." },
            "published": { "type": "string", "format": "date", "description": "The day the pack is published; without it, SOURCE_DATE_EPOCH or today." },
            "short_notice": { "type": "string", "description": "Why the pack is published with fewer clear days than the rule asks." },
            "items": {
                "type": "array",
                "minItems": 1,
                "description": "The agenda, numbered 1, 2, 3 ... in this order.",
                "items": {
                    "oneOf": [
                        {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["title"],
                            "description": "A standard item: apologies, declarations of interest, minutes ...",
                            "properties": {
                                "title": wording,
                                "text": { "description": "Markdown shown under the title; on a bilingual council, `{ en: ..., cy: ... }`.", "anyOf": wording["anyOf"] },
                                "file": { "type": "string", "description": "An attached PDF or Markdown document, relative to the meeting file." },
                                "late": { "type": "string", "description": "The chair's reason for taking a late item." },
                                "added": { "type": "string", "format": "date", "description": "When the item joined the agenda, if after publication." }
                            }
                        },
                        {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["exclusion"],
                            "description": "The exclusion of the press and public before the exempt items; its resolution is written in the words of the council's law.",
                            "properties": {
                                "exclusion": yes_no,
                                "title": wording,
                                "text": { "description": "Markdown after the resolution.", "anyOf": wording["anyOf"] },
                                "late": { "type": "string" },
                                "added": { "type": "string", "format": "date" }
                            }
                        },
                        {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["report"],
                            "description": "A report, relative to the meeting file.",
                            "properties": {
                                "report": { "type": "string" },
                                "late": { "type": "string", "description": "The chair's reason for taking a late item." },
                                "added": { "type": "string", "format": "date", "description": "When the item joined the agenda, if after publication." }
                            }
                        }
                    ]
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(src: &str) -> Json {
        yaml_to_json(&crate::load::yaml::parse(src).unwrap().unwrap())
    }

    #[test]
    fn yaml_is_read_as_an_editor_reads_it() {
        assert_eq!(
            json("a: No\nb: true\nc: 3\nd: 2022-11-07\ne: '3'\nf:\ng: 0151 934\nh: 1.5\n"),
            serde_json::json!({
                "a": "No", "b": true, "c": 3, "d": "2022-11-07", "e": "3",
                "f": null, "g": "0151 934", "h": 1.5
            })
        );
    }

    #[test]
    fn any_case_patterns() {
        assert_eq!(
            crate::model::json_schema::any_case(&["no", "n/a"]),
            "^\\s*([Nn][Oo]|[Nn]\\/[Aa])\\s*$"
        );
    }
}
