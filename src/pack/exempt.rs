//! Exempt information (Schedule 12A, Local Government Act 1972): what of a
//! report is exempt, and the notice that stands in for it in public files.

use crate::diagnostics::Diagnostic;
use crate::model::Report;

/// What of one report is exempt.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Exemption {
    /// The whole report.
    pub whole: bool,
    /// Schedule 12A paragraphs.
    pub paragraphs: Vec<u32>,
    /// The appendix numbers that are exempt (when not the whole report).
    pub appendices: Vec<usize>,
    /// The parts as the report names them ("Appendix 2").
    pub parts: Vec<String>,
}

impl Exemption {
    /// Reads `exempt:`; a part that is not one of the report's appendices
    /// is an error, since nothing else can be cut out of a report safely.
    pub fn of(report: &Report) -> Result<Self, Diagnostic> {
        let e = &report.exempt;
        if !e.exempt {
            return Ok(Exemption::default());
        }
        if e.paragraphs.is_empty() {
            return Err(
                Diagnostic::error("an exempt report must name its Schedule 12A paragraph")
                    .with_code("P403")
                    .with_hint("add `paragraphs: [3]` to `exempt`"),
            );
        }
        let mut appendices = Vec::new();
        for part in &e.parts {
            match appendix_number(part) {
                Some(n) if (1..=report.appendices.len()).contains(&n) => appendices.push(n),
                _ => {
                    return Err(Diagnostic::error(format!(
                        "exempt part `{part}` is not one of this report's {} appendices",
                        report.appendices.len()
                    ))
                    .with_code("P403")
                    .with_hint("name exempt appendices as `Appendix 2`; for anything else, make the whole report exempt (leave out `parts`)"));
                }
            }
        }
        Ok(Exemption {
            whole: e.parts.is_empty(),
            paragraphs: e.paragraphs.clone(),
            appendices,
            parts: e.parts.clone(),
        })
    }

    pub fn appendix_exempt(&self, number: usize) -> bool {
        self.whole || self.appendices.contains(&number)
    }

    pub fn is_exempt(&self) -> bool {
        self.whole || !self.appendices.is_empty()
    }

    /// "paragraph 3", "paragraphs 3 and 5".
    pub fn paragraph_words(&self) -> String {
        paragraph_words(&self.paragraphs)
    }
}

/// `Appendix 2` → 2 (any case, optional full stop or colon).
fn appendix_number(part: &str) -> Option<usize> {
    let lower = part.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("appendix")?;
    rest.trim().trim_end_matches(['.', ':']).trim().parse().ok()
}

pub fn paragraph_words(paragraphs: &[u32]) -> String {
    let nums: Vec<String> = paragraphs.iter().map(u32::to_string).collect();
    match nums.as_slice() {
        [] => String::new(),
        [one] => format!("paragraph {one}"),
        [init @ .., last] => format!("paragraphs {} and {last}", init.join(", ")),
    }
}

/// The notice that replaces an exempt report in public files.
pub fn report_notice(paragraphs: &[u32]) -> String {
    format!(
        "This report is not for publication because it contains exempt information under {} of Part 1 of Schedule 12A to the Local Government Act 1972.",
        paragraph_words(paragraphs)
    )
}

/// The notice that replaces an exempt appendix in public files.
pub fn appendix_notice(number: usize, paragraphs: &[u32]) -> String {
    format!(
        "Appendix {number} is not for publication because it contains exempt information under {} of Part 1 of Schedule 12A to the Local Government Act 1972.",
        paragraph_words(paragraphs)
    )
}

/// The mark on every page of the members' supplement.
pub fn supplement_mark(paragraphs: &[u32]) -> String {
    format!(
        "NOT FOR PUBLICATION: exempt information under {} of Part 1 of Schedule 12A to the Local Government Act 1972",
        paragraph_words(paragraphs)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_is_the_statutory_sentence() {
        assert_eq!(
            report_notice(&[3]),
            "This report is not for publication because it contains exempt information under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972."
        );
        assert_eq!(paragraph_words(&[1, 3, 5]), "paragraphs 1, 3 and 5");
    }

    #[test]
    fn parts_name_appendices() {
        assert_eq!(appendix_number("Appendix 2"), Some(2));
        assert_eq!(appendix_number("appendix 12:"), Some(12));
        assert_eq!(appendix_number("Annex A"), None);
    }
}
