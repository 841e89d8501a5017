//! The pages `papers serve` sends: the published HTML with the preview bar,
//! the error overlay and the live script added, and the print view. Every
//! string that comes from the report or a diagnostic is escaped here; the
//! only script is the server's own `/_papers/live.js`.

use std::fmt::Write;

use crate::diagnostics::Diagnostic;

use super::state::{Preview, View};

/// The one script tag a served page has. The published HTML never has it.
pub const LIVE_SCRIPT_TAG: &str = r#"<script src="/_papers/live.js" defer></script>"#;

/// The preview's own styles: the bar, the overlay and the print view.
const STYLE: &str = include_str!("preview.css");

/// Text escaped for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `file:line:col` of a diagnostic, as the terminal prints it.
fn location(d: &Diagnostic) -> String {
    match (&d.file, d.location) {
        (Some(f), Some(l)) => format!("{}:{}:{}", f.display(), l.line, l.column),
        (Some(f), None) => f.display().to_string(),
        (None, _) => String::new(),
    }
}

/// The overlay: every diagnostic of the newest attempt with its place,
/// message and hint, errors and warnings listed apart. Empty when there
/// is nothing to show. `draft`: the page shows the newest version, marked
/// DRAFT, because its rules found errors (a file that does not load at all
/// keeps the last good version instead).
pub fn overlay(diagnostics: &[Diagnostic], has_good: bool, draft: bool) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.is_error());
    let count = errors.len().max(1);
    let mut out = String::new();
    let plural = if count == 1 { "error" } else { "errors" };
    let kept = if draft {
        "the page shows this version as a DRAFT"
    } else if has_good {
        "the page shows the last good version"
    } else {
        "fix them to see the report"
    };
    let _ = write!(
        out,
        "<details open class=\"papers-overlay\" id=\"papers-overlay\">\
         <summary><strong>{count} {plural}</strong>: {kept}</summary>\
         <div role=\"alert\">"
    );
    for (list, class, heading) in [
        (&errors, "papers-errors", "Errors"),
        (&warnings, "papers-warnings", "Warnings"),
    ] {
        if list.is_empty() {
            continue;
        }
        if !warnings.is_empty() {
            let _ = write!(out, "<p class=\"papers-list-heading\">{heading}</p>");
        }
        let _ = write!(out, "<ol class=\"{class}\">");
        for d in list {
            item(&mut out, d);
        }
        out.push_str("</ol>");
    }
    out.push_str("</div></details>");
    out
}

/// One diagnostic of the overlay.
fn item(out: &mut String, d: &Diagnostic) {
    let label = if d.is_error() { "Error" } else { "Warning" };
    let _ = write!(out, "<li><p>");
    let place = location(d);
    if !place.is_empty() {
        let _ = write!(
            out,
            "<code class=\"papers-where\">{}</code> ",
            escape(&place)
        );
    }
    let _ = write!(
        out,
        "<strong>{label}[{}]:</strong> <span class=\"papers-message\">{}</span></p>",
        d.code,
        escape(&d.message)
    );
    if let Some(hint) = &d.hint {
        let _ = write!(out, "<p class=\"papers-hint\">Hint: {}</p>", escape(hint));
    }
    out.push_str("</li>");
}

fn bar(view: View, status: &str) -> String {
    let current = |v: View| {
        if v == view {
            " aria-current=\"page\""
        } else {
            ""
        }
    };
    format!(
        "<nav class=\"papers-bar\" aria-label=\"Preview\"><ul>\
         <li><a href=\"/\"{}>Web view</a></li>\
         <li><a href=\"/print\"{}>Print view</a></li>\
         <li><a href=\"/paper.pdf\" download>Download PDF</a></li>\
         <li><a href=\"/paper.md\" download>Download Markdown</a></li>\
         </ul><p class=\"papers-status\" role=\"status\">{}</p></nav>",
        current(View::Web),
        current(View::Print),
        escape(status)
    )
}

/// What goes into the head of every served page.
fn head_extra(preview: &Preview, view: View) -> String {
    format!(
        "<link rel=\"icon\" href=\"data:,\">\n\
         <meta name=\"papers-view\" content=\"{}\">\n\
         <meta name=\"papers-version\" content=\"{}\">\n\
         <style>{STYLE}</style>\n{LIVE_SCRIPT_TAG}\n",
        view.name(),
        preview.version(view)
    )
}

fn status(preview: &Preview, view: View) -> &'static str {
    match view {
        View::Print if preview.print_pending => "Typesetting the pages…",
        _ if !preview.errors.is_empty() => "The report has errors",
        _ => "Live: this page updates when you save",
    }
}

/// The web view: the published HTML with the bar, the overlay and the live
/// script added.
pub fn web_page(preview: &Preview) -> String {
    let top = format!(
        "{}{}",
        bar(View::Web, status(preview, View::Web)),
        overlay(&preview.errors, preview.web.is_some(), preview.draft)
    );
    match &preview.web {
        Some(web) => inject(&web.html, &head_extra(preview, View::Web), &top),
        None => shell(
            preview,
            View::Web,
            "Report preview",
            &top,
            "<p>Nothing to show yet: fix the errors listed at the foot of the page, then save.</p>",
        ),
    }
}

/// The print view: one figure per typeset page.
pub fn print_page(preview: &Preview) -> String {
    let top = format!(
        "{}{}",
        bar(View::Print, status(preview, View::Print)),
        overlay(&preview.errors, preview.print.is_some(), preview.draft)
    );
    let title = preview
        .web
        .as_ref()
        .map(|w| format!("Print view: {}", w.loaded.report.subject))
        .unwrap_or_else(|| "Print view".to_string());
    let mut main = String::new();
    match &preview.print {
        None if preview.print_pending => main.push_str("<p>Typesetting the pages…</p>"),
        None => {
            main.push_str(
                "<p>No pages yet: fix the errors listed at the foot of the page, then save.</p>",
            );
        }
        Some(print) => {
            let total = print.pages.len();
            for (i, page) in print.pages.iter().enumerate() {
                let n = i + 1;
                let _ = write!(
                    main,
                    "<figure class=\"papers-page\" id=\"page-{n}\">\
                     <img src=\"/print/page/{n}?v={hash}\" width=\"{w}\" height=\"{h}\" alt=\"Page {n} of {total}\">\
                     <figcaption><details><summary>Text of page {n} of {total}</summary>\
                     <p class=\"papers-page-text\">{text}</p></details></figcaption></figure>",
                    hash = page.hash,
                    w = page.width,
                    h = page.height,
                    text = escape(&page.text),
                );
            }
        }
    }
    shell(preview, View::Print, &title, &top, &main)
}

/// A whole page of the preview's own, around `main`.
fn shell(preview: &Preview, view: View, title: &str, top: &str, main: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n{}</head>\n<body class=\"papers-{}\">\n{top}\n\
         <main id=\"main\"><h1 class=\"papers-visually-hidden\">{}</h1>\n{main}\n</main>\n</body>\n</html>\n",
        escape(title),
        head_extra(preview, view),
        view.name(),
        escape(title),
    )
}

/// Puts `head` before `</head>` and `body_top` just inside `<body ...>`.
/// Falls back to wrapping when a council template leaves either out.
fn inject(html: &str, head: &str, body_top: &str) -> String {
    // ASCII lowercasing keeps byte offsets, so indices carry over.
    let lower = html.to_ascii_lowercase();
    let Some(head_end) = lower.find("</head>") else {
        return format!("{head}{body_top}{html}");
    };
    let body_open = lower[head_end..]
        .find("<body")
        .map(|i| head_end + i)
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1));
    let mut out = String::with_capacity(html.len() + head.len() + body_top.len());
    out.push_str(&html[..head_end]);
    out.push_str(head);
    match body_open {
        Some(at) => {
            out.push_str(&html[head_end..at]);
            out.push('\n');
            out.push_str(body_top);
            out.push_str(&html[at..]);
        }
        None => {
            out.push_str(&html[head_end..]);
            out.push_str(body_top);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn the_overlay_names_place_message_and_hint_escaped() {
        let d = Diagnostic::error(Code::P103, "unknown field `<img src=x onerror=alert(1)>`")
            .in_file("reports/r.yaml")
            .at(12, 3)
            .with_hint("did you mean <b>subject</b>?");
        let html = overlay(&[d], true, false);
        assert!(html.contains("reports/r.yaml:12:3"), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        assert!(html.contains("Hint: did you mean &lt;b&gt;subject&lt;/b&gt;?"));
        assert!(!html.contains("<img"));
        assert!(html.contains("last good version"));
        assert_eq!(overlay(&[], true, false), "");
    }

    #[test]
    fn a_draft_lists_its_errors_and_warnings_apart() {
        let e = Diagnostic::error(Code::P300, "`summary` still says TODO")
            .in_file("r.yaml")
            .at(11, 10);
        let w = Diagnostic::warning(Code::P308, "Appendix 1 is listed but never mentioned")
            .in_file("r.yaml")
            .at(53, 5);
        let html = overlay(&[w, e], true, true);
        assert!(
            html.contains("<strong>1 error</strong>: the page shows this version as a DRAFT"),
            "{html}"
        );
        let errors = html.find("<p class=\"papers-list-heading\">Errors</p><ol class=\"papers-errors\"><li><p><code class=\"papers-where\">r.yaml:11:10</code>").expect("errors first");
        let warnings = html.find("<p class=\"papers-list-heading\">Warnings</p><ol class=\"papers-warnings\"><li><p><code class=\"papers-where\">r.yaml:53:5</code> <strong>Warning[P308]:</strong>").expect("then warnings");
        assert!(errors < warnings);
    }

    #[test]
    fn injects_into_head_and_body() {
        let page = inject(
            "<html><head><title>t</title></head><body class=\"x\"><p>hi</p></body></html>",
            "<meta name=\"h\">",
            "<nav>bar</nav>",
        );
        assert_eq!(
            page,
            "<html><head><title>t</title><meta name=\"h\"></head><body class=\"x\">\n<nav>bar</nav><p>hi</p></body></html>"
        );
        assert_eq!(inject("<p>bare</p>", "H", "B"), "HB<p>bare</p>");
    }
}
