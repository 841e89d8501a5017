//! Dates as council papers write them.

use jiff::civil::Date;

/// "Monday 7 November 2022".
pub fn long_date(date: Date) -> String {
    date.strftime("%A %-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_have_weekday_and_no_leading_zero() {
        assert_eq!(
            long_date(jiff::civil::date(2022, 11, 7)),
            "Monday 7 November 2022"
        );
        assert_eq!(
            long_date(jiff::civil::date(2024, 2, 29)),
            "Thursday 29 February 2024"
        );
    }
}
