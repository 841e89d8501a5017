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
                    "key_decision": { "type": ["string", "null"] },
                    "access": { "type": ["string", "null"] },
                    "filming": { "type": ["string", "null"] }
                }
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
                                "title": { "type": "string" },
                                "text": { "type": "string", "description": "Markdown shown under the title." },
                                "file": { "type": "string", "description": "An attached PDF or Markdown document, relative to the meeting file." },
                                "late": { "type": "string", "description": "The chair's reason for taking a late item." },
                                "added": { "type": "string", "format": "date", "description": "When the item joined the agenda, if after publication." }
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
