//! The projector: reads each document's rows (`tournee_core::doc::Projection`) once its uploads
//! are answered, and stores them beside the document, so a device's first sync writes rows instead
//! of loading every document with automerge (PROTOCOL.md, "Projected rows").
//!
//! Reading rows costs about as much as the device would have spent, so it is kept off the paths a
//! device waits on: a server projects in the background, following each team's change index from a
//! mark (`Storage::to_project`), and does the reading on a thread that runs only when a core is
//! otherwise idle (`SCHED_IDLE` on Linux). The storage calls stay on a thread of normal priority:
//! an idle thread holding the storage's lock while the cores are busy would stall every upload
//! behind it. And it waits for a lull in the uploads ([`QUIET`]): its reads and writes still share
//! the storage with them (the upload bench ran at 13,000 rather than 16,000 reports/s with it at
//! work, and devices syncing at once waited longer). Rows are stored with the version they were
//! read at and sent only while it is the document's; a document written meanwhile is projected
//! again from its newer change.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use tournee_core::doc::{Document, Projection};

use crate::service::Service;
use crate::storage::{ProjectedRows, Storage, StorageError, StoredDoc, ToProject};

/// Changes read per batch: a batch's documents are read before any of their rows are stored.
const BATCH_CHANGES: usize = 256;
/// How long the projector sleeps with nothing to do before it looks again (another process over
/// the same PostgreSQL database may have written).
const IDLE_WAIT: Duration = Duration::from_secs(30);

/// How long no upload must have committed before the projector reads rows.
const QUIET: Duration = Duration::from_secs(2);

/// Wakes the projector when an upload committed, or when the server stops, and tells it when the
/// last upload committed.
pub(crate) struct Wake {
    pending: Mutex<bool>,
    signal: Condvar,
    started: Instant,
    /// Milliseconds from `started` to the last upload committed.
    last_upload: AtomicU64,
}

impl Default for Wake {
    fn default() -> Self {
        Wake {
            pending: Mutex::new(false),
            signal: Condvar::new(),
            started: Instant::now(),
            last_upload: 0.into(),
        }
    }
}

impl Wake {
    /// An upload committed: there is work, once the uploads pause.
    pub(crate) fn upload_committed(&self) {
        self.last_upload.store(self.millis(), Ordering::Relaxed);
        self.notify();
    }

    pub(crate) fn notify(&self) {
        *self.pending.lock().unwrap_or_else(PoisonError::into_inner) = true;
        self.signal.notify_one();
    }

    fn millis(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// How much longer to wait before the uploads have paused for [`QUIET`].
    fn until_quiet(&self) -> Duration {
        let since = self.millis().saturating_sub(self.last_upload.load(Ordering::Relaxed));
        QUIET.saturating_sub(Duration::from_millis(since))
    }

    fn wait(&self, timeout: Duration) {
        let pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut pending, _) = self
            .signal
            .wait_timeout_while(pending, timeout, |pending| !*pending)
            .unwrap_or_else(PoisonError::into_inner);
        *pending = false;
    }
}

/// Projects in the background for as long as `service` lives.
pub(crate) fn spawn(service: &Arc<Service>) {
    let (service, wake): (Weak<Service>, Arc<Wake>) = (Arc::downgrade(service), Arc::clone(&service.wake));
    let spawned = std::thread::Builder::new().name("projector".into()).spawn(move || loop {
        let wait = wake.until_quiet();
        if !wait.is_zero() {
            std::thread::sleep(wait);
            continue;
        }
        let Some(service) = service.upgrade() else { return };
        let done = project_batch(&*service.storage, Reading::WhenIdle);
        drop(service);
        match done {
            Ok(Some(_)) => continue,
            Ok(None) => wake.wait(IDLE_WAIT),
            Err(e) => {
                tracing::warn!(error = %e, "projecting documents failed; devices load them meanwhile");
                wake.wait(IDLE_WAIT);
            }
        }
    });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "the projector could not start; devices load every document");
    }
}

/// Projects every document not projected at its current version; how many were projected.
pub fn project_all(storage: &dyn Storage) -> Result<usize, StorageError> {
    let mut projected = 0;
    while let Some(n) = project_batch(storage, Reading::Here)? {
        projected += n;
    }
    Ok(projected)
}

/// Where a batch's documents are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// On this thread (a command run by an operator).
    Here,
    /// On a thread that runs only when a core would otherwise idle.
    WhenIdle,
}

/// Projects the documents of one batch of changes: how many (`None`: nothing was left to do).
fn project_batch(storage: &dyn Storage, reading: Reading) -> Result<Option<usize>, StorageError> {
    let Some(ToProject { team_id, through, doc_ids }) = storage.to_project(BATCH_CHANGES)? else {
        return Ok(None);
    };
    let ids: Vec<&str> = doc_ids.iter().map(String::as_str).collect();
    let stored = storage.load_docs(&ids)?;
    let read = || -> Vec<ProjectedRows> {
        ids.iter().zip(&stored).filter_map(|(id, doc)| project(id, doc.as_ref()?)).collect()
    };
    let rows = match reading {
        Reading::Here => read(),
        Reading::WhenIdle => std::thread::scope(|s| {
            s.spawn(|| {
                run_when_idle();
                read()
            })
            .join()
        })
        .map_err(|_| StorageError::Poisoned)?,
    };
    storage.store_projections(&team_id, through, &rows)?;
    Ok(Some(rows.len()))
}

/// A document's rows at its stored version; `None` (logged) for one that cannot be read, which
/// devices then load as before. A panic inside automerge is contained the same way: the batch goes
/// on, and the mark moves past the document.
fn project(doc_id: &str, stored: &StoredDoc) -> Option<ProjectedRows> {
    let chunks: Vec<&[u8]> =
        std::iter::once(stored.snapshot.as_slice()).chain(stored.tail.iter().map(Vec::as_slice)).collect();
    let read = std::panic::catch_unwind(|| {
        Document::load(doc_id, &chunks).and_then(|mut doc| Projection::read(&mut doc)?.encode())
    });
    match read {
        Ok(Ok(rows)) => Some(ProjectedRows { doc_id: doc_id.to_owned(), version: stored.version, rows }),
        Ok(Err(e)) => {
            tracing::warn!(doc = %doc_id, error = %e, "a document could not be projected; devices load it");
            None
        }
        Err(_) => {
            tracing::warn!(doc = %doc_id, "reading a document's rows panicked; devices load it");
            None
        }
    }
}

/// Makes the calling thread run only when a core would otherwise idle (Linux's `SCHED_IDLE`);
/// elsewhere it keeps its priority.
fn run_when_idle() {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: `param` is a valid `sched_param` for the call's duration; pid 0 is this thread.
        let failed = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) } != 0;
        if failed {
            tracing::debug!("the projector's reading runs at normal priority");
        }
    }
}
