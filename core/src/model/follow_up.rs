use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check};
use super::Field;

/// An action of the action plan (relance): what, for which account, due when, owned by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FollowUp {
    pub id: String,
    pub account_id: String,
    pub action: String,
    pub due_on: NaiveDate,
    pub owner: String,
    pub done: bool,
    pub done_at: Option<DateTime<Utc>>,
}

impl FollowUp {
    pub fn new(
        account_id: impl Into<String>,
        action: impl Into<String>,
        due_on: NaiveDate,
        owner: impl Into<String>,
    ) -> Self {
        FollowUp {
            id: super::new_id(),
            account_id: account_id.into(),
            action: action.into(),
            due_on,
            owner: owner.into(),
            done: false,
            done_at: None,
        }
    }

    pub fn validate(&self) -> Check {
        validate::id(Field::Id, &self.id)?;
        validate::id(Field::AccountId, &self.account_id)?;
        validate::required(Field::Action, &self.action, limits::MEDIUM_TEXT)?;
        validate::date(Field::DueOn, self.due_on)?;
        validate::id(Field::Owner, &self.owner)?;
        if let Some(at) = self.done_at {
            validate::instant(Field::DoneAt, at)?;
        }
        Ok(())
    }
}
