//! Escaping for Typst markup: text an author typed stays text.
//!
//! Only what Typst would read as markup is escaped: ordinary words, en
//! dashes, apostrophes and hyphens stay as they are. The Markdown writer
//! ([`super::markup`]) is the only user: plain YAML strings reach Typst as
//! data (`/data.json`) and never pass through Typst's parser at all.

/// `text` without what a PDF/A file may not map a glyph to (U+0000,
/// U+FEFF, U+FFFE) or no shipped font can draw (U+FFFD, which CommonMark
/// makes of `&#0;` and of a NUL; check P316 tells the author): the byte
/// order mark goes, the others print as `?`. YAML's `"\0"` escape and
/// Markdown's `&#0;` would otherwise fail the export far from the field.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unprintable = |c: char| matches!(c, '\0' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFD}');
    if !text.contains(unprintable) {
        return text.into();
    }
    text.chars()
        .filter(|&c| c != '\u{FEFF}')
        .map(|c| if unprintable(c) { '?' } else { c })
        .collect::<String>()
        .into()
}

/// `value` with every string (keys too) made [`printable`]: the data and
/// the prose index stay in step, since `md()` looks values up by text.
pub fn printable_json(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(printable(s).into_owned()),
        Value::Array(items) => Value::Array(items.iter().map(printable_json).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (printable(k).into_owned(), printable_json(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A Typst string literal (with its quotes) holding `text` verbatim.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in printable(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether Typst's lexer would see "space or end" after a marker.
fn space_or_end(rest: &str) -> bool {
    rest.is_empty()
        || rest.starts_with(char::is_whitespace)
        || rest.starts_with("//")
        || rest.starts_with("/*")
}

/// Appends `text` escaped for markup mode. `line_start`: the text starts a
/// line (or a content block); `after_call`: it directly follows a function
/// call such as `#emph[..]`, where `.`, `(` and `[` would continue the call.
pub(super) fn push_escaped(out: &mut String, text: &str, line_start: bool, after_call: bool) {
    let mut at_line_start = line_start;
    // Byte index of a `.` that ends an enumeration marker (`12. `).
    let mut marker_dot = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        let next = rest.chars().next();
        if at_line_start && c.is_ascii_digit() {
            let digits = text[i..].bytes().take_while(u8::is_ascii_digit).count();
            let after = &text[i + digits..];
            if let Some(tail) = after.strip_prefix('.')
                && space_or_end(tail)
            {
                marker_dot = Some(i + digits);
            }
        }
        let escape = match c {
            '\\' | '#' | '*' | '_' | '`' | '$' | '<' | '@' | '[' | ']' | '~' => true,
            // Comments (`//`, `/*`), URLs turning into links (`https://`)
            // and term lists (`/ Term: ...`).
            '/' => matches!(next, Some('/' | '*')) || (at_line_start && space_or_end(rest)),
            // `--` and `---` (dashes), `-?` (soft hyphen), `-1` (minus
            // sign, except inside a word: `2022-23`) and `- ` (list item).
            '-' => {
                matches!(next, Some('-' | '?'))
                    || (next.is_some_and(char::is_numeric)
                        && !prev.is_some_and(char::is_alphanumeric))
                    || space_or_end(rest)
            }
            // `...` (ellipsis).
            '.' => rest.starts_with("..") || marker_dot == Some(i),
            // Headings and numbered list items.
            '=' => at_line_start,
            '+' => at_line_start && space_or_end(rest),
            '(' => i == 0 && after_call,
            _ => false,
        };
        if escape || (i == 0 && after_call && c == '.') {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
        at_line_start = is_newline(c) || (at_line_start && matches!(c, ' ' | '\t'));
    }
}

/// Typst's line breaks (as its lexer counts them).
pub(super) fn is_newline(c: char) -> bool {
    matches!(
        c,
        '\n' | '\x0B' | '\x0C' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Escapes text so Typst reads it as plain text in markup mode.
    ///
    /// Only what Typst would read as markup is escaped: ordinary words, en
    /// dashes, apostrophes and hyphens stay as they are. The start of `text` is
    /// treated as the start of a line (a template may put it there), so a
    /// leading `- `, `+ `, `= `, `/ ` or `1. ` is escaped too.
    fn escape(text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        push_escaped(&mut out, text, true, false);
        out
    }

    #[test]
    fn plain_text_stays_readable() {
        let s = "Children's Services – \"inadequate\" in 2022/23, 2022-23 and three-to-five-year plans.";
        assert_eq!(escape(s), s);
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("#set text(red)"), "\\#set text(red)");
        assert_eq!(escape("a*b*_c_ `x` $y$"), "a\\*b\\*\\_c\\_ \\`x\\` \\$y\\$");
        assert_eq!(escape("<label> @ref x@y.z"), "\\<label> \\@ref x\\@y.z");
        assert_eq!(escape("[a] \\ b"), "\\[a\\] \\\\ b");
        assert_eq!(escape("a // b /* c */"), "a \\// b \\/\\* c \\*/");
        assert_eq!(escape("https://example.org"), "https:\\//example.org");
        assert_eq!(escape("a~b"), "a\\~b");
    }

    #[test]
    fn shorthands_are_escaped() {
        assert_eq!(escape("a -- b --- c"), "a \\-\\- b \\-\\-\\- c");
        assert_eq!(escape("x -5 -? y (-1)"), "x \\-5 \\-? y (\\-1)");
        assert_eq!(escape("wait..."), "wait\\...");
        assert_eq!(escape("a.b"), "a.b");
    }

    #[test]
    fn line_start_markers_are_escaped() {
        assert_eq!(escape("= Title"), "\\= Title");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("+ item"), "\\+ item");
        assert_eq!(escape("/ Term: x"), "\\/ Term: x");
        assert_eq!(escape("12. twelve"), "12\\. twelve");
        assert_eq!(escape("a\n  = b\n3. c"), "a\n  \\= b\n3\\. c");
        // Not at a line start: left alone.
        assert_eq!(escape("a = b + c, 3. d"), "a = b + c, 3. d");
        assert_eq!(escape("2022."), "2022\\.");
    }

    #[test]
    fn string_literals() {
        assert_eq!(string_literal("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
