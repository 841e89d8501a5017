//! Numbering: the paper's one multi-level list, whose first level is the
//! numbered section headings and whose second is their paragraphs (1.1,
//! 1.2 ...), so Word renumbers when an officer inserts a paragraph; and
//! the ordered and bulleted lists of the prose. The definitions are added
//! after the template's own, with ids above its highest.

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// How the paper numbers its sections and paragraphs, as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// "2." then 2.1, 2.2.
    Dot,
    /// "2.0" then 2.1, 2.2.
    DotZero,
    /// No section number; paragraphs 2.1, 2.2.
    Bare,
    /// Paragraphs 1, 2, 3 through the paper; sections not numbered.
    Flat,
}

/// The lists of one paper, allocated while its body is written.
#[derive(Debug, Clone)]
pub struct Lists {
    abstract_base: u32,
    next_num: u32,
    /// (numId, abstractNumId, start of level 0 when not 1).
    nums: Vec<(u32, u32, Option<u64>)>,
    paper: Option<(u32, Scheme)>,
    bullets: Option<u32>,
    /// The list that numbers nothing (see [`Lists::none`]).
    none: Option<u32>,
}

impl Lists {
    /// Ids above the template's own (`numbering.xml`, if it has one).
    pub fn new(template: Option<&str>) -> Self {
        let (mut max_abstract, mut max_num) = (0u32, 0u32);
        if let Some(doc) = template.and_then(|t| roxmltree::Document::parse(t).ok()) {
            for n in doc.root_element().children() {
                if n.has_tag_name((W, "abstractNum")) {
                    let id = n
                        .attribute((W, "abstractNumId"))
                        .and_then(|v| v.parse().ok());
                    max_abstract = max_abstract.max(id.unwrap_or(0));
                } else if n.has_tag_name((W, "num")) {
                    let id = n.attribute((W, "numId")).and_then(|v| v.parse().ok());
                    max_num = max_num.max(id.unwrap_or(0));
                }
            }
        }
        Lists {
            abstract_base: max_abstract + 1,
            next_num: max_num + 1,
            nums: Vec::new(),
            paper: None,
            bullets: None,
            none: None,
        }
    }

    /// A list that prints no number, for a paragraph whose template style
    /// is numbered where the paper numbers nothing. (`w:numId` 0 says the
    /// same in the standard, but validators look for a definition 0.)
    pub fn none(&mut self) -> u32 {
        if let Some(id) = self.none {
            return id;
        }
        let id = self.num(self.abstract_base + 3, None);
        self.none = Some(id);
        id
    }

    fn num(&mut self, abstract_id: u32, start: Option<u64>) -> u32 {
        let id = self.next_num;
        self.next_num += 1;
        self.nums.push((id, abstract_id, start));
        id
    }

    /// The paper's list (one per paper), its sections counted from `start`.
    pub fn paper(&mut self, scheme: Scheme, start: u64) -> u32 {
        if let Some((id, _)) = self.paper {
            return id;
        }
        let id = self.num(self.abstract_base, (start != 1).then_some(start));
        self.paper = Some((id, scheme));
        id
    }

    /// A new ordered list, counted from `start`.
    pub fn ordered(&mut self, start: u64) -> u32 {
        self.num(self.abstract_base + 1, Some(start))
    }

    /// The bulleted lists' one instance.
    pub fn bullets(&mut self) -> u32 {
        if let Some(id) = self.bullets {
            return id;
        }
        let id = self.num(self.abstract_base + 2, None);
        self.bullets = Some(id);
        id
    }

    pub fn is_empty(&self) -> bool {
        self.nums.is_empty()
    }

    /// `word/numbering.xml`: the template's, with this paper's lists added.
    pub fn xml(&self, template: Option<&str>) -> String {
        let scheme = self.paper.map(|(_, s)| s).unwrap_or(Scheme::Dot);
        let mut abstracts = format!(
            "{}{}{}",
            paper_abstract(self.abstract_base, scheme),
            ordered_abstract(self.abstract_base + 1),
            bullet_abstract(self.abstract_base + 2)
        );
        if self.none.is_some() {
            abstracts.push_str(&format!(
                r#"<w:abstractNum w:abstractNumId="{}"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="none"/><w:suff w:val="nothing"/><w:lvlText w:val=""/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>"#,
                self.abstract_base + 3
            ));
        }
        let nums: String = self
            .nums
            .iter()
            .map(|(id, a, start)| {
                let over = start
                    .map(|s| {
                        format!(
                            r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{s}"/></w:lvlOverride>"#
                        )
                    })
                    .unwrap_or_default();
                format!(r#"<w:num w:numId="{id}"><w:abstractNumId w:val="{a}"/>{over}</w:num>"#)
            })
            .collect();
        let Some(src) = template else {
            return format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">{abstracts}{nums}</w:numbering>"#
            );
        };
        let Ok(doc) = roxmltree::Document::parse(src) else {
            return self.xml(None);
        };
        let root = doc.root_element();
        let end = super::styles::end_tag_start(src, root);
        if end == root.range().end {
            // `<w:numbering/>`: nothing of the template's to keep.
            return self.xml(None);
        }
        // Schema order: abstractNum*, num*, numIdMacAtCleanup?
        let first = |tag: &str| {
            root.children()
                .find(|n| n.has_tag_name((W, tag)))
                .map(|n| n.range().start)
        };
        let cleanup = first("numIdMacAtCleanup");
        let abstract_at = first("num").or(cleanup).unwrap_or(end);
        let num_at = cleanup.unwrap_or(end);
        super::styles::apply(
            src,
            vec![
                (abstract_at..abstract_at, abstracts),
                (num_at..num_at, nums),
            ],
        )
    }
}

fn lvl(ilvl: u8, fmt: &str, text: &str, restart: Option<u8>, left: u32, hanging: u32) -> String {
    let restart = restart
        .map(|r| format!(r#"<w:lvlRestart w:val="{r}"/>"#))
        .unwrap_or_default();
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{restart}<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>"#
    )
}

fn paper_abstract(id: u32, scheme: Scheme) -> String {
    let (heading, paragraph, restart) = match scheme {
        Scheme::Dot => ("%1.", "%1.%2", None),
        Scheme::DotZero => ("%1.0", "%1.%2", None),
        Scheme::Bare => ("", "%1.%2", None),
        Scheme::Flat => ("", "%2", Some(0)),
    };
    format!(
        r#"<w:abstractNum w:abstractNumId="{id}"><w:nsid w:val="{:08X}"/><w:multiLevelType w:val="multilevel"/><w:name w:val="Paper numbering"/>{}{}</w:abstractNum>"#,
        0x5041_0000u32 + id,
        lvl(0, "decimal", heading, None, 720, 720),
        lvl(1, "decimal", paragraph, restart, 720, 720),
    )
}

fn ordered_abstract(id: u32) -> String {
    let levels: String = (0..9u8)
        .map(|i| {
            let fmt = ["decimal", "lowerLetter", "lowerRoman"][usize::from(i % 3)];
            let left = 720 * (u32::from(i) + 1);
            lvl(i, fmt, &format!("%{}.", i + 1), None, left, 360)
        })
        .collect();
    format!(
        r#"<w:abstractNum w:abstractNumId="{id}"><w:nsid w:val="{:08X}"/><w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>"#,
        0x4F4C_0000u32 + id
    )
}

fn bullet_abstract(id: u32) -> String {
    let levels: String = (0..9u8)
        .map(|i| {
            let text = ["\u{2022}", "\u{25E6}", "\u{25AA}"][usize::from(i % 3)];
            let left = 720 * (u32::from(i) + 1);
            lvl(i, "bullet", text, None, left, 360)
        })
        .collect();
    format!(
        r#"<w:abstractNum w:abstractNumId="{id}"><w:nsid w:val="{:08X}"/><w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>"#,
        0x424C_0000u32 + id
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_above_the_templates_and_in_schema_order() {
        let tpl = format!(
            r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="4"/><w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num></w:numbering>"#
        );
        let mut lists = Lists::new(Some(&tpl));
        assert_eq!(lists.paper(Scheme::Dot, 2), 8);
        assert_eq!(lists.ordered(1), 9);
        let xml = lists.xml(Some(&tpl));
        roxmltree::Document::parse(&xml).unwrap();
        let last_abstract = xml.rfind("<w:abstractNum ").unwrap();
        let first_num = xml.find("<w:num ").unwrap();
        assert!(last_abstract < first_num, "{xml}");
        assert!(xml.contains(r#"<w:num w:numId="8"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="2"/>"#));
        assert!(xml.contains(r#"<w:lvlText w:val="%1.%2"/>"#));
    }
}
