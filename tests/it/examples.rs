//! The second house style: a council whose `templates/` replaces only the
//! header, in every format.

use crate::support;

use committee_papers::diagnostics::Code;
use committee_papers::pipeline::{load_report, render_report};
use committee_papers::render::Format;

const REPORT: &str = "examples/second-house-style/2024-06-18-garden-waste-charging.yaml";

#[test]
fn the_council_header_replaces_the_default_in_every_format() {
    let loaded = load_report(&support::root().join(REPORT)).unwrap_or_else(|e| panic!("{e:?}"));
    // The one finding `papers check` has always given this example: its
    // Appendix B is listed and never mentioned (a warning; it renders).
    let codes: Vec<_> = loaded
        .findings
        .iter()
        .map(|d| (d.code, d.location.map(|l| l.line)))
        .collect();
    assert_eq!(codes, [(Code::P308, Some(62))], "{:?}", loaded.findings);
    let out = render_report(&loaded, &Format::ALL).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);

    let md = String::from_utf8(out.get(Format::Markdown).unwrap().to_vec()).unwrap();
    assert!(md.contains("| Decision-maker | Cabinet |"));
    assert!(md.contains("| Key decision | Yes (in the Forward Plan: Yes) |"));
    assert!(
        !md.contains("| Report to: |"),
        "the default header is replaced"
    );
    assert!(
        md.contains("## Summary"),
        "the other parts are the built-in ones"
    );
    assert!(md.contains("**1.2** The cost of the service has risen since then:\n\n| Cost |"));

    let html = String::from_utf8(out.get(Format::Html).unwrap().to_vec()).unwrap();
    assert!(html.contains("<caption>Decision summary</caption>"));
    assert!(html.contains("<th scope=\"row\">Open to the public</th><td>Yes</td>"));

    let pdf = support::pdf_text(out.get(Format::Pdf).unwrap());
    assert!(pdf.contains("Decision-maker Cabinet"), "{pdf}");
    assert!(pdf.contains("Ashdown District Council"));
    assert!(!pdf.contains("Report to:"));
}
