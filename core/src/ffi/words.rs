//! Words and numbers as the core defines them, for the apps' forms and screens: amounts, counts,
//! percentages, days, times and durations typed and shown the same way on every shell.

use super::types::{LocalDate, Timestamp};
use crate::i18n::{self, Lang, Message};
use crate::model::{BadgeCard, Field};
use crate::sync::EnrollmentLink;

use super::TourneeError;

/// An amount typed in `lang` ("1 250,50 €", "1,250.50") to cents; an ambiguous or malformed one is
/// refused as `Invalid`, naming `field`, told in `lang`.
#[uniffi::export]
pub fn parse_amount(field: Field, text: String, lang: Lang) -> Result<i64, TourneeError> {
    i18n::parse_amount(field, &text, lang).map_err(|v| TourneeError::invalid(v, lang))
}

/// Cents as a form shows them: "1 250,50" in French, "1,250.50" in English.
#[uniffi::export]
pub fn format_amount(cents: i64, lang: Lang) -> String {
    i18n::format_amount(cents, lang)
}

/// Cents with the currency: "1 250,50 €" in French, "€1,250.50" in English.
#[uniffi::export]
pub fn format_money(cents: i64, lang: Lang) -> String {
    i18n::format_money(cents, lang)
}

/// A day in a sentence or a list: "01/03/2026" in French, "1 Mar 2026" in English.
#[uniffi::export]
pub fn format_date(day: LocalDate, lang: Lang) -> String {
    i18n::format_date(day, lang)
}

/// A day as a screen's title: "Lundi 2 mars" in French, "Monday 2 March" in English.
#[uniffi::export]
pub fn format_day_title(day: LocalDate, lang: Lang) -> String {
    i18n::format_day_title(day, lang)
}

/// A whole number: "1 234" in French (narrow no-break spaces), "1,234" in English.
#[uniffi::export]
pub fn format_count(value: i64, lang: Lang) -> String {
    i18n::format_count(value, lang)
}

/// A percentage with one decimal at most: "42,5 %" in French (a no-break space before the sign),
/// "42.5%" in English.
#[uniffi::export]
pub fn format_percent(value: f64, lang: Lang) -> String {
    i18n::format_percent(value, lang)
}

/// A duration: "45 min", "2 h", "1 h 30" in French, "1 h 30 min" in English (no-break spaces).
#[uniffi::export]
pub fn format_duration(minutes: u32, lang: Lang) -> String {
    i18n::format_duration(minutes, lang)
}

/// The time of day of `at` on a device `utc_offset_minutes` ahead of UTC (the offset of the screen's
/// time zone at that instant, or the one a visit was logged with), on a 24-hour clock in both
/// languages: "09:30".
#[uniffi::export]
pub fn format_time(at: Timestamp, utc_offset_minutes: i32, lang: Lang) -> String {
    i18n::format_time(at, utc_offset_minutes, lang)
}

/// A sentence of the apps' screens in `lang`: "3 modifications à synchroniser", "overdue since
/// 1 Mar 2026", "Visite enregistrée, commande de 1 200,50 €"…
#[uniffi::export]
pub fn say(message: Message, lang: Lang) -> String {
    message.say(lang)
}

/// What the text of a trade-show badge's QR code (a vCard 2.1, 3.0 or 4.0, or a MECARD) says about
/// its wearer; text that is no badge, or names nobody, is refused as `Invalid` (field `Badge`), told
/// in `lang`.
#[uniffi::export]
pub fn parse_badge(text: String, lang: Lang) -> Result<BadgeCard, TourneeError> {
    BadgeCard::parse(&text).map_err(|v| TourneeError::invalid(v, lang))
}

/// What an enrollment QR code says: the server and the one-time code
/// (`tournee:enroll?server=…&code=…`), or the code alone; other text is refused as `Invalid` (field
/// `EnrollmentCode`), told in `lang`.
#[uniffi::export]
pub fn parse_enrollment_link(text: String, lang: Lang) -> Result<EnrollmentLink, TourneeError> {
    EnrollmentLink::parse(&text).map_err(|v| TourneeError::invalid(v, lang))
}
