//! Dates written in prose, found in a report's or meeting's text for the
//! source rules (P305 weekday and date, P310 implementation date).
//!
//! "Monday 7 November 2022", "Monday, 7th of November 2022", "Monday
//! November 7, 2022", "Monday 2022-11-07"; without the weekday, "7 November
//! 2022", "7th Nov 2022", "2022-11-07". Words and suffixes in any ASCII case,
//! any Unicode whitespace between the words (a date folded over two lines,
//! or a non-breaking space pasted from Word).

use std::ops::Range;

/// A date as written: its day, month and year as they appear in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written<'a> {
    /// "7 November 2022", "November 7, 2022": the month by name.
    Words {
        day: &'a str,
        month: &'a str,
        year: &'a str,
    },
    /// "2022-11-07".
    Iso {
        year: &'a str,
        month: &'a str,
        day: &'a str,
    },
}

/// A weekday named before a date: "Monday 7 November 2022".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekdayDate<'a> {
    /// The byte range of the whole, weekday to year.
    pub span: Range<usize>,
    pub weekday: &'a str,
    pub date: Written<'a>,
}

/// Every weekday named before a date in `text`, in order, not overlapping.
pub fn weekday_dates(text: &str) -> impl Iterator<Item = WeekdayDate<'_>> {
    words(text, |start| {
        let found = weekday_date_at(text, start)?;
        Some((found.span.end, found))
    })
}

/// Every date written in `text` ("7 November 2022", "2022-11-07"), in
/// order, not overlapping.
pub fn prose_dates(text: &str) -> impl Iterator<Item = (Range<usize>, Written<'_>)> {
    words(text, |start| {
        let (end, date) = day_first(text, start).or_else(|| iso(text, start))?;
        Some((end, (start..end, date)))
    })
}

/// What `at` finds at the start of each word of `text` (`\b\w`), with the
/// end of what it found: the next search starts there, or after the word
/// when it found nothing.
pub(super) fn words<T>(
    text: &str,
    at: impl Fn(usize) -> Option<(usize, T)>,
) -> impl Iterator<Item = T> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !is_word(&b[i]) {
                i += 1;
                continue;
            }
            if let Some((end, found)) = at(i) {
                i = end;
                return Some(found);
            }
            i = run(b, i, is_word);
        }
        None
    })
}

// The scanner below matches what these patterns did (ASCII digits, word
// edges and case, Unicode whitespace; the tests keep them as the oracle),
// without compiling them in every process: they were 5 and 3 million
// instructions, a sixth of a Markdown render of the seed (issue 18).
//
// weekday date: \b(WEEKDAY)\b,?\s+(?:the\s+)?(?:DAY_FIRST|MONTH_FIRST|ISO)\b
// prose date:   \b(?:DAY_FIRST|ISO)\b
// DAY_FIRST:    (\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(MONTH)\.?,?\s+(\d{4})
// MONTH_FIRST:  (MONTH)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})
// ISO:          (\d{4})-(\d{2})-(\d{2})
//
// Each piece is followed by a character that cannot continue it (a word
// by a non-letter, a number by a non-digit), so the patterns never had a
// choice to make: a piece is the whole run of letters or digits, or nothing
// matches here.

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`
const MONTHS: [&str; 25] = [
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "sepember",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

const SUFFIXES: [&str; 4] = ["st", "nd", "rd", "th"];

/// `\w` in ASCII: a byte of a non-ASCII character is not a word byte.
fn is_word(b: &u8) -> bool {
    b.is_ascii_alphanumeric() || *b == b'_'
}

/// `\b` in ASCII at byte `at`.
pub(super) fn boundary(b: &[u8], at: usize) -> bool {
    let before = at > 0 && is_word(&b[at - 1]);
    let after = b.get(at).is_some_and(is_word);
    before != after
}

/// The end of the run of bytes from `at` that satisfy `f`.
pub(super) fn run(b: &[u8], at: usize, f: fn(&u8) -> bool) -> usize {
    at + b[at..].iter().take_while(|c| f(c)).count()
}

/// The ASCII word at `at`, if it is one of `words` (any case).
fn word_in<'a>(text: &'a str, at: usize, words: &[&str]) -> Option<(&'a str, usize)> {
    let end = run(text.as_bytes(), at, u8::is_ascii_alphabetic);
    let word = &text[at..end];
    words
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
        .then_some((word, end))
}

/// `\s+` (Unicode whitespace) from `at`: its end.
pub(super) fn spaces(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(rest.len(), |(i, _)| i);
    (end > 0).then_some(at + end)
}

/// `b` at `at`, if it is there: the position after it.
fn optional(text: &str, at: usize, b: u8) -> usize {
    at + usize::from(text.as_bytes().get(at) == Some(&b))
}

/// `\d{n}` at `at`, followed by no further digit: the digits and their end.
fn digits(text: &str, at: usize, n: std::ops::RangeInclusive<usize>) -> Option<(&str, usize)> {
    let end = run(text.as_bytes(), at, u8::is_ascii_digit);
    n.contains(&(end - at)).then(|| (&text[at..end], end))
}

/// A day `(\d{1,2})(?:st|nd|rd|th)?`: the day and the end of its suffix.
fn day(text: &str, at: usize) -> Option<(&str, usize)> {
    let (day, end) = digits(text, at, 1..=2)?;
    if text
        .as_bytes()
        .get(end)
        .is_some_and(u8::is_ascii_alphabetic)
    {
        let (_, end) = word_in(text, end, &SUFFIXES)?;
        return Some((day, end));
    }
    Some((day, end))
}

/// A year `(\d{4})\b`.
fn year(text: &str, at: usize) -> Option<(&str, usize)> {
    let (year, end) = digits(text, at, 4..=4)?;
    boundary(text.as_bytes(), end).then_some((year, end))
}

/// DAY_FIRST at `at`, to its end.
fn day_first(text: &str, at: usize) -> Option<(usize, Written<'_>)> {
    let (day, at) = day(text, at)?;
    let mut at = spaces(text, at)?;
    if let Some((_, of)) = word_in(text, at, &["of"])
        && let Some(after) = spaces(text, of)
    {
        at = after;
    }
    let (month, at) = word_in(text, at, &MONTHS)?;
    let at = optional(text, optional(text, at, b'.'), b',');
    let (year, end) = year(text, spaces(text, at)?)?;
    Some((end, Written::Words { day, month, year }))
}

/// MONTH_FIRST at `at`, to its end.
fn month_first(text: &str, at: usize) -> Option<(usize, Written<'_>)> {
    let (month, at) = word_in(text, at, &MONTHS)?;
    let at = optional(text, at, b'.');
    let (day, at) = day(text, spaces(text, at)?)?;
    let at = optional(text, at, b',');
    let (year, end) = year(text, spaces(text, at)?)?;
    Some((end, Written::Words { day, month, year }))
}

/// ISO at `at`, to its end.
fn iso(text: &str, at: usize) -> Option<(usize, Written<'_>)> {
    let (year, at) = digits(text, at, 4..=4)?;
    let at = (text.as_bytes().get(at) == Some(&b'-')).then_some(at + 1)?;
    let (month, at) = digits(text, at, 2..=2)?;
    let at = (text.as_bytes().get(at) == Some(&b'-')).then_some(at + 1)?;
    let (day, end) = digits(text, at, 2..=2)?;
    boundary(text.as_bytes(), end).then_some((end, Written::Iso { year, month, day }))
}

/// A weekday date that starts at `start` (after a word edge).
fn weekday_date_at(text: &str, start: usize) -> Option<WeekdayDate<'_>> {
    // Most words start with no weekday's letter: skip them at once.
    if !matches!(
        text.as_bytes()[start] | 0x20,
        b'm' | b't' | b'w' | b'f' | b's'
    ) {
        return None;
    }
    let (weekday, at) = word_in(text, start, &WEEKDAYS)?;
    if !boundary(text.as_bytes(), at) {
        return None;
    }
    let mut at = spaces(text, optional(text, at, b','))?;
    if let Some((_, the)) = word_in(text, at, &["the"])
        && let Some(after) = spaces(text, the)
    {
        at = after;
    }
    let (end, date) = day_first(text, at)
        .or_else(|| month_first(text, at))
        .or_else(|| iso(text, at))?;
    Some(WeekdayDate {
        span: start..end,
        weekday,
        date,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use regex::Regex;

    use super::*;

    /// The patterns the rules used before this scanner (2026-12-02), the
    /// oracle of the tests below: the scanner finds exactly what they found.
    mod oracle {
        use super::*;

        const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
        const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

        static WEEKDAY_DATE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(
                r"(?i-u)\b({WEEKDAYS})\b,?(?u:\s)+(?:the(?u:\s)+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?(?:(?u:\s)+of)?(?u:\s)+({MONTHS})\.?,?(?u:\s)+(\d{{4}})|({MONTHS})\.?(?u:\s)+(\d{{1,2}})(?:st|nd|rd|th)?,?(?u:\s)+(\d{{4}})|(\d{{4}})-(\d{{2}})-(\d{{2}}))\b"
            ))
            .unwrap()
        });

        static PROSE_DATE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(
                r"(?i-u)\b(?:(\d{{1,2}})(?:st|nd|rd|th)?(?:(?u:\s)+of)?(?u:\s)+({MONTHS})\.?,?(?u:\s)+(\d{{4}})|(\d{{4}})-(\d{{2}})-(\d{{2}}))\b"
            ))
            .unwrap()
        });

        /// Each match as (range, every capture group's range).
        pub type Found = Vec<(Range<usize>, Vec<Option<Range<usize>>>)>;

        fn all(re: &Regex, text: &str) -> Found {
            re.captures_iter(text)
                .map(|c| {
                    let whole = c.get(0).unwrap().range();
                    let groups = (1..c.len()).map(|i| c.get(i).map(|m| m.range())).collect();
                    (whole, groups)
                })
                .collect()
        }

        pub fn weekdays(text: &str) -> Found {
            all(&WEEKDAY_DATE, text)
        }

        pub fn prose(text: &str) -> Found {
            all(&PROSE_DATE, text)
        }
    }

    fn range_in(text: &str, part: &str) -> Option<Range<usize>> {
        if part.is_empty() {
            return None;
        }
        let start = part.as_ptr() as usize - text.as_ptr() as usize;
        Some(start..start + part.len())
    }

    /// The scanner's weekday dates in the oracle's shape: groups 1-10.
    fn weekdays_as_groups(text: &str) -> oracle::Found {
        weekday_dates(text)
            .map(|w| {
                let mut g: Vec<Option<Range<usize>>> = vec![None; 10];
                g[0] = range_in(text, w.weekday);
                match w.date {
                    Written::Words { day, month, year } => {
                        let (d, m) = (range_in(text, day), range_in(text, month));
                        // Day first (group 2-4) or month first (5-7).
                        if d.as_ref().unwrap().start < m.as_ref().unwrap().start {
                            (g[1], g[2], g[3]) = (d, m, range_in(text, year));
                        } else {
                            (g[4], g[5], g[6]) = (m, d, range_in(text, year));
                        }
                    }
                    Written::Iso { year, month, day } => {
                        (g[7], g[8], g[9]) = (
                            range_in(text, year),
                            range_in(text, month),
                            range_in(text, day),
                        );
                    }
                }
                (w.span, g)
            })
            .collect()
    }

    fn prose_as_groups(text: &str) -> oracle::Found {
        prose_dates(text)
            .map(|(span, date)| {
                let mut g: Vec<Option<Range<usize>>> = vec![None; 6];
                match date {
                    Written::Words { day, month, year } => {
                        (g[0], g[1], g[2]) = (
                            range_in(text, day),
                            range_in(text, month),
                            range_in(text, year),
                        );
                    }
                    Written::Iso { year, month, day } => {
                        (g[3], g[4], g[5]) = (
                            range_in(text, year),
                            range_in(text, month),
                            range_in(text, day),
                        );
                    }
                }
                (span, g)
            })
            .collect()
    }

    fn same_as_oracle(text: &str) -> usize {
        assert_eq!(
            weekdays_as_groups(text),
            oracle::weekdays(text),
            "weekday dates in {text:?}"
        );
        assert_eq!(
            prose_as_groups(text),
            oracle::prose(text),
            "prose dates in {text:?}"
        );
        oracle::weekdays(text).len() + oracle::prose(text).len()
    }

    fn weekday_texts(text: &str) -> Vec<&str> {
        weekday_dates(text).map(|w| &text[w.span]).collect()
    }

    fn prose_texts(text: &str) -> Vec<&str> {
        prose_dates(text).map(|(r, _)| &text[r]).collect()
    }

    #[test]
    fn the_forms_of_a_weekday_date() {
        let text = "on Monday 7 November 2022, Monday, 7th of November 2022; \
                    Monday November 7, 2022 and Monday 2022-11-07 or Tuesday the 8th Nov. 2022 \
                    or Wed. 9 Nov 2022";
        assert_eq!(
            weekday_texts(text),
            [
                "Monday 7 November 2022",
                "Monday, 7th of November 2022",
                "Monday November 7, 2022",
                "Monday 2022-11-07",
                "Tuesday the 8th Nov. 2022",
            ]
        );
        let first = weekday_dates(text).next().unwrap();
        assert_eq!(first.weekday, "Monday");
        assert_eq!(
            first.date,
            Written::Words {
                day: "7",
                month: "November",
                year: "2022"
            }
        );
        let third = weekday_dates(text).nth(2).unwrap();
        assert_eq!(
            third.date,
            Written::Words {
                day: "7",
                month: "November",
                year: "2022"
            }
        );
        assert_eq!(
            weekday_dates(text).nth(3).unwrap().date,
            Written::Iso {
                year: "2022",
                month: "11",
                day: "07"
            }
        );
        same_as_oracle(text);
    }

    #[test]
    fn case_whitespace_and_word_edges() {
        // Any ASCII case; any Unicode whitespace, folded lines included.
        assert_eq!(
            weekday_texts("TUESDAY 7\u{a0}NOVEMBER\u{2003}2022 and friday\n   1ST  of\tjan 2021"),
            [
                "TUESDAY 7\u{a0}NOVEMBER\u{2003}2022",
                "friday\n   1ST  of\tjan 2021"
            ]
        );
        // Word edges: not inside a longer word or number.
        assert!(weekday_texts("Mondays 7 November 2022").is_empty());
        assert!(weekday_texts("xMonday 7 November 2022").is_empty());
        assert!(weekday_texts("Monday 123 November 2022").is_empty());
        assert!(weekday_texts("Monday 7 November 20221").is_empty());
        assert!(weekday_texts("Monday 7 November 2022_").is_empty());
        assert_eq!(
            weekday_texts("Monday 7 November 2022-23"),
            ["Monday 7 November 2022"]
        );
        assert_eq!(weekday_texts("éMonday 7 Nov 2022é"), ["Monday 7 Nov 2022"]);
        // Month names: the listed forms only ("Sepember" is one of them).
        assert_eq!(
            prose_texts("1 Sept 2022, 2 Sepember 2022, 3 Septmber 2022, 4 Jun 2022, 5 Junee 2022"),
            ["1 Sept 2022", "2 Sepember 2022", "4 Jun 2022"]
        );
        // Suffixes and punctuation where the patterns allow them only.
        assert_eq!(
            prose_texts("7th November 2022 7TH Nov., 2022 7x Nov 2022 7 Nov ,2022 7th. Nov 2022"),
            ["7th November 2022", "7TH Nov., 2022"]
        );
        assert_eq!(
            weekday_texts("Monday Nov. 7th, 2022 Monday Nov, 7 2022 Monday Nov 7th 2022"),
            ["Monday Nov. 7th, 2022", "Monday Nov 7th 2022"]
        );
        // ISO dates: exactly 4-2-2 digits.
        assert_eq!(
            prose_texts("2022-11-07 2022-1-07 22022-11-07 2022-11-077 2022-11-07x"),
            ["2022-11-07"]
        );
        // "of" and "the" where they belong.
        assert_eq!(
            prose_texts("7 of November 2022 7 often Nov 2022"),
            ["7 of November 2022"]
        );
        assert!(weekday_texts("Monday then 7 Nov 2022").is_empty());
    }

    #[test]
    fn matches_do_not_overlap() {
        // The weekday date's year is not read again as the start of the next.
        let text = "Monday 7 November 2022-11-08 and 31 February 2022-03-01";
        assert_eq!(weekday_texts(text), ["Monday 7 November 2022"]);
        assert_eq!(prose_texts(text), ["7 November 2022", "31 February 2022"]);
        assert_eq!(
            weekday_texts("Monday Tuesday 8 November 2022"),
            ["Tuesday 8 November 2022"]
        );
        same_as_oracle(text);
    }

    /// Every report, meeting and tracker shipped with the project.
    #[test]
    fn the_shipped_texts_as_before() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("reports"), root.join("examples")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 10, "{files:?}");
        let mut found = 0;
        for file in &files {
            found += same_as_oracle(&std::fs::read_to_string(file).unwrap());
        }
        assert!(found > 10, "only {found} dates in the shipped texts");
        // The seed's own.
        let seed = std::fs::read_to_string(
            root.join("reports/2022-11-07-childrens-services-commissioner.yaml"),
        )
        .unwrap();
        assert!(
            prose_texts(&seed).contains(&"22 May 2022"),
            "{:?}",
            prose_texts(&seed)
        );
    }

    /// Texts made of the patterns' pieces, near misses included, in many
    /// orders: the scanner and the old patterns agree on every one.
    #[test]
    fn generated_texts_as_before() {
        const PIECES: &[&str] = &[
            "Monday",
            "monday",
            "TUESDAY",
            "Wednesday",
            "thursday",
            "Friday",
            "Saturday",
            "sunday",
            "Mondays",
            "xMonday",
            "Monday_",
            "the",
            "THE",
            "then",
            "of",
            "OF",
            "often",
            "7",
            "07",
            "31",
            "123",
            "1st",
            "2nd",
            "3RD",
            "4th",
            "7x",
            "st",
            "th",
            "2022",
            "1999",
            "20221",
            "2022-11-07",
            "2022-1-07",
            "2022-11-0",
            "1-2",
            "Nov",
            "Nov.",
            "nov",
            "November",
            "NOVEMBER",
            "Novem",
            "jan",
            "January",
            "Janu",
            "feb",
            "February",
            "mar",
            "March",
            "apr",
            "April",
            "may",
            "MAY",
            "jun",
            "june",
            "junee",
            "jul",
            "july",
            "aug",
            "August",
            "sep",
            "sept",
            "Sepember",
            "September",
            "Septmber",
            "oct",
            "October",
            "dec",
            "December",
            ",",
            ".",
            "-",
            "_",
            "#",
            "é",
            "–",
            "a",
        ];
        const GAPS: &[&str] = &[
            " ", " ", " ", " ", "", "", "  ", "\n", "\n  ", "\t", "\u{a0}", "\u{2003}", "\u{85}",
            "\u{3000}", "\u{2028}", "\u{1680}", "\u{202f}", "\r\n", "\u{b}", "\u{c}", "\u{180e}",
            "\u{200b}", "\u{feff}", ", ", ". ", "x",
        ];
        // A fixed xorshift: the same texts on every run.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut found = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + next(9) {
                text.push_str(PIECES[next(PIECES.len())]);
                text.push_str(GAPS[next(GAPS.len())]);
            }
            found += same_as_oracle(&text);
        }
        // Sentences built as dates, so that most of them match.
        for _ in 0..20_000 {
            let mut text = String::new();
            let shape = [
                &["Monday", "friday", "SUNDAY", "Tuesday,", "Mondays", ""][..],
                &["the", "", "", "then"],
                &[
                    "7",
                    "07",
                    "1st",
                    "22ND",
                    "123",
                    "7x",
                    "",
                    "2022-11-07",
                    "2022-1-07",
                ],
                &["of", "", "", "OF"],
                &[
                    "Nov", "Nov.", "November", "Sepember", "june", "junee", "Nov.,", "",
                ],
                &["7", "7th,", "07,", "", "", "123"],
                &["2022", "2022.", "20221", "2022-23", "2022_", "1999"],
            ];
            for options in shape {
                text.push_str(options[next(options.len())]);
                text.push_str(GAPS[next(GAPS.len())]);
            }
            found += same_as_oracle(&text);
        }
        assert!(
            found > 3_000,
            "only {found} matches: the texts miss the patterns"
        );
    }
}
