//! The store's side of sync: what to send, what the server acknowledged, applying what arrived.
//! The protocol itself lives in `crate::sync`; this is only bookkeeping on the device.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use automerge::ChangeHash;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

use serde::Serialize;

use super::cache::DocCache;
use super::{persist, project, Store};
use crate::doc::{check_untrusted, contained, Collection, DocKind, Document, Projection};
use crate::error::{Error, Result};
use crate::sync::wire::IncomingDoc;

/// Keys of the sync values: where enrollment leaves the device's identity, and the sync cursor.
pub mod sync_keys {
    pub const SERVER: &str = "server_url";
    pub const TOKEN: &str = "device_token";
    pub const DEVICE: &str = "device_id";
    pub const USER: &str = "user_id";
    pub const TEAM: &str = "team_id";
    pub const ROLE: &str = "role";
    pub const CURSOR: &str = "cursor";
    /// The private certificate authority (PEM) trusted for the server, besides the public roots.
    pub const SERVER_CA: &str = "server_ca_pem";
    /// When the last sync that succeeded ended: milliseconds since the epoch, UTC, as text.
    pub const LAST_SYNCED_AT: &str = "last_synced_at";
    /// The last sync that failed after it: "<milliseconds> <error kind code>"; empty once a sync
    /// succeeds again.
    pub const LAST_FAILURE: &str = "last_sync_failure";
    /// The team's members as the server last listed them (JSON), to name people offline.
    pub const TEAM_MEMBERS: &str = "team_members";
    /// The role code of a rep, who logs and edits only their own visit reports.
    pub const REP_ROLE: &str = "rep";
}

/// A document's changes the server has not acknowledged yet.
#[derive(Debug, Clone)]
pub struct OutgoingDoc {
    pub doc_id: String,
    pub kind: DocKind,
    pub changes: Vec<u8>,
    /// The heads these changes lead to: acknowledge them once the server stored them.
    pub heads: Vec<ChangeHash>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyReport {
    /// Documents that changed.
    pub docs: usize,
    /// Conflicts listed after the batch that were not before.
    pub new_conflicts: usize,
    /// Documents set aside because they could not be applied (see [`Store::quarantined`]).
    pub quarantined: usize,
    /// The documents that changed, with their kind: what screens showing them reload.
    pub changed: Vec<(String, DocKind)>,
    /// Every account's summary and search entry was rewritten, as a first sync does when it ends
    /// (store/deferred_indexes.rs): what lists accounts or counts their activity reloads.
    pub accounts_rewritten: bool,
}

/// Changes received for a document that this device could not apply: malformed, or breaking the
/// rule that every record lives in one document. Kept with their bytes, never applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarantinedDoc {
    pub doc_id: String,
    /// Why, in English (a support message, not shown to a rep as is).
    pub reason: String,
    /// Milliseconds since the epoch, UTC.
    pub received_at: i64,
    pub bytes: u64,
}

/// What a document from another replica became.
enum Received {
    /// Checked, persisted and projected: the document, still loaded when this device held it
    /// already (a new one is not kept loaded: see [`NewDoc`]).
    Applied(DocKind, Option<Document>),
    /// Nothing this device lacked.
    Known(Document),
}

/// A document this device did not hold, read and checked: all of it work without the store, which a
/// first sync shares out among the cores (see [`PrepareJob`]). What the store needs is kept and the
/// loaded document dropped where it was read: freeing it is a tenth of the writer's time otherwise,
/// and a first sync's documents would only push one another out of the cache.
struct NewDoc {
    kind: DocKind,
    /// In [`persist::sorted_heads`] order.
    heads: Vec<ChangeHash>,
    /// The records it holds that get no row (deleted ones): the rows' inserts check the others'
    /// homes themselves.
    deleted: Vec<(Collection, String)>,
    rows: project::ReadyRows,
    /// What the store keeps of the received bytes ([`persist::stored_form`]).
    stored: Vec<u8>,
}

impl NewDoc {
    /// With the rows the server sent, the document is not loaded: its bytes are only checked to be
    /// whole automerge chunks, which the first edit loads. Without, it is loaded from its
    /// untrusted bytes and read.
    fn prepare(received: &IncomingDoc) -> Result<NewDoc> {
        let IncomingDoc { doc_id, bytes, rows } = received;
        let projection = match rows {
            Some(rows) => {
                check_untrusted(doc_id, bytes)?;
                Projection::decode(doc_id, rows)?
            }
            None => Projection::read(&mut Document::load_untrusted(doc_id, bytes)?)?,
        };
        let Projection { rows, heads, deleted } = projection;
        let stored = persist::stored_form(bytes).into_owned();
        Ok(NewDoc { kind: rows.kind, heads, deleted, rows: project::ReadyRows::new(rows), stored })
    }
}

/// Loads or applies `bytes`, checks that every record the changes touched belongs in the document
/// and in no other, then persists and projects it. An error that is not the storage's is the
/// document's fault: the caller rolls back what this wrote and sets the bytes aside.
fn receive(
    conn: &rusqlite::Connection,
    cache: &mut DocCache,
    received: &IncomingDoc,
    preloaded: Option<Result<NewDoc>>,
    (stale, upserts): (&mut project::StaleAccounts, &mut project::Upserts<'_>),
) -> Result<Received> {
    let IncomingDoc { doc_id, bytes, .. } = received;
    let (kind, doc) = match persist::checkout(conn, cache, doc_id)? {
        None => {
            let NewDoc { kind, heads, deleted, rows, stored } =
                preloaded.unwrap_or_else(|| NewDoc::prepare(received))?;
            refuse_foreign_homes(conn, doc_id, &deleted)?;
            persist::insert_bytes(conn, (doc_id, kind, &heads), &stored, false, None)?;
            rows.insert(upserts, stale)?;
            (kind, None)
        }
        Some(mut doc) => {
            let before = doc.heads();
            doc.apply(bytes)?;
            if doc.heads() == before {
                return Ok(Received::Known(doc));
            }
            let records = doc.check_membership(&before)?;
            refuse_foreign_homes(conn, doc_id, &records)?;
            persist::append(conn, &mut doc)?;
            project::touched(conn, &doc, &records)?;
            let heads = persist::sorted_heads(&mut doc);
            // What came from the server is on the server: unless local changes wait, the next
            // upload starts from here (a new document is stored so, by `insert_bytes`).
            conn.prepare_cached(
                "UPDATE documents SET acked_heads = ?2
                 WHERE doc_id = ?1 AND NOT EXISTS (SELECT 1 FROM outbox WHERE doc_id = ?1)",
            )?
            .execute(params![doc_id, encode_heads(&heads)])?;
            (doc.kind(), Some(doc))
        }
    };
    Ok(Received::Applied(kind, doc))
}

fn refuse_foreign_homes(
    conn: &rusqlite::Connection,
    doc_id: &str,
    records: &[(Collection, String)],
) -> Result<()> {
    match project::foreign_home(conn, doc_id, records)? {
        Some((record, home)) => Err(project::lives_elsewhere(doc_id, &record, &home)),
        None => Ok(()),
    }
}

/// Received documents this device did not hold, read and checked before the write lock is taken
/// ([`PrepareJob`]): one entry per document of a batch, `None` for those [`receive`] loads itself.
pub(crate) struct PreparedBatch(Vec<Option<Result<NewDoc>>>);

#[cfg(test)]
impl PreparedBatch {
    /// How many of the batch's documents were prepared and passed their checks.
    pub(super) fn ready(&self) -> usize {
        self.0.iter().filter(|doc| matches!(doc, Some(Ok(_)))).count()
    }
}

/// Batches of received documents, shared between the threads that prepare them and the writer.
pub(crate) type Batches = Arc<Vec<Vec<IncomingDoc>>>;

/// The documents of some batches this device does not hold, to prepare ([`NewDoc::prepare`]):
/// loading and reading them is most of a first sync's CPU, and the writes that follow go one at a
/// time anyway. Any thread may take part ([`work`](Self::work)): the ones a sync sets to it, and
/// the writer once it has written the last page, so neither core waits for the other.
pub(crate) struct PrepareJob {
    batches: Batches,
    /// (batch, document) of each document to prepare.
    todo: Vec<(usize, usize)>,
    /// The next entry of `todo` to take.
    next: AtomicUsize,
    prepared: Mutex<Vec<(usize, usize, Result<NewDoc>)>>,
    all_prepared: Condvar,
}

impl PrepareJob {
    /// Prepares documents until none is left to take.
    pub(crate) fn work(&self) {
        while let Some(&(b, d)) = self.todo.get(self.next.fetch_add(1, Ordering::Relaxed)) {
            let received = &self.batches[b][d];
            let doc = contained(&received.doc_id, || NewDoc::prepare(received));
            let mut prepared = self.prepared.lock().unwrap_or_else(PoisonError::into_inner);
            prepared.push((b, d, doc));
            if prepared.len() == self.todo.len() {
                self.all_prepared.notify_all();
            }
        }
    }

    /// [`work`](Self::work) on `threads` threads, this one included.
    pub(crate) fn work_on(&self, threads: usize) {
        std::thread::scope(|s| {
            for _ in 1..threads.min(self.todo.len()) {
                s.spawn(|| self.work());
            }
            self.work();
        });
    }

    /// Once every document is prepared (by whichever threads), what was prepared for each batch.
    pub(crate) fn finish(&self) -> Vec<PreparedBatch> {
        let mut prepared = self.prepared.lock().unwrap_or_else(PoisonError::into_inner);
        while prepared.len() < self.todo.len() {
            prepared = self.all_prepared.wait(prepared).unwrap_or_else(PoisonError::into_inner);
        }
        let mut batches: Vec<Vec<Option<Result<NewDoc>>>> =
            self.batches.iter().map(|b| b.iter().map(|_| None).collect()).collect();
        for (b, d, doc) in prepared.drain(..) {
            batches[b][d] = Some(doc);
        }
        batches.into_iter().map(PreparedBatch).collect()
    }
}

/// Applies one received document ([`receive`]), counted in `report`. `Ok(Err(e))`: the
/// document's own fault, `e`; the caller rolls back what it wrote.
fn apply_one(
    tx: &rusqlite::Connection,
    cache: &mut DocCache,
    received: &IncomingDoc,
    preloaded: Option<Result<NewDoc>>,
    (touched, stale, upserts): (&mut Vec<Document>, &mut project::StaleAccounts, &mut project::Upserts<'_>),
    report: &mut ApplyReport,
) -> Result<std::result::Result<(), Error>> {
    match contained(&received.doc_id, || receive(tx, cache, received, preloaded, (stale, upserts))) {
        Ok(Received::Applied(kind, doc)) => {
            report.docs += 1;
            report.changed.push((received.doc_id.clone(), kind));
            touched.extend(doc);
            Ok(Ok(()))
        }
        Ok(Received::Known(doc)) => {
            touched.push(doc);
            Ok(Ok(()))
        }
        Err(e) if e.is_storage() => Err(e),
        Err(e) => Ok(Err(e)),
    }
}

fn conflict_count(conn: &rusqlite::Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM conflicts", [], |r| r.get(0))?)
}

/// Counts the conflicts the batch brought and commits it.
fn finish(tx: BatchTx<'_>, mut report: ApplyReport, conflicts_before: i64) -> Result<ApplyReport> {
    report.new_conflicts = (conflict_count(&tx)? - conflicts_before).max(0) as usize;
    tx.commit()?;
    Ok(report)
}

const PUT_SYNC_VALUE: &str =
    "INSERT INTO sync_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2";

/// Batches a first sync holds in one transaction before their cursor commits them
/// ([`Store::save_cursor`]). Every commit of a first sync wrote again nearly every page of the
/// projection tables' primary-key indexes, whose keys are random: BENCHMARKS.md, "Issue 13,
/// sixteenth part".
pub(super) const HELD_BATCHES: usize = 4;

/// The transaction one batch is written in: its own, or when `held`, a savepoint in the
/// transaction holding a first sync's batches (opened by the first of them). Rolled back when
/// dropped uncommitted.
struct BatchTx<'c> {
    conn: &'c rusqlite::Connection,
    held: bool,
    open: bool,
}

impl<'c> BatchTx<'c> {
    fn begin(conn: &'c rusqlite::Connection, held: bool) -> Result<Self> {
        if !held || conn.is_autocommit() {
            conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        let tx = BatchTx { conn, held, open: true };
        if held {
            conn.execute_batch("SAVEPOINT batch")?;
        }
        Ok(tx)
    }

    fn commit(mut self) -> Result<()> {
        self.conn.execute_batch(if self.held { "RELEASE batch" } else { "COMMIT" })?;
        self.open = false;
        Ok(())
    }
}

impl Drop for BatchTx<'_> {
    fn drop(&mut self) {
        if self.open {
            // A held batch leaves the ones before it to their commit.
            let undo = if self.held { "ROLLBACK TO batch; RELEASE batch" } else { "ROLLBACK" };
            let _ = self.conn.execute_batch(undo);
        }
    }
}

impl std::ops::Deref for BatchTx<'_> {
    type Target = rusqlite::Connection;
    fn deref(&self) -> &rusqlite::Connection {
        self.conn
    }
}

/// Sets received bytes aside with the reason they were refused.
fn quarantine(conn: &rusqlite::Connection, doc_id: &str, bytes: &[u8], reason: &str) -> Result<()> {
    tracing::warn!(doc = %doc_id, %reason, "a received document was set aside");
    conn.prepare_cached(
        "INSERT INTO quarantine (doc_id, reason, bytes, received_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![doc_id, reason, bytes, chrono::Utc::now().timestamp_millis()])?;
    Ok(())
}

pub(crate) fn encode_heads(heads: &[ChangeHash]) -> Vec<u8> {
    heads.iter().flat_map(|h| h.0).collect()
}

pub(crate) fn decode_heads(bytes: &[u8]) -> Option<Vec<ChangeHash>> {
    if bytes.len() % 32 != 0 {
        return None;
    }
    bytes.chunks_exact(32).map(|c| ChangeHash::try_from(c).ok()).collect()
}

impl Store {
    /// Up to `limit` documents with changes to send, oldest first. A document whose increments since
    /// the last acknowledgement are all on disk sends them as they were written, without loading it;
    /// otherwise (never acknowledged, compacted since, or stored before schema 6) its changes are
    /// computed from the loaded document.
    pub fn outgoing(&self, limit: usize) -> Result<Vec<OutgoingDoc>> {
        let mut side = self.writer()?;
        let super::WriteSide { conn, cache, .. } = &mut *side;
        type Pending = (String, String, Option<Vec<u8>>, Option<Vec<u8>>, Option<i64>);
        let pending: Vec<Pending> = conn
            .prepare_cached(
                "SELECT o.doc_id, d.kind, d.acked_heads, d.heads, o.first_increment
                 FROM outbox o JOIN documents d ON d.doc_id = o.doc_id
                 ORDER BY o.since, o.doc_id LIMIT ?1",
            )?
            .query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(pending.len());
        for (doc_id, kind, acked, heads, first_increment) in pending {
            let acked = acked.as_deref().and_then(decode_heads);
            let stored = (DocKind::parse(&kind), heads.as_deref().and_then(decode_heads), first_increment);
            if let (Some(kind), Some(heads), Some(first), Some(_)) = (stored.0, stored.1, stored.2, &acked) {
                let mut changes = Vec::new();
                let mut rows = conn.prepare_cached(
                    "SELECT bytes FROM doc_increments WHERE doc_id = ?1 AND id >= ?2 ORDER BY id",
                )?;
                let mut rows = rows.query(params![doc_id, first])?;
                while let Some(row) = rows.next()? {
                    changes.extend_from_slice(row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?);
                }
                if !changes.is_empty() {
                    out.push(OutgoingDoc { doc_id, kind, changes, heads });
                    continue;
                }
            }
            let mut doc = persist::checkout_existing(conn, cache, &doc_id)?;
            // A document the server never acknowledged goes whole and compacted: several times
            // smaller than its changes one by one.
            let changes = match acked {
                Some(acked) => doc.save_after(&acked),
                None => doc.export(),
            };
            out.push(OutgoingDoc {
                doc_id,
                kind: doc.kind(),
                changes,
                heads: persist::sorted_heads(&mut doc),
            });
            cache.put(doc);
        }
        Ok(out)
    }

    /// A whole document as this device holds it, compacted (for another replica, or a support copy).
    pub fn export_document(&self, doc_id: &str) -> Result<Vec<u8>> {
        let mut side = self.writer()?;
        let super::WriteSide { conn, cache, .. } = &mut *side;
        let mut doc = persist::checkout_existing(conn, cache, doc_id)?;
        let bytes = doc.export();
        cache.put(doc);
        Ok(bytes)
    }

    /// The heads of a document on this device: two replicas with the same heads hold the same document.
    pub fn document_heads(&self, doc_id: &str) -> Result<Vec<ChangeHash>> {
        let mut side = self.writer()?;
        let super::WriteSide { conn, cache, .. } = &mut *side;
        let mut doc = persist::checkout_existing(conn, cache, doc_id)?;
        let heads = doc.heads();
        cache.put(doc);
        Ok(heads)
    }

    /// The server lost what it had acknowledged (restored from an older backup): every document of
    /// the kinds this device may write goes back in the outbox, whole, and the cursor starts over.
    /// What the server still has is ignored by it; nothing is stored twice.
    pub fn resend_everything(&self, writable: &[DocKind]) -> Result<()> {
        let mut side = self.writer()?;
        let tx = side.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let kinds: Vec<&str> = writable.iter().map(|k| k.code()).collect();
        let now = chrono::Utc::now().timestamp_millis();
        let mut by_kind = tx.prepare_cached("SELECT doc_id FROM documents WHERE kind = ?1")?;
        for kind in kinds {
            let ids: Vec<String> =
                by_kind.query_map([kind], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            for doc_id in ids {
                tx.prepare_cached("UPDATE documents SET acked_heads = NULL WHERE doc_id = ?1")?
                    .execute([&doc_id])?;
                tx.prepare_cached(
                    "INSERT INTO outbox (doc_id, changes, since, first_increment) VALUES (?1, 1, ?2, NULL)
                     ON CONFLICT (doc_id) DO UPDATE SET first_increment = NULL",
                )?
                .execute(params![doc_id, now])?;
            }
        }
        drop(by_kind);
        tx.prepare_cached(
            "INSERT INTO sync_state (key, value) VALUES (?1, x'') ON CONFLICT (key) DO UPDATE SET value = x''",
        )?
        .execute([sync_keys::CURSOR])?;
        tx.commit()?;
        Ok(())
    }

    /// The server stored each document up to the heads given: remember it, and take the document out
    /// of the outbox unless it changed locally since. One transaction for a whole response; the
    /// current heads are read from each document's row (a document stored before schema 6 is loaded
    /// once and its row completed).
    pub fn acknowledge(&self, acks: &[(String, Vec<ChangeHash>)]) -> Result<()> {
        if acks.is_empty() {
            return Ok(()); // and a first sync's held batches stay held
        }
        let mut side = self.writer()?;
        let super::WriteSide { conn, cache, .. } = &mut *side;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (doc_id, heads) in acks {
            let stored: Option<Vec<u8>> = tx
                .prepare_cached("SELECT heads FROM documents WHERE doc_id = ?1")?
                .query_row([doc_id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::NotFound { what: "document", id: doc_id.clone() })?;
            let current = match stored.as_deref().and_then(decode_heads) {
                Some(current) => current,
                None => {
                    let mut doc = persist::checkout_existing(&tx, cache, doc_id)?;
                    let current = persist::sorted_heads(&mut doc);
                    cache.put(doc);
                    tx.prepare_cached("UPDATE documents SET heads = ?2 WHERE doc_id = ?1")?
                        .execute(params![doc_id, encode_heads(&current)])?;
                    current
                }
            };
            tx.prepare_cached("UPDATE documents SET acked_heads = ?2 WHERE doc_id = ?1")?
                .execute(params![doc_id, encode_heads(heads)])?;
            let mut sorted = heads.clone();
            sorted.sort();
            if sorted == current {
                tx.prepare_cached("DELETE FROM outbox WHERE doc_id = ?1")?.execute([doc_id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Applies changes that came from other replicas, in one transaction: each document is checked
    /// (real automerge data of a known kind, every record it touches belonging to it and to no other
    /// document), then persisted and re-projected. A document that fails a check is set aside in
    /// the quarantine with its bytes and the rest applies; a storage error keeps nothing.
    pub fn apply_remote(&self, batch: &[(String, Vec<u8>)]) -> Result<ApplyReport> {
        let batch: Vec<IncomingDoc> = batch
            .iter()
            .map(|(doc_id, bytes)| IncomingDoc { doc_id: doc_id.clone(), bytes: bytes.clone(), rows: None })
            .collect();
        self.apply_received(batch)
    }

    /// [`apply_remote`](Self::apply_remote) for documents as a sync answer carries them: a document
    /// this device does not hold that comes with its projected rows is stored and its rows
    /// written without loading it.
    pub fn apply_received(&self, batch: Vec<IncomingDoc>) -> Result<ApplyReport> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        // A job owns its batches, for any thread to share.
        let batches = Arc::new(vec![batch]);
        let job = self.prepare_job(Arc::clone(&batches))?;
        job.work_on(cores);
        let prepared = job.finish().pop().expect("one batch, one prepared batch");
        self.apply_prepared(&batches[0], prepared, false)
    }

    /// The part of [`apply_remote`](Self::apply_remote) that needs no write lock, for each of
    /// `batches`: the documents this device does not hold, to load, check and read on any thread
    /// ([`PrepareJob`]), so a local write waits only for the writes (and a sync can prepare a
    /// page while it writes the last). The others are loaded by the write, which also copes with
    /// a document that arrived in between.
    pub(crate) fn prepare_job(&self, batches: Batches) -> Result<PrepareJob> {
        let todo = {
            let conn = self.reader()?;
            let mut known = conn.prepare_cached("SELECT 1 FROM documents WHERE doc_id = ?1")?;
            let mut todo = Vec::new();
            for (b, batch) in batches.iter().enumerate() {
                for (d, received) in batch.iter().enumerate() {
                    if known.query_row([&received.doc_id], |_| Ok(())).optional()?.is_none() {
                        todo.push((b, d));
                    }
                }
            }
            todo
        };
        Ok(PrepareJob {
            batches,
            todo,
            next: AtomicUsize::new(0),
            prepared: Mutex::new(Vec::new()),
            all_prepared: Condvar::new(),
        })
    }

    /// [`apply_remote`](Self::apply_remote) with the documents a [`PrepareJob`] prepared for this
    /// same `batch`. `held`, for a first sync: the batch stays uncommitted, held with the batches
    /// before it until the sync saves its cursor ([`save_cursor`](Self::save_cursor)), or until
    /// any other write.
    pub(crate) fn apply_prepared(
        &self,
        batch: &[IncomingDoc],
        prepared: PreparedBatch,
        held: bool,
    ) -> Result<ApplyReport> {
        let PreparedBatch(mut preloaded) = prepared;
        if preloaded.len() != batch.len() {
            preloaded = batch.iter().map(|_| None).collect(); // another batch's: load them here
        }
        let mut side = if held { self.held_writer()? } else { self.writer()? };
        let super::WriteSide { conn, cache, held_batches } = &mut *side;
        let mut touched: Vec<Document> = Vec::new();
        let outcome = (|| {
            let tx = BatchTx::begin(conn, held)?;
            let conflicts_before = conflict_count(&tx)?;
            // The whole batch at once first: a savepoint per document costs a copy of every page
            // it writes and a flush of the search index. Almost every batch applies whole.
            let mut report = ApplyReport::default();
            let mut stale = project::StaleAccounts::default();
            let mut whole = true;
            let mut upserts = project::Upserts::new(&tx);
            for (received, preloaded) in batch.iter().zip(preloaded) {
                let done = (&mut touched, &mut stale, &mut upserts);
                if apply_one(&tx, cache, received, preloaded, done, &mut report)?.is_err() {
                    whole = false;
                    break;
                }
            }
            drop(upserts);
            if whole {
                stale.refresh(&tx)?;
                return finish(tx, report, conflicts_before);
            }
            // A document failed: again, each in its own savepoint, so that one is set aside and
            // the others apply. What the first pass took from the cache goes with its writes.
            drop(tx);
            touched.clear();
            let tx = BatchTx::begin(conn, held)?;
            let mut report = ApplyReport::default();
            for received in batch {
                tx.execute_batch("SAVEPOINT received")?;
                let mut stale = project::StaleAccounts::default();
                let done = (&mut touched, &mut stale, &mut project::Upserts::new(&tx));
                match apply_one(&tx, cache, received, None, done, &mut report)? {
                    Ok(()) => {
                        stale.refresh(&tx)?;
                        tx.execute_batch("RELEASE received")?;
                    }
                    Err(e) => {
                        // The document is dropped, reloaded next time.
                        tx.execute_batch("ROLLBACK TO received; RELEASE received")?;
                        quarantine(&tx, &received.doc_id, &received.bytes, &e.to_string())?;
                        report.quarantined += 1;
                    }
                }
            }
            finish(tx, report, conflicts_before)
        })();
        // Cache the documents only if their state is the committed one (a held batch's is not
        // yet: its documents are loaded again when needed).
        if outcome.is_ok() {
            if held {
                *held_batches += 1;
            } else {
                for doc in touched {
                    cache.put(doc);
                }
            }
        }
        outcome
    }

    /// Received documents set aside, newest first.
    pub fn quarantined(&self) -> Result<Vec<QuarantinedDoc>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare_cached(
            "SELECT doc_id, reason, received_at, length(bytes) FROM quarantine ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(QuarantinedDoc {
                doc_id: r.get(0)?,
                reason: r.get(1)?,
                received_at: r.get(2)?,
                bytes: r.get::<_, i64>(3)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A small persistent value of the sync client (cursor, server address, device token).
    pub fn sync_value(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .reader()?
            .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// The user this device acts for when it was enrolled as a rep; `None` for a manager's device or
    /// one not enrolled (tests, a demo before enrollment).
    pub(super) fn acting_rep(&self) -> Result<Option<String>> {
        let mut acting = self.acting.lock().map_err(|_| Error::Poisoned)?;
        if let Some(known) = acting.as_ref() {
            return Ok(known.clone());
        }
        let text = |key| -> Result<Option<String>> {
            Ok(self.sync_value(key)?.and_then(|v| String::from_utf8(v).ok()))
        };
        let role = text(sync_keys::ROLE)?;
        let rep = match role.as_deref() {
            Some(sync_keys::REP_ROLE) => text(sync_keys::USER)?,
            _ => None,
        };
        // Not enrolled yet: asked again next time.
        if role.is_some() {
            *acting = Some(rep.clone());
        }
        Ok(rep)
    }

    /// Saves the sync cursor a page of changes leads to, after its batches. A first sync's held
    /// batches commit with it once [`HELD_BATCHES`] wait: the cursor never runs ahead of the
    /// batches, nor behind them. Whether it is committed, and every batch before it.
    pub(crate) fn save_cursor(&self, cursor: &[u8]) -> Result<bool> {
        let mut side = self.held_writer()?;
        side.conn.prepare_cached(PUT_SYNC_VALUE)?.execute(params![sync_keys::CURSOR, cursor])?;
        if side.held_batches >= HELD_BATCHES {
            side.commit_held()?;
        }
        Ok(side.conn.is_autocommit())
    }

    pub fn set_sync_value(&self, key: &str, value: &[u8]) -> Result<()> {
        self.writer()?.conn.prepare_cached(PUT_SYNC_VALUE)?.execute(params![key, value])?;
        if key == sync_keys::ROLE || key == sync_keys::USER {
            *self.acting.lock().map_err(|_| Error::Poisoned)? = None;
        }
        Ok(())
    }
}
