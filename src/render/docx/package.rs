//! The package: a council template (.docx or .dotx) read into the parts
//! the paper keeps, and the finished parts written as a deterministic zip
//! (fixed order, fixed times, no extra fields).

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// No part of a template is read past this size (a zip bomb stops here).
const MAX_PART: u64 = 16 * 1024 * 1024;
/// Nor a template of more parts than this.
const MAX_ENTRIES: usize = 2000;

/// What the paper keeps of a template: its styles, numbering, theme,
/// fonts, settings and page set-up. The body, relationships, content
/// types and document properties are the paper's own.
#[derive(Debug, Clone, Default)]
pub struct Template {
    pub styles: Option<String>,
    pub numbering: Option<String>,
    pub settings: Option<String>,
    pub theme: Option<String>,
    pub font_table: Option<String>,
    pub web_settings: Option<String>,
    pub page: PageSetup,
    /// The page headers and footers the template's last section names.
    pub headers: Vec<HeaderFooter>,
    /// The section has a different first page (`w:titlePg`).
    pub title_page: bool,
}

/// A page header or footer of the template, with what it points at.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderFooter {
    pub footer: bool,
    /// `default`, `first` or `even`.
    pub kind: String,
    pub xml: String,
    pub rels: Vec<PartRel>,
}

/// A relationship of a header or footer: a picture (its bytes) or an
/// external link.
#[derive(Debug, Clone, PartialEq)]
pub struct PartRel {
    pub id: String,
    pub kind: String,
    /// The target: a file name under `word/media/` for a picture, else the
    /// address.
    pub target: String,
    pub bytes: Option<Vec<u8>>,
}

/// The section's page size and margins, as the template sets them.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSetup {
    /// `<w:pgSz .../>` and `<w:pgMar .../>`, as written.
    pub size: String,
    pub margins: String,
    /// The width between the margins, in twentieths of a point.
    pub text_width: u32,
}

impl Default for PageSetup {
    /// A4, 2.54 cm margins.
    fn default() -> Self {
        PageSetup {
            size: r#"<w:pgSz w:w="11906" w:h="16838"/>"#.into(),
            margins: r#"<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>"#.into(),
            text_width: 9026,
        }
    }
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Reads a template's parts. The error says what is wrong, for a
/// diagnostic on `docx_template:`.
pub fn read_template(bytes: &[u8]) -> Result<Template, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            "is a legacy Word file (.doc/.dot) or an encrypted one, not a .docx or .dotx".into(),
        );
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("is not a Word document (not a zip file: {e})"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!("has {} parts, more than {MAX_ENTRIES}", zip.len()));
    }
    let mut read_bytes = |name: &str| -> Result<Option<Vec<u8>>, String> {
        let mut file = match zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("cannot be read ({name}: {e})")),
        };
        if file.encrypted() {
            return Err("is encrypted".into());
        }
        let mut out = Vec::new();
        (&mut file)
            .take(MAX_PART + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot be read ({name}: {e})"))?;
        if out.len() as u64 > MAX_PART {
            return Err(format!("has a part larger than 16 MB ({name})"));
        }
        Ok(Some(out))
    };
    macro_rules! read {
        ($name:expr) => {{
            let name: &str = $name;
            utf8(read_bytes(name)?, name)
        }};
    }
    let rels = read!("word/_rels/document.xml.rels")?
        .ok_or("is not a Word document (no word/_rels/document.xml.rels)")?;
    let document =
        read!("word/document.xml")?.ok_or("is not a Word document (no word/document.xml)")?;
    let rels_doc = roxmltree::Document::parse(&rels)
        .map_err(|e| format!("has a broken part (word/_rels/document.xml.rels: {e})"))?;
    let mut template = Template::default();
    for rel in rels_doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((REL, "Relationship")))
    {
        let kind = rel.attribute("Type").unwrap_or_default();
        let target = rel.attribute("Target").unwrap_or_default();
        if rel.attribute("TargetMode") == Some("External") {
            continue;
        }
        let name = part_name(target);
        let slot = match kind.rsplit('/').next().unwrap_or_default() {
            "styles" => &mut template.styles,
            "numbering" => &mut template.numbering,
            "settings" => &mut template.settings,
            "theme" => &mut template.theme,
            "fontTable" => &mut template.font_table,
            "webSettings" => &mut template.web_settings,
            _ => continue,
        };
        let text = read!(&name)?;
        if let Some(t) = &text {
            roxmltree::Document::parse(t)
                .map_err(|e| format!("has a broken part ({name}: {e})"))?;
        }
        *slot = text;
    }
    template.page =
        page_setup(&document).map_err(|e| format!("has a broken part (word/document.xml: {e})"))?;
    let (refs, title_page) = header_refs(&document);
    template.title_page = title_page;
    for (footer, kind, id) in refs {
        let Some(target) = rels_doc
            .root_element()
            .children()
            .find(|r| r.attribute("Id") == Some(id.as_str()))
            .and_then(|r| r.attribute("Target"))
        else {
            continue;
        };
        let name = part_name(target);
        let Some(xml) = read!(&name)? else { continue };
        roxmltree::Document::parse(&xml).map_err(|e| format!("has a broken part ({name}: {e})"))?;
        let (folder, file) = name.rsplit_once('/').unwrap_or(("word", name.as_str()));
        let mut rels = Vec::new();
        if let Some(text) = read!(&format!("{folder}/_rels/{file}.rels"))? {
            let doc = roxmltree::Document::parse(&text)
                .map_err(|e| format!("has a broken part ({file}.rels: {e})"))?;
            for r in doc.root_element().children().filter(|n| n.is_element()) {
                let (Some(rid), Some(kind), Some(t)) = (
                    r.attribute("Id"),
                    r.attribute("Type"),
                    r.attribute("Target"),
                ) else {
                    continue;
                };
                if r.attribute("TargetMode") == Some("External") {
                    rels.push(PartRel {
                        id: rid.into(),
                        kind: kind.into(),
                        target: t.into(),
                        bytes: None,
                    });
                } else if kind.ends_with("/image") {
                    let media = part_name(t);
                    if let Some(bytes) = read_bytes(&media)? {
                        let base = media.rsplit('/').next().unwrap_or("image").to_string();
                        rels.push(PartRel {
                            id: rid.into(),
                            kind: kind.into(),
                            target: base,
                            bytes: Some(bytes),
                        });
                    }
                }
            }
        }
        template.headers.push(HeaderFooter {
            footer,
            kind,
            xml,
            rels,
        });
    }
    if let Some(settings) = template.settings.take() {
        template.settings = Some(clean_settings(&settings));
    }
    Ok(template)
}

/// A part's bytes as text.
fn utf8(bytes: Option<Vec<u8>>, name: &str) -> Result<Option<String>, String> {
    bytes
        .map(|b| {
            String::from_utf8(b).map_err(|_| format!("has a part that is not UTF-8 XML ({name})"))
        })
        .transpose()
}

/// `word/` + target, with `./` and a leading `/` resolved.
fn part_name(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("word/{}", target.trim_start_matches("./")),
    }
}

/// The last section's page size and margins.
fn page_setup(document: &str) -> Result<PageSetup, String> {
    let doc = roxmltree::Document::parse(document).map_err(|e| e.to_string())?;
    let Some(sect) = doc.descendants().rfind(|n| n.has_tag_name((W, "sectPr"))) else {
        return Ok(PageSetup::default());
    };
    let mut page = PageSetup::default();
    let attrs = |n: roxmltree::Node, tag: &str, keep: &[&str]| -> String {
        let mut out = format!("<w:{tag}");
        for k in keep {
            if let Some(v) = n.attribute((W, *k)) {
                out.push_str(&format!(" w:{k}=\"{}\"", super::xml::escape(v)));
            }
        }
        out.push_str("/>");
        out
    };
    let number = |n: roxmltree::Node, k: &str| -> Option<i64> {
        n.attribute((W, k))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map(|v| v as i64)
    };
    let mut width = None;
    let mut sides = None;
    for child in sect.children() {
        if child.has_tag_name((W, "pgSz")) {
            page.size = attrs(child, "pgSz", &["w", "h", "orient", "code"]);
            width = number(child, "w");
        } else if child.has_tag_name((W, "pgMar")) {
            page.margins = attrs(
                child,
                "pgMar",
                &[
                    "top", "right", "bottom", "left", "header", "footer", "gutter",
                ],
            );
            sides = Some(
                number(child, "left").unwrap_or(1440) + number(child, "right").unwrap_or(1440),
            );
        }
    }
    if let (Some(w), Some(s)) = (width, sides)
        && w - s > 1440
    {
        page.text_width = u32::try_from(w - s).unwrap_or(9026);
    }
    Ok(page)
}

impl Template {
    /// The highest picture id (`wp:docPr id`) in the template's headers and
    /// footers: the paper's pictures are numbered above it, so every id of
    /// the document is unique.
    pub fn max_drawing_id(&self) -> u32 {
        let wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
        self.headers
            .iter()
            .filter_map(|h| {
                roxmltree::Document::parse(&h.xml).ok().map(|doc| {
                    doc.descendants()
                        .filter(|n| n.has_tag_name((wp, "docPr")))
                        .filter_map(|n| n.attribute("id")?.parse::<u32>().ok())
                        .max()
                        .unwrap_or(0)
                })
            })
            .max()
            .unwrap_or(0)
    }
}

/// The last section's header and footer references (footer?, type, r:id)
/// and whether it has a different first page.
fn header_refs(document: &str) -> (Vec<(bool, String, String)>, bool) {
    let Ok(doc) = roxmltree::Document::parse(document) else {
        return (Vec::new(), false);
    };
    let Some(sect) = doc.descendants().rfind(|n| n.has_tag_name((W, "sectPr"))) else {
        return (Vec::new(), false);
    };
    let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let refs = sect
        .children()
        .filter(|c| {
            c.has_tag_name((W, "headerReference")) || c.has_tag_name((W, "footerReference"))
        })
        .filter_map(|c| {
            Some((
                c.tag_name().name() == "footerReference",
                c.attribute((W, "type")).unwrap_or("default").to_string(),
                c.attribute((r, "id"))?.to_string(),
            ))
        })
        .collect();
    let title_page = sect.children().any(|c| {
        c.has_tag_name((W, "titlePg"))
            && !matches!(c.attribute((W, "val")), Some("0" | "false" | "off"))
    });
    (refs, title_page)
}

/// The template's settings without what points at parts the paper does
/// not carry: the attached template, a mail merge's data source, and the
/// separator notes of a footnotes part.
fn clean_settings(settings: &str) -> String {
    let Ok(doc) = roxmltree::Document::parse(settings) else {
        return settings.to_string();
    };
    let drop = ["attachedTemplate", "mailMerge", "footnotePr", "endnotePr"];
    let mut ranges: Vec<std::ops::Range<usize>> = doc
        .root_element()
        .children()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(W))
        .filter(|n| drop.contains(&n.tag_name().name()))
        .map(|n| n.range())
        .collect();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.start));
    let mut out = settings.to_string();
    for r in ranges {
        out.replace_range(r, "");
    }
    out
}

/// The zip's time for every entry: `SOURCE_DATE_EPOCH` (seconds since
/// 1970, UTC), or 1980-01-01 00:00, the first time a zip can hold.
pub fn zip_time(epoch: Option<i64>) -> DateTime {
    let fallback = DateTime::default();
    let Some(seconds) = epoch else {
        return fallback;
    };
    let Ok(ts) = jiff::Timestamp::from_second(seconds) else {
        return fallback;
    };
    let dt = ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime();
    DateTime::from_date_and_time(
        u16::try_from(dt.year()).unwrap_or(1980),
        u8::try_from(dt.month()).unwrap_or(1),
        u8::try_from(dt.day()).unwrap_or(1),
        u8::try_from(dt.hour()).unwrap_or(0),
        u8::try_from(dt.minute()).unwrap_or(0),
        u8::try_from(dt.second()).unwrap_or(0),
    )
    .unwrap_or(fallback)
}

/// The parts, zipped in the order given with one time: the same parts
/// give the same bytes.
pub fn write_zip(parts: &[(String, Vec<u8>)], time: DateTime) -> Result<Vec<u8>, String> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options)
            .map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doc_file_and_a_text_file_are_refused() {
        let err = read_template(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).unwrap_err();
        assert!(err.contains("legacy Word file"), "{err}");
        let err = read_template(b"hello").unwrap_err();
        assert!(err.contains("not a zip file"), "{err}");
    }

    #[test]
    fn the_page_set_up_is_read_from_the_last_section() {
        let doc = format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="720" w:right="1000" w:bottom="720" w:left="1000" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>"#
        );
        let page = page_setup(&doc).unwrap();
        assert_eq!(page.text_width, 10240);
        assert_eq!(page.size, r#"<w:pgSz w:w="12240" w:h="15840"/>"#);
    }

    #[test]
    fn settings_lose_their_links_to_absent_parts() {
        let s = format!(
            r#"<w:settings xmlns:w="{W}" xmlns:r="r"><w:zoom w:percent="100"/><w:attachedTemplate r:id="rId1"/><w:footnotePr><w:footnote w:id="-1"/></w:footnotePr></w:settings>"#
        );
        let cleaned = clean_settings(&s);
        assert!(!cleaned.contains("attachedTemplate") && !cleaned.contains("footnote"));
        assert!(cleaned.contains("w:zoom"));
    }

    #[test]
    fn epoch_times_are_zip_times() {
        let t = zip_time(Some(1_700_000_000));
        assert_eq!((t.year(), t.month(), t.day()), (2023, 11, 14));
        assert_eq!(zip_time(None), DateTime::default());
    }
}
