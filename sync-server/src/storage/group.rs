//! Group commit, for every backend: uploads that arrive while another commits wait in a queue, and
//! whoever takes the writer next commits all of them in one transaction (one flush to disk for
//! many devices). Each upload is answered only once the transaction holding it committed.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use super::{Commit, DocWrite, Result, StorageError};

/// One upload's writes.
pub(super) struct Request {
    pub team_id: String,
    pub device_id: String,
    pub writes: Vec<DocWrite>,
    pub now: DateTime<Utc>,
}

/// An upload waiting for its commit, and its outcome once the group it joined committed.
struct Ticket {
    request: Mutex<Option<Request>>,
    outcome: Mutex<Option<Result<Commit>>>,
}

#[derive(Default)]
pub(super) struct Queue {
    waiting: Mutex<Vec<Arc<Ticket>>>,
}

impl Queue {
    /// Queues `request`, takes `writer`, and unless a writer before took this upload along,
    /// commits every upload waiting with `commit_group`, which returns one outcome per request in
    /// order (a failure of the whole transaction is each one's). Returns this upload's outcome.
    pub fn commit<W>(
        &self,
        writer: &Mutex<W>,
        request: Request,
        commit_group: impl FnOnce(&mut W, &[Request]) -> Result<Vec<Result<Commit>>>,
    ) -> Result<Commit> {
        let ticket = Arc::new(Ticket { request: Mutex::new(Some(request)), outcome: Mutex::new(None) });
        self.waiting.lock().map_err(|_| StorageError::Poisoned)?.push(ticket.clone());
        {
            let mut writer = writer.lock().map_err(|_| StorageError::Poisoned)?;
            // A writer that took this ticket before us answered it before letting the lock go.
            if ticket.outcome.lock().map_err(|_| StorageError::Poisoned)?.is_none() {
                let group = std::mem::take(&mut *self.waiting.lock().map_err(|_| StorageError::Poisoned)?);
                let mut requests = Vec::with_capacity(group.len());
                for ticket in &group {
                    let request = ticket.request.lock().map_err(|_| StorageError::Poisoned)?.take();
                    requests
                        .push(request.ok_or(StorageError::Commit("an upload was committed twice".into()))?);
                }
                let outcomes = match commit_group(&mut writer, &requests) {
                    Ok(outcomes) if outcomes.len() == requests.len() => outcomes,
                    Ok(_) => group
                        .iter()
                        .map(|_| Err(StorageError::Commit("an outcome is missing".into())))
                        .collect(),
                    Err(e) => {
                        tracing::error!(error = %e, uploads = group.len(), "a group commit failed");
                        let reason = e.to_string();
                        group.iter().map(|_| Err(StorageError::Commit(reason.clone()))).collect()
                    }
                };
                for (ticket, outcome) in group.iter().zip(outcomes) {
                    *ticket.outcome.lock().map_err(|_| StorageError::Poisoned)? = Some(outcome);
                }
            }
        }
        let outcome = ticket.outcome.lock().map_err(|_| StorageError::Poisoned)?.take();
        outcome.unwrap_or(Err(StorageError::Commit("an upload was left out of its group".into())))
    }
}
