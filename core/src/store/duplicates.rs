//! The same company entered twice offline (ARCHITECTURE.md rule 6): listed as candidates from the
//! projections, merged on request. A merge marks the duplicate `merged_into` the account kept; its
//! document and history stay, and its records show on the kept account's screens. Nothing is copied,
//! so visits logged on the duplicate by a device that has not synced the merge yet still land there.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::normalize;
use super::queries::AccountListItem;
use super::{project, Store, Target};
use crate::error::{Error, Result};
use crate::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    /// Same name (ignoring case, accents and legal form) and same postcode.
    NameAndPostcode,
    /// Same SIREN/SIRET/VAT number.
    RegistrationNumber,
    /// Contacts with addresses at the same company email domain.
    EmailDomain,
}

impl DuplicateReason {
    pub const ALL: &'static [DuplicateReason] = &[
        DuplicateReason::NameAndPostcode,
        DuplicateReason::RegistrationNumber,
        DuplicateReason::EmailDomain,
    ];

    /// The stable code, as the candidates' query names it.
    pub fn code(self) -> &'static str {
        match self {
            DuplicateReason::NameAndPostcode => "name_and_postcode",
            DuplicateReason::RegistrationNumber => "registration_number",
            DuplicateReason::EmailDomain => "email_domain",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DuplicateCandidate {
    pub first: AccountListItem,
    pub second: AccountListItem,
    pub reasons: Vec<DuplicateReason>,
}

/// Pairs of live accounts (first id < second id) that look like one company, with the reason.
const CANDIDATE_PAIRS: &str = "
    SELECT a.id, b.id, 'name_and_postcode' FROM accounts a JOIN accounts b
        ON a.norm_name = b.norm_name AND a.postcode = b.postcode AND a.id < b.id
        WHERE a.merged_into IS NULL AND b.merged_into IS NULL AND a.norm_name <> ''
    UNION ALL
    SELECT a.id, b.id, 'registration_number' FROM accounts a JOIN accounts b
        ON a.registration_number = b.registration_number AND a.id < b.id
        WHERE a.merged_into IS NULL AND b.merged_into IS NULL
    UNION ALL
    SELECT DISTINCT min(c.account_id, d.account_id), max(c.account_id, d.account_id), 'email_domain'
        FROM contacts c JOIN contacts d ON c.email_domain = d.email_domain AND c.account_id < d.account_id
        JOIN accounts a ON a.id = c.account_id JOIN accounts b ON b.id = d.account_id
        WHERE a.merged_into IS NULL AND b.merged_into IS NULL
    ORDER BY 1, 2, 3";

impl Store {
    /// Accounts that look like the same company, each pair once with all its reasons.
    pub fn duplicate_candidates(&self) -> Result<Vec<DuplicateCandidate>> {
        let pairs: Vec<(String, String, String)> = {
            let conn = self.reader()?;
            let mut stmt = conn.prepare_cached(CANDIDATE_PAIRS)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut out: Vec<DuplicateCandidate> = Vec::new();
        for (first, second, reason) in pairs {
            let reason = DuplicateReason::ALL
                .iter()
                .copied()
                .find(|r| r.code() == reason)
                .unwrap_or(DuplicateReason::EmailDomain);
            match out.last_mut() {
                Some(last) if last.first.id == first && last.second.id == second => last.reasons.push(reason),
                _ => out.push(DuplicateCandidate {
                    first: self.list_item(&first)?,
                    second: self.list_item(&second)?,
                    reasons: vec![reason],
                }),
            }
        }
        Ok(out)
    }

    fn list_item(&self, id: &str) -> Result<AccountListItem> {
        let a = self.account(id)?;
        Ok(AccountListItem {
            id: a.id,
            name: a.name,
            kind: a.kind,
            city: a.city,
            postcode: a.postcode,
            owner_rep: a.owner_rep,
        })
    }

    /// Live accounts that a new account or lead with these details would duplicate (the warning shown
    /// while typing a lead or an account).
    pub fn similar_accounts(
        &self,
        name: &str,
        postcode: Option<&str>,
        email: Option<&str>,
        registration_number: Option<&str>,
    ) -> Result<Vec<AccountListItem>> {
        let ids: Vec<String> = {
            let conn = self.reader()?;
            let mut stmt = conn.prepare_cached(
                "SELECT id FROM accounts WHERE merged_into IS NULL AND (
                     (norm_name = ?1 AND ?1 <> '' AND (?2 IS NULL OR postcode = ?2))
                     OR registration_number = ?3
                     OR id IN (SELECT account_id FROM contacts WHERE email_domain = ?4))
                 ORDER BY norm_name, id LIMIT 20",
            )?;
            let rows = stmt.query_map(
                params![
                    normalize::company_name(name),
                    postcode.map(str::trim),
                    registration_number.map(normalize::registration),
                    email.and_then(normalize::company_domain),
                ],
                |r| r.get(0),
            )?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        ids.iter().map(|id| self.list_item(id)).collect()
    }

    /// The accounts a trade-show lead may already be: same company name, or a contact at the same
    /// company email domain (the warning shown when the lead is captured).
    pub fn lead_duplicates(&self, lead: &Lead) -> Result<Vec<AccountListItem>> {
        self.similar_accounts(lead.company.as_deref().unwrap_or_default(), None, lead.email.as_deref(), None)
    }

    /// Merges the duplicate `absorbed` into `kept`, in one transaction: `absorbed` is marked merged,
    /// and `kept` takes the duplicate's details wherever its own are empty. Both histories stay.
    pub fn merge_accounts(&self, kept: &str, absorbed: &str) -> Result<Account> {
        if kept == absorbed {
            return Err(ValidationError::new(Field::Absorbed, Reason::MergedIntoItself).into());
        }
        for id in [kept, absorbed] {
            if self.account(id)?.merged_into.is_some() {
                let reason = Reason::AlreadyMerged { account_id: id.to_owned() };
                return Err(ValidationError::new(Field::Account, reason).into());
            }
        }
        self.edit_many(
            vec![Target::Existing(kept.to_owned()), Target::Existing(absorbed.to_owned())],
            |docs| {
                let not_found = |id: &str| Error::NotFound { what: "account", id: id.to_owned() };
                let mut keep: Account = docs[0].get(kept)?.ok_or_else(|| not_found(kept))?;
                let mut gone: Account = docs[1].get(absorbed)?.ok_or_else(|| not_found(absorbed))?;
                fill_from(&mut keep, &gone);
                gone.merged_into = Some(kept.to_owned());
                docs[0].upsert(&keep)?;
                docs[1].upsert(&gone)?;
                Ok(keep)
            },
            |conn, docs, _| {
                for doc in docs {
                    project::document(conn, doc)?;
                }
                Ok(())
            },
        )
    }
}

/// The kept account takes the duplicate's details where its own are missing, its notes after its
/// own, and the revenue figures it lacks.
fn fill_from(keep: &mut Account, gone: &Account) {
    fn fill<T: Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
        if mine.is_none() {
            mine.clone_from(theirs);
        }
    }
    fill(&mut keep.territory, &gone.territory);
    fill(&mut keep.segment, &gone.segment);
    fill(&mut keep.lead_source, &gone.lead_source);
    fill(&mut keep.potential_cents, &gone.potential_cents);
    fill(&mut keep.registration_number, &gone.registration_number);
    fill(&mut keep.address, &gone.address);
    fill(&mut keep.postcode, &gone.postcode);
    fill(&mut keep.city, &gone.city);
    fill(&mut keep.phone, &gone.phone);
    fill(&mut keep.website, &gone.website);
    fill(&mut keep.external_ref, &gone.external_ref);
    keep.open_dispute |= gone.open_dispute;
    if !gone.notes.trim().is_empty() && !keep.notes.contains(gone.notes.trim()) {
        if !keep.notes.is_empty() {
            keep.notes.push_str("\n\n");
        }
        keep.notes.push_str(gone.notes.trim());
    }
    for figure in &gone.revenue {
        if !keep.revenue.iter().any(|f| f.month == figure.month && f.product_family == figure.product_family)
        {
            keep.revenue.push(figure.clone());
        }
    }
}
