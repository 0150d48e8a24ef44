//! Days as people read them, in French and English: one definition for the CLI and, over the FFI,
//! for the apps (no view model works out a weekday by hand).

use chrono::{Datelike, NaiveDate};

use super::Lang;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const WEEKDAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const WEEKDAYS_FR: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

/// A day in a sentence or a list: "01/03/2026" in French, "1 Mar 2026" in English (never a
/// day/month order an English reader could take the other way round).
pub fn format_date(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => day.format("%d/%m/%Y").to_string(),
        Lang::En => format!("{} {} {}", day.day(), &MONTHS_EN[day.month0() as usize][..3], day.year()),
    }
}

/// A day as a screen's title: "Lundi 2 mars" in French, "Monday 2 March" in English.
pub fn format_day_title(day: NaiveDate, lang: Lang) -> String {
    let weekday = day.weekday().num_days_from_monday() as usize;
    let month = day.month0() as usize;
    match lang {
        Lang::Fr => {
            let name = WEEKDAYS_FR[weekday];
            let capitalized: String = name[..1].to_uppercase() + &name[1..];
            format!("{capitalized} {} {}", day.day(), MONTHS_FR[month])
        }
        Lang::En => format!("{} {} {}", WEEKDAYS_EN[weekday], day.day(), MONTHS_EN[month]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn days_read_naturally_in_each_language() {
        assert_eq!(format_day_title(day(2026, 3, 2), Lang::Fr), "Lundi 2 mars");
        assert_eq!(format_day_title(day(2026, 3, 2), Lang::En), "Monday 2 March");
        assert_eq!(format_day_title(day(2026, 8, 15), Lang::Fr), "Samedi 15 août");
        assert_eq!(format_day_title(day(2028, 2, 29), Lang::En), "Tuesday 29 February");
        assert_eq!(format_date(day(2026, 3, 1), Lang::Fr), "01/03/2026");
        assert_eq!(format_date(day(2026, 3, 1), Lang::En), "1 Mar 2026");
        assert_eq!(format_date(day(2026, 12, 31), Lang::En), "31 Dec 2026");
    }
}
