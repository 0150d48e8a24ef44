//! Words and numbers as the core defines them, for the apps' forms and screens: amounts and days
//! typed and shown the same way on every shell.

use super::types::LocalDate;
use crate::i18n::{self, Lang};

use super::TourneeError;

/// An amount typed in `lang` ("1 250,50 €", "1,250.50") to cents; an ambiguous or malformed one is
/// refused as `Invalid`, naming `field`, with the reason in both languages.
#[uniffi::export]
pub fn parse_amount(field: String, text: String, lang: Lang) -> Result<i64, TourneeError> {
    Ok(i18n::parse_amount(&field, &text, lang).map_err(crate::Error::from)?)
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
