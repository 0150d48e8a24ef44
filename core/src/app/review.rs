//! Keeping the data true: the conflicts two devices made, and accounts entered twice.

use super::changes::ChangeSet;
use super::Session;
use crate::doc::{Collection, Conflict, ConflictResolution};
use crate::model::Account;
use crate::store::DuplicateCandidate;
use crate::Result;

impl Session {
    /// The true conflicts to review (same field edited differently on two devices, or a record
    /// deleted on one while edited on another).
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        self.store().conflicts()
    }

    /// Settles a conflict as the user chose.
    pub fn resolve_conflict(&self, conflict: &Conflict, resolution: &ConflictResolution) -> Result<()> {
        self.wrote(self.store().resolve_conflict(conflict, resolution), |()| {
            ChangeSet::record(conflict.collection, &conflict.doc_id)
        })
    }

    /// Accounts that look like the same company entered twice.
    pub fn duplicate_candidates(&self) -> Result<Vec<DuplicateCandidate>> {
        self.store().duplicate_candidates()
    }

    /// Merges the duplicate `absorbed` into `kept`; returns the kept account.
    pub fn merge_accounts(&self, kept: &str, absorbed: &str) -> Result<Account> {
        self.wrote(self.store().merge_accounts(kept, absorbed), |_| {
            let mut set = ChangeSet::default();
            for account_id in [kept, absorbed] {
                set.add_document(Collection::Accounts.doc_kind(), account_id);
            }
            set
        })
    }
}
