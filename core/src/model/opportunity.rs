use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check, Reason, ValidationError};
use super::Field;
use super::OpportunityStage;

/// A deal in the pipeline (affaire): the raw material of forecasts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Opportunity {
    pub id: String,
    pub account_id: String,
    pub title: String,
    pub stage: OpportunityStage,
    pub amount_cents: i64,
    /// Chance of winning, in percent.
    pub probability: u8,
    pub expected_close: NaiveDate,
    pub owner: String,
}

impl Opportunity {
    pub fn validate(&self) -> Check {
        validate::id(Field::Id, &self.id)?;
        validate::id(Field::AccountId, &self.account_id)?;
        validate::required(Field::Title, &self.title, limits::SHORT_TEXT)?;
        validate::amount(Field::AmountCents, self.amount_cents)?;
        if self.probability > 100 {
            return Err(ValidationError::new(Field::Probability, Reason::NotAPercentage));
        }
        validate::date(Field::ExpectedClose, self.expected_close)?;
        validate::id(Field::Owner, &self.owner)
    }
}
