//! Exempt information (Schedule 12A to the Local Government Act 1972, or
//! Schedule 7A to the Local Government (Scotland) Act 1973): what of a
//! report is exempt, and the notice that stands in for it in public files,
//! in the words of the council's law.

use crate::diagnostics::{Code, Diagnostic};
use crate::law::{Law, ParagraphId};
use crate::model::Report;

/// What of one report is exempt.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Exemption {
    /// The whole report.
    pub whole: bool,
    /// The schedule's paragraphs.
    pub paragraphs: Vec<ParagraphId>,
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
            return Err(Diagnostic::error(
                Code::P403,
                "an exempt report must name its Schedule 12A paragraph",
            )
            .with_hint("add `paragraphs: [3]` to `exempt`"));
        }
        let mut appendices = Vec::new();
        for part in &e.parts {
            match appendix_number(part) {
                Some(n) if (1..=report.appendices.len()).contains(&n) => appendices.push(n),
                _ => {
                    return Err(Diagnostic::error(Code::P403, format!(
                        "exempt part `{part}` is not one of this report's {} appendices",
                        report.appendices.len()
                    ))
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

pub use crate::law::paragraph_words;

/// The notice that replaces an exempt report in public files.
pub fn report_notice(law: &Law, paragraphs: &[ParagraphId]) -> String {
    format!(
        "This report is not for publication because it contains exempt information under {}.",
        law.citation(paragraphs)
    )
}

/// The notice that replaces an exempt appendix in public files.
pub fn appendix_notice(law: &Law, number: usize, paragraphs: &[ParagraphId]) -> String {
    format!(
        "Appendix {number} is not for publication because it contains exempt information under {}.",
        law.citation(paragraphs)
    )
}

/// The mark on every page of the members' supplement.
pub fn supplement_mark(law: &Law, paragraphs: &[ParagraphId]) -> String {
    format!(
        "NOT FOR PUBLICATION: exempt information under {}",
        law.citation(paragraphs)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::law::Jurisdiction;

    fn ids(list: &[u32]) -> Vec<ParagraphId> {
        list.iter().map(|&n| ParagraphId::new(n)).collect()
    }

    #[test]
    fn the_notice_is_the_statutory_sentence() {
        let england = Jurisdiction::England.law();
        assert_eq!(
            report_notice(england, &ids(&[3])),
            "This report is not for publication because it contains exempt information under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972."
        );
        assert_eq!(paragraph_words(&ids(&[1, 3, 5])), "paragraphs 1, 3 and 5");
    }

    #[test]
    fn the_notice_follows_the_law() {
        assert_eq!(
            appendix_notice(Jurisdiction::Wales.law(), 2, &ids(&[14])),
            "Appendix 2 is not for publication because it contains exempt information under paragraph 14 of Part 4 and paragraph 21 of Part 5 of Schedule 12A to the Local Government Act 1972."
        );
        assert_eq!(
            report_notice(Jurisdiction::Scotland.law(), &ids(&[8])),
            "This report is not for publication because it contains exempt information under paragraph 8 of Part I of Schedule 7A to the Local Government (Scotland) Act 1973."
        );
        assert_eq!(
            supplement_mark(Jurisdiction::Scotland.law(), &ids(&[8, 9])),
            "NOT FOR PUBLICATION: exempt information under paragraphs 8 and 9 of Part I of Schedule 7A to the Local Government (Scotland) Act 1973"
        );
    }

    #[test]
    fn parts_name_appendices() {
        assert_eq!(appendix_number("Appendix 2"), Some(2));
        assert_eq!(appendix_number("appendix 12:"), Some(12));
        assert_eq!(appendix_number("Annex A"), None);
    }
}
