//! `word/styles.xml`: each paragraph style's name, what it is based on,
//! its outline level, its numbering and whether it is bold, so that a
//! council's "Report Heading 1" based on "heading 1" is a heading.

use std::collections::HashMap;

use super::xml::{attr, child, child_val, is, toggle};

#[derive(Debug, Clone, Default)]
pub struct Style {
    pub name: String,
    pub based_on: Option<String>,
    pub outline: Option<u8>,
    pub num: Option<(String, u8)>,
    pub bold: Option<bool>,
}

/// The paragraph styles, by id.
#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
    default_id: Option<String>,
    /// The council's own title and heading styles (`docx_styles:`), by
    /// lower-case name: their level (0 for the title).
    named: HashMap<String, u8>,
}

/// How deep a `basedOn` chain is followed (a loop stops here too).
const MAX_CHAIN: usize = 16;

impl Styles {
    pub fn read(doc: &roxmltree::Document) -> Styles {
        let mut styles = Styles::default();
        for s in doc.root_element().children().filter(|n| is(*n, "style")) {
            if attr(s, "type").is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = attr(s, "styleId") else {
                continue;
            };
            let ppr = child(s, "pPr");
            let num = ppr.and_then(|p| child(p, "numPr")).and_then(|n| {
                let id = child_val(n, "numId")?.to_string();
                let lvl = child_val(n, "ilvl")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                Some((id, lvl))
            });
            let style = Style {
                name: child_val(s, "name").unwrap_or(id).to_string(),
                based_on: child_val(s, "basedOn").map(str::to_string),
                outline: ppr
                    .and_then(|p| child_val(p, "outlineLvl"))
                    .and_then(|v| v.parse().ok()),
                num,
                bold: child(s, "rPr").and_then(|r| toggle(r, "b")),
            };
            if matches!(attr(s, "default"), Some("1" | "true")) {
                styles.default_id = Some(id.to_string());
            }
            styles.by_id.insert(id.to_string(), style);
        }
        styles
    }

    /// The chain from style `id` up its `basedOn`s (the default style
    /// when `id` is none).
    fn chain<'s>(&'s self, id: Option<&str>) -> Vec<&'s Style> {
        let mut out = Vec::new();
        let mut next = id.or(self.default_id.as_deref()).map(str::to_string);
        while let Some(id) = next {
            if out.len() >= MAX_CHAIN {
                break;
            }
            let Some(s) = self.by_id.get(&id) else { break };
            out.push(s);
            next = s.based_on.clone();
        }
        out
    }

    /// Names the council's title and heading styles (`docx_styles:`), so
    /// that a "Report Heading 1" based on no built-in heading is one.
    pub fn name_headings<'n>(&mut self, names: impl IntoIterator<Item = (&'n str, u8)>) {
        for (name, level) in names {
            let name = name.trim().to_lowercase();
            if !name.is_empty() {
                self.named.insert(name, level);
            }
        }
    }

    pub fn name(&self, id: Option<&str>) -> Option<&str> {
        self.by_id.get(id?).map(|s| s.name.as_str())
    }

    /// The heading level (1-based) of style `id`: a built-in heading name
    /// ("heading 2", "Title" as 0) or an outline level, down its chain.
    pub fn heading_level(&self, id: Option<&str>) -> Option<u8> {
        for s in self.chain(id) {
            let name = s.name.to_ascii_lowercase();
            if let Some(l) = self.named.get(&s.name.trim().to_lowercase()) {
                return Some(*l);
            }
            if let Some(n) = name
                .strip_prefix("heading ")
                .and_then(|n| n.trim().parse::<u8>().ok())
            {
                return Some(n.clamp(1, 9));
            }
            if name == "title" {
                return Some(0);
            }
            if let Some(l) = s.outline
                && l < 9
            {
                return Some(l + 1);
            }
        }
        None
    }

    /// The numbering a style links to, down its chain.
    pub fn numbering(&self, id: Option<&str>) -> Option<(String, u8)> {
        self.chain(id).into_iter().find_map(|s| s.num.clone())
    }

    /// Whether style `id` makes its text bold.
    pub fn bold(&self, id: Option<&str>) -> bool {
        self.chain(id)
            .into_iter()
            .find_map(|s| s.bold)
            .unwrap_or(false)
    }

    /// Whether the style names a list paragraph ("List Bullet", "List
    /// Number 2").
    pub fn list_kind(&self, id: Option<&str>) -> Option<bool> {
        for s in self.chain(id) {
            let name = s.name.to_ascii_lowercase();
            if name.starts_with("list bullet") {
                return Some(false);
            }
            if name.starts_with("list number") {
                return Some(true);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn based_on_chains_and_outline_levels() {
        let xml = r#"<w:styles xmlns:w="w">
          <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
          <w:style w:type="paragraph" w:styleId="RH1"><w:name w:val="Report Heading 1"/><w:basedOn w:val="Heading1"/></w:style>
          <w:style w:type="paragraph" w:styleId="Out"><w:name w:val="Side"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
        </w:styles>"#;
        let doc = roxmltree::Document::parse(xml).unwrap();
        let s = Styles::read(&doc);
        assert_eq!(s.heading_level(Some("RH1")), Some(1));
        assert_eq!(s.heading_level(Some("Out")), Some(2));
        assert_eq!(s.heading_level(Some("Loop")), None);
    }

    #[test]
    fn the_councils_named_heading_styles_are_headings() {
        let xml = r#"<w:styles xmlns:w="w">
          <w:style w:type="paragraph" w:styleId="KH"><w:name w:val="Kingsmere Heading"/></w:style>
          <w:style w:type="paragraph" w:styleId="KT"><w:name w:val="Kingsmere Title"/></w:style>
        </w:styles>"#;
        let doc = roxmltree::Document::parse(xml).unwrap();
        let mut s = Styles::read(&doc);
        assert_eq!(s.heading_level(Some("KH")), None);
        s.name_headings([("kingsmere heading ", 2), ("Kingsmere Title", 0)]);
        assert_eq!(s.heading_level(Some("KH")), Some(2));
        assert_eq!(s.heading_level(Some("KT")), Some(0));
    }
}
