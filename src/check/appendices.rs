//! Appendices named in a report's text, for P307 and P308: "Appendix 3",
//! "appendix C", "Appendices A and B", "Appendices 1, 2 and 4", "Appendices
//! 1 to 3"; and the label that opens an `appendices` entry ("Appendix B:
//! ...").
//!
//! A scanner, not regular expressions compiled in every process (issue
//! 18). It matches what these patterns did (ASCII `\b`, `\d` and case,
//! Unicode `\s`; the tests keep them as the oracle):
//!
//! mention: `(?i:\bappendix)\s+(\d{1,2}|[A-Z])\b`
//!        | `(?i:\bappendices)\s+((?:\d{1,2}|[A-Z])(?:\s*(?:,|and|&|to|-|–)\s*(?:\d{1,2}|[A-Z]))*)\b`
//! label:   `^\s*(?i:appendix)\s+(\d{1,2}|[A-Z])\b`

use std::ops::Range;

use super::dates::{boundary, run, spaces, words};

/// What a mention names: one appendix, or a list ("A and B", "1 to 3").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mention<'a> {
    One(&'a str),
    List(&'a str),
}

/// Every appendix mention in `text`, in order, not overlapping.
pub fn mentions(text: &str) -> impl Iterator<Item = (Range<usize>, Mention<'_>)> {
    words(text, |start| {
        let (end, mention) = one(text, start).or_else(|| list(text, start))?;
        Some((end, (start..end, mention)))
    })
}

/// The appendix an entry's text is labelled as: "B" of "Appendix B: ...".
pub fn label(text: &str) -> Option<&str> {
    let start = text.len() - text.trim_start().len();
    let at = keyword(text, start, "appendix")?;
    let (id, end) = id(text, spaces(text, at)?)?;
    boundary(text.as_bytes(), end).then_some(id)
}

/// `word` (any ASCII case) at `at`: the position after it.
fn keyword(text: &str, at: usize, word: &str) -> Option<usize> {
    let end = at + word.len();
    text.as_bytes()
        .get(at..end)
        .is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes()))
        .then_some(end)
}

/// `(\d{1,2}|[A-Z])` at `at`, where what follows must not be a digit of
/// the same number: a number is the whole run of its digits.
fn id(text: &str, at: usize) -> Option<(&str, usize)> {
    let b = text.as_bytes();
    let end = run(b, at, u8::is_ascii_digit);
    match end - at {
        1 | 2 => Some((&text[at..end], end)),
        0 if b.get(at).is_some_and(u8::is_ascii_uppercase) => Some((&text[at..at + 1], at + 1)),
        _ => None,
    }
}

/// "Appendix 3" at `start`, to its end.
fn one(text: &str, start: usize) -> Option<(usize, Mention<'_>)> {
    let at = keyword(text, start, "appendix")?;
    let (id, end) = id(text, spaces(text, at)?)?;
    boundary(text.as_bytes(), end).then_some((end, Mention::One(id)))
}

/// "Appendices 1, 2 and 4" at `start`, to its end: the most items after
/// which a word ends.
fn list(text: &str, start: usize) -> Option<(usize, Mention<'_>)> {
    let at = keyword(text, start, "appendices")?;
    let first = spaces(text, at)?;
    let (_, mut end) = id(text, first)?;
    let mut ends = vec![end];
    while let Some(next) = separator(text, end).and_then(|at| id(text, at)) {
        end = next.1;
        ends.push(end);
    }
    let end = ends
        .into_iter()
        .rev()
        .find(|&e| boundary(text.as_bytes(), e))?;
    Some((end, Mention::List(&text[first..end])))
}

/// `\s*(?:,|and|&|to|-|–)\s*` at `at`: the position after it.
fn separator(text: &str, at: usize) -> Option<usize> {
    let at = spaces(text, at).unwrap_or(at);
    let rest = &text[at..];
    let sep = [",", "and", "&", "to", "-", "–"]
        .into_iter()
        .find(|s| rest.starts_with(s))?;
    let at = at + sep.len();
    Some(spaces(text, at).unwrap_or(at))
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use regex::Regex;

    use super::*;

    /// The patterns the rules used before this scanner (2026-12-02).
    static APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:(?i:\bappendix)(?u:\s)+(\d{1,2}|[A-Z])\b|(?i:\bappendices)(?u:\s)+((?:\d{1,2}|[A-Z])(?:(?u:\s)*(?:,|and|&|to|-|(?u:–))(?u:\s)*(?:\d{1,2}|[A-Z]))*)\b)")
            .unwrap()
    });
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:^(?u:\s)*(?i:appendix)(?u:\s)+(\d{1,2}|[A-Z])\b)").unwrap()
    });

    fn oracle(text: &str) -> Vec<(Range<usize>, Mention<'_>)> {
        APPENDIX
            .captures_iter(text)
            .map(|c| {
                let m = match (c.get(1), c.get(2)) {
                    (Some(one), _) => Mention::One(one.as_str()),
                    (_, Some(list)) => Mention::List(list.as_str()),
                    _ => unreachable!(),
                };
                (c.get(0).unwrap().range(), m)
            })
            .collect()
    }

    fn same_as_oracle(text: &str) -> usize {
        let found: Vec<_> = mentions(text).collect();
        assert_eq!(found, oracle(text), "mentions in {text:?}");
        assert_eq!(
            label(text),
            LABEL.captures(text).map(|c| c.get(1).unwrap().as_str()),
            "label of {text:?}"
        );
        found.len()
    }

    fn names(text: &str) -> Vec<Mention<'_>> {
        mentions(text).map(|(_, m)| m).collect()
    }

    #[test]
    fn the_forms_of_a_mention() {
        assert_eq!(
            names("see Appendix 3, appendix C and APPENDICES A and B; Appendices 1, 2 and 4"),
            [
                Mention::One("3"),
                Mention::One("C"),
                Mention::List("A and B"),
                Mention::List("1, 2 and 4")
            ]
        );
        assert_eq!(
            names("Appendices 1 to 3, Appendices A-C and Appendices 1 – 2 & 5"),
            [
                Mention::List("1 to 3"),
                Mention::List("A-C"),
                Mention::List("1 – 2 & 5")
            ]
        );
        // A list stops where a word would go on.
        assert_eq!(
            names("Appendices A and Bob; Appendices 1 and 234; Appendices A andrew"),
            [Mention::List("A"), Mention::List("1"), Mention::List("A")]
        );
        assert!(names("Appendix 123, appendix c, xAppendix 1, Appendix A1").is_empty());
        assert_eq!(label("  Appendix B: the plans"), Some("B"));
        assert_eq!(label("The plans (Appendix B)"), None);
        for text in [
            "see Appendix 3, appendix C and APPENDICES A and B; Appendices 1, 2 and 4",
            "Appendices A and Bob; Appendices 1 and 234; Appendices A andrew",
        ] {
            same_as_oracle(text);
        }
    }

    #[test]
    fn the_shipped_texts_as_before() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("reports"), root.join("examples")];
        let mut found = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    found += same_as_oracle(&text);
                    for line in text.lines() {
                        same_as_oracle(line.trim_start_matches(['-', ' ']));
                    }
                }
            }
        }
        assert!(found > 5, "only {found} mentions in the shipped texts");
    }

    #[test]
    fn generated_texts_as_before() {
        const PIECES: &[&str] = &[
            "Appendix",
            "appendix",
            "APPENDIX",
            "Appendices",
            "appendices",
            "Appendixes",
            "xAppendix",
            "Appendix_",
            "1",
            "2",
            "12",
            "123",
            "A",
            "B",
            "Z",
            "a",
            "AB",
            "A1",
            "and",
            "AND",
            "andrew",
            "&",
            "to",
            "TO",
            "-",
            "–",
            "—",
            ",",
            ".",
            ":",
            "_",
            "é",
            "see",
            "(",
            ")",
        ];
        const GAPS: &[&str] = &[
            " ", " ", " ", "", "", "", "  ", "\n", "\n  ", "\t", "\u{a0}", "\u{2003}", "\u{85}",
            "\u{200b}", ", ",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut found = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + next(10) {
                text.push_str(PIECES[next(PIECES.len())]);
                text.push_str(GAPS[next(GAPS.len())]);
            }
            found += same_as_oracle(&text);
        }
        // Built as mentions, so that most of them match.
        for _ in 0..20_000 {
            let mut text = String::from(GAPS[next(GAPS.len())]);
            text.push_str(["Appendix", "Appendices", "appendices", "APPENDIX"][next(4)]);
            text.push_str(GAPS[next(3)]);
            for i in 0..1 + next(5) {
                if i > 0 {
                    text.push_str(GAPS[next(GAPS.len())]);
                    text.push_str([",", "and", "&", "to", "-", "–", "or", "AND"][next(8)]);
                    text.push_str(GAPS[next(GAPS.len())]);
                }
                text.push_str(["1", "2", "12", "123", "A", "B", "AB", "a", "C1"][next(9)]);
            }
            text.push_str([" ", "", ".", "x", "_", "é", ": title", "3"][next(8)]);
            found += same_as_oracle(&text);
        }
        assert!(
            found > 10_000,
            "only {found} mentions: the texts miss the patterns"
        );
    }
}
