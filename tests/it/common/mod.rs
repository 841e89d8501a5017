//! Shared helpers for the integration tests: temporary council folders
//! holding the bundled Sefton profile and variants of the seed report.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub const SEED: &str = "2022-11-07-childrens-services-commissioner";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seed_path() -> PathBuf {
    root().join("reports").join(format!("{SEED}.yaml"))
}

pub fn seed_yaml() -> String {
    std::fs::read_to_string(seed_path()).unwrap()
}

pub fn council_yaml() -> String {
    std::fs::read_to_string(root().join("reports/council.yaml")).unwrap()
}

/// A temporary folder with `council.yaml` and `reports/NAME.yaml`.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("council.yaml"), council_yaml()).unwrap();
        std::fs::create_dir(dir.path().join("reports")).unwrap();
        Workspace { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn report(&self, name: &str, yaml: &str) -> PathBuf {
        let path = self.path().join("reports").join(format!("{name}.yaml"));
        std::fs::write(&path, yaml).unwrap();
        path
    }

    pub fn template(&self, name: &str, text: &str) -> PathBuf {
        let dir = self.path().join("templates");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// The seed YAML with the top-level line `key: ...` replaced by `line`
/// (or removed when `line` is empty).
pub fn replace_line(yaml: &str, key: &str, line: &str) -> String {
    let prefix = format!("{key}:");
    let mut found = false;
    let out: Vec<&str> = yaml
        .lines()
        .filter_map(|l| {
            if l.starts_with(&prefix) {
                found = true;
                (!line.is_empty()).then_some(line)
            } else {
                Some(l)
            }
        })
        .collect();
    assert!(found, "no top-level `{key}` in the seed");
    out.join("\n") + "\n"
}

/// All text of a PDF, whitespace collapsed and U+2060 (which Typst puts
/// before outline page numbers) removed.
pub fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    normalise(&doc.extract_text(&pages).expect("text extracts"))
}

/// Text with whitespace collapsed and U+2060 removed, for comparing PDF text.
pub fn normalise(text: &str) -> String {
    text.replace('\u{2060}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
