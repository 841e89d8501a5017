//! Hostile content: every XSS payload of `tests/fixtures/xss/payloads.txt`
//! goes into every free-text field of a report, its tracker and its council
//! profile at once. The HTML output is parsed (not grepped) for script
//! elements, event handlers and script or data URLs; the Markdown output
//! is first rendered as a CommonMark site would (raw HTML passed through),
//! then checked the same way. None may survive.

use crate::support;

use committee_papers::pipeline::{load_report, render_report};
use committee_papers::render::Format;
use support::{Council, commonmark_to_html, dangers, fetches, quoted, root};

fn payloads() -> Vec<String> {
    std::fs::read_to_string(root().join("tests/fixtures/xss/payloads.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.replace("\\n", "\n"))
        // HOSTILE_ONLY=text keeps the payloads holding `text` (to debug).
        .filter(|p| {
            std::env::var("HOSTILE_ONLY").is_ok_and(|only| p.contains(&only))
                || std::env::var_os("HOSTILE_ONLY").is_none()
        })
        .collect()
}

/// The fields a payload goes into, for the tally.
const FIELDS: &[&str] = &[
    "council.name",
    "council.committees",
    "council.wards",
    "council.core_purposes",
    "subject",
    "report_of",
    "portfolio",
    "summary",
    "recommendations",
    "options",
    "costs.revenue",
    "costs.capital",
    "implications.resources",
    "implications.legal",
    "implications.equality",
    "core_purpose",
    "consultations.internal",
    "consultations.external",
    "implementation_date",
    "contact.name",
    "contact.telephone",
    "appendices",
    "background_papers",
    "body (heading)",
    "body (paragraph)",
    "body (list)",
    "tracker.title",
    "tracker.ref",
    "tracker.action",
    "tracker.owner",
    "tracker.update",
    "tracker.evidence",
];

fn council_yaml(p: &str) -> String {
    let q = quoted(p);
    let bundled = std::fs::read_to_string(root().join("reports/council.yaml")).unwrap();
    let bundled = bundled.replacen("name: Sefton Council", &format!("name: {q}"), 1);
    let bundled = bundled.replacen("core_purposes:\n", &format!("core_purposes:\n  - {q}\n"), 1);
    let bundled = bundled.replacen("wards:\n", &format!("wards:\n  - {q}\n"), 1);
    bundled.replacen("committees:\n", &format!("committees:\n  - {q}\n"), 1)
}

fn report_yaml(p: &str, email: &str) -> String {
    let q = quoted(p);
    // The tracker first: an HTML block (`<script>` ...) runs on to its
    // closing tag and would swallow the marker.
    let body = format!(
        "{{{{ progress }}}}\n\n## Heading {heading}\n\n{p}\n\n- {p}\n\nA paragraph.\n",
        heading = p.replace('\n', " ")
    );
    format!(
        r#"committee: {q}
meeting_date: 2023-03-14
subject: {q}
report_of: {q}
wards: [{q}]
portfolio: {q}
key_decision: No
forward_plan: No
exempt: No
summary: {q}
recommendations: [{q}, {q}]
options: {q}
costs:
  revenue: {q}
  capital: {q}
implications:
  resources: {q}
  legal: {q}
  equality: {q}
climate:
  positive: Yes
  neutral: N/A
  negative: No
  training: Yes
core_purpose:
  {q}: {q}
  Protect the most vulnerable: {q}
  Facilitate confident and resilient communities: N/A
  Commission, broker and provide core services: N/A
  Place – leadership and influencer: N/A
  Drivers of change and reform: N/A
  Facilitate sustainable economic prosperity: N/A
  Greater income for social investment: N/A
  Cleaner Greener: N/A
consultations:
  finance_clearance: FD. 6993
  legal_clearance: LD. 5193
  internal: {q}
  external: {q}
implementation_date: {q}
contact:
  name: {q}
  telephone: {q}
  email: {email}
appendices: [{q}, {q}]
background_papers: [{q}]
progress: [progress/hostile.yaml]
body: {body}
"#,
        email = quoted(email),
        body = quoted(&body),
    )
}

fn tracker_yaml(p: &str) -> String {
    let q = quoted(p);
    format!(
        r#"title: {q}
as_at: 2023-02-28
items:
  - ref: {q}
    action: {q}
    owner: {q}
    due: 2023-01-31
    status: off track
    update: {q}
    evidence: {q}
  - ref: R2
    action: {q}
    owner: Chief Executive
    due: 2023-06-30
    status: on track
    update: {q}
"#
    )
}

/// Renders one payload everywhere; returns what survived, per format.
fn render_with(p: &str, email: &str) -> Result<Vec<String>, String> {
    let c = Council::new();
    std::fs::write(c.path().join("council.yaml"), council_yaml(p)).unwrap();
    std::fs::write(
        c.path().join("reports/progress/hostile.yaml"),
        tracker_yaml(p),
    )
    .unwrap();
    let path = c.report("hostile", &report_yaml(p, email));
    let loaded = load_report(&path).map_err(|e| format!("{e:?}"))?;
    let out =
        render_report(&loaded, &[Format::Markdown, Format::Html]).map_err(|e| format!("{e:?}"))?;
    let md = String::from_utf8(out.get(Format::Markdown).unwrap().to_vec()).unwrap();
    if std::env::var_os("HOSTILE_DUMP").is_some() {
        std::fs::write("/tmp/hostile.md", &md).unwrap();
    }
    let html = String::from_utf8(out.get(Format::Html).unwrap().to_vec()).unwrap();
    let mut survived: Vec<String> = dangers(&html)
        .into_iter()
        .map(|d| format!("html: {d}"))
        .collect();
    survived.extend(
        fetches(&html)
            .into_iter()
            .map(|d| format!("html fetch: {d}")),
    );
    survived.extend(
        dangers(&commonmark_to_html(&md))
            .into_iter()
            .map(|d| format!("md: {d}")),
    );
    Ok(survived)
}

#[test]
fn no_payload_survives_in_any_field() {
    let payloads = payloads();
    if std::env::var_os("HOSTILE_ONLY").is_none() {
        assert!(payloads.len() >= 80, "{} payloads", payloads.len());
    }
    let mut failures = Vec::new();
    for p in &payloads {
        match render_with(p, "martin.birch@sefton.gov.uk") {
            Ok(survived) if survived.is_empty() => {}
            Ok(survived) => failures.push(format!("{p:?}: {survived:?}")),
            Err(e) => failures.push(format!("{p:?} was not rendered: {e}")),
        }
    }
    eprintln!(
        "{} payloads x {} fields: {} survived",
        payloads.len(),
        FIELDS.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The email address is printed as a link, so it is checked instead: a
/// payload there is refused with a diagnostic, or is harmless.
#[test]
fn a_payload_as_the_email_address_is_refused() {
    for p in payloads() {
        let email = format!("a@b.org{p}");
        match render_with("Plain text", &email) {
            Err(e) => assert!(e.contains("contact.email"), "{p:?}: {e}"),
            Ok(survived) => assert!(survived.is_empty(), "{p:?}: {survived:?}"),
        }
    }
}

/// The payloads themselves are dangerous when rendered raw: the checks
/// can fail.
#[test]
fn the_checks_catch_the_payloads_when_unescaped() {
    let payloads = payloads();
    let caught = payloads
        .iter()
        .filter(|p| !dangers(&commonmark_to_html(p)).is_empty() || !dangers(p).is_empty())
        .count();
    assert!(
        caught * 10 >= payloads.len() * 7,
        "only {caught} of {} payloads are live when unescaped",
        payloads.len()
    );
}

/// A field that is safe alone can change meaning where a template puts
/// it: a code block after a label, the tenth item of a list (its text one
/// column further in), an indented code block folded into a table cell.
/// None of them brings raw HTML back to life.
#[test]
fn placement_does_not_revive_html() {
    let c = Council::new();
    let code = "```\n<script>alert(1)</script>\n```";
    let recs: Vec<String> = (0..12).map(|_| quoted(code)).collect();
    let yaml = support::bundled(support::PROGRESS)
        .replacen(
            "recommendations:\n",
            &format!(
                "recommendations: [{}]\nx_recommendations:\n",
                recs.join(", ")
            ),
            1,
        )
        .replacen(
            "  Facilitate sustainable economic prosperity: N/A",
            &format!(
                "  Facilitate sustainable economic prosperity: {}",
                quoted(code)
            ),
            1,
        );
    // Drop the old list that followed.
    let mut lines = yaml.lines().peekable();
    let mut out = String::new();
    while let Some(l) = lines.next() {
        if l == "x_recommendations:" {
            while lines.peek().is_some_and(|n| n.starts_with("  - ")) {
                lines.next();
            }
            continue;
        }
        out.push_str(l);
        out.push('\n');
    }
    let tracker = c
        .path()
        .join("reports/progress/commissioner-recommendations-2023-02.yaml");
    let text = std::fs::read_to_string(&tracker).unwrap().replacen(
        "    update: |\n",
        "    update: |\n      Folded:\n\n          <script>alert(1)</script>\n\n",
        1,
    );
    std::fs::write(&tracker, text).unwrap();
    let path = c.report("placement", &out);
    let loaded = load_report(&path).unwrap_or_else(|e| panic!("{e:?}"));
    let rendered = render_report(&loaded, &[Format::Markdown]).unwrap();
    let md = String::from_utf8(rendered.outputs[0].1.clone()).unwrap();
    let html = commonmark_to_html(&md);
    assert_eq!(dangers(&html), Vec::<String>::new(), "{md}");
    // The code blocks are still code blocks: twelve recommendations and a
    // core purpose, each showing the text in <code>.
    assert_eq!(
        html.matches("<code>&lt;script&gt;alert(1)&lt;/script&gt;")
            .count(),
        13,
        "{md}"
    );
}
