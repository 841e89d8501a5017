//! The fuzz corpus (`fuzz/corpus/TARGET/*`) replayed on the stable
//! toolchain: every input the fuzzers kept goes through the same checks
//! as the libFuzzer targets (`fuzz/src/checks.rs`), so a crash once found
//! and fixed stays fixed.

#[path = "../../fuzz/src/checks.rs"]
mod checks;

use std::path::PathBuf;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn replay(target: &str, check: fn(&[u8])) {
    let inputs = corpus(target);
    for (path, bytes) in &inputs {
        let result = std::panic::catch_unwind(|| check(bytes));
        assert!(result.is_ok(), "{target}: {} fails", path.display());
    }
    eprintln!("{target}: {} inputs replayed", inputs.len());
}

#[test]
fn yaml_decode_corpus() {
    replay("yaml_decode", checks::yaml_decode);
}

#[test]
fn markdown_html_corpus() {
    replay("markdown_html", checks::markdown_html);
}

#[test]
fn markdown_typst_corpus() {
    replay("markdown_typst", checks::markdown_typst);
}

#[test]
fn report_render_corpus() {
    replay("report_render", checks::report_render);
}

#[test]
fn import_docx_corpus() {
    replay("import_docx", checks::import_docx);
}
