//! The HTML format: one self-contained, accessible page. YAML strings are
//! HTML-escaped by Tera; Markdown fields go through pulldown-cmark and then
//! ammonia, so authors cannot inject scripts, styles or event handlers.

use pulldown_cmark::{Parser, html};
use tera::{Kwargs, State, Tera, Value};

use crate::enrich::numbering::markdown_options;

pub fn configure(tera: &mut Tera) {
    tera.register_filter("markdown", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&markdown_to_html(s))
    });
    tera.register_filter("inline_markdown", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&strip_paragraph(&markdown_to_html(s)))
    });
}

/// Markdown → sanitised HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, markdown_options()));
    sanitiser().clean(&raw).to_string()
}

fn sanitiser() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
    b
}

/// `<p>text</p>` → `text`, for one-line fields inside other elements.
fn strip_paragraph(html: &str) -> String {
    let t = html.trim();
    match t.strip_prefix("<p>").and_then(|r| r.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let out = markdown_to_html(
            "Hi <script>alert(1)</script><img src=x onerror=alert(1)> [l](javascript:alert(1))",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
    }

    #[test]
    fn tables_render() {
        let out = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            out.contains("<table>") && out.contains("<td>1</td>"),
            "{out}"
        );
    }

    #[test]
    fn one_paragraph_is_unwrapped_inline() {
        assert_eq!(strip_paragraph("<p>x <em>y</em></p>\n"), "x <em>y</em>");
    }
}
