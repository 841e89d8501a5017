//! `word/document.xml`: the body as paragraphs and tables of runs, with
//! what Word adds around them taken off. Insertions (`w:ins`) are kept and
//! deletions (`w:del`) dropped, as if every tracked change were accepted;
//! comments are dropped; content controls (`w:sdt`) are unwrapped. A text
//! box's paragraphs (`w:txbxContent`, in a DrawingML `w:drawing` or a VML
//! `w:pict`) follow the paragraph it is anchored in, read once: of an
//! `mc:AlternateContent`, the first choice that holds anything, else its
//! fallback. A footnote's or endnote's text goes in brackets where it is
//! referenced (papers' Markdown has no footnotes). Each is counted, so
//! that the importer can say so.

use std::collections::HashMap;

use roxmltree::Node;

use super::xml::{attr, child, child_val, is, toggle};

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    Link {
        url: String,
        text: Vec<Inline>,
    },
    Image(ImageRef),
    Break,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImageRef {
    /// The relationship id of the picture (`r:embed`).
    pub rid: String,
    pub alt: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub style: Option<String>,
    /// Direct numbering (`w:numPr`): list id and level.
    pub num: Option<(String, u8)>,
    pub outline: Option<u8>,
    pub inlines: Vec<Inline>,
}

impl Para {
    /// The paragraph's plain text.
    pub fn text(&self) -> String {
        let mut s = String::new();
        plain(&self.inlines, &mut s);
        s
    }

    /// Whether every letter of the paragraph is bold (by its runs).
    pub fn all_bold(&self) -> Option<bool> {
        let mut any = false;
        let mut all = true;
        walk_text(&self.inlines, &mut |t, bold| {
            if t.trim().is_empty() {
                return;
            }
            any = true;
            all &= bold;
        });
        any.then_some(all)
    }
}

fn plain(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Link { text, .. } => plain(text, out),
            Inline::Break => out.push('\n'),
            Inline::Image(_) => {}
        }
    }
}

fn walk_text(inlines: &[Inline], f: &mut dyn FnMut(&str, bool)) {
    for i in inlines {
        match i {
            Inline::Text { text, bold, .. } => f(text, *bold),
            Inline::Link { text, .. } => walk_text(text, f),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    /// Rows of cells, each cell its paragraphs (a nested table's
    /// paragraphs are the cell's).
    Table(Vec<Vec<Vec<Para>>>),
}

/// What was taken off the document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    pub insertions: usize,
    pub deletions: usize,
    pub comments: usize,
    pub controls: usize,
    pub text_boxes: usize,
    pub footnotes: usize,
    pub endnotes: usize,
}

/// The notes of `word/footnotes.xml` or `word/endnotes.xml`, by id: each
/// note's paragraphs as one run of inlines.
pub type Notes = HashMap<String, Vec<Inline>>;

/// Reads the footnotes (`footnote`) or endnotes (`endnote`) part; the
/// separators (`w:type`) are left out.
pub fn read_notes(doc: &roxmltree::Document, rels: &HashMap<String, Rel>, kind: &str) -> Notes {
    let none = Notes::new();
    let mut r = Reader {
        rels,
        notes: [&none, &none],
        changes: Changes::default(),
        pending: Vec::new(),
        skipping: None,
    };
    let mut out = Notes::new();
    for n in doc.root_element().children().filter(|n| is(*n, kind)) {
        if attr(n, "type").is_some_and(|t| t != "normal") {
            continue;
        }
        let Some(id) = attr(n, "id") else { continue };
        let mut blocks = Vec::new();
        r.blocks(n, &mut blocks, 1);
        let mut paras = Vec::new();
        flatten(blocks, &mut paras);
        let mut inlines: Vec<Inline> = Vec::new();
        for p in paras {
            if !inlines.is_empty() && !p.inlines.is_empty() {
                push_text(&mut inlines, " ", false, false);
            }
            inlines.extend(p.inlines);
        }
        trim_inlines(&mut inlines);
        out.insert(id.to_string(), inlines);
    }
    out
}

/// Spaces taken off both ends of a run of inlines.
fn trim_inlines(inlines: &mut Vec<Inline>) {
    if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text, .. }) = inlines.last_mut() {
        *text = text.trim_end().to_string();
    }
    inlines.retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
}

#[derive(Debug, Default)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub changes: Changes,
}

/// A relationship: its target and whether it is outside the package.
#[derive(Debug, Clone)]
pub struct Rel {
    pub target: String,
    pub external: bool,
}

pub fn read_rels(doc: &roxmltree::Document) -> HashMap<String, Rel> {
    doc.root_element()
        .children()
        .filter(|n| is(*n, "Relationship"))
        .filter_map(|n| {
            Some((
                attr(n, "Id")?.to_string(),
                Rel {
                    target: attr(n, "Target")?.to_string(),
                    external: attr(n, "TargetMode") == Some("External"),
                },
            ))
        })
        .collect()
}

/// How deep tables and content controls may nest.
const MAX_DEPTH: usize = 24;

struct Reader<'r> {
    rels: &'r HashMap<String, Rel>,
    /// The footnotes and the endnotes.
    notes: [&'r Notes; 2],
    changes: Changes,
    /// Text boxes' blocks met in the paragraph being read: they follow it.
    pending: Vec<Block>,
    /// The id of the tracker bookmark whose content is being skipped (its
    /// marker is already in the blocks).
    skipping: Option<String>,
}

/// Reads the body; `notes` are the footnotes and the endnotes.
pub fn read(doc: &roxmltree::Document, rels: &HashMap<String, Rel>, notes: [&Notes; 2]) -> Body {
    let mut r = Reader {
        rels,
        notes,
        changes: Changes::default(),
        pending: Vec::new(),
        skipping: None,
    };
    let mut blocks = Vec::new();
    if let Some(body) = child(doc.root_element(), "body") {
        r.blocks(body, &mut blocks, 0);
    }
    Body {
        blocks,
        changes: r.changes,
    }
}

impl Reader<'_> {
    fn blocks(&mut self, parent: Node, out: &mut Vec<Block>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for n in parent.children().filter(Node::is_element) {
            // What `papers render` printed for a `{{ progress }}` marker,
            // between the ends of its bookmark: the marker again, once.
            if let Some(id) = &self.skipping {
                if ends_bookmark(n, id) {
                    self.skipping = None;
                }
                continue;
            }
            if let Some((id, marker)) = tracker_bookmark(n) {
                out.push(Block::Para(Para {
                    inlines: vec![Inline::Text {
                        text: marker,
                        bold: false,
                        italic: false,
                    }],
                    ..Para::default()
                }));
                if !ends_bookmark(n, &id) {
                    self.skipping = Some(id);
                }
                continue;
            }
            match n.tag_name().name() {
                "p" => {
                    let para = self.para(n, depth);
                    out.push(Block::Para(para));
                    out.append(&mut self.pending);
                }
                "tbl" => out.push(Block::Table(self.table(n, depth))),
                "sdt" => {
                    self.changes.controls += 1;
                    if let Some(c) = child(n, "sdtContent") {
                        self.blocks(c, out, depth + 1);
                    }
                }
                "ins" | "moveTo" | "customXml" | "smartTag" => {
                    if matches!(n.tag_name().name(), "ins" | "moveTo") {
                        self.changes.insertions += 1;
                    }
                    self.blocks(n, out, depth + 1);
                }
                "del" | "moveFrom" => self.changes.deletions += 1,
                _ => {}
            }
        }
    }

    fn table(&mut self, tbl: Node, depth: usize) -> Vec<Vec<Vec<Para>>> {
        let mut rows = Vec::new();
        for tr in rows_of(tbl) {
            let mut cells = Vec::new();
            for tc in cells_of(tr) {
                let mut blocks = Vec::new();
                self.blocks(tc, &mut blocks, depth + 1);
                let mut paras = Vec::new();
                flatten(blocks, &mut paras);
                cells.push(paras);
            }
            rows.push(cells);
        }
        rows
    }

    fn para(&mut self, p: Node, depth: usize) -> Para {
        let ppr = child(p, "pPr");
        let mut para = Para {
            style: ppr.and_then(|n| child_val(n, "pStyle")).map(str::to_string),
            num: ppr.and_then(|n| child(n, "numPr")).and_then(|n| {
                let id = child_val(n, "numId")?.to_string();
                let lvl = child_val(n, "ilvl")
                    .and_then(|v| v.parse::<u8>().ok())
                    .unwrap_or(0)
                    .min(8);
                Some((id, lvl))
            }),
            outline: ppr
                .and_then(|n| child_val(n, "outlineLvl"))
                .and_then(|v| v.parse().ok()),
            inlines: Vec::new(),
        };
        let mut inlines = Vec::new();
        self.inlines(p, &mut inlines, depth);
        para.inlines = inlines;
        para
    }

    fn inlines(&mut self, parent: Node, out: &mut Vec<Inline>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for n in parent.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "r" => self.run(n, out, depth),
                "AlternateContent" => {
                    if let Some(c) = alternative(n, |c| self.holds_anything(c)) {
                        self.inlines(c, out, depth + 1);
                    }
                }
                "hyperlink" => {
                    let mut text = Vec::new();
                    self.inlines(n, &mut text, depth + 1);
                    let url = attr(n, "id")
                        .and_then(|id| self.rels.get(id))
                        .filter(|r| r.external)
                        .map(|r| r.target.clone());
                    match url {
                        Some(url) => out.push(Inline::Link { url, text }),
                        None => out.extend(text),
                    }
                }
                "ins" | "moveTo" => {
                    self.changes.insertions += 1;
                    self.inlines(n, out, depth + 1);
                }
                "del" | "moveFrom" => self.changes.deletions += 1,
                "sdt" => {
                    self.changes.controls += 1;
                    if let Some(c) = child(n, "sdtContent") {
                        self.inlines(c, out, depth + 1);
                    }
                }
                "smartTag" | "customXml" | "fldSimple" | "bdo" | "dir" => {
                    self.inlines(n, out, depth + 1)
                }
                "commentRangeStart" => self.changes.comments += 1,
                _ => {}
            }
        }
    }

    /// Whether a part of an `mc:AlternateContent` holds text, a text box
    /// or a picture that this reader reads.
    fn holds_anything(&self, n: Node) -> bool {
        n.descendants().any(|d| {
            (is(d, "t") && d.text().is_some_and(|t| !t.is_empty()))
                || is(d, "txbxContent")
                || is(d, "blip")
                || is(d, "imagedata")
        })
    }

    /// The text boxes in a drawing or picture: their blocks wait in
    /// `pending` for the paragraph's end. A box inside a box is read as
    /// part of the outer one.
    fn text_boxes(&mut self, n: Node, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for tb in n.descendants().filter(|d| is(*d, "txbxContent")) {
            let nested = tb
                .ancestors()
                .skip(1)
                .take_while(|a| *a != n)
                .any(|a| is(a, "txbxContent"));
            if nested {
                continue;
            }
            self.changes.text_boxes += 1;
            let mut blocks = Vec::new();
            self.blocks(tb, &mut blocks, depth + 1);
            self.pending.extend(blocks);
        }
    }

    /// A note's text in brackets where it is referenced.
    fn note(&mut self, n: Node, which: usize, out: &mut Vec<Inline>) {
        let Some(note) = attr(n, "id").and_then(|id| self.notes[which].get(id)) else {
            return;
        };
        if note.is_empty() {
            return;
        }
        if which == 0 {
            self.changes.footnotes += 1;
        } else {
            self.changes.endnotes += 1;
        }
        let spaced = match out.last() {
            None => true,
            Some(Inline::Text { text, .. }) => text.ends_with(char::is_whitespace),
            Some(_) => false,
        };
        let lead = if spaced { "(" } else { " (" };
        push_text(out, lead, false, false);
        for i in note.clone() {
            match i {
                Inline::Text { text, bold, italic } => push_text(out, &text, bold, italic),
                other => out.push(other),
            }
        }
        push_text(out, ")", false, false);
    }

    fn run(&mut self, r: Node, out: &mut Vec<Inline>, depth: usize) {
        let rpr = child(r, "rPr");
        let bold = rpr.and_then(|p| toggle(p, "b")).unwrap_or(false);
        let italic = rpr.and_then(|p| toggle(p, "i")).unwrap_or(false);
        let hidden = rpr.and_then(|p| toggle(p, "vanish")).unwrap_or(false);
        if hidden {
            return;
        }
        for n in r.children().filter(Node::is_element) {
            match n.tag_name().name() {
                "t" => push_text(out, n.text().unwrap_or(""), bold, italic),
                "tab" | "ptab" => push_text(out, " ", bold, italic),
                "noBreakHyphen" | "softHyphen" => push_text(out, "-", bold, italic),
                "sym" => push_text(out, "\u{FFFD}", bold, italic),
                "br" | "cr" if !matches!(attr(n, "type"), Some("page" | "column")) => {
                    out.push(Inline::Break);
                }
                "drawing" | "pict" | "object" => self.drawing(n, out, depth),
                "AlternateContent" => {
                    if let Some(c) = alternative(n, |c| self.holds_anything(c)) {
                        for d in c.children().filter(Node::is_element) {
                            if matches!(d.tag_name().name(), "drawing" | "pict" | "object") {
                                self.drawing(d, out, depth);
                            }
                        }
                    }
                }
                "footnoteReference" => self.note(n, 0, out),
                "endnoteReference" => self.note(n, 1, out),
                _ => {}
            }
        }
    }
}

/// A tracker's bookmark starting at `n` (at it, or inside the paragraph
/// or table it opens): its id and the body marker it stands for.
/// `_papers_progress` is `{{ progress }}`, `_papers_progress_2` is
/// `{{ progress 2 }}`.
fn tracker_bookmark(n: Node) -> Option<(String, String)> {
    let start = n
        .descendants()
        .filter(|d| is(*d, "bookmarkStart"))
        .find(|d| attr(*d, "name").is_some_and(|name| name.starts_with("_papers_progress")))?;
    let name = attr(start, "name")?;
    let marker = match name.strip_prefix("_papers_progress")? {
        "" => "{{ progress }}".to_string(),
        rest => {
            let k: usize = rest.strip_prefix('_')?.parse().ok()?;
            format!("{{{{ progress {k} }}}}")
        }
    };
    Some((attr(start, "id")?.to_string(), marker))
}

/// Whether the bookmark `id` ends at `n` or inside it.
fn ends_bookmark(n: Node, id: &str) -> bool {
    n.descendants()
        .any(|d| is(d, "bookmarkEnd") && attr(d, "id") == Some(id))
}

impl Reader<'_> {
    /// A drawing or VML picture: a text box's paragraphs, else a picture.
    fn drawing(&mut self, n: Node, out: &mut Vec<Inline>, depth: usize) {
        if n.descendants().any(|d| is(d, "txbxContent")) {
            self.text_boxes(n, depth);
        } else if let Some(img) = image(n) {
            out.push(Inline::Image(img));
        }
    }
}

/// Of an `mc:AlternateContent`, the first `mc:Choice` that holds anything
/// this reader reads, else the `mc:Fallback`: one of them, never both.
fn alternative<'a, 'i>(n: Node<'a, 'i>, holds: impl Fn(Node) -> bool) -> Option<Node<'a, 'i>> {
    n.children()
        .filter(|c| is(*c, "Choice"))
        .find(|c| holds(*c))
        .or_else(|| child(n, "Fallback"))
}

fn push_text(out: &mut Vec<Inline>, t: &str, bold: bool, italic: bool) {
    if let Some(Inline::Text {
        text,
        bold: b,
        italic: i,
    }) = out.last_mut()
        && *b == bold
        && *i == italic
    {
        text.push_str(t);
        return;
    }
    out.push(Inline::Text {
        text: t.to_string(),
        bold,
        italic,
    });
}

/// The picture in a `w:drawing`: its `r:embed` and the alt text Word
/// keeps in `wp:docPr` (`descr`, else `title`).
fn image(n: Node) -> Option<ImageRef> {
    let rid = n
        .descendants()
        .find(|d| is(*d, "blip") || is(*d, "imagedata"))
        .and_then(|b| attr(b, "embed").or_else(|| attr(b, "id")))?;
    let doc_pr = n.descendants().find(|d| is(*d, "docPr"));
    let alt = doc_pr
        .and_then(|d| {
            attr(d, "descr")
                .filter(|s| !s.trim().is_empty())
                .or_else(|| attr(d, "title"))
        })
        .unwrap_or("")
        .trim()
        .to_string();
    Some(ImageRef {
        rid: rid.to_string(),
        alt,
    })
}

fn rows_of<'a, 'i>(tbl: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut rows = Vec::new();
    for n in tbl.children().filter(Node::is_element) {
        match n.tag_name().name() {
            "tr" => rows.push(n),
            "sdt" | "customXml" => {
                if let Some(c) = child(n, "sdtContent").or(Some(n)) {
                    rows.extend(c.children().filter(|r| is(*r, "tr")));
                }
            }
            _ => {}
        }
    }
    rows
}

fn cells_of<'a, 'i>(tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut cells = Vec::new();
    for n in tr.children().filter(Node::is_element) {
        match n.tag_name().name() {
            "tc" => cells.push(n),
            "sdt" | "customXml" => {
                if let Some(c) = child(n, "sdtContent").or(Some(n)) {
                    cells.extend(c.children().filter(|r| is(*r, "tc")));
                }
            }
            _ => {}
        }
    }
    cells
}

fn flatten(blocks: Vec<Block>, out: &mut Vec<Para>) {
    for b in blocks {
        match b {
            Block::Para(p) => out.push(p),
            Block::Table(rows) => {
                for cell in rows.into_iter().flatten() {
                    out.extend(cell);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> Body {
        let xml = format!(
            r#"<w:document xmlns:w="w" xmlns:mc="mc" xmlns:v="v" xmlns:wps="wps"><w:body>{inner}</w:body></w:document>"#
        );
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let none = Notes::new();
        read(&doc, &HashMap::new(), [&none, &none])
    }

    fn texts(b: &Body) -> Vec<String> {
        b.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.text()),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_trackers_bookmark_is_its_marker_once() {
        let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
        // As `papers render` writes it: the ends at body level.
        let b = body(&format!(
            "{}<w:bookmarkStart w:id=\"9001\" w:name=\"_papers_progress_2\"/>{}<w:tbl/>{}<w:bookmarkEnd w:id=\"9001\"/>{}",
            p("before"),
            p("chart"),
            p("table"),
            p("after")
        ));
        assert_eq!(texts(&b), ["before", "{{ progress 2 }}", "after"]);
        // As Word may keep it after an edit: the ends inside paragraphs.
        let b = body(&format!(
            "<w:p><w:bookmarkStart w:id=\"3\" w:name=\"_papers_progress\"/><w:r><w:t>chart</w:t></w:r></w:p>{}<w:p><w:r><w:t>last</w:t></w:r><w:bookmarkEnd w:id=\"3\"/></w:p>{}",
            p("table"),
            p("after")
        ));
        assert_eq!(texts(&b), ["{{ progress }}", "after"]);
        // Someone else's bookmark is not ours.
        let b = body(&format!(
            "<w:bookmarkStart w:id=\"1\" w:name=\"_Toc1\"/>{}<w:bookmarkEnd w:id=\"1\"/>",
            p("kept")
        ));
        assert_eq!(texts(&b), ["kept"]);
    }

    const BOX: &str = "<w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent>";

    #[test]
    fn an_alternate_contents_text_box_is_read_once() {
        let b = body(&format!(
            "<w:p><w:r><w:t>anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{BOX}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{BOX}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>after</w:t></w:r></w:p>"
        ));
        assert_eq!(texts(&b), ["anchor", "boxed", "after"]);
        assert_eq!(b.changes.text_boxes, 1);
    }

    #[test]
    fn a_choice_this_reader_cannot_read_falls_back() {
        let b = body(&format!(
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"w14\"><w:unknown/></mc:Choice><mc:Fallback><w:pict><v:textbox>{BOX}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        ));
        assert_eq!(texts(&b), ["", "boxed"]);
    }

    #[test]
    fn a_box_in_a_box_is_read_with_the_outer_one() {
        let inner = "<w:p><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>";
        let b = body(&format!(
            "<w:p><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>outer</w:t></w:r></w:p>{inner}</w:txbxContent></w:drawing></w:r></w:p>"
        ));
        assert_eq!(texts(&b), ["", "outer", "", "inner"]);
    }

    #[test]
    fn a_notes_text_goes_in_brackets_where_it_is_referenced() {
        let notes = r#"<w:footnotes xmlns:w="w"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A note.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let doc = roxmltree::Document::parse(notes).unwrap();
        let notes = read_notes(&doc, &HashMap::new(), "footnote");
        assert_eq!(notes.len(), 1);
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Text</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r><w:r><w:footnoteReference w:id="9"/></w:r></w:p></w:body></w:document>"#;
        let doc = roxmltree::Document::parse(xml).unwrap();
        let none = Notes::new();
        let b = read(&doc, &HashMap::new(), [&notes, &none]);
        assert_eq!(texts(&b), ["Text (A note.)."]);
        assert_eq!(b.changes.footnotes, 1, "an unknown note is not counted");
    }
}
