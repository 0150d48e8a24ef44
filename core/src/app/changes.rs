//! What a write or a sync changed, told to whoever shows the device's data, so a screen reloads
//! only what it shows: an account's detail when that account changed, the lead list when a lead did.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::doc::{Collection, DocKind};

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ChangeOrigin {
    /// A write made on this device.
    Local,
    /// A sync that sent or received documents.
    Sync,
}

/// One change of the device's data.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Change {
    /// Counts the changes seen by this session; a screen that saw `revision` is up to date.
    pub revision: u64,
    pub origin: ChangeOrigin,
    /// Collections where a record was created, edited or deleted. Empty when only the outbox moved
    /// (a sync that sent without receiving): the sync status is all there is to reload.
    pub collections: Vec<Collection>,
    /// Accounts whose own records (the account, its contacts, visits, follow-ups, opportunities)
    /// changed: their detail screens reload.
    pub account_ids: Vec<String>,
}

impl Change {
    /// Whether a screen showing `collection` should reload.
    pub fn touches(&self, collection: Collection) -> bool {
        self.collections.contains(&collection)
    }

    /// Whether the detail of `account_id` should reload.
    pub fn touches_account(&self, account_id: &str) -> bool {
        self.account_ids.iter().any(|id| id == account_id)
    }
}

/// Told of every change, on the thread that made it (a sync's worker for [`ChangeOrigin::Sync`]);
/// keep it short.
pub trait ChangeObserver: Send + Sync {
    fn changed(&self, change: &Change);
}

/// The collections and accounts a write or a sync touched, gathered before they are announced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    collections: BTreeSet<Collection>,
    account_ids: BTreeSet<String>,
}

impl ChangeSet {
    /// A record of `collection` changed in document `doc_id`.
    pub fn record(collection: Collection, doc_id: &str) -> Self {
        let mut set = ChangeSet::default();
        set.add_record(collection, doc_id);
        set
    }

    /// A record of a collection kept outside account documents (objectives, leads) changed.
    pub fn of(collection: Collection) -> Self {
        debug_assert!(collection.doc_kind() != DocKind::Account, "{collection:?} needs its account");
        let mut set = ChangeSet::default();
        set.collections.insert(collection);
        set
    }

    /// Every account's summary and search entry was rewritten from its records: what reads them
    /// (the lists of accounts, the counts of their activity) reloads; no account's own records
    /// changed.
    pub fn accounts_rewritten() -> Self {
        let mut set = ChangeSet::default();
        set.collections.extend([
            Collection::Accounts,
            Collection::Contacts,
            Collection::Visits,
            Collection::FollowUps,
        ]);
        set
    }

    pub fn add_record(&mut self, collection: Collection, doc_id: &str) {
        self.collections.insert(collection);
        // An account document's id is its account's id (one home per record).
        if collection.doc_kind() == DocKind::Account {
            self.account_ids.insert(doc_id.to_owned());
        }
    }

    /// Document `doc_id` of `kind` changed, in any of its collections (as after receiving it).
    pub fn add_document(&mut self, kind: DocKind, doc_id: &str) {
        for collection in kind.collections() {
            self.add_record(*collection, doc_id);
        }
    }

    pub fn merge(&mut self, other: ChangeSet) {
        self.collections.extend(other.collections);
        self.account_ids.extend(other.account_ids);
    }

    pub fn is_empty(&self) -> bool {
        self.collections.is_empty() && self.account_ids.is_empty()
    }
}

/// Counts changes and tells the observer of each.
#[derive(Default)]
pub(super) struct Announcer {
    revision: AtomicU64,
    observer: Mutex<Option<Arc<dyn ChangeObserver>>>,
}

impl Announcer {
    pub(super) fn revision(&self) -> u64 {
        self.revision.load(Ordering::SeqCst)
    }

    pub(super) fn observe(&self, observer: Option<Arc<dyn ChangeObserver>>) {
        *self.observer.lock().unwrap_or_else(PoisonError::into_inner) = observer;
    }

    pub(super) fn announce(&self, origin: ChangeOrigin, set: ChangeSet) {
        let revision = self.revision.fetch_add(1, Ordering::SeqCst) + 1;
        let observer = self.observer.lock().unwrap_or_else(PoisonError::into_inner).clone();
        if let Some(observer) = observer {
            observer.changed(&Change {
                revision,
                origin,
                collections: set.collections.into_iter().collect(),
                account_ids: set.account_ids.into_iter().collect(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_document_names_its_account_and_a_lead_document_none() {
        let mut set = ChangeSet::record(Collection::Visits, "acc1");
        set.add_record(Collection::FollowUps, "acc1");
        set.add_document(DocKind::Leads, "leads-salon-1");
        let announcer = Announcer::default();
        let (observer, seen) = super::super::tests::recorder();
        announcer.observe(Some(observer));
        announcer.announce(ChangeOrigin::Local, set);
        let change = seen.lock().unwrap().pop().unwrap();
        assert_eq!(change.revision, 1);
        assert_eq!(change.collections, vec![Collection::Visits, Collection::FollowUps, Collection::Leads]);
        assert_eq!(change.account_ids, vec!["acc1".to_string()]);
        assert!(change.touches(Collection::Leads) && !change.touches(Collection::Accounts));
        assert!(change.touches_account("acc1") && !change.touches_account("leads-salon-1"));
    }
}
