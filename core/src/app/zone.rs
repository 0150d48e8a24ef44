//! The device's time zone: the one setting that says which calendar day it is on the device, so
//! "today", the agenda and the weekly windows follow the person, not the server or UTC. An IANA
//! name (`Europe/Paris`, what Android and iOS report) or, unset, the system's. Instants stay UTC in
//! the records; a visit keeps the offset of its zone at that instant (ARCHITECTURE.md rule 10).

use chrono::{DateTime, Local, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

use crate::model::{Field, Reason, ValidationError};

/// A time zone to read the clock in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    /// The operating system's (the TZ variable, /etc/localtime).
    #[default]
    System,
    /// An IANA zone from the tz database built into the core (chrono-tz).
    Named(chrono_tz::Tz),
}

impl Zone {
    /// An IANA zone name (`Europe/Paris`, `America/Guadeloupe`, `UTC`), or the system's for an
    /// empty name; an unknown name is refused naming the field.
    pub fn parse(name: &str) -> Result<Zone, ValidationError> {
        let name = name.trim();
        if name.is_empty() {
            return Ok(Zone::System);
        }
        name.parse::<chrono_tz::Tz>().map(Zone::Named).map_err(|_| {
            ValidationError::new(Field::TimeZone, Reason::UnknownTimeZone { name: name.to_owned() })
        })
    }

    /// Its IANA name; `None` for the system's.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Zone::System => None,
            Zone::Named(tz) => Some(tz.name()),
        }
    }

    /// Its offset from UTC at `at`, in minutes (daylight saving included).
    pub fn offset_minutes(self, at: DateTime<Utc>) -> i32 {
        let seconds = match self {
            Zone::System => at.with_timezone(&Local).offset().fix().local_minus_utc(),
            Zone::Named(tz) => at.with_timezone(&tz).offset().fix().local_minus_utc(),
        };
        seconds / 60
    }

    /// The calendar day it is at `at` in this zone.
    pub fn day_at(self, at: DateTime<Utc>) -> NaiveDate {
        match self {
            Zone::System => at.with_timezone(&Local).date_naive(),
            Zone::Named(tz) => at.with_timezone(&tz).date_naive(),
        }
    }

    /// Today in this zone.
    pub fn today(self) -> NaiveDate {
        self.day_at(Utc::now())
    }

    /// A local date and time in this zone as its UTC instant and the zone's offset then; the
    /// earlier of two when the clocks went back; refused with [`Reason::SkippedLocalTime`] in the
    /// hour they skipped.
    pub fn from_local(self, local: NaiveDateTime) -> Result<(DateTime<Utc>, i32), Reason> {
        let at = match self {
            Zone::System => earlier(Local.from_local_datetime(&local)),
            Zone::Named(tz) => earlier(tz.from_local_datetime(&local)),
        }
        .ok_or_else(|| Reason::SkippedLocalTime { text: local.format("%Y-%m-%d %H:%M").to_string() })?;
        Ok((at, self.offset_minutes(at)))
    }
}

/// The earlier instant of a local time that happens twice. `LocalResult::earliest` is not that:
/// it gives the first of the pair as the zone lists them, and chrono's `Local` (the system's zone)
/// lists the later first (Paris, 2026-10-25 02:30: 01:30 UTC before 00:30 UTC).
fn earlier<T: TimeZone>(found: LocalResult<DateTime<T>>) -> Option<DateTime<Utc>> {
    match found {
        LocalResult::Single(at) => Some(at.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(a.with_timezone(&Utc).min(b.with_timezone(&Utc))),
        LocalResult::None => None,
    }
}

/// Where the device keeps its zone's name (the store's device settings, beside its identity).
const TIME_ZONE_KEY: &str = "device_time_zone";

impl super::Session {
    /// The device's time zone: the one set with [`set_time_zone`](Self::set_time_zone), else the
    /// system's. A name the tz database no longer knows reads as the system's (and is logged).
    pub fn time_zone(&self) -> crate::Result<Zone> {
        let name = self.store().sync_value(TIME_ZONE_KEY)?.and_then(|v| String::from_utf8(v).ok());
        Ok(match name.as_deref().map(Zone::parse) {
            None => Zone::System,
            Some(Ok(zone)) => zone,
            Some(Err(e)) => {
                tracing::warn!("the device's time zone is unknown, the system's is used: {e}");
                Zone::System
            }
        })
    }

    /// Sets the device's time zone by IANA name (what the platform reports), or back to the
    /// system's with `None` or an empty name. An unknown name is refused and changes nothing.
    pub fn set_time_zone(&self, name: Option<&str>) -> crate::Result<Zone> {
        let zone = Zone::parse(name.unwrap_or(""))?;
        self.store().set_sync_value(TIME_ZONE_KEY, zone.name().unwrap_or("").as_bytes())?;
        Ok(zone)
    }

    /// Today on this device: the day the agenda, the follow-ups and the weekly dashboard start from.
    pub fn today(&self) -> crate::Result<NaiveDate> {
        Ok(self.time_zone()?.today())
    }
}

#[cfg(test)]
mod tests {
    use chrono::FixedOffset;

    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_named_zone_says_which_day_it_is_there_and_its_offset_with_daylight_saving() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        assert_eq!(paris.name(), Some("Europe/Paris"));
        // 23:30 UTC on Sunday 15 March is already Monday in Paris: a new week.
        let late = utc("2026-03-15T23:30:00Z");
        assert_eq!(paris.day_at(late), NaiveDate::from_ymd_opt(2026, 3, 16).unwrap());
        assert_eq!(paris.offset_minutes(late), 60);
        assert_eq!(paris.offset_minutes(utc("2026-07-01T12:00:00Z")), 120);
        let reunion = Zone::parse("Indian/Reunion").unwrap();
        assert_eq!(reunion.offset_minutes(late), 240);
        let guadeloupe = Zone::parse("America/Guadeloupe").unwrap();
        assert_eq!(
            guadeloupe.day_at(utc("2026-03-16T02:00:00Z")),
            NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
        );
        let ten = NaiveDate::from_ymd_opt(2026, 3, 18).unwrap().and_hms_opt(10, 0, 0).unwrap();
        assert_eq!(paris.from_local(ten), Ok((utc("2026-03-18T09:00:00Z"), 60)));
    }

    #[test]
    fn a_time_that_happens_twice_is_the_earlier_and_a_skipped_time_is_refused_as_such() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        let local = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap().and_hms_opt(2, 30, 0).unwrap();
        // 02:30 on 25 October 2026 happens at 00:30 UTC (summer time) and again at 01:30 UTC.
        assert_eq!(paris.from_local(local(10, 25)), Ok((utc("2026-10-25T00:30:00Z"), 120)));
        // In whichever order the zone gives the two (the system's gives the later first).
        let (summer, winter) = (FixedOffset::east_opt(7200).unwrap(), FixedOffset::east_opt(3600).unwrap());
        let twice = |first: FixedOffset, second: FixedOffset| {
            LocalResult::Ambiguous(
                first.from_local_datetime(&local(10, 25)).unwrap(),
                second.from_local_datetime(&local(10, 25)).unwrap(),
            )
        };
        assert_eq!(earlier(twice(winter, summer)), Some(utc("2026-10-25T00:30:00Z")));
        assert_eq!(earlier(twice(summer, winter)), Some(utc("2026-10-25T00:30:00Z")));
        // 02:30 on 29 March 2026 does not exist in Paris (the clocks jump from 02:00 to 03:00).
        let reason = paris.from_local(local(3, 29)).unwrap_err();
        assert_eq!(reason, Reason::SkippedLocalTime { text: "2026-03-29 02:30".into() });
        assert_eq!(
            reason.message(crate::i18n::Lang::En),
            "\"2026-03-29 02:30\" does not exist on that day: the clocks go forward over that hour"
        );
        assert_eq!(
            reason.message(crate::i18n::Lang::Fr),
            "« 2026-03-29 02:30 » n'existe pas ce jour-là : les horloges avancent d'une heure à ce moment"
        );
    }

    #[test]
    fn the_device_keeps_its_zone_and_refuses_an_unknown_one_without_changing_it() {
        let (_dir, session, _) = crate::app::tests::session();
        assert_eq!(session.time_zone().unwrap(), Zone::System);
        let zone = session.set_time_zone(Some("Pacific/Kiritimati")).unwrap();
        assert_eq!(session.time_zone().unwrap(), zone);
        assert_eq!(session.today().unwrap(), zone.today());
        assert!(matches!(session.set_time_zone(Some("Mars/Olympus")), Err(crate::Error::Invalid(_))));
        assert_eq!(session.time_zone().unwrap().name(), Some("Pacific/Kiritimati"));
        session.set_time_zone(None).unwrap();
        assert_eq!(session.time_zone().unwrap(), Zone::System);
    }

    #[test]
    fn an_unknown_zone_is_refused_and_no_name_is_the_system_s() {
        let e = Zone::parse("Europe/Lyon").unwrap_err();
        assert_eq!(
            (e.field, e.reason.clone()),
            (Field::TimeZone, Reason::UnknownTimeZone { name: "Europe/Lyon".into() })
        );
        assert_eq!(
            e.message(crate::i18n::Lang::Fr),
            "Fuseau horaire : « Europe/Lyon » n'est pas un fuseau connu (par ex. Europe/Paris)"
        );
        assert_eq!(Zone::parse(" ").unwrap(), Zone::System);
        assert_eq!(Zone::System.name(), None);
    }
}
