//! SQL projections of documents: one row per live record (indexed columns for the screens plus the
//! record as JSON), written in the same transaction as the document bytes (ARCHITECTURE.md rule 7).

use rusqlite::{params, CachedStatement, Connection, OptionalExtension, Statement};
use serde::Serialize;

use super::{deferred_indexes, normalize, summary_facts};
use crate::doc::{Collection, Conflict, DocKind, Document, Record, Rows};
use crate::error::{Error, Result};
use crate::i18n::fold;
use crate::insights::RevenueFigures;
use crate::model::*;

/// A record with a row in its projection table.
pub(crate) trait Projected: Record + Serialize {
    /// The upsert of the record's row, which leaves another document's record as it is ([`written`]).
    const UPSERT: &'static str;
    /// The account whose activity, search entry or timeline this record feeds.
    fn account_id(&self) -> Option<&str>;
    /// Runs `stmt`, prepared from [`UPSERT`](Self::UPSERT), for this record; `json` is its
    /// [`copy`](Self::copy), made beforehand. The rows it changed.
    fn upsert(&self, stmt: &mut Statement<'_>, doc_id: &str, json: &str) -> rusqlite::Result<usize>;
    /// The record's JSON copy in its row: the whole record, unless its table's records are read
    /// through a view that puts back what the columns hold ([`source`]).
    fn copy(&self) -> String {
        json(self)
    }
}

/// Writes a record's row with `stmt`, prepared from its [`Projected::UPSERT`].
fn insert<R: Projected>(
    conn: &Connection,
    stmt: &mut Statement<'_>,
    record: &R,
    doc_id: &str,
    json: &str,
) -> Result<()> {
    let changed = record.upsert(stmt, doc_id, json)?;
    written(conn, table(R::COLLECTION), record.id(), doc_id, changed)
}

/// The upserts of the projection tables for the new documents of one received batch, each
/// prepared once: taking a statement out of rusqlite's cache and giving it back, for every
/// record, hashed its SQL twice and was a tenth of a first sync's writer (callgrind of
/// `tournee-bench probe-apply --with-rows`).
pub(super) struct Upserts<'c> {
    conn: &'c Connection,
    /// By collection, in [`Collection::ALL`] order.
    prepared: [Option<CachedStatement<'c>>; 7],
}

impl<'c> Upserts<'c> {
    pub(super) fn new(conn: &'c Connection) -> Upserts<'c> {
        Upserts { conn, prepared: Default::default() }
    }

    fn insert<R: Projected>(&mut self, record: &R, doc_id: &str, json: &str) -> Result<()> {
        let conn = self.conn;
        let at =
            Collection::ALL.iter().position(|c| *c == R::COLLECTION).expect("every collection is listed");
        let slot = &mut self.prepared[at];
        let stmt = match slot {
            Some(stmt) => stmt,
            None => slot.insert(conn.prepare_cached(R::UPSERT)?),
        };
        insert(conn, stmt, record, doc_id, json)
    }
}

pub(super) fn table(collection: Collection) -> &'static str {
    // The collection keys are the table names.
    collection.key()
}

/// Where a collection's records are read whole, as a `json` column: its table, or for accounts and
/// visits the view that completes their copies ([`Projected::copy`], schema versions 15 and 14).
pub(super) fn source(collection: Collection) -> &'static str {
    match collection {
        Collection::Accounts => "account_records",
        Collection::Visits => "visit_records",
        other => table(other),
    }
}

/// Defines on a connection to the store the SQL functions of its views and writes:
/// `revenue_lines(packed)`, an account's revenue lines as JSON, from the figures its row packs
/// (damaged bytes fail the read rather than read as no revenue); and `summary_facts(...)`, the
/// facts of an account's summary row ([`SUMMARY_REFRESH`], `store/summary_facts.rs`).
pub(super) fn define_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("revenue_lines", 1, flags, |ctx| {
        let packed = ctx.get_raw(0).as_blob().map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
        let figures = RevenueFigures::from_packed(packed)
            .ok_or_else(|| rusqlite::Error::UserFunctionError("damaged revenue figures".into()))?;
        Ok(json(&figures.lines()))
    })?;
    conn.create_scalar_function("summary_facts", summary_facts::ARGUMENTS, flags, summary_facts::pack)?;
    Ok(())
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("records serialize to JSON")
}

/// What an insert of record `id` of `doc_id` into `table` did: each insert updates the row only
/// if it is the same document's (`ON CONFLICT ... WHERE doc_id = excluded.doc_id`), so a row left
/// as it was (`changed` 0) is another document's record, and the document's fault. The insert's
/// own seek finds it: a received document needs no lookup per record beforehand.
fn written(conn: &Connection, table: &str, id: &str, doc_id: &str, changed: usize) -> Result<()> {
    if changed > 0 {
        return Ok(());
    }
    let home: String = conn
        .prepare_cached(&format!("SELECT doc_id FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))?;
    Err(lives_elsewhere(doc_id, id, &home))
}

/// The error of a document holding record `record`, which lives in document `home`.
pub(super) fn lives_elsewhere(doc_id: &str, record: &str, home: &str) -> Error {
    Error::schema(doc_id, format!("record {record} already lives in document {home}"))
}

impl Projected for Account {
    const UPSERT: &'static str = "INSERT INTO accounts (id, doc_id, name, norm_name, kind, need_horizon, owner_rep, territory, segment,
         postcode, city, registration_number, potential_cents, open_dispute, lost, merged_into, created_at, json,
         became_client_on, created_at_from_import, revenue)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
         ON CONFLICT (id) DO UPDATE SET name = ?3, norm_name = ?4, kind = ?5, need_horizon = ?6, owner_rep = ?7,
         territory = ?8, segment = ?9, postcode = ?10, city = ?11, registration_number = ?12,
         potential_cents = ?13, open_dispute = ?14, lost = ?15, merged_into = ?16,
         created_at = ?17, json = ?18, became_client_on = ?19, created_at_from_import = ?20, revenue = ?21
         WHERE doc_id = ?2";
    fn account_id(&self) -> Option<&str> {
        Some(&self.id)
    }
    fn upsert(&self, stmt: &mut Statement<'_>, doc_id: &str, json: &str) -> rusqlite::Result<usize> {
        stmt.execute(params![
            self.id,
            doc_id,
            self.name,
            normalize::company_name(&self.name),
            self.kind.code(),
            self.need_horizon.map(NeedHorizon::code),
            self.owner_rep,
            self.territory,
            self.segment,
            self.postcode.as_deref().map(str::trim),
            self.city,
            self.registration_number.as_deref().map(normalize::registration),
            self.potential_cents,
            self.open_dispute,
            self.lost,
            self.merged_into,
            self.created_at.timestamp_millis(),
            json,
            self.became_client_on.map(|d| d.to_string()),
            self.created_at_from_import,
            RevenueFigures::new(&self.revenue).packed(),
        ])
    }
    /// Without the revenue lines when the row's packed figures (its `revenue` column) hold them
    /// exactly: they are most of an account's JSON, and the view `account_records` reads them back
    /// from the column (schema version 15). Lines the packing cannot hold (see
    /// `insights/revenue.rs`) stay in the copy, which the view then reads as it is.
    fn copy(&self) -> String {
        if !RevenueFigures::new(&self.revenue).holds(&self.revenue) {
            return json(self);
        }
        /// Named field by field, so that a field added to the record fails to compile here until
        /// it is given a place in the copy.
        #[derive(Serialize)]
        struct Copy<'a> {
            id: &'a str,
            name: &'a str,
            kind: AccountKind,
            need_horizon: Option<NeedHorizon>,
            territory: &'a Option<String>,
            segment: &'a Option<String>,
            owner_rep: &'a str,
            lead_source: Option<LeadSource>,
            potential_cents: Option<i64>,
            registration_number: &'a Option<String>,
            address: &'a Option<String>,
            postcode: &'a Option<String>,
            city: &'a Option<String>,
            phone: &'a Option<String>,
            website: &'a Option<String>,
            open_dispute: bool,
            lost: bool,
            notes: &'a str,
            created_at: &'a chrono::DateTime<chrono::Utc>,
            created_at_from_import: bool,
            became_client_on: Option<chrono::NaiveDate>,
            merged_into: &'a Option<String>,
            external_ref: &'a Option<String>,
        }
        let Account {
            id,
            name,
            kind,
            need_horizon,
            territory,
            segment,
            owner_rep,
            lead_source,
            potential_cents,
            registration_number,
            address,
            postcode,
            city,
            phone,
            website,
            open_dispute,
            lost,
            notes,
            created_at,
            created_at_from_import,
            became_client_on,
            revenue: _,
            merged_into,
            external_ref,
        } = self;
        json(&Copy {
            id,
            name,
            kind: *kind,
            need_horizon: *need_horizon,
            territory,
            segment,
            owner_rep,
            lead_source: *lead_source,
            potential_cents: *potential_cents,
            registration_number,
            address,
            postcode,
            city,
            phone,
            website,
            open_dispute: *open_dispute,
            lost: *lost,
            notes,
            created_at,
            created_at_from_import: *created_at_from_import,
            became_client_on: *became_client_on,
            merged_into,
            external_ref,
        })
    }
}

impl Projected for Contact {
    const UPSERT: &'static str = "INSERT INTO contacts (id, doc_id, account_id, name, email_domain, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, name = excluded.name,
         email_domain = excluded.email_domain, json = excluded.json
         WHERE doc_id = excluded.doc_id";
    fn account_id(&self) -> Option<&str> {
        Some(&self.account_id)
    }
    fn upsert(&self, stmt: &mut Statement<'_>, doc_id: &str, json: &str) -> rusqlite::Result<usize> {
        stmt.execute(params![
            self.id,
            doc_id,
            self.account_id,
            self.name,
            self.email.as_deref().and_then(normalize::company_domain),
            json,
        ])
    }
}

impl Projected for VisitReport {
    const UPSERT: &'static str = "INSERT INTO visits (id, doc_id, account_id, rep, status, channel, started_at, local_day,
         order_cents, json, duration_minutes, margin_cents)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, rep = excluded.rep, status = excluded.status,
         channel = excluded.channel, started_at = excluded.started_at,
         local_day = excluded.local_day, order_cents = excluded.order_cents,
         json = excluded.json, duration_minutes = excluded.duration_minutes,
         margin_cents = excluded.margin_cents
         WHERE doc_id = excluded.doc_id";
    fn account_id(&self) -> Option<&str> {
        Some(&self.account_id)
    }
    fn upsert(&self, stmt: &mut Statement<'_>, doc_id: &str, json: &str) -> rusqlite::Result<usize> {
        stmt.execute(params![
            self.id,
            doc_id,
            self.account_id,
            self.rep,
            self.status.code(),
            self.channel.code(),
            self.started_at.timestamp_millis(),
            self.local_day().to_string(),
            self.order_amount_cents,
            json,
            self.duration_minutes,
            self.order_margin_cents,
        ])
    }
    /// Without the eight fields the row's columns hold: a visit's copy is about half its JSON,
    /// and a first sync writes a hundred thousand of them.
    fn copy(&self) -> String {
        /// Named field by field, so that a field added to the record fails to compile here until
        /// it is given a column or a place in the copy.
        #[derive(Serialize)]
        struct Copy<'a> {
            started_at: &'a chrono::DateTime<chrono::Utc>,
            utc_offset_minutes: i32,
            objective: &'a Option<String>,
            notes: &'a str,
            outcome: &'a Option<Outcome>,
            interest: &'a Option<InterestLevel>,
            products: &'a [String],
            next_step: &'a Option<String>,
        }
        let VisitReport {
            id: _,
            account_id: _,
            rep: _,
            status: _,
            channel: _,
            duration_minutes: _,
            order_amount_cents: _,
            order_margin_cents: _,
            started_at,
            utc_offset_minutes,
            objective,
            notes,
            outcome,
            interest,
            products,
            next_step,
        } = self;
        json(&Copy {
            started_at,
            utc_offset_minutes: *utc_offset_minutes,
            objective,
            notes,
            outcome,
            interest,
            products,
            next_step,
        })
    }
}

impl Projected for FollowUp {
    const UPSERT: &'static str = "INSERT INTO follow_ups (id, doc_id, account_id, owner, due_on, done, json, action)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, owner = excluded.owner, due_on = excluded.due_on,
         done = excluded.done, json = excluded.json, action = excluded.action
         WHERE doc_id = excluded.doc_id";
    fn account_id(&self) -> Option<&str> {
        Some(&self.account_id)
    }
    fn upsert(&self, stmt: &mut Statement<'_>, doc_id: &str, json: &str) -> rusqlite::Result<usize> {
        stmt.execute(params![
            self.id,
            doc_id,
            self.account_id,
            self.owner,
            self.due_on.to_string(),
            self.done,
            json,
            self.action,
        ])
    }
}

impl Projected for Opportunity {
    const UPSERT: &'static str = "INSERT INTO opportunities (id, doc_id, account_id, owner, stage, expected_close, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, owner = excluded.owner, stage = excluded.stage,
         expected_close = excluded.expected_close, json = excluded.json
         WHERE doc_id = excluded.doc_id";
    fn account_id(&self) -> Option<&str> {
        Some(&self.account_id)
    }
    fn upsert(&self, stmt: &mut Statement<'_>, doc_id: &str, json: &str) -> rusqlite::Result<usize> {
        stmt.execute(params![
            self.id,
            doc_id,
            self.account_id,
            self.owner,
            self.stage.code(),
            self.expected_close.to_string(),
            json,
        ])
    }
}

impl Projected for Objective {
    const UPSERT: &'static str = "INSERT INTO objectives (id, doc_id, rep, period_start, period_end, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET rep = excluded.rep, period_start = excluded.period_start,
         period_end = excluded.period_end, json = excluded.json
         WHERE doc_id = excluded.doc_id";
    fn account_id(&self) -> Option<&str> {
        None
    }
    fn upsert(&self, stmt: &mut Statement<'_>, doc_id: &str, json: &str) -> rusqlite::Result<usize> {
        stmt.execute(params![
            self.id,
            doc_id,
            self.rep,
            self.period_start.to_string(),
            self.period_end.to_string(),
            json,
        ])
    }
}

impl Projected for Lead {
    const UPSERT: &'static str = "INSERT INTO leads (id, doc_id, event, status, captured_at, captured_by, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET event = excluded.event, status = excluded.status, captured_at = excluded.captured_at,
         captured_by = excluded.captured_by, json = excluded.json
         WHERE doc_id = excluded.doc_id";
    fn account_id(&self) -> Option<&str> {
        None
    }
    fn upsert(&self, stmt: &mut Statement<'_>, doc_id: &str, json: &str) -> rusqlite::Result<usize> {
        stmt.execute(params![
            self.id,
            doc_id,
            self.event,
            self.status.code(),
            self.captured_at.timestamp_millis(),
            self.captured_by,
            json,
        ])
    }
}

/// Projects one record written locally, and what depends on it.
pub(super) fn record<R: Projected>(conn: &Connection, doc: &Document, record: &R) -> Result<()> {
    insert(conn, &mut *conn.prepare_cached(R::UPSERT)?, record, doc.id(), &record.copy())?;
    if let Some(account_id) = record.account_id() {
        refresh_account(conn, R::COLLECTION, account_id)?;
    }
    // A local edit of a conflicting field settles that conflict.
    let has_conflicts: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM conflicts WHERE doc_id = ?1 AND record_id = ?2)")?
        .query_row(params![doc.id(), record.id()], |r| r.get(0))?;
    if has_conflicts {
        conn.execute(
            "DELETE FROM conflicts WHERE doc_id = ?1 AND record_id = ?2",
            params![doc.id(), record.id()],
        )?;
        insert_conflicts(conn, &doc.record_conflicts(R::COLLECTION, record.id())?)?;
    }
    Ok(())
}

/// The first record among `records` that this device already shows from another document than
/// `doc_id`, with that document: no projection may take a record from the wrong document.
pub(super) fn foreign_home(
    conn: &Connection,
    doc_id: &str,
    records: &[(Collection, String)],
) -> Result<Option<(String, String)>> {
    for (collection, id) in records {
        let sql = format!("SELECT doc_id FROM {} WHERE id = ?1 AND doc_id <> ?2", table(*collection));
        let home: Option<String> =
            conn.prepare_cached(&sql)?.query_row(params![id, doc_id], |r| r.get(0)).optional()?;
        if let Some(home) = home {
            return Ok(Some((id.clone(), home)));
        }
    }
    Ok(None)
}

/// Removes a deleted record's row.
pub(super) fn remove(
    conn: &Connection,
    collection: Collection,
    id: &str,
    account_id: Option<&str>,
) -> Result<()> {
    if collection == Collection::Accounts {
        conn.execute(
            "DELETE FROM accounts_fts WHERE rowid = (SELECT rowid FROM accounts WHERE id = ?1)",
            [id],
        )?;
    }
    conn.execute(&format!("DELETE FROM {} WHERE id = ?1", table(collection)), [id])?;
    // A record deleted here has no conflicts left, as every replica reading its document finds.
    conn.prepare_cached("DELETE FROM conflicts WHERE collection = ?1 AND record_id = ?2")?
        .execute(params![collection.key(), id])?;
    if let Some(account_id) = account_id.filter(|_| collection != Collection::Accounts) {
        refresh_account(conn, collection, account_id)?;
    }
    Ok(())
}

/// Deletes a document's rows from `collection`'s table, found through an index. Every record of an
/// account document names the document's account (`Document::check_belongs`, checked before any
/// row is written): the account's own row by its `id`, the others by their `account_id`, whose
/// indexes the screens read too (schema version 12 dropped the `doc_id` indexes that repeated them).
pub(super) fn document_rows_delete(collection: Collection) -> String {
    let column = match collection {
        Collection::Accounts => "id",
        Collection::Contacts | Collection::Visits | Collection::FollowUps | Collection::Opportunities => {
            "account_id"
        }
        Collection::Objectives | Collection::Leads => "doc_id",
    };
    format!("DELETE FROM {} WHERE {column} = ?1", table(collection))
}

/// Re-projects a whole document (after remote changes or a merge): every row of the document is
/// replaced, so the projection is a function of the document alone, identical on every replica.
pub(super) fn document(conn: &Connection, doc: &Document) -> Result<()> {
    let id = doc.id();
    if doc.kind() == DocKind::Account {
        conn.prepare_cached(
            "DELETE FROM accounts_fts WHERE rowid = (SELECT rowid FROM accounts WHERE id = ?1)",
        )?
        .execute([id])?;
    }
    for collection in doc.kind().collections() {
        conn.prepare_cached(&document_rows_delete(*collection))?.execute([id])?;
    }
    conn.prepare_cached("DELETE FROM conflicts WHERE doc_id = ?1")?.execute([id])?;
    let mut stale = StaleAccounts::default();
    new_document(conn, doc, &mut stale)?;
    stale.refresh(conn)
}

/// Re-projects only the records received changes touched (created, edited or deleted, as
/// [`Document::touched_records`] found them), with their conflicts, then the account's search entry
/// and summary they feed. A row depends on its own record alone, so this leaves the same tables as
/// re-projecting the whole [`document`], at a cost that follows the change rather than the size of
/// the document (a property test compares both, core/tests/convergence.rs).
pub(super) fn touched(conn: &Connection, doc: &Document, records: &[(Collection, String)]) -> Result<()> {
    for (collection, id) in records {
        match collection {
            Collection::Accounts => one::<Account>(conn, doc, id)?,
            Collection::Contacts => one::<Contact>(conn, doc, id)?,
            Collection::Visits => one::<VisitReport>(conn, doc, id)?,
            Collection::FollowUps => one::<FollowUp>(conn, doc, id)?,
            Collection::Opportunities => one::<Opportunity>(conn, doc, id)?,
            Collection::Objectives => one::<Objective>(conn, doc, id)?,
            Collection::Leads => one::<Lead>(conn, doc, id)?,
        }
        insert_conflicts(conn, &doc.record_conflicts(*collection, id)?)?;
    }
    rescan_conflicts(conn, doc, records)?;
    if doc.kind() == DocKind::Account {
        let touched = |wanted: &[Collection]| records.iter().any(|(c, _)| wanted.contains(c));
        // Every record of an account document feeds that account (Document::check_belongs).
        if touched(&[Collection::Accounts, Collection::Contacts]) {
            refresh_account(conn, Collection::Accounts, doc.id())?;
        } else if touched(&[Collection::Visits, Collection::FollowUps]) {
            refresh_account(conn, Collection::Visits, doc.id())?;
        }
    }
    Ok(())
}

/// Reads again the conflicts listed for the document's other records. A change can add a losing
/// value to a field already in conflict (a third rep's edit, a second deletion) without changing
/// what automerge shows, so it makes no patch and [`Document::touched_records`] misses the record;
/// the values a conflict lists, or whether a deletion still conflicts with an edit, change all the
/// same (found by core/tests/convergence.rs).
fn rescan_conflicts(conn: &Connection, doc: &Document, touched: &[(Collection, String)]) -> Result<()> {
    let listed: Vec<(String, String)> = conn
        .prepare_cached("SELECT DISTINCT collection, record_id FROM conflicts WHERE doc_id = ?1")?
        .query_map([doc.id()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (key, id) in listed {
        let Some(collection) = Collection::parse(&key) else { continue };
        if touched.iter().any(|(c, t)| *c == collection && *t == id) {
            continue;
        }
        conn.prepare_cached(
            "DELETE FROM conflicts WHERE doc_id = ?1 AND collection = ?2 AND record_id = ?3",
        )?
        .execute(params![doc.id(), key, id])?;
        insert_conflicts(conn, &doc.record_conflicts(collection, &id)?)?;
    }
    Ok(())
}

/// Writes one record's row as its document holds it now, or removes it (with its conflicts) when
/// the record is deleted or gone.
fn one<R: Projected>(conn: &Connection, doc: &Document, id: &str) -> Result<()> {
    match doc.get::<R>(id)? {
        Some(record) => {
            conn.prepare_cached(
                "DELETE FROM conflicts WHERE doc_id = ?1 AND collection = ?2 AND record_id = ?3",
            )?
            .execute(params![doc.id(), R::COLLECTION.key(), id])?;
            insert(conn, &mut *conn.prepare_cached(R::UPSERT)?, &record, doc.id(), &record.copy())
        }
        // `remove` drops the record's conflicts with its row.
        None => remove(conn, R::COLLECTION, id, None),
    }
}

/// Projects a document this device did not hold: none of its rows exist yet (an insert finding
/// another document's record refuses the document, [`written`]), so there is nothing to replace.
pub(super) fn new_document(conn: &Connection, doc: &Document, stale: &mut StaleAccounts) -> Result<()> {
    ReadyRows::new(Rows::read(doc)?).insert(&mut Upserts::new(conn), stale)
}

/// A document's rows with each record already written as JSON: the part of writing them that
/// needs no connection, which a first sync does on any core before the writer takes its lock.
pub(super) struct ReadyRows {
    rows: Rows,
    /// Each collection's records' JSON copies ([`Projected::copy`]), in [`Rows`] order.
    json: [Vec<String>; 7],
}

impl ReadyRows {
    pub(super) fn new(rows: Rows) -> ReadyRows {
        fn each<R: Projected>(records: &[R]) -> Vec<String> {
            records.iter().map(Projected::copy).collect()
        }
        let json = [
            each(&rows.accounts),
            each(&rows.contacts),
            each(&rows.visits),
            each(&rows.follow_ups),
            each(&rows.opportunities),
            each(&rows.objectives),
            each(&rows.leads),
        ];
        ReadyRows { rows, json }
    }

    /// Inserts the rows; the summaries and search entries of the accounts they feed wait in
    /// `stale`.
    pub(super) fn insert(&self, upserts: &mut Upserts<'_>, stale: &mut StaleAccounts) -> Result<()> {
        let (rows, [accounts_json, contacts, visits, follow_ups, opportunities, objectives, leads]) =
            (&self.rows, &self.json);
        let mut accounts = std::collections::BTreeSet::new();
        let doc_id = rows.doc_id.as_str();
        insert_rows(upserts, doc_id, &rows.accounts, accounts_json, &mut accounts)?;
        insert_rows(upserts, doc_id, &rows.contacts, contacts, &mut accounts)?;
        insert_rows(upserts, doc_id, &rows.visits, visits, &mut accounts)?;
        insert_rows(upserts, doc_id, &rows.follow_ups, follow_ups, &mut accounts)?;
        insert_rows(upserts, doc_id, &rows.opportunities, opportunities, &mut accounts)?;
        insert_rows(upserts, doc_id, &rows.objectives, objectives, &mut accounts)?;
        insert_rows(upserts, doc_id, &rows.leads, leads, &mut accounts)?;
        if rows.kind == DocKind::Account {
            // The account itself may have been deleted: its summary row goes too.
            accounts.insert(doc_id);
        }
        for account_id in accounts {
            stale.summaries.insert(account_id.to_owned());
            stale.search.insert(account_id.to_owned());
        }
        insert_conflicts(upserts.conn, &rows.conflicts)
    }
}

/// Inserts the rows of live records of one collection, each with its JSON copy, gathering the accounts
/// they feed.
fn insert_rows<'a, R: Projected>(
    upserts: &mut Upserts<'_>,
    doc_id: &str,
    records: &'a [R],
    json: &[String],
    accounts: &mut std::collections::BTreeSet<&'a str>,
) -> Result<()> {
    for (record, json) in records.iter().zip(json) {
        upserts.insert(record, doc_id, json)?;
        accounts.extend(record.account_id());
    }
    Ok(())
}

fn insert_conflicts(conn: &Connection, conflicts: &[Conflict]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR REPLACE INTO conflicts (doc_id, collection, record_id, field, json) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in conflicts {
        stmt.execute(params![c.doc_id, c.collection.key(), c.record_id, c.field, json(c)])?;
    }
    Ok(())
}

/// Keeps an account's search entry and summary row in step with its records.
fn refresh_account(conn: &Connection, changed: Collection, account_id: &str) -> Result<()> {
    if matches!(changed, Collection::Accounts | Collection::Contacts) {
        refresh_search(conn, Accounts::These(&[account_id]))?;
    }
    if matches!(
        changed,
        Collection::Accounts | Collection::Contacts | Collection::Visits | Collection::FollowUps
    ) {
        refresh_summaries(conn, Accounts::These(&[account_id]))?;
    }
    Ok(())
}

/// The search entry holds folded text ([`crate::i18n::fold`]), as the query does: FTS5's own
/// folding knows case and accents but not ligatures ("boeuf" would miss "Bœuf"). Contact names go
/// in name order, so the entry is the same on every replica whatever order the rows came in.
///
/// Each statement that writes the full-text index flushes its pending terms to disk (FTS5 takes a
/// savepoint per statement, and merges the small segments that leaves), so the entries of many
/// accounts are read and rewritten in three statements, not three each ([`StaleAccounts`]).
///
/// The new entries wait in a table of the connection's own ([`create_waiting_entries`]) and go in
/// rowid order: FTS5 flushes its pending terms whenever a rowid comes lower than the last, and the
/// accounts came in id order, so it had flushed, and merged, almost once per entry (a quarter of a
/// first sync's writer, callgrind of `tournee-bench probe-apply --with-rows`).
pub(super) fn refresh_search(conn: &Connection, accounts: Accounts<'_>) -> Result<()> {
    let ids = match accounts {
        Accounts::These([]) => return Ok(()),
        Accounts::These(ids) => Some(json(&ids)),
        Accounts::Every => None,
    };
    match &ids {
        Some(ids) => conn
            .prepare_cached(
                "DELETE FROM accounts_fts WHERE rowid IN
                     (SELECT rowid FROM accounts WHERE id IN (SELECT value FROM json_each(?1)))",
            )?
            .execute([ids])?,
        None => conn.prepare_cached("DELETE FROM accounts_fts")?.execute([])?,
    };
    let entries = conn
        .prepare_cached(&accounts.scoped(
            "SELECT a.rowid, a.name, coalesce(a.city, ''),
                coalesce((SELECT group_concat(c.name, ' ' ORDER BY c.name, c.id) FROM contacts c WHERE c.account_id = a.id), '')
             FROM accounts a WHERE {accounts} AND a.merged_into IS NULL",
        ))?
        .query_map(rusqlite::params_from_iter(&ids), |r| {
            let text = |i| r.get::<_, String>(i).map(|t| fold(&t));
            Ok((r.get::<_, i64>(0)?, text(1)?, text(2)?, text(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if entries.is_empty() {
        return Ok(());
    }
    let mut wait = conn.prepare_cached("INSERT INTO temp.new_search_entries VALUES (?1, ?2, ?3, ?4)")?;
    for (rowid, name, city, people) in &entries {
        wait.execute(params![rowid, name, city, people])?;
    }
    conn.prepare_cached(
        "INSERT INTO accounts_fts (rowid, name, city, people) SELECT rowid, name, city, people FROM temp.new_search_entries ORDER BY rowid",
    )?
    .execute([])?;
    conn.prepare_cached("DELETE FROM temp.new_search_entries")?.execute([])?;
    Ok(())
}

/// Creates the writing connection's table of search entries waiting for [`refresh_search`]. Its
/// own, in memory, and made when it opens: a table made later would have every statement it had
/// prepared compiled again.
pub(super) fn create_waiting_entries(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE new_search_entries (rowid INTEGER PRIMARY KEY, name TEXT, city TEXT, people TEXT)",
    )?;
    Ok(())
}

/// Accounts whose summary rows and search entries wait to be rewritten, all at once before the
/// transaction that made them stale ends: a statement per account cost a first sync more than
/// the rows it reads (`tournee-bench probe-apply --with-rows`).
#[derive(Debug, Default)]
pub(super) struct StaleAccounts {
    summaries: std::collections::BTreeSet<String>,
    search: std::collections::BTreeSet<String>,
}

impl StaleAccounts {
    /// Rewrites them, unless a first sync is under way: it rewrites every account once, when it
    /// ends ([`refresh_every_account`]).
    pub(super) fn refresh(&mut self, conn: &Connection) -> Result<()> {
        fn ids(set: &std::collections::BTreeSet<String>) -> Vec<&str> {
            set.iter().map(String::as_str).collect()
        }
        if !deferred_indexes::pending(conn)? {
            refresh_summaries(conn, Accounts::These(&ids(&self.summaries)))?;
            refresh_search(conn, Accounts::These(&ids(&self.search)))?;
        }
        self.summaries.clear();
        self.search.clear();
        Ok(())
    }
}

/// Rewrites the summary row and search entry of every account, and drops the summaries of accounts
/// gone: what a first sync left for its end (store/deferred_indexes.rs).
pub(super) fn refresh_every_account(conn: &Connection) -> Result<()> {
    refresh_summaries(conn, Accounts::Every)?;
    refresh_search(conn, Accounts::Every)
}

/// The accounts whose summary rows and search entries a refresh rewrites.
#[derive(Debug, Clone, Copy)]
pub(super) enum Accounts<'a> {
    /// Those of these ids, each looked up by its id.
    These(&'a [&'a str]),
    /// Every one, read in one pass: the end of a first sync rewrites them all, and a list of every
    /// id to look each one up again read them at twice the cost (`sqlite3` `.timer` on the
    /// store of `tournee-bench probe-apply --reps 25`: 0.25 against 0.13 s for the search
    /// entries).
    Every,
}

impl Accounts<'_> {
    /// `sql` with `{accounts}` standing for its condition on the account's row `a`: its id among
    /// those `?1` lists (a JSON array), or none.
    pub(super) fn scoped(self, sql: &str) -> String {
        let condition = match self {
            Accounts::These(_) => "a.id IN (SELECT value FROM json_each(?1))",
            Accounts::Every => "true",
        };
        sql.replace("{accounts}", condition)
    }
}

/// Rewrites the accounts' summary rows (schema V5) from their projected rows and records: their
/// own fields (the revenue blob packed when the account's row was written), and the activity
/// aggregates. An account that no longer exists loses its summary.
fn refresh_summaries(conn: &Connection, accounts: Accounts<'_>) -> Result<()> {
    match accounts {
        Accounts::These([]) => return Ok(()),
        Accounts::These(ids) => {
            let ids = json(&ids);
            conn.prepare_cached(
                "DELETE FROM account_summary WHERE account_id IN (SELECT value FROM json_each(?1))
                     AND NOT EXISTS (SELECT 1 FROM accounts WHERE id = account_id)",
            )?
            .execute([&ids])?;
            conn.prepare_cached(&accounts.scoped(SUMMARY_OWNERS))?.execute([&ids])?;
            conn.prepare_cached(&accounts.scoped(SUMMARY_REFRESH))?.execute([&ids])?;
        }
        Accounts::Every => {
            conn.prepare_cached(
                "DELETE FROM account_summary WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE id = account_id)",
            )?
            .execute([])?;
            conn.prepare_cached(&accounts.scoped(SUMMARY_OWNERS))?.execute([])?;
            conn.prepare_cached(&accounts.scoped(SUMMARY_REFRESH))?.execute([])?;
        }
    }
    Ok(())
}

/// The owner of each summary row of the accounts `{accounts}` selects whose account changed
/// hands, before [`SUMMARY_REFRESH`] rewrites their facts. Apart, because an update that names a
/// column rewrites that column's index entries even when the value stays: with the owner among
/// what the refresh sets, every visit logged wrote a page of `account_summary_by_owner` again.
pub(super) const SUMMARY_OWNERS: &str = "UPDATE account_summary SET owner_rep = a.owner_rep FROM accounts a
         WHERE a.id = account_summary.account_id AND a.owner_rep <> account_summary.owner_rep AND {accounts}";

/// The summary rows of the accounts `{accounts}` selects ([`Accounts::scoped`]), from their
/// projected rows and records, their facts packed by `summary_facts` (`store/summary_facts.rs`).
/// One pass over an account's done visits (the index holds every column read) gives the four visit
/// figures; every table is searched by the account (a test checks the plan), so the cost of a
/// write does not grow with the store. Days are whole days since 1970-01-01.
pub(super) const SUMMARY_REFRESH: &str = "INSERT INTO account_summary (account_id, owner_rep, facts)
         SELECT a.id, a.owner_rep, summary_facts(a.name, a.kind, a.need_horizon, a.segment, a.potential_cents,
             a.open_dispute, a.lost, a.merged_into, a.created_at, a.created_at_from_import,
             unixepoch(a.became_client_on) / 86400, a.revenue,
             count(v.local_day),
             count(v.local_day) FILTER (WHERE v.local_day <= a.became_client_on),
             unixepoch(max(v.local_day)) / 86400,
             unixepoch(max(v.local_day) FILTER (WHERE v.order_cents > 0)) / 86400,
             (SELECT count(*) FROM contacts WHERE account_id = a.id),
             (SELECT unixepoch(min(due_on)) / 86400 FROM follow_ups WHERE account_id = a.id AND done = 0))
         FROM accounts a LEFT JOIN visits v ON v.account_id = a.id AND v.status = 'done'
         WHERE {accounts}
         GROUP BY a.id
         ON CONFLICT (account_id) DO UPDATE SET facts = excluded.facts";
