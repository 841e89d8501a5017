//! Clear working days between publication and the meeting.
//!
//! "Clear days" leave out the day of publication and the day of the
//! meeting; weekends and bank holidays are not working days. Whose bank
//! holidays count follows the council's jurisdiction: England and Wales
//! bank holidays for 2020 to 2030 ship with the tool (`data/`); Scotland's
//! are computed for any year (`crate::law::holidays`). `council.yaml` adds
//! or removes dates. Pure functions, no clock.

use std::collections::BTreeSet;

use jiff::civil::{Date, Weekday};

use crate::law::{Jurisdiction, holidays};
use crate::model::meeting::PackSettings;

const SHIPPED: &str = include_str!("../../data/bank-holidays-england-and-wales.txt");

/// The years the shipped list covers.
pub const SHIPPED_YEARS: std::ops::RangeInclusive<i16> = 2020..=2030;

/// The shipped bank holidays, with their names.
pub fn shipped() -> Vec<(Date, &'static str)> {
    SHIPPED
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (date, name) = l.split_once(' ').unwrap_or((l, ""));
            let date: Date = date.parse().expect("the shipped bank holidays are dates");
            (date, name)
        })
        .collect()
}

/// The years Scotland's bank holidays are computed for.
pub const COMPUTED_YEARS: std::ops::RangeInclusive<i16> = 2000..=2099;

/// The days that are not working days besides weekends.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    holidays: BTreeSet<Date>,
    /// The years whose bank holidays are known (before the council's own).
    known: Option<std::ops::RangeInclusive<i16>>,
}

impl Calendar {
    /// The bank holidays of `jurisdiction` with the council's additions
    /// and removals (`pack:` in council.yaml).
    pub fn new(jurisdiction: Jurisdiction, settings: &PackSettings) -> Self {
        let (mut holidays, known): (BTreeSet<Date>, _) = match jurisdiction {
            Jurisdiction::Scotland => (
                COMPUTED_YEARS
                    .flat_map(holidays::scotland)
                    .map(|(d, _)| d)
                    .collect(),
                COMPUTED_YEARS,
            ),
            Jurisdiction::England | Jurisdiction::Wales => (
                shipped().into_iter().map(|(d, _)| d).collect(),
                SHIPPED_YEARS,
            ),
        };
        holidays.extend(settings.bank_holidays.iter().copied());
        for d in &settings.not_bank_holidays {
            holidays.remove(d);
        }
        Calendar {
            holidays,
            known: Some(known),
        }
    }

    /// Whether the bank holidays of `year` ship with the tool.
    pub fn knows_year(&self, year: i16) -> bool {
        self.known.as_ref().is_some_and(|k| k.contains(&year))
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            && !self.holidays.contains(&date)
    }

    /// Working days strictly between `published` and `meeting`; 0 when the
    /// meeting is not after publication.
    pub fn clear_days(&self, published: Date, meeting: Date) -> u32 {
        let mut n = 0;
        let mut day = published;
        while let Ok(next) = day.tomorrow() {
            if next >= meeting {
                break;
            }
            if self.is_working_day(next) {
                n += 1;
            }
            day = next;
        }
        n
    }

    /// The last working day a pack can be published on and leave `clear`
    /// clear days before `meeting`.
    pub fn latest_publication(&self, meeting: Date, clear: u32) -> Date {
        let mut day = meeting;
        let mut n = 0;
        while n < clear {
            day = day.yesterday().expect("dates in range");
            if self.is_working_day(day) {
                n += 1;
            }
        }
        day = day.yesterday().expect("dates in range");
        while !self.is_working_day(day) {
            day = day.yesterday().expect("dates in range");
        }
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    use crate::law::holidays::easter;

    fn cal() -> Calendar {
        Calendar::new(Jurisdiction::England, &PackSettings::default())
    }

    fn scotland() -> Calendar {
        Calendar::new(Jurisdiction::Scotland, &PackSettings::default())
    }

    #[test]
    fn scotland_counts_st_andrews_day_and_not_easter_monday() {
        // Published Friday 27 November 2020 for Thursday 3 December: Mon
        // 30 November is St Andrew's Day, so Tue 1 and Wed 2 are left.
        assert_eq!(
            scotland().clear_days(date(2020, 11, 27), date(2020, 12, 3)),
            2
        );
        assert_eq!(cal().clear_days(date(2020, 11, 27), date(2020, 12, 3)), 3);
        // Easter Monday 2023 is a working day in Scotland only.
        assert!(scotland().is_working_day(date(2023, 4, 10)));
        assert!(!cal().is_working_day(date(2023, 4, 10)));
        // 2 January and the first Monday of August are holidays there.
        assert!(!scotland().is_working_day(date(2024, 1, 2)));
        assert!(cal().is_working_day(date(2024, 1, 2)));
        assert!(!scotland().is_working_day(date(2024, 8, 5)));
        assert!(scotland().knows_year(2045));
        assert!(!cal().knows_year(2045));
    }

    #[test]
    fn the_shipped_list_is_weekdays_with_easter_in_place() {
        let list = shipped();
        assert!(list.len() >= 8 * 11, "{}", list.len());
        for (d, name) in &list {
            assert!(
                !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday),
                "{d} {name} is a weekend"
            );
            assert!(SHIPPED_YEARS.contains(&d.year()));
        }
        for year in SHIPPED_YEARS {
            let e = easter(year);
            let good_friday = e.checked_sub(jiff::Span::new().days(2)).unwrap();
            let easter_monday = e.tomorrow().unwrap();
            assert!(list.contains(&(good_friday, "Good Friday")), "{year}");
            assert!(list.contains(&(easter_monday, "Easter Monday")), "{year}");
            let count = list.iter().filter(|(d, _)| d.year() == year).count();
            assert!((8..=10).contains(&count), "{year}: {count}");
        }
    }

    #[test]
    fn a_plain_week() {
        // Published Friday 28 October 2022 for Monday 7 November: Mon 31
        // to Fri 4 are the five clear days.
        assert_eq!(cal().clear_days(date(2022, 10, 28), date(2022, 11, 7)), 5);
        // Published on the Monday: the weekend between does not count.
        assert_eq!(cal().clear_days(date(2022, 10, 31), date(2022, 11, 7)), 4);
        assert_eq!(cal().clear_days(date(2022, 11, 7), date(2022, 11, 7)), 0);
        assert_eq!(cal().clear_days(date(2022, 11, 8), date(2022, 11, 7)), 0);
        assert_eq!(cal().clear_days(date(2022, 11, 6), date(2022, 11, 7)), 0);
    }

    #[test]
    fn christmas_and_new_year() {
        // 2022: Christmas Day is a Sunday, so Mon 26 (Boxing Day) and Tue 27
        // (substitute) are off; New Year's Day is a Sunday, Mon 2 Jan off.
        // From Fri 23 Dec to Fri 6 Jan: 28, 29, 30 Dec, 3, 4, 5 Jan.
        assert_eq!(cal().clear_days(date(2022, 12, 23), date(2023, 1, 6)), 6);
        // 2021: 25 and 26 Dec are a weekend; 27 and 28 are the holidays.
        assert_eq!(cal().clear_days(date(2021, 12, 24), date(2021, 12, 31)), 2);
        assert!(!cal().is_working_day(date(2028, 1, 3)));
        assert!(cal().is_working_day(date(2028, 1, 4)));
    }

    #[test]
    fn easter_holidays() {
        // 2023: Good Friday 7 April, Easter Monday 10 April. From Thursday
        // 6 April to Monday 17 April: 11, 12, 13, 14 April.
        assert_eq!(cal().clear_days(date(2023, 4, 6), date(2023, 4, 17)), 4);
        assert_eq!(cal().clear_days(date(2024, 3, 27), date(2024, 4, 3)), 2);
    }

    #[test]
    fn the_council_adds_and_removes_holidays() {
        let settings = PackSettings {
            bank_holidays: vec![date(2022, 11, 1)],
            not_bank_holidays: vec![date(2022, 12, 27)],
            ..PackSettings::default()
        };
        let cal = Calendar::new(Jurisdiction::England, &settings);
        assert_eq!(cal.clear_days(date(2022, 10, 28), date(2022, 11, 7)), 4);
        assert!(cal.is_working_day(date(2022, 12, 27)));
    }

    #[test]
    fn the_latest_day_to_publish() {
        assert_eq!(
            cal().latest_publication(date(2022, 11, 7), 5),
            date(2022, 10, 28)
        );
        // Over Christmas 2022 the deadline moves back past the holidays.
        let meeting = date(2023, 1, 5);
        let latest = cal().latest_publication(meeting, 5);
        assert_eq!(latest, date(2022, 12, 23));
        assert_eq!(cal().clear_days(latest, meeting), 5);
        assert_eq!(cal().clear_days(date(2022, 12, 28), meeting), 4);
    }
}
