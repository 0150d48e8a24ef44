//! Trade-show leads: captured in seconds (with a warning when the company is already an account),
//! listed per event, then qualified into an account and a contact, or discarded.

use super::changes::ChangeSet;
use super::Session;
use crate::doc::Collection;
use crate::model::{BadgeCard, Lead, NeedHorizon};
use crate::store::{AccountListItem, QualifiedLead};
use crate::Result;

/// A lead just captured, and the live accounts it may duplicate (the warning to show).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LeadCapture {
    pub lead: Lead,
    pub similar_accounts: Vec<AccountListItem>,
}

impl Session {
    /// A lead captured now by this user at `event`, not saved yet.
    pub fn new_lead(&self, event: &str, name: &str) -> Lead {
        Lead::new(event.trim(), name.trim(), self.me())
    }

    /// A lead captured now by this user at `event`, filled from the text of a badge's QR code
    /// (see [`BadgeCard`]), not saved yet: the form shows it for a glance before saving.
    pub fn lead_from_badge(&self, event: &str, badge_text: &str) -> Result<Lead> {
        let card = BadgeCard::parse(badge_text)?;
        let mut lead = self.new_lead(event, "");
        card.fill(&mut lead);
        Ok(lead)
    }

    /// Saves a captured lead and lists the accounts it may duplicate (by company name or email
    /// domain).
    pub fn capture_lead(&self, lead: &Lead) -> Result<LeadCapture> {
        lead.validate()?;
        let similar_accounts = self.store().lead_duplicates(lead)?;
        let lead = self.wrote(self.store().save_lead(lead), |_| ChangeSet::of(Collection::Leads))?;
        Ok(LeadCapture { lead, similar_accounts })
    }

    /// The leads captured at `event`, newest first.
    pub fn event_leads(&self, event: &str) -> Result<Vec<Lead>> {
        self.store().event_leads(event)
    }

    /// Qualifies a new lead: its person becomes a contact of `into_account_id` (a duplicate the
    /// user picked) or of a new prospect owned by this user, named after the lead's company; one
    /// transaction.
    pub fn qualify_lead(
        &self,
        lead_id: &str,
        into_account_id: Option<&str>,
        need_horizon: Option<NeedHorizon>,
    ) -> Result<QualifiedLead> {
        let qualified = self.store().qualify_lead(lead_id, into_account_id, self.me(), need_horizon);
        self.wrote(qualified, |done| {
            let mut set = ChangeSet::of(Collection::Leads);
            set.add_record(Collection::Contacts, &done.account.id);
            if done.created_account {
                set.add_record(Collection::Accounts, &done.account.id);
            }
            set
        })
    }

    /// Discards a new lead (not worth an account).
    pub fn discard_lead(&self, lead_id: &str) -> Result<Lead> {
        self.wrote(self.store().discard_lead(lead_id), |_| ChangeSet::of(Collection::Leads))
    }
}
