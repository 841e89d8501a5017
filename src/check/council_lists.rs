//! The report names things the council defines: its committees, wards and
//! core purposes. A name that is not in `council.yaml` is a typo until proven
//! otherwise.

use super::locate::at;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::decode::did_you_mean;
use crate::model::report::Wards;
use crate::model::{Council, Report};

pub fn check(report: &Report, council: &Council, out: &mut Vec<Diagnostic>) {
    let committees: Vec<&str> = council.committees.iter().map(String::as_str).collect();
    if !committees.is_empty() && !committees.contains(&report.committee.as_str()) {
        out.push(at(
            Diagnostic::error(
                Code::P301,
                format!(
                    "`{}` is not a committee of {}",
                    report.committee, council.name
                ),
            )
            .with_hint(suggest(&report.committee, &committees, "committees")),
            report.positions.get("committee"),
        ));
    }

    if let Wards::Listed(names) = &report.wards {
        let wards: Vec<&str> = council.wards.iter().map(String::as_str).collect();
        for (name, pos) in names {
            if !wards.contains(&name.as_str()) {
                out.push(
                    Diagnostic::error(
                        Code::P302,
                        format!("`{name}` is not a ward of {}", council.name),
                    )
                    .at(pos.line, pos.column)
                    .with_hint(suggest(name, &wards, "wards")),
                );
            }
        }
    }

    let purposes: Vec<&str> = council.core_purposes.iter().map(String::as_str).collect();
    for entry in &report.core_purpose {
        if !purposes.contains(&entry.purpose.as_str()) {
            out.push(
                Diagnostic::error(
                    Code::P303,
                    format!(
                        "`{}` is not one of the council's core purposes",
                        entry.purpose
                    ),
                )
                .at(entry.pos.line, entry.pos.column)
                .with_hint(suggest(&entry.purpose, &purposes, "core purposes")),
            );
        }
    }
    let missing: Vec<&str> = purposes
        .iter()
        .filter(|p| !report.core_purpose.iter().any(|e| e.purpose == **p))
        .copied()
        .collect();
    if !missing.is_empty() {
        out.push(at(
            Diagnostic::error(Code::P303, format!(
                "`core_purpose` is missing {}: {}",
                if missing.len() == 1 { "an entry" } else { "entries" },
                missing.join("; ")
            ))
            .with_hint("give every core purpose in council.yaml an entry: how the report contributes, or N/A"),
            report.positions.get("core_purpose"),
        ));
    }
}

fn suggest(name: &str, candidates: &[&str], what: &str) -> String {
    match did_you_mean(name, candidates) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("the {what} in council.yaml are: {}", candidates.join("; ")),
    }
}
