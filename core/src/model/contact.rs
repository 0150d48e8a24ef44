use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check};

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
        validate::id("id", &self.id)?;
        validate::id("account_id", &self.account_id)?;
        validate::required("name", &self.name, limits::SHORT_TEXT)?;
        validate::opt_len("role", &self.role, limits::SHORT_TEXT)?;
        validate::phone("phone", &self.phone)?;
        validate::email("email", &self.email)
    }
}
