//! Values typed on the command line: amounts in euros, days, local times, coded values. A bad value
//! is refused naming its option, in the user's language, before anything is opened or written.

use std::fmt::Display;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use tournee_core::app::Zone;
use tournee_core::i18n::Lang;
use tournee_core::insights::Period;
use tournee_core::model::{Field, Reason};

use crate::error::{CliError, Result};
use crate::words::{msg, say};

/// Euros as typed by a French or English speaker ("1250", "1 250,50 €", "1,250.50" in English) to
/// cents, by the core's one definition; an ambiguous amount is refused, naming the option of `field`.
pub fn euros(lang: Lang, field: Field, text: &str) -> Result<i64> {
    Ok(tournee_core::i18n::parse_amount(field, text, lang)?)
}

pub fn whole_number<T: std::str::FromStr>(lang: Lang, field: &str, text: &str) -> Result<T> {
    text.trim().parse().map_err(|_| match text.trim().parse::<i64>() {
        Ok(n) if n < 0 => CliError::invalid(field, Reason::Negative.message(lang)),
        _ => CliError::invalid(field, say!(lang, msg::NOT_A_NUMBER, text = text)),
    })
}

pub fn day(lang: Lang, field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| CliError::invalid(field, say!(lang, msg::NOT_A_DAY, text = text)))
}

/// A local date and time in the device's zone to its UTC instant and the zone's offset then.
pub fn local_time(lang: Lang, zone: Zone, field: &str, text: &str) -> Result<(DateTime<Utc>, i32)> {
    let bad = || CliError::invalid(field, say!(lang, msg::NOT_A_TIME, text = text));
    let naive = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text.trim(), f).ok())
        .ok_or_else(bad)?;
    zone.from_local(naive).map_err(|reason| CliError::invalid(field, reason.message(lang)))
}

/// Now, with the device zone's UTC offset in minutes.
pub fn now(zone: Zone) -> (DateTime<Utc>, i32) {
    let now = tournee_core::model::now();
    (now, zone.offset_minutes(now))
}

/// Today in the device's zone.
pub fn today(zone: Zone) -> NaiveDate {
    zone.today()
}

/// One of the stable codes of `all` (a dash may stand for an underscore: `on-site`).
pub fn code<T: Copy + Display>(lang: Lang, field: &str, text: &str, all: &[T]) -> Result<T> {
    let wanted = text.trim().to_ascii_lowercase().replace('-', "_");
    all.iter().copied().find(|v| v.to_string() == wanted).ok_or_else(|| {
        let choices = all.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        CliError::invalid(field, say!(lang, msg::UNKNOWN_CODE, text = text, choices = choices))
    })
}

/// A period as typed: a month `2026-03`, a quarter `2026-Q2`, a year `2026`, or two days
/// `2026-03-01..2026-03-31`.
pub fn period(lang: Lang, field: &str, text: &str) -> Result<Period> {
    let bad = || CliError::invalid(field, say!(lang, msg::NOT_A_PERIOD, text = text));
    let t = text.trim();
    if let Some((from, to)) = t.split_once("..") {
        let (from, to) = (day(lang, field, from)?, day(lang, field, to)?);
        return Period::custom(from, to).ok_or_else(|| {
            let e = tournee_core::model::ValidationError::new(
                Field::PeriodEnd,
                tournee_core::model::Reason::BeforeStart,
            );
            CliError::Refused { field: field.to_owned(), error: e }
        });
    }
    let first = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad);
    if let Some((year, quarter)) =
        t.split_once(['-', ' ']).filter(|(_, q)| q.starts_with(['Q', 'q', 'T', 't']))
    {
        let year: i32 = year.parse().map_err(|_| bad())?;
        let q: u32 = quarter[1..].parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) {
            return Err(bad());
        }
        return Ok(Period::quarter_of(first(year, q * 3 - 2)?));
    }
    if let Some((year, month)) = t.split_once('-') {
        let (year, month): (i32, u32) = (year.parse().map_err(|_| bad())?, month.parse().map_err(|_| bad())?);
        return Ok(Period::month_of(first(year, month)?));
    }
    let year: i32 = t.parse().map_err(|_| bad())?;
    let start = first(year, 1)?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad)?;
    Ok(Period { start, end })
}

/// Parses an optional value with `parse`.
pub fn opt<T>(value: Option<&String>, parse: impl FnOnce(&str) -> Result<T>) -> Result<Option<T>> {
    value.map(|v| parse(v)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tournee_core::model::Channel;

    #[test]
    fn amounts_in_euros_become_cents() {
        let ok = |t: &str| euros(Lang::En, Field::OrderAmountCents, t).unwrap();
        assert_eq!(ok("1250"), 125_000);
        assert_eq!(ok("1250.5"), 125_050);
        assert_eq!(ok("1 250,50"), 125_050);
        assert_eq!(ok("1\u{202f}250,05 €"), 125_005);
        assert_eq!(ok("€0.99"), 99);
        // The rules are the core's (tests/vectors/amounts.tsv); here: the option is named and the
        // reason is in the user's language.
        for bad in ["", "-5", "12.345", "1,2,3", "douze", "99999999999999999999"] {
            let e = euros(Lang::Fr, Field::OrderAmountCents, bad).unwrap_err();
            assert_eq!(e.field(), Some("--order"), "{bad}");
            let refused =
                tournee_core::i18n::parse_amount(Field::OrderAmountCents, bad, Lang::Fr).unwrap_err();
            let reason = refused.reason.message(Lang::Fr);
            assert!(e.message(Lang::Fr).contains(&reason), "{bad}: {}", e.message(Lang::Fr));
        }
    }

    #[test]
    fn days_times_and_codes() {
        assert_eq!(
            day(Lang::En, "--due", "2026-03-20").unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 20).unwrap()
        );
        assert_eq!(day(Lang::En, "--due", "20/03/2026").unwrap_err().field(), Some("--due"));
        let paris = Zone::parse("Europe/Paris").unwrap();
        let (at, offset) = local_time(Lang::En, paris, "--at", "2026-03-20 09:30").unwrap();
        assert_eq!((at.to_rfc3339(), offset), ("2026-03-20T08:30:00+00:00".to_owned(), 60));
        assert_eq!(local_time(Lang::En, paris, "--at", "9h30").unwrap_err().field(), Some("--at"));
        assert_eq!(
            local_time(Lang::En, paris, "--at", "2026-03-29 02:30").unwrap_err().field(),
            Some("--at")
        );
        assert_eq!(code(Lang::En, "--channel", "On-Site", Channel::ALL).unwrap(), Channel::OnSite);
        let e = code(Lang::En, "--channel", "fax", Channel::ALL).unwrap_err();
        assert!(e.message(Lang::En).contains("on_site, phone"), "{}", e.message(Lang::En));
        assert_eq!(whole_number::<u32>(Lang::En, "--duration", "x").unwrap_err().field(), Some("--duration"));
        let d = |m, dd| NaiveDate::from_ymd_opt(2026, m, dd).unwrap();
        assert_eq!(
            period(Lang::En, "--period", "2026-02").unwrap(),
            Period { start: d(2, 1), end: d(2, 28) }
        );
        assert_eq!(
            period(Lang::En, "--period", "2026-Q2").unwrap(),
            Period { start: d(4, 1), end: d(6, 30) }
        );
        assert_eq!(
            period(Lang::Fr, "--period", "2026-T4").unwrap(),
            Period { start: d(10, 1), end: d(12, 31) }
        );
        assert_eq!(period(Lang::En, "--period", "2026").unwrap(), Period { start: d(1, 1), end: d(12, 31) });
        assert_eq!(
            period(Lang::En, "--period", "2026-03-02..2026-03-08").unwrap(),
            Period { start: d(3, 2), end: d(3, 8) }
        );
        for bad in ["mars", "2026-13", "2026-Q5", "2026-03-08..2026-03-02", ""] {
            assert_eq!(period(Lang::Fr, "--period", bad).unwrap_err().field(), Some("--period"), "{bad}");
        }
    }
}
