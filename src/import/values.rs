//! Header values read into their types: dates, Yes/No with a reason,
//! wards and committees by the council's own lists.

/// A date as Word reports write it ("Monday 7 November 2022", "7th Nov
/// 2022", "07/11/2022", "2022-11-07"), as YYYY-MM-DD.
pub fn date(text: &str) -> Option<String> {
    // A bilingual council's date, "Tuesday 27 April 2021 / Dydd Mawrth 27
    // Ebrill 2021": the English comes first.
    let t = text.split(" / ").next().unwrap_or(text).trim();
    if let Ok(d) = t.parse::<jiff::civil::Date>() {
        return Some(d.to_string());
    }
    let words: Vec<String> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.len() > 8 {
        return None;
    }
    let (mut day, mut month, mut year) = (None, None, None);
    let numbers: Vec<&String> = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    for w in &words {
        if let Some(m) = month_of(w) {
            month = Some(m);
            continue;
        }
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        let rest = &w[digits.len()..];
        if digits.is_empty() || !matches!(rest, "" | "st" | "nd" | "rd" | "th") {
            continue;
        }
        let n: i32 = digits.parse().ok()?;
        if digits.len() == 4 {
            year = Some(n);
        } else if day.is_none() && (1..=31).contains(&n) {
            day = Some(n);
        } else if month.is_none() && (1..=12).contains(&n) {
            month = Some(n);
        } else if year.is_none() && digits.len() == 2 {
            year = Some(2000 + n);
        }
    }
    if numbers.len() == 3 && month.is_none() {
        return None;
    }
    let d = jiff::civil::Date::new(
        i16::try_from(year?).ok()?,
        i8::try_from(month?).ok()?,
        i8::try_from(day?).ok()?,
    )
    .ok()?;
    Some(d.to_string())
}

/// The month a lower-case word names, whole or abbreviated to three
/// letters or more ("sept", "mar"): 1 to 12.
pub(super) fn month_of(w: &str) -> Option<i32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(w))
        .map(|i| i as i32 + 1)
}

/// "Yes", "No", "Yes – it affects two wards": the answer and any reason.
pub fn yes_no(text: &str) -> Option<(bool, Option<String>)> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let (answer, len) = if lower.starts_with("yes") {
        (true, 3)
    } else if lower.starts_with("no") && !lower.starts_with("not") && !lower.starts_with("non") {
        (false, 2)
    } else if lower == "y" {
        (true, 1)
    } else if lower == "n" {
        (false, 1)
    } else {
        return None;
    };
    let rest = t[len..].trim_start_matches(|c: char| c.is_whitespace() || "–—-,.:;(".contains(c));
    let rest = rest.trim().trim_end_matches(')').trim();
    if t[len..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((answer, (!rest.is_empty()).then(|| rest.to_string())))
}

/// `name` as it is written in `list`, matched nearly (case, spacing, a
/// typo); `None` when nothing in the list is close.
pub fn one_of(name: &str, list: &[String]) -> Option<String> {
    let n = super::labels::normalise(name);
    list.iter()
        .map(|c| {
            (
                strsim::normalized_levenshtein(&n, &super::labels::normalise(c)),
                c,
            )
        })
        .filter(|(s, _)| *s >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

/// The wards a header cell names: `all`, or each ward by the council's
/// spelling, with those it does not know.
pub enum Wards {
    All,
    Listed {
        known: Vec<String>,
        unknown: Vec<String>,
    },
}

pub fn wards(text: &str, council: &[String]) -> Wards {
    let t = super::labels::normalise(text);
    if t == "all"
        || t.starts_with("all ward")
        || t == "all wards"
        || t == "borough wide"
        || t == "all areas"
    {
        return Wards::All;
    }
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for piece in text.split([',', ';', '\n', '/']).map(str::trim) {
        if piece.is_empty() {
            continue;
        }
        if let Some(w) = one_of(piece, council) {
            known.push(w);
            continue;
        }
        for part in piece
            .split(" and ")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match one_of(part, council) {
                Some(w) => known.push(w),
                None => unknown.push(part.to_string()),
            }
        }
    }
    Wards::Listed { known, unknown }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_reports_write_them() {
        for t in [
            "2022-11-07",
            "7 November 2022",
            "Monday 7th November 2022",
            "07/11/2022",
            "7 Nov 2022",
            "November 7, 2022",
            "Monday 7 November 2022 / Dydd Llun 7 Tachwedd 2022",
        ] {
            assert_eq!(date(t).as_deref(), Some("2022-11-07"), "{t}");
        }
        assert_eq!(date("next Tuesday"), None);
        assert_eq!(date("31 February 2022"), None);
    }

    #[test]
    fn yes_and_no_with_reasons() {
        assert_eq!(yes_no("No"), Some((false, None)));
        assert_eq!(
            yes_no("Yes – it affects two wards"),
            Some((true, Some("it affects two wards".into())))
        );
        assert_eq!(yes_no("Not applicable"), None);
        assert_eq!(yes_no("Nothing"), None);
    }

    #[test]
    fn wards_by_the_council_list() {
        let list = vec![
            "Forest Row".to_string(),
            "Hartfield".to_string(),
            "Netherton and Orrell".to_string(),
        ];
        assert!(matches!(wards("All Wards", &list), Wards::All));
        let Wards::Listed { known, unknown } = wards("Forest row, Hartfield and Nowhere", &list)
        else {
            panic!()
        };
        assert_eq!(known, ["Forest Row", "Hartfield"]);
        assert_eq!(unknown, ["Nowhere"]);
        let Wards::Listed { known, .. } = wards("Netherton and Orrell", &list) else {
            panic!()
        };
        assert_eq!(known, ["Netherton and Orrell"]);
    }
}
