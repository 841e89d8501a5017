//! The defects found in review (issue 11), each pinned by a test that
//! failed before its fix.

use crate::support;

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use committee_papers::pipeline::{load_report, render_report};
use committee_papers::render::Format;
use support::*;

fn papers() -> Command {
    let mut cmd = Command::cargo_bin("papers").unwrap();
    cmd.env("SOURCE_DATE_EPOCH", "1667779200");
    cmd
}

fn render_one(path: &std::path::Path, format: Format) -> String {
    let loaded = load_report(path).unwrap_or_else(|e| panic!("{e:?}"));
    let out = render_report(&loaded, &[format]).unwrap_or_else(|e| panic!("{e:?}"));
    String::from_utf8(out.outputs.into_iter().next().unwrap().1).unwrap()
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Defect 1: A "billion laughs" report (under 1 KB) is refused at once, with a
/// location, and nothing is written.
#[test]
fn d01_alias_bomb_is_refused_quickly() {
    let c = Council::new();
    let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        yaml.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    assert!(yaml.len() < 1024);
    let report = c.report("bomb", &yaml);
    let start = Instant::now();
    let out = papers()
        .arg("render")
        .arg(&report)
        .arg("--out")
        .arg(c.out())
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(start.elapsed() < Duration::from_secs(20));
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        diagnostics_in(&out.stderr, c.path()),
        [
            "<dir>/reports/bomb.yaml:7:10: error[P101] the document expands to more than 1000000 values"
        ]
    );
    assert!(!c.out().exists());
}

/// Defect 1: An alias inside its own anchor was dropped without a word.
#[test]
fn d01_self_alias_is_an_error() {
    let c = Council::new();
    let yaml = bundled(SEED).replace("wards: all", "wards: &w\n  - Ainsdale\n  - *w");
    let report = c.report("selfalias", &yaml);
    let out = papers()
        .args(["check", "--format", "concise"])
        .arg(&report)
        .output()
        .unwrap();
    let err = stderr_in(&out.stderr, c.path());
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err,
        "<dir>/reports/selfalias.yaml:8:5: error[P101] this alias refers to the list or mapping that contains it\n  \
         hint: an alias (*name) can only repeat a node that is complete: move it after the anchored node ends\n\
         1 error\n"
    );
}

/// Defect 2: Raw `<img>` with a remote or relative `src` fetches nothing.
#[test]
fn d02_raw_images_are_not_fetched() {
    let c = Council::new();
    let body = "## Background\n\nA tracking pixel <img src=\"https://tracker.example/p.gif\" alt=\"\"> here.\n\n<img src=\"plan.png\" alt=\"The plan\">\n\n<p><img srcset=\"//cdn.example/a.png 2x\" src=\"a.png\"></p>\n\n<picture><source srcset=\"https://x.example/a.webp\"><img src=\"a.png\"></picture>\n";
    let report = c.report("img", &with_body(&bundled(SEED), body));
    let html = render_one(&report, Format::Html);
    assert_eq!(fetches(&html), Vec::<String>::new());
    assert!(!html.contains("tracker.example") && !html.contains("cdn.example"));
    assert!(html.contains("A tracking pixel"));
}

/// Defect 3: The Markdown output carries no script link, as any CommonMark
/// renderer would show it.
#[test]
fn d03_markdown_output_has_no_script_links() {
    let c = Council::new();
    let body = "## Background\n\nSee [the plan](javascript:alert(1)), [this](vbscript:msgbox(1)), [that](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) and [ref][x].\n\n[x]: javascript:alert(2)\n\nAn autolink <javascript:alert(3)> and an ![image](javascript:alert(4)).\n";
    let yaml = with_body(&bundled(SEED), body);
    let yaml = with_field(
        &yaml,
        "summary",
        "[Summary link](JAVASCRIPT:alert(5)) and <a href='javascript:alert(6)'>raw</a>",
    );
    let report = c.report("js", &yaml);
    let md = render_one(&report, Format::Markdown);
    let html = commonmark_to_html(&md);
    assert_eq!(dangers(&html), Vec::<String>::new(), "{md}");
    assert!(md.contains("See the plan, this, that and ref."), "{md}");
    assert!(md.contains("Summary link"), "{md}");
}

/// Defect 4: Every id in the page is unique: an unnumbered heading named like a
/// part of the paper, the same heading twice, a tracker placed twice.
#[test]
fn d04_html_ids_are_unique() {
    let c = Council::new();
    let yaml = bundled(PROGRESS);
    let body = "## Recommendations {.unnumbered}\n\nFirst.\n\n## Recommendations {.unnumbered}\n\nSecond.\n\n## Summary {.unnumbered}\n\n{{ progress }}\n\n## Again\n\nOnce more:\n\n{{ progress }}\n";
    let report = c.report("ids", &with_body(&yaml, body));
    let html = render_one(&report, Format::Html);
    assert_eq!(duplicate_ids(&html), Vec::<String>::new());
    assert!(
        html.contains("id=\"progress-1-2\""),
        "the second placement has its own id"
    );
    // Every aria-labelledby names ids that exist.
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("[aria-labelledby]").unwrap();
    for el in doc.select(&sel) {
        for id in el
            .value()
            .attr("aria-labelledby")
            .unwrap()
            .split_whitespace()
        {
            let by_id = scraper::Selector::parse(&format!("[id=\"{id}\"]")).unwrap();
            assert_eq!(doc.select(&by_id).count(), 1, "aria-labelledby {id}");
        }
    }
}

/// Defect 5: An author's `\|` in a tracker update stays one cell.
#[test]
fn d05_escaped_pipes_stay_in_their_cell() {
    let c = Council::new();
    let tracker = c
        .path()
        .join("reports/progress/commissioner-recommendations-2023-02.yaml");
    let text = std::fs::read_to_string(&tracker).unwrap();
    // Replace the first item's `update: |` block with one line.
    let mut lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "    update: |")
        .expect("an update block");
    let end = (at + 1..lines.len())
        .find(|&i| !lines[i].starts_with("      "))
        .unwrap_or(lines.len());
    let new = r#"    update: "Options A \\| B were weighed; also a | b and `x \\| y`.""#;
    lines.splice(at..end, [new]);
    std::fs::write(&tracker, lines.join("\n") + "\n").unwrap();
    let report = c.report("pipes", &bundled(PROGRESS));
    let md = render_one(&report, Format::Markdown);
    let row = md
        .lines()
        .find(|l| l.contains("Options A"))
        .unwrap_or_else(|| panic!("no row: {md}"));
    // Count cells as GFM does: render the table and count <td>.
    let lines: Vec<&str> = md.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("| Ref |")).unwrap();
    let (header, sep) = (lines[at], lines[at + 1]);
    let html = commonmark_to_html(&format!("{header}\n{sep}\n{row}\n"));
    let cells = html.matches("<td>").count();
    let headers = html.matches("<th>").count();
    assert_eq!(cells, headers, "{row}\n{html}");
    assert!(
        html.contains("Options A | B were weighed; also a | b and <code>x | y</code>."),
        "{html}"
    );
}

/// Defect 6: Reference-style links in the body link, in every format that links.
#[test]
fn d06_reference_links_in_the_body_work() {
    let c = Council::new();
    let body = "## Background\n\nThe [Commissioner's report][report] was published; see also [Ofsted].\n\nIt is [the report][report] again.\n\n[report]: https://www.gov.uk/report \"The report\"\n[ofsted]: https://www.ofsted.gov.uk/\n";
    let report = c.report("refs", &with_body(&bundled(SEED), body));
    let html = render_one(&report, Format::Html);
    let links = links(&html);
    let to = |href: &str| {
        links
            .iter()
            .filter(|(h, _)| h.as_deref() == Some(href))
            .count()
    };
    assert_eq!(to("https://www.gov.uk/report"), 2, "{links:?}");
    assert_eq!(to("https://www.ofsted.gov.uk/"), 1, "{links:?}");
    assert!(!html.contains("[report]"), "no literal brackets");
    let md = render_one(&report, Format::Markdown);
    let md_links = support::links(&commonmark_to_html(&md));
    assert!(
        md_links
            .iter()
            .any(|(h, t)| h.as_deref() == Some("https://www.gov.uk/report")
                && t == "Commissioner's report"),
        "{md}"
    );
}

/// Defect 7: A `#` heading inside a prose field sits below the part's `<h2>`.
#[test]
fn d07_prose_headings_are_shifted_down() {
    let c = Council::new();
    let yaml = with_field(
        &bundled(SEED),
        "summary",
        "# Purpose\n\nTo outline.\n\n## Detail\n\nMore.",
    );
    let report = c.report("headings", &yaml);
    let html = render_one(&report, Format::Html);
    let names = element_names(&html);
    assert_eq!(
        names.iter().filter(|n| *n == "h1").count(),
        1,
        "only the title"
    );
    // The outline never skips a level.
    let mut last = 1;
    for n in names
        .iter()
        .filter_map(|n| n.strip_prefix('h')?.parse::<u8>().ok())
    {
        assert!(n <= last + 1, "h{n} after h{last}");
        last = n;
    }
    assert!(
        html.contains("<h3>Purpose</h3>") && html.contains("<h4>Detail</h4>"),
        "{html}"
    );
}

fn mode_of(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Defect 9: Outputs and ejected templates are 0644 under umask 022 (and follow
/// the umask).
#[test]
fn d09_outputs_get_the_usual_mode() {
    let c = Council::new();
    let report = c.report(SEED, &bundled(SEED));
    let bin = assert_cmd::cargo::cargo_bin("papers");
    for (umask, want) in [("022", 0o644), ("027", 0o640)] {
        let out = c.path().join(format!("out-{umask}"));
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" render --to md,html \"$1\" --out \"$2\""
            ))
            .arg(&bin)
            .arg(&report)
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            mode_of(&out.join(format!("{SEED}.md"))),
            want,
            "umask {umask}"
        );
        assert_eq!(
            mode_of(&out.join(format!("{SEED}.html"))),
            want,
            "umask {umask}"
        );
        let ejected = out.join("templates/report.html.tera");
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" templates eject \"$1\""
            ))
            .arg(&bin)
            .arg(out.join("templates"))
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(mode_of(&ejected), want, "umask {umask}");
    }
}

/// Defect 10: Two reports with the same file stem are refused, naming both, and
/// nothing is written.
#[test]
fn d10_same_stem_twice_is_refused() {
    let c = Council::new();
    let a = c.report(SEED, &bundled(SEED));
    std::fs::create_dir_all(c.path().join("reports/other")).unwrap();
    let b = c.path().join(format!("reports/other/{SEED}.yaml"));
    std::fs::write(&b, bundled(SEED)).unwrap();
    let out = papers()
        .args(["render", "--to", "md"])
        .arg(&a)
        .arg(&b)
        .arg("--out")
        .arg(c.out())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(
        diagnostics_in(&out.stderr, c.path()),
        [format!(
            "<dir>/reports/other/{SEED}.yaml: error[P111] `<dir>/reports/{SEED}.yaml` and \
             `<dir>/reports/other/{SEED}.yaml` have the same name: both would be written to `{SEED}.*`"
        )]
    );
    assert!(!c.out().exists(), "nothing written");
    // The same file named twice is not a clash.
    papers()
        .args(["render", "--to", "md"])
        .arg(&a)
        .arg(&a)
        .arg("--out")
        .arg(c.out())
        .assert()
        .success();
}

/// Defect 11: When one format cannot be written, no format of that report is:
/// the old files stay as they were, together.
#[test]
fn d11_all_formats_or_none() {
    let c = Council::new();
    let report = c.report(SEED, &bundled(SEED));
    let out = c.out();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(format!("{SEED}.md")), "old md").unwrap();
    // The HTML's name is taken by a folder: that write must fail.
    std::fs::create_dir(out.join(format!("{SEED}.html"))).unwrap();
    let result = papers()
        .args(["render", "--to", "md,html"])
        .arg(&report)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let err = stderr_of(&result);
    assert_eq!(result.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("{SEED}.html")) && err.contains("is a folder"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join(format!("{SEED}.md"))).unwrap(),
        "old md"
    );
    assert_eq!(
        files_in(&out),
        vec![format!("{SEED}.md")],
        "no temporary files"
    );
}

/// Defect 13: A missing report is that error alone.
#[test]
fn d13_missing_report_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere/report.yaml");
    let out = papers()
        .arg("render")
        .arg(&missing)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(
        diagnostics_in(&out.stderr, dir.path()),
        ["<dir>/nowhere/report.yaml: error[P100] file not found"]
    );
}

/// Defect 14: Unusual but valid Markdown gives valid HTML: no `rel` without
/// `href`, link targets percent-encoded. (The W3C validator runs over a
/// wide generated set in `.ci/run`.)
#[test]
fn d14_links_are_valid_html() {
    let c = Council::new();
    let body = "## Background\n\n<a name=\"top\">An anchor</a> and <a>bare</a>.\n\n[spaces](<a file.pdf>), [backslash](a\\\\b), [percent](100%), [hash](#a#b), [query](?q=a b).\n";
    let report = c.report("links", &with_body(&bundled(SEED), body));
    let html = render_one(&report, Format::Html);
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("a").unwrap();
    for a in doc.select(&sel) {
        let v = a.value();
        assert!(
            v.attr("rel").is_none() || v.attr("href").is_some(),
            "{:?}",
            v
        );
        if let Some(href) = v.attr("href") {
            assert!(
                !href.contains(' ') && !href.contains('\\'),
                "unencoded href {href:?}"
            );
            let bad_percent = href.match_indices('%').any(|(i, _)| {
                !href[i + 1..].chars().take(2).all(|c| c.is_ascii_hexdigit()) || href.len() < i + 3
            });
            assert!(!bad_percent, "bad escape in {href:?}");
        }
    }
    assert!(html.contains("href=\"a%20file.pdf\""), "{html}");
    assert!(html.contains("href=\"100%25\""), "{html}");
    assert!(html.contains("href=\"#a%23b\""), "{html}");
}

/// Defect 15: At 320 px, no paragraph is wider than the page: the numbered
/// paragraph's text column may shrink below its content's width (the
/// browser check in `.ci/run` measures the real page).
#[test]
fn d15_paragraph_column_can_shrink() {
    let css = std::fs::read_to_string(root().join("templates/style.css")).unwrap();
    assert!(
        css.contains("grid-template-columns: 3.5rem minmax(0, 1fr)"),
        "{css}"
    );
    let c = Council::new();
    let report = c.report("wide", &bundled(PROGRESS));
    let html = render_one(&report, Format::Html);
    // Every table is inside a region that scrolls on its own.
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("table").unwrap();
    for table in doc.select(&sel) {
        if table
            .value()
            .classes()
            .any(|c| c == "report-header" || c == "answers")
        {
            continue;
        }
        let parent = table.parent().and_then(scraper::ElementRef::wrap).unwrap();
        assert!(
            parent.value().classes().any(|c| c == "table-wrap"),
            "{:?}",
            table.value()
        );
    }
}
