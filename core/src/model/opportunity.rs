use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check, ValidationError};
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
        validate::id("id", &self.id)?;
        validate::id("account_id", &self.account_id)?;
        validate::required("title", &self.title, limits::SHORT_TEXT)?;
        validate::amount("amount_cents", self.amount_cents)?;
        if self.probability > 100 {
            return Err(ValidationError::new(
                "probability",
                "is a percentage, at most 100",
                "est un pourcentage, au plus 100",
            ));
        }
        validate::date("expected_close", self.expected_close)?;
        validate::id("owner", &self.owner)
    }
}
