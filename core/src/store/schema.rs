//! Versioned migrations (`PRAGMA user_version`), each applied in one IMMEDIATE transaction.
//! A database newer than this code is refused rather than guessed at.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// Migration `i` brings the schema from version `i` to `i + 1`. Never edit a shipped one: append.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Connection settings every connection gets (ARCHITECTURE.md rule 4). `synchronous=FULL` makes
/// each commit durable on return: a visit the rep saw saved survives a power cut.
pub(super) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = 2;",
    )?;
    Ok(())
}

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(Error::DatabaseTooNew { found, supported: VERSION });
    }
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", from as i64 + 1)?;
    }
    tx.commit()?;
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
