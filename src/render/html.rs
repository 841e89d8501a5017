//! The HTML format: one self-contained, accessible page. YAML strings are
//! HTML-escaped by Tera; Markdown fields go through pulldown-cmark and then
//! ammonia, so authors cannot inject scripts, styles or event handlers.

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};
use tera::{Kwargs, State, Tera, Value};

use crate::diagnostics::Diagnostic;
use crate::prose::markdown_options;
use crate::render::{Context, Format, TemplateSet};

/// A report's HTML page from its context, through the Tera templates (the
/// council's overrides first).
pub fn render(
    ctx: &Context,
    overrides: Option<&std::path::Path>,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    Ok(TemplateSet::load(Format::Html, overrides)?
        .render(ctx)?
        .into_bytes())
}

pub fn configure(tera: &mut Tera) {
    tera.register_filter("markdown", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&markdown_to_html(s))
    });
}

/// Markdown → sanitised HTML. Images become their alt text, as in the PDF:
/// the page stays self-contained and fetches nothing.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let events = Parser::new_ext(markdown, markdown_options()).filter(|e| {
        !matches!(
            e,
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image)
        )
    });
    html::push_html(&mut raw, events);
    sanitiser().clean(&raw).to_string()
}

fn sanitiser() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        // GFM tables have one header row: its cells head their columns.
        .set_tag_attribute_value("th", "scope", "col");
    b
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
    fn images_become_their_alt_text() {
        let out = markdown_to_html("See ![the ward map](https://example.org/map.png) here.");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("See the ward map here."), "{out}");
    }

    #[test]
    fn tables_render() {
        let out = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            out.contains("<table>")
                && out.contains("<th scope=\"col\">a</th>")
                && out.contains("<td>1</td>"),
            "{out}"
        );
    }
}
