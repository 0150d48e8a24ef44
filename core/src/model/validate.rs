//! Field checks shared by every record: each failure names the field and says why.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::Field;

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

/// Why a field was refused, with what the message needs ([`message`](Reason::message) words it).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Reason {
    Required,
    NoVisibleCharacter,
    TooLong {
        length: u32,
        max: u32,
    },
    ControlCharacters,
    /// A character the field may not hold (`|` separates revenue keys).
    ForbiddenCharacter {
        character: String,
    },
    /// A list with more entries than its limit.
    TooMany {
        count: u32,
        max: u32,
    },
    Negative,
    /// An amount past [`limits::MAX_AMOUNT_CENTS`].
    TooLarge,
    YearOutside {
        year: i32,
        min: i32,
        max: i32,
    },
    UtcOffsetOutOfRange,
    NotAnEmail,
    NotAPhone,
    NotAnId,
    NotARegistrationNumber,
    NotAPercentage,
    LongerThanADay,
    /// Typed text that is no amount (`text` is what was typed).
    NotAnAmount {
        text: String,
    },
    /// "1.250" could be 1250 or 1.25: refused, never guessed.
    AmbiguousAmount {
        text: String,
    },
    TooManyDecimals {
        text: String,
    },
    /// The end of a period before its start.
    BeforeStart,
    /// A period that ends before it starts.
    EndsBeforeStart,
    /// A need horizon on an account that is not a prospect.
    OnlyForProspects,
    MarginAboveOrder,
    /// A planned visit with an outcome or an order.
    PlannedWithResult,
    /// A rep writing another rep's visit report.
    NotYourVisit,
    /// A visit's next step for another account than the visit's.
    NextStepOfAnotherAccount,
    QualifiedLeadWithoutAccount,
    AccountOfUnqualifiedLead,
    LeadNotNew {
        status: super::LeadStatus,
    },
    MergedIntoItself,
    AlreadyMerged {
        account_id: String,
    },
    NewAccountAlreadyMerged,
    /// The record field a conflict was on is gone.
    ConflictEntryGone,
    NotAConflictingValue,
    ResolutionDoesNotFit,
    /// Text that is neither a vCard nor a MECARD.
    NotABadge,
    /// A badge naming nobody: no name, company, phone or email.
    EmptyBadge,
    /// Scanned text that is neither an enrollment link nor a one-time code.
    NotAnEnrollmentCode,
    /// Text that names none of the values a coded field takes (`accepted` lists them, in the
    /// user's language, as the message shows them).
    UnknownValue {
        text: String,
        accepted: String,
    },
    /// A column mapping names a column the file does not have.
    NoSuchColumn {
        column: String,
    },
    /// No column of an imported file holds this field (and no mapping names one).
    NoColumn,
    /// An imported file with no line to import.
    EmptyFile,
    /// Objectives are set by managers: a rep's device does not write them (the server would refuse).
    SetByManagers,
    /// An imported row names an account this device does not hold.
    NoSuchAccount {
        reference: String,
    },
    /// A time zone name the tz database does not know.
    UnknownTimeZone {
        name: String,
    },
    /// Text that is no day (`text` is what was read).
    NotADate {
        text: String,
    },
    /// A local time the clocks skip that day (the change to summer time): it never happens there.
    SkippedLocalTime {
        text: String,
    },
}

/// A refused write: which field, and why. [`message`](ValidationError::message) says it in the
/// user's language; `Display` gives the field's code and the English reason, for logs and the
/// server's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    pub field: Field,
    pub reason: Reason,
}

impl ValidationError {
    pub fn new(field: Field, reason: Reason) -> Self {
        ValidationError { field, reason }
    }
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.reason.message(crate::i18n::Lang::En))
    }
}

impl std::error::Error for ValidationError {}

pub(crate) type Check = Result<(), ValidationError>;

pub(crate) fn required(field: Field, value: &str, max: usize) -> Check {
    if value.trim().is_empty() {
        return Err(ValidationError::new(field, Reason::Required));
    }
    max_len(field, value, max)?;
    if value.chars().all(is_invisible) {
        return Err(ValidationError::new(field, Reason::NoVisibleCharacter));
    }
    Ok(())
}

/// The name of a team, a user or a device: required, one line, something a person can read.
pub fn display_name(field: Field, value: &str) -> Check {
    if value.chars().any(char::is_control) {
        return Err(ValidationError::new(field, Reason::ControlCharacters));
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

pub(crate) fn max_len(field: Field, value: &str, max: usize) -> Check {
    let len = value.chars().count();
    if len > max {
        return Err(ValidationError::new(field, Reason::TooLong { length: count(len), max: count(max) }));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
        return Err(ValidationError::new(field, Reason::ControlCharacters));
    }
    Ok(())
}

/// A length or a count as the reasons carry it.
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(crate) fn opt_len(field: Field, value: &Option<String>, max: usize) -> Check {
    value.as_deref().map_or(Ok(()), |v| max_len(field, v, max))
}

pub(crate) fn amount(field: Field, cents: i64) -> Check {
    if cents < 0 {
        return Err(ValidationError::new(field, Reason::Negative));
    }
    if cents > limits::MAX_AMOUNT_CENTS {
        return Err(ValidationError::new(field, Reason::TooLarge));
    }
    Ok(())
}

pub(crate) fn opt_amount(field: Field, cents: Option<i64>) -> Check {
    cents.map_or(Ok(()), |c| amount(field, c))
}

pub(crate) fn date(field: Field, day: NaiveDate) -> Check {
    if !(limits::MIN_YEAR..=limits::MAX_YEAR).contains(&day.year()) {
        let (year, min, max) = (day.year(), limits::MIN_YEAR, limits::MAX_YEAR);
        return Err(ValidationError::new(field, Reason::YearOutside { year, min, max }));
    }
    Ok(())
}

pub(crate) fn instant(field: Field, at: DateTime<Utc>) -> Check {
    date(field, at.date_naive())
}

pub(crate) fn utc_offset(field: Field, minutes: i32) -> Check {
    if !(limits::MIN_OFFSET_MINUTES..=limits::MAX_OFFSET_MINUTES).contains(&minutes) {
        return Err(ValidationError::new(field, Reason::UtcOffsetOutOfRange));
    }
    Ok(())
}

pub(crate) fn email(field: Field, value: &Option<String>) -> Check {
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
        _ => Err(ValidationError::new(field, Reason::NotAnEmail)),
    }
}

pub(crate) fn phone(field: Field, value: &Option<String>) -> Check {
    let Some(v) = value.as_deref() else { return Ok(()) };
    max_len(field, v, 40)?;
    let ok = v.chars().all(|c| c.is_ascii_digit() || " +-.()/".contains(c))
        && v.chars().filter(char::is_ascii_digit).count() >= 4;
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(field, Reason::NotAPhone))
    }
}

pub(crate) fn id(field: Field, value: &str) -> Check {
    if value.is_empty()
        || value.len() > 64
        || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ValidationError::new(field, Reason::NotAnId));
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
            let err = display_name(Field::DeviceName, name).unwrap_err();
            assert_eq!(err.field, Field::DeviceName, "{name:?}");
        }
        assert_eq!(display_name(Field::Name, "Nord\u{7}").unwrap_err().reason, Reason::ControlCharacters);
        assert_eq!(display_name(Field::Name, "\u{200B}").unwrap_err().reason, Reason::NoVisibleCharacter);
        for name in ["Nord", "Équipe Île-de-France", "é", "e\u{301}", "北京", "🚗", "R&D", "\u{202E}Nord"]
        {
            assert_eq!(display_name(Field::Name, name), Ok(()), "{name:?}");
        }
        // The server answers with the field's code and the reason in English.
        let err = display_name(Field::DeviceName, "\u{7}").unwrap_err();
        assert_eq!(err.to_string(), "device_name: contains control characters");
    }

    #[test]
    fn text_checks_name_the_field() {
        assert_eq!(required(Field::Name, "  ", 10).unwrap_err().field, Field::Name);
        let too_long = required(Field::Name, "Boulangerie", 10).unwrap_err();
        assert_eq!(too_long.reason, Reason::TooLong { length: 11, max: 10 });
        assert!(max_len(Field::Notes, "a\u{0}b", 10).is_err());
        assert!(max_len(Field::Notes, "ligne 1\nligne 2", 100).is_ok());
    }

    #[test]
    fn emails_and_phones() {
        assert!(email(Field::Email, &Some("anne@exemple.fr".into())).is_ok());
        for bad in ["anne", "@exemple.fr", "anne@exemple", "a b@c.fr", "a@b@c.fr"] {
            assert_eq!(
                email(Field::Email, &Some(bad.into())).unwrap_err().reason,
                Reason::NotAnEmail,
                "{bad}"
            );
        }
        assert!(phone(Field::Phone, &Some("+33 6 12 34 56 78".into())).is_ok());
        assert_eq!(phone(Field::Phone, &Some("call me".into())).unwrap_err().reason, Reason::NotAPhone);
    }

    #[test]
    fn amounts_and_dates() {
        assert_eq!(amount(Field::OrderAmountCents, -1).unwrap_err().reason, Reason::Negative);
        assert!(amount(Field::OrderAmountCents, 0).is_ok());
        let old = date(Field::DueOn, NaiveDate::from_ymd_opt(1999, 12, 31).unwrap()).unwrap_err();
        assert_eq!(old.reason, Reason::YearOutside { year: 1999, min: 2000, max: 2100 });
        assert!(utc_offset(Field::UtcOffsetMinutes, 15 * 60).is_err());
        assert!(utc_offset(Field::UtcOffsetMinutes, 60).is_ok());
    }
}
