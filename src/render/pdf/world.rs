//! The in-memory Typst world: the templates (built-in, or the council's
//! overrides) under `/templates/`, the data and the converted prose, the
//! logo, the fonts and a fixed date. It never reads the disk, the system
//! fonts or the network.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

use super::fonts::Fonts;

/// Where templates live in the world: `/templates/report.typ`.
pub const TEMPLATE_DIR: &str = "/templates/";

/// The standard library with the accessibility extras (`pdf.header-cell`);
/// built once for councils without fonts of their own.
/// Builds Typst's standard library now (see [`crate::pipeline::warm_up`]).
pub(crate) fn warm() {
    LazyLock::force(&LIBRARY);
}

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(library(None, &[])));

fn library(house: Option<&str>, extra: &[String]) -> Library {
    let mut inputs = Dict::new();
    if let Some(family) = house {
        inputs.insert("council-font".into(), family.into_value());
    }
    if !extra.is_empty() {
        let families: Vec<typst::foundations::Value> =
            extra.iter().map(|f| f.as_str().into_value()).collect();
        inputs.insert(
            "extra-fonts".into(),
            typst::foundations::Array::from(families.as_slice()).into_value(),
        );
    }
    Library::builder()
        .with_features([Feature::A11yExtras].into_iter().collect())
        .with_inputs(inputs)
        .build()
}

pub fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path)
        .ok()
        .map(|vpath| RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// What one compile sees.
pub struct PapersWorld {
    library: Option<LazyHash<Library>>,
    fonts: Fonts,
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl PapersWorld {
    /// `sources` are Typst files (templates, converted prose) and `files`
    /// everything else (data, images), by absolute virtual path; `entry`
    /// is the path of the main source.
    pub fn new(
        entry: &str,
        sources: Vec<(String, String)>,
        files: Vec<(String, Vec<u8>)>,
        fonts: Fonts,
        today: Datetime,
    ) -> Result<Self, String> {
        let id = |path: &str| file_id(path).ok_or_else(|| format!("`{path}` is not a valid path"));
        let main = id(entry)?;
        let mut source_map = HashMap::new();
        for (path, text) in sources {
            let fid = id(&path)?;
            source_map.insert(fid, Source::new(fid, text));
        }
        if !source_map.contains_key(&main) {
            return Err(format!("the entry template `{entry}` is missing"));
        }
        let mut file_map = HashMap::new();
        for (path, data) in files {
            file_map.insert(id(&path)?, Bytes::new(data));
        }
        let library =
            (fonts.house_family.is_some() || !fonts.extra_families.is_empty()).then(|| {
                LazyHash::new(library(
                    fonts.house_family.as_deref(),
                    &fonts.extra_families,
                ))
            });
        Ok(PapersWorld {
            library,
            fonts,
            main,
            sources: source_map,
            files: file_map,
            today,
        })
    }

    /// A Typst source of this world (a template or a prose field).
    pub fn get_source(&self, id: FileId) -> Option<&Source> {
        self.sources.get(&id)
    }
}

impl World for PapersWorld {
    fn library(&self) -> &LazyHash<Library> {
        self.library.as_ref().unwrap_or(&LIBRARY)
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.sources.get(&id) {
            Some(source) => Ok(source.clone()),
            None if self.files.contains_key(&id) => Err(FileError::NotSource),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        match self.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.text().to_string())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(_) => FileError::Other(Some(
            "packages are not available: papers never uses the network; \
             put what the template needs in the council's templates folder"
                .into(),
        )),
        VirtualRoot::Project => FileError::NotFound(id.vpath().get_with_slash().into()),
    }
}
