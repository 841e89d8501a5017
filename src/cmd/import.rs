//! `papers import REPORT.docx [--out REPORT.yaml] [--council PATH]`: a
//! Word report into the YAML of the nearest council's house style, with
//! its pictures beside it. Nothing is replaced and, for a file that
//! cannot be read, nothing is written.

use std::path::{Path, PathBuf};

use committee_papers::diagnostics::{Code, Diagnostic, Kind};
use committee_papers::import::{self, Options};
use committee_papers::load;
use committee_papers::output::write_new;

/// The largest .docx read (a 150-page report with pictures is a few MB).
const MAX_DOCX_BYTES: usize = 64 * 1024 * 1024;

fn exists(path: &Path) -> Diagnostic {
    Diagnostic::error(Code::P100, "refused: the file exists already")
        .in_file(path)
        .with_kind(Kind::Io)
        .with_hint("choose a new name with --out, or delete the file first")
}

pub fn run(docx: &Path, out: Option<PathBuf>, council: Option<PathBuf>) -> Vec<Diagnostic> {
    let out = out.unwrap_or_else(|| docx.with_extension("yaml"));
    if out.exists() {
        return vec![exists(&out)];
    }
    let council_path = match council {
        Some(c) => c,
        None => match load::find_council(docx) {
            Ok(c) => c,
            Err(e) => return vec![e],
        },
    };
    let council = match load::load_council(&council_path) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let Some(style) = council.style(None) else {
        return Vec::new();
    };
    let bytes = match load::read_capped(docx, MAX_DOCX_BYTES) {
        Ok(b) => b,
        Err(e) => return vec![e.with_hint("name a Word report (.docx) no larger than 64 MiB")],
    };
    let out_dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let council_dir = council_path.parent().unwrap_or(Path::new("."));
    let modeline = committee_papers::scaffold::modeline("report", council_dir, out_dir);
    let stem = out.file_stem().map_or_else(
        || "report".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let source = docx
        .file_name()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let options = Options {
        stem: &stem,
        modeline: modeline.as_deref(),
        source: &source,
    };
    let imported = match import::import(&bytes, &council, style, &options) {
        Ok(i) => i,
        Err(e) => return vec![e.in_file(docx)],
    };
    for p in &imported.pictures {
        let path = out_dir.join(&p.file);
        if path.exists() {
            return vec![exists(&path)];
        }
    }
    for p in &imported.pictures {
        if let Err(e) = write_new(&out_dir.join(&p.file), &p.bytes) {
            return vec![e];
        }
    }
    if let Err(e) = write_new(&out, imported.yaml.as_bytes()) {
        return vec![e];
    }
    eprintln!("imported {} into {}:", docx.display(), out.display());
    for line in &imported.account {
        eprintln!("  {line}");
    }
    eprintln!(
        "run `papers check {}`: it lists what is left to fill in",
        out.display()
    );
    imported
        .warnings
        .into_iter()
        .map(|w| w.in_file(docx))
        .collect()
}
