//! Versioned migrations (`PRAGMA user_version`), each applied in one IMMEDIATE transaction.
//! A database newer than this code is refused rather than guessed at.

use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use super::queries::from_json;
use super::{normalize, project};
use crate::error::{Error, Result};
use crate::insights::RevenueFigures;
use crate::model::Account;

/// Migration `i` brings the schema from version `i` to `i + 1`. Never edit a shipped one: append.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16];

/// What a migration's SQL cannot do, run right after it in the same transaction.
fn fill(version: usize, tx: &Transaction) -> Result<()> {
    match version {
        5 => fill_revenue(tx),
        7 => fill_folded(tx),
        15 => thin_account_copies(tx),
        _ => Ok(()),
    }
}

pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The writing connection's settings (ARCHITECTURE.md rule 4), and its table of search entries
/// waiting to be written. `synchronous=FULL` makes each commit durable on return: a visit the rep
/// saw saved survives a power cut.
///
/// The query planner stability guarantee keeps each cached statement's plan whatever values are
/// bound: without it SQLite may tie a plan to a bound value (a `?1` compared against a partial
/// index, a range it estimates), and since rusqlite clears the bindings of a cached statement, it
/// re-parsed and re-planned such a statement on every call (the account summary's refresh, on
/// every visit logged). Our statements are written for the indexes they use.
///
/// A first sync writes hundreds of megabytes in batches: with SQLite's default 2 MB of page cache
/// a batch spilled pages to the log mid-transaction and read them back, and a checkpoint every
/// 1,000 pages copied the same pages into the database again and again. A cache of up to 16 MB
/// (taken only as pages are used) and a checkpoint every 8,192 pages (32 MB of log) made applying
/// 8,000 received documents 24 % faster (653 → 500 µs each, `tournee-bench probe-apply --reps 8`).
/// Durability is unchanged: each commit still waits for the log to be on disk. The store's writer
/// hands those checkpoints to a thread of their own (`store/checkpoint.rs`); the pragma stays for a
/// connection without one.
pub(super) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.execute_batch(PRAGMAS)?;
    super::project::define_functions(conn)?;
    super::project::create_waiting_entries(conn)
}

/// The pragmas of [`configure`] (the benchmark's floors open their databases with them too).
pub const PRAGMAS: &str = "PRAGMA journal_mode = WAL;
     PRAGMA synchronous = FULL;
     PRAGMA foreign_keys = ON;
     PRAGMA temp_store = 2;
     PRAGMA cache_size = -16384;
     PRAGMA wal_autocheckpoint = 8192;";

/// The read-only connection's settings. Its reads go through a memory map of the file (up to
/// SQLite's default ceiling, 2 GiB less 64 KiB; a store of 200,000 reports is 600 MB) rather than a
/// `pread` per page: a team's dashboard reads thousands of pages, and the map shares the operating
/// system's cache instead of copying each page into SQLite's. Only address space is reserved. The
/// writer keeps plain reads: it touches few pages per write, and pages it maps would count in the
/// app's resident memory during a first sync.
pub(super) fn configure_reader(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.pragma_update(None, "mmap_size", 0x7fff_0000)?;
    super::project::define_functions(conn)
}

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    migrate_in(&tx)?;
    tx.commit()?;
    Ok(())
}

/// [`migrate`] in a transaction of the caller's (the one that builds a stopped first sync's
/// indexes, then rewrites the accounts' rows with this version's statements).
pub(super) fn migrate_in(tx: &Transaction) -> Result<()> {
    // Migrations call the store's SQL functions (version 16 packs the summaries' facts).
    project::define_functions(tx)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(Error::DatabaseTooNew { found, supported: VERSION });
    }
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        fill(from + 1, tx)?;
        tx.pragma_update(None, "user_version", from as i64 + 1)?;
    }
    Ok(())
}

/// Version 1: documents and the screens' projections.
const V1: &str = r#"
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    -- 1 when this device created it (lead capture sessions and objective sheets are reused).
    created_here INTEGER NOT NULL DEFAULT 0,
    -- the event of a lead capture session
    label TEXT,
    snapshot BLOB,
    snapshot_bytes INTEGER NOT NULL DEFAULT 0,
    increment_bytes INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE doc_increments (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    bytes BLOB NOT NULL
) STRICT;
CREATE INDEX doc_increments_by_doc ON doc_increments(doc_id, id);

-- Documents with local changes not yet acknowledged by the server.
CREATE TABLE outbox (
    doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    changes INTEGER NOT NULL,
    since INTEGER NOT NULL
) STRICT;

CREATE TABLE accounts (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    name TEXT NOT NULL,
    norm_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    need_horizon TEXT,
    owner_rep TEXT NOT NULL,
    territory TEXT,
    segment TEXT,
    postcode TEXT,
    city TEXT,
    registration_number TEXT,
    potential_cents INTEGER,
    open_dispute INTEGER NOT NULL,
    lost INTEGER NOT NULL,
    merged_into TEXT,
    created_at INTEGER NOT NULL,
    json TEXT NOT NULL
) STRICT;
CREATE INDEX accounts_by_doc ON accounts(doc_id);
CREATE INDEX accounts_by_owner ON accounts(owner_rep, kind);
CREATE INDEX accounts_by_name ON accounts(norm_name, postcode);
CREATE INDEX accounts_by_registration ON accounts(registration_number) WHERE registration_number IS NOT NULL;
CREATE INDEX accounts_by_merge ON accounts(merged_into) WHERE merged_into IS NOT NULL;

-- Full-text search over name, city and contact names; rowid = accounts.rowid.
CREATE VIRTUAL TABLE accounts_fts USING fts5(
    name, city, people,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    name TEXT NOT NULL,
    email_domain TEXT,
    json TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_by_doc ON contacts(doc_id);
CREATE INDEX contacts_by_account ON contacts(account_id);
CREATE INDEX contacts_by_domain ON contacts(email_domain) WHERE email_domain IS NOT NULL;

CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    rep TEXT NOT NULL,
    status TEXT NOT NULL,
    channel TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    local_day TEXT NOT NULL,
    order_cents INTEGER NOT NULL,
    json TEXT NOT NULL
) STRICT;
CREATE INDEX visits_by_doc ON visits(doc_id);
-- Covers the per-account activity aggregates.
CREATE INDEX visits_by_account ON visits(account_id, status, local_day, order_cents);
CREATE INDEX visits_by_rep_day ON visits(rep, local_day);
CREATE INDEX visits_by_day ON visits(local_day);

CREATE TABLE follow_ups (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done INTEGER NOT NULL,
    json TEXT NOT NULL
) STRICT;
CREATE INDEX follow_ups_by_doc ON follow_ups(doc_id);
CREATE INDEX follow_ups_by_account ON follow_ups(account_id);
CREATE INDEX follow_ups_open ON follow_ups(owner, due_on) WHERE done = 0;

CREATE TABLE opportunities (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    owner TEXT NOT NULL,
    stage TEXT NOT NULL,
    expected_close TEXT NOT NULL,
    json TEXT NOT NULL
) STRICT;
CREATE INDEX opportunities_by_doc ON opportunities(doc_id);
CREATE INDEX opportunities_by_account ON opportunities(account_id);

CREATE TABLE objectives (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    rep TEXT,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    json TEXT NOT NULL
) STRICT;
CREATE INDEX objectives_by_doc ON objectives(doc_id);

CREATE TABLE leads (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    event TEXT NOT NULL,
    status TEXT NOT NULL,
    captured_at INTEGER NOT NULL,
    json TEXT NOT NULL
) STRICT;
CREATE INDEX leads_by_doc ON leads(doc_id);
CREATE INDEX leads_by_event ON leads(event, captured_at);

-- Per-account activity, kept current with each projection so screens and insights never scan
-- every visit. A contact is a done visit report (any channel); days are the visits' local days.
CREATE TABLE account_activity (
    account_id TEXT PRIMARY KEY,
    contacts_logged INTEGER NOT NULL,
    -- done contacts on or before the day the account became a client
    contacts_to_win INTEGER NOT NULL,
    last_contact_on TEXT,
    last_order_on TEXT,
    people INTEGER NOT NULL,
    next_follow_up_on TEXT
) STRICT;

-- True conflicts left in documents, for the review screen.
CREATE TABLE conflicts (
    doc_id TEXT NOT NULL,
    collection TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (doc_id, collection, record_id, field)
) STRICT;
"#;

/// Version 2: sync bookkeeping (what the server acknowledged, the device's cursor and token), and
/// the indexes a rep's dashboard reads by.
const V2: &str = r#"
ALTER TABLE documents ADD COLUMN acked_heads BLOB;
CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;
CREATE INDEX follow_ups_by_owner ON follow_ups(owner, done, due_on);
CREATE INDEX opportunities_by_owner ON opportunities(owner);
CREATE INDEX leads_by_capture ON leads(captured_at);
"#;

/// Version 3: received documents that could not be applied, kept aside with their bytes.
const V3: &str = r#"
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    bytes BLOB NOT NULL,
    received_at INTEGER NOT NULL
) STRICT;
"#;

/// Version 4: the record fields that queries filter or join on become columns, so no query reads a
/// field out of the JSON copy by name (a renamed field would silently break it). Filled from the
/// JSON copy once, here.
const V4: &str = r#"
ALTER TABLE accounts ADD COLUMN became_client_on TEXT;
UPDATE accounts SET became_client_on = json_extract(json, '$.became_client_on');
ALTER TABLE leads ADD COLUMN captured_by TEXT NOT NULL DEFAULT '';
UPDATE leads SET captured_by = json_extract(json, '$.captured_by');
CREATE INDEX leads_by_captor ON leads(captured_by, captured_at);
"#;

/// Version 5: one lean row per account with everything the insights read (the account's own
/// fields, its revenue figures in a compact blob, its activity), so that a team's dashboard scans
/// one narrow table instead of parsing every account's JSON copy. It replaces `account_activity`.
const V5: &str = r#"
CREATE TABLE account_summary (
    rowid INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    need_horizon TEXT,
    segment TEXT,
    owner_rep TEXT NOT NULL,
    potential_cents INTEGER,
    open_dispute INTEGER NOT NULL,
    lost INTEGER NOT NULL,
    merged_into TEXT,
    created_at INTEGER NOT NULL,
    -- Days are whole days since 1970-01-01 (read without parsing a date string each).
    became_client_on INTEGER,
    -- insights/revenue.rs; written with the account's row, kept by the activity refreshes
    revenue BLOB NOT NULL DEFAULT x'',
    contacts_logged INTEGER NOT NULL DEFAULT 0,
    -- done contacts on or before the day the account became a client
    contacts_to_win INTEGER NOT NULL DEFAULT 0,
    last_contact_on INTEGER,
    last_order_on INTEGER,
    people INTEGER NOT NULL DEFAULT 0,
    next_follow_up_on INTEGER
) STRICT;
CREATE INDEX account_summary_by_owner ON account_summary(owner_rep);
-- A team's dashboard reads the follow-ups and opportunities of its weeks, not all of them.
CREATE INDEX follow_ups_by_due ON follow_ups(done, due_on);
-- An account's next step (min(due_on) of its open follow-ups) read from the index alone; with only
-- (account_id) the planner would walk follow_ups_by_due from the earliest open follow-up instead.
DROP INDEX follow_ups_by_account;
CREATE INDEX follow_ups_by_account ON follow_ups(account_id, done, due_on);
CREATE INDEX opportunities_by_close ON opportunities(expected_close);
INSERT INTO account_summary (account_id, name, kind, need_horizon, segment, owner_rep, potential_cents,
    open_dispute, lost, merged_into, created_at, became_client_on, contacts_logged, contacts_to_win,
    last_contact_on, last_order_on, people, next_follow_up_on)
SELECT a.id, a.name, a.kind, a.need_horizon, a.segment, a.owner_rep, a.potential_cents, a.open_dispute,
    a.lost, a.merged_into, a.created_at, unixepoch(a.became_client_on) / 86400, coalesce(t.contacts_logged, 0),
    coalesce(t.contacts_to_win, 0), unixepoch(t.last_contact_on) / 86400, unixepoch(t.last_order_on) / 86400,
    coalesce(t.people, 0), unixepoch(t.next_follow_up_on) / 86400
FROM accounts a LEFT JOIN account_activity t ON t.account_id = a.id;
DROP TABLE account_activity;
"#;

/// Version 6: what an upload sends is read, not recomputed. `documents.heads` holds each
/// document's current heads (sorted), written with its bytes, so acknowledging an upload compares
/// heads without loading the document (NULL for documents stored before: loaded once, as before).
/// `outbox.first_increment` is the first increment not acknowledged yet: an upload sends that
/// increment and those after it as they were written (NULL: computed from `acked_heads`, as before;
/// also after a compaction folded the increments away).
const V6: &str = r#"
ALTER TABLE documents ADD COLUMN heads BLOB;
ALTER TABLE outbox ADD COLUMN first_increment INTEGER;
"#;

/// Version 7: names are matched folded beyond ASCII ([`crate::i18n::fold`]: "BŒUF" is "bœuf" is
/// "boeuf"). The duplicates' `norm_name` and the search entries are written again
/// ([`fill_folded`]); the schema is unchanged.
const V7: &str = "DELETE FROM accounts_fts;";

/// Version 8: the summary row knows an account whose `created_at` is the moment an import brought
/// it in ([`Account::created_at_from_import`]), so the week of an import does not count the client
/// file as new accounts. Accounts imported before this version carry no such flag in their documents
/// and keep counting as before.
const V8: &str = "ALTER TABLE account_summary ADD COLUMN created_at_from_import INTEGER NOT NULL DEFAULT 0;";

/// Version 9: the insights read a window's visits from one index alone, in day order, rather than
/// looking up and parsing each visit's row (a team's dashboard reads thousands). The visit's
/// duration and margin become columns, filled from the JSON copies.
const V9: &str = r#"
ALTER TABLE visits ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE visits ADD COLUMN margin_cents INTEGER NOT NULL DEFAULT 0;
UPDATE visits SET duration_minutes = coalesce(json_extract(json, '$.duration_minutes'), 0),
    margin_cents = coalesce(json_extract(json, '$.order_margin_cents'), 0);
DROP INDEX visits_by_day;
CREATE INDEX visits_by_day ON visits(local_day, rep, status, channel, duration_minutes, order_cents, margin_cents,
    account_id);
"#;

/// Version 10: the definitions of the indexes a first sync dropped, until it builds them again
/// (see `store/deferred_indexes.rs`).
const V10: &str = r#"
CREATE TABLE deferred_indexes (
    name TEXT PRIMARY KEY,
    sql TEXT NOT NULL
) STRICT;
"#;

/// Version 11: a follow-up's action in a column, and the follow-ups a dashboard reads (the open ones
/// due by the week's end, the done ones of its window) read from one index alone: through their
/// JSON copies, a team's 10,000 took 15 ms of random reads in the table, from the index 3 ms.
const V11: &str = r#"
ALTER TABLE follow_ups ADD COLUMN action TEXT NOT NULL DEFAULT '';
UPDATE follow_ups SET action = coalesce(json_extract(json, '$.action'), '');
DROP INDEX follow_ups_by_due;
CREATE INDEX follow_ups_by_due ON follow_ups(done, due_on, owner, account_id, id, action);
"#;

/// Version 12: indexes that repeat others go. An account document's records all name its account
/// (`Document::check_belongs`): the document's rows are found by `accounts.id` and the others'
/// `account_id` (`project::document`), so the `*_by_doc` indexes of those tables repeat the ones on
/// those columns. `follow_ups_open` repeats `follow_ups_by_owner` (owner, done, due_on). Each
/// index cost every write of its table, and a first sync its build (0.5 s of 100k reports on a
/// slow machine). `IF EXISTS`: a first sync may have left them deferred, built before this runs.
const V12: &str = r#"
DROP INDEX IF EXISTS accounts_by_doc;
DROP INDEX IF EXISTS contacts_by_doc;
DROP INDEX IF EXISTS visits_by_doc;
DROP INDEX IF EXISTS follow_ups_by_doc;
DROP INDEX IF EXISTS opportunities_by_doc;
DROP INDEX IF EXISTS follow_ups_open;
"#;

/// Version 13: an account's row holds what its summary row copies from the account alone, its
/// packed revenue figures and whether an import dated it, so the summary is written once, by the
/// refresh that computes its activity ([`project::SUMMARY_REFRESH`]), and read from columns rather
/// than out of the JSON copy. Filled from the summary rows and the JSON copies.
const V13: &str = r#"
ALTER TABLE accounts ADD COLUMN created_at_from_import INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN revenue BLOB NOT NULL DEFAULT x'';
UPDATE accounts SET created_at_from_import = coalesce(json_extract(json, '$.created_at_from_import'), 0),
    revenue = coalesce((SELECT s.revenue FROM account_summary s WHERE s.account_id = accounts.id), x'');
"#;

/// Version 14: a visit's JSON copy no longer repeats the eight fields its row's columns hold
/// (`Projected::copy`), which were about half of it: a visit's row is 43 % smaller, and a first
/// sync of 100k reports writes 24 MB less, then reads it less when it builds the indexes. The
/// view `visit_records` puts them back for the reads of whole records (`project::source`).
const V14: &str = r#"
UPDATE visits SET json = json_remove(json, '$.id', '$.account_id', '$.rep', '$.status', '$.channel',
    '$.duration_minutes', '$.order_amount_cents', '$.order_margin_cents');
CREATE VIEW visit_records AS
SELECT id, doc_id, account_id, rep, status, channel, started_at, local_day, order_cents, duration_minutes,
    margin_cents,
    json_set(json, '$.id', id, '$.account_id', account_id, '$.rep', rep, '$.status', status,
        '$.channel', channel, '$.duration_minutes', duration_minutes, '$.order_amount_cents', order_cents,
        '$.order_margin_cents', margin_cents) AS json
FROM visits;
"#;

/// Version 15: an account's JSON copy leaves out its revenue lines (most of its bytes) when the
/// figures packed in its row's `revenue` column hold them exactly ([`thin_account_copies`]); the
/// view `account_records` puts them back, with the SQL function `revenue_lines`
/// (`project::define_functions`), for the reads of whole accounts (`project::source`). A copy
/// without the key `revenue` is a thinned one.
const V15: &str = r#"
CREATE VIEW account_records AS
SELECT id, doc_id, merged_into,
    CASE WHEN json_type(json, '$.revenue') IS NULL
        THEN json_set(json, '$.revenue', json(revenue_lines(revenue))) ELSE json END AS json
FROM accounts;
"#;

/// Version 16: an account's summary row holds what the insights read of it packed in one blob,
/// `facts` (`store/summary_facts.rs`), beside the columns its writes and reads select on: a team's
/// dashboard reads 50,000 rows, and one column decodes at a fraction of the cost of twenty. The
/// row ids stay (the dashboard splits its reading by them).
const V16: &str = r#"
CREATE TABLE account_summary_packed (
    rowid INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL UNIQUE,
    owner_rep TEXT NOT NULL,
    facts BLOB NOT NULL
) STRICT;
INSERT INTO account_summary_packed (rowid, account_id, owner_rep, facts)
SELECT rowid, account_id, owner_rep, summary_facts(name, kind, need_horizon, segment, potential_cents,
    open_dispute, lost, merged_into, created_at, created_at_from_import, became_client_on, revenue,
    contacts_logged, contacts_to_win, last_contact_on, last_order_on, people, next_follow_up_on)
FROM account_summary;
DROP TABLE account_summary;
ALTER TABLE account_summary_packed RENAME TO account_summary;
CREATE INDEX account_summary_by_owner ON account_summary(owner_rep);
"#;

/// Version 15's thinner account copies: each copy whose revenue lines its row's packed figures
/// hold exactly loses them, as `Projected::copy` writes it.
fn thin_account_copies(tx: &Transaction) -> Result<()> {
    let mut held = Vec::new();
    let mut select = tx.prepare("SELECT rowid, json, revenue FROM accounts")?;
    let mut rows = select.query([])?;
    while let Some(row) = rows.next()? {
        // A copy that does not read as an account is left whole: the view reads it as it is.
        let Ok(account) = from_json::<Account>(&row.get::<_, String>(1)?) else { continue };
        let packed = RevenueFigures::from_packed(&row.get::<_, Vec<u8>>(2)?);
        if packed.is_some_and(|figures| figures.holds(&account.revenue)) {
            held.push(row.get::<_, i64>(0)?);
        }
    }
    let mut thin =
        tx.prepare("UPDATE accounts SET json = json_remove(json, '$.revenue') WHERE rowid = ?1")?;
    for rowid in held {
        thin.execute([rowid])?;
    }
    Ok(())
}

/// Version 7's folded names and search entries, from the accounts' rows.
fn fill_folded(tx: &Transaction) -> Result<()> {
    let accounts: Vec<(String, String)> = tx
        .prepare("SELECT id, name FROM accounts")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare("UPDATE accounts SET norm_name = ?2 WHERE id = ?1")?;
    for (id, name) in &accounts {
        update.execute(params![id, normalize::company_name(name)])?;
    }
    project::refresh_search(tx, project::Accounts::Every)
}

/// Version 5's revenue blobs, from the accounts' JSON copies.
fn fill_revenue(tx: &Transaction) -> Result<()> {
    let mut select = tx.prepare("SELECT json FROM accounts")?;
    let mut update = tx.prepare("UPDATE account_summary SET revenue = ?2 WHERE account_id = ?1")?;
    let mut rows = select.query([])?;
    while let Some(row) = rows.next()? {
        let account: Account = from_json(&row.get::<_, String>(0)?)?;
        update.execute(params![account.id, RevenueFigures::new(&account.revenue).packed()])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountKind, RevenueFigure};

    #[test]
    fn version_14_thins_each_visit_s_copy_and_its_view_reads_the_same_visit() {
        use crate::model::{Channel, InterestLevel, Outcome, VisitReport, VisitStatus};
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..13] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 13).unwrap();
        let mut visit =
            VisitReport::new("a1", "rep1", Channel::Video, "2026-05-04T09:00:00Z".parse().unwrap());
        visit.status = VisitStatus::Planned;
        visit.utc_offset_minutes = 120;
        visit.duration_minutes = 45;
        visit.objective = Some("Présenter la gamme".into());
        visit.notes = "Accueil \"cordial\"".into();
        visit.outcome = Some(Outcome::OrderTaken);
        visit.interest = Some(InterestLevel::High);
        visit.products = vec!["Café".into(), "Machines".into()];
        visit.order_amount_cents = 50_000;
        visit.order_margin_cents = 12_500;
        visit.next_step = Some("Rappeler".into());
        // As version 13 wrote it: the whole visit in its copy.
        let whole = serde_json::to_string(&visit).unwrap();
        tx.execute(
            "INSERT INTO visits (id, doc_id, account_id, rep, status, channel, started_at, local_day, order_cents, json,
                 duration_minutes, margin_cents)
             VALUES (?1, 'a1', 'a1', 'rep1', 'planned', 'video', 0, '2026-05-04', 50000, ?2, 45, 12500)",
            params![visit.id, whole],
        )
        .unwrap();
        tx.commit().unwrap();

        migrate(&mut conn).unwrap();
        let copy: String = conn.query_row("SELECT json FROM visits", [], |r| r.get(0)).unwrap();
        for column in [
            "\"id\"",
            "account_id",
            "\"rep\"",
            "status",
            "channel",
            "duration",
            "order_amount",
            "order_margin",
        ] {
            assert!(!copy.contains(column), "{column} in {copy}");
        }
        assert!(copy.len() < whole.len() * 2 / 3, "{copy}");
        let read: String = conn.query_row("SELECT json FROM visit_records", [], |r| r.get(0)).unwrap();
        assert_eq!(from_json::<VisitReport>(&read).unwrap(), visit);
    }

    #[test]
    fn version_15_thins_the_account_copies_its_rows_hold_the_revenue_of_and_its_view_reads_them_whole() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..14] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 14).unwrap();
        let mut held = Account::new("Café du Port", AccountKind::Client, "rep1");
        held.revenue = vec![
            RevenueFigure {
                month: "2026-03-01".parse().unwrap(),
                product_family: "Café".into(),
                amount_cents: 120_000,
            },
            RevenueFigure {
                month: "2026-03-01".parse().unwrap(),
                product_family: "Thé".into(),
                amount_cents: -500,
            },
        ];
        // Its row's figures were packed before a line was added (as version 13's move could leave
        // them): the copy keeps its lines.
        let mut behind = Account::new("Bar des Sports", AccountKind::Client, "rep1");
        behind.revenue = held.revenue.clone();
        let mut none = Account::new("Tabac", AccountKind::Prospect, "rep1");
        none.revenue = Vec::new();
        // As version 14 wrote them: the whole account in its copy.
        for (account, packed) in [
            (&held, RevenueFigures::new(&held.revenue)),
            (&behind, RevenueFigures::new(&held.revenue[..1])),
            (&none, RevenueFigures::default()),
        ] {
            tx.execute(
                "INSERT INTO accounts (id, doc_id, name, norm_name, kind, owner_rep, open_dispute, lost, created_at, json, revenue)
                 VALUES (?1, ?1, ?2, '', 'client', 'rep1', 0, 0, 0, ?3, ?4)",
                params![account.id, account.name, serde_json::to_string(account).unwrap(), packed.packed()],
            )
            .unwrap();
        }
        tx.commit().unwrap();

        migrate(&mut conn).unwrap();
        let copy = |id: &str| -> String {
            conn.query_row("SELECT json FROM accounts WHERE id = ?1", [id], |r| r.get(0)).unwrap()
        };
        assert!(!copy(&held.id).contains("revenue") && !copy(&held.id).contains("Café\""));
        assert!(copy(&behind.id).contains("Thé"));
        assert!(!copy(&none.id).contains("revenue"));
        project::define_functions(&conn).unwrap();
        for account in [&held, &behind, &none] {
            let read: String = conn
                .query_row("SELECT json FROM account_records WHERE id = ?1", [&account.id], |r| r.get(0))
                .unwrap();
            assert_eq!(&from_json::<Account>(&read).unwrap(), account);
        }
    }

    #[test]
    fn version_13_moves_the_revenue_and_the_import_flag_onto_the_account_s_row() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..12] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 12).unwrap();
        let packed = RevenueFigures::new(&[RevenueFigure {
            month: "2026-03-01".parse().unwrap(),
            product_family: "Café".into(),
            amount_cents: 120_000,
        }]);
        for (id, imported) in [("a1", true), ("a2", false)] {
            tx.execute(
                "INSERT INTO accounts (id, doc_id, name, norm_name, kind, owner_rep, open_dispute, lost, created_at, json)
                 VALUES (?1, ?1, 'Café du Port', 'cafe du port', 'client', 'rep1', 0, 0, 0, ?2)",
                params![id, format!(r#"{{"created_at_from_import":{imported}}}"#)],
            )
            .unwrap();
        }
        // As version 12 wrote them: the revenue in the summary row only.
        tx.execute(
            "INSERT INTO account_summary (account_id, name, kind, owner_rep, open_dispute, lost, created_at, revenue)
             VALUES ('a1', 'Café du Port', 'client', 'rep1', 0, 0, 0, ?1)",
            [packed.packed()],
        )
        .unwrap();
        tx.commit().unwrap();

        migrate(&mut conn).unwrap();
        let rows: Vec<(String, bool, Vec<u8>)> = conn
            .prepare("SELECT id, created_at_from_import, revenue FROM accounts ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            [("a1".to_owned(), true, packed.packed().to_vec()), ("a2".to_owned(), false, Vec::new())]
        );
    }

    #[test]
    fn version_11_gives_each_follow_up_its_action_from_its_json_copy_and_the_dashboard_an_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..10] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 10).unwrap();
        let follow_up = crate::model::FollowUp::new(
            "a1",
            "Rappeler pour le devis",
            "2026-05-04".parse().unwrap(),
            "rep1",
        );
        tx.execute(
            "INSERT INTO follow_ups (id, doc_id, account_id, owner, due_on, done, json)
             VALUES (?1, 'a1', 'a1', 'rep1', '2026-05-04', 0, ?2)",
            params![follow_up.id, serde_json::to_string(&follow_up).unwrap()],
        )
        .unwrap();
        tx.commit().unwrap();

        migrate(&mut conn).unwrap();
        let action: String = conn.query_row("SELECT action FROM follow_ups", [], |r| r.get(0)).unwrap();
        assert_eq!(action, "Rappeler pour le devis");
        // The team's dashboard query reads the index alone.
        let plan: Vec<String> = conn
            .prepare(
                "EXPLAIN QUERY PLAN SELECT id, account_id, action, due_on, owner, done FROM follow_ups
                 WHERE done = 0 AND due_on <= '2026-05-10'",
            )
            .unwrap()
            .query_map([], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(plan.iter().any(|step| step.contains("COVERING INDEX follow_ups_by_due")), "{plan:?}");
    }

    #[test]
    fn version_9_gives_each_visit_its_duration_and_margin_from_its_json_copy() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..8] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 8).unwrap();
        let mut visit = crate::model::VisitReport::new(
            "a1",
            "rep1",
            crate::model::Channel::Video,
            "2026-05-04T09:00:00Z".parse().unwrap(),
        );
        visit.duration_minutes = 45;
        visit.order_amount_cents = 50_000;
        visit.order_margin_cents = 12_500;
        tx.execute(
            "INSERT INTO visits (id, doc_id, account_id, rep, status, channel, started_at, local_day, order_cents, json)
             VALUES (?1, 'd1', 'a1', 'rep1', 'done', 'video', 0, '2026-05-04', 50000, ?2)",
            params![visit.id, serde_json::to_string(&visit).unwrap()],
        )
        .unwrap();
        tx.commit().unwrap();

        migrate(&mut conn).unwrap();
        let columns: (i64, i64) = conn
            .query_row("SELECT duration_minutes, margin_cents FROM visits", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(columns, (45, 12_500));
    }

    #[test]
    fn version_7_folds_the_names_an_older_version_wrote() {
        let mut conn = Connection::open_in_memory().unwrap();
        configure(&conn).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..6] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 6).unwrap();
        // As version 6 wrote them: ASCII-only lower case, the search entry unfolded.
        for (id, name, norm) in
            [("a1", "Le Bœuf Couronné", "bœuf couronne"), ("a2", "LE BŒUF COURONNÉ", "bŒuf couronne")]
        {
            tx.execute(
                "INSERT INTO accounts (id, doc_id, name, norm_name, kind, owner_rep, postcode, open_dispute, lost,
                     created_at, json)
                 VALUES (?1, ?1, ?2, ?3, 'prospect', 'rep1', '69003', 0, 0, 0, '{}')",
                params![id, name, norm],
            )
            .unwrap();
            tx.execute(
                "INSERT INTO accounts_fts (rowid, name, city, people)
                 SELECT rowid, name, '', '' FROM accounts WHERE id = ?1",
                [id],
            )
            .unwrap();
        }
        tx.commit().unwrap();

        migrate(&mut conn).unwrap();
        let norms: Vec<String> = conn
            .prepare("SELECT norm_name FROM accounts ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(norms, ["boeuf couronne", "boeuf couronne"]);
        let found: i64 = conn
            .query_row("SELECT count(*) FROM accounts_fts WHERE accounts_fts MATCH '\"boeuf\"*'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(found, 2);
    }

    #[test]
    fn version_5_moves_each_account_with_its_activity_and_revenue_into_its_summary() {
        let mut conn = Connection::open_in_memory().unwrap();
        configure(&conn).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &MIGRATIONS[..4] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 4).unwrap();
        let mut client = Account::new("Boulangerie Roux", AccountKind::Client, "rep1");
        client.revenue = vec![
            RevenueFigure {
                month: "2026-01-01".parse().unwrap(),
                product_family: "Pain".into(),
                amount_cents: 12_000,
            },
            RevenueFigure {
                month: "2026-02-01".parse().unwrap(),
                product_family: "Café".into(),
                amount_cents: 800,
            },
        ];
        let quiet = Account::new("Café du Port", AccountKind::Prospect, "rep2");
        for account in [&client, &quiet] {
            tx.execute(
                "INSERT INTO accounts (id, doc_id, name, norm_name, kind, owner_rep, open_dispute, lost, created_at, json)
                 VALUES (?1, ?1, ?2, ?2, ?3, ?4, 0, 0, 0, ?5)",
                params![account.id, account.name, account.kind.code(), account.owner_rep,
                    serde_json::to_string(account).unwrap()],
            )
            .unwrap();
        }
        tx.execute(
            "INSERT INTO account_activity (account_id, contacts_logged, contacts_to_win, last_contact_on, people)
             VALUES (?1, 5, 3, '2026-02-03', 2)",
            [&client.id],
        )
        .unwrap();
        tx.commit().unwrap();

        migrate(&mut conn).unwrap();
        // Read as the dashboard reads it, through the facts version 16 packed.
        let summary = |id: &str| {
            let (owner, facts): (String, Vec<u8>) = conn
                .query_row("SELECT owner_rep, facts FROM account_summary WHERE account_id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .unwrap();
            super::super::summary_facts::read(id.to_owned(), owner.into(), &facts).unwrap()
        };
        let read = summary(&client.id);
        assert_eq!(read.account.owner_rep, "rep1");
        assert_eq!(read.activity.contacts_logged, 5);
        assert_eq!(read.activity.last_contact_on, Some("2026-02-03".parse().unwrap()));
        assert_eq!(read.activity.people, 2);
        let figures: Vec<_> = read.account.revenue.iter().collect();
        assert_eq!(figures.len(), 2);
        assert_eq!((figures[1].product_family(), figures[1].amount_cents), ("Café", 800));
        let read = summary(&quiet.id);
        assert_eq!(read.account.owner_rep, "rep2");
        assert_eq!((read.activity.contacts_logged, read.activity.last_contact_on), (0, None));
        assert_eq!(read.account.revenue.iter().count(), 0);
        let old: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'account_activity'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(old, 0);
    }
}
