//! Word both ways: a report rendered to .docx and imported again gives back
//! the report it was made from (issue 17). Compared as an editor's schema
//! reads the YAML (`yaml_to_json`): the same fields and values, whatever
//! the comments, key order and quoting.

use crate::support;

use assert_cmd::Command;
use committee_papers::schema::yaml_to_json;

fn model(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    yaml_to_json(&committee_papers::load::yaml::parse(&text).unwrap().unwrap())
}

#[test]
fn the_seed_goes_to_word_and_back_unchanged() {
    for name in [
        support::SEED,
        "2022-11-07-residential-home-property-acquisition",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let report = support::root().join(format!("reports/{name}.yaml"));
        Command::cargo_bin("papers")
            .unwrap()
            .args(["render", "--quiet", "--to", "docx", "--out"])
            .arg(dir.path())
            .arg(&report)
            .assert()
            .success();
        let back = dir.path().join("back.yaml");
        let out = Command::cargo_bin("papers")
            .unwrap()
            .arg("import")
            .arg(dir.path().join(format!("{name}.docx")))
            .arg("--out")
            .arg(&back)
            .arg("--council")
            .arg(support::root().join("reports/council.yaml"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Nothing the paper itself wrote (its opening line, the climate
        // table's words) is taken for the author's.
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("warning"), "{name}: {stderr}");
        let (want, got) = (model(&report), model(&back));
        let want = want.as_object().unwrap();
        let got = got.as_object().unwrap();
        for (key, value) in want {
            assert_eq!(got.get(key), Some(value), "{name}: `{key}` changed");
        }
        assert_eq!(got.len(), want.len(), "{name}: {:?}", got.keys());
    }
}
