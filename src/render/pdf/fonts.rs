//! The fonts a PDF may use: the shipped ones, compiled into the binary and
//! parsed once per process, plus the council's own from `council.yaml`.
//! Also the check that every character of the data has a glyph in one of
//! them, so that a missing glyph is reported at the YAML field that holds
//! it rather than as a PDF/UA export failure.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::load::assets::FontFile;

/// The fonts compiled into the binary (see `fonts/README.md`).
pub(crate) static SHIPPED_FILES: &[&[u8]] = &[
    include_bytes!("../../../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../../fonts/LiberationSans-BoldItalic.ttf"),
    include_bytes!("../../../fonts/LiberationMono-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansArabic-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSansBengali-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansBengali-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSansGujarati-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansGujarati-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSansGurmukhi-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansGurmukhi-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansDevanagari-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSansTamil-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansTamil-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSansMalayalam-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansMalayalam-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSansKannada-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansKannada-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSansSymbols-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansSymbols-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSansSymbols2-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSansMath-Regular.ttf"),
];

/// The family templates use when the council names no font.
pub const DEFAULT_FAMILY: &str = "Liberation Sans";

/// The shipped fonts, parsed once per process, and their book.
/// Parses the shipped fonts now (see [`crate::pipeline::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&SHIPPED);
}

static SHIPPED: LazyLock<(Vec<Font>, LazyHash<FontBook>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = SHIPPED_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    let book = LazyHash::new(FontBook::from_fonts(&fonts));
    (fonts, book)
});

/// The fonts of one PDF: the shipped ones and the council's.
pub struct Fonts {
    council: Vec<Font>,
    /// `None` when the council adds no font: the shipped book is shared.
    book: Option<LazyHash<FontBook>>,
    /// The family of the council's house font (`font:`), first in the
    /// templates' font list.
    pub house_family: Option<String>,
    /// The families of the council's other fonts (`fonts:`), last in it.
    pub extra_families: Vec<String>,
}

impl Fonts {
    /// The shipped fonts, then `house` (`font:` in council.yaml) and
    /// `extra` (`fonts:`). `Err` names a file that holds no font.
    pub fn new(house: Option<&FontFile>, extra: &[FontFile]) -> Result<Self, String> {
        let mut council = Vec::new();
        let mut parse = |file: &FontFile| -> Result<String, String> {
            let fonts: Vec<Font> = Font::iter(Bytes::new(file.bytes.clone())).collect();
            let family = fonts
                .first()
                .map(|f| f.info().family.clone())
                .ok_or_else(|| {
                    format!(
                        "`{}` is not a font file Typst can read (TTF, OTF or TTC)",
                        file.name
                    )
                })?;
            council.extend(fonts);
            Ok(family)
        };
        let house_family = house.map(&mut parse).transpose()?;
        let mut extra_families = Vec::new();
        for file in extra {
            let family = parse(file)?;
            if !extra_families.contains(&family) {
                extra_families.push(family);
            }
        }
        let book = (!council.is_empty()).then(|| {
            let mut book = (*SHIPPED.1).clone();
            for font in &council {
                book.push(font.info().clone());
            }
            LazyHash::new(book)
        });
        Ok(Fonts {
            council,
            book,
            house_family,
            extra_families,
        })
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.book.as_ref().unwrap_or(&SHIPPED.1)
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        let shipped = &SHIPPED.0;
        match index.checked_sub(shipped.len()) {
            None => shipped.get(index).cloned(),
            Some(i) => self.council.get(i).cloned(),
        }
    }

    fn all(&self) -> impl Iterator<Item = &Font> {
        SHIPPED.0.iter().chain(&self.council)
    }

    /// The characters of `text` that no font has, in order of first use.
    pub fn missing<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> Vec<char> {
        let mut seen: BTreeMap<char, bool> = BTreeMap::new();
        let mut missing = Vec::new();
        for text in texts {
            for c in text.chars() {
                if c.is_ascii() || needs_no_glyph(c) {
                    continue;
                }
                let covered = *seen.entry(c).or_insert_with(|| {
                    self.all().any(|f| f.info().coverage.contains(u32::from(c)))
                });
                if !covered && !missing.contains(&c) {
                    missing.push(c);
                }
            }
        }
        missing
    }
}

/// Characters that shape or join others but are never drawn themselves.
fn needs_no_glyph(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}'                     // soft hyphen
            | '\u{200B}'..='\u{200F}'      // zero widths, joiners, marks
            | '\u{2028}'..='\u{202E}'      // separators, embeddings
            | '\u{2060}'..='\u{206F}'      // word joiner, invisible operators
            | '\u{FE00}'..='\u{FE0F}'      // variation selectors
            | '\u{FEFF}'                   // byte order mark
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_fonts_load_with_their_families() {
        let families: Vec<&str> = SHIPPED.0.iter().map(|f| f.info().family.as_str()).collect();
        for family in [
            DEFAULT_FAMILY,
            "Liberation Mono",
            "Noto Sans Arabic",
            "Noto Sans Bengali",
            "Noto Sans Gujarati",
            "Noto Sans Gurmukhi",
            "Noto Sans Devanagari",
            "Noto Sans Tamil",
            "Noto Sans Malayalam",
            "Noto Sans Kannada",
            "Noto Sans Symbols",
            "Noto Sans Symbols2",
            "Noto Sans Math",
        ] {
            assert!(families.contains(&family), "{family} in {families:?}");
        }
    }

    #[test]
    fn every_family_in_the_style_is_shipped() {
        let style = include_str!("../../../templates/style.typ");
        let families: Vec<&str> = SHIPPED.0.iter().map(|f| f.info().family.as_str()).collect();
        let list = &style[style.find("let shipped = (").unwrap()..];
        let list = &list[..list.find(')').unwrap()];
        for name in list.split('"').skip(1).step_by(2) {
            assert!(families.contains(&name), "`{name}` is not a shipped family");
        }
    }

    #[test]
    fn community_languages_are_covered_and_gaps_are_named() {
        let fonts = Fonts::new(None, &[]).unwrap();
        let texts = [
            "Ten dokument jest dostępny w innych językach", // Polish
            "یہ دستاویز دوسری زبانوں میں دستیاب ہے",        // Urdu
            "ਇਹ ਦਸਤਾਵੇਜ਼ ਹੋਰ ਭਾਸ਼ਾਵਾਂ ਵਿੱਚ ਉਪਲਬਧ ਹੈ",              // Punjabi
            "এই নথিটি অন্যান্য ভাষায় পাওয়া যায়",                    // Bengali
            "આ દસ્તાવેજ અન્ય ભાષાઓમાં ઉપલબ્ધ છે",                 // Gujarati
            "هذه الوثيقة متاحة بلغات أخرى",                 // Arabic
            "മലയാളം ಕನ್ನಡ ℋ • – ◦",
        ];
        assert_eq!(fonts.missing(texts), Vec::<char>::new());
        assert_eq!(fonts.missing(["本文件 ok 本"]), vec!['本', '文', '件']);
    }

    #[test]
    fn a_file_that_is_not_a_font_is_refused_by_name() {
        let file = FontFile {
            name: "fonts/house.ttf".into(),
            bytes: b"not a font".to_vec(),
        };
        let err = Fonts::new(Some(&file), &[]).err().unwrap();
        assert!(err.contains("fonts/house.ttf"), "{err}");
    }
}
