//! The device's offline store (rusqlite, bundled SQLite): document bytes and the SQL projections
//! every screen reads, updated in the same transaction.
//!
//! Thread safety: one writer connection (with the cache of loaded documents) and two reader
//! connections, each behind its own mutex, taken in that order; WAL lets reads proceed while a
//! write commits. Writes are short: one document, one transaction. Incoming sync applies in
//! bounded batches ([`Store::apply_remote`]).

mod cache;
mod checkpoint;
mod deferred_indexes;
mod duplicates;
mod export;
mod import;
mod insights_input;
mod leads;
mod normalize;
mod objectives;
mod persist;
mod project;
mod queries;
mod schema;
mod summary_facts;
mod sync_state;
#[cfg(test)]
mod tests;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::Utc;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::doc::{Collection, Conflict, ConflictResolution, DocKind, Document};
use crate::error::{Error, Result};
use crate::model::*;
use cache::DocCache;
use project::Projected;

pub use duplicates::{DuplicateCandidate, DuplicateReason};
pub use import::ImportBatch;
pub use leads::QualifiedLead;
pub use queries::{
    AccountDetail, AccountListItem, Agenda, AgendaFollowUp, AgendaVisit, OutboxEntry, PipelineItem,
    TimelineItem,
};
pub use schema::{PRAGMAS as CONNECTION_PRAGMAS, VERSION as SCHEMA_VERSION};
pub use sync_state::{sync_keys, ApplyReport, OutgoingDoc, QuarantinedDoc};
#[cfg(feature = "transport")]
pub(crate) use sync_state::{Batches, PrepareJob, PreparedBatch};

/// Documents kept loaded in memory at most: the day's accounts, not the whole portfolio. (An
/// upload no longer needs its documents loaded: it sends their stored increments, and acknowledging
/// reads their heads from their rows.)
const CACHED_DOCS: usize = 128;
/// A lead capture session document holds at most this many leads before a new one starts.
const LEADS_PER_SESSION: i64 = 1_000;

pub struct Store {
    // Fields drop in this order: the read-only connection first, so the writer closes last and
    // SQLite folds the write-ahead log back into the file (a read-only connection cannot). A
    // closed store is then one self-contained file, as a copy or a backup expects.
    reader: Mutex<Connection>,
    /// A second read-only connection, for the reads shared out between two threads (a team's
    /// dashboard).
    second_reader: Mutex<Connection>,
    /// Dropped before the writer: the writer's connection closes last.
    _checkpointer: Option<checkpoint::Checkpointer>,
    writer: Mutex<WriteSide>,
    /// [`Store::acting_rep`] once the device is enrolled (it stays who it was enrolled as): every
    /// visit saved on a rep's device asks.
    acting: Mutex<Option<Option<String>>>,
}

struct WriteSide {
    conn: Connection,
    cache: DocCache,
    /// Batches of a first sync written in the transaction still open on `conn`, committed with
    /// the cursor that follows them (see [`Store::save_cursor`]). Any other write commits them
    /// first ([`Store::writer`]).
    held_batches: usize,
}

impl WriteSide {
    /// Commits the batches a first sync holds, if any. A transaction left open that holds none
    /// (its batch failed) is rolled back: nothing half written is ever committed.
    fn commit_held(&mut self) -> Result<()> {
        let held = std::mem::take(&mut self.held_batches);
        if self.conn.is_autocommit() {
            return Ok(());
        }
        let end = if held > 0 { "COMMIT" } else { "ROLLBACK" };
        if let Err(e) = self.conn.execute_batch(end) {
            // The batches go with the cursor they would have moved: the next sync asks again.
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(e.into());
        }
        Ok(())
    }
}

impl Drop for WriteSide {
    /// A sync cancelled with batches held: what was applied stays.
    fn drop(&mut self) {
        if let Err(e) = self.commit_held() {
            tracing::warn!("the last batches of a first sync were not kept: {e}");
        }
    }
}

/// Where a write goes: an existing document, or a new one born here.
enum Target {
    Existing(String),
    New { id: String, kind: DocKind, label: Option<String> },
}

/// Prepared statements kept per connection: every statement the store runs, with room to spare.
const STATEMENT_CACHE: usize = 128;

/// Puts a document that changed in the outbox. A document already waiting keeps its first
/// increment (or its NULL: its changes are then computed from the acknowledged heads).
fn queue_upload(conn: &Connection, doc_id: &str, first_increment: Option<i64>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO outbox (doc_id, changes, since, first_increment) VALUES (?1, 1, ?2, ?3)
         ON CONFLICT (doc_id) DO UPDATE SET changes = changes + 1",
    )?
    .execute(params![doc_id, Utc::now().timestamp_millis(), first_increment])?;
    Ok(())
}

impl Store {
    /// Opens (creating and migrating if needed) the store at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let mut conn = Connection::open(path)?;
        schema::configure(&conn)?;
        // Before migrating: a migration may rebuild an index a stopped first sync had deferred.
        deferred_indexes::build(&mut conn)?;
        schema::migrate(&mut conn)?;
        let open_reader = || -> Result<Connection> {
            let reader = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI,
            )?;
            schema::configure_reader(&reader)?;
            Ok(reader)
        };
        let checkpointer = checkpoint::Checkpointer::start(path, &mut conn)?;
        let (reader, second_reader) = (open_reader()?, open_reader()?);
        // Applying one document runs more distinct statements than rusqlite's default cache of 16
        // holds: each would be compiled again for every document.
        for c in [&conn, &reader, &second_reader] {
            c.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        }
        Ok(Store {
            reader: Mutex::new(reader),
            second_reader: Mutex::new(second_reader),
            _checkpointer: checkpointer,
            writer: Mutex::new(WriteSide { conn, cache: DocCache::new(CACHED_DOCS), held_batches: 0 }),
            acting: Mutex::new(None),
        })
    }

    /// The writing connection, with no transaction open: batches a first sync held are committed.
    fn writer(&self) -> Result<MutexGuard<'_, WriteSide>> {
        let mut side = self.held_writer()?;
        side.commit_held()?;
        Ok(side)
    }

    /// The writing connection as it is, inside the transaction of a first sync's held batches if
    /// one is open.
    fn held_writer(&self) -> Result<MutexGuard<'_, WriteSide>> {
        self.writer.lock().map_err(|_| Error::Poisoned)
    }

    fn reader(&self) -> Result<MutexGuard<'_, Connection>> {
        self.reader.lock().map_err(|_| Error::Poisoned)
    }

    /// Lock order: the writer, then the reader, then this one (see [`Store::insights_input`]).
    fn second_reader(&self) -> Result<MutexGuard<'_, Connection>> {
        self.second_reader.lock().map_err(|_| Error::Poisoned)
    }

    /// The one write path: change one document, persist what changed, project it, in one transaction.
    fn edit<T>(
        &self,
        target: Target,
        change: impl FnOnce(&mut Document) -> Result<T>,
        project: impl FnOnce(&Connection, &Document, &T) -> Result<()>,
    ) -> Result<T> {
        self.edit_many(
            vec![target],
            |docs| change(&mut docs[0]),
            |conn, docs, value| project(conn, &docs[0], value),
        )
    }

    /// Changes several documents in one transaction (a merge of duplicates). On any error nothing is
    /// kept: the documents are dropped from the cache, so the next write reloads them from disk.
    fn edit_many<T>(
        &self,
        targets: Vec<Target>,
        change: impl FnOnce(&mut [Document]) -> Result<T>,
        project: impl FnOnce(&Connection, &[Document], &T) -> Result<()>,
    ) -> Result<T> {
        write_docs(&mut *self.writer()?, targets, change, project)
    }

    /// [`edit`](Self::edit) of the document `resolve` names, which looks it up (and checks what it
    /// must) through the writer's connection, under its lock: that connection's cache holds the
    /// pages the last write changed, which the reader's first query after a write reads again (a
    /// tenth of logging a visit), and no other write comes between the lookup and the write.
    fn edit_resolved<P, T>(
        &self,
        resolve: impl FnOnce(&Connection) -> Result<(String, P)>,
        change: impl FnOnce(&mut Document, P) -> Result<T>,
        project: impl FnOnce(&Connection, &Document, &T) -> Result<()>,
    ) -> Result<T> {
        let mut side = self.writer()?;
        let (doc_id, resolved) = resolve(&side.conn)?;
        write_docs(
            &mut side,
            vec![Target::Existing(doc_id)],
            |docs| change(&mut docs[0], resolved),
            |conn, docs, value| project(conn, &docs[0], value),
        )
    }

    pub(crate) fn doc_of(&self, collection: Collection, record_id: &str) -> Result<Option<String>> {
        doc_of(&*self.reader()?, collection, record_id)
    }

    /// Creates or updates an account. A prospect becoming a client gets `became_client_on` = today
    /// (UTC) unless it was given.
    pub fn save_account(&self, account: &Account) -> Result<Account> {
        account.validate()?;
        let exists = self.reader()?.query_row(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE doc_id = ?1)",
            [&account.id],
            |r| r.get::<_, bool>(0),
        )?;
        let target = if exists {
            Target::Existing(account.id.clone())
        } else {
            if account.merged_into.is_some() {
                return Err(ValidationError::new(Field::MergedInto, Reason::NewAccountAlreadyMerged).into());
            }
            Target::New { id: account.id.clone(), kind: DocKind::Account, label: None }
        };
        self.edit(
            target,
            |doc| {
                let mut account = account.clone();
                let before: Option<Account> = doc.get(&account.id)?;
                let was_client = before.as_ref().is_some_and(|b| b.kind == AccountKind::Client);
                if account.kind == AccountKind::Client && !was_client && account.became_client_on.is_none() {
                    account.became_client_on = Some(Utc::now().date_naive());
                }
                doc.put(&account)
            },
            project::record,
        )
    }

    /// Creates or updates a record that belongs to an account (contact, visit, follow-up, opportunity).
    /// A new record for an account that was merged into another goes to the surviving account.
    fn save_child<R: AccountChild>(&self, record: &R) -> Result<R> {
        self.save_child_checked(record, |_| Ok(()))
    }

    /// [`save_child`](Self::save_child) once `check` passed, on the writer's connection.
    fn save_child_checked<R: AccountChild>(
        &self,
        record: &R,
        check: impl FnOnce(&Connection) -> Result<()>,
    ) -> Result<R> {
        record.validate()?;
        self.edit_resolved(
            |conn| {
                check(conn)?;
                home(conn, R::COLLECTION, record.id(), record.account_id_ref())
            },
            |doc, survivor| {
                let mut record = record.clone();
                if let Some(survivor) = survivor {
                    *record.account_id_mut() = survivor;
                }
                doc.put(&record)
            },
            |conn, doc, record| project::record(conn, doc, record),
        )
    }

    pub fn save_contact(&self, contact: &Contact) -> Result<Contact> {
        self.save_child(contact)
    }

    /// Logs or edits a visit report (or a planned visit). Durable when this returns. On a rep's
    /// device, only the rep's own reports (the server refuses the others).
    pub fn save_visit(&self, visit: &VisitReport) -> Result<VisitReport> {
        let me = self.acting_rep()?;
        self.save_child_checked(visit, |conn| match &me {
            Some(me) => check_own_report(conn, me, &visit.id, Some(&visit.rep)),
            None => Ok(()),
        })
    }

    /// Logs a visit and the follow-up of its next step as one write: both are checked before
    /// either is written, and both land in the account's document in one transaction (a crash
    /// keeps both or neither). The follow-up must be for the visit's account.
    pub fn log_visit(
        &self,
        visit: &VisitReport,
        next_step: Option<&FollowUp>,
    ) -> Result<(VisitReport, Option<FollowUp>)> {
        visit.validate()?;
        if let Some(follow_up) = next_step {
            follow_up.validate()?;
            if follow_up.account_id != visit.account_id {
                return Err(ValidationError::new(Field::AccountId, Reason::NextStepOfAnotherAccount).into());
            }
        }
        let me = self.acting_rep()?;
        self.edit_resolved(
            |conn| {
                if let Some(me) = &me {
                    check_own_report(conn, me, &visit.id, Some(&visit.rep))?;
                }
                home(conn, Collection::Visits, &visit.id, &visit.account_id)
            },
            |doc, survivor| {
                let mut visit = visit.clone();
                let mut follow_up = next_step.cloned();
                if let Some(survivor) = survivor {
                    visit.account_id.clone_from(&survivor);
                    if let Some(f) = follow_up.as_mut() {
                        f.account_id = survivor;
                    }
                }
                Ok((doc.put(&visit)?, follow_up.as_ref().map(|f| doc.put(f)).transpose()?))
            },
            |conn, doc, (visit, follow_up)| {
                project::record(conn, doc, visit)?;
                follow_up.as_ref().map_or(Ok(()), |f| project::record(conn, doc, f))
            },
        )
    }

    pub fn save_follow_up(&self, follow_up: &FollowUp) -> Result<FollowUp> {
        self.save_child(follow_up)
    }

    pub fn save_opportunity(&self, opportunity: &Opportunity) -> Result<Opportunity> {
        self.save_child(opportunity)
    }

    /// Sets an objective. New ones go to this device's objectives sheet.
    pub fn save_objective(&self, objective: &Objective) -> Result<Objective> {
        objective.validate()?;
        let existing = match self.doc_of(Collection::Objectives, &objective.id)? {
            Some(doc_id) => Some(doc_id),
            None => self
                .reader()?
                .query_row(
                    "SELECT doc_id FROM documents WHERE kind = 'objectives' AND created_here = 1 LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?,
        };
        let target = existing.map_or_else(
            || Target::New { id: new_id(), kind: DocKind::Objectives, label: None },
            Target::Existing,
        );
        self.edit(target, |doc| doc.put(objective), project::record)
    }

    /// Captures or edits a trade-show lead. New leads go to this device's capture session for the event.
    pub fn save_lead(&self, lead: &Lead) -> Result<Lead> {
        lead.validate()?;
        let existing = match self.doc_of(Collection::Leads, &lead.id)? {
            Some(doc_id) => Some(doc_id),
            None => self
                .reader()?
                .query_row(
                    "SELECT d.doc_id FROM documents d
                 WHERE d.kind = 'leads' AND d.created_here = 1 AND d.label = ?1
                   AND (SELECT count(*) FROM leads l WHERE l.doc_id = d.doc_id) < ?2
                 LIMIT 1",
                    params![lead.event, LEADS_PER_SESSION],
                    |r| r.get(0),
                )
                .optional()?,
        };
        let target = existing.map_or_else(
            || Target::New { id: new_id(), kind: DocKind::Leads, label: Some(lead.event.clone()) },
            Target::Existing,
        );
        self.edit(target, |doc| doc.put(lead), project::record)
    }

    /// Deletes a record. Deleting an account hides it and everything logged on it.
    pub fn delete(&self, collection: Collection, id: &str) -> Result<()> {
        if let (Collection::Visits, Some(me)) = (collection, self.acting_rep()?) {
            check_own_report(&*self.reader()?, &me, id, None)?;
        }
        let doc_id = self
            .doc_of(collection, id)?
            .ok_or_else(|| Error::NotFound { what: "record", id: id.to_owned() })?;
        // The account whose activity a deleted contact, visit, follow-up or opportunity fed.
        let account_id: Option<String> = match collection {
            Collection::Contacts | Collection::Visits | Collection::FollowUps | Collection::Opportunities => {
                let sql = format!("SELECT account_id FROM {} WHERE id = ?1", project::table(collection));
                self.reader()?.query_row(&sql, [id], |r| r.get(0))?
            }
            Collection::Accounts | Collection::Objectives | Collection::Leads => None,
        };
        self.edit(
            Target::Existing(doc_id),
            |doc| doc.delete(collection, id),
            |conn, doc, ()| {
                if collection == Collection::Accounts {
                    project::document(conn, doc)
                } else {
                    project::remove(conn, collection, id, account_id.as_deref())
                }
            },
        )
    }

    /// Settles a conflict as the user chose.
    pub fn resolve_conflict(&self, conflict: &Conflict, resolution: &ConflictResolution) -> Result<()> {
        self.edit(
            Target::Existing(conflict.doc_id.clone()),
            |doc| doc.resolve(conflict, resolution),
            |conn, doc, ()| project::document(conn, doc),
        )
    }

    /// A record as its document holds it now (the projection may lag only inside a transaction).
    pub fn account(&self, id: &str) -> Result<Account> {
        self.read_json(Collection::Accounts, id)
    }

    pub fn visit(&self, id: &str) -> Result<VisitReport> {
        self.read_json(Collection::Visits, id)
    }

    pub fn follow_up(&self, id: &str) -> Result<FollowUp> {
        self.read_json(Collection::FollowUps, id)
    }

    fn read_json<T: serde::de::DeserializeOwned>(&self, collection: Collection, id: &str) -> Result<T> {
        let sql = format!("SELECT json FROM {} WHERE id = ?1", project::source(collection));
        let json: String = self
            .reader()?
            .prepare_cached(&sql)?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "record", id: id.to_owned() })?;
        queries::from_json(&json)
    }

    /// Checks the database file (what a crash test or a support tool asks).
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.reader()?.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// Records that belong to an account document.
trait AccountChild: Projected + Clone {
    fn account_id_ref(&self) -> &str;
    fn account_id_mut(&mut self) -> &mut String;
}

macro_rules! account_child {
    ($($t:ty),+) => {$(
        impl AccountChild for $t {
            fn account_id_ref(&self) -> &str { &self.account_id }
            fn account_id_mut(&mut self) -> &mut String { &mut self.account_id }
        }
    )+};
}
account_child!(Contact, VisitReport, FollowUp, Opportunity);

/// The writes of [`Store::edit_many`], on the writer `side` already locked.
fn write_docs<T>(
    side: &mut WriteSide,
    targets: Vec<Target>,
    change: impl FnOnce(&mut [Document]) -> Result<T>,
    project: impl FnOnce(&Connection, &[Document], &T) -> Result<()>,
) -> Result<T> {
    let WriteSide { conn, cache, .. } = side;
    let mut docs = Vec::with_capacity(targets.len());
    let mut labels = Vec::with_capacity(targets.len());
    for target in targets {
        let (doc, label) = match target {
            Target::Existing(id) => (persist::checkout_existing(conn, cache, &id)?, None),
            Target::New { id, kind, label } => (Document::create(&id, kind)?, Some(label)),
        };
        docs.push(doc);
        labels.push(label);
    }
    let outcome = (|| {
        let value = change(&mut docs)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut wrote_any = false;
        for (doc, label) in docs.iter_mut().zip(&labels) {
            let wrote = match label {
                Some(label) => {
                    persist::insert(&tx, doc, label.as_deref())?;
                    Some(None) // never acknowledged: an upload sends it whole
                }
                None => match persist::append(&tx, doc)? {
                    persist::Appended::Nothing => None,
                    persist::Appended::Increment(id) => Some(Some(id)),
                    persist::Appended::Compacted => Some(None),
                },
            };
            if let Some(first_increment) = wrote {
                queue_upload(&tx, doc.id(), first_increment)?;
            }
            wrote_any |= wrote.is_some();
        }
        if wrote_any {
            project(&tx, &docs, &value)?;
        }
        tx.commit()?;
        Ok(value)
    })();
    if outcome.is_ok() {
        for doc in docs {
            cache.put(doc);
        }
    }
    outcome
}

/// The document that holds record `record_id` of `collection`, if this device shows it.
fn doc_of(conn: &Connection, collection: Collection, record_id: &str) -> Result<Option<String>> {
    let sql = format!("SELECT doc_id FROM {} WHERE id = ?1", project::table(collection));
    Ok(conn.prepare_cached(&sql)?.query_row([record_id], |r| r.get(0)).optional()?)
}

/// The document a record of account `account_id` is written to: the one that holds it; for a new
/// record its account's, or, when that account was merged into another, the kept one's (then also
/// `Some` of it: the account the record now belongs to).
fn home(
    conn: &Connection,
    collection: Collection,
    record_id: &str,
    account_id: &str,
) -> Result<(String, Option<String>)> {
    Ok(match doc_of(conn, collection, record_id)? {
        Some(doc_id) => (doc_id, None),
        None => match surviving_account(conn, account_id)? {
            survivor if survivor == account_id => (survivor, None),
            survivor => (survivor.clone(), Some(survivor)),
        },
    })
}

/// The account an id now stands for, following merges.
fn surviving_account(conn: &Connection, account_id: &str) -> Result<String> {
    let mut id = account_id.to_owned();
    for _ in 0..16 {
        let merged: Option<Option<String>> = conn
            .prepare_cached("SELECT merged_into FROM accounts WHERE id = ?1")?
            .query_row([&id], |r| r.get(0))
            .optional()?;
        match merged {
            None => return Err(Error::NotFound { what: "account", id: account_id.to_owned() }),
            Some(None) => return Ok(id),
            Some(Some(next)) => id = next,
        }
    }
    Err(Error::schema(account_id, "merge chain is too long"))
}

/// A rep (`me`) logs, edits and deletes their own visit reports only: the visit `visit_id` as
/// shown, and as it would be written (`new_rep`).
fn check_own_report(conn: &Connection, me: &str, visit_id: &str, new_rep: Option<&str>) -> Result<()> {
    let current: Option<String> = conn
        .prepare_cached("SELECT rep FROM visits WHERE id = ?1")?
        .query_row([visit_id], |r| r.get(0))
        .optional()?;
    if new_rep.is_some_and(|r| r != me) || current.is_some_and(|r| r != me) {
        return Err(ValidationError::new(Field::Rep, Reason::NotYourVisit).into());
    }
    Ok(())
}
