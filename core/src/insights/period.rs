//! Reporting periods: runs of calendar days, both ends included.
//!
//! Days are local calendar days: a visit belongs to a period when its
//! [`local_day`](crate::model::VisitReport::local_day) (the day on the device that logged it) is in it.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A run of calendar days from `start` to `end`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// Any run of days; `None` when `end` is before `start`.
    pub fn custom(start: NaiveDate, end: NaiveDate) -> Option<Period> {
        (start <= end).then_some(Period { start, end })
    }

    /// The ISO week (Monday to Sunday) containing `day`.
    pub fn week_of(day: NaiveDate) -> Period {
        let start = day - Days::new(day.weekday().num_days_from_monday().into());
        Period { start, end: start + Days::new(6) }
    }

    /// The calendar month containing `day`.
    pub fn month_of(day: NaiveDate) -> Period {
        Period::months_from(first_of_month(day), 1)
    }

    /// The calendar quarter (January–March, April–June, …) containing `day`.
    pub fn quarter_of(day: NaiveDate) -> Period {
        let first_month = (day.month0() / 3) * 3 + 1;
        let start = NaiveDate::from_ymd_opt(day.year(), first_month, 1).expect("the first day of a quarter");
        Period::months_from(start, 3)
    }

    /// The `count` (at least 1) whole calendar months that end just before the month containing
    /// `day` (e.g. the 12 months before this one: the trailing year of complete months).
    pub fn months_before(day: NaiveDate, count: u32) -> Period {
        let count = count.max(1);
        Period::months_from(first_of_month(day) - Months::new(count), count)
    }

    /// The period just before this one, of the same kind: when this period is made of whole calendar
    /// months (a month, a quarter, a year, …) the same number of whole months before it; otherwise the
    /// same number of days ending the day before `start` (a week gives the previous week).
    pub fn previous(self) -> Period {
        match self.whole_months() {
            Some(months) => Period::months_from(self.start - Months::new(months), months),
            None => {
                let end = self.start - Days::new(1);
                Period { start: end - Days::new(self.days() - 1), end }
            }
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// The number of days in the period (at least 1).
    pub fn days(self) -> u64 {
        (self.end - self.start).num_days() as u64 + 1
    }

    /// The number of days this period shares with `other` (0 when they do not meet).
    pub fn overlap_days(self, other: Period) -> u64 {
        let (start, end) = (self.start.max(other.start), self.end.min(other.end));
        if start > end {
            0
        } else {
            (end - start).num_days() as u64 + 1
        }
    }

    /// The smallest period containing both.
    pub fn span(self, other: Period) -> Period {
        Period { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    fn months_from(start: NaiveDate, months: u32) -> Period {
        Period { start, end: start + Months::new(months) - Days::new(1) }
    }

    /// `Some(n)` when the period is exactly `n` whole calendar months.
    fn whole_months(self) -> Option<u32> {
        if self.start.day() != 1 || (self.end + Days::new(1)).day() != 1 {
            return None;
        }
        let months = (self.end.year() - self.start.year()) * 12 + self.end.month() as i32
            - self.start.month() as i32
            + 1;
        u32::try_from(months).ok()
    }
}

/// The first day of the month containing `day`.
fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a first day")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn p(start: NaiveDate, end: NaiveDate) -> Period {
        Period { start, end }
    }

    #[test]
    fn iso_weeks_start_on_monday_even_across_a_year() {
        // 2026-03-29 is a Sunday (the day clocks change in Europe): its week is Mon 23 .. Sun 29.
        assert_eq!(Period::week_of(d(2026, 3, 29)), p(d(2026, 3, 23), d(2026, 3, 29)));
        assert_eq!(Period::week_of(d(2026, 3, 23)), p(d(2026, 3, 23), d(2026, 3, 29)));
        // 2026-01-01 is a Thursday: ISO week 1 runs Mon 2025-12-29 .. Sun 2026-01-04.
        assert_eq!(Period::week_of(d(2026, 1, 1)), p(d(2025, 12, 29), d(2026, 1, 4)));
        assert_eq!(Period::week_of(d(2026, 1, 1)).previous(), p(d(2025, 12, 22), d(2025, 12, 28)));
    }

    #[test]
    fn months_and_quarters_and_their_previous_ones() {
        assert_eq!(Period::month_of(d(2024, 2, 10)), p(d(2024, 2, 1), d(2024, 2, 29)));
        // The month before March 2026 is February (28 days), not "the 31 days before".
        assert_eq!(Period::month_of(d(2026, 3, 15)).previous(), p(d(2026, 2, 1), d(2026, 2, 28)));
        assert_eq!(Period::month_of(d(2026, 1, 5)).previous(), p(d(2025, 12, 1), d(2025, 12, 31)));
        assert_eq!(Period::quarter_of(d(2026, 5, 20)), p(d(2026, 4, 1), d(2026, 6, 30)));
        assert_eq!(Period::quarter_of(d(2026, 2, 1)).previous(), p(d(2025, 10, 1), d(2025, 12, 31)));
        assert_eq!(Period::months_before(d(2026, 3, 15), 12), p(d(2025, 3, 1), d(2026, 2, 28)));
        assert_eq!(Period::months_before(d(2026, 3, 15), 0), p(d(2026, 2, 1), d(2026, 2, 28)));
    }

    #[test]
    fn custom_periods_and_day_arithmetic() {
        assert_eq!(Period::custom(d(2026, 3, 2), d(2026, 3, 1)), None);
        let ten = Period::custom(d(2026, 3, 5), d(2026, 3, 14)).unwrap();
        assert_eq!(ten.days(), 10);
        // The ten days before: 23 Feb .. 4 Mar (28-day February).
        assert_eq!(ten.previous(), p(d(2026, 2, 23), d(2026, 3, 4)));
        // Whole months given as a custom period behave like months: Jan–Feb → Nov–Dec.
        let two_months = Period::custom(d(2026, 1, 1), d(2026, 2, 28)).unwrap();
        assert_eq!(two_months.previous(), p(d(2025, 11, 1), d(2025, 12, 31)));
        let single = Period::custom(d(2026, 3, 5), d(2026, 3, 5)).unwrap();
        assert_eq!((single.days(), single.previous()), (1, p(d(2026, 3, 4), d(2026, 3, 4))));
        assert!(ten.contains(d(2026, 3, 5)) && ten.contains(d(2026, 3, 14)) && !ten.contains(d(2026, 3, 15)));
        // March has 31 days; 5..14 March is 10 of them; 20 Feb .. 6 Mar meets it on 5 and 6 March.
        assert_eq!(Period::month_of(d(2026, 3, 1)).overlap_days(ten), 10);
        assert_eq!(p(d(2026, 2, 20), d(2026, 3, 6)).overlap_days(ten), 2);
        assert_eq!(p(d(2026, 1, 1), d(2026, 1, 2)).overlap_days(ten), 0);
    }
}
