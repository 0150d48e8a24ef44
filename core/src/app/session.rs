//! An enrolled device's session: its store, who it acts for, sync, and the announcement of every
//! change. The operations a person does are in the sibling modules (`field`, `leads`, `review`,
//! `insights`), each an `impl Session` block.

use std::sync::Arc;

use super::changes::{Announcer, ChangeObserver, ChangeOrigin, ChangeSet};
use crate::doc::Collection;
use crate::store::Store;
use chrono::{DateTime, Utc};

use crate::i18n::catalog::say;
use crate::i18n::Lang;
use crate::store::sync_keys;
use crate::sync::{self, DeviceIdentity, SyncClient, SyncError, SyncErrorKind, SyncOptions, SyncReport};

/// Where this device stands with the server, as Today says it; kept in the store, so it survives
/// restarts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncStatus {
    /// When the last sync that succeeded ended; `None` before the first one.
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Local changes waiting for the server.
    pub pending_changes: u64,
    /// The last sync, when it failed after the last success.
    pub last_failure: Option<SyncFailure>,
}

/// A sync that failed: when, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncFailure {
    pub at: DateTime<Utc>,
    pub kind: SyncErrorKind,
    /// Finer than the kind where the kind's own words would mislead: a busy server and a
    /// certificate this device does not trust are both worth retrying later (`Unavailable`), yet
    /// neither is "the server cannot be reached".
    pub cause: Option<FailureCause>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureCause {
    Busy,
    UntrustedCertificate,
}

impl FailureCause {
    fn of(error: &SyncError) -> Option<FailureCause> {
        match error {
            SyncError::Busy { .. } => Some(FailureCause::Busy),
            SyncError::UntrustedCertificate(_) => Some(FailureCause::UntrustedCertificate),
            _ => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            FailureCause::Busy => "busy",
            FailureCause::UntrustedCertificate => "untrusted_certificate",
        }
    }

    fn parse(code: &str) -> Option<FailureCause> {
        [FailureCause::Busy, FailureCause::UntrustedCertificate].into_iter().find(|c| c.code() == code)
    }
}

impl SyncFailure {
    /// What the failure was, told to a person in `lang` (as Today shows it, long after).
    pub fn message(&self, lang: Lang) -> String {
        match self.cause {
            // How long the server asked to wait no longer means anything.
            Some(FailureCause::Busy) => say(lang, "sync-error-busy", &[("seconds", 0.into())]),
            Some(FailureCause::UntrustedCertificate) => say(lang, "sync-error-untrusted-certificate", &[]),
            None => self.kind.message(lang),
        }
    }
}

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

    pub(super) fn store_arc(&self) -> Arc<Store> {
        self.store.clone()
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
        let outcome = self.sync_now().await;
        self.remember(&outcome, Utc::now());
        outcome
    }

    /// Where this device stands with the server: the last sync that succeeded, what waits in the
    /// outbox, and the last failure since.
    pub fn sync_status(&self) -> crate::Result<SyncStatus> {
        let text = |key| -> crate::Result<Option<String>> {
            Ok(self.store.sync_value(key)?.and_then(|v| String::from_utf8(v).ok()))
        };
        let instant = |millis: &str| millis.parse().ok().and_then(DateTime::<Utc>::from_timestamp_millis);
        let last_synced_at = text(sync_keys::LAST_SYNCED_AT)?.as_deref().and_then(instant);
        // "<millis> <kind>[ <cause>]"; a failure kept before causes were has none.
        let last_failure = text(sync_keys::LAST_FAILURE)?.and_then(|failure| {
            let mut words = failure.split(' ');
            let (at, kind) = (instant(words.next()?)?, SyncErrorKind::parse(words.next()?)?);
            Some(SyncFailure { at, kind, cause: words.next().and_then(FailureCause::parse) })
        });
        Ok(SyncStatus { last_synced_at, pending_changes: self.outbox_count()?, last_failure })
    }

    /// Keeps the outcome of a sync that ended `at` for [`sync_status`](Self::sync_status). Failing
    /// to keep it is logged: the sync's own outcome matters more.
    pub(super) fn remember(&self, outcome: &Result<SyncReport, SyncError>, at: DateTime<Utc>) {
        let millis = at.timestamp_millis();
        let kept = match outcome {
            Ok(_) => self
                .store
                .set_sync_value(sync_keys::LAST_SYNCED_AT, millis.to_string().as_bytes())
                .and_then(|()| self.store.set_sync_value(sync_keys::LAST_FAILURE, b"")),
            Err(e) => {
                let cause = FailureCause::of(e).map(|c| format!(" {}", c.code())).unwrap_or_default();
                let kept = format!("{millis} {}{cause}", e.kind().code());
                self.store.set_sync_value(sync_keys::LAST_FAILURE, kept.as_bytes())
            }
        };
        if let Err(e) = kept {
            tracing::warn!("the outcome of a sync could not be kept: {e}");
        }
    }

    async fn sync_now(&self) -> Result<SyncReport, SyncError> {
        let client = SyncClient::from_store(&self.store, SyncOptions::default())?;
        let report = client
            .sync_observed(&self.store, |applied| {
                if applied.changed.is_empty() && !applied.accounts_rewritten {
                    return;
                }
                let mut set = ChangeSet::default();
                if applied.accounts_rewritten {
                    set = ChangeSet::accounts_rewritten();
                }
                for (doc_id, kind) in &applied.changed {
                    set.add_document(*kind, doc_id);
                }
                self.announcer.announce(ChangeOrigin::Sync, set);
            })
            .await?;
        if report.sent > 0 {
            self.announcer.announce(ChangeOrigin::Sync, ChangeSet::default());
        }
        self.refresh_team_members(&client, report.received > 0).await?;
        Ok(report)
    }
}
