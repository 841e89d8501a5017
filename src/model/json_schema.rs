//! How the model's YAML looks to an editor's JSON Schema: the fields whose
//! YAML form differs from their Rust type (Yes/No in any case, dates as
//! text, a list given as one value, `wards: all`) describe themselves here,
//! for the schemars derives on the model ([`crate::schema`] generates the
//! files).

use schemars::{Schema, SchemaGenerator, json_schema};
use serde_json::Value as Json;

/// A case-insensitive pattern for `words` (JSON Schema patterns are
/// ECMA-262 regexes, which have no `(?i)`).
pub fn any_case(words: &[&str]) -> String {
    let alternatives: Vec<String> = words
        .iter()
        .map(|w| {
            w.chars()
                .map(|c| {
                    if c.is_ascii_alphabetic() {
                        format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
                    } else if "/.".contains(c) {
                        format!("\\{c}")
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect();
    format!("^\\s*({})\\s*$", alternatives.join("|"))
}

/// Yes or No, in any case, or true/false.
pub fn yes_no(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "boolean" },
            { "type": "string", "enum": ["Yes", "No"] },
            { "type": "string", "pattern": any_case(&["yes", "no", "true", "false"]) }
        ]
    })
}

/// Yes or No, or `{ answer: Yes, reason: ... }` (printed "Yes – reason").
pub fn yes_no_with_reason(generator: &mut SchemaGenerator) -> Schema {
    let answer = yes_no(generator);
    json_schema!({
        "anyOf": [
            answer,
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["answer"],
                "properties": {
                    "answer": answer,
                    "reason": { "type": "string", "description": "Why: printed after the answer." }
                }
            }
        ]
    })
}

/// Yes, No or N/A, in any case, or true/false.
pub fn yes_no_na(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "boolean" },
            { "type": "string", "enum": ["Yes", "No", "N/A"] },
            { "type": "string", "pattern": any_case(&["yes", "no", "true", "false", "n/a", "na", "not applicable"]) }
        ]
    })
}

/// A date as `YYYY-MM-DD`.
pub fn date(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "format": "date",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
        "examples": ["2022-11-07"]
    })
}

/// Text; a plain number is read as its digits (`ref: 12`, a telephone).
pub fn text(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "number"] })
}

/// Text that may be left empty.
pub fn optional_text(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "number", "null"] })
}

/// A list of text; one value on its own is a list of one, and nothing is
/// an empty list.
pub fn text_list(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "array", "items": { "type": ["string", "number"] } },
            { "type": ["string", "number", "null"] }
        ]
    })
}

/// `appendices`: each entry a line of text, or `{ title, file }` for a PDF
/// or Markdown file relative to the report.
pub fn appendix_list(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            {
                "type": "array",
                "items": {
                    "anyOf": [
                        { "type": ["string", "number"] },
                        {
                            "type": "object",
                            "properties": {
                                "title": { "type": "string", "description": "What the appendix is." },
                                "file": { "type": "string", "description": "A PDF or Markdown file, relative to the report." }
                            },
                            "required": ["title", "file"],
                            "additionalProperties": false
                        }
                    ]
                }
            },
            { "type": ["string", "number", "null"] }
        ],
        "examples": [["Appendix 1: Action plan", { "title": "Ofsted letter", "file": "appendices/ofsted-letter.pdf" }]]
    })
}

/// Recommendations: a list with at least one entry.
pub fn recommendations(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "array", "items": { "type": "string" }, "minItems": 1 },
            { "type": "string" }
        ],
        "examples": [["To note the report."]]
    })
}

/// `core_purpose`: each of the council's core purposes, mapped to how the
/// report contributes (or N/A).
pub fn core_purpose(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "additionalProperties": { "type": ["string", "number"] },
        "examples": [{ "Protect the most vulnerable": "N/A" }]
    })
}

/// `rules:` in council.yaml: a rule code mapped to error, warning or off.
pub fn rule_settings(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["object", "null"],
        "propertyNames": { "pattern": "^[Pp][1-4][0-9][0-9]$" },
        "additionalProperties": {
            "type": "string",
            "enum": ["error", "warning", "off"]
        },
        "examples": [{ "P305": "off", "P309": "error" }]
    })
}

/// `languages:` in council.yaml: English alone, or English and Welsh or
/// Scottish Gaelic.
pub fn languages(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "The languages of the council's papers: English alone (the default), or English then Welsh (`cy`) or Scottish Gaelic (`gd`). With two, every label, heading, standing text and agenda item title may be written `{ en: ..., cy: ... }` and is printed in both, the second marked with its language.",
        "type": ["array", "null"],
        "items": { "enum": ["en", "cy", "gd"] },
        "minItems": 1,
        "maxItems": 2,
        "default": ["en"],
        "examples": [["en", "cy"]]
    })
}

/// Council-supplied wording: one text, or `{ en: ..., cy: ... }` on a
/// council with two `languages` (`crate::model::wording`).
pub fn wording_json() -> Json {
    serde_json::json!({
        "anyOf": [
            { "type": ["string", "number"] },
            {
                "type": "object",
                "description": "The text in each of the council's `languages`.",
                "additionalProperties": false,
                "required": ["en"],
                "properties": {
                    "en": { "type": "string" },
                    "cy": { "type": "string" },
                    "gd": { "type": "string" }
                }
            }
        ],
        "examples": ["Apologies for absence", { "en": "Apologies for absence", "cy": "Ymddiheuriadau am absenoldeb" }]
    })
}

/// `clearances` and `rules` have defaults in council.yaml.
pub fn council_optional_fields(schema: &mut Schema) {
    if let Some(Json::Array(required)) = schema.get_mut("required") {
        required.retain(|f| f != "clearances" && f != "rules");
    }
    if let Some(Json::Object(properties)) = schema.get_mut("properties") {
        properties.insert("house_style".into(), house_style());
        properties.insert(
            "house_styles".into(),
            serde_json::json!({
                "description": "Several house styles by name; a report picks one with `style:`, and the first is the default. Not with `house_style`.",
                "type": "object",
                "additionalProperties": house_style(),
            }),
        );
    }
}

/// The schema of one house style (`crate::model::style`).
fn house_style() -> Json {
    let ids: Vec<&str> = crate::model::catalogue::STANDARD
        .iter()
        .map(|f| f.id)
        .collect();
    let id = serde_json::json!({ "type": "string", "pattern": "^[a-z][a-z0-9_]*$" });
    let wording = wording_json();
    serde_json::json!({
        "description": "The council's house style: its own fields, labels, header rows, parts in order and numbering. Without it, reports follow Sefton's (templates/house-style.yaml).",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "fields": {
                "description": "The council's own fields, beside the standard ones, by id.",
                "type": "object",
                "propertyNames": { "not": { "enum": ids }, "pattern": "^[a-z][a-z0-9_]*$" },
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["type", "label"],
                    "properties": {
                        "type": { "enum": ["text", "markdown", "yes_no", "date", "choice", "list", "table", "officer"] },
                        "label": wording,
                        "required": { "type": "boolean", "description": "A report must give it where the style places it (the default)." },
                        "values": { "type": "array", "items": { "type": "string" }, "description": "A choice's values." },
                        "columns": { "type": "array", "items": { "type": "string" }, "description": "A table's columns." }
                    }
                }
            },
            "labels": {
                "description": "New wording for any standard or custom field, part or heading (no trailing colon).",
                "type": "object",
                "additionalProperties": wording,
                "examples": [{ "committee": "REPORT FOR", "report_of": "Responsible Officer" }]
            },
            "header": {
                "description": "The header table's rows, by field id (one-line fields only).",
                "type": "array",
                "items": id,
                "examples": [["committee", "meeting_date", "subject", "report_of", "wards", "key_decision", "exempt"]]
            },
            "sections": {
                "description": "The parts after the header, in order: a field id, `{ part, heading, intro, numbered }`, or `{ group }` (a heading over the parts that follow).",
                "type": "array",
                "items": {
                    "anyOf": [
                        id,
                        {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["group"],
                            "properties": { "group": wording }
                        },
                        {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["part"],
                            "properties": {
                                "part": id,
                                "heading": { "description": "The heading; `none` prints none.", "anyOf": wording["anyOf"] },
                                "intro": { "description": "A line before the content, e.g. \"Cabinet is requested to:\"", "anyOf": wording["anyOf"] },
                                "numbered": { "type": "boolean", "description": "Takes a section number (the default for body only)." }
                            }
                        }
                    ]
                }
            },
            "numbering": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "paragraphs": { "enum": ["decimal", "flat", "none"], "description": "decimal: 1.1, 1.2 (the default); flat: 1, 2, 3 through the report; none." },
                    "headings": { "enum": ["1.", "1.0", "none"], "description": "\"1.\" (the default), \"1.0\" or none." }
                }
            }
        }
    })
}
