//! Determinism: every format is byte-identical across two runs with the
//! same SOURCE_DATE_EPOCH, across thread counts, and across two copies of
//! the project in different folders.

use crate::support;

use std::path::Path;
use std::process::Command;

use support::{copy_tree, files_in, root};

const EXAMPLES: &[&str] = &[
    "reports/2022-11-07-childrens-services-commissioner.yaml",
    "reports/2023-03-14-commissioner-recommendations-progress.yaml",
    "examples/second-house-style/2024-06-18-garden-waste-charging.yaml",
];

/// Renders the examples under `project` into `out`, every format.
fn render(project: &Path, out: &Path, threads: &str) -> Vec<(String, Vec<u8>)> {
    let status = Command::new(assert_cmd::cargo::cargo_bin("papers"))
        .arg("render")
        .args(EXAMPLES)
        .arg("--out")
        .arg(out)
        .current_dir(project)
        .env("SOURCE_DATE_EPOCH", "1667779200")
        .env("RAYON_NUM_THREADS", threads)
        .status()
        .unwrap();
    assert!(status.success());
    files_in(out)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(out.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

fn assert_same(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)], what: &str) {
    assert_eq!(a.len(), EXAMPLES.len() * 3, "{a:?}");
    assert_eq!(
        a.iter().map(|(f, _)| f).collect::<Vec<_>>(),
        b.iter().map(|(f, _)| f).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(b) {
        assert!(x == y, "{name} differs {what}");
    }
}

#[test]
fn same_bytes_across_runs_threads_and_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let first = render(&root(), &tmp.path().join("one"), "1");
    let second = render(&root(), &tmp.path().join("two"), "4");
    assert_same(&first, &second, "between two runs (1 and 4 threads)");

    // Two copies of the project at different depths and names.
    let here = tmp.path().join("a");
    let there = tmp.path().join("somewhere/much/deeper/and-longer");
    for dir in [&here, &there] {
        copy_tree(&root().join("reports"), &dir.join("reports"));
        copy_tree(&root().join("examples"), &dir.join("examples"));
    }
    let a = render(&here, &here.join("out"), "2");
    let b = render(&there, &there.join("out"), "2");
    assert_same(&a, &first, "between the clone and a copy");
    assert_same(&a, &b, "between two copies in different folders");
    // The PDF really is in the set compared.
    assert!(
        a.iter()
            .any(|(f, b)| f.ends_with(".pdf") && b.starts_with(b"%PDF"))
    );
}
