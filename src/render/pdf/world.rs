//! The in-memory Typst world: one main source, the shipped fonts (plus a
//! council font), files served from memory and a fixed date. It never reads
//! the disk, the system fonts or the network.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

/// The fonts compiled into the binary (see `fonts/README.md`).
static SHIPPED: &[&[u8]] = &[
    include_bytes!("../../../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../../fonts/LiberationSans-BoldItalic.ttf"),
    include_bytes!("../../../fonts/LiberationMono-Regular.ttf"),
];

/// The family templates use when the council names no font.
pub const DEFAULT_FAMILY: &str = "Liberation Sans";

/// The shipped fonts, parsed once per process.
static FONTS: LazyLock<(Vec<Font>, FontBook)> = LazyLock::new(|| {
    let fonts: Vec<Font> = SHIPPED
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    let book = FontBook::from_fonts(&fonts);
    (fonts, book)
});

/// The standard library with the accessibility extras (`pdf.header-cell`),
/// built once; a world with a council font builds its own (with inputs).
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(library(None)));

fn library(council_family: Option<&str>) -> Library {
    let mut inputs = Dict::new();
    if let Some(family) = council_family {
        inputs.insert("council-font".into(), family.into_value());
    }
    Library::builder()
        .with_features([Feature::A11yExtras].into_iter().collect())
        .with_inputs(inputs)
        .build()
}

/// The id of the main source, `/main.typ`.
pub fn main_id() -> FileId {
    file_id("/main.typ").expect("a valid virtual path")
}

pub fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path)
        .ok()
        .map(|vpath| RootedPath::new(VirtualRoot::Project, vpath).intern())
}

pub struct PapersWorld {
    library: Option<LazyHash<Library>>,
    book: Option<LazyHash<FontBook>>,
    council_font: Vec<Font>,
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl PapersWorld {
    /// A world around `source`. `council_font` is the bytes of a TTF/OTF
    /// file (or collection); `Err` if no font can be read from it.
    pub fn new(
        source: &str,
        today: Datetime,
        council_font: Option<&[u8]>,
        files: &[(String, Vec<u8>)],
    ) -> Result<Self, String> {
        let main = Source::new(main_id(), source.to_string());
        let mut map = HashMap::new();
        for (path, data) in files {
            let id = file_id(path).ok_or_else(|| format!("`{path}` is not a valid file path"))?;
            map.insert(id, Bytes::new(data.clone()));
        }
        let (council_font, library, book) = match council_font {
            None => (Vec::new(), None, None),
            Some(data) => {
                let fonts: Vec<Font> = Font::iter(Bytes::new(data.to_vec())).collect();
                let Some(first) = fonts.first() else {
                    return Err(
                        "the council font is not a font file Typst can read (TTF, OTF or TTC)"
                            .into(),
                    );
                };
                let family = first.info().family.clone();
                let mut book = FONTS.1.clone();
                for font in &fonts {
                    book.push(font.info().clone());
                }
                (
                    fonts,
                    Some(LazyHash::new(library(Some(&family)))),
                    Some(LazyHash::new(book)),
                )
            }
        };
        Ok(PapersWorld {
            library,
            book,
            council_font,
            main,
            files: map,
            today,
        })
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

/// The shipped book, hashed once.
static BOOK: LazyLock<LazyHash<FontBook>> = LazyLock::new(|| LazyHash::new(FONTS.1.clone()));

impl World for PapersWorld {
    fn library(&self) -> &LazyHash<Library> {
        self.library.as_ref().unwrap_or(&LIBRARY)
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.book.as_ref().unwrap_or(&BOOK)
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if self.files.contains_key(&id) {
            Err(FileError::NotSource)
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.files.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        let shipped = &FONTS.0;
        match index.checked_sub(shipped.len()) {
            None => shipped.get(index).cloned(),
            Some(i) => self.council_font.get(i).cloned(),
        }
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(_) => FileError::Other(Some(
            "packages are not available: papers never uses the network; \
             put what the template needs in the council's folder"
                .into(),
        )),
        VirtualRoot::Project => FileError::NotFound(id.vpath().get_with_slash().into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_fonts_load() {
        let families: Vec<&str> = FONTS.0.iter().map(|f| f.info().family.as_str()).collect();
        assert_eq!(families.len(), 5);
        assert!(families.contains(&DEFAULT_FAMILY));
        assert!(families.contains(&"Liberation Mono"));
    }

    #[test]
    fn a_council_font_that_is_not_a_font_is_refused() {
        let today = Datetime::from_ymd(2022, 11, 7).unwrap();
        assert!(PapersWorld::new("x", today, Some(b"not a font"), &[]).is_err());
    }
}
