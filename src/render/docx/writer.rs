//! The body's building blocks: paragraphs, runs, headings, tables,
//! hyperlinks and pictures, written as WordprocessingML text in schema
//! order. A [`Writer`] collects the body, and the relationships and media
//! it needs, while the paper ([`super::paper`]) and the prose
//! ([`super::prose`]) are laid out.

use super::numbering::Lists;
use super::styles::{Resolved, Role};
use super::xml::{escape, text_run_content};
use crate::model::wording::Second;

/// A relationship of the main document to a link or a picture.
#[derive(Debug, Clone)]
pub struct Rel {
    pub id: String,
    pub kind: &'static str,
    pub target: String,
    pub external: bool,
}

pub const HYPERLINK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
pub const IMAGE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

/// A run's character formatting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fmt {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    pub link: bool,
}

/// A paragraph's numbering: list instance and level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumPr {
    pub num: u32,
    pub ilvl: u8,
}

/// One picture: PNG (or JPEG, GIF) bytes, and an SVG Word prefers where
/// it can show one.
pub struct Picture<'a> {
    pub bytes: &'a [u8],
    pub ext: &'static str,
    pub svg: Option<&'a [u8]>,
    /// Size in EMU (914400 a inch).
    pub cx: u64,
    pub cy: u64,
    pub alt: &'a str,
    pub name: &'a str,
}

pub struct Writer<'s> {
    pub styles: &'s Resolved,
    pub lists: Lists,
    pub out: String,
    pub rels: Vec<Rel>,
    /// (file name under word/media/, bytes).
    pub media: Vec<(String, Vec<u8>)>,
    next_drawing: u32,
    /// The last heading level written (1 to 4), so none is skipped.
    last_heading: u8,
    /// The width between the margins, in twentieths of a point.
    pub text_width: u32,
    /// The list that numbers nothing, when a role's template style is
    /// numbered (a council's heading linked to its list).
    no_number: Option<u32>,
}

impl<'s> Writer<'s> {
    pub fn new(styles: &'s Resolved, mut lists: Lists, text_width: u32) -> Self {
        let no_number = styles.numbers_any().then(|| lists.none());
        Writer {
            styles,
            lists,
            no_number,
            out: String::new(),
            rels: Vec::new(),
            media: Vec::new(),
            next_drawing: 1,
            last_heading: 0,
            text_width,
        }
    }

    /// A new relationship's id.
    pub fn rel(&mut self, kind: &'static str, target: String, external: bool) -> String {
        if let Some(r) = self
            .rels
            .iter()
            .find(|r| r.kind == kind && r.target == target && r.external == external)
        {
            return r.id.clone();
        }
        let id = format!("rId{}", 100 + self.rels.len());
        self.rels.push(Rel {
            id: id.clone(),
            kind,
            target,
            external,
        });
        id
    }

    /// A paragraph's properties: style, numbering, then what `extra`
    /// adds in schema order after them (`w:outlineLvl` ...).
    pub fn ppr(&self, role: Role, num: Option<NumPr>, keep_next: bool, extra: &str) -> String {
        let mut out = format!(
            r#"<w:pPr><w:pStyle w:val="{}"/>"#,
            escape(self.styles.id(role))
        );
        if keep_next {
            out.push_str("<w:keepNext/>");
        }
        if let Some(n) = num {
            out.push_str(&format!(
                r#"<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr>"#,
                n.ilvl, n.num
            ));
        } else if let Some(none) = self.no_number.filter(|_| self.styles.numbers_itself(role)) {
            out.push_str(&format!(
                r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{none}"/></w:numPr>"#
            ));
        }
        out.push_str(extra);
        out.push_str("</w:pPr>");
        out
    }

    /// A paragraph of runs.
    pub fn para(&mut self, role: Role, num: Option<NumPr>, runs: &str) {
        let ppr = self.ppr(role, num, false, "");
        self.out.push_str(&format!("<w:p>{ppr}{runs}</w:p>"));
    }

    /// A paragraph of plain text.
    pub fn text_para(&mut self, role: Role, text: &str) {
        let runs = run(text, Fmt::default());
        self.para(role, None, &runs);
    }

    /// A heading of level 1 to 4 (deeper levels are 4), never more than
    /// one below the last; `num` ties it to the paper's list.
    pub fn heading(&mut self, level: u8, text: &str, num: Option<NumPr>) {
        self.heading_runs(level, &run(text, Fmt::default()), num);
    }

    /// [`Writer::heading`] of runs (a heading in two languages).
    pub fn heading_runs(&mut self, level: u8, runs: &str, num: Option<NumPr>) {
        let level = level.clamp(1, 4).min(self.last_heading + 1).max(1);
        self.last_heading = level;
        let outline = format!(r#"<w:outlineLvl w:val="{}"/>"#, level - 1);
        let ppr = self.ppr(Role::heading(level), num, false, &outline);
        self.out.push_str(&format!("<w:p>{ppr}{runs}</w:p>"));
    }

    /// Numbers the paper's pictures above `id` (the template's highest).
    pub fn pictures_after(&mut self, id: u32) {
        self.next_drawing = self.next_drawing.max(id.saturating_add(1));
    }

    /// The level under the last heading (for a part's sub-headings).
    pub fn last_heading(&self) -> u8 {
        self.last_heading
    }

    /// A hyperlink around `runs`, or the runs alone for a target that is
    /// not a web, mail or telephone address.
    pub fn hyperlink(&mut self, url: &str, runs: &str) -> String {
        match link_target(url) {
            Some(target) => {
                let id = self.rel(HYPERLINK, target, true);
                format!(r#"<w:hyperlink r:id="{id}" w:history="1">{runs}</w:hyperlink>"#)
            }
            None => runs.to_string(),
        }
    }

    /// A table: an optional caption paragraph (kept with the table), the
    /// first row a header row repeated on every page, no merged cells.
    /// Each cell is its paragraphs' XML; `widths` are shares of the text
    /// width in per cent, or even when empty.
    pub fn table(
        &mut self,
        role: Role,
        caption: Option<&str>,
        header: &[String],
        rows: &[Vec<String>],
        widths: &[u32],
    ) {
        let cols = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        if let Some(c) = caption {
            let ppr = self.ppr(Role::Caption, None, true, "");
            self.out
                .push_str(&format!("<w:p>{ppr}{}</w:p>", run(c, Fmt::default())));
        }
        let width = |i: usize| -> u32 {
            match widths.get(i) {
                Some(p) => self.text_width * p / 100,
                None => self.text_width / u32::try_from(cols).unwrap_or(1),
            }
        };
        let caption_el = caption
            .map(|c| format!(r#"<w:tblCaption w:val="{}"/>"#, escape(c)))
            .unwrap_or_default();
        self.out.push_str(&format!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="{}"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>{caption_el}</w:tblPr><w:tblGrid>"#,
            escape(self.styles.id(role))
        ));
        for i in 0..cols {
            self.out
                .push_str(&format!(r#"<w:gridCol w:w="{}"/>"#, width(i)));
        }
        self.out.push_str("</w:tblGrid>");
        let write_row = |out: &mut String, cells: &[String], head: bool| {
            out.push_str("<w:tr>");
            if head {
                out.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            }
            for i in 0..cols {
                let content = cells
                    .get(i)
                    .filter(|c| c.contains("<w:p>") || c.contains("<w:p "))
                    .cloned()
                    .unwrap_or_else(|| "<w:p/>".to_string());
                out.push_str(&format!(
                    r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr>{content}</w:tc>"#,
                    width(i)
                ));
            }
            out.push_str("</w:tr>");
        };
        let mut out = std::mem::take(&mut self.out);
        if !header.is_empty() {
            write_row(&mut out, header, true);
            for r in rows {
                write_row(&mut out, r, false);
            }
        } else if let Some((first, rest)) = rows.split_first() {
            write_row(&mut out, first, true);
            for r in rest {
                write_row(&mut out, r, false);
            }
        }
        out.push_str("</w:tbl>");
        self.out = out;
    }

    /// A cell's paragraph of plain text (bold in a header row).
    pub fn cell(&self, text: &str, bold: bool) -> String {
        let fmt = Fmt {
            bold,
            ..Fmt::default()
        };
        self.cell_runs(&run(text, fmt))
    }

    /// A cell's paragraph of runs.
    pub fn cell_runs(&self, runs: &str) -> String {
        let ppr = self.ppr(Role::BodyText, None, false, "");
        format!("<w:p>{ppr}{runs}</w:p>")
    }

    /// A picture in a paragraph of its own, with its alt text and a
    /// unique id.
    pub fn picture(&mut self, pic: &Picture, role: Role) {
        let n = self.media.len() + 1;
        let name = format!("image{n}.{}", pic.ext);
        self.media.push((name.clone(), pic.bytes.to_vec()));
        let embed = self.rel(IMAGE, format!("media/{name}"), false);
        let svg_ext = match pic.svg {
            Some(svg) => {
                let svg_name = format!("image{n}.svg");
                self.media.push((svg_name.clone(), svg.to_vec()));
                let id = self.rel(IMAGE, format!("media/{svg_name}"), false);
                format!(
                    r#"<a:extLst><a:ext uri="{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="{id}"/></a:ext></a:extLst>"#
                )
            }
            None => String::new(),
        };
        let id = self.next_drawing;
        self.next_drawing += 1;
        let alt = escape(pic.alt);
        let pname = escape(pic.name);
        let (cx, cy) = (pic.cx, pic.cy);
        let drawing = format!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{id}" name="{pname}" descr="{alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="{id}" name="{pname}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{embed}">{svg_ext}</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        );
        let ppr = self.ppr(role, None, false, "");
        self.out.push_str(&format!("<w:p>{ppr}{drawing}</w:p>"));
    }
}

/// The runs of a council's wording, then `suffix`: `text` alone, or, in a
/// council's two languages, "first / " and the second language's text in
/// runs marked with its language (`cy-GB`), so that Word's proofing and a
/// screen reader switch language (WCAG 3.1.2).
pub fn worded(text: &str, second: Option<&Second>, suffix: &str, fmt: Fmt) -> String {
    match second {
        Some(s) => format!(
            "{}{}{}",
            run(&format!("{} / ", s.first), fmt),
            with_lang(&run(&s.text, fmt), &format!("{}-GB", s.lang)),
            run(suffix, fmt)
        ),
        None => run(&format!("{text}{suffix}"), fmt),
    }
}

/// Runs with their language set (`w:lang` closes the run properties here).
pub fn with_lang(runs: &str, lang: &str) -> String {
    let el = format!(r#"<w:lang w:val="{}"/>"#, escape(lang));
    runs.replace("</w:rPr>", &format!("{el}</w:rPr>"))
        .replace("<w:r><w:t", &format!("<w:r><w:rPr>{el}</w:rPr><w:t"))
        .replace(
            "<w:r><w:tab/>",
            &format!("<w:r><w:rPr>{el}</w:rPr><w:tab/>"),
        )
        .replace("<w:r><w:br/>", &format!("<w:r><w:rPr>{el}</w:rPr><w:br/>"))
}

/// A run of `text` in `fmt`.
pub fn run(text: &str, fmt: Fmt) -> String {
    run_with(text, fmt, "Hyperlink")
}

/// A run of `text` in `fmt`, a link's run in the style `link_style`.
pub fn run_with(text: &str, fmt: Fmt, link_style: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut rpr = String::new();
    if fmt.link {
        rpr.push_str(&format!(r#"<w:rStyle w:val="{}"/>"#, escape(link_style)));
    }
    if fmt.code {
        rpr.push_str(
            r#"<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>"#,
        );
    }
    if fmt.bold {
        rpr.push_str("<w:b/><w:bCs/>");
    }
    if fmt.italic {
        rpr.push_str("<w:i/><w:iCs/>");
    }
    if fmt.strike {
        rpr.push_str("<w:strike/>");
    }
    let rpr = if rpr.is_empty() {
        rpr
    } else {
        format!("<w:rPr>{rpr}</w:rPr>")
    };
    format!("<w:r>{rpr}{}</w:r>", text_run_content(text))
}

/// The relationship target of a link: web, mail and telephone addresses
/// only (as the HTML allows), spaces escaped.
pub fn link_target(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let ok = ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s));
    ok.then(|| url.replace(' ', "%20"))
}

/// A picture's size in pixels, from a PNG, GIF or JPEG header.
pub fn pixel_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
        return Some((w, h));
    }
    if bytes.starts_with(b"GIF8") && bytes.len() >= 10 {
        let w = u16::from_le_bytes([bytes[6], bytes[7]]);
        let h = u16::from_le_bytes([bytes[8], bytes[9]]);
        return Some((u32::from(w), u32::from(h)));
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 9 < bytes.len() {
            if bytes[i] != 0xFF {
                i += 1;
                continue;
            }
            let marker = bytes[i + 1];
            let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
            if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
                let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]);
                let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]);
                return Some((u32::from(w), u32::from(h)));
            }
            i += 2 + len;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_links_become_hyperlinks() {
        assert_eq!(
            link_target("https://example.org/a b").as_deref(),
            Some("https://example.org/a%20b")
        );
        assert!(link_target("javascript:alert(1)").is_none());
        assert!(link_target("#section-2").is_none());
    }

    #[test]
    fn picture_sizes_are_read_from_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&[0, 0, 0, 40, 0, 0, 0, 20]);
        assert_eq!(pixel_size(&png), Some((40, 20)));
        assert_eq!(pixel_size(b"GIF89a\x10\0\x08\0"), Some((16, 8)));
    }
}
