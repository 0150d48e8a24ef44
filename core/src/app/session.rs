//! An enrolled device's session: its store, who it acts for, sync, and the announcement of every
//! change. The operations a person does are in the sibling modules (`field`, `leads`, `review`,
//! `insights`), each an `impl Session` block.

use std::sync::Arc;

use super::changes::{Announcer, ChangeObserver, ChangeOrigin, ChangeSet};
use crate::doc::Collection;
use crate::store::Store;
use crate::sync::{self, DeviceIdentity, SyncClient, SyncError, SyncOptions, SyncReport};

/// An enrolled device, opened by [`DeviceHome::open`](super::DeviceHome::open). Shared across
/// threads; each call is synchronous except [`sync`](Self::sync).
pub struct Session {
    store: Arc<Store>,
    identity: DeviceIdentity,
    /// One sync at a time per device.
    syncing: tokio::sync::Mutex<()>,
    announcer: Announcer,
}

impl Session {
    /// The session of `store`, which must be enrolled.
    pub(super) fn new(store: Arc<Store>) -> Result<Session, SyncError> {
        let identity = sync::identity(&store)?.ok_or(SyncError::NotEnrolled)?;
        Ok(Session { store, identity, syncing: tokio::sync::Mutex::new(()), announcer: Announcer::default() })
    }

    /// Who this device acts for: records name `identity().user_id` as their rep or owner.
    pub fn identity(&self) -> &DeviceIdentity {
        &self.identity
    }

    pub(super) fn me(&self) -> &str {
        &self.identity.user_id
    }

    /// The store, for reads no screen needs a session for (status, exports, tests).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// How many changes this session announced; see [`Change::revision`](super::Change::revision).
    pub fn revision(&self) -> u64 {
        self.announcer.revision()
    }

    /// Replaces the observer told of every change (`None` stops telling).
    pub fn observe(&self, observer: Option<Arc<dyn ChangeObserver>>) {
        self.announcer.observe(observer);
    }

    /// Passes a store write's result through, announcing what it touched when it succeeded.
    pub(super) fn wrote<T>(
        &self,
        result: crate::Result<T>,
        touched: impl FnOnce(&T) -> ChangeSet,
    ) -> crate::Result<T> {
        let value = result?;
        self.announcer.announce(ChangeOrigin::Local, touched(&value));
        Ok(value)
    }

    /// The document holding record `id` of `collection`, if it exists.
    pub(super) fn home_of(&self, collection: Collection, id: &str) -> crate::Result<Option<String>> {
        self.store.doc_of(collection, id)
    }

    /// Local changes waiting for the server.
    pub fn outbox_count(&self) -> crate::Result<u64> {
        self.store.outbox_count()
    }

    /// Sends what this device wrote and receives what the team changed; each received batch is
    /// announced as it lands, then a sync that sent announces the outbox it emptied. Safe to
    /// cancel: what was applied stays.
    pub async fn sync(&self) -> Result<SyncReport, SyncError> {
        let _one_at_a_time = self.syncing.lock().await;
        let client = SyncClient::from_store(&self.store, SyncOptions::default())?;
        let report = client
            .sync_observed(&self.store, |applied| {
                if applied.changed.is_empty() {
                    return;
                }
                let mut set = ChangeSet::default();
                for (doc_id, kind) in &applied.changed {
                    set.add_document(*kind, doc_id);
                }
                self.announcer.announce(ChangeOrigin::Sync, set);
            })
            .await?;
        if report.sent > 0 {
            self.announcer.announce(ChangeOrigin::Sync, ChangeSet::default());
        }
        Ok(report)
    }
}
