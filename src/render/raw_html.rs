//! Raw HTML that an author writes inside Markdown, cut down before the
//! page's sanitiser sees it. Only phrasing elements that are valid wherever
//! text is (`<b>`, `<abbr>`, `<br>` ...) keep their tags; every other tag
//! is removed and its text stays. A `<li>` outside a list, a `<td>` outside
//! a table, an obsolete `<center>` or a raw `<h1>` would otherwise make the
//! published page invalid HTML, or break its outline, whatever the
//! sanitiser does. The Markdown that pulldown-cmark turns into tags is not
//! touched: only the author's own tags pass through here.

use std::sync::LazyLock;

use regex::Regex;

/// Tags kept: phrasing content with no required parent, attribute or
/// content model that an author could get wrong.
const PHRASING: &[&str] = &[
    "a", "abbr", "b", "bdi", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "u", "var", "wbr",
];

/// Tags kept for the sanitiser to remove together with their content:
/// taking away only the tag would publish a script's source as text.
const CONTENT_DROPPED: &[&str] = &["script", "style"];

/// An open or closing tag, as CommonMark defines one (attribute values may
/// hold `>` inside quotes), or a comment.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?s)<!--.*?-->|</?([A-Za-z][A-Za-z0-9-]*)(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>"#,
    )
    .expect("a valid pattern")
});

/// `raw` with every tag that is not kept removed (comments too).
pub fn phrasing_only(raw: &str) -> String {
    TAG.replace_all(raw, |caps: &regex::Captures| {
        let kept = caps.get(1).is_some_and(|name| {
            let name = name.as_str().to_ascii_lowercase();
            PHRASING.contains(&name.as_str()) || CONTENT_DROPPED.contains(&name.as_str())
        });
        if kept {
            caps[0].to_string()
        } else {
            String::new()
        }
    })
    .into_owned()
}

/// A `lang` attribute's value as BCP 47 needs it (`cy`, `en-GB`,
/// `zh-Hant-TW`): anything else would make the page invalid.
pub fn valid_lang(value: &str) -> bool {
    let mut parts = value.split('-');
    parts.next().is_some_and(|primary| {
        (2..=8).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic())
    }) && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrasing_tags_stay_and_others_go() {
        assert_eq!(
            phrasing_only("<b>bold</b> <abbr title=\"x > y\">XY</abbr><br/>"),
            "<b>bold</b> <abbr title=\"x > y\">XY</abbr><br/>"
        );
        assert_eq!(
            phrasing_only("<li>item</li><center>mid</center><H1 class=x>Top</H1>"),
            "itemmidTop"
        );
        assert_eq!(
            phrasing_only("<dl>\n<dt>term</dt>\n<dd>says</dd>\n</dl>"),
            "\nterm\nsays\n"
        );
        assert_eq!(phrasing_only("a <!-- note --> b"), "a  b");
    }

    #[test]
    fn scripts_keep_their_tags_for_the_sanitiser() {
        assert_eq!(
            phrasing_only("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
    }

    #[test]
    fn text_that_only_looks_like_a_tag_stays() {
        assert_eq!(phrasing_only("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
    }

    #[test]
    fn languages() {
        assert!(valid_lang("cy"));
        assert!(valid_lang("en-GB"));
        assert!(!valid_lang("en GB"));
        assert!(!valid_lang(""));
        assert!(!valid_lang("e"));
        assert!(!valid_lang("en-"));
    }
}
