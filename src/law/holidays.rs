//! Scotland's bank holidays, computed for any year from the rules that set
//! them (Banking and Financial Dealings Act 1971, Schedule 1, and the St
//! Andrew's Day Bank Holiday (Scotland) Act 2007), with the one-off
//! changes proclaimed since 2020 (`data/bank-holidays-scotland-changes.txt`).
//! England and Wales ship as a list instead (`data/`), since their
//! one-offs are as frequent and the list is what GOV.UK publishes.

use jiff::civil::{Date, Weekday, date};

const CHANGES: &str = include_str!("../../data/bank-holidays-scotland-changes.txt");

/// Easter Sunday (the anonymous Gregorian algorithm).
pub fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as i8, day as i8)
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The first `weekday` of a month.
fn first(year: i16, month: i8, weekday: Weekday) -> Date {
    date(year, month, 1)
        .nth_weekday_of_month(1, weekday)
        .expect("every month has a first Monday")
}

/// The last `weekday` of a month.
fn last(year: i16, month: i8, weekday: Weekday) -> Date {
    date(year, month, 1)
        .nth_weekday_of_month(-1, weekday)
        .expect("every month has a last Monday")
}

/// The one-off changes: (date, added, name).
fn changes() -> impl Iterator<Item = (Date, bool, &'static str)> {
    CHANGES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (sign, rest) = l.split_at(1);
            let rest = rest.trim();
            let (d, name) = rest.split_once(' ').unwrap_or((rest, ""));
            let d: Date = d.parse().expect("the shipped changes are dates");
            (d, sign == "+", name)
        })
}

/// Scotland's bank holidays in `year`, in date order, with their names.
pub fn scotland(year: i16) -> Vec<(Date, &'static str)> {
    // Fixed dates that move to the next free weekday at a weekend, in the
    // order the substitute days are given.
    let fixed = [
        (date(year, 1, 1), "New Year's Day"),
        (date(year, 1, 2), "2nd January"),
        (date(year, 12, 25), "Christmas Day"),
        (date(year, 12, 26), "Boxing Day"),
    ];
    let good_friday = easter(year)
        .checked_sub(jiff::Span::new().days(2))
        .expect("Easter is in range");
    let mut days: Vec<(Date, &'static str)> = vec![
        (good_friday, "Good Friday"),
        (first(year, 5, Weekday::Monday), "Early May bank holiday"),
        (last(year, 5, Weekday::Monday), "Spring bank holiday"),
        (first(year, 8, Weekday::Monday), "Summer bank holiday"),
    ];
    // St Andrew's Day, or the next Monday when it falls at a weekend.
    let st_andrew = date(year, 11, 30);
    days.push(if is_weekend(st_andrew) {
        (
            st_andrew.nth_weekday(1, Weekday::Monday).expect("in range"),
            "St Andrew's Day (substitute day)",
        )
    } else {
        (st_andrew, "St Andrew's Day")
    });
    days.extend(fixed.iter().filter(|(d, _)| !is_weekend(*d)).copied());
    for (d, name) in fixed.iter().filter(|(d, _)| is_weekend(*d)) {
        let mut sub = *d;
        while is_weekend(sub) || days.iter().any(|(h, _)| *h == sub) {
            sub = sub.tomorrow().expect("in range");
        }
        let name: &'static str = match *name {
            "New Year's Day" => "New Year's Day (substitute day)",
            "2nd January" => "2nd January (substitute day)",
            "Christmas Day" => "Christmas Day (substitute day)",
            _ => "Boxing Day (substitute day)",
        };
        days.push((sub, name));
    }
    for (d, added, name) in changes().filter(|(d, _, _)| d.year() == year) {
        if added {
            days.push((d, name));
        } else {
            days.retain(|(h, _)| *h != d);
        }
    }
    days.sort_by_key(|(d, _)| *d);
    days.dedup_by_key(|(d, _)| *d);
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(year: i16) -> Vec<String> {
        scotland(year)
            .iter()
            .map(|(d, _)| d.strftime("%m-%d").to_string())
            .collect()
    }

    /// Scotland's bank holidays 2020 to 2027, as GOV.UK publishes them.
    #[test]
    fn scotland_2020_to_2027_are_the_real_dates() {
        let expected: [(i16, &[&str]); 8] = [
            // VE day: the early May holiday moved from 4 to 8 May, 2020 only.
            (
                2020,
                &[
                    "01-01", "01-02", "04-10", "05-08", "05-25", "08-03", "11-30", "12-25", "12-28",
                ],
            ),
            (
                2021,
                &[
                    "01-01", "01-04", "04-02", "05-03", "05-31", "08-02", "11-30", "12-27", "12-28",
                ],
            ),
            // The Platinum Jubilee: the spring holiday moved to 2 June and 3
            // June added; the Queen's funeral on 19 September.
            (
                2022,
                &[
                    "01-03", "01-04", "04-15", "05-02", "06-02", "06-03", "08-01", "09-19",
                    "11-30", "12-26", "12-27",
                ],
            ),
            // The coronation on 8 May.
            (
                2023,
                &[
                    "01-02", "01-03", "04-07", "05-01", "05-08", "05-29", "08-07", "11-30",
                    "12-25", "12-26",
                ],
            ),
            // St Andrew's Day is a Saturday: Monday 2 December.
            (
                2024,
                &[
                    "01-01", "01-02", "03-29", "05-06", "05-27", "08-05", "12-02", "12-25", "12-26",
                ],
            ),
            // A Sunday: Monday 1 December.
            (
                2025,
                &[
                    "01-01", "01-02", "04-18", "05-05", "05-26", "08-04", "12-01", "12-25", "12-26",
                ],
            ),
            (
                2026,
                &[
                    "01-01", "01-02", "04-03", "05-04", "05-25", "08-03", "11-30", "12-25", "12-28",
                ],
            ),
            (
                2027,
                &[
                    "01-01", "01-04", "03-26", "05-03", "05-31", "08-02", "11-30", "12-27", "12-28",
                ],
            ),
        ];
        for (year, want) in expected {
            assert_eq!(dates(year), want, "{year}");
        }
    }

    #[test]
    fn no_easter_monday_and_names_say_substitutes() {
        for year in 2020..=2040 {
            let monday = easter(year).tomorrow().unwrap();
            assert!(scotland(year).iter().all(|(d, _)| *d != monday), "{year}");
            assert!(
                scotland(year).iter().all(|(d, _)| !is_weekend(*d)),
                "{year}"
            );
        }
        let y2021 = scotland(2021);
        assert!(y2021.contains(&(date(2021, 1, 4), "2nd January (substitute day)")));
        assert!(scotland(2024).contains(&(date(2024, 12, 2), "St Andrew's Day (substitute day)")));
    }

    #[test]
    fn easter_sundays() {
        assert_eq!(easter(2020), date(2020, 4, 12));
        assert_eq!(easter(2024), date(2024, 3, 31));
        assert_eq!(easter(2027), date(2027, 3, 28));
    }
}
