//! The embedded storage: one SQLite file in the data directory, created on first start.
//!
//! One writer connection (SQLite serialises writers anyway, so team sequence numbers are handed out
//! in commit order) and a small pool of readers; WAL lets pulls and authentication run while a
//! commit is in progress.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use tournee_core::doc::DocKind;
use tournee_core::sync::api::{NewUser, Team, User};

use super::group::{Queue, Request};
use super::readers::Readers;
use super::{
    decode_heads, encode_heads, kind, role, seq, Commit, Cursor, DocWrite, NewDevice, Page, PageBuilder,
    Principal, ProjectedRows, Result, Storage, StorageError, StoredDoc, ToProject,
};
use crate::secret::SecretHash;

/// Every migration, in order; the database's `user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    name TEXT NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    team_id TEXT REFERENCES teams(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
    created_at TEXT NOT NULL
);
CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash BLOB NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE enrollment_codes (
    code_hash BLOB PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE documents (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    team_id TEXT NOT NULL REFERENCES teams(id),
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    heads BLOB NOT NULL,
    snapshot BLOB NOT NULL,
    snapshot_seq INTEGER NOT NULL,
    -- The device that wrote every change so far, if only one did: it needs no copy on a first sync.
    sole_writer TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX documents_team ON documents(team_id, n);
CREATE TABLE changes (
    team_id TEXT NOT NULL REFERENCES teams(id),
    seq INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    device_id TEXT NOT NULL,
    bytes BLOB NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (team_id, seq)
);
CREATE INDEX changes_doc ON changes(doc_id, seq);
"#,
    r#"
-- The document each record lives in (every record lives in exactly one; see PROTOCOL.md).
CREATE TABLE records (
    team_id TEXT NOT NULL REFERENCES teams(id),
    record_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (team_id, record_id)
) WITHOUT ROWID;
"#,
    r#"
-- Which history of the data this is: drawn anew on every backup and restore, so a device whose
-- cursor comes from another history sends its documents again (see PROTOCOL.md, "Backups").
CREATE TABLE history (id BLOB NOT NULL CHECK (length(id) = 16));
INSERT INTO history (id) VALUES (randomblob(16));
"#,
    r#"
-- The change index keeps a change's bytes only while they are its document's tail (after its
-- snapshot); a change folded into the snapshot keeps its ids alone (see `write_one`).
UPDATE changes SET bytes = x''
WHERE length(bytes) > 0 AND seq <= (SELECT snapshot_seq FROM documents d WHERE d.id = changes.doc_id);
"#,
    r#"
-- Each document's rows as the projector read them at one version (crate::projector), sent beside
-- the document on a first sync while that version is current; and how far the projector has read
-- each team's change index. Documents stored before are projected from the start of the index.
CREATE TABLE projections (
    doc_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    rows BLOB NOT NULL
);
CREATE TABLE projection_marks (
    team_id TEXT PRIMARY KEY REFERENCES teams(id),
    seq INTEGER NOT NULL
);
"#,
];

/// The version whose migration creates the record index; documents stored before it are indexed
/// while migrating.
const RECORDS_VERSION: usize = 2;

/// The database's file in a data directory.
pub(super) const FILE_NAME: &str = "tournee-sync.sqlite3";

pub struct SqliteStorage {
    writer: Mutex<Connection>,
    /// Uploads waiting for the writer: the next one to hold it commits them all.
    group: Queue,
    readers: Readers,
}

pub(super) fn open_connection(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", 2)?;
    // More distinct statements than rusqlite's default cache of 16: each would be compiled again.
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let supported = MIGRATIONS.len() as i64;
    if version > supported {
        return Err(StorageError::Corrupt(format!(
            "the database has schema version {version}, newer than this server supports ({supported})"
        )));
    }
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(migration)?;
        if index + 1 == RECORDS_VERSION {
            index_stored_records(&tx)?;
        }
    }
    tx.pragma_update(None, "user_version", supported)?;
    tx.commit()?;
    Ok(())
}

/// A document as stored: its snapshot followed by its tail.
fn document_bytes(conn: &Connection, doc_id: &str) -> Result<Vec<u8>> {
    let mut bytes: Vec<u8> = conn
        .prepare_cached("SELECT snapshot FROM documents WHERE id = ?1")?
        .query_row([doc_id], |r| r.get(0))?;
    let mut tail = conn.prepare_cached(
        "SELECT bytes FROM changes WHERE doc_id = ?1
         AND seq > (SELECT snapshot_seq FROM documents WHERE id = ?1) ORDER BY seq",
    )?;
    for chunk in tail.query_map([doc_id], |r| r.get::<_, Vec<u8>>(0))? {
        bytes.extend_from_slice(&chunk?);
    }
    Ok(bytes)
}

/// Fills the record index from every stored document (an upgrade from a server without it).
fn index_stored_records(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let docs: Vec<(String, String, Vec<u8>, i64)> = tx
        .prepare("SELECT id, team_id, snapshot, snapshot_seq FROM documents")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (doc_id, team_id, snapshot, snapshot_seq) in docs {
        let tail: Vec<Vec<u8>> = tx
            .prepare_cached("SELECT bytes FROM changes WHERE doc_id = ?1 AND seq > ?2 ORDER BY seq")?
            .query_map(params![doc_id, snapshot_seq], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let chunks: Vec<&[u8]> = std::iter::once(&snapshot).chain(&tail).map(Vec::as_slice).collect();
        let mut doc = tournee_core::doc::Document::load(&doc_id, &chunks)
            .map_err(|e| StorageError::Corrupt(format!("document {doc_id}: {e}")))?;
        for (_, record_id) in doc.touched_records(&[]) {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO records (team_id, record_id, doc_id) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![team_id, record_id, doc_id])?;
        }
    }
    Ok(())
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl SqliteStorage {
    /// Opens `data_dir/tournee-sync.sqlite3` ([`FILE_NAME`]), creating the directory and the database if needed.
    pub fn open(data_dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| StorageError::Corrupt(format!("cannot create the data directory: {e}")))?;
        let path = data_dir.join(FILE_NAME);
        let mut writer = open_connection(&path)?;
        migrate(&mut writer)?;
        Ok(SqliteStorage {
            writer: Mutex::new(writer),
            group: Queue::default(),
            readers: Readers::new(&path),
        })
    }

    fn writer(&self) -> Result<MutexGuard<'_, Connection>> {
        self.writer.lock().map_err(|_| StorageError::Poisoned)
    }

    /// Runs `f` on a pooled reader connection.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.readers.with(f)
    }

    /// One document as stored, with the changes since its snapshot.
    fn load_doc(&self, doc_id: &str) -> Result<Option<StoredDoc>> {
        self.read(|conn| {
            let tx = conn.unchecked_transaction()?; // one snapshot for the row and its tail
            let row = tx
                .prepare_cached(
                    "SELECT team_id, kind, version, heads, snapshot, snapshot_seq FROM documents WHERE id = ?1",
                )?
                .query_row([doc_id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, Vec<u8>>(3)?,
                        r.get::<_, Vec<u8>>(4)?,
                        r.get::<_, i64>(5)?,
                    ))
                })
                .optional()?;
            let Some((team_id, k, version, heads, snapshot, snapshot_seq)) = row else { return Ok(None) };
            let tail = tx
                .prepare_cached("SELECT bytes FROM changes WHERE doc_id = ?1 AND seq > ?2 ORDER BY seq")?
                .query_map(params![doc_id, snapshot_seq], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<Vec<u8>>>>()?;
            Ok(Some(StoredDoc { team_id, kind: kind(&k)?, version, heads: decode_heads(&heads)?, snapshot, tail }))
        })
    }
}

fn principal_of(
    row: &rusqlite::Row<'_>,
) -> rusqlite::Result<(String, String, String, Option<String>, String)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
}

fn principal(conn: &Connection, where_clause: &str, key: &dyn rusqlite::ToSql) -> Result<Option<Principal>> {
    let sql = format!(
        "SELECT d.id, u.id, u.org_id, u.team_id, u.role FROM devices d JOIN users u ON u.id = d.user_id
         WHERE {where_clause}"
    );
    let row = conn.prepare_cached(&sql)?.query_row([key], principal_of).optional()?;
    row.map(|(device_id, user_id, org_id, team_id, r)| {
        Ok(Principal { device_id, user_id, org_id, team_id, role: role(&r)? })
    })
    .transpose()
}

fn insert_device(conn: &Connection, user_id: &str, device: &NewDevice<'_>, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT INTO devices (id, user_id, name, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![device.id, user_id, device.name, &device.token_hash.0[..], time(now)],
    )?;
    Ok(())
}

impl Storage for SqliteStorage {
    fn history(&self) -> Result<[u8; 16]> {
        self.read(|conn| {
            let id: Vec<u8> = conn.query_row("SELECT id FROM history", [], |r| r.get(0))?;
            id.try_into().map_err(|_| StorageError::Corrupt("history id".into()))
        })
    }

    fn ensure_admin(&self, now: DateTime<Utc>) -> Result<(String, bool)> {
        let mut conn = self.writer()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: Option<String> = tx
            .query_row("SELECT id FROM users WHERE role = 'admin' ORDER BY created_at, id LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(id) = existing {
            return Ok((id, false));
        }
        let org_id: String = match tx.query_row("SELECT id FROM orgs LIMIT 1", [], |r| r.get(0)).optional()? {
            Some(id) => id,
            None => {
                let id = tournee_core::model::new_id();
                tx.execute(
                    "INSERT INTO orgs (id, name, created_at) VALUES (?1, 'default', ?2)",
                    params![id, time(now)],
                )?;
                id
            }
        };
        let user_id = tournee_core::model::new_id();
        tx.execute(
            "INSERT INTO users (id, org_id, team_id, name, role, created_at) VALUES (?1, ?2, NULL, 'admin', 'admin', ?3)",
            params![user_id, org_id, time(now)],
        )?;
        tx.commit()?;
        Ok((user_id, true))
    }

    fn create_team(&self, org_id: &str, name: &str, now: DateTime<Utc>) -> Result<Team> {
        let id = tournee_core::model::new_id();
        self.writer()?.execute(
            "INSERT INTO teams (id, org_id, name, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, org_id, name, time(now)],
        )?;
        Ok(Team { id, name: name.to_owned() })
    }

    fn create_user(&self, org_id: &str, user: &NewUser, now: DateTime<Utc>) -> Result<User> {
        let conn = self.writer()?;
        if let Some(team_id) = &user.team_id {
            let found: Option<i64> = conn
                .query_row(
                    "SELECT 1 FROM teams WHERE id = ?1 AND org_id = ?2",
                    params![team_id, org_id],
                    |r| r.get(0),
                )
                .optional()?;
            if found.is_none() {
                return Err(StorageError::NotFound("team"));
            }
        }
        let id = tournee_core::model::new_id();
        conn.execute(
            "INSERT INTO users (id, org_id, team_id, name, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, org_id, user.team_id, user.name, user.role.code(), time(now)],
        )?;
        Ok(User { id, name: user.name.clone(), role: user.role, team_id: user.team_id.clone() })
    }

    fn user(&self, org_id: &str, user_id: &str) -> Result<Option<User>> {
        self.read(|conn| {
            let row = conn
                .query_row(
                    "SELECT name, role, team_id FROM users WHERE id = ?1 AND org_id = ?2",
                    params![user_id, org_id],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)),
                )
                .optional()?;
            row.map(|(name, r, team_id)| Ok(User { id: user_id.to_owned(), name, role: role(&r)?, team_id }))
                .transpose()
        })
    }

    fn team_members(&self, team_id: &str) -> Result<Vec<User>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, name, role FROM users WHERE team_id = ?1 ORDER BY name COLLATE NOCASE, id",
            )?;
            let rows = stmt.query_map([team_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?;
            rows.map(|row| {
                let (id, name, code) = row?;
                Ok(User { id, name, role: role(&code)?, team_id: Some(team_id.to_owned()) })
            })
            .collect()
        })
    }

    fn add_device(&self, user_id: &str, device: &NewDevice<'_>, now: DateTime<Utc>) -> Result<()> {
        insert_device(&*self.writer()?, user_id, device, now)
    }

    fn create_enrollment_code(
        &self,
        user_id: &str,
        code: SecretHash,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        self.writer()?.execute(
            "INSERT INTO enrollment_codes (code_hash, user_id, expires_at) VALUES (?1, ?2, ?3)",
            params![&code.0[..], user_id, time(expires_at)],
        )?;
        Ok(())
    }

    fn redeem_enrollment_code(
        &self,
        code: SecretHash,
        device: &NewDevice<'_>,
        now: DateTime<Utc>,
    ) -> Result<Option<Principal>> {
        let mut conn = self.writer()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let user_id: Option<String> = tx
            .query_row(
                "UPDATE enrollment_codes SET used_at = ?2
                 WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING user_id",
                params![&code.0[..], time(now)],
                |r| r.get(0),
            )
            .optional()?;
        let Some(user_id) = user_id else { return Ok(None) };
        insert_device(&tx, &user_id, device, now)?;
        let found = principal(&tx, "d.id = ?1", &device.id)?;
        tx.commit()?;
        Ok(found)
    }

    fn authenticate(&self, token: SecretHash) -> Result<Option<Principal>> {
        self.read(|conn| principal(conn, "d.token_hash = ?1 AND d.revoked_at IS NULL", &&token.0[..]))
    }

    fn revoke_device(&self, org_id: &str, device_id: &str, now: DateTime<Utc>) -> Result<bool> {
        let changed = self.writer()?.execute(
            "UPDATE devices SET revoked_at = coalesce(revoked_at, ?3)
             WHERE id = ?1 AND user_id IN (SELECT id FROM users WHERE org_id = ?2)",
            params![device_id, org_id, time(now)],
        )?;
        Ok(changed > 0)
    }

    fn load_docs(&self, doc_ids: &[&str]) -> Result<Vec<Option<StoredDoc>>> {
        doc_ids.iter().map(|id| self.load_doc(id)).collect()
    }

    fn record_homes(&self, team_id: &str, record_ids: &[&str]) -> Result<Vec<(String, String)>> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare_cached("SELECT doc_id FROM records WHERE team_id = ?1 AND record_id = ?2")?;
            let mut homes = Vec::new();
            for id in record_ids {
                if let Some(doc_id) = stmt.query_row(params![team_id, id], |r| r.get(0)).optional()? {
                    homes.push(((*id).to_owned(), doc_id));
                }
            }
            Ok(homes)
        })
    }

    fn commit(
        &self,
        team_id: &str,
        device_id: &str,
        writes: Vec<DocWrite>,
        now: DateTime<Utc>,
    ) -> Result<Commit> {
        let request = Request { team_id: team_id.to_owned(), device_id: device_id.to_owned(), writes, now };
        self.group.commit(&self.writer, request, commit_group)
    }

    fn pull(
        &self,
        team_id: &str,
        device_id: &str,
        cursor: Cursor,
        max_bytes: usize,
        kinds: &[DocKind],
        with_rows: bool,
    ) -> Result<Page> {
        self.read(|conn| {
            let tx = conn.unchecked_transaction()?; // a consistent view across the page's queries
            let mut page = PageBuilder { docs: Vec::new(), bytes: 0, max_bytes };
            let readable = |code: &str| DocKind::parse(code).is_some_and(|k| kinds.contains(&k));
            let (high_water, after) = match cursor {
                Cursor::Changes { seq } => (seq, None),
                Cursor::Snapshots { high_water, after } => (high_water, Some(after)),
                Cursor::Start => {
                    let high_water = tx
                        .query_row("SELECT last_seq FROM teams WHERE id = ?1", [team_id], |r| r.get(0))
                        .optional()?
                        .map_or(0, seq);
                    (high_water, Some(0))
                }
            };
            if let Some(after) = after {
                let mut docs = tx.prepare_cached(
                    "SELECT n, id, kind, snapshot, snapshot_seq,
                        (SELECT p.rows FROM projections p WHERE ?4 AND p.doc_id = d.id AND p.version = d.version)
                     FROM documents d
                     WHERE team_id = ?1 AND n > ?2 AND sole_writer IS NOT ?3 ORDER BY n",
                )?;
                let mut tail = tx.prepare_cached(
                    "SELECT bytes FROM changes WHERE doc_id = ?1 AND seq > ?2 ORDER BY seq",
                )?;
                let mut rows = docs.query(params![team_id, after, device_id, with_rows])?;
                let mut last = after;
                while let Some(row) = rows.next()? {
                    if page.full() {
                        return Ok(Page {
                            docs: page.docs,
                            cursor: Cursor::Snapshots { high_water, after: last },
                            more: true,
                        });
                    }
                    last = row.get(0)?;
                    let doc_id: String = row.get(1)?;
                    if !readable(&row.get::<_, String>(2)?) {
                        continue;
                    }
                    let mut bytes: Vec<u8> = row.get(3)?;
                    let snapshot_seq: i64 = row.get(4)?;
                    for chunk in tail.query_map(params![doc_id, snapshot_seq], |r| r.get::<_, Vec<u8>>(0))? {
                        bytes.extend_from_slice(&chunk?);
                    }
                    page.push_whole(doc_id, bytes, row.get(5)?);
                }
            }
            let from = high_water;
            let mut changes = tx.prepare_cached(
                "SELECT seq, doc_id, kind, CASE WHEN device_id = ?3 THEN NULL ELSE bytes END
                 FROM changes WHERE team_id = ?1 AND seq > ?2 ORDER BY seq",
            )?;
            let mut rows = changes.query(params![team_id, from as i64, device_id])?;
            let mut last = from;
            // Documents sent whole in this page: their snapshot already holds the changes after.
            let mut whole: Vec<String> = Vec::new();
            while let Some(row) = rows.next()? {
                if page.full() {
                    return Ok(Page { docs: page.docs, cursor: Cursor::Changes { seq: last }, more: true });
                }
                last = seq(row.get(0)?);
                let Some(bytes) = row.get::<_, Option<Vec<u8>>>(3)? else { continue };
                if !readable(&row.get::<_, String>(2)?) {
                    continue;
                }
                let doc_id: String = row.get(1)?;
                if whole.contains(&doc_id) {
                    continue;
                }
                if bytes.is_empty() {
                    // Folded into the document's snapshot: the document, whole.
                    page.push(doc_id.clone(), document_bytes(&tx, &doc_id)?);
                    whole.push(doc_id);
                } else {
                    page.push(doc_id, bytes);
                }
            }
            Ok(Page { docs: page.docs, cursor: Cursor::Changes { seq: last }, more: false })
        })
    }

    fn to_project(&self, limit: usize) -> Result<Option<ToProject>> {
        self.read(|conn| {
            let tx = conn.unchecked_transaction()?;
            let team: Option<(String, i64)> = tx
                .prepare_cached(
                    "SELECT t.id, coalesce(m.seq, 0) FROM teams t LEFT JOIN projection_marks m ON m.team_id = t.id
                     WHERE t.last_seq > coalesce(m.seq, 0) LIMIT 1",
                )?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let Some((team_id, mark)) = team else { return Ok(None) };
            let mut work = ToProject { team_id, through: seq(mark), doc_ids: Vec::new() };
            let mut changes = tx.prepare_cached(
                "SELECT seq, doc_id FROM changes WHERE team_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            )?;
            let mut rows = changes.query(params![work.team_id, mark, limit as i64])?;
            let mut seen = std::collections::HashSet::new();
            while let Some(row) = rows.next()? {
                work.through = seq(row.get(0)?);
                let doc_id: String = row.get(1)?;
                if seen.insert(doc_id.clone()) {
                    work.doc_ids.push(doc_id);
                }
            }
            drop(rows);
            Ok(Some(work))
        })
    }

    fn store_projections(&self, team_id: &str, through: u64, rows: &[ProjectedRows]) -> Result<()> {
        let mut conn = self.writer()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut store = tx.prepare_cached(
                "INSERT INTO projections (doc_id, version, rows)
                 SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1 AND version = ?2)
                 ON CONFLICT (doc_id) DO UPDATE SET version = excluded.version, rows = excluded.rows",
            )?;
            for projected in rows {
                store.execute(params![projected.doc_id, projected.version, projected.rows])?;
            }
        }
        tx.prepare_cached(
            "INSERT INTO projection_marks (team_id, seq) VALUES (?1, ?2)
             ON CONFLICT (team_id) DO UPDATE SET seq = max(seq, excluded.seq)",
        )?
        .execute(params![team_id, through as i64])?;
        tx.commit()?;
        Ok(())
    }
}

/// One upload's writes, inside the group's transaction: the documents, the record homes and the
/// team's change index. [`Commit::Stale`] (the caller rolls back this upload's savepoint) when a
/// document moved past its base version or a record came to live in another document.
fn write_one(conn: &Connection, request: &Request) -> Result<Commit> {
    let Request { team_id, device_id, writes, now } = request;
    let (team_id, device_id, now) = (team_id.as_str(), device_id.as_str(), *now);
    let mut last_seq: i64 = conn
        .query_row("SELECT last_seq FROM teams WHERE id = ?1", [team_id], |r| r.get(0))
        .optional()?
        .ok_or(StorageError::NotFound("team"))?;
    let now = time(now);
    for write in writes {
        let version: Option<i64> = conn
            .prepare_cached("SELECT version FROM documents WHERE id = ?1")?
            .query_row([&write.doc_id], |r| r.get(0))
            .optional()?;
        if version != write.base_version {
            return Ok(Commit::Stale); // the caller rolls back
        }
        for record_id in &write.records {
            let home: Option<String> = conn
                .prepare_cached("SELECT doc_id FROM records WHERE team_id = ?1 AND record_id = ?2")?
                .query_row(params![team_id, record_id], |r| r.get(0))
                .optional()?;
            match home {
                None => {
                    conn.prepare_cached(
                        "INSERT INTO records (team_id, record_id, doc_id) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![team_id, record_id, write.doc_id])?;
                }
                Some(home) if home != write.doc_id => return Ok(Commit::Stale),
                Some(_) => {}
            }
        }
        last_seq += 1;
        // The change index holds a change's bytes only while they are its document's tail: a
        // change written with a new snapshot, and the tail that snapshot folds in, keep their ids
        // alone (a device behind them is sent the document whole), so what a person wrote is kept
        // once, in the document, never longer than it.
        let delta: &[u8] = if write.snapshot.is_some() { &[] } else { &write.delta };
        if write.snapshot.is_some() && version.is_some() {
            conn.prepare_cached(
                "UPDATE changes SET bytes = x'' WHERE doc_id = ?1
                 AND seq > (SELECT snapshot_seq FROM documents WHERE id = ?1)",
            )?
            .execute([&write.doc_id])?;
        }
        conn.prepare_cached(
            "INSERT INTO changes (team_id, seq, doc_id, kind, device_id, bytes, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            team_id,
            last_seq,
            write.doc_id,
            write.kind.code(),
            device_id,
            delta,
            now
        ])?;
        let heads = encode_heads(&write.heads);
        match (&write.snapshot, version) {
            (Some(snapshot), None) => {
                conn.prepare_cached(
                    "INSERT INTO documents (id, team_id, kind, version, heads, snapshot, snapshot_seq, sole_writer, updated_at)
                     VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![write.doc_id, team_id, write.kind.code(), heads, snapshot, last_seq, device_id, now])?;
            }
            (Some(snapshot), Some(_)) => {
                conn.prepare_cached(
                    "UPDATE documents SET version = version + 1, heads = ?2, snapshot = ?3, snapshot_seq = ?4,
                     sole_writer = CASE WHEN sole_writer = ?6 THEN sole_writer END, updated_at = ?5 WHERE id = ?1",
                )?
                .execute(params![write.doc_id, heads, snapshot, last_seq, now, device_id])?;
            }
            (None, Some(_)) => {
                conn.prepare_cached(
                    "UPDATE documents SET version = version + 1, heads = ?2, sole_writer = CASE WHEN sole_writer = ?4 THEN sole_writer END,
                     updated_at = ?3 WHERE id = ?1",
                )?
                .execute(params![write.doc_id, heads, now, device_id])?;
            }
            (None, None) => return Err(StorageError::Corrupt("a new document needs a snapshot".into())),
        }
    }
    conn.execute("UPDATE teams SET last_seq = ?2 WHERE id = ?1", params![team_id, last_seq])?;
    Ok(Commit::Done)
}

/// Group commit: every waiting upload in one IMMEDIATE transaction (one fsync with
/// `synchronous=FULL` for all of them), each in its own savepoint so that one found stale or failing
/// leaves the others whole.
fn commit_group(conn: &mut Connection, group: &[Request]) -> Result<Vec<Result<Commit>>> {
    let mut outcomes: Vec<Result<Commit>> = Vec::with_capacity(group.len());
    let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for request in group {
        let savepoint = tx.savepoint()?;
        let outcome = write_one(&savepoint, request);
        if let Ok(Commit::Done) = outcome {
            savepoint.commit()?;
        } // otherwise dropping the savepoint rolls this upload back
        outcomes.push(outcome);
    }
    tx.commit()?;
    Ok(outcomes)
}
