use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check};
use super::Field;

/// A person at an account. Org charts go stale: every field stays editable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Contact {
    pub id: String,
    pub account_id: String,
    pub name: String,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

impl Contact {
    pub fn new(account_id: impl Into<String>, name: impl Into<String>) -> Self {
        Contact {
            id: super::new_id(),
            account_id: account_id.into(),
            name: name.into(),
            role: None,
            phone: None,
            email: None,
        }
    }

    pub fn validate(&self) -> Check {
        validate::id(Field::Id, &self.id)?;
        validate::id(Field::AccountId, &self.account_id)?;
        validate::required(Field::Name, &self.name, limits::SHORT_TEXT)?;
        validate::opt_len(Field::Role, &self.role, limits::SHORT_TEXT)?;
        validate::phone(Field::Phone, &self.phone)?;
        validate::email(Field::Email, &self.email)
    }
}
