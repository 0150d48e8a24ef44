use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check, ValidationError};
use super::{AccountKind, LeadSource, NeedHorizon};

/// A company the team sells to (compte). Its id is also the id of its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Account {
    pub id: String,
    pub name: String,
    pub kind: AccountKind,
    /// Only meaningful for prospects.
    pub need_horizon: Option<NeedHorizon>,
    /// Zone de chalandise.
    pub territory: Option<String>,
    pub segment: Option<String>,
    /// The rep who owns the account (a user id).
    pub owner_rep: String,
    pub lead_source: Option<LeadSource>,
    /// Estimated yearly potential, in cents.
    pub potential_cents: Option<i64>,
    /// SIRET, SIREN or VAT number: the strongest duplicate signal.
    pub registration_number: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// An open dispute or complaint (client fâché).
    pub open_dispute: bool,
    /// A prospect that said no, or a client that left: a decision was reached.
    pub lost: bool,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    /// The day a prospect became a client; set by the store when the kind changes.
    pub became_client_on: Option<NaiveDate>,
    /// Revenue by month and product family.
    pub revenue: Vec<RevenueFigure>,
    /// Set when this account was merged into another one as a duplicate.
    pub merged_into: Option<String>,
}

/// Revenue of one product family over one month.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RevenueFigure {
    /// First day of the month.
    pub month: NaiveDate,
    pub product_family: String,
    pub amount_cents: i64,
}

impl Account {
    /// A new account owned by `owner_rep`, created now on this device.
    pub fn new(name: impl Into<String>, kind: AccountKind, owner_rep: impl Into<String>) -> Self {
        Account {
            id: super::new_id(),
            name: name.into(),
            kind,
            need_horizon: None,
            territory: None,
            segment: None,
            owner_rep: owner_rep.into(),
            lead_source: None,
            potential_cents: None,
            registration_number: None,
            address: None,
            postcode: None,
            city: None,
            phone: None,
            website: None,
            open_dispute: false,
            lost: false,
            notes: String::new(),
            created_at: super::now(),
            became_client_on: None,
            revenue: Vec::new(),
            merged_into: None,
        }
    }

    /// Changes the account's kind; only a prospect has a need horizon, so another kind drops it.
    pub fn set_kind(&mut self, kind: AccountKind) {
        self.kind = kind;
        if kind != AccountKind::Prospect {
            self.need_horizon = None;
        }
    }

    pub fn validate(&self) -> Check {
        validate::id("id", &self.id)?;
        validate::required("name", &self.name, limits::SHORT_TEXT)?;
        validate::id("owner_rep", &self.owner_rep)?;
        if self.need_horizon.is_some() && self.kind != AccountKind::Prospect {
            return Err(ValidationError::new(
                "need_horizon",
                "is only set on prospects",
                "ne s'applique qu'aux prospects",
            ));
        }
        validate::opt_len("territory", &self.territory, limits::SHORT_TEXT)?;
        validate::opt_len("segment", &self.segment, limits::SHORT_TEXT)?;
        validate::opt_amount("potential_cents", self.potential_cents)?;
        if let Some(reg) = &self.registration_number {
            let compact: String = reg.chars().filter(|c| !c.is_whitespace()).collect();
            if compact.is_empty() || compact.len() > 20 || !compact.chars().all(|c| c.is_ascii_alphanumeric())
            {
                return Err(ValidationError::new(
                    "registration_number",
                    "must be a SIREN, SIRET or VAT number (letters and digits, at most 20)",
                    "doit être un numéro SIREN, SIRET ou de TVA (lettres et chiffres, 20 au plus)",
                ));
            }
        }
        validate::opt_len("address", &self.address, limits::MEDIUM_TEXT)?;
        validate::opt_len("postcode", &self.postcode, 16)?;
        validate::opt_len("city", &self.city, limits::SHORT_TEXT)?;
        validate::phone("phone", &self.phone)?;
        validate::opt_len("website", &self.website, limits::SHORT_TEXT)?;
        validate::max_len("notes", &self.notes, limits::NOTES)?;
        validate::instant("created_at", self.created_at)?;
        if let Some(day) = self.became_client_on {
            validate::date("became_client_on", day)?;
        }
        if self.revenue.len() > limits::REVENUE_FIGURES {
            return Err(ValidationError::new(
                "revenue",
                format!("has {} figures, the limit is {}", self.revenue.len(), limits::REVENUE_FIGURES),
                format!("compte {} montants, la limite est {}", self.revenue.len(), limits::REVENUE_FIGURES),
            ));
        }
        for figure in &self.revenue {
            validate::required("revenue.product_family", &figure.product_family, limits::SHORT_TEXT)?;
            if figure.product_family.contains('|') {
                return Err(ValidationError::new(
                    "revenue.product_family",
                    "must not contain '|'",
                    "ne doit pas contenir '|'",
                ));
            }
            validate::date("revenue.month", figure.month)?;
            validate::amount("revenue.amount_cents", figure.amount_cents)?;
        }
        if let Some(target) = &self.merged_into {
            validate::id("merged_into", target)?;
            if *target == self.id {
                return Err(ValidationError::new(
                    "merged_into",
                    "an account cannot be merged into itself",
                    "un compte ne peut pas être fusionné avec lui-même",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_account_is_valid_and_bad_fields_are_named() {
        let mut account = Account::new("Boulangerie Martin", AccountKind::Prospect, "rep1");
        assert!(account.validate().is_ok());

        account.potential_cents = Some(-5);
        assert_eq!(account.validate().unwrap_err().field, "potential_cents");

        account.potential_cents = None;
        account.kind = AccountKind::Client;
        account.need_horizon = Some(NeedHorizon::ShortTerm);
        assert_eq!(account.validate().unwrap_err().field, "need_horizon");

        account.need_horizon = None;
        account.registration_number = Some("123-456".into());
        assert_eq!(account.validate().unwrap_err().field, "registration_number");
        account.registration_number = Some("732 829 320 00074".into());
        assert!(account.validate().is_ok());

        account.name = " ".into();
        assert_eq!(account.validate().unwrap_err().field, "name");
    }
}
