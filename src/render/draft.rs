//! The DRAFT marks of a paper made with errors (`papers render --draft`,
//! the preview of `papers serve`): a watermark on every PDF page, a banner
//! at the top of the HTML, a line at the top of the Markdown. They are put
//! on outside the templates, so a council's own templates get them too.
//! A paper that is not a draft is not touched: its bytes stay the same.

/// What every mark says.
pub const DRAFT: &str = "DRAFT";

/// Why: the sentence beside the mark in the HTML and Markdown.
pub const NOTICE: &str =
    "not for publication: this paper still has errors that `papers check` lists";

/// The Typst entry template `text` with a DRAFT watermark on every page.
/// The rule is put on the entry's first line, so every line of the
/// template keeps its number in errors. The mark is a PDF artifact, as
/// the supplement's "NOT FOR PUBLICATION" is: it is not part of the
/// document's tagged text, which PDF/UA would otherwise refuse.
pub fn mark_typst_entry(text: &str) -> String {
    format!(
        "#set page(foreground: pdf.artifact(kind: \"watermark\", place(center + horizon, rotate(-40deg, text(size: 110pt, weight: \"bold\", fill: rgb(190, 0, 0, 60), \"{DRAFT}\")))));{text}"
    )
}

/// The HTML `page` with a banner as the first thing in its body: text,
/// so it does not rely on colour; a top-level `aside` landmark with its
/// own label, so every part of the page stays inside a landmark.
pub fn mark_html(page: &str) -> String {
    let banner = format!(
        "\n<aside class=\"draft-banner\" aria-label=\"Draft notice\" style=\"border: 3px solid #8b0000; background: #fff; color: #8b0000; padding: 0.5em 1em; margin: 0 0 1em; font-weight: bold;\"><p><strong>{DRAFT}</strong>: {NOTICE}.</p></aside>"
    );
    let insert_at = page
        .find("<body")
        .and_then(|start| page[start..].find('>').map(|end| start + end + 1));
    match insert_at {
        Some(at) => format!("{}{banner}{}", &page[..at], &page[at..]),
        None => format!("{}\n{page}", banner.trim_start()),
    }
}

/// The Markdown `text` with a DRAFT line at its top: under the title when
/// the document opens with one (a Markdown file's first line is its
/// heading, markdownlint MD041), else first.
pub fn mark_markdown(text: &str) -> String {
    let line = format!("**{DRAFT}**: {NOTICE}.");
    match text.split_once('\n') {
        Some((title, rest)) if title.starts_with("# ") => {
            format!("{title}\n\n{line}\n\n{}", rest.trim_start_matches('\n'))
        }
        _ => format!("{line}\n\n{text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_banner_opens_the_body() {
        let page = "<!DOCTYPE html>\n<html><head></head>\n<body class=\"x\">\n<main>m</main></body></html>";
        let marked = mark_html(page);
        assert!(marked.starts_with("<!DOCTYPE html>\n<html><head></head>\n<body class=\"x\">\n<aside class=\"draft-banner\" aria-label=\"Draft notice\""));
        assert!(marked.contains("<strong>DRAFT</strong>: not for publication"));
        assert!(marked.ends_with("<main>m</main></body></html>"));
    }

    #[test]
    fn markdown_line_comes_under_the_title_and_typst_lines_keep_their_numbers() {
        assert!(
            mark_markdown("# Title\n\nText\n")
                .starts_with("# Title\n\n**DRAFT**: not for publication")
        );
        assert!(mark_markdown("Text\n").starts_with("**DRAFT**: not for publication"));
        let entry = "// line 1\n#let x = 1\n";
        let marked = mark_typst_entry(entry);
        assert_eq!(marked.lines().count(), entry.lines().count());
        assert!(marked.ends_with("// line 1\n#let x = 1\n"));
    }
}
