//! The server's storage behind one narrow interface: identities (orgs, teams, users, devices and
//! enrollment codes), documents (the server's copy of each) and the per-team change index.
//!
//! Methods block; the HTTP layer calls them from `spawn_blocking`. [`sqlite::SqliteStorage`] is the
//! embedded default; [`postgres::PostgresStorage`] lets several server processes share one
//! database (it hands out each team's sequence numbers in commit order under a row lock on the
//! team).

pub mod backup;
mod group;
pub mod postgres;
mod readers;
pub mod sqlite;
pub mod to_postgres;

use automerge::ChangeHash;
use chrono::{DateTime, Utc};
use tournee_core::doc::DocKind;
use tournee_core::sync::api::{NewUser, Role, Team, User};
use tournee_core::sync::wire::{DecodeError, IncomingDoc, Reader, Writer};

use crate::secret::SecretHash;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("database: {}", postgres_reason(.0))]
    Postgres(#[from] tokio_postgres::Error),
    /// No connection could be had from the pool in time.
    #[error("database: {0}")]
    Pool(String),
    /// A configuration the server cannot start with (the reason says which and why).
    #[error("{0}")]
    Config(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// A backup or restore that cannot be done as asked (the reason names the file).
    #[error("{0}")]
    Backup(String),
    #[error("a lock was poisoned by a panic in another thread")]
    Poisoned,
    /// The transaction shared by several uploads failed (each upload of the group gets this).
    #[error("the commit failed: {0}")]
    Commit(String),
}

pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// Who a valid token acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub device_id: String,
    pub user_id: String,
    pub org_id: String,
    pub team_id: Option<String>,
    pub role: Role,
}

/// A device about to receive its token.
pub struct NewDevice<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub token_hash: SecretHash,
}

/// The server's copy of a document: a snapshot plus the chunks accepted since.
pub struct StoredDoc {
    pub team_id: String,
    pub kind: DocKind,
    /// Bumped by every accepted write: a commit made against an older version is refused.
    pub version: i64,
    pub heads: Vec<automerge::ChangeHash>,
    pub snapshot: Vec<u8>,
    pub tail: Vec<Vec<u8>>,
}

impl StoredDoc {
    pub fn tail_bytes(&self) -> usize {
        self.tail.iter().map(Vec::len).sum()
    }
}

/// New changes to one document, ready to commit.
pub struct DocWrite {
    pub doc_id: String,
    pub kind: DocKind,
    /// The version the changes were computed against; `None` for a document new to the server.
    pub base_version: Option<i64>,
    /// The changes the server lacked: they enter the change index.
    pub delta: Vec<u8>,
    pub heads: Vec<automerge::ChangeHash>,
    /// A compacted copy of the whole document including `delta`, when it is time to compact.
    pub snapshot: Option<Vec<u8>>,
    /// The records the changes touched: each lives in this document from now on.
    pub records: Vec<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Commit {
    Done,
    /// A document changed since it was read: read again and retry.
    Stale,
}

/// A device's position in its team's change index (opaque to the device).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// Nothing read yet.
    Start,
    /// A first sync: whole documents in storage order, after `after`; then changes past `high_water`.
    Snapshots { high_water: u64, after: i64 },
    /// Every change up to `seq` was seen.
    Changes { seq: u64 },
}

/// Documents written since the projector last read their team's change index
/// ([`crate::projector`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToProject {
    pub team_id: String,
    /// The last change read: the team's mark once these documents are projected.
    pub through: u64,
    /// Each once, in the order of their first change.
    pub doc_ids: Vec<String>,
}

/// One document's rows as the projector read them at `version` (a `doc::Projection`, encoded).
pub struct ProjectedRows {
    pub doc_id: String,
    pub version: i64,
    pub rows: Vec<u8>,
}

/// One page of a pull.
pub struct Page {
    pub docs: Vec<IncomingDoc>,
    pub cursor: Cursor,
    pub more: bool,
}

pub trait Storage: Send + Sync + 'static {
    /// Which history of the data this is: it changes when a backup is restored (cursors handed out
    /// by another history are refused, and the devices send their documents again).
    fn history(&self) -> Result<[u8; 16]>;
    /// Creates the organisation and its first admin user if there is none; returns the admin's id
    /// and whether it was just created.
    fn ensure_admin(&self, now: DateTime<Utc>) -> Result<(String, bool)>;
    fn create_team(&self, org_id: &str, name: &str, now: DateTime<Utc>) -> Result<Team>;
    /// Fails with `NotFound("team")` unless the team belongs to `org_id`.
    fn create_user(&self, org_id: &str, user: &NewUser, now: DateTime<Utc>) -> Result<User>;
    fn user(&self, org_id: &str, user_id: &str) -> Result<Option<User>>;
    /// The reps and managers of a team, by name.
    fn team_members(&self, team_id: &str) -> Result<Vec<User>>;
    fn add_device(&self, user_id: &str, device: &NewDevice<'_>, now: DateTime<Utc>) -> Result<()>;
    fn create_enrollment_code(
        &self,
        user_id: &str,
        code: SecretHash,
        expires_at: DateTime<Utc>,
    ) -> Result<()>;
    /// Spends an unexpired, unused code and creates the device, atomically.
    fn redeem_enrollment_code(
        &self,
        code: SecretHash,
        device: &NewDevice<'_>,
        now: DateTime<Utc>,
    ) -> Result<Option<Principal>>;
    /// The principal of a token that exists and is not revoked.
    fn authenticate(&self, token: SecretHash) -> Result<Option<Principal>>;
    /// Returns false when the org has no such device.
    fn revoke_device(&self, org_id: &str, device_id: &str, now: DateTime<Utc>) -> Result<bool>;

    /// Each of `doc_ids` (all different) as stored, in their order; `None` for one not stored. A
    /// storage across the network answers them all in one round trip.
    fn load_docs(&self, doc_ids: &[&str]) -> Result<Vec<Option<StoredDoc>>>;
    /// The document each of these records lives in, for those the team already has.
    fn record_homes(&self, team_id: &str, record_ids: &[&str]) -> Result<Vec<(String, String)>>;
    /// Stores every write and appends each delta to the team's change index, all or nothing, durably
    /// before it returns. A write whose document moved past its base version, or with a record that
    /// meanwhile came to live in another document, makes the whole commit [`Commit::Stale`]. Uploads
    /// of several devices may share one transaction (group commit), each all or nothing.
    fn commit(
        &self,
        team_id: &str,
        device_id: &str,
        writes: Vec<DocWrite>,
        now: DateTime<Utc>,
    ) -> Result<Commit>;
    /// Up to about `max_bytes` of what changed past `cursor` in the team, in documents of `kinds`,
    /// leaving out the chunks `device_id` uploaded itself. `with_rows`: a document sent whole on a
    /// first sync carries its projected rows, when they were read at its current version.
    fn pull(
        &self,
        team_id: &str,
        device_id: &str,
        cursor: Cursor,
        max_bytes: usize,
        kinds: &[DocKind],
        with_rows: bool,
    ) -> Result<Page>;
    /// The documents of up to `limit` changes of one team past its projection mark, oldest
    /// first; `None` when every team's documents are projected.
    fn to_project(&self, limit: usize) -> Result<Option<ToProject>>;
    /// Stores each document's rows, unless the document moved past their version meanwhile (its
    /// newer change is past `through`, so it is projected again), and moves the team's mark to
    /// `through`.
    fn store_projections(&self, team_id: &str, through: u64, rows: &[ProjectedRows]) -> Result<()>;
}

impl Cursor {
    /// Version 2 carries the history id of the storage that handed the cursor out; version 1
    /// (servers before backups) carries none and is taken as this history's.
    const VERSION: u64 = 2;
    const VERSION_WITHOUT_HISTORY: u64 = 1;

    pub fn encode(self, history: &[u8; 16]) -> Vec<u8> {
        let mut w = Writer::bare();
        if self == Cursor::Start {
            return Vec::new();
        }
        w.varint(Self::VERSION);
        w.bytes(history);
        match self {
            Cursor::Start => {}
            Cursor::Snapshots { high_water, after } => {
                w.varint(1);
                w.varint(high_water);
                w.varint(u64::try_from(after).unwrap_or(0));
            }
            Cursor::Changes { seq } => {
                w.varint(2);
                w.varint(seq);
            }
        }
        w.buf
    }

    /// The cursor and the history it belongs to (`None`: a first sync, or a version 1 cursor).
    pub fn decode(bytes: &[u8]) -> Result<(Self, Option<[u8; 16]>), DecodeError> {
        if bytes.is_empty() {
            return Ok((Cursor::Start, None));
        }
        let mut r = Reader::bare(bytes);
        let history = match r.varint()? {
            Self::VERSION => Some(<[u8; 16]>::try_from(r.bytes()?).map_err(|_| DecodeError::Varint)?),
            Self::VERSION_WITHOUT_HISTORY => None,
            _ => return Err(DecodeError::Varint),
        };
        let cursor = match r.varint()? {
            1 => Cursor::Snapshots {
                high_water: r.varint()?,
                after: i64::try_from(r.varint()?).map_err(|_| DecodeError::Varint)?,
            },
            2 => Cursor::Changes { seq: r.varint()? },
            _ => return Err(DecodeError::Varint),
        };
        r.end()?;
        Ok((cursor, history))
    }
}

/// The database's own message when it gave one (wrong password, unknown database...), else the
/// driver's (connection refused, timeout). Never the details PostgreSQL adds to some errors, which
/// may quote a row's values: this goes to logs.
pub(crate) fn postgres_reason(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_owned(),
        None => {
            let mut reason = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(inner) = source {
                reason = format!("{reason}: {inner}");
                source = inner.source();
            }
            reason
        }
    }
}

/// Stored codes and heads, read back the same way by every backend.
pub(crate) fn role(code: &str) -> Result<Role> {
    Role::parse(code).ok_or_else(|| StorageError::Corrupt(format!("unknown role {code:?}")))
}

pub(crate) fn kind(code: &str) -> Result<DocKind> {
    DocKind::parse(code).ok_or_else(|| StorageError::Corrupt(format!("unknown document kind {code:?}")))
}

pub(crate) fn encode_heads(heads: &[ChangeHash]) -> Vec<u8> {
    heads.iter().flat_map(|h| h.0).collect()
}

pub(crate) fn decode_heads(bytes: &[u8]) -> Result<Vec<ChangeHash>> {
    if bytes.len() % 32 != 0 {
        return Err(StorageError::Corrupt("document heads".into()));
    }
    bytes
        .chunks_exact(32)
        .map(|c| ChangeHash::try_from(c).map_err(|_| StorageError::Corrupt("document heads".into())))
        .collect()
}

pub(crate) fn seq(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// Fills a page up to its byte budget, merging consecutive chunks of one document.
pub(crate) struct PageBuilder {
    pub docs: Vec<IncomingDoc>,
    pub bytes: usize,
    pub max_bytes: usize,
}

impl PageBuilder {
    pub fn full(&self) -> bool {
        self.bytes >= self.max_bytes
    }

    pub fn push(&mut self, doc_id: String, bytes: Vec<u8>) {
        self.bytes += bytes.len() + doc_id.len();
        match self.docs.last_mut() {
            Some(last) if last.doc_id == doc_id && last.rows.is_none() => {
                last.bytes.extend_from_slice(&bytes)
            }
            _ => self.docs.push(IncomingDoc { doc_id, bytes, rows: None }),
        }
    }

    /// A document sent whole, with its projected rows if they are current.
    pub fn push_whole(&mut self, doc_id: String, bytes: Vec<u8>, rows: Option<Vec<u8>>) {
        self.bytes += bytes.len() + doc_id.len() + rows.as_ref().map_or(0, Vec::len);
        self.docs.push(IncomingDoc { doc_id, bytes, rows });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_with_their_history_and_garbage_is_refused() {
        let history = [7; 16];
        assert_eq!(Cursor::decode(&Cursor::Start.encode(&history)), Ok((Cursor::Start, None)));
        for c in [Cursor::Snapshots { high_water: 7, after: 300 }, Cursor::Changes { seq: 1 << 40 }] {
            assert_eq!(Cursor::decode(&c.encode(&history)), Ok((c, Some(history))));
        }
        // A cursor from a server before backups: no history.
        assert_eq!(Cursor::decode(&[1, 2, 5]), Ok((Cursor::Changes { seq: 5 }, None)));
        assert!(Cursor::decode(&[1, 9]).is_err());
        assert!(Cursor::decode(&[1, 2, 5, 0]).is_err());
        assert!(Cursor::decode(&[2, 2, 5]).is_err());
        assert!(Cursor::decode(&[2, 3, 1, 2, 3, 2, 5]).is_err(), "a history id of 3 bytes");
    }
}
