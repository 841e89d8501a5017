//! `word/numbering.xml`: each list instance (`w:num`) resolved to its
//! abstract definition's levels, with the instance's start and restart
//! overrides, and the counters Word keeps while it numbers paragraphs.

use std::collections::HashMap;

use super::xml::{attr, child, child_val, is};

/// One level of a list definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// `decimal`, `bullet`, `lowerLetter` ...
    pub format: String,
    /// `%1.%2`, `•` ...
    pub text: String,
    pub start: u32,
    /// `w:lvlRestart`: `Some(0)` for a level that never restarts.
    pub restart: Option<u32>,
}

impl Level {
    pub fn is_bullet(&self) -> bool {
        self.format == "bullet" || self.format == "none"
    }

    /// Paragraph numbering ("1.1", "2.3.1") rather than a list: the level
    /// prints more than one counter, or it is a sub-level that never
    /// restarts (paragraphs numbered 1, 2, 3 straight through the
    /// sections, as a flat house style numbers them).
    pub fn is_outline(&self) -> bool {
        self.text.matches('%').count() >= 2 || self.restart == Some(0)
    }
}

/// A list instance's overrides by level: a new start, or a whole level.
type Overrides = HashMap<u8, (Option<u32>, Option<Level>)>;

#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Option<Level>>>,
    /// numId → (abstractNumId, overrides by level: a start, or a whole level).
    nums: HashMap<String, (String, Overrides)>,
    counters: HashMap<String, [u32; 9]>,
    seen: HashMap<String, [bool; 9]>,
}

fn level(l: roxmltree::Node) -> Level {
    Level {
        format: child_val(l, "numFmt").unwrap_or("decimal").to_string(),
        text: child_val(l, "lvlText").unwrap_or("").to_string(),
        start: child_val(l, "start")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
            .min(1_000_000),
        restart: child_val(l, "lvlRestart").and_then(|v| v.parse().ok()),
    }
}

fn ilvl(n: roxmltree::Node) -> Option<u8> {
    attr(n, "ilvl")
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|l| *l < 9)
}

impl Numbering {
    pub fn read(doc: &roxmltree::Document) -> Numbering {
        let mut out = Numbering::default();
        let root = doc.root_element();
        for a in root.children().filter(|n| is(*n, "abstractNum")) {
            let Some(id) = attr(a, "abstractNumId") else {
                continue;
            };
            let mut levels = vec![None; 9];
            for l in a.children().filter(|n| is(*n, "lvl")) {
                if let Some(i) = ilvl(l) {
                    levels[usize::from(i)] = Some(level(l));
                }
            }
            out.abstracts.insert(id.to_string(), levels);
        }
        for n in root.children().filter(|n| is(*n, "num")) {
            let (Some(id), Some(abs)) = (attr(n, "numId"), child_val(n, "abstractNumId")) else {
                continue;
            };
            let mut overrides = HashMap::new();
            for o in n.children().filter(|c| is(*c, "lvlOverride")) {
                let Some(i) = ilvl(o) else { continue };
                let start = child_val(o, "startOverride")
                    .and_then(|v| v.parse().ok())
                    .map(|s: u32| s.min(1_000_000));
                let lvl = child(o, "lvl").map(level);
                overrides.insert(i, (start, lvl));
            }
            out.nums
                .insert(id.to_string(), (abs.to_string(), overrides));
        }
        out
    }

    /// Level `lvl` of list `num`, overrides applied; `None` for numId 0
    /// ("no numbering") or an unknown list.
    pub fn level(&self, num: &str, lvl: u8) -> Option<Level> {
        let (abs, overrides) = self.nums.get(num)?;
        let (start, whole) = overrides.get(&lvl).cloned().unwrap_or((None, None));
        let mut level = whole.or_else(|| {
            self.abstracts
                .get(abs)?
                .get(usize::from(lvl))
                .cloned()
                .flatten()
        })?;
        if let Some(s) = start {
            level.start = s;
        }
        Some(level)
    }

    /// The number Word gives the next paragraph of list `num` at `lvl`,
    /// counting as Word does: a level restarts after a higher one.
    pub fn next(&mut self, num: &str, lvl: u8) -> Option<u32> {
        let level = self.level(num, lvl)?;
        let i = usize::from(lvl.min(8));
        // Instances of one abstract list share counters unless the
        // instance restarts them.
        let key = match self.nums.get(num) {
            Some((abs, o)) if o.is_empty() => format!("a{abs}"),
            _ => format!("n{num}"),
        };
        let seen = self.seen.entry(key.clone()).or_insert([false; 9]);
        let counters = self.counters.entry(key).or_insert([0; 9]);
        if seen[i] {
            counters[i] = counters[i].saturating_add(1);
        } else {
            counters[i] = level.start;
            seen[i] = true;
        }
        for s in &mut seen[i + 1..] {
            *s = false;
        }
        Some(counters[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_restart_a_list() {
        let xml = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
        </w:numbering>"#;
        let doc = roxmltree::Document::parse(xml).unwrap();
        let mut n = Numbering::read(&doc);
        assert_eq!(n.next("1", 0), Some(1));
        assert_eq!(n.next("1", 0), Some(2));
        assert_eq!(n.next("2", 0), Some(5));
        assert!(n.level("1", 1).unwrap().is_outline());
        assert!(!n.level("1", 0).unwrap().is_outline());
        assert_eq!(n.next("0", 0), None);
    }

    #[test]
    fn a_level_that_never_restarts_numbers_paragraphs() {
        let xml = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val=""/></w:lvl>
            <w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/><w:lvlText w:val="%2"/></w:lvl></w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>"#;
        let doc = roxmltree::Document::parse(xml).unwrap();
        let n = Numbering::read(&doc);
        assert!(n.level("1", 1).unwrap().is_outline());
    }
}
