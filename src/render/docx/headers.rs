//! Page headers and footers: the template's own are kept, with the
//! paper's marks (NOT FOR PUBLICATION, DRAFT) put at the top of each
//! header and "Page X of Y" at the end of each footer that has no page
//! number; the paper adds its own where the template has none for a page
//! it has (every page, and the first where it differs).

use super::package::HeaderFooter;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The headers and footers of the paper. `marks` and `page` are
/// paragraphs (`<w:p>` ...); `wrap(footer, content)` makes a part of our
/// own around them.
pub fn plan(
    template: &[HeaderFooter],
    title_page: bool,
    marks: &str,
    page: &str,
    wrap: impl Fn(bool, &str) -> String,
) -> Vec<HeaderFooter> {
    let mut out: Vec<HeaderFooter> = template
        .iter()
        .filter(|p| p.xml.contains(&format!("\"{W}\"")))
        .cloned()
        .collect();
    for part in &mut out {
        if part.footer {
            if !has_page_field(&part.xml) {
                part.xml = into_root(&part.xml, page, false);
            }
        } else if !marks.is_empty() {
            part.xml = into_root(&part.xml, marks, true);
        }
    }
    let mut kinds = vec!["default"];
    if title_page {
        kinds.push("first");
    }
    for kind in kinds {
        if !out.iter().any(|p| p.footer && p.kind == kind) {
            out.push(HeaderFooter {
                footer: true,
                kind: kind.into(),
                xml: wrap(true, page),
                rels: Vec::new(),
            });
        }
        if !marks.is_empty() && !out.iter().any(|p| !p.footer && p.kind == kind) {
            out.push(HeaderFooter {
                footer: false,
                kind: kind.into(),
                xml: wrap(false, marks),
                rels: Vec::new(),
            });
        }
    }
    // Headers first, then footers, each in the template's order.
    out.sort_by_key(|p| p.footer);
    out
}

/// Whether a footer shows the page number (a PAGE field).
fn has_page_field(xml: &str) -> bool {
    let Ok(doc) = roxmltree::Document::parse(xml) else {
        return false;
    };
    doc.descendants().any(|n| {
        let instr = if n.has_tag_name((W, "instrText")) {
            n.text().unwrap_or_default().to_string()
        } else if n.has_tag_name((W, "fldSimple")) {
            n.attribute((W, "instr")).unwrap_or_default().to_string()
        } else {
            return false;
        };
        instr.split_whitespace().next() == Some("PAGE")
    })
}

/// `content` put first (or last) inside the root element of `xml`.
fn into_root(xml: &str, content: &str, first: bool) -> String {
    let Ok(doc) = roxmltree::Document::parse(xml) else {
        return xml.to_string();
    };
    let root = doc.root_element();
    let range = root.range();
    let text = &xml[range.clone()];
    if let Some(open) = text.strip_suffix("/>") {
        let name = text[1..]
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        let open = open.trim_end();
        return format!(
            "{}{open}>{content}</{name}>{}",
            &xml[..range.start],
            &xml[range.end..]
        );
    }
    let at = if first {
        text.find('>').map(|i| range.start + i + 1)
    } else {
        text.rfind("</").map(|i| range.start + i)
    };
    match at {
        Some(at) => format!("{}{content}{}", &xml[..at], &xml[at..]),
        None => xml.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(footer: bool, kind: &str, body: &str) -> HeaderFooter {
        let tag = if footer { "ftr" } else { "hdr" };
        HeaderFooter {
            footer,
            kind: kind.into(),
            xml: format!(r#"<w:{tag} xmlns:w="{W}">{body}</w:{tag}>"#),
            rels: Vec::new(),
        }
    }

    #[test]
    fn the_templates_parts_are_kept_and_given_what_they_lack() {
        let tpl = [
            part(
                false,
                "default",
                "<w:p><w:r><w:t>Sefton Council</w:t></w:r></w:p>",
            ),
            part(true, "default", "<w:p><w:r><w:t>Ref</w:t></w:r></w:p>"),
        ];
        let out = plan(
            &tpl,
            true,
            "<w:p>MARK</w:p>",
            "<w:p>PAGE X OF Y</w:p>",
            |f, c| format!("ours {f} {c}"),
        );
        assert_eq!(out.len(), 4, "{out:?}");
        assert!(
            out[0]
                .xml
                .contains("<w:p>MARK</w:p><w:p><w:r><w:t>Sefton Council")
        );
        assert!(
            out.iter()
                .any(|p| !p.footer && p.kind == "first" && p.xml == "ours false <w:p>MARK</w:p>")
        );
        let footer = out
            .iter()
            .find(|p| p.footer && p.kind == "default")
            .unwrap();
        assert!(
            footer.xml.ends_with("<w:p>PAGE X OF Y</w:p></w:ftr>"),
            "{}",
            footer.xml
        );
    }

    #[test]
    fn a_footer_with_a_page_field_is_left_alone() {
        let tpl = [part(
            true,
            "default",
            r#"<w:p><w:fldSimple w:instr=" PAGE \* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>"#,
        )];
        let out = plan(&tpl, false, "", "<w:p>PAGE X OF Y</w:p>", |_, c| {
            c.to_string()
        });
        assert_eq!(out.len(), 1);
        assert!(!out[0].xml.contains("PAGE X OF Y"));
    }
}
