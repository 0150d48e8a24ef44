//! Times of day and durations as people read them in French and English.
//!
//! Both languages read the time on a 24-hour clock ("09:30", "14:05"): the English of the users
//! (as for days, see `format_date`) is European, where "2:05 PM" is rarer than "14:05" on a
//! planning screen, and one form for both languages leaves no AM/PM to get wrong.

use chrono::{DateTime, Duration, Utc};

use super::Lang;

/// The time of day at `at` on a device `utc_offset_minutes` ahead of UTC: "09:30".
pub fn format_time(at: DateTime<Utc>, utc_offset_minutes: i32, _lang: Lang) -> String {
    (at.naive_utc() + Duration::minutes(utc_offset_minutes.into())).format("%H:%M").to_string()
}

/// A duration in minutes, with no-break spaces so that it never breaks across two lines: "45 min",
/// "2 h", "1 h 30" in French (as French writes times), "1 h 30 min" in English.
pub fn format_duration(minutes: u32, lang: Lang) -> String {
    let (hours, minutes) = (minutes / 60, minutes % 60);
    match (hours, minutes, lang) {
        (0, m, _) => format!("{m}\u{a0}min"),
        (h, 0, _) => format!("{h}\u{a0}h"),
        (h, m, Lang::Fr) => format!("{h}\u{a0}h\u{a0}{m:02}"),
        (h, m, Lang::En) => format!("{h}\u{a0}h\u{a0}{m}\u{a0}min"),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn times_read_on_a_24_hour_clock_at_the_device_offset() {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 8, 30, 0).unwrap();
        assert_eq!(format_time(at, 60, Lang::Fr), "09:30");
        assert_eq!(format_time(at, 60, Lang::En), "09:30");
        assert_eq!(format_time(at, -5 * 60, Lang::En), "03:30");
        // 23:30 UTC is past midnight in Paris in summer.
        let late = Utc.with_ymd_and_hms(2026, 7, 1, 23, 30, 0).unwrap();
        assert_eq!(format_time(late, 120, Lang::Fr), "01:30");
    }

    #[test]
    fn durations_read_naturally_in_each_language() {
        let nb = |s: &str| s.replace(' ', "\u{a0}");
        assert_eq!(format_duration(45, Lang::Fr), nb("45 min"));
        assert_eq!(format_duration(0, Lang::En), nb("0 min"));
        assert_eq!(format_duration(120, Lang::Fr), nb("2 h"));
        assert_eq!(format_duration(90, Lang::Fr), nb("1 h 30"));
        assert_eq!(format_duration(65, Lang::Fr), nb("1 h 05"));
        assert_eq!(format_duration(90, Lang::En), nb("1 h 30 min"));
        assert_eq!(format_duration(65, Lang::En), nb("1 h 5 min"));
        assert_eq!(format_duration(24 * 60, Lang::En), nb("24 h"));
    }
}
