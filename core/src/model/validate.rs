//! Field checks shared by every record: each failure names the field and says why.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Explicit limits on sizes and counts. A write past one is refused, never truncated.
pub mod limits {
    /// Names, titles, cities, roles: one line of text.
    pub const SHORT_TEXT: usize = 200;
    /// Objectives, next steps, actions: a sentence or two.
    pub const MEDIUM_TEXT: usize = 2_000;
    /// Free notes of a visit, account or lead.
    pub const NOTES: usize = 20_000;
    /// Products discussed in one visit.
    pub const PRODUCTS_PER_VISIT: usize = 50;
    /// Revenue figures kept on one account (e.g. 10 years × 12 months × 10 families).
    pub const REVENUE_FIGURES: usize = 1_200;
    /// Longest visit, in minutes (one day).
    pub const MAX_DURATION_MINUTES: u32 = 24 * 60;
    /// Largest amount, in cents (10 billion in the currency): guards against typos and overflow.
    pub const MAX_AMOUNT_CENTS: i64 = 1_000_000_000_000;
    /// Earliest and latest years accepted for any date.
    pub const MIN_YEAR: i32 = 2000;
    pub const MAX_YEAR: i32 = 2100;
    /// UTC offsets exist between -12:00 and +14:00.
    pub const MIN_OFFSET_MINUTES: i32 = -12 * 60;
    pub const MAX_OFFSET_MINUTES: i32 = 14 * 60;
}

/// A refused write: which field, and why, in English and in French.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct ValidationError {
    pub field: String,
    pub reason: String,
    pub reason_fr: String,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>, reason_fr: impl Into<String>) -> Self {
        ValidationError { field: field.into(), reason: reason.into(), reason_fr: reason_fr.into() }
    }

    /// Why the field was refused, in the user's language.
    pub fn reason_in(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En => &self.reason,
            crate::i18n::Lang::Fr => &self.reason_fr,
        }
    }
}

pub(crate) type Check = Result<(), ValidationError>;

pub(crate) fn required(field: &str, value: &str, max: usize) -> Check {
    if value.trim().is_empty() {
        return Err(ValidationError::new(field, "is required", "est obligatoire"));
    }
    max_len(field, value, max)?;
    if value.chars().all(is_invisible) {
        return Err(ValidationError::new(
            field,
            "has no visible character",
            "ne contient aucun caractère visible",
        ));
    }
    Ok(())
}

/// The name of a team, a user or a device: required, one line, something a person can read.
pub fn display_name(field: &str, value: &str) -> Check {
    if value.chars().any(char::is_control) {
        return Err(ValidationError::new(
            field,
            "contains control characters",
            "contient des caractères de contrôle",
        ));
    }
    required(field, value, limits::SHORT_TEXT)
}

/// Characters that draw nothing on their own: controls, spaces, combining marks (a lone accent),
/// format characters (zero-width spaces and joiners, bidirectional marks and overrides, the byte
/// order mark, invisible operators, tags, variation selectors) and the letters that render blank.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || unicode_normalization::char::is_combining_mark(c)
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{E0000}'..='\u{E0FFF}')
}

pub(crate) fn max_len(field: &str, value: &str, max: usize) -> Check {
    let len = value.chars().count();
    if len > max {
        return Err(ValidationError::new(
            field,
            format!("is {len} characters long, the limit is {max}"),
            format!("fait {len} caractères, la limite est {max}"),
        ));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        return Err(ValidationError::new(
            field,
            "contains control characters",
            "contient des caractères de contrôle",
        ));
    }
    Ok(())
}

pub(crate) fn opt_len(field: &str, value: &Option<String>, max: usize) -> Check {
    value.as_deref().map_or(Ok(()), |v| max_len(field, v, max))
}

pub(crate) fn amount(field: &str, cents: i64) -> Check {
    if cents < 0 {
        return Err(ValidationError::new(field, "must not be negative", "ne doit pas être négatif"));
    }
    if cents > limits::MAX_AMOUNT_CENTS {
        return Err(ValidationError::new(
            field,
            "is larger than the accepted maximum",
            "dépasse le maximum accepté",
        ));
    }
    Ok(())
}

pub(crate) fn opt_amount(field: &str, cents: Option<i64>) -> Check {
    cents.map_or(Ok(()), |c| amount(field, c))
}

pub(crate) fn date(field: &str, day: NaiveDate) -> Check {
    if !(limits::MIN_YEAR..=limits::MAX_YEAR).contains(&day.year()) {
        return Err(ValidationError::new(
            field,
            format!("year {} is outside {}..={}", day.year(), limits::MIN_YEAR, limits::MAX_YEAR),
            format!("l'année {} est hors de {}..={}", day.year(), limits::MIN_YEAR, limits::MAX_YEAR),
        ));
    }
    Ok(())
}

pub(crate) fn instant(field: &str, at: DateTime<Utc>) -> Check {
    date(field, at.date_naive())
}

pub(crate) fn utc_offset(field: &str, minutes: i32) -> Check {
    if !(limits::MIN_OFFSET_MINUTES..=limits::MAX_OFFSET_MINUTES).contains(&minutes) {
        return Err(ValidationError::new(
            field,
            "must be between -12:00 and +14:00",
            "doit être entre -12:00 et +14:00",
        ));
    }
    Ok(())
}

pub(crate) fn email(field: &str, value: &Option<String>) -> Check {
    let Some(v) = value.as_deref() else { return Ok(()) };
    max_len(field, v, limits::SHORT_TEXT)?;
    let mut parts = v.split('@');
    let (local, domain) = (parts.next().unwrap_or(""), parts.next());
    match domain {
        Some(d)
            if !local.is_empty()
                && d.contains('.')
                && !d.starts_with('.')
                && !d.ends_with('.')
                && parts.next().is_none()
                && !v.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err(ValidationError::new(field, "is not an email address", "n'est pas une adresse e-mail")),
    }
}

pub(crate) fn phone(field: &str, value: &Option<String>) -> Check {
    let Some(v) = value.as_deref() else { return Ok(()) };
    max_len(field, v, 40)?;
    let ok = v.chars().all(|c| c.is_ascii_digit() || " +-.()/".contains(c))
        && v.chars().filter(char::is_ascii_digit).count() >= 4;
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(field, "is not a phone number", "n'est pas un numéro de téléphone"))
    }
}

pub(crate) fn id(field: &str, value: &str) -> Check {
    if value.is_empty()
        || value.len() > 64
        || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ValidationError::new(field, "is not a valid id", "n'est pas un identifiant valide"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_made_only_of_invisible_characters_are_refused() {
        for name in
            ["\0", "\u{7}", "\u{200B}", "\u{202E}", "\u{FEFF}", "\u{301}", "\u{200B} \u{2060}", "\u{3164}"]
        {
            let err = display_name("device_name", name).unwrap_err();
            assert_eq!(err.field, "device_name", "{name:?}");
        }
        assert_eq!(display_name("name", "Nord\u{7}").unwrap_err().reason, "contains control characters");
        assert_eq!(display_name("name", "\u{200B}").unwrap_err().reason, "has no visible character");
        for name in ["Nord", "Équipe Île-de-France", "é", "e\u{301}", "北京", "🚗", "R&D", "\u{202E}Nord"]
        {
            assert_eq!(display_name("name", name), Ok(()), "{name:?}");
        }
    }

    #[test]
    fn text_checks_name_the_field() {
        assert_eq!(required("name", "  ", 10).unwrap_err().field, "name");
        let too_long = required("name", "Boulangerie", 10).unwrap_err();
        assert!(too_long.reason.contains("limit is 10"));
        assert!(too_long.reason_in(crate::i18n::Lang::Fr).contains("la limite est 10"));
        assert!(max_len("notes", "a\u{0}b", 10).is_err());
        assert!(max_len("notes", "ligne 1\nligne 2", 100).is_ok());
    }

    #[test]
    fn emails_and_phones() {
        assert!(email("email", &Some("anne@exemple.fr".into())).is_ok());
        for bad in ["anne", "@exemple.fr", "anne@exemple", "a b@c.fr", "a@b@c.fr"] {
            assert!(email("email", &Some(bad.into())).is_err(), "{bad}");
        }
        assert!(phone("phone", &Some("+33 6 12 34 56 78".into())).is_ok());
        assert!(phone("phone", &Some("call me".into())).is_err());
    }

    #[test]
    fn amounts_and_dates() {
        assert!(amount("order_amount_cents", -1).is_err());
        assert!(amount("order_amount_cents", 0).is_ok());
        assert!(date("due_on", NaiveDate::from_ymd_opt(1999, 12, 31).unwrap()).is_err());
        assert!(utc_offset("utc_offset_minutes", 15 * 60).is_err());
        assert!(utc_offset("utc_offset_minutes", 60).is_ok());
    }
}
