//! Statutory rules: key decisions and the forward plan (P201, P202), exempt
//! information under the council's schedule (P203), and the finance and legal
//! clearances a decision needs (P204, P205).

use super::locate::at;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::report::UrgencyRoute;
use crate::model::{Council, Report};

pub fn check(report: &Report, council: &Council, out: &mut Vec<Diagnostic>) {
    key_decision(report, out);

    // The paragraphs are those of the council's law (`jurisdiction:`).
    for d in council
        .jurisdiction
        .check_paragraphs(&report.exempt.paragraphs)
    {
        out.push(at(d, report.positions.get("exempt")));
    }

    clearances(report, council, out);
}

/// A key decision needs 28 clear days' notice on the forward plan, or one
/// of the two urgency routes with its reason (2012 Regulations, regs 9-11).
fn key_decision(report: &Report, out: &mut Vec<Diagnostic>) {
    if !report.key_decision || report.forward_plan {
        return;
    }
    match &report.urgency {
        None => out.push(at(
            Diagnostic::error(Code::P201, "a key decision that is not on the forward plan, and no urgency route is given")
                .with_hint("key decisions need 28 clear days' notice on the forward plan; otherwise add `urgency: { route: general_exception, reason: ... }` (or special_urgency) and say why the decision cannot wait"),
            report.positions.get("key_decision"),
        )),
        Some(u) if u.reason.as_deref().is_none_or(|r| r.trim().is_empty()) => out.push(at(
            Diagnostic::error(Code::P202, format!(
                "the urgency route `{}` is given without a reason",
                u.route.as_str()
            ))
            .with_hint(match u.route {
                UrgencyRoute::GeneralException => "add `reason:`: why the decision could not wait for the forward plan (regulation 10 notice says so publicly)",
                UrgencyRoute::SpecialUrgency => "add `reason:`: why the decision is urgent and cannot reasonably be deferred, as agreed by the chair of scrutiny (regulation 11)",
            }),
            report.positions.get("urgency").or(report.positions.get("key_decision")),
        )),
        Some(_) => {}
    }
}

fn clearances(report: &Report, council: &Council, out: &mut Vec<Diagnostic>) {
    let decision = report.recommendations.iter().find(|r| asks_for_decision(r));
    let c = &report.consultations;
    for (reference, clearance, field, who) in [
        (
            &c.finance_clearance,
            &council.clearances.finance,
            "finance_clearance",
            "finance",
        ),
        (
            &c.legal_clearance,
            &council.clearances.legal,
            "legal_clearance",
            "legal",
        ),
    ] {
        match reference {
            Some(r) if !is_reference(r, &clearance.prefix) => out.push(at(
                Diagnostic::error(Code::P205, format!(
                    "`consultations.{field}` should look like `{}. 1234`, found `{r}`",
                    clearance.prefix
                ))
                .with_hint(format!(
                    "copy the reference {} gave when clearing the report",
                    clearance.officer
                )),
                report.positions.get("consultations"),
            )),
            None if decision.is_some() => out.push(at(
                Diagnostic::error(Code::P204, format!(
                    "a recommendation asks for a decision, but there is no {who} clearance (`consultations.{field}`)"
                ))
                .with_hint(format!(
                    "a decision needs clearance from {} ({}. 1234) before the report is published; the recommendation is: {}",
                    clearance.officer,
                    clearance.prefix,
                    shorten(decision.map(String::as_str).unwrap_or_default())
                )),
                report.positions.get("consultations"),
            )),
            None if c.internal.is_none() => out.push(at(
                Diagnostic::error(Code::P204, format!("`consultations.{field}` is missing"))
                    .with_hint(format!(
                        "give the clearance reference from {} ({}. 1234), or write `consultations.internal` in full",
                        clearance.officer, clearance.prefix
                    )),
                report.positions.get("consultations"),
            )),
            _ => {}
        }
    }
}

fn shorten(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        format!("{}…", one_line.chars().take(79).collect::<String>())
    } else {
        one_line
    }
}

/// Whether a recommendation asks the committee to decide something, rather
/// than only to note, comment on, receive or scrutinise a report.
///
/// "To note the report", "That the Committee notes ...", "Members are asked
/// to comment on ..." are not decisions; "That the charge is set at £58",
/// "To approve ...", "Cabinet agrees ..." are.
pub fn asks_for_decision(recommendation: &str) -> bool {
    const NOTING: &[&str] = &[
        "note",
        "notes",
        "noted",
        "noting",
        "comment",
        "comments",
        "commented",
        "receive",
        "receives",
        "received",
        "scrutinise",
        "scrutinises",
        "scrutinize",
        "acknowledge",
        "acknowledges",
        "consider",
        "considers",
        "review",
        "reviews",
        "discuss",
    ];
    // The words before the verb that only say who is asked.
    const PREAMBLE: &[&str] = &[
        "that",
        "the",
        "this",
        "committee",
        "cabinet",
        "council",
        "board",
        "members",
        "member",
        "panel",
        "sub-committee",
        "is",
        "are",
        "be",
        "asked",
        "requested",
        "recommended",
        "invited",
        "to",
        "and",
        "please",
    ];
    let words: Vec<String> = recommendation
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut verbs = words.iter().skip_while(|w| PREAMBLE.contains(&w.as_str()));
    match verbs.next() {
        None => false,
        Some(first) => !NOTING.contains(&first.as_str()),
    }
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
    use super::{asks_for_decision, is_reference};

    #[test]
    fn clearance_reference_forms() {
        assert!(is_reference("FD. 6993", "FD"));
        assert!(is_reference("FD.6993", "FD"));
        assert!(is_reference("LD 5193", "LD"));
        assert!(!is_reference("LD. 5193", "FD"));
        assert!(!is_reference("FD. ", "FD"));
        assert!(!is_reference("FD. 69a", "FD"));
    }

    #[test]
    fn noting_is_not_a_decision() {
        for text in [
            "To note and comment upon the content of the report.",
            "To note the progress made against the recommendations.",
            "To comment on the recommendations that are overdue.",
            "That the Committee notes the report.",
            "Members are asked to consider the report.",
            "Cabinet is requested to note the update.",
        ] {
            assert!(!asks_for_decision(text), "{text}");
        }
    }

    #[test]
    fn deciding_is_a_decision() {
        for text in [
            "That the annual charge for one garden waste bin is set at £58.",
            "To approve the revised fees and charges.",
            "Cabinet agrees the consultation response.",
            "That the Director is authorised to agree the terms.",
            "Council is recommended to adopt the plan.",
        ] {
            assert!(asks_for_decision(text), "{text}");
        }
    }
}
