//! Dates as council papers write them, in English and in Welsh.

use jiff::civil::{Date, Weekday};

use crate::model::wording::{Language, Languages, Wording};

/// "Monday 7 November 2022".
pub fn long_date(date: Date) -> String {
    date.strftime("%A %-d %B %Y").to_string()
}

/// The Welsh names of the months, January first.
pub const WELSH_MONTHS: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];

/// The Welsh name of a day of the week, as a date heads with it.
pub fn welsh_weekday(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "Dydd Llun",
        Weekday::Tuesday => "Dydd Mawrth",
        Weekday::Wednesday => "Dydd Mercher",
        Weekday::Thursday => "Dydd Iau",
        Weekday::Friday => "Dydd Gwener",
        Weekday::Saturday => "Dydd Sadwrn",
        Weekday::Sunday => "Dydd Sul",
    }
}

/// "Dydd Mawrth 27 Ebrill 2021": the Welsh of [`long_date`]. The day of
/// the month is a numeral, which takes no mutation.
pub fn long_date_cy(date: Date) -> String {
    format!(
        "{} {} {} {}",
        welsh_weekday(date.weekday()),
        date.day(),
        WELSH_MONTHS[date.month() as usize - 1],
        date.year()
    )
}

/// A date in the council's languages: "Tuesday 27 April 2021 / Dydd
/// Mawrth 27 Ebrill 2021" on a Welsh and English council. Scottish Gaelic
/// dates are not shipped (the month names take the genitive after the day,
/// and the tool would rather print the English than guess): a `[en, gd]`
/// council's dates are in English.
pub fn long_date_in(date: Date, languages: Languages) -> Wording {
    match languages.second {
        Some(Language::Cy) => Wording::both(long_date(date), Language::Cy, long_date_cy(date)),
        _ => Wording::plain(long_date(date)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn long_dates_have_weekday_and_no_leading_zero() {
        assert_eq!(long_date(date(2022, 11, 7)), "Monday 7 November 2022");
        assert_eq!(long_date(date(2024, 2, 29)), "Thursday 29 February 2024");
    }

    #[test]
    fn welsh_dates() {
        assert_eq!(
            long_date_cy(date(2021, 4, 27)),
            "Dydd Mawrth 27 Ebrill 2021"
        );
        assert_eq!(long_date_cy(date(2022, 11, 7)), "Dydd Llun 7 Tachwedd 2022");
        assert_eq!(long_date_cy(date(2024, 2, 29)), "Dydd Iau 29 Chwefror 2024");
        assert_eq!(long_date_cy(date(2020, 12, 3)), "Dydd Iau 3 Rhagfyr 2020");
        let week: Vec<&str> = (1..=7)
            .map(|d| welsh_weekday(date(2021, 3, d).weekday()))
            .collect();
        assert_eq!(
            week,
            [
                "Dydd Llun",
                "Dydd Mawrth",
                "Dydd Mercher",
                "Dydd Iau",
                "Dydd Gwener",
                "Dydd Sadwrn",
                "Dydd Sul"
            ]
        );
        assert_eq!(long_date_cy(date(2023, 6, 11)), "Dydd Sul 11 Mehefin 2023");
    }

    #[test]
    fn dates_in_the_councils_languages() {
        let cy = Languages {
            second: Some(Language::Cy),
        };
        assert_eq!(
            long_date_in(date(2021, 4, 27), cy).joined(),
            "Tuesday 27 April 2021 / Dydd Mawrth 27 Ebrill 2021"
        );
        let gd = Languages {
            second: Some(Language::Gd),
        };
        assert_eq!(
            long_date_in(date(2021, 4, 27), gd).joined(),
            "Tuesday 27 April 2021"
        );
    }
}
