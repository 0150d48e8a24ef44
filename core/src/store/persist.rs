//! Document bytes on disk: a compacted snapshot plus the increments written since, appended by each
//! write and folded back into the snapshot once they outweigh it (ARCHITECTURE.md rule 5).

use std::borrow::Cow;

use rusqlite::{params, Connection, OptionalExtension};

use super::cache::DocCache;
use super::sync_state::encode_heads;
use crate::compression;
use crate::doc::{DocKind, Document};
use crate::error::{Error, Result};

/// Below this many increment bytes a document is never compacted: small documents stay cheap to write.
const COMPACT_MIN_BYTES: i64 = 16 * 1024;

/// A document from the cache of loaded documents if it is there (taken out: put it back once the
/// write committed), else from disk.
pub(super) fn checkout(conn: &Connection, cache: &mut DocCache, doc_id: &str) -> Result<Option<Document>> {
    match cache.take(doc_id) {
        Some(doc) => Ok(Some(doc)),
        None => load(conn, doc_id),
    }
}

/// Like [`checkout`], for a document that must exist.
pub(super) fn checkout_existing(conn: &Connection, cache: &mut DocCache, doc_id: &str) -> Result<Document> {
    checkout(conn, cache, doc_id)?.ok_or_else(|| Error::NotFound { what: "document", id: doc_id.to_owned() })
}

fn load(conn: &Connection, doc_id: &str) -> Result<Option<Document>> {
    let snapshot: Option<Option<Vec<u8>>> = conn
        .prepare_cached("SELECT snapshot FROM documents WHERE doc_id = ?1")?
        .query_row([doc_id], |r| r.get(0))
        .optional()?;
    let Some(mut snapshot) = snapshot else { return Ok(None) };
    if let Some(stored) = snapshot.as_deref().filter(|s| compression::is_compressed(s)) {
        let inflated = compression::decompress(stored, MAX_STORED_DOCUMENT_BYTES)
            .map_err(|e| Error::schema(doc_id, format!("the stored document does not inflate ({e:?})")))?;
        snapshot = Some(inflated);
    }
    let mut stmt = conn.prepare_cached("SELECT bytes FROM doc_increments WHERE doc_id = ?1 ORDER BY id")?;
    let increments: Vec<Vec<u8>> =
        stmt.query_map([doc_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let chunks: Vec<&[u8]> = snapshot.iter().chain(increments.iter()).map(Vec::as_slice).collect();
    Document::load(doc_id, &chunks).map(Some)
}

/// Stores a document born here, as one snapshot.
pub(super) fn insert(conn: &Connection, doc: &mut Document, label: Option<&str>) -> Result<()> {
    let snapshot = doc.save();
    let heads = sorted_heads(doc);
    insert_bytes(conn, (doc.id(), doc.kind(), &heads), &snapshot, true, label)
}

/// What a document received whole is stored as: its bytes in a zstd frame when that is smaller.
/// Documents travel without automerge's deflate (`Document::export`), twice the bytes on disk and
/// in the log each commit writes; a stored frame is inflated when the document is loaded.
pub(super) fn stored_form(bytes: &[u8]) -> Cow<'_, [u8]> {
    match compression::compress(bytes) {
        Ok(frame) if frame.len() < bytes.len() => Cow::Owned(frame),
        _ => Cow::Borrowed(bytes),
    }
}

/// A bound against a damaged frame: far above any document.
const MAX_STORED_DOCUMENT_BYTES: u64 = 1 << 30;

/// Stores a document as the bytes it was loaded from (or their [`stored_form`]): a replica's saved
/// document or changes, checked whole by [`Document::load_untrusted`] (nothing after the last
/// chunk, every checksum right). The document is named by its id, kind and heads (in [`sorted_heads`] order).
/// One not `created_here` came from the server, which holds it as it is: those heads are
/// acknowledged (an upload of later changes starts from them).
pub(super) fn insert_bytes(
    conn: &Connection,
    (doc_id, kind, heads): (&str, DocKind, &[automerge::ChangeHash]),
    snapshot: &[u8],
    created_here: bool,
    label: Option<&str>,
) -> Result<()> {
    let heads = encode_heads(heads);
    conn.prepare_cached(
        "INSERT INTO documents (doc_id, kind, created_here, label, snapshot, snapshot_bytes, increment_bytes, heads,
             acked_heads)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, CASE WHEN ?3 THEN NULL ELSE ?7 END)",
    )?
    .execute(params![
        doc_id,
        kind.code(),
        created_here,
        label,
        snapshot,
        snapshot.len() as i64,
        heads
    ])?;
    Ok(())
}

/// What [`append`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Appended {
    /// Nothing changed.
    Nothing,
    /// One increment, with its row id: the bytes an upload can send as they are.
    Increment(i64),
    /// The document was compacted: its increments are folded into the snapshot.
    Compacted,
}

/// Appends what changed in `doc` since it was last persisted, and its new heads; compacts when the
/// increments outweigh the snapshot.
pub(super) fn append(conn: &Connection, doc: &mut Document) -> Result<Appended> {
    let bytes = doc.take_unsaved();
    if bytes.is_empty() {
        return Ok(Appended::Nothing);
    }
    let increment: i64 = conn
        .prepare_cached("INSERT INTO doc_increments (doc_id, bytes) VALUES (?1, ?2) RETURNING id")?
        .query_row(params![doc.id(), bytes], |r| r.get(0))?;
    let heads = encode_heads(&sorted_heads(doc));
    let (snapshot_bytes, increment_bytes): (i64, i64) = conn
        .prepare_cached(
            "UPDATE documents SET increment_bytes = increment_bytes + ?2, heads = ?3 WHERE doc_id = ?1
             RETURNING snapshot_bytes, increment_bytes",
        )?
        .query_row(params![doc.id(), bytes.len() as i64, heads], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if increment_bytes > snapshot_bytes.max(COMPACT_MIN_BYTES) {
        compact(conn, doc)?;
        return Ok(Appended::Compacted);
    }
    Ok(Appended::Increment(increment))
}

/// Folds the increments into a new snapshot. Increments waiting for the server are gone with them:
/// the document's outbox entry falls back to computing its changes from the acknowledged heads.
fn compact(conn: &Connection, doc: &mut Document) -> Result<()> {
    let snapshot = doc.save();
    conn.prepare_cached(
        "UPDATE documents SET snapshot = ?2, snapshot_bytes = ?3, increment_bytes = 0 WHERE doc_id = ?1",
    )?
    .execute(params![doc.id(), snapshot, snapshot.len() as i64])?;
    conn.prepare_cached("DELETE FROM doc_increments WHERE doc_id = ?1")?.execute([doc.id()])?;
    conn.prepare_cached("UPDATE outbox SET first_increment = NULL WHERE doc_id = ?1")?.execute([doc.id()])?;
    Ok(())
}

/// A document's heads in a stable order: what the `heads` and `acked_heads` columns hold.
pub(super) fn sorted_heads(doc: &mut Document) -> Vec<automerge::ChangeHash> {
    let mut heads = doc.heads();
    heads.sort();
    heads
}
