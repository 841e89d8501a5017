//! The one escape function of the Word writer: every text and attribute
//! value goes through it, so no YAML value can become markup. Characters
//! that XML 1.0 cannot hold at all (most C0 controls) are dropped.

/// `text` escaped for an XML text node or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A run's text: `<w:t>`, with tabs and line breaks as Word's own
/// elements (a literal newline in `w:t` is folded to a space by Word).
pub fn text_run_content(text: &str) -> String {
    let mut out = String::new();
    let mut first = true;
    for line in text.split('\n') {
        if !first {
            out.push_str("<w:br/>");
        }
        first = false;
        let mut first_tab = true;
        for piece in line.split('\t') {
            if !first_tab {
                out.push_str("<w:tab/>");
            }
            first_tab = false;
            if !piece.is_empty() {
                out.push_str("<w:t xml:space=\"preserve\">");
                out.push_str(&escape(piece));
                out.push_str("</w:t>");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_are_neutralised() {
        assert_eq!(
            escape("<w:p a=\"1\">&'\u{1}x"),
            "&lt;w:p a=&quot;1&quot;&gt;&amp;&apos;x"
        );
    }

    #[test]
    fn tabs_and_breaks_are_elements() {
        assert_eq!(
            text_run_content("a\tb\nc"),
            "<w:t xml:space=\"preserve\">a</w:t><w:tab/><w:t xml:space=\"preserve\">b</w:t><w:br/><w:t xml:space=\"preserve\">c</w:t>"
        );
    }
}
