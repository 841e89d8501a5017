//! HTML as a browser reads it: outputs parsed (never grepped) for what
//! could run in a reader's browser or fetch from elsewhere, ids, links.

use std::collections::HashMap;

use scraper::{ElementRef, Html};

/// Elements that run or load code, or retarget the page.
const LIVE_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "link",
    "portal", "noscript", "template",
];

/// Attributes that hold a URL (SVG's `xlink:href` reads as `href`).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "background",
    "srcset",
    "data",
    "codebase",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
];

/// The scheme of a URL as a browser reads it: ASCII whitespace and
/// control characters anywhere in it are dropped.
pub fn scheme_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    (scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    .then(|| scheme.to_string())
}

/// Everything in a parsed HTML page that could run a script or fetch from
/// elsewhere: live elements, `on*` handlers, script URLs, `data:` URLs
/// other than images, `<meta http-equiv>`, script in CSS.
pub fn dangers(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    for node in doc.tree.nodes() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let name = el.value().name().to_ascii_lowercase();
        if LIVE_ELEMENTS.contains(&name.as_str()) {
            found.push(format!("<{name}> element"));
        }
        if name == "meta" && el.value().attr("http-equiv").is_some() {
            found.push("<meta http-equiv>".into());
        }
        for (attr, value) in el.value().attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                found.push(format!("<{name} {attr}>"));
            }
            if attr == "style" || name == "style" {
                let v = value.to_ascii_lowercase();
                if v.contains("javascript:") || v.contains("expression(") || v.contains("url(") {
                    found.push(format!("<{name} style={value:?}>"));
                }
            }
            // SVG animation can set an href to a script URL.
            let animates = matches!(name.as_str(), "animate" | "set" | "animatetransform")
                && matches!(attr.as_str(), "to" | "from" | "values" | "by");
            if URL_ATTRIBUTES.contains(&attr.as_str()) || animates {
                for url in value.split(',') {
                    match scheme_of(url).as_deref() {
                        None | Some("http" | "https" | "mailto" | "tel") => {}
                        Some("data")
                            if name == "img"
                                && attr == "src"
                                && value
                                    .trim_start()
                                    .to_ascii_lowercase()
                                    .starts_with("data:image/") => {}
                        Some(other) => found.push(format!("<{name} {attr}=\"{other}:...\">")),
                    }
                }
            }
        }
    }
    // CSS in <style> elements: no script URLs or remote loads.
    for node in doc.tree.nodes() {
        if let Some(el) = ElementRef::wrap(node)
            && el.value().name() == "style"
        {
            let css = el.text().collect::<String>().to_ascii_lowercase();
            for bad in ["javascript:", "expression(", "@import", "url("] {
                if css.contains(bad) {
                    found.push(format!("<style> contains {bad}"));
                }
            }
        }
    }
    found
}

/// Elements with `src`-like attributes that would fetch from elsewhere.
pub fn fetches(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    for node in doc.tree.nodes() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        for (attr, value) in el.value().attrs() {
            if matches!(attr, "src" | "srcset" | "poster" | "background")
                && !value.trim_start().starts_with("data:image/")
            {
                found.push(format!("<{} {attr}={value:?}>", el.value().name()));
            }
        }
    }
    found
}

/// The ids that appear more than once.
pub fn duplicate_ids(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut count: HashMap<String, usize> = HashMap::new();
    for node in doc.tree.nodes() {
        if let Some(el) = ElementRef::wrap(node)
            && let Some(id) = el.value().id()
        {
            *count.entry(id.to_string()).or_default() += 1;
        }
    }
    let mut dups: Vec<String> = count
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id)
        .collect();
    dups.sort();
    dups
}

/// The names of the elements of a page, in document order.
pub fn element_names(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .map(|el| el.value().name().to_string())
        .collect()
}

/// `(href, text)` of every link of a page.
pub fn links(html: &str) -> Vec<(Option<String>, String)> {
    let doc = Html::parse_document(html);
    doc.tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(|el| el.value().name() == "a")
        .map(|el| {
            (
                el.value().attr("href").map(str::to_string),
                el.text().collect::<String>(),
            )
        })
        .collect()
}

/// Markdown as a CommonMark renderer shows it on a website: GFM tables,
/// raw HTML passed through as the spec says.
pub fn commonmark_to_html(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut out = String::new();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    out
}
