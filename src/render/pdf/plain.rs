//! The yardstick of issue 18's PDF targets: a report as ONE plain Typst
//! file, compiled with the same Typst crates, fonts and PDF options as
//! [`super::render`]. Not used by `papers`; `benches/typst_plain.rs` times
//! and counts it against `papers render --to pdf`.
//!
//! The file is the built-in templates in one source (`style.typ`,
//! `header.typ`, `progress.typ`, `body.typ`, `part.typ`, `paper.typ`,
//! `report.typ`, their imports dropped), with the data written as a Typst
//! dictionary where `report.typ` reads `/data.json`, and each Markdown
//! field's converted markup written inline as a content block where
//! `style.typ` reads `/prose.json` and `md` includes a file. So it holds
//! the same content and calls the same template code as the real render,
//! minus what the real render adds: data as JSON, a Typst file per
//! Markdown field, several template files, the glyph check.

use serde_json::Value;
use typst_layout::PagedDocument;

use super::escape::{printable_json, string_literal};
use super::{Conformance, Fonts, Job, PapersWorld, Prose, pdf_options, typst_date};
use crate::context::Context;
use crate::render::templates::typst_templates;

/// The built-in templates of a report's PDF, each after those it imports.
const ORDER: [&str; 7] = [
    "style.typ",
    "header.typ",
    "progress.typ",
    "body.typ",
    "part.typ",
    "paper.typ",
    "report.typ",
];

/// Where the one file lives in its world.
pub const PATH: &str = "/main.typ";

/// The report of `ctx` as one Typst source (built-in templates only).
pub fn one_file(ctx: &Context) -> Result<String, String> {
    let data = serde_json::to_value(ctx).map_err(|e| e.to_string())?;
    let prose = Prose::collect(&data);
    let mut dict = String::from("(");
    let mut seen = std::collections::HashSet::new();
    for (source, path) in &prose.index {
        let key = string_literal(source);
        if !seen.insert(key.clone()) {
            continue;
        }
        let file = prose
            .files
            .iter()
            .find(|f| Some(f.path.as_str()) == path.as_str())
            .ok_or("a prose index entry without its file")?;
        dict.push_str(&format!("\n  {key}: [{}],", file.markup));
    }
    dict.push_str(if seen.is_empty() { ":)" } else { "\n)" });

    let templates = typst_templates(None).map_err(|_| "the built-in templates")?;
    let mut out = String::new();
    for name in ORDER {
        let text = &templates
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| format!("no built-in {name}"))?
            .text;
        let mut text: String = text
            .lines()
            .filter(|l| !l.starts_with("#import "))
            .map(|l| format!("{l}\n"))
            .collect();
        for (from, to) in [
            (
                "#let prose = json(\"/prose.json\")",
                format!("#let prose = {dict}"),
            ),
            ("  include file\n", "  file\n".to_string()),
            (
                "#let data = json(\"/data.json\")",
                format!("#let data = {}", literal(&printable_json(&data))),
            ),
        ] {
            if text.contains(from) {
                text = text.replacen(from, &to, 1);
            }
        }
        out.push_str(&format!("// ---- {name}\n{text}"));
    }
    for read in [
        "json(\"/prose.json\")",
        "json(\"/data.json\")",
        "include file",
    ] {
        if out.contains(read) {
            return Err(format!(
                "the templates changed: `{read}` is left in the one file"
            ));
        }
    }
    Ok(out)
}

/// A JSON value as a Typst literal: what `json()` would have made of it.
pub fn literal(value: &Value) -> String {
    let mut out = String::new();
    write_literal(value, &mut out);
    out
}

fn write_literal(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("none"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) if n.is_i64() || n.is_u64() => out.push_str(&n.to_string()),
        Value::Number(n) => out.push_str(&format!("{:?}", n.as_f64().unwrap_or(0.0))),
        Value::String(s) => out.push_str(&string_literal(s)),
        Value::Array(items) => {
            out.push('(');
            for item in items {
                write_literal(item, out);
                out.push_str(", ");
            }
            out.push(')');
        }
        Value::Object(map) if map.is_empty() => out.push_str("(:)"),
        Value::Object(map) => {
            out.push('(');
            for (key, item) in map {
                out.push_str(&string_literal(key));
                out.push_str(": ");
                write_literal(item, out);
                out.push_str(", ");
            }
            out.push(')');
        }
    }
}

/// The one file's world: the source, the shipped fonts, `date` as today.
pub fn world(source: String, date: jiff::civil::Date) -> Result<PapersWorld, String> {
    let fonts = Fonts::new(None, &[])?;
    let today = typst_date(date).ok_or("the date is out of range")?;
    PapersWorld::new(
        PATH,
        vec![(PATH.to_string(), source)],
        Vec::new(),
        fonts,
        today,
    )
}

/// Lays the one file out.
pub fn compile(world: &PapersWorld) -> Result<PagedDocument, String> {
    typst::compile::<PagedDocument>(world)
        .output
        .map_err(|e| format!("{:?}", e.first().map(|d| &d.message)))
}

/// Exports it with the options a report's PDF has (PDF/UA-1 and PDF/A-2a,
/// the same identifier and timestamp as `ident` and `date` give a report).
pub fn export(
    document: &PagedDocument,
    ident: &str,
    date: jiff::civil::Date,
    source_date_epoch: Option<&str>,
) -> Result<Vec<u8>, String> {
    let data = Value::Null;
    let job = Job {
        entry: PATH,
        data: &data,
        ident: ident.to_string(),
        date,
        files: Vec::new(),
        conformance: Conformance::Accessible,
        draft: false,
    };
    let options = pdf_options(&job, source_date_epoch).map_err(|d| d.message)?;
    typst_pdf::pdf(document, &options).map_err(|e| format!("{:?}", e.first().map(|d| &d.message)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_as_typst_literals() {
        // Keys in the map's order (serde_json's: sorted), as `json()` reads them.
        assert_eq!(
            literal(&json!({"a b": [1, 2.5, "x\"y\n"], "n": null, "e": {}, "l": [], "t": true})),
            r#"("a b": (1, 2.5, "x\"y\n", ), "e": (:), "l": (), "n": none, "t": true, )"#
        );
    }

    /// The one file holds exactly what the real render typesets: the two
    /// PDFs are the same bytes, so timing one against the other is fair.
    #[test]
    fn the_one_file_makes_the_same_pdf() {
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("reports/2022-11-07-childrens-services-commissioner.yaml");
        let loaded = crate::pipeline::load_report(&seed).unwrap();
        let ctx = loaded.context();
        let source = one_file(&ctx).unwrap();
        assert!(!source.contains("#import"), "{source}");
        assert!(source.contains("#let data = (\"council\": ("));
        assert!(source.contains("[The Department for Education"));
        let date = jiff::civil::date(2022, 11, 7);
        let ident = format!("{} {}", ctx.report.subject, ctx.report.meeting_date);
        let document = compile(&world(source, date).unwrap()).unwrap();
        let plain = export(&document, &ident, date, Some("1667779200")).unwrap();
        let origins = loaded.origins();
        let env = super::super::Env {
            overrides: None,
            house_font: None,
            extra_fonts: &[],
            logo: None,
            origins: &origins,
        };
        let data = serde_json::to_value(&ctx).unwrap();
        let job = Job {
            entry: "report.typ",
            data: &data,
            ident,
            date,
            files: Vec::new(),
            conformance: Conformance::Accessible,
            draft: false,
        };
        let ours = super::super::render_job(&job, &env, Some("1667779200")).unwrap();
        assert!(ours.bytes == plain, "the PDFs differ");
    }
}
