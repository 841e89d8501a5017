//! The Markdown format: CommonMark with GFM tables, readable as plain text.
//! YAML strings are backslash-escaped so they cannot become markup; prose
//! fields pass through as the author's Markdown, with raw HTML neutralised.

use pulldown_cmark::{Event, Parser};
use tera::{Kwargs, State, Tera, Value};

use crate::diagnostics::Diagnostic;
use crate::prose::markdown_options;
use crate::render::{Context, Format, TemplateSet};

/// A report's Markdown from its context, through the Tera templates (the
/// council's overrides first), tidied for markdownlint.
pub fn render(
    ctx: &Context,
    overrides: Option<&std::path::Path>,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let text = TemplateSet::load(Format::Markdown, overrides)?.render(ctx)?;
    Ok(tidy(&text).into_bytes())
}

pub fn configure(tera: &mut Tera) {
    tera.set_escape_fn(escape_fn);
    tera.register_filter("markdown", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&neutralise_html(s.trim()))
    });
    tera.register_filter("table_cell", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&table_cell(s))
    });
}

fn escape_fn(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape(input).as_bytes())
}

/// Escapes the characters that start Markdown markup, and folds line breaks
/// (a header cell is one line).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Author Markdown inside a GFM table cell: one line, pipes escaped.
pub fn table_cell(markdown: &str) -> String {
    neutralise_html(markdown.trim())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// Templates leave blank lines where parts are empty: fold runs of blank
/// lines into one and end with exactly one newline (markdownlint MD012/MD047).
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Raw HTML in an author's Markdown is shown as text, not passed on.
pub fn neutralise_html(markdown: &str) -> String {
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        if let Event::Html(_) | Event::InlineHtml(_) = event {
            ranges.push(range);
        }
    }
    if ranges.is_empty() {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut last = 0;
    for r in ranges {
        if r.start < last {
            continue;
        }
        out.push_str(&markdown[last..r.start]);
        out.push_str(
            &markdown[r.clone()]
                .replace('<', "&lt;")
                .replace('>', "&gt;"),
        );
        last = r.end;
    }
    out.push_str(&markdown[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(escape("a|b *c* <d>"), "a\\|b \\*c\\* \\<d\\>");
    }

    #[test]
    fn tidy_folds_blank_lines() {
        assert_eq!(tidy("# A\n\n\n\nb  \n\n\n"), "# A\n\nb\n");
    }

    #[test]
    fn raw_html_becomes_text() {
        let out = neutralise_html("Hello <script>alert(1)</script> world");
        assert!(!out.contains("<script>"));
        assert!(out.contains("&lt;script&gt;"));
    }
}
