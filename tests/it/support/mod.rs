//! The one helper module of the integration tests: the bundled files,
//! scratch council folders, edits of a report's YAML, PDF text, and (in
//! submodules) HTML as a browser reads it and the patches the bad-input
//! corpus applies to the bundled files.
#![allow(dead_code)]

mod html;
pub mod patch;

pub use html::*;

use std::path::{Path, PathBuf};

/// The seed report (`reports/SEED.yaml`).
pub const SEED: &str = "2022-11-07-childrens-services-commissioner";
/// The report that cites a progress tracker (`reports/PROGRESS.yaml`).
pub const PROGRESS: &str = "2023-03-14-commissioner-recommendations-progress";

/// A meeting of the seed's committee on the seed's date, published five
/// clear days ahead, with the seed (`reports/seed.yaml`) as its one report,
/// as `reports/meetings/*.yaml` sees it.
pub const SEED_MEETING: &str =
    "committee: Overview and Scrutiny Committee (Children's Services and Safeguarding)
date: 2022-11-07
time: '18:30'
venue: Town Hall
membership:
  chair: Councillor A
  members: [Councillor B]
clerk:
  name: Clerk
  email: clerk@example.org
published: 2022-10-28
items:
  - title: Apologies for absence
  - report: ../seed.yaml
";

/// The crate's folder: `reports/`, `templates/` and `tests/fixtures/` are in it.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The path of a bundled report, `reports/NAME.yaml`.
pub fn bundled_path(name: &str) -> PathBuf {
    root().join("reports").join(format!("{name}.yaml"))
}

/// The text of a bundled report, `reports/NAME.yaml`.
pub fn bundled(name: &str) -> String {
    std::fs::read_to_string(bundled_path(name)).unwrap()
}

/// The bundled council profile, `reports/council.yaml`.
pub fn council_yaml() -> String {
    std::fs::read_to_string(root().join("reports/council.yaml")).unwrap()
}

/// A scratch council folder: the bundled `council.yaml`, a `reports/`
/// folder for the test's reports, and (from `new`) the bundled progress
/// trackers in `reports/progress/`.
pub struct Council {
    pub dir: tempfile::TempDir,
}

impl Council {
    /// `council.yaml` and the bundled trackers in `reports/progress/`.
    pub fn new() -> Self {
        let council = Council::without_trackers();
        copy_tree(
            &root().join("reports/progress"),
            &council.path().join("reports/progress"),
        );
        council
    }

    /// `council.yaml` and an empty `reports/`, for tests that walk the
    /// folder and must see only their own files.
    pub fn without_trackers() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("council.yaml"), council_yaml()).unwrap();
        std::fs::create_dir(dir.path().join("reports")).unwrap();
        Council { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `out/`, where a test renders to (not created).
    pub fn out(&self) -> PathBuf {
        self.path().join("out")
    }

    /// Writes `reports/NAME.yaml`.
    pub fn report(&self, name: &str, yaml: &str) -> PathBuf {
        let path = self.path().join("reports").join(format!("{name}.yaml"));
        std::fs::write(&path, yaml).unwrap();
        path
    }

    /// Writes `templates/NAME`, an override of a built-in template.
    pub fn template(&self, name: &str, text: &str) -> PathBuf {
        let dir = self.path().join("templates");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// The seed with its appendix mentioned in the body, so that no rule
/// finds anything in it: a test that changes one line sees only what that
/// line causes (the bundled seed keeps the original's wording, which `render`
/// warns about as P308).
pub fn clean_seed() -> String {
    let seed = bundled(SEED);
    let clean = seed.replace(
        "  ## Key Issues\n",
        "  The Commissioner's report is at Appendix 1.\n\n  ## Key Issues\n",
    );
    assert_ne!(seed, clean, "the seed's `## Key Issues` heading moved");
    clean
}

/// A YAML double-quoted scalar holding `text` exactly.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// The YAML with its top-level line `key: ...` replaced by `line`, raw
/// YAML (or removed when `line` is empty). Only that one line changes, so
/// `key` must be a one-line field.
pub fn with_line(yaml: &str, key: &str, line: &str) -> String {
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
    assert!(found, "no top-level `{key}`");
    out.join("\n") + "\n"
}

/// The YAML with its top-level field `key` (one line, or a folded block)
/// replaced by `key: value`, the value written as a quoted scalar.
pub fn with_field(yaml: &str, key: &str, value: &str) -> String {
    let mut out = Vec::new();
    let mut lines = yaml.lines().peekable();
    let prefix = format!("{key}:");
    let mut found = false;
    while let Some(line) = lines.next() {
        if line.starts_with(&prefix) {
            found = true;
            out.push(format!("{key}: {}", quoted(value)));
            while lines
                .peek()
                .is_some_and(|l| l.starts_with(' ') || l.is_empty())
            {
                lines.next();
            }
        } else {
            out.push(line.to_string());
        }
    }
    assert!(found, "no top-level `{key}`");
    out.join("\n") + "\n"
}

/// A bundled report with its `body:` block replaced by `body`.
pub fn with_body(yaml: &str, body: &str) -> String {
    let start = yaml.find("\nbody: |").expect("a body block") + 1;
    let mut out = yaml[..start].to_string();
    // The body is the last field of the bundled reports.
    out.push_str("body: ");
    out.push_str(&quoted(body));
    out.push('\n');
    out
}

/// Copies the folder `from` into `to` (created), recursively.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Files in `dir` (recursively), as relative paths, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// All text of a PDF, whitespace collapsed and U+2060 (which Typst puts
/// before outline page numbers) removed.
pub fn pdf_text(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    normalise(&doc.extract_text(&pages).expect("text extracts"))
}

/// What a reader of a .docx could find in it: every XML part as written
/// (attributes too: alt text, link targets, properties) and, after it, the
/// same parts' text with the tags taken out (so that words split across
/// runs still meet).
pub fn docx_text(docx: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a .docx is a zip");
    let (mut raw, mut text) = (String::new(), String::new());
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap_or_default().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("an XML part is UTF-8");
        let mut in_tag = false;
        for c in xml.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        raw.push_str(&xml);
        raw.push('\n');
    }
    raw + &text
}

/// Text with whitespace collapsed and U+2060 removed, for comparing PDF text.
pub fn normalise(text: &str) -> String {
    text.replace('\u{2060}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A run's stderr with the scratch folder `dir` (as given and as
/// resolved) written as `<dir>`, so an expectation does not depend on
/// where the folder is.
pub fn stderr_in(stderr: &[u8], dir: &Path) -> String {
    let mut text = String::from_utf8_lossy(stderr).into_owned();
    if let Ok(real) = dir.canonicalize() {
        text = text.replace(&real.display().to_string(), "<dir>");
    }
    text.replace(&dir.display().to_string(), "<dir>")
}

/// The diagnostic lines of a run's stderr (`path:line:col: error...` or
/// `warning...`), without their hints, the count or progress lines, the
/// scratch folder written as `<dir>`: what a test pins exactly.
pub fn diagnostics_in(stderr: &[u8], dir: &Path) -> Vec<String> {
    stderr_in(stderr, dir)
        .lines()
        .filter(|l| {
            !l.starts_with(' ')
                && (l.contains(": error") || l.contains(": warning") || l.starts_with("error"))
        })
        .map(String::from)
        .collect()
}
