use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check, ValidationError};
use super::{InterestLevel, LeadStatus};

/// A lead captured in seconds at a trade show, qualified later into an account and a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Lead {
    pub id: String,
    /// The trade show (salon) or event it was captured at.
    pub event: String,
    pub name: String,
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: String,
    pub interest: Option<InterestLevel>,
    pub captured_at: DateTime<Utc>,
    pub captured_by: String,
    pub status: LeadStatus,
    /// Set once qualified.
    pub account_id: Option<String>,
    pub contact_id: Option<String>,
}

impl Lead {
    pub fn new(event: impl Into<String>, name: impl Into<String>, captured_by: impl Into<String>) -> Self {
        Lead {
            id: super::new_id(),
            event: event.into(),
            name: name.into(),
            company: None,
            email: None,
            phone: None,
            notes: String::new(),
            interest: None,
            captured_at: super::now(),
            captured_by: captured_by.into(),
            status: LeadStatus::New,
            account_id: None,
            contact_id: None,
        }
    }

    pub fn validate(&self) -> Check {
        validate::id("id", &self.id)?;
        validate::required("event", &self.event, limits::SHORT_TEXT)?;
        validate::required("name", &self.name, limits::SHORT_TEXT)?;
        validate::opt_len("company", &self.company, limits::SHORT_TEXT)?;
        validate::email("email", &self.email)?;
        validate::phone("phone", &self.phone)?;
        validate::max_len("notes", &self.notes, limits::NOTES)?;
        validate::instant("captured_at", self.captured_at)?;
        validate::id("captured_by", &self.captured_by)?;
        match (self.status, &self.account_id) {
            (LeadStatus::Qualified, None) => Err(ValidationError::new(
                "account_id",
                "a qualified lead names its account",
                "un lead qualifié indique son compte",
            )),
            (LeadStatus::New | LeadStatus::Discarded, Some(_)) => Err(ValidationError::new(
                "account_id",
                "only a qualified lead names an account",
                "seul un lead qualifié indique un compte",
            )),
            _ => Ok(()),
        }
    }
}
