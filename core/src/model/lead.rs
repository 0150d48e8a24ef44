use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check, Reason, ValidationError};
use super::Field;
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
        validate::id(Field::Id, &self.id)?;
        validate::required(Field::Event, &self.event, limits::SHORT_TEXT)?;
        validate::required(Field::Name, &self.name, limits::SHORT_TEXT)?;
        validate::opt_len(Field::Company, &self.company, limits::SHORT_TEXT)?;
        validate::email(Field::Email, &self.email)?;
        validate::phone(Field::Phone, &self.phone)?;
        validate::max_len(Field::Notes, &self.notes, limits::NOTES)?;
        validate::instant(Field::CapturedAt, self.captured_at)?;
        validate::id(Field::CapturedBy, &self.captured_by)?;
        match (self.status, &self.account_id) {
            (LeadStatus::Qualified, None) => {
                Err(ValidationError::new(Field::AccountId, Reason::QualifiedLeadWithoutAccount))
            }
            (LeadStatus::New | LeadStatus::Discarded, Some(_)) => {
                Err(ValidationError::new(Field::AccountId, Reason::AccountOfUnqualifiedLead))
            }
            _ => Ok(()),
        }
    }
}
