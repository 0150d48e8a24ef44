use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check, Reason, ValidationError};
use super::{Channel, Field, InterestLevel, Outcome, VisitStatus};

/// A visit report (compte rendu de visite), or a planned visit on the agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct VisitReport {
    pub id: String,
    pub account_id: String,
    /// The rep who made (or will make) the visit.
    pub rep: String,
    pub status: VisitStatus,
    pub channel: Channel,
    /// Start, in UTC.
    pub started_at: DateTime<Utc>,
    /// The device's UTC offset when the visit was logged: it fixes the local day.
    pub utc_offset_minutes: i32,
    pub duration_minutes: u32,
    pub objective: Option<String>,
    /// Free notes; two devices editing them merge character by character.
    pub notes: String,
    pub outcome: Option<Outcome>,
    pub interest: Option<InterestLevel>,
    pub products: Vec<String>,
    pub order_amount_cents: i64,
    pub order_margin_cents: i64,
    pub next_step: Option<String>,
}

impl VisitReport {
    /// A done visit of `account_id` by `rep` starting now, offset from the device's clock.
    pub fn new(
        account_id: impl Into<String>,
        rep: impl Into<String>,
        channel: Channel,
        started_at: DateTime<Utc>,
    ) -> Self {
        VisitReport {
            id: super::new_id(),
            account_id: account_id.into(),
            rep: rep.into(),
            status: VisitStatus::Done,
            channel,
            started_at,
            utc_offset_minutes: 0,
            duration_minutes: 30,
            objective: None,
            notes: String::new(),
            outcome: None,
            interest: None,
            products: Vec::new(),
            order_amount_cents: 0,
            order_margin_cents: 0,
            next_step: None,
        }
    }

    /// The day of the visit where it happened (its local calendar day).
    pub fn local_day(&self) -> NaiveDate {
        local_day(self.started_at, self.utc_offset_minutes)
    }

    pub fn validate(&self) -> Check {
        validate::id(Field::Id, &self.id)?;
        validate::id(Field::AccountId, &self.account_id)?;
        validate::id(Field::Rep, &self.rep)?;
        validate::instant(Field::StartedAt, self.started_at)?;
        validate::utc_offset(Field::UtcOffsetMinutes, self.utc_offset_minutes)?;
        if self.duration_minutes > limits::MAX_DURATION_MINUTES {
            return Err(ValidationError::new(Field::DurationMinutes, Reason::LongerThanADay));
        }
        validate::opt_len(Field::Objective, &self.objective, limits::MEDIUM_TEXT)?;
        validate::max_len(Field::Notes, &self.notes, limits::NOTES)?;
        if self.products.len() > limits::PRODUCTS_PER_VISIT {
            let (count, max) =
                (validate::count(self.products.len()), validate::count(limits::PRODUCTS_PER_VISIT));
            return Err(ValidationError::new(Field::Products, Reason::TooMany { count, max }));
        }
        for product in &self.products {
            validate::required(Field::Products, product, limits::SHORT_TEXT)?;
        }
        validate::amount(Field::OrderAmountCents, self.order_amount_cents)?;
        validate::amount(Field::OrderMarginCents, self.order_margin_cents)?;
        if self.order_margin_cents > self.order_amount_cents {
            return Err(ValidationError::new(Field::OrderMarginCents, Reason::MarginAboveOrder));
        }
        if self.status == VisitStatus::Planned && (self.outcome.is_some() || self.order_amount_cents > 0) {
            return Err(ValidationError::new(Field::Status, Reason::PlannedWithResult));
        }
        validate::opt_len(Field::NextStep, &self.next_step, limits::MEDIUM_TEXT)
    }
}

/// The calendar day of `at` for a device `offset_minutes` from UTC.
pub(crate) fn local_day(at: DateTime<Utc>, offset_minutes: i32) -> NaiveDate {
    match FixedOffset::east_opt(offset_minutes * 60) {
        Some(offset) => at.with_timezone(&offset).date_naive(),
        None => (at + Duration::minutes(offset_minutes.into())).date_naive(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn visit() -> VisitReport {
        VisitReport::new(
            "acc1",
            "rep1",
            Channel::OnSite,
            Utc.with_ymd_and_hms(2026, 3, 2, 23, 30, 0).unwrap(),
        )
    }

    #[test]
    fn local_day_follows_the_device_offset() {
        let mut v = visit();
        assert_eq!(v.local_day(), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        v.utc_offset_minutes = 60; // Paris in winter: already the 3rd
        assert_eq!(v.local_day(), NaiveDate::from_ymd_opt(2026, 3, 3).unwrap());
        v.utc_offset_minutes = -300;
        assert_eq!(v.local_day(), NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    }

    #[test]
    fn bad_visits_are_refused_with_the_field() {
        let mut v = visit();
        assert!(v.validate().is_ok());
        v.order_amount_cents = 100;
        v.order_margin_cents = 200;
        assert_eq!(v.validate().unwrap_err().field, Field::OrderMarginCents);
        v.order_margin_cents = 10;
        v.duration_minutes = 5000;
        assert_eq!(v.validate().unwrap_err().field, Field::DurationMinutes);
        v.duration_minutes = 45;
        v.products = vec!["".into()];
        assert_eq!(v.validate().unwrap_err().field, Field::Products);
        v.products.clear();
        v.status = VisitStatus::Planned;
        assert_eq!(v.validate().unwrap_err().field, Field::Status);
    }
}
