//! Writing an imported client file: the accounts a file already brought (by their external
//! reference) and the batch write of new accounts with their contacts, one transaction a batch.

use std::collections::HashMap;

use super::{project, Store, Target};
use crate::doc::DocKind;
use crate::error::Result;
use crate::model::*;

/// New accounts with their contacts, and contacts for accounts already on the device.
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    pub accounts: Vec<(Account, Vec<Contact>)>,
    pub contacts: Vec<Contact>,
    /// Accounts already on the device, as they are to be (their revenue figures updated).
    pub updated: Vec<Account>,
}

impl Store {
    /// The live account each external reference stands for (a merged account's reference stands
    /// for the account it was merged into).
    ///
    /// Read from the accounts' JSON projection rather than a column of its own: the reference is
    /// looked up once an import, and a migration for it can wait until a screen filters on it.
    pub fn accounts_by_external_ref(&self) -> Result<HashMap<String, String>> {
        let rows: Vec<(String, Option<String>, Option<String>)> = {
            let conn = self.reader()?;
            let mut stmt = conn.prepare_cached(
                "SELECT id, merged_into, json_extract(json, '$.external_ref') FROM accounts
                 WHERE merged_into IS NOT NULL OR json_extract(json, '$.external_ref') IS NOT NULL",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let merged: HashMap<&str, &str> =
            rows.iter().filter_map(|(id, into, _)| Some((id.as_str(), into.as_deref()?))).collect();
        let mut out = HashMap::new();
        for (id, _, reference) in &rows {
            let Some(reference) = reference else { continue };
            let mut survivor = id.as_str();
            for _ in 0..16 {
                match merged.get(survivor) {
                    Some(next) => survivor = next,
                    None => break,
                }
            }
            out.entry(reference.clone()).or_insert_with(|| survivor.to_owned());
        }
        Ok(out)
    }

    /// The names of an account's live contacts, and of the accounts merged into it (its screens
    /// show theirs too).
    pub fn contact_names(&self, account_id: &str) -> Result<Vec<String>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT name FROM contacts WHERE account_id = ?1
                OR account_id IN (SELECT id FROM accounts WHERE merged_into = ?1)",
        )?;
        let rows = stmt.query_map([account_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes a batch in one transaction: each new account is a document born here with its
    /// contacts; the other contacts go to their account's document. Every record was validated;
    /// should one fail anyway, nothing of the batch is kept.
    pub fn import_batch(&self, batch: &ImportBatch) -> Result<()> {
        let mut targets: Vec<Target> = batch
            .accounts
            .iter()
            .map(|(a, _)| Target::New { id: a.id.clone(), kind: DocKind::Account, label: None })
            .collect();
        let mut existing: Vec<&str> = batch
            .contacts
            .iter()
            .map(|c| c.account_id.as_str())
            .chain(batch.updated.iter().map(|a| a.id.as_str()))
            .collect();
        existing.sort_unstable();
        existing.dedup();
        targets.extend(existing.iter().map(|id| Target::Existing((*id).to_owned())));
        let new_count = batch.accounts.len();
        self.edit_many(
            targets,
            |docs| {
                for ((account, contacts), doc) in batch.accounts.iter().zip(docs.iter_mut()) {
                    doc.upsert(account)?;
                    for contact in contacts {
                        doc.upsert(contact)?;
                    }
                }
                for (account_id, doc) in existing.iter().zip(docs[new_count..].iter_mut()) {
                    for account in batch.updated.iter().filter(|a| a.id == *account_id) {
                        doc.upsert(account)?;
                    }
                    for contact in batch.contacts.iter().filter(|c| c.account_id == *account_id) {
                        doc.upsert(contact)?;
                    }
                }
                Ok(())
            },
            |conn, docs, ()| {
                let mut stale = project::StaleAccounts::default();
                for doc in &docs[..new_count] {
                    project::new_document(conn, doc, &mut stale)?;
                }
                stale.refresh(conn)?;
                for doc in &docs[new_count..] {
                    project::document(conn, doc)?;
                }
                Ok(())
            },
        )
    }
}
