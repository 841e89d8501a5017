//! Statutory rules: key decisions and the forward plan, exempt information
//! (Schedule 12A), and the finance and legal clearances every report needs.

use super::at;
use crate::diagnostics::Diagnostic;
use crate::model::{Council, Report};

pub fn check(report: &Report, council: &Council, out: &mut Vec<Diagnostic>) {
    if report.key_decision && !report.forward_plan {
        out.push(at(
            Diagnostic::warning("a key decision that is not in the forward plan")
                .with_hint("key decisions need 28 days' notice in the forward plan, or the general exception or special urgency procedure: say which in the report"),
            report.positions.key_decision,
        ));
    }

    for &p in &report.exempt.paragraphs {
        if !(1..=7).contains(&p) {
            out.push(at(
                Diagnostic::error(format!("Schedule 12A has no paragraph {p}"))
                    .with_hint("exempt information falls under paragraphs 1 to 7 of Schedule 12A to the Local Government Act 1972"),
                report.positions.exempt,
            ));
        }
    }

    if !is_email(&report.contact.email) {
        out.push(at(
            Diagnostic::error(format!(
                "`contact.email` is not an email address: `{}`",
                report.contact.email
            ))
            .with_hint(
                "write the contact officer's address, e.g. firstname.lastname@council.gov.uk",
            ),
            report.positions.contact,
        ));
    }

    let c = &report.consultations;
    for (reference, clearance, field) in [
        (
            &c.finance_clearance,
            &council.clearances.finance,
            "finance_clearance",
        ),
        (
            &c.legal_clearance,
            &council.clearances.legal,
            "legal_clearance",
        ),
    ] {
        match reference {
            Some(r) if !is_reference(r, &clearance.prefix) => out.push(at(
                Diagnostic::error(format!(
                    "`consultations.{field}` should look like `{}. 1234`, found `{r}`",
                    clearance.prefix
                ))
                .with_hint(format!(
                    "copy the reference {} gave when clearing the report",
                    clearance.officer
                )),
                report.positions.consultations,
            )),
            None if c.internal.is_none() => out.push(at(
                Diagnostic::error(format!("`consultations.{field}` is missing"))
                    .with_hint(format!(
                        "give the clearance reference from {} ({}. 1234), or write `consultations.internal` in full",
                        clearance.officer, clearance.prefix
                    )),
                report.positions.consultations,
            )),
            _ => {}
        }
    }
}

/// A plausible address: it is printed as a link, so nothing that could
/// break out of one (spaces, angle brackets, quotes).
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || ".-_+'@".contains(c))
}

/// `FD. 6993`, `FD.6993` or `FD 6993`.
fn is_reference(text: &str, prefix: &str) -> bool {
    let Some(rest) = text.trim().strip_prefix(prefix) else {
        return false;
    };
    let digits = rest.trim_start_matches('.').trim_start();
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::is_reference;

    #[test]
    fn email_forms() {
        assert!(super::is_email("martin.birch@sefton.gov.uk"));
        assert!(!super::is_email("martin.birch"));
        assert!(!super::is_email("a@b.com> <script"));
        assert!(!super::is_email("a b@c.com"));
    }

    #[test]
    fn clearance_reference_forms() {
        assert!(is_reference("FD. 6993", "FD"));
        assert!(is_reference("FD.6993", "FD"));
        assert!(is_reference("LD 5193", "LD"));
        assert!(!is_reference("LD. 5193", "FD"));
        assert!(!is_reference("FD. ", "FD"));
        assert!(!is_reference("FD. 69a", "FD"));
    }
}
