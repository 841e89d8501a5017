//! Styles: each role of the paper (title, headings, body text ...) is
//! found in the template's styles by its *name*, as Word shows it, so a
//! council's "Report Heading 1" is used when `council.yaml` names it. A
//! role the template lacks gets a built-in definition, added beside the
//! template's own styles; nothing of the template's is changed but the
//! document language.

use std::collections::HashMap;

use super::xml::escape;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// What a paragraph, run or table plays in the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Title,
    HeaderTable,
    Heading1,
    Heading2,
    Heading3,
    Heading4,
    BodyText,
    NumberedParagraph,
    Recommendation,
    ListParagraph,
    Quote,
    Table,
    Caption,
    Hyperlink,
    Header,
    Footer,
}

impl Role {
    pub const ALL: [Role; 16] = [
        Role::Title,
        Role::HeaderTable,
        Role::Heading1,
        Role::Heading2,
        Role::Heading3,
        Role::Heading4,
        Role::BodyText,
        Role::NumberedParagraph,
        Role::Recommendation,
        Role::ListParagraph,
        Role::Quote,
        Role::Table,
        Role::Caption,
        Role::Hyperlink,
        Role::Header,
        Role::Footer,
    ];

    /// The heading role of level 1 to 4 (deeper levels use level 4's).
    pub fn heading(level: u8) -> Role {
        match level {
            0 | 1 => Role::Heading1,
            2 => Role::Heading2,
            3 => Role::Heading3,
            _ => Role::Heading4,
        }
    }

    /// The style's name in Word's own (built-in) spelling.
    pub fn default_name(self) -> &'static str {
        match self {
            Role::Title => "Title",
            Role::HeaderTable => "Table Grid",
            Role::Heading1 => "heading 1",
            Role::Heading2 => "heading 2",
            Role::Heading3 => "heading 3",
            Role::Heading4 => "heading 4",
            Role::BodyText => "Body Text",
            Role::NumberedParagraph => "Numbered Paragraph",
            Role::Recommendation => "List Number",
            Role::ListParagraph => "List Paragraph",
            Role::Quote => "Quote",
            Role::Table => "Table Grid",
            Role::Caption => "caption",
            Role::Hyperlink => "Hyperlink",
            Role::Header => "header",
            Role::Footer => "footer",
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Role::HeaderTable | Role::Table => "table",
            Role::Hyperlink => "character",
            _ => "paragraph",
        }
    }

    /// The built-in definition: what goes inside `<w:style>` after its name.
    fn definition(self) -> &'static str {
        match self {
            Role::Title => {
                r#"<w:uiPriority w:val="10"/><w:qFormat/><w:pPr><w:spacing w:after="240"/><w:outlineLvl w:val="9"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr>"#
            }
            Role::Heading1 => heading_def(0, 32),
            Role::Heading2 => heading_def(1, 28),
            Role::Heading3 => heading_def(2, 26),
            Role::Heading4 => heading_def(3, 24),
            Role::BodyText => r#"<w:qFormat/><w:pPr><w:spacing w:after="120"/></w:pPr>"#,
            Role::NumberedParagraph => {
                r#"<w:qFormat/><w:pPr><w:spacing w:after="120"/><w:ind w:left="720" w:hanging="720"/></w:pPr>"#
            }
            Role::Recommendation => {
                r#"<w:qFormat/><w:pPr><w:spacing w:after="120"/><w:ind w:left="720" w:hanging="360"/></w:pPr>"#
            }
            Role::ListParagraph => {
                r#"<w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/></w:pPr>"#
            }
            Role::Quote => {
                r#"<w:uiPriority w:val="29"/><w:qFormat/><w:pPr><w:spacing w:after="120"/><w:ind w:left="720" w:right="720"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr>"#
            }
            Role::HeaderTable | Role::Table => {
                r#"<w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>"#
            }
            Role::Caption => {
                r#"<w:uiPriority w:val="35"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>"#
            }
            Role::Hyperlink => {
                r#"<w:uiPriority w:val="99"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>"#
            }
            Role::Header | Role::Footer => {
                r#"<w:pPr><w:tabs><w:tab w:val="center" w:pos="4513"/><w:tab w:val="right" w:pos="9026"/></w:tabs></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>"#
            }
        }
    }
}

fn heading_def(outline: u8, size: u8) -> &'static str {
    // Four fixed strings, so the definitions stay `&'static str`.
    match (outline, size) {
        (0, _) => {
            r#"<w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>"#
        }
        (1, _) => {
            r#"<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>"#
        }
        (2, _) => {
            r#"<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>"#
        }
        _ => {
            r#"<w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>"#
        }
    }
}

/// The style names a council sets for roles (`docx_styles:` in
/// `council.yaml`); a role not named uses Word's built-in name.
pub type Names = HashMap<Role, String>;

/// The template's styles with every role resolved to a style id.
#[derive(Debug, Clone)]
pub struct Resolved {
    ids: HashMap<Role, String>,
    /// `word/styles.xml`: the template's, the missing roles added.
    pub xml: String,
    /// The names of the styles added (for tests and messages).
    pub added: Vec<String>,
    /// The roles whose template style numbers its paragraphs (a council's
    /// heading style linked to its multi-level list).
    numbered: Vec<Role>,
}

impl Resolved {
    pub fn id(&self, role: Role) -> &str {
        self.ids.get(&role).map(String::as_str).unwrap_or_default()
    }

    /// Whether any role's style brings numbering of its own.
    pub fn numbers_any(&self) -> bool {
        !self.numbered.is_empty()
    }

    /// Whether the role's style brings numbering of its own, which a
    /// paragraph the paper does not number must switch off (a list that
    /// prints nothing):
    /// else a council's numbered "Report Heading 1" numbers headings that
    /// its house style leaves unnumbered.
    pub fn numbers_itself(&self, role: Role) -> bool {
        self.numbered.contains(&role)
    }
}

fn kid<'a, 'i>(n: roxmltree::Node<'a, 'i>, tag: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((W, tag)))
}

/// The roles whose style, down its `basedOn` chain, links to a list.
fn numbered_roles(root: roxmltree::Node, ids: &HashMap<Role, String>) -> Vec<Role> {
    let mut based_on: HashMap<&str, &str> = HashMap::new();
    let mut numbered: HashMap<&str, bool> = HashMap::new();
    for style in root.children().filter(|n| n.has_tag_name((W, "style"))) {
        let Some(id) = style.attribute((W, "styleId")) else {
            continue;
        };
        if let Some(b) = kid(style, "basedOn").and_then(|b| b.attribute((W, "val"))) {
            based_on.insert(id, b);
        }
        let num_id = kid(style, "pPr").and_then(|p| kid(p, "numPr")).map(|n| {
            kid(n, "numId")
                .and_then(|i| i.attribute((W, "val")))
                .unwrap_or("0")
        });
        if let Some(num_id) = num_id {
            numbered.entry(id).or_insert(num_id.trim() != "0");
        }
    }
    let numbers = |id: &str| {
        let mut at = id;
        for _ in 0..16 {
            if let Some(n) = numbered.get(at) {
                return *n;
            }
            match based_on.get(at) {
                Some(b) => at = b,
                None => return false,
            }
        }
        false
    };
    [
        Role::Title,
        Role::Heading1,
        Role::Heading2,
        Role::Heading3,
        Role::Heading4,
        Role::BodyText,
        Role::NumberedParagraph,
        Role::Caption,
    ]
    .into_iter()
    .filter(|r| ids.get(r).is_some_and(|id| numbers(id)))
    .collect()
}

/// Finds each role's style in `styles` (the template's `styles.xml`) by
/// name, adds a definition for each missing one, and sets the document
/// language in the defaults.
pub fn resolve(styles: &str, names: &Names, lang: &str) -> Result<Resolved, String> {
    let doc = roxmltree::Document::parse(styles).map_err(|e| format!("word/styles.xml: {e}"))?;
    let root = doc.root_element();
    let mut by_name: HashMap<(String, &str), String> = HashMap::new();
    let mut ids: Vec<String> = Vec::new();
    for style in root.children().filter(|n| n.has_tag_name((W, "style"))) {
        let Some(id) = style.attribute((W, "styleId")) else {
            continue;
        };
        let kind = style.attribute((W, "type")).unwrap_or("paragraph");
        ids.push(id.to_string());
        if let Some(name) = style
            .children()
            .find(|n| n.has_tag_name((W, "name")))
            .and_then(|n| n.attribute((W, "val")))
        {
            let kind: &str = match kind {
                "table" => "table",
                "character" => "character",
                "numbering" => "numbering",
                _ => "paragraph",
            };
            by_name
                .entry((name.trim().to_lowercase(), kind))
                .or_insert_with(|| id.to_string());
        }
    }
    let mut resolved = HashMap::new();
    let mut added_xml = String::new();
    let mut added = Vec::new();
    for role in Role::ALL {
        let name = names
            .get(&role)
            .map(String::as_str)
            .unwrap_or(role.default_name());
        if let Some(id) = by_name.get(&(name.trim().to_lowercase(), role.kind())) {
            resolved.insert(role, id.clone());
            continue;
        }
        let id = fresh_id(name, &ids);
        ids.push(id.clone());
        by_name.insert((name.trim().to_lowercase(), role.kind()), id.clone());
        added_xml.push_str(&format!(
            r#"<w:style w:type="{}" w:customStyle="{}" w:styleId="{}"><w:name w:val="{}"/>{}</w:style>"#,
            role.kind(),
            if is_builtin_name(name) { "0" } else { "1" },
            escape(&id),
            escape(name),
            role.definition()
        ));
        added.push(name.to_string());
        resolved.insert(role, id);
    }
    let mut edits = Vec::new();
    // The added styles go after the template's own, at the end.
    let end = end_tag_start(styles, root);
    edits.push((end..end, added_xml));
    edits.extend(language_edit(styles, &doc, lang));
    let numbered = numbered_roles(root, &resolved);
    Ok(Resolved {
        ids: resolved,
        xml: apply(styles, edits),
        added,
        numbered,
    })
}

fn is_builtin_name(name: &str) -> bool {
    Role::ALL.iter().any(|r| r.default_name() == name)
}

/// A style id from a name: its letters and digits, made unique.
fn fresh_id(name: &str, taken: &[String]) -> String {
    let base: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let base = if base.is_empty() {
        "Style".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&id)) {
        n += 1;
        id = format!("{base}{n}");
    }
    id
}

/// Where `node`'s end tag starts (or, for an empty element, an edit that
/// opens it is needed: see [`open_empty`]).
pub fn end_tag_start(src: &str, node: roxmltree::Node) -> usize {
    let range = node.range();
    let text = &src[range.clone()];
    match text.rfind("</") {
        Some(at) if !text.ends_with("/>") => range.start + at,
        _ => range.end,
    }
}

/// An element written `<x/>`: its text made `<x>content</x>`.
fn open_empty(
    src: &str,
    node: roxmltree::Node,
    content: &str,
) -> Option<(std::ops::Range<usize>, String)> {
    let range = node.range();
    let text = &src[range.clone()];
    let stripped = text.strip_suffix("/>")?;
    let qname = text[1..]
        .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .next()
        .unwrap_or_default();
    Some((
        range,
        format!("{}>{content}</{qname}>", stripped.trim_end()),
    ))
}

/// The edit that sets `w:lang` in the document defaults.
fn language_edit(
    src: &str,
    doc: &roxmltree::Document,
    lang: &str,
) -> Option<(std::ops::Range<usize>, String)> {
    let lang_el = format!(r#"<w:lang w:val="{}"/>"#, escape(lang));
    let root = doc.root_element();
    fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, tag: &str) -> Option<roxmltree::Node<'a, 'i>> {
        n.children().find(|c| c.has_tag_name((W, tag)))
    }
    let Some(defaults) = child(root, "docDefaults") else {
        // docDefaults is the first child of w:styles.
        let at = src[root.range()]
            .find('>')
            .map(|i| root.range().start + i + 1)?;
        return Some((
            at..at,
            format!(
                "<w:docDefaults><w:rPrDefault><w:rPr>{lang_el}</w:rPr></w:rPrDefault></w:docDefaults>"
            ),
        ));
    };
    let Some(rpr_default) = child(defaults, "rPrDefault") else {
        let at = src[defaults.range()]
            .find('>')
            .map(|i| defaults.range().start + i + 1)?;
        if src[defaults.range()].ends_with("/>") {
            return open_empty(
                src,
                defaults,
                &format!("<w:rPrDefault><w:rPr>{lang_el}</w:rPr></w:rPrDefault>"),
            );
        }
        return Some((
            at..at,
            format!("<w:rPrDefault><w:rPr>{lang_el}</w:rPr></w:rPrDefault>"),
        ));
    };
    let Some(rpr) = child(rpr_default, "rPr") else {
        if src[rpr_default.range()].ends_with("/>") {
            return open_empty(src, rpr_default, &format!("<w:rPr>{lang_el}</w:rPr>"));
        }
        let at = end_tag_start(src, rpr_default);
        return Some((at..at, format!("<w:rPr>{lang_el}</w:rPr>")));
    };
    if let Some(old) = child(rpr, "lang") {
        // Keep the East Asian and bidi languages; set the main one.
        let mut el = format!(r#"<w:lang w:val="{}""#, escape(lang));
        for k in ["eastAsia", "bidi"] {
            if let Some(v) = old.attribute((W, k)) {
                el.push_str(&format!(r#" w:{k}="{}""#, escape(v)));
            }
        }
        el.push_str("/>");
        return Some((old.range(), el));
    }
    if src[rpr.range()].ends_with("/>") {
        return open_empty(src, rpr, &lang_el);
    }
    // w:lang comes before w:eastAsianLayout, w:specVanish and w:oMath.
    let at = rpr
        .children()
        .find(|c| {
            c.is_element()
                && matches!(
                    c.tag_name().name(),
                    "eastAsianLayout" | "specVanish" | "oMath"
                )
        })
        .map(|c| c.range().start)
        .unwrap_or_else(|| end_tag_start(src, rpr));
    Some((at..at, lang_el))
}

/// Applies non-overlapping edits (range replaced by text).
pub fn apply(src: &str, mut edits: Vec<(std::ops::Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| std::cmp::Reverse((r.start, r.end)));
    let mut out = src.to_string();
    for (range, text) in edits {
        out.replace_range(range, &text);
    }
    out
}

/// The neutral default template's styles: Word's defaults in a plain
/// sans-serif face, and a definition for every role.
pub fn default_styles(lang: &str) -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="{}" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        escape(lang)
    );
    out.push_str(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);
    let mut seen = Vec::new();
    for role in Role::ALL {
        let name = role.default_name();
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        let id = fresh_id(name, &[]);
        // Word's own ids for its built-in styles: "Heading1", "Caption".
        let id = capitalise(&id);
        out.push_str(&format!(
            r#"<w:style w:type="{}" w:styleId="{id}"><w:name w:val="{name}"/>{}</w:style>"#,
            role.kind(),
            role.definition()
        ));
    }
    out.push_str("</w:styles>");
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_styles_have_every_role() {
        let r = resolve(&default_styles("en-GB"), &Names::new(), "en-GB").unwrap();
        assert!(r.added.is_empty(), "{:?}", r.added);
        assert_eq!(r.id(Role::Heading1), "Heading1");
        assert_eq!(r.id(Role::Caption), "Caption");
        roxmltree::Document::parse(&r.xml).unwrap();
    }

    #[test]
    fn a_named_role_is_found_by_name_or_added() {
        let styles = format!(
            r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="RH1"><w:name w:val="Report Heading 1"/></w:style></w:styles>"#
        );
        let mut names = Names::new();
        names.insert(Role::Heading1, "Report Heading 1".into());
        names.insert(Role::Heading2, "Report Heading 2".into());
        let r = resolve(&styles, &names, "cy-GB").unwrap();
        assert_eq!(r.id(Role::Heading1), "RH1");
        assert_eq!(r.id(Role::Heading2), "ReportHeading2");
        assert!(r.added.contains(&"Report Heading 2".to_string()));
        assert!(
            r.xml
                .contains(r#"<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="cy-GB"/>"#)
        );
        roxmltree::Document::parse(&r.xml).unwrap();
    }

    #[test]
    fn the_language_replaces_the_templates() {
        let styles = format!(
            r#"<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="20"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#
        );
        let r = resolve(&styles, &Names::new(), "en-GB").unwrap();
        assert!(
            r.xml
                .contains(r#"<w:sz w:val="20"/><w:lang w:val="en-GB" w:eastAsia="zh-CN"/>"#),
            "{}",
            r.xml
        );
    }
}
