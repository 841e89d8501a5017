//! XML parts read with `roxmltree`: no DTD, a cap on nodes, and helpers
//! that match WordprocessingML names by their local part.

use roxmltree::{Document, Node, ParsingOptions};

use super::package::Refusal;

/// The most XML nodes one part may hold (a 150-page report has a few
/// hundred thousand).
pub const MAX_NODES: u32 = 4_000_000;

/// The text of a part (UTF-8, a BOM dropped).
pub fn text<'a>(bytes: &'a [u8], part: &str) -> Result<&'a str, Refusal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| Refusal {
        message: format!(
            "a corrupt .docx: `{part}` is not UTF-8 XML (invalid byte at offset {})",
            e.valid_up_to()
        ),
        hint: "open it in Word and save it again as .docx".into(),
    })
}

pub fn parse<'a>(text: &'a str, part: &str) -> Result<Document<'a>, Refusal> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| Refusal {
        message: format!("a corrupt .docx: `{part}` is not well-formed XML: {e}"),
        hint: "open it in Word and save it again as .docx".into(),
    })
}

/// Whether `n` is the element with local name `name`.
pub fn is(n: Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

/// The attribute with local name `name`, whatever its namespace.
pub fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// The first child element named `name`.
pub fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

/// `w:val` of the child element named `name`.
pub fn child_val<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(n, name).and_then(|c| attr(c, "val"))
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`) of a run or style.
pub fn toggle(props: Node, name: &str) -> Option<bool> {
    let c = child(props, name)?;
    Some(!matches!(
        attr(c, "val"),
        Some("0" | "false" | "off" | "none")
    ))
}
