//! `papers import`: a Word report (.docx) on a council's template read
//! into the YAML of its house style. Pure: the file's bytes, the council
//! and its style in; the YAML text, the pictures to write beside it, an
//! account of what went where and the warnings out. The command
//! (`cmd/import.rs`) reads and writes the files.
//!
//! One concern a module: [`package`] (the bounded zip), [`xml`],
//! [`styles`], [`numbering`], [`document`] (paragraphs, runs, tables),
//! [`header`], [`parts`], [`labels`] (label → field), [`values`] (dates,
//! Yes/No, wards), [`markdown`] and [`yaml`] (the writer); [`fields`]
//! turns the parts into field values.

pub mod document;
mod fields;
pub mod header;
pub mod labels;
pub mod markdown;
pub mod numbering;
pub mod package;
pub mod parts;
pub mod styles;
pub mod values;
pub mod xml;
pub mod yaml;

use std::collections::HashMap;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::Council;
use crate::model::style::HouseStyle;

/// The custom document property a field the paper does not print is
/// kept under (`papers:forward_plan`), its value as JSON: written by
/// `papers render --to docx`, read back here.
pub const UNPRINTED_PREFIX: &str = "papers:";

/// A picture to write beside the YAML.
#[derive(Debug, Clone)]
pub struct Picture {
    pub file: String,
    pub bytes: Vec<u8>,
    pub alt: String,
}

/// What an import gives back.
#[derive(Debug, Clone)]
pub struct Imported {
    pub yaml: String,
    /// One line for each field filled: the field and where it came from.
    pub account: Vec<String>,
    pub pictures: Vec<Picture>,
    /// What the officer should look at (P131).
    pub warnings: Vec<Diagnostic>,
}

/// What the caller says about the files.
pub struct Options<'a> {
    /// The name pictures are written under (`report` → `report-image1.png`).
    pub stem: &'a str,
    /// The schema modeline's target, when there is one to name.
    pub modeline: Option<&'a str>,
    /// The .docx's file name, for the opening comment.
    pub source: &'a str,
}

fn refused(r: package::Refusal) -> Diagnostic {
    Diagnostic::error(Code::P130, r.message).with_hint(r.hint)
}

/// Imports the report in `bytes` under `council`'s house `style`.
pub fn import(
    bytes: &[u8],
    council: &Council,
    style: &HouseStyle,
    options: &Options,
) -> Result<Imported, Diagnostic> {
    let pkg = package::open(bytes).map_err(refused)?;
    let doc_text = xml::text(
        pkg.part("word/document.xml").unwrap_or_default(),
        "word/document.xml",
    )
    .map_err(refused)?;
    let doc = xml::parse(doc_text, "word/document.xml").map_err(refused)?;
    let mut warnings = Vec::new();
    let optional = |name: &str, warnings: &mut Vec<Diagnostic>| -> Option<String> {
        let bytes = pkg.part(name)?;
        match xml::text(bytes, name) {
            Ok(t) => Some(t.to_string()),
            Err(r) => {
                warnings.push(
                    Diagnostic::warning(Code::P131, r.message)
                        .with_hint("the report is read without it: check the headings and lists"),
                );
                None
            }
        }
    };
    let styles_text = optional("word/styles.xml", &mut warnings);
    let numbering_text = optional("word/numbering.xml", &mut warnings);
    let rels_text = optional("word/_rels/document.xml.rels", &mut warnings);
    let styles_doc = parse_optional(&styles_text, "word/styles.xml", &mut warnings);
    let numbering_doc = parse_optional(&numbering_text, "word/numbering.xml", &mut warnings);
    let rels_doc = parse_optional(&rels_text, "word/_rels/document.xml.rels", &mut warnings);
    let mut styles = styles_doc
        .as_ref()
        .map(styles::Styles::read)
        .unwrap_or_default();
    let named = &council.docx_styles;
    styles.name_headings(
        [
            (&named.title, 0),
            (&named.heading_1, 1),
            (&named.heading_2, 2),
            (&named.heading_3, 3),
        ]
        .into_iter()
        .filter_map(|(n, l)| Some((n.as_deref()?, l))),
    );
    let numbering = numbering_doc
        .as_ref()
        .map(numbering::Numbering::read)
        .unwrap_or_default();
    let rels = rels_doc
        .as_ref()
        .map(document::read_rels)
        .unwrap_or_default();
    let mut notes = [document::Notes::new(), document::Notes::new()];
    for (i, (part, part_rels, kind)) in [
        (
            "word/footnotes.xml",
            "word/_rels/footnotes.xml.rels",
            "footnote",
        ),
        (
            "word/endnotes.xml",
            "word/_rels/endnotes.xml.rels",
            "endnote",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let text = optional(part, &mut warnings);
        let Some(doc) = parse_optional(&text, part, &mut warnings) else {
            continue;
        };
        let rels_text = optional(part_rels, &mut warnings);
        let note_rels = parse_optional(&rels_text, part_rels, &mut warnings)
            .as_ref()
            .map(document::read_rels)
            .unwrap_or_default();
        notes[i] = document::read_notes(&doc, &note_rels, kind);
    }
    let body = document::read(&doc, &rels, [&notes[0], &notes[1]]);
    let media: HashMap<String, String> = rels
        .iter()
        .filter(|(_, r)| !r.external)
        .map(|(id, r)| (id.clone(), media_part(&r.target)))
        .collect();
    let mut conv = markdown::Converter {
        styles: &styles,
        numbering,
        stem: options.stem.to_string(),
        pictures: Vec::new(),
        media,
        paragraph_styles: vec![
            council
                .docx_styles
                .numbered_paragraph
                .as_deref()
                .unwrap_or("Numbered Paragraph")
                .trim()
                .to_lowercase(),
        ],
    };
    let custom_text = optional("docProps/custom.xml", &mut warnings);
    let custom_doc = parse_optional(&custom_text, "docProps/custom.xml", &mut warnings);
    let unprinted = custom_doc.as_ref().map(unprinted).unwrap_or_default();
    let mut out = fields::build(
        &body.blocks,
        &mut conv,
        council,
        style,
        &unprinted,
        &mut warnings,
    );

    let c = body.changes;
    if c.insertions + c.deletions > 0 {
        warnings.push(
            Diagnostic::warning(
                Code::P131,
                format!(
                    "tracked changes were read as accepted: {} insertion{} kept, {} deletion{} dropped",
                    c.insertions,
                    plural(c.insertions),
                    c.deletions,
                    plural(c.deletions)
                ),
            )
            .with_hint("check the imported text says what the report was agreed to say"),
        );
    }
    if c.comments > 0 {
        warnings.push(
            Diagnostic::warning(
                Code::P131,
                format!("{} comment{} dropped", c.comments, plural(c.comments)),
            )
            .with_hint("comments are not part of a report: read them in Word if they matter"),
        );
    }
    if c.footnotes + c.endnotes > 0 {
        let mut what = Vec::new();
        if c.footnotes > 0 {
            what.push(format!("{} footnote{}", c.footnotes, plural(c.footnotes)));
        }
        if c.endnotes > 0 {
            what.push(format!("{} endnote{}", c.endnotes, plural(c.endnotes)));
        }
        warnings.push(
            Diagnostic::warning(
                Code::P131,
                format!(
                    "{} {} put in brackets where {} referenced",
                    what.join(" and "),
                    if c.footnotes + c.endnotes == 1 { "was" } else { "were" },
                    if c.footnotes + c.endnotes == 1 { "it is" } else { "they are" },
                ),
            )
            .with_hint("a paper has no footnotes: check each bracketed note reads well in its sentence, or rewrite it as text"),
        );
    }
    if c.text_boxes > 0 {
        out.account.push(format!(
            "{} text box{} read as paragraphs after the paragraph{} they are anchored in",
            c.text_boxes,
            if c.text_boxes == 1 { "" } else { "es" },
            plural(c.text_boxes)
        ));
    }
    if c.controls > 0 {
        out.account.push(format!(
            "{} content control{} unwrapped: their text is imported as ordinary text",
            c.controls,
            plural(c.controls)
        ));
    }

    let mut pictures = Vec::new();
    for p in &conv.pictures {
        let part = conv.media.get(&p.rid);
        match part.and_then(|name| pkg.part(name)) {
            Some(bytes) => {
                pictures.push(Picture {
                    file: p.file.clone(),
                    bytes: bytes.to_vec(),
                    alt: p.alt.clone(),
                });
                if p.alt.is_empty() {
                    warnings.push(
                        Diagnostic::warning(
                            Code::P131,
                            format!("picture `{}` has no alt text", p.file),
                        )
                        .with_hint("describe it where the body says `TODO describe the image`"),
                    );
                }
            }
            None => warnings.push(
                Diagnostic::warning(
                    Code::P131,
                    format!("picture `{}` is missing from the .docx package", p.file),
                )
                .with_hint("insert the picture again in Word, or remove it from the body"),
            ),
        }
    }
    for p in &pictures {
        out.account
            .push(format!("picture {} (alt text: {:?})", p.file, p.alt));
    }

    let mut yaml = String::new();
    if let Some(m) = options.modeline {
        yaml.push_str(&format!("# yaml-language-server: $schema={m}\n"));
    }
    yaml.push_str(&format!(
        "# Imported from {} by `papers import`. Write every TODO; `papers check` on this file lists the ones left.\n",
        markdown::clean(options.source).replace('\n', " ")
    ));
    yaml.push_str(&yaml::write(&out.fields));
    if let Err(e) = crate::load::yaml::parse(&yaml) {
        return Err(Diagnostic::error(
            Code::P900,
            format!(
                "the YAML written for this report does not read back: {}",
                e.first().map_or("", |d| d.message.as_str())
            ),
        )
        .with_hint("report it with the .docx"));
    }
    Ok(Imported {
        yaml,
        account: out.account,
        pictures,
        warnings,
    })
}

fn parse_optional<'a>(
    text: &'a Option<String>,
    name: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Option<roxmltree::Document<'a>> {
    let text = text.as_deref()?;
    match xml::parse(text, name) {
        Ok(d) => Some(d),
        Err(r) => {
            warnings.push(
                Diagnostic::warning(Code::P131, r.message)
                    .with_hint("the report is read without it: check the headings and lists"),
            );
            None
        }
    }
}

/// The fields `papers render` kept as custom properties (`papers:ID`,
/// their values as JSON); any other property is the author's, not read.
fn unprinted(doc: &roxmltree::Document) -> Vec<(String, serde_json::Value)> {
    doc.root_element()
        .children()
        .filter(|n| xml::is(*n, "property"))
        .filter_map(|n| {
            let id = xml::attr(n, "name")?.strip_prefix(UNPRINTED_PREFIX)?;
            let text: String = n
                .descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect();
            let value = serde_json::from_str(&text).ok()?;
            Some((id.to_string(), value))
        })
        .collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The package part a relationship target names (`media/a.png` →
/// `word/media/a.png`, `../media/a.png` → `media/a.png`).
fn media_part(target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = vec!["word"];
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}
