//! Content rules on the typed report: recommendations (P306) and the
//! contact officer's email (P304).

use super::locate::at;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Report;

pub fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    // An empty list is refused while decoding; this is the field left out.
    if report.recommendations.is_empty() {
        out.push(
            Diagnostic::error(Code::P306, "the report makes no recommendations").with_hint(
                "add `recommendations:` with at least one, e.g. '- To note the report.'",
            ),
        );
    }
    if !is_email(&report.contact.email) {
        out.push(at(
            Diagnostic::error(
                Code::P304,
                format!(
                    "`contact.email` is not an email address: `{}`",
                    report.contact.email
                ),
            )
            .with_hint(
                "write the contact officer's address, e.g. firstname.lastname@council.gov.uk",
            ),
            report.positions.get("contact"),
        ));
    }
}

/// An address a reader can write to: one `@`, a local part of letters,
/// digits and `.-_+'` without empty dot-separated parts, and a domain of at
/// least two labels (letters, digits, inner hyphens) ending in a top-level
/// domain of two or more letters. It is printed as a link, so nothing that
/// could break out of one (spaces, angle brackets, quotes) passes.
pub fn is_email(text: &str) -> bool {
    let mut parts = text.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.chars().count() <= 64
        && local.split('.').all(|p| !p.is_empty())
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "-_+'".contains(c) || c == '.');
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn valid_addresses() {
        for a in [
            "martin.birch@sefton.gov.uk",
            "o'neill@council.gov.uk",
            "a+b@x.org",
            "democratic-services@east-suffolk.gov.uk",
        ] {
            assert!(is_email(a), "{a}");
        }
    }

    #[test]
    fn invalid_addresses() {
        for a in [
            "a@b@c.d",
            "martin.birch",
            "a@b.com> <script",
            "a b@c.com",
            "@council.gov.uk",
            "a@.gov.uk",
            "a@council..gov.uk",
            "a@council.gov.",
            "a.@council.gov.uk",
            "a..b@council.gov.uk",
            "a@localhost",
            "a@council.gov.u",
            "a@-council.gov.uk",
            "a@council.gov.123",
            "",
        ] {
            assert!(!is_email(a), "{a}");
        }
    }
}
