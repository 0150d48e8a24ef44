//! Trade-show leads decided on: qualified into an account and a contact, or discarded.

use serde::{Deserialize, Serialize};

use super::{project, Store, Target};
use crate::doc::{Collection, DocKind};
use crate::error::{Error, Result};
use crate::model::*;

/// A lead qualified into an account (new or existing) and a contact there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct QualifiedLead {
    pub lead: Lead,
    pub account: Account,
    pub contact: Contact,
    /// A new prospect was created for the lead (rather than the lead joining an existing account).
    pub created_account: bool,
}

impl Store {
    /// A lead still to decide on.
    fn new_lead(&self, lead_id: &str) -> Result<(Lead, String)> {
        let lead: Lead = self.read_json(Collection::Leads, lead_id)?;
        if lead.status != LeadStatus::New {
            return Err(
                ValidationError::new(Field::Status, Reason::LeadNotNew { status: lead.status }).into()
            );
        }
        let doc_id = self
            .doc_of(Collection::Leads, lead_id)?
            .ok_or_else(|| Error::NotFound { what: "lead", id: lead_id.to_owned() })?;
        Ok((lead, doc_id))
    }

    /// Qualifies a new lead: the person becomes a contact of `into_account` (an existing account the
    /// user picked, e.g. a duplicate warning's) or of a new prospect named after the lead's company,
    /// from a trade show, owned by `owner`. Lead, account and contact are written in one transaction.
    pub fn qualify_lead(
        &self,
        lead_id: &str,
        into_account: Option<&str>,
        owner: &str,
        need_horizon: Option<NeedHorizon>,
    ) -> Result<QualifiedLead> {
        let (mut lead, lead_doc) = self.new_lead(lead_id)?;
        let (account, account_target) = match into_account {
            Some(id) => {
                let survivor = super::surviving_account(&*self.reader()?, id)?;
                (self.account(&survivor)?, Target::Existing(survivor))
            }
            None => {
                let mut account = Account::new(
                    lead.company.clone().unwrap_or_else(|| lead.name.clone()),
                    AccountKind::Prospect,
                    owner,
                );
                account.lead_source = Some(LeadSource::TradeShow);
                account.need_horizon = need_horizon;
                account.notes.clone_from(&lead.notes);
                let target = Target::New { id: account.id.clone(), kind: DocKind::Account, label: None };
                (account, target)
            }
        };
        let created_account = into_account.is_none();
        let mut contact = Contact::new(&account.id, &lead.name);
        contact.email.clone_from(&lead.email);
        contact.phone.clone_from(&lead.phone);
        lead.status = LeadStatus::Qualified;
        lead.account_id = Some(account.id.clone());
        lead.contact_id = Some(contact.id.clone());
        self.edit_many(
            vec![account_target, Target::Existing(lead_doc)],
            |docs| {
                let account = if created_account { docs[0].put(&account)? } else { account };
                let contact = docs[0].put(&contact)?;
                let lead = docs[1].put(&lead)?;
                Ok(QualifiedLead { lead, account, contact, created_account })
            },
            |conn, docs, done| {
                if done.created_account {
                    project::record(conn, &docs[0], &done.account)?;
                }
                project::record(conn, &docs[0], &done.contact)?;
                project::record(conn, &docs[1], &done.lead)
            },
        )
    }

    /// Discards a new lead (not worth an account).
    pub fn discard_lead(&self, lead_id: &str) -> Result<Lead> {
        let (mut lead, lead_doc) = self.new_lead(lead_id)?;
        lead.status = LeadStatus::Discarded;
        self.edit(Target::Existing(lead_doc), |doc| doc.put(&lead), project::record)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::temp_store;
    use super::*;

    fn lead(store: &Store, company: Option<&str>) -> Lead {
        let mut lead = Lead::new("SIRHA 2027", "Paul Durand", "rep1");
        lead.company = company.map(str::to_owned);
        lead.email = Some("paul@fournil-durand.fr".into());
        lead.notes = "Veut un devis pour 3 fours".into();
        store.save_lead(&lead).unwrap()
    }

    #[test]
    fn a_qualified_lead_becomes_a_prospect_and_a_contact() {
        let (_dir, store) = temp_store();
        let l = lead(&store, Some("Fournil Durand"));
        let done = store.qualify_lead(&l.id, None, "rep1", Some(NeedHorizon::ShortTerm)).unwrap();
        assert!(done.created_account);
        assert_eq!(done.account.name, "Fournil Durand");
        assert_eq!(done.account.kind, AccountKind::Prospect);
        assert_eq!(done.account.lead_source, Some(LeadSource::TradeShow));
        assert_eq!(done.account.notes, "Veut un devis pour 3 fours");
        let detail = store.account_detail(&done.account.id).unwrap();
        assert_eq!(detail.contacts, vec![done.contact.clone()]);
        assert_eq!(detail.contacts[0].email.as_deref(), Some("paul@fournil-durand.fr"));
        let stored = &store.event_leads("SIRHA 2027").unwrap()[0];
        assert_eq!(stored.status, LeadStatus::Qualified);
        assert_eq!(stored.account_id.as_deref(), Some(done.account.id.as_str()));
        assert_eq!(stored.contact_id.as_deref(), Some(done.contact.id.as_str()));
        // A lead is decided once.
        match store.qualify_lead(&l.id, None, "rep1", None) {
            Err(Error::Invalid(e)) => assert_eq!(e.field, Field::Status),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_lead_joins_an_existing_account_or_is_discarded() {
        let (_dir, store) = temp_store();
        let existing =
            store.save_account(&Account::new("Fournil Durand", AccountKind::Client, "rep2")).unwrap();
        let l = lead(&store, Some("Fournil Durand"));
        let done = store.qualify_lead(&l.id, Some(&existing.id), "rep1", None).unwrap();
        assert!(!done.created_account);
        assert_eq!(done.account.id, existing.id);
        assert_eq!(store.search_accounts("", 10).unwrap().len(), 1);

        let other = lead(&store, None);
        assert_eq!(store.discard_lead(&other.id).unwrap().status, LeadStatus::Discarded);
        assert!(store.qualify_lead(&other.id, None, "rep1", None).is_err());
        assert!(matches!(store.discard_lead("nope"), Err(Error::NotFound { .. })));
    }

    #[test]
    fn a_failed_qualification_changes_nothing() {
        let (_dir, store) = temp_store();
        let l = lead(&store, Some("Fournil Durand"));
        let outbox = store.outbox_count().unwrap();
        assert!(store.qualify_lead(&l.id, Some("missing"), "rep1", None).is_err());
        assert_eq!(store.outbox_count().unwrap(), outbox);
        assert!(store.search_accounts("", 10).unwrap().is_empty());
        assert_eq!(store.event_leads("SIRHA 2027").unwrap()[0].status, LeadStatus::New);
    }
}
