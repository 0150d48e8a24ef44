//! Refusals in the user's language: "Montant de la commande : « 1.250 » est ambigu…", from the
//! field's label and the reason's message in the core's catalog.

use super::catalog::{say, Arg};
use super::{label, Lang};
use crate::model::{Field, Reason, ValidationError};

impl Field {
    /// The field as a form labels it: "Montant de la commande", "Order amount".
    pub fn label(self, lang: Lang) -> String {
        label(self, lang)
    }
}

impl Reason {
    /// Why the field was refused, as a sentence that follows the field's label: "ne doit pas être
    /// négatif", "is 250 characters long, the limit is 200".
    pub fn message(&self, lang: Lang) -> String {
        say(lang, self.id(), &self.args(lang))
    }

    fn id(&self) -> &'static str {
        match self {
            Reason::Required => "reason-required",
            Reason::NoVisibleCharacter => "reason-no-visible-character",
            Reason::TooLong { .. } => "reason-too-long",
            Reason::ControlCharacters => "reason-control-characters",
            Reason::ForbiddenCharacter { .. } => "reason-forbidden-character",
            Reason::TooMany { .. } => "reason-too-many",
            Reason::Negative => "reason-negative",
            Reason::TooLarge => "reason-too-large",
            Reason::YearOutside { .. } => "reason-year-outside",
            Reason::UtcOffsetOutOfRange => "reason-utc-offset-out-of-range",
            Reason::NotAnEmail => "reason-not-an-email",
            Reason::NotAPhone => "reason-not-a-phone",
            Reason::NotAnId => "reason-not-an-id",
            Reason::NotARegistrationNumber => "reason-not-a-registration-number",
            Reason::NotAPercentage => "reason-not-a-percentage",
            Reason::LongerThanADay => "reason-longer-than-a-day",
            Reason::NotAnAmount { .. } => "reason-not-an-amount",
            Reason::AmbiguousAmount { .. } => "reason-ambiguous-amount",
            Reason::TooManyDecimals { .. } => "reason-too-many-decimals",
            Reason::BeforeStart => "reason-before-start",
            Reason::EndsBeforeStart => "reason-ends-before-start",
            Reason::OnlyForProspects => "reason-only-for-prospects",
            Reason::MarginAboveOrder => "reason-margin-above-order",
            Reason::PlannedWithResult => "reason-planned-with-result",
            Reason::NotYourVisit => "reason-not-your-visit",
            Reason::NextStepOfAnotherAccount => "reason-next-step-of-another-account",
            Reason::QualifiedLeadWithoutAccount => "reason-qualified-lead-without-account",
            Reason::AccountOfUnqualifiedLead => "reason-account-of-unqualified-lead",
            Reason::LeadNotNew { .. } => "reason-lead-not-new",
            Reason::MergedIntoItself => "reason-merged-into-itself",
            Reason::AlreadyMerged { .. } => "reason-already-merged",
            Reason::NewAccountAlreadyMerged => "reason-new-account-already-merged",
            Reason::ConflictEntryGone => "reason-conflict-entry-gone",
            Reason::NotAConflictingValue => "reason-not-a-conflicting-value",
            Reason::ResolutionDoesNotFit => "reason-resolution-does-not-fit",
            Reason::NotABadge => "reason-not-a-badge",
            Reason::EmptyBadge => "reason-empty-badge",
            Reason::NotAnEnrollmentCode => "reason-not-an-enrollment-code",
            Reason::UnknownValue { .. } => "reason-unknown-value",
            Reason::NoSuchColumn { .. } => "reason-no-such-column",
            Reason::NoColumn => "reason-no-column",
            Reason::EmptyFile => "reason-empty-file",
            Reason::SetByManagers => "reason-set-by-managers",
            Reason::UnknownTimeZone { .. } => "reason-unknown-time-zone",
            Reason::NoSuchAccount { .. } => "reason-no-such-account",
            Reason::NotADate { .. } => "reason-not-a-date",
            Reason::SkippedLocalTime { .. } => "reason-skipped-local-time",
        }
    }

    fn args(&self, lang: Lang) -> Vec<(&'static str, Arg<'static>)> {
        match self {
            Reason::TooLong { length, max } => vec![("length", (*length).into()), ("max", (*max).into())],
            Reason::TooMany { count, max } => vec![("count", (*count).into()), ("max", (*max).into())],
            Reason::ForbiddenCharacter { character } => vec![("character", character.clone().into())],
            // Years are not counts: no thousands separator in "2026".
            Reason::YearOutside { year, min, max } => vec![
                ("year", year.to_string().into()),
                ("min", min.to_string().into()),
                ("max", max.to_string().into()),
            ],
            Reason::NotAnAmount { text }
            | Reason::AmbiguousAmount { text }
            | Reason::TooManyDecimals { text }
            | Reason::NotADate { text }
            | Reason::SkippedLocalTime { text } => {
                vec![("text", text.clone().into())]
            }
            Reason::LeadNotNew { status } => vec![("status", label(*status, lang).into())],
            Reason::AlreadyMerged { account_id } => vec![("account", account_id.clone().into())],
            Reason::UnknownValue { text, accepted } => {
                vec![("text", text.clone().into()), ("accepted", accepted.clone().into())]
            }
            Reason::NoSuchColumn { column } => vec![("column", column.clone().into())],
            Reason::UnknownTimeZone { name } => vec![("name", name.clone().into())],
            Reason::NoSuchAccount { reference } => vec![("reference", reference.clone().into())],
            _ => Vec::new(),
        }
    }
}

impl ValidationError {
    /// The refusal as a form shows it: the field's label and why.
    pub fn message(&self, lang: Lang) -> String {
        let (field, reason) = (self.field.label(lang), self.reason.message(lang));
        say(lang, "validation-error", &[("field", field.into()), ("reason", reason.into())])
    }
}

/// Every reason, once, for the catalog's tests.
#[cfg(test)]
pub(super) fn every_reason() -> Vec<Reason> {
    use crate::model::LeadStatus;
    let text = || "1.250".to_owned();
    vec![
        Reason::Required,
        Reason::NoVisibleCharacter,
        Reason::TooLong { length: 250, max: 200 },
        Reason::ControlCharacters,
        Reason::ForbiddenCharacter { character: "|".into() },
        Reason::TooMany { count: 51, max: 50 },
        Reason::Negative,
        Reason::TooLarge,
        Reason::YearOutside { year: 1999, min: 2000, max: 2100 },
        Reason::UtcOffsetOutOfRange,
        Reason::NotAnEmail,
        Reason::NotAPhone,
        Reason::NotAnId,
        Reason::NotARegistrationNumber,
        Reason::NotAPercentage,
        Reason::LongerThanADay,
        Reason::NotAnAmount { text: text() },
        Reason::AmbiguousAmount { text: text() },
        Reason::TooManyDecimals { text: text() },
        Reason::BeforeStart,
        Reason::EndsBeforeStart,
        Reason::OnlyForProspects,
        Reason::MarginAboveOrder,
        Reason::PlannedWithResult,
        Reason::NotYourVisit,
        Reason::NextStepOfAnotherAccount,
        Reason::QualifiedLeadWithoutAccount,
        Reason::AccountOfUnqualifiedLead,
        Reason::LeadNotNew { status: LeadStatus::Qualified },
        Reason::MergedIntoItself,
        Reason::AlreadyMerged { account_id: "a1".into() },
        Reason::NewAccountAlreadyMerged,
        Reason::ConflictEntryGone,
        Reason::NotAConflictingValue,
        Reason::ResolutionDoesNotFit,
        Reason::NotABadge,
        Reason::EmptyBadge,
        Reason::NotAnEnrollmentCode,
        Reason::UnknownValue { text: "clien".into(), accepted: "client, prospect".into() },
        Reason::NoSuchColumn { column: "Code client".into() },
        Reason::NoColumn,
        Reason::EmptyFile,
        Reason::SetByManagers,
        Reason::UnknownTimeZone { name: "Europe/Lyon".into() },
        Reason::NoSuchAccount { reference: "C0042".into() },
        Reason::NotADate { text: "31/02/2026".into() },
        Reason::SkippedLocalTime { text: "2026-03-29 02:30".into() },
    ]
}

/// The messages a reason says, with English arguments, for the catalog's tests.
#[cfg(test)]
pub(super) fn said() -> Vec<(String, Vec<(&'static str, Arg<'static>)>)> {
    let mut out: Vec<_> = every_reason().iter().map(|r| (r.id().to_owned(), r.args(Lang::En))).collect();
    out.push((
        "validation-error".to_owned(),
        vec![("field", "Name".into()), ("reason", "is required".into())],
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_read_as_a_form_shows_them() {
        let error = |field, reason| ValidationError::new(field, reason);
        let e = error(Field::OrderMarginCents, Reason::MarginAboveOrder);
        assert_eq!(e.message(Lang::En), "Margin: cannot exceed the order amount");
        assert_eq!(e.message(Lang::Fr), "Marge : ne peut pas dépasser le montant de la commande");
        assert_eq!(e.to_string(), "order_margin_cents: cannot exceed the order amount");
        let e = error(Field::Notes, Reason::TooLong { length: 20_001, max: 20_000 });
        assert_eq!(e.message(Lang::En), "Notes: is 20,001 characters long, the limit is 20,000");
        assert_eq!(e.message(Lang::Fr), "Notes : fait 20\u{202f}001 caractères, la limite est 20\u{202f}000");
        let e = error(Field::DueOn, Reason::YearOutside { year: 1999, min: 2000, max: 2100 });
        assert_eq!(e.message(Lang::En), "Due date: the year 1999 is not between 2000 and 2100");
        let e = error(Field::Status, Reason::LeadNotNew { status: crate::model::LeadStatus::Discarded });
        assert_eq!(e.message(Lang::Fr), "Statut : le contact salon est déjà écarté");
    }

    #[test]
    fn every_field_has_a_label_of_its_own_in_each_language() {
        for lang in [Lang::En, Lang::Fr] {
            for field in Field::ALL {
                let label = field.label(lang);
                assert!(!label.is_empty() && label != field.code(), "{field} in {lang:?}: {label}");
            }
        }
        assert_eq!(Field::OrderAmountCents.label(Lang::Fr), "Montant de la commande");
        assert_eq!(Field::RevenueProductFamily.label(Lang::En), "Product family");
    }
}
