//! Words and numbers as the core defines them, for the apps' forms and screens: amounts typed and
//! shown the same way on every shell.

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
