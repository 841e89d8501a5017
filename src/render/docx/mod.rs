//! The Word format: the context → a .docx, written by hand as
//! WordprocessingML text (one escape function, [`xml::escape`]) and zipped
//! deterministically, as pandoc's writer does. The council's template
//! (`docx_template:` in `council.yaml`, or the neutral one shipped in the
//! binary) gives the styles, numbering, theme, fonts, settings and page
//! set-up; the paper brings its body, relationships, content types,
//! properties, its page-number footer and, for an exempt or draft paper,
//! the mark in the page header.
//!
//! - [`package`]: the template read, the zip written;
//! - [`styles`]: roles found by style name, missing ones added;
//! - [`numbering`]: the paper's multi-level list and the prose lists;
//! - [`writer`]: paragraphs, tables, links, pictures;
//! - [`prose`]: author Markdown → WordprocessingML;
//! - [`paper`]: the report's body from the context;
//! - [`chart`]: a tracker's chart as SVG and PNG.

pub mod chart;
pub mod headers;
pub mod numbering;
pub mod package;
pub mod paper;
pub mod prose;
pub mod styles;
pub mod writer;
pub mod xml;

use crate::context::Context;
use crate::load::assets::Logo;

use numbering::Lists;
use package::Template;
use styles::{Names, Resolved, Role};
use writer::{IMAGE, Picture, Writer};
use xml::escape;

/// The shipped template's theme (colours, Arial) and font table.
const DEFAULT_THEME: &str = include_str!("../../../templates/docx/theme1.xml");
const DEFAULT_FONT_TABLE: &str = include_str!("../../../templates/docx/fontTable.xml");

/// The document's language.
pub const LANGUAGE: &str = "en-GB";

/// What a .docx is made with besides the context.
#[derive(Default)]
pub struct Options<'a> {
    /// The council's template (.docx or .dotx), or the shipped one.
    pub template: Option<&'a [u8]>,
    /// Style names the council set for roles.
    pub names: Names,
    pub logo: Option<&'a Logo>,
    /// The exempt mark on every page ("NOT FOR PUBLICATION: ...").
    pub mark: Option<String>,
    /// `SOURCE_DATE_EPOCH`: the zip's times and the document's dates.
    pub epoch: Option<i64>,
    /// The report's fields its house style does not print, as (id, the
    /// value as JSON): kept as the document's custom properties
    /// (`docProps/custom.xml`, "papers:ID"), where `papers import` reads
    /// them back.
    pub unprinted: Vec<(String, String)>,
}

/// The template's styles with every role found or added.
fn resolved_styles(template: &Template, opts: &Options) -> Result<Resolved, String> {
    styles::resolve(
        template
            .styles
            .as_deref()
            .unwrap_or(&styles::default_styles(LANGUAGE)),
        &opts.names,
        LANGUAGE,
    )
}

/// A writer on `template`'s lists and page, its pictures numbered above
/// the template's own.
fn writer<'s>(template: &Template, styles: &'s Resolved) -> Writer<'s> {
    let mut w = Writer::new(
        styles,
        Lists::new(template.numbering.as_deref()),
        template.page.text_width,
    );
    w.pictures_after(template.max_drawing_id());
    w
}

/// The report as a .docx. `Err` says what is wrong with the template.
pub fn render(ctx: &Context, opts: &Options) -> Result<Vec<u8>, String> {
    let template = template_of(opts)?;
    let styles = resolved_styles(&template, opts)?;
    let mut w = writer(&template, &styles);
    if let Some(logo) = opts.logo {
        logo_picture(&mut w, logo, &ctx.council.name);
    }
    let numbers = match paper::plan(ctx) {
        Some((scheme, start)) => paper::Numbers::List(w.lists.paper(scheme, start), scheme),
        None => paper::Numbers::Text,
    };
    let mut marks = Vec::new();
    if let Some(m) = &opts.mark {
        marks.push(m.clone());
    }
    if ctx.draft {
        marks.push(draft_line());
    }
    // The marks open the body too, under the title.
    let body_marks = marks.clone();
    {
        let mut paper = paper::Paper {
            w: &mut w,
            numbers,
            ctx,
        };
        paper.write();
    }
    let out = std::mem::take(&mut w.out);
    let body = insert_after_title(&w, out, &body_marks);
    w.out = body;
    assemble(
        &template,
        &styles,
        w,
        &DocProps {
            title: &ctx.report.subject,
            author: &ctx.council.name,
            unprinted: &opts.unprinted,
        },
        &marks,
        opts.epoch,
    )
}

/// A Markdown document (the agenda front sheet) as a .docx: its first
/// `#` heading is the title paragraph; `title` is the document's title.
pub fn render_markdown(
    markdown: &str,
    title_property: &str,
    author: &str,
    opts: &Options,
) -> Result<Vec<u8>, String> {
    let template = template_of(opts)?;
    let styles = resolved_styles(&template, opts)?;
    let mut w = writer(&template, &styles);
    let (title, rest) = match markdown.trim_start().split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => {
            (first[2..].trim().replace('\\', ""), rest)
        }
        _ => (String::new(), markdown),
    };
    if let Some(logo) = opts.logo {
        logo_picture(&mut w, logo, author);
    }
    if !title.is_empty() {
        w.text_para(Role::Title, &title);
    }
    let marks: Vec<String> = opts.mark.iter().cloned().collect();
    for m in &marks {
        mark_para(&mut w, m);
    }
    w.markdown(rest, prose::Lead::default(), Role::BodyText);
    assemble(
        &template,
        &styles,
        w,
        &DocProps {
            title: title_property,
            author,
            unprinted: &opts.unprinted,
        },
        &marks,
        opts.epoch,
    )
}

fn template_of(opts: &Options) -> Result<Template, String> {
    match opts.template {
        Some(bytes) => package::read_template(bytes),
        None => Ok(default_template_parts()),
    }
}

fn draft_line() -> String {
    format!(
        "{}: {}",
        crate::render::draft::DRAFT,
        crate::render::draft::NOTICE.replace('`', "")
    )
}

fn mark_para(w: &mut Writer, text: &str) {
    let runs = writer::run(
        text,
        writer::Fmt {
            bold: true,
            ..writer::Fmt::default()
        },
    );
    w.para(Role::BodyText, None, &runs);
}

/// The body with the marks' paragraphs after its title paragraph.
fn insert_after_title(w: &Writer, body: String, marks: &[String]) -> String {
    if marks.is_empty() {
        return body;
    }
    let saved = body;
    let mut m = Writer::new(w.styles, Lists::new(None), w.text_width);
    for text in marks {
        mark_para(&mut m, text);
    }
    let title_style = format!(
        r#"<w:pStyle w:val="{}"/>"#,
        escape(w.styles.id(Role::Title))
    );
    match saved
        .find(&title_style)
        .and_then(|at| saved[at..].find("</w:p>").map(|end| at + end + 6))
    {
        Some(at) => format!("{}{}{}", &saved[..at], m.out, &saved[at..]),
        None => format!("{}{saved}", m.out),
    }
}

/// The council's logo, at most 2 inches wide and 1 high, with alt text.
fn logo_picture(w: &mut Writer, logo: &Logo, council: &str) {
    let alt = format!("{council} logo");
    let (png, svg, size) = if logo.mime == "image/svg+xml" {
        let text = String::from_utf8_lossy(&logo.bytes);
        match chart::rasterise(&text) {
            Some((png, pw, ph)) => (png, Some(logo.bytes.as_slice()), Some((pw, ph))),
            None => return,
        }
    } else {
        (logo.bytes.clone(), None, writer::pixel_size(&logo.bytes))
    };
    let ext = match logo.mime {
        "image/jpeg" => "jpeg",
        "image/gif" => "gif",
        _ => "png",
    };
    let (pw, ph) = size.unwrap_or((200, 100));
    let (cx, cy) = chart::emu_size(pw, ph, 2 * 914_400, 914_400);
    w.picture(
        &Picture {
            bytes: &png,
            ext,
            svg,
            cx,
            cy,
            alt: &alt,
            name: "Logo",
        },
        Role::BodyText,
    );
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const CT_WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const REL_OD: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A field: PAGE or NUMPAGES, with a placeholder result.
fn field(instr: &str) -> String {
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
    )
}

/// The document's properties: its title and author (core), and the
/// fields the paper does not print (custom).
struct DocProps<'a> {
    title: &'a str,
    author: &'a str,
    unprinted: &'a [(String, String)],
}

/// Every part, zipped.
fn assemble(
    template: &Template,
    styles: &styles::Resolved,
    w: Writer,
    props: &DocProps,
    marks: &[String],
    epoch: Option<i64>,
) -> Result<Vec<u8>, String> {
    let (title, author, unprinted) = (props.title, props.author, props.unprinted);
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut overrides: Vec<(String, String)> = Vec::new();
    let mut doc_rels: Vec<(String, String, String)> = Vec::new();
    let mut add = |name: &str, ct: String, rel: Option<&str>, bytes: Vec<u8>| {
        overrides.push((format!("/{name}"), ct));
        if let Some(kind) = rel {
            doc_rels.push((
                format!("rId{}", doc_rels.len() + 1),
                format!("{REL_OD}/{kind}"),
                name.trim_start_matches("word/").to_string(),
            ));
        }
        parts.push((name.to_string(), bytes));
    };

    // Page headers (the marks) and footers (Page X of Y): the template's,
    // given what they lack, or the paper's own.
    let page = format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{}"/><w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">Page </w:t></w:r>{}<w:r><w:t xml:space="preserve"> of </w:t></w:r>{}</w:p>"#,
        escape(styles.id(Role::Footer)),
        field("PAGE"),
        field("NUMPAGES")
    );
    let mark_paras: String = marks
        .iter()
        .map(|m| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="{}"/><w:jc w:val="center"/></w:pPr>{}</w:p>"#,
                escape(styles.id(Role::Header)),
                writer::run(
                    m,
                    writer::Fmt {
                        bold: true,
                        ..writer::Fmt::default()
                    }
                )
            )
        })
        .collect();
    let wrap = |footer: bool, content: &str| {
        let tag = if footer { "ftr" } else { "hdr" };
        format!("{DECL}<w:{tag} {NS}>{content}</w:{tag}>")
    };
    let pages = headers::plan(
        &template.headers,
        template.title_page,
        &mark_paras,
        &page,
        wrap,
    );
    // (part name, relationship id, the part).
    let mut numbered_pages = Vec::new();
    let (mut n_header, mut n_footer) = (0, 0);
    let mut sect = String::from("<w:sectPr>");
    for part in &pages {
        let (tag, n) = if part.footer {
            n_footer += 1;
            ("footer", n_footer)
        } else {
            n_header += 1;
            ("header", n_header)
        };
        let id = format!("rId{tag}{n}");
        sect.push_str(&format!(
            r#"<w:{tag}Reference w:type="{}" r:id="{id}"/>"#,
            escape(&part.kind)
        ));
        numbered_pages.push((format!("{tag}{n}.xml"), id, tag, part));
    }
    sect.push_str(&template.page.size);
    sect.push_str(&template.page.margins);
    if template.title_page {
        sect.push_str("<w:titlePg/>");
    }
    sect.push_str("</w:sectPr>");
    let document = format!(
        "{DECL}<w:document {NS}><w:body>{}{sect}</w:body></w:document>",
        w.out
    );
    add(
        "word/document.xml",
        format!("{CT_WML}.document.main+xml"),
        None,
        document.into_bytes(),
    );
    add(
        "word/styles.xml",
        format!("{CT_WML}.styles+xml"),
        Some("styles"),
        styles.xml.clone().into_bytes(),
    );
    if !w.lists.is_empty() || template.numbering.is_some() {
        add(
            "word/numbering.xml",
            format!("{CT_WML}.numbering+xml"),
            Some("numbering"),
            w.lists.xml(template.numbering.as_deref()).into_bytes(),
        );
    }
    add(
        "word/settings.xml",
        format!("{CT_WML}.settings+xml"),
        Some("settings"),
        template
            .settings
            .clone()
            .unwrap_or_else(default_settings)
            .into_bytes(),
    );
    // A template without a theme or font table gets the shipped ones:
    // Word's schema asks for both.
    add(
        "word/theme/theme1.xml",
        "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        Some("theme"),
        template
            .theme
            .as_deref()
            .unwrap_or(DEFAULT_THEME)
            .as_bytes()
            .to_vec(),
    );
    add(
        "word/fontTable.xml",
        format!("{CT_WML}.fontTable+xml"),
        Some("fontTable"),
        template
            .font_table
            .as_deref()
            .unwrap_or(DEFAULT_FONT_TABLE)
            .as_bytes()
            .to_vec(),
    );
    if let Some(t) = &template.web_settings {
        add(
            "word/webSettings.xml",
            format!("{CT_WML}.webSettings+xml"),
            Some("webSettings"),
            t.clone().into_bytes(),
        );
    }
    let mut media: Vec<(String, Vec<u8>)> = Vec::new();
    let mut page_rels: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, _, tag, part) in &numbered_pages {
        add(
            &format!("word/{name}"),
            format!("{CT_WML}.{tag}+xml"),
            None,
            part.xml.clone().into_bytes(),
        );
        if part.rels.is_empty() {
            continue;
        }
        // The part's pictures, renamed beside the paper's own.
        let mut text = format!(
            r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        );
        for r in &part.rels {
            let (target, mode) = match &r.bytes {
                Some(bytes) => {
                    let file = format!("{}-{}", name.trim_end_matches(".xml"), r.target);
                    media.push((file.clone(), bytes.clone()));
                    (format!("media/{file}"), "")
                }
                None => (r.target.clone(), r#" TargetMode="External""#),
            };
            text.push_str(&format!(
                r#"<Relationship Id="{}" Type="{}" Target="{}"{mode}/>"#,
                escape(&r.id),
                escape(&r.kind),
                escape(&target)
            ));
        }
        text.push_str("</Relationships>");
        page_rels.push((format!("word/_rels/{name}.rels"), text.into_bytes()));
    }

    // The main document's relationships.
    let mut rels = String::from(DECL);
    rels.push_str(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, kind, target) in &doc_rels {
        rels.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{kind}" Target="{}"/>"#,
            escape(target)
        ));
    }
    for (name, id, tag, _) in &numbered_pages {
        rels.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL_OD}/{tag}" Target="{name}"/>"#
        ));
    }
    for r in &w.rels {
        let mode = if r.external {
            r#" TargetMode="External""#
        } else {
            ""
        };
        rels.push_str(&format!(
            r#"<Relationship Id="{}" Type="{}" Target="{}"{mode}/>"#,
            r.id,
            r.kind,
            escape(&r.target)
        ));
    }
    rels.push_str("</Relationships>");
    debug_assert!(w.rels.iter().all(|r| r.kind != IMAGE || !r.external));

    let core = core_properties(title, author, epoch);
    let app = format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>{}</Application></Properties>"#,
        escape(&format!("committee-papers {}", env!("CARGO_PKG_VERSION")))
    );
    let mut content_types = String::from(DECL);
    content_types.push_str(r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="gif" ContentType="image/gif"/><Default Extension="svg" ContentType="image/svg+xml"/>"#);
    // The template's pictures may be of other types than the paper's.
    let mut extensions: Vec<String> = media
        .iter()
        .filter_map(|(n, _)| n.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()))
        .filter(|e| !matches!(e.as_str(), "png" | "jpeg" | "gif" | "svg" | "xml" | "rels"))
        .collect();
    extensions.sort();
    extensions.dedup();
    for ext in extensions {
        let ct = match ext.as_str() {
            "jpg" | "jpe" => "image/jpeg",
            "emf" => "image/x-emf",
            "wmf" => "image/x-wmf",
            "bmp" => "image/bmp",
            "tif" | "tiff" => "image/tiff",
            _ => "application/octet-stream",
        };
        content_types.push_str(&format!(
            r#"<Default Extension="{}" ContentType="{ct}"/>"#,
            escape(&ext)
        ));
    }
    content_types.push_str(r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#);
    for (name, ct) in &overrides {
        content_types.push_str(&format!(
            r#"<Override PartName="{name}" ContentType="{ct}"/>"#
        ));
    }
    let custom = custom_properties(unprinted);
    if custom.is_some() {
        content_types.push_str(r#"<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>"#);
    }
    content_types.push_str("</Types>");
    let custom_rel = if custom.is_some() {
        format!(
            r#"<Relationship Id="rId4" Type="{REL_OD}/custom-properties" Target="docProps/custom.xml"/>"#
        )
    } else {
        String::new()
    };
    let package_rels = format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_OD}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{REL_OD}/extended-properties" Target="docProps/app.xml"/>{custom_rel}</Relationships>"#
    );
    let mut all = vec![
        (
            "[Content_Types].xml".to_string(),
            content_types.into_bytes(),
        ),
        ("_rels/.rels".to_string(), package_rels.into_bytes()),
        ("docProps/core.xml".to_string(), core.into_bytes()),
        ("docProps/app.xml".to_string(), app.into_bytes()),
    ];
    if let Some(custom) = custom {
        all.push(("docProps/custom.xml".to_string(), custom.into_bytes()));
    }
    let (first, rest) = parts.split_at(1);
    all.extend(first.iter().cloned());
    all.push((
        "word/_rels/document.xml.rels".to_string(),
        rels.into_bytes(),
    ));
    all.extend(rest.iter().cloned());
    all.extend(page_rels);
    for (name, bytes) in w.media.into_iter().chain(media) {
        all.push((format!("word/media/{name}"), bytes));
    }
    package::write_zip(&all, package::zip_time(epoch))
}

/// `docProps/custom.xml`: one text property "papers:ID" for each field
/// the paper does not print; `None` when there is none.
fn custom_properties(unprinted: &[(String, String)]) -> Option<String> {
    if unprinted.is_empty() {
        return None;
    }
    let mut out = format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
    );
    for (i, (id, value)) in unprinted.iter().enumerate() {
        out.push_str(&format!(
            r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{}" name="{}"><vt:lpwstr>{}</vt:lpwstr></property>"#,
            i + 2,
            escape(&format!("{}{id}", crate::import::UNPRINTED_PREFIX)),
            escape(value)
        ));
    }
    out.push_str("</Properties>");
    Some(out)
}

/// `docProps/core.xml`: title, author, language; dates only from
/// `SOURCE_DATE_EPOCH`, so the bytes never depend on the clock.
fn core_properties(title: &str, author: &str, epoch: Option<i64>) -> String {
    let date = epoch
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(|t| {
            let t = t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
            format!(
                r#"<dcterms:created xsi:type="dcterms:W3CDTF">{t}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{t}</dcterms:modified>"#
            )
        })
        .unwrap_or_default();
    format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>{LANGUAGE}</dc:language>{date}</cp:coreProperties>"#,
        escape(title),
        escape(author)
    )
}

fn default_settings() -> String {
    format!(
        r#"{DECL}<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

/// The shipped template's parts.
fn default_template_parts() -> Template {
    Template {
        styles: Some(styles::default_styles(LANGUAGE)),
        settings: Some(default_settings()),
        ..Template::default()
    }
}

/// The neutral default template as a .docx (`papers templates eject`
/// writes it as `reference.docx`): every role's style, A4 pages, an
/// empty body.
pub fn default_template() -> Vec<u8> {
    let template = default_template_parts();
    let styles = styles::resolve(
        template.styles.as_deref().unwrap_or_default(),
        &Names::new(),
        LANGUAGE,
    )
    .expect("the shipped styles parse");
    let mut w = Writer::new(&styles, Lists::new(None), template.page.text_width);
    w.text_para(Role::Title, "Title");
    w.text_para(Role::BodyText, "Body text.");
    assemble(
        &template,
        &styles,
        w,
        &DocProps {
            title: "Committee paper template",
            author: "committee-papers",
            unprinted: &[],
        },
        &[],
        None,
    )
    .expect("the shipped template zips")
}

/// `SOURCE_DATE_EPOCH` as seconds; `Err` for text that is not a number.
pub fn epoch_of(text: Option<&str>) -> Result<Option<i64>, String> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(t) => t
            .parse()
            .map(Some)
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{t}` is not a time")),
    }
}

/// The council's role names (`docx_styles:`) as the writer reads them.
pub fn names_of(s: &crate::model::council::DocxStyles) -> Names {
    let mut names = Names::new();
    for (role, name) in [
        (Role::Title, &s.title),
        (Role::HeaderTable, &s.header_table),
        (Role::Heading1, &s.heading_1),
        (Role::Heading2, &s.heading_2),
        (Role::Heading3, &s.heading_3),
        (Role::BodyText, &s.body_text),
        (Role::NumberedParagraph, &s.numbered_paragraph),
        (Role::Recommendation, &s.recommendation),
        (Role::Table, &s.table),
        (Role::Caption, &s.caption),
    ] {
        if let Some(n) = name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            names.insert(role, n.to_string());
        }
    }
    names
}
