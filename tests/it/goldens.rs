//! The house-style goldens: the seed, progress and Ashdown reports in
//! every format, byte for byte at a fixed `SOURCE_DATE_EPOCH`. They were
//! committed before house styles became data (issue 16) and must not
//! change when Sefton's style moves from code into a declaration.
//! Re-bless (only for a change meant to alter the outputs) with
//! `PAPERS_BLESS=1 cargo test --release --test it -- goldens`.

use crate::support::{files_in, root};

use std::process::Command;

const REPORTS: &[&str] = &[
    "reports/2022-11-07-childrens-services-commissioner.yaml",
    "reports/2023-03-14-commissioner-recommendations-progress.yaml",
    "examples/second-house-style/2024-06-18-garden-waste-charging.yaml",
];

#[test]
fn house_style_outputs_are_byte_identical_to_the_goldens() {
    let goldens = root().join("tests/goldens/house-style");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let status = Command::new(assert_cmd::cargo::cargo_bin("papers"))
        .arg("render")
        .args(REPORTS)
        .arg("--out")
        .arg(&out)
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1667779200")
        .status()
        .unwrap();
    assert!(status.success());
    let made = files_in(&out);
    assert_eq!(made.len(), REPORTS.len() * 3, "{made:?}");
    if std::env::var_os("PAPERS_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&goldens);
        std::fs::create_dir_all(&goldens).unwrap();
        for f in &made {
            std::fs::copy(out.join(f), goldens.join(f)).unwrap();
        }
        return;
    }
    assert_eq!(made, files_in(&goldens), "the set of files changed");
    let changed: Vec<&String> = made
        .iter()
        .filter(|f| std::fs::read(out.join(f)).unwrap() != std::fs::read(goldens.join(f)).unwrap())
        .collect();
    assert!(
        changed.is_empty(),
        "these outputs differ from tests/goldens/house-style: {changed:?}\n\
         (diff them against a render at SOURCE_DATE_EPOCH=1667779200; re-bless only \
         for a change meant to alter them: PAPERS_BLESS=1 cargo test --release --test it -- goldens)"
    );
}
