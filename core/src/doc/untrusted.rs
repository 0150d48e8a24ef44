//! Automerge bytes from another machine (an upload on the server, a sync response on a device),
//! checked before automerge parses them.
//!
//! automerge 0.12 trusts its input more than a network peer deserves: `load_incremental` silently
//! ignores bytes after the last chunk it can parse, and it inflates DEFLATE-compressed columns and
//! chunks with no bound, so a 2 MB upload can ask for gigabytes. This walk reads only the container
//! (chunk headers, the column tables of document and change chunks) and inflates compressed data
//! into a counting sink, so it never holds more than a small buffer whatever the input claims.
//! Everything inside the columns is left to automerge, whose panics [`super::Document`] contains.

use std::io::Read;

use sha2::{Digest, Sha256};

const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
const DOCUMENT: u8 = 0;
const CHANGE: u8 = 1;
const COMPRESSED_CHANGE: u8 = 2;
/// Bit of a column specification saying its data is DEFLATE-compressed.
const DEFLATE_BIT: u64 = 0b1000;

/// The most bytes compressed data in one set of bytes may inflate to. Documents here are small:
/// an account with 3,000 visit reports and their notes saves to 137 KB whose compressed columns
/// inflate to 1.4 MB (10 times), so 16 MiB holds about 35,000 reports in one account, while a bomb
/// is refused after a few milliseconds of inflating into a counting sink.
pub const MAX_INFLATED_BYTES: u64 = 16 << 20;

/// Why untrusted bytes were refused, in words safe to show and to log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UntrustedError {
    #[error("the data is empty")]
    Empty,
    #[error("the data does not start with an automerge chunk")]
    NotAutomerge,
    #[error("{0} bytes after the last complete chunk")]
    Trailing(usize),
    #[error("chunk {chunk}: {reason}")]
    Malformed { chunk: usize, reason: &'static str },
    #[error("chunk {chunk}: compressed data inflates to more than {limit} bytes")]
    TooLarge { chunk: usize, limit: u64 },
}

/// Checks that `bytes` are whole automerge chunks (saved documents or changes) with valid checksums,
/// nothing after them, and compressed data that inflates to at most `max_inflated` bytes in all.
/// Returns the number of chunks.
pub fn check(bytes: &[u8], max_inflated: u64) -> Result<usize, UntrustedError> {
    check_chunks(bytes, max_inflated).map(|chunks| chunks.len())
}

/// One chunk of checked bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedChunk {
    /// Where the chunk lies in the bytes, header included.
    pub range: std::ops::Range<usize>,
    /// For a change, its hash: what automerge names it by (the SHA-256 its checksum is taken from).
    /// `None` for a saved document.
    pub change: Option<automerge::ChangeHash>,
}

/// Like [`check`], returning each chunk: where it lies and, for a change, its hash.
pub fn check_chunks(bytes: &[u8], max_inflated: u64) -> Result<Vec<CheckedChunk>, UntrustedError> {
    if bytes.is_empty() {
        return Err(UntrustedError::Empty);
    }
    let mut budget = Budget { left: max_inflated, limit: max_inflated };
    let mut rest = bytes;
    let mut chunks = Vec::new();
    while !rest.is_empty() {
        let chunk = chunks.len();
        let Some(Chunk { kind, checksum, body, after }) = split_chunk(rest) else {
            return Err(match chunk {
                0 => UntrustedError::NotAutomerge,
                _ => UntrustedError::Trailing(rest.len()),
            });
        };
        let bad = |reason| UntrustedError::Malformed { chunk, reason };
        let hash = match kind {
            DOCUMENT | CHANGE => {
                let hash = chunk_hash(kind, body);
                if hash[..4] != checksum {
                    return Err(bad("the checksum does not match"));
                }
                if kind == DOCUMENT {
                    document_columns(body, &mut budget).map_err(|e| e.at(chunk))?;
                } else {
                    change_columns(body).map_err(|e| e.at(chunk))?;
                }
                hash
            }
            COMPRESSED_CHANGE => {
                let inflated = inflate(body, &mut budget, true).map_err(|e| e.at(chunk))?;
                let hash = chunk_hash(CHANGE, &inflated);
                if hash[..4] != checksum {
                    return Err(bad("the checksum does not match"));
                }
                change_columns(&inflated).map_err(|e| e.at(chunk))?;
                hash
            }
            _ => return Err(bad("unknown chunk type")),
        };
        let start = bytes.len() - rest.len();
        let change = (kind != DOCUMENT).then_some(automerge::ChangeHash(hash));
        chunks.push(CheckedChunk { range: start..bytes.len() - after.len(), change });
        rest = after;
    }
    Ok(chunks)
}

/// One chunk's parts, and the bytes after it.
struct Chunk<'a> {
    kind: u8,
    checksum: [u8; 4],
    body: &'a [u8],
    after: &'a [u8],
}

/// The chunk at the start of `bytes`; `None` unless a whole chunk is there.
fn split_chunk(bytes: &[u8]) -> Option<Chunk<'_>> {
    let rest = bytes.strip_prefix(&MAGIC)?;
    let (checksum, rest) = rest.split_first_chunk::<4>()?;
    let (&kind, rest) = rest.split_first()?;
    let mut r = Cursor { rest };
    let len = usize::try_from(r.uleb().ok()?).ok()?;
    (len <= r.rest.len()).then(|| Chunk {
        kind,
        checksum: *checksum,
        body: &r.rest[..len],
        after: &r.rest[len..],
    })
}

/// SHA-256 over the type, the LEB128 length and the body: a change's hash, whose first four bytes
/// are the chunk's checksum.
fn chunk_hash(kind: u8, body: &[u8]) -> [u8; 32] {
    let mut header = vec![kind];
    let mut len = body.len() as u64;
    loop {
        let byte = (len & 0x7f) as u8;
        len >>= 7;
        header.push(if len == 0 { byte } else { byte | 0x80 });
        if len == 0 {
            break;
        }
    }
    Sha256::new().chain_update(&header).chain_update(body).finalize().into()
}

/// A refusal found inside one chunk, before the chunk's index is known.
enum Inner {
    Malformed(&'static str),
    TooLarge(u64),
}

impl Inner {
    fn at(self, chunk: usize) -> UntrustedError {
        match self {
            Inner::Malformed(reason) => UntrustedError::Malformed { chunk, reason },
            Inner::TooLarge(limit) => UntrustedError::TooLarge { chunk, limit },
        }
    }
}

const TRUNCATED: Inner = Inner::Malformed("a field runs past the end of the chunk");

/// Reads LEB128 numbers and length-prefixed fields without trusting any length.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn uleb(&mut self) -> Result<u64, Inner> {
        let mut value = 0u64;
        for (i, &byte) in self.rest.iter().enumerate().take(10) {
            let bits = u64::from(byte & 0x7f);
            if i == 9 && bits > 1 {
                break;
            }
            value |= bits << (7 * i);
            if byte & 0x80 == 0 {
                self.rest = &self.rest[i + 1..];
                return Ok(value);
            }
        }
        Err(Inner::Malformed("a number is malformed or too large"))
    }

    fn take(&mut self, len: u64) -> Result<&'a [u8], Inner> {
        let len = usize::try_from(len).map_err(|_| TRUNCATED)?;
        if len > self.rest.len() {
            return Err(TRUNCATED);
        }
        let (taken, rest) = self.rest.split_at(len);
        self.rest = rest;
        Ok(taken)
    }

    fn prefixed(&mut self) -> Result<&'a [u8], Inner> {
        let len = self.uleb()?;
        self.take(len)
    }

    /// Skips `count` items of `size` bytes each; the count is checked against the bytes there.
    fn skip_fixed(&mut self, size: u64) -> Result<(), Inner> {
        let count = self.uleb()?;
        self.take(count.checked_mul(size).ok_or(TRUNCATED)?).map(drop)
    }

    fn skip_prefixed_list(&mut self) -> Result<(), Inner> {
        let count = self.uleb()?;
        for _ in 0..count {
            self.prefixed()?; // each item is at least one byte: the loop ends with the data
        }
        Ok(())
    }

    /// A column table: `count × (specification, length)`.
    fn columns(&mut self) -> Result<Vec<(u64, u64)>, Inner> {
        let count = self.uleb()?;
        // Each entry takes at least two bytes: never reserve more than the bytes could hold.
        let mut columns = Vec::with_capacity(usize::try_from(count).unwrap_or(0).min(self.rest.len() / 2));
        for _ in 0..count {
            columns.push((self.uleb()?, self.uleb()?));
        }
        Ok(columns)
    }
}

/// How many inflated bytes are left for the rest of the data.
struct Budget {
    left: u64,
    limit: u64,
}

/// Inflates `data`, counting against the budget; keeps the output only when asked.
fn inflate(data: &[u8], budget: &mut Budget, keep: bool) -> Result<Vec<u8>, Inner> {
    let mut decoder = flate2::read::DeflateDecoder::new(data).take(budget.left + 1);
    let mut kept = Vec::new();
    let read = if keep {
        decoder.read_to_end(&mut kept).map_err(|_| Inner::Malformed("compressed data is corrupt"))? as u64
    } else {
        std::io::copy(&mut decoder, &mut std::io::sink())
            .map_err(|_| Inner::Malformed("compressed data is corrupt"))?
    };
    if read > budget.left {
        return Err(Inner::TooLarge(budget.limit));
    }
    budget.left -= read;
    Ok(kept)
}

/// The data of each column in a table, in order; the table's lengths must fit in `r`.
fn column_data<'a>(r: &mut Cursor<'a>, columns: &[(u64, u64)]) -> Result<Vec<(u64, &'a [u8])>, Inner> {
    columns.iter().map(|&(spec, len)| Ok((spec, r.take(len)?))).collect()
}

/// A document chunk: actors, heads, the change and op column tables, then their data.
fn document_columns(body: &[u8], budget: &mut Budget) -> Result<(), Inner> {
    let mut r = Cursor { rest: body };
    r.skip_prefixed_list()?; // actors
    r.skip_fixed(32)?; // heads
    let change_columns = r.columns()?;
    let op_columns = r.columns()?;
    let changes = column_data(&mut r, &change_columns)?;
    let ops = column_data(&mut r, &op_columns)?;
    for (spec, data) in changes.into_iter().chain(ops) {
        if spec & DEFLATE_BIT != 0 {
            inflate(data, budget, false)?;
        }
    }
    Ok(())
}

/// A change chunk: its header fields, then the op column table and data (never compressed).
fn change_columns(body: &[u8]) -> Result<(), Inner> {
    let mut r = Cursor { rest: body };
    r.skip_fixed(32)?; // dependencies
    r.prefixed()?; // actor
    r.uleb()?; // sequence number
    r.uleb()?; // first op counter
    r.uleb()?; // timestamp (signed LEB128 has the same byte structure)
    r.prefixed()?; // message
    r.skip_prefixed_list()?; // other actors
    let columns = r.columns()?;
    if columns.iter().any(|(spec, _)| spec & DEFLATE_BIT != 0) {
        return Err(Inner::Malformed("a change has compressed columns"));
    }
    column_data(&mut r, &columns)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::{transaction::Transactable, AutoCommit, ROOT};

    fn saved_document(text_len: usize) -> Vec<u8> {
        let mut doc = AutoCommit::new();
        doc.put(ROOT, "notes", "x".repeat(text_len)).unwrap();
        doc.commit();
        doc.put(ROOT, "kind", "account").unwrap();
        doc.save()
    }

    fn changes() -> Vec<u8> {
        let mut doc = AutoCommit::new();
        doc.put(ROOT, "a", 1).unwrap();
        doc.commit();
        doc.put(ROOT, "b", 2).unwrap();
        doc.commit();
        doc.save_after(&[])
    }

    #[test]
    fn what_automerge_writes_passes() {
        assert_eq!(check(&saved_document(10), MAX_INFLATED_BYTES), Ok(1));
        assert_eq!(check(&saved_document(100_000), MAX_INFLATED_BYTES), Ok(1));
        assert_eq!(check(&changes(), MAX_INFLATED_BYTES), Ok(2));
        let both = [saved_document(10), changes()].concat();
        assert_eq!(check(&both, MAX_INFLATED_BYTES), Ok(3));
    }

    #[test]
    fn each_change_is_named_by_the_hash_automerge_gives_it() {
        let mut doc = AutoCommit::new();
        doc.put(ROOT, "a", 1).unwrap();
        doc.commit();
        doc.put(ROOT, "notes", "y".repeat(2_000)).unwrap(); // large: compressed by `bytes()`
        doc.commit();
        let changes = doc.get_changes(&[]);
        let hashes: Vec<_> = changes.iter().map(|c| c.hash()).collect();
        let saved = doc.save();
        let mut compressed = changes[1].clone();
        let bytes = [saved.clone(), changes[0].raw_bytes().to_vec(), compressed.bytes().to_vec()].concat();
        assert_eq!(bytes[saved.len() + changes[0].raw_bytes().len() + 8], COMPRESSED_CHANGE);
        let chunks = check_chunks(&bytes, MAX_INFLATED_BYTES).unwrap();
        let found: Vec<_> = chunks.iter().map(|c| c.change).collect();
        assert_eq!(found, [None, Some(hashes[0]), Some(hashes[1])]);
        assert_eq!(chunks[0].range, 0..saved.len());
        assert_eq!(chunks[2].range.end, bytes.len());
        assert_eq!(&bytes[chunks[1].range.clone()], changes[0].raw_bytes());
    }

    #[test]
    fn bytes_after_the_last_chunk_are_refused() {
        let mut bytes = saved_document(10);
        bytes.extend_from_slice(b"abc");
        assert_eq!(check(&bytes, MAX_INFLATED_BYTES), Err(UntrustedError::Trailing(3)));
        // A truncated last chunk is trailing bytes too.
        let mut two = changes();
        two.truncate(two.len() - 1);
        assert!(matches!(check(&two, MAX_INFLATED_BYTES), Err(UntrustedError::Trailing(_))));
        assert_eq!(check(b"hello", MAX_INFLATED_BYTES), Err(UntrustedError::NotAutomerge));
        assert_eq!(check(b"", MAX_INFLATED_BYTES), Err(UntrustedError::Empty));
    }

    #[test]
    fn a_flipped_byte_fails_the_checksum() {
        let mut bytes = changes();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(matches!(check(&bytes, MAX_INFLATED_BYTES), Err(UntrustedError::Malformed { .. })));
    }

    #[test]
    fn compressed_columns_count_against_the_limit() {
        let big = saved_document(200_000);
        assert_eq!(check(&big, 1 << 20), Ok(1));
        assert!(matches!(check(&big, 10_000), Err(UntrustedError::TooLarge { chunk: 0, limit: 10_000 })));
    }
}
