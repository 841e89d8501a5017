//! Wording a council supplies (labels, headings, standing text, agenda
//! item titles), in one language or two. `languages: [en, cy]` in
//! `council.yaml` lets every such text be a map, `{ en: Apologies for
//! absence, cy: Ymddiheuriadau am absenoldeb }`; a plain string stays one
//! text. The council writes the words; the tool only prints them, the
//! second language marked up with its language in every format:
//!
//! - Markdown: "A / B" ([`Wording::joined`]);
//! - HTML: `A / <span lang="cy">B</span>` (`wording` filter, `render::html`);
//! - PDF: `A / #text(lang: "cy")[B]` (`wording` in `templates/style.typ`).
//!
//! The context keeps every such field a string (the joined text, so that
//! templates written before stay right) and carries the two texts beside
//! it in the view's `second` map, by field name ([`Seconds`]).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::decode::{Decode, Decoder};
use crate::load::yaml::{Node, Pos, Value};

/// A language the tool prints: English first, Welsh or Scottish Gaelic second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Cy,
    Gd,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::En, Language::Cy, Language::Gd];

    /// The ISO 639-1 code, as `lang` attributes and `council.yaml` write it.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Cy => "cy",
            Language::Gd => "gd",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Cy => "Welsh",
            Language::Gd => "Scottish Gaelic",
        }
    }

    pub fn parse(text: &str) -> Option<Language> {
        let text = text.trim();
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(text))
    }
}

/// `languages:` in `council.yaml`: `[en]` (the default), `[en, cy]` or
/// `[en, gd]`. English is always the first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Languages {
    /// The second language, printed after the English.
    pub second: Option<Language>,
}

impl Languages {
    /// The council's languages in order.
    pub fn all(self) -> Vec<Language> {
        std::iter::once(Language::En).chain(self.second).collect()
    }

    fn listed(self) -> String {
        self.all()
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

const LANGUAGES_HINT: &str = "write `languages: [en]`, `[en, cy]` (English and Welsh) or `[en, gd]` (English and Scottish Gaelic): English first";

impl Decode for Languages {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        if node.is_null() {
            return Some(Languages::default());
        }
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Scalar { .. } => vec![node],
            Value::Map(_) => {
                d.coded(
                    Code::P127,
                    node,
                    format!("`{field}` should be a list of language codes"),
                    LANGUAGES_HINT,
                );
                return None;
            }
        };
        let mut langs = Vec::new();
        for item in &items {
            let text = item.as_str().unwrap_or_default();
            match Language::parse(text) {
                Some(l) if !langs.contains(&l) => langs.push(l),
                Some(l) => {
                    d.coded(
                        Code::P127,
                        item,
                        format!("`{field}` names `{}` twice", l.code()),
                        LANGUAGES_HINT,
                    );
                    return None;
                }
                None => {
                    d.coded(
                        Code::P127,
                        item,
                        format!("`{field}`: the tool does not print the language `{text}`"),
                        LANGUAGES_HINT,
                    );
                    return None;
                }
            }
        }
        match langs.as_slice() {
            [Language::En] => Some(Languages { second: None }),
            [Language::En, second] => Some(Languages {
                second: Some(*second),
            }),
            _ => {
                d.coded(
                    Code::P127,
                    node,
                    format!(
                        "`{field}` should be English, or English and one other language, found [{}]",
                        langs.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")
                    ),
                    LANGUAGES_HINT,
                );
                None
            }
        }
    }

    fn absent() -> Option<Self> {
        Some(Languages::default())
    }
}

/// One piece of council-supplied wording: the English, and the second
/// language's where the council gave one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    /// The first language's (English) text.
    pub text: String,
    /// The second language and its text.
    pub second: Option<(Language, String)>,
    /// Where it is written (line 0: not written in a file).
    pub pos: Pos,
    /// The field's path, for messages (`house_style.labels.committee`).
    pub path: String,
    /// A map's languages, as written, each where its key is; `None` for a
    /// plain string.
    given: Option<Vec<(Language, Pos)>>,
}

impl Wording {
    /// One text in one language, not from a file.
    pub fn plain(text: impl Into<String>) -> Self {
        Wording {
            text: text.into(),
            second: None,
            pos: Pos { line: 0, column: 0 },
            path: String::new(),
            given: None,
        }
    }

    /// English and a second language, not from a file (a date).
    pub fn both(text: impl Into<String>, lang: Language, second: impl Into<String>) -> Self {
        Wording {
            second: Some((lang, second.into())),
            ..Wording::plain(text)
        }
    }

    /// "A / B", or "A": Markdown's form, and every plain-text use (a
    /// `<title>`, a message, a template written before `languages`).
    pub fn joined(&self) -> String {
        match &self.second {
            Some((_, second)) => format!("{} / {second}", self.text),
            None => self.text.clone(),
        }
    }

    /// Prose (Markdown paragraphs): the English, then the second language's
    /// paragraphs after a blank line.
    pub fn joined_prose(&self) -> String {
        match &self.second {
            Some((_, second)) => format!("{}\n\n{second}", self.text),
            None => self.text.clone(),
        }
    }

    /// The same wording with `f` applied to each language's text.
    pub fn map(mut self, f: impl Fn(&str) -> String) -> Self {
        self.text = f(&self.text);
        if let Some((_, s)) = self.second.as_mut() {
            *s = f(s);
        }
        self
    }

    /// The two texts for a view's `second` map, where there are two.
    pub fn second_view(&self) -> Option<Second> {
        self.second.as_ref().map(|(lang, text)| Second {
            first: self.text.clone(),
            lang: lang.code(),
            text: text.clone(),
        })
    }

    /// The findings of a map whose languages are not the council's (P128):
    /// a map on an English-only council, or a map that leaves one of the
    /// council's languages out or gives one it does not have. A plain
    /// string is always allowed. Positions are the file's; the caller adds
    /// the path.
    pub fn check(&self, languages: Languages) -> Vec<Diagnostic> {
        let Some(given) = &self.given else {
            return Vec::new();
        };
        let path = &self.path;
        let at = |pos: Pos, message: String, hint: String| {
            Diagnostic::error(Code::P128, message)
                .at(pos.line, pos.column)
                .with_hint(hint)
        };
        if languages.second.is_none() {
            return vec![at(
                self.pos,
                format!("`{path}` is given in several languages, and the council writes in English only"),
                "add `languages: [en, cy]` (or `[en, gd]`) to `council.yaml`, or write the English text alone".into(),
            )];
        }
        let mut out = Vec::new();
        for (lang, pos) in given {
            if !languages.all().contains(lang) {
                out.push(at(
                    *pos,
                    format!(
                        "`{path}` is given in {}, which is not one of the council's languages ({})",
                        lang.name(),
                        languages.listed()
                    ),
                    format!(
                        "write it in {}, or change `languages` in `council.yaml`",
                        languages.listed()
                    ),
                ));
            }
        }
        for lang in languages.all() {
            if !given.iter().any(|(l, _)| *l == lang) {
                out.push(at(
                    self.pos,
                    format!("`{path}` has no {} text (`{}`)", lang.name(), lang.code()),
                    format!(
                        "add `{}: ...`, or write one text as a plain string",
                        lang.code()
                    ),
                ));
            }
        }
        out
    }
}

impl std::fmt::Display for Wording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.joined())
    }
}

/// A wording is serialised as its joined text: a template sees a string.
impl Serialize for Wording {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.joined())
    }
}

impl Decode for Wording {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let Value::Map(pairs) = &node.value else {
            let text: String = String::decode(node, field, d)?;
            return Some(Wording {
                pos: node.pos,
                path: field.to_string(),
                ..Wording::plain(text)
            });
        };
        let mut texts: Vec<(Language, String)> = Vec::new();
        let mut given = Vec::new();
        let mut ok = true;
        for (key, value) in pairs {
            let code = key.as_str().unwrap_or_default().trim().to_string();
            let Some(lang) = Language::parse(&code) else {
                d.coded(
                    Code::P128,
                    key,
                    format!("`{field}`: `{code}` is not a language code"),
                    "write `{ en: ..., cy: ... }` (or `gd:` for Scottish Gaelic), or one text as a plain string",
                );
                ok = false;
                continue;
            };
            match String::decode(value, &format!("{field}.{code}"), d) {
                Some(text) => {
                    texts.push((lang, text));
                    given.push((lang, key.pos));
                }
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let text_of = |l: Language| texts.iter().find(|(x, _)| *x == l).map(|(_, t)| t.clone());
        let second = texts
            .iter()
            .find(|(l, _)| *l != Language::En)
            .map(|(l, t)| (*l, t.clone()));
        Some(Wording {
            text: text_of(Language::En)
                .or_else(|| second.as_ref().map(|(_, t)| t.clone()))
                .unwrap_or_default(),
            second,
            pos: node.pos,
            path: field.to_string(),
            given: Some(given),
        })
    }
}

/// The two texts of a bilingual field, for the templates: `first` (the
/// English), `lang` (the second language's code) and `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Second {
    pub first: String,
    pub lang: &'static str,
    pub text: String,
}

/// A view's bilingual fields, by field name: what the `wording` filter
/// (HTML) and function (Typst) read beside the joined string. Empty, and
/// left out of the data, for a council in one language.
pub type Seconds = BTreeMap<&'static str, Second>;

/// `w`'s joined text, for a view's string field `key`; its two texts go
/// into `seconds` where it has two.
pub fn put(seconds: &mut Seconds, key: &'static str, w: &Wording) -> String {
    if let Some(s) = w.second_view() {
        seconds.insert(key, s);
    }
    w.joined()
}

/// [`put`] for prose: the joined paragraphs.
pub fn put_prose(seconds: &mut Seconds, key: &'static str, w: &Wording) -> String {
    if let Some(s) = w.second_view() {
        seconds.insert(key, s);
    }
    w.joined_prose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;

    fn langs(second: Option<Language>) -> Languages {
        Languages { second }
    }

    #[test]
    fn a_string_or_a_map() {
        let w: Wording = parse("Apologies for absence", "title").unwrap();
        assert_eq!(w.joined(), "Apologies for absence");
        assert!(w.check(langs(None)).is_empty());
        assert!(w.check(langs(Some(Language::Cy))).is_empty());
        let w: Wording = parse(
            "{ en: Apologies for absence, cy: Ymddiheuriadau am absenoldeb }",
            "title",
        )
        .unwrap();
        assert_eq!(
            w.joined(),
            "Apologies for absence / Ymddiheuriadau am absenoldeb"
        );
        assert_eq!(w.second_view().unwrap().lang, "cy");
        assert!(w.check(langs(Some(Language::Cy))).is_empty());
    }

    #[test]
    fn a_map_that_is_not_the_councils_languages() {
        let w: Wording = parse("{ en: A, cy: B }", "title").unwrap();
        let e = w.check(langs(None));
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].code, Code::P128);
        assert!(e[0].message.contains("English only"), "{}", e[0].message);
        let e = w.check(langs(Some(Language::Gd)));
        assert!(
            e.iter()
                .any(|e| e.message.contains("in Welsh, which is not"))
        );
        assert!(
            e.iter()
                .any(|e| e.message.contains("no Scottish Gaelic text"))
        );
        let w: Wording = parse("{ en: A }", "title").unwrap();
        let e = w.check(langs(Some(Language::Cy)));
        assert!(e[0].message.contains("no Welsh text (`cy`)"));
        let e = parse::<Wording>("{ en: A, fr: B }", "title").unwrap_err();
        assert_eq!(e[0].code, Code::P128);
    }

    #[test]
    fn languages_decode() {
        let l: Languages = parse("[en, cy]", "languages").unwrap();
        assert_eq!(l.second, Some(Language::Cy));
        let l: Languages = parse("[en]", "languages").unwrap();
        assert_eq!(l.second, None);
        for bad in [
            "[cy, en]",
            "[en, fr]",
            "[en, cy, gd]",
            "[en, en]",
            "{en: 1}",
        ] {
            let e = parse::<Languages>(bad, "languages").unwrap_err();
            assert_eq!(e[0].code, Code::P127, "{bad}");
        }
    }
}
