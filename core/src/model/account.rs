use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validate::{self, limits, Check, Reason, ValidationError};
use super::Field;
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
    /// Set by an import whose file gave no creation date: `created_at` is then the moment the
    /// account was imported, not the day the client was first entered, so the account is not one of
    /// that week's new accounts. Absent from older documents, which read as `false`.
    #[serde(default)]
    pub created_at_from_import: bool,
    /// The day a prospect became a client; set by the store when the kind changes.
    pub became_client_on: Option<NaiveDate>,
    /// Revenue by month and product family.
    pub revenue: Vec<RevenueFigure>,
    /// Set when this account was merged into another one as a duplicate.
    pub merged_into: Option<String>,
    /// The account's reference in the system it was imported from (the client file's customer
    /// code): an import that meets it again knows the account and creates nothing. Absent from
    /// documents written before imports existed, which read as `None`.
    #[serde(default)]
    pub external_ref: Option<String>,
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
            created_at_from_import: false,
            became_client_on: None,
            revenue: Vec::new(),
            merged_into: None,
            external_ref: None,
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
        validate::id(Field::Id, &self.id)?;
        validate::required(Field::Name, &self.name, limits::SHORT_TEXT)?;
        validate::id(Field::OwnerRep, &self.owner_rep)?;
        if self.need_horizon.is_some() && self.kind != AccountKind::Prospect {
            return Err(ValidationError::new(Field::NeedHorizon, Reason::OnlyForProspects));
        }
        validate::opt_len(Field::Territory, &self.territory, limits::SHORT_TEXT)?;
        validate::opt_len(Field::Segment, &self.segment, limits::SHORT_TEXT)?;
        validate::opt_amount(Field::PotentialCents, self.potential_cents)?;
        if let Some(reg) = &self.registration_number {
            let compact: String = reg.chars().filter(|c| !c.is_whitespace()).collect();
            if compact.is_empty() || compact.len() > 20 || !compact.chars().all(|c| c.is_ascii_alphanumeric())
            {
                return Err(ValidationError::new(Field::RegistrationNumber, Reason::NotARegistrationNumber));
            }
        }
        validate::opt_len(Field::Address, &self.address, limits::MEDIUM_TEXT)?;
        validate::opt_len(Field::Postcode, &self.postcode, 16)?;
        validate::opt_len(Field::City, &self.city, limits::SHORT_TEXT)?;
        validate::phone(Field::Phone, &self.phone)?;
        validate::opt_len(Field::Website, &self.website, limits::SHORT_TEXT)?;
        validate::max_len(Field::Notes, &self.notes, limits::NOTES)?;
        validate::instant(Field::CreatedAt, self.created_at)?;
        if let Some(day) = self.became_client_on {
            validate::date(Field::BecameClientOn, day)?;
        }
        if self.revenue.len() > limits::REVENUE_FIGURES {
            let (count, max) =
                (validate::count(self.revenue.len()), validate::count(limits::REVENUE_FIGURES));
            return Err(ValidationError::new(Field::Revenue, Reason::TooMany { count, max }));
        }
        for figure in &self.revenue {
            validate::required(Field::RevenueProductFamily, &figure.product_family, limits::SHORT_TEXT)?;
            if figure.product_family.contains('|') {
                let character = "|".to_owned();
                return Err(ValidationError::new(
                    Field::RevenueProductFamily,
                    Reason::ForbiddenCharacter { character },
                ));
            }
            validate::date(Field::RevenueMonth, figure.month)?;
            validate::amount(Field::RevenueAmountCents, figure.amount_cents)?;
        }
        validate::opt_len(Field::ExternalRef, &self.external_ref, limits::SHORT_TEXT)?;
        if self.external_ref.as_deref().is_some_and(|r| r.trim().is_empty()) {
            return Err(ValidationError::new(Field::ExternalRef, Reason::Required));
        }
        if let Some(target) = &self.merged_into {
            validate::id(Field::MergedInto, target)?;
            if *target == self.id {
                return Err(ValidationError::new(Field::MergedInto, Reason::MergedIntoItself));
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
        assert_eq!(account.validate().unwrap_err().field, Field::PotentialCents);

        account.potential_cents = None;
        account.kind = AccountKind::Client;
        account.need_horizon = Some(NeedHorizon::ShortTerm);
        assert_eq!(account.validate().unwrap_err().field, Field::NeedHorizon);

        account.need_horizon = None;
        account.registration_number = Some("123-456".into());
        assert_eq!(account.validate().unwrap_err().field, Field::RegistrationNumber);
        account.registration_number = Some("732 829 320 00074".into());
        assert!(account.validate().is_ok());

        account.name = " ".into();
        assert_eq!(account.validate().unwrap_err().field, Field::Name);
    }
}
