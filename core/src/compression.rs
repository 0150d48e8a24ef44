//! zstd, the one compression the core writes: sync answers (`sync::wire`) and the documents a
//! device stores (`store::persist`). Contexts are kept from one use to the next.

use std::io::Read;
use std::sync::Mutex;

/// zstd's fastest positive level: the 500-devices-at-once bench spends about 10 % less CPU than at
/// the default level 3, for 220 rather than 204 bytes per report on a first pull.
const LEVEL: i32 = 1;
/// How every zstd frame starts (RFC 8878).
const MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// Why bytes did not inflate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inflate {
    /// Not zstd, cut short, or more than the frame declared.
    Malformed,
    /// They would pass the limit.
    TooLarge,
}

/// zstd's default level, for the pages of a first sync that carry projected rows: each
/// document's rows repeat much of its bytes (names, notes), which level 3's deeper search finds
/// and level 1's misses.
const DENSE_LEVEL: i32 = 3;

/// `bytes` as one zstd frame that declares its size.
pub fn compress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    COMPRESSORS.with(|| zstd::bulk::Compressor::new(LEVEL), |c| c.compress(bytes))?
}

/// [`compress`] at [`DENSE_LEVEL`]: fewer bytes for more CPU.
pub fn compress_dense(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    DENSE_COMPRESSORS.with(|| zstd::bulk::Compressor::new(DENSE_LEVEL), |c| c.compress(bytes))?
}

/// The size a zstd frame declares it inflates to.
pub fn declared_size(bytes: &[u8]) -> Option<u64> {
    zstd::zstd_safe::get_frame_content_size(bytes).ok().flatten()
}

/// Whether `bytes` start as a zstd frame does (automerge's own start differently).
pub fn is_compressed(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Inflates zstd `bytes`, refusing what would pass `limit` bytes before it fills memory.
pub fn decompress(bytes: &[u8], limit: u64) -> Result<Vec<u8>, Inflate> {
    match zstd::zstd_safe::get_frame_content_size(bytes) {
        Ok(Some(size)) if size > limit => return Err(Inflate::TooLarge),
        // The frame declares its size, as [`compress`] writes it: one call, into that much room,
        // which fails if the frame holds more.
        Ok(Some(size)) => {
            let inflated =
                DECOMPRESSORS.with(zstd::bulk::Decompressor::new, |d| d.decompress(bytes, size as usize));
            return inflated.ok().and_then(Result::ok).ok_or(Inflate::Malformed);
        }
        Ok(None) => {} // streamed without its size: read in steps, below
        Err(_) => return Err(Inflate::Malformed),
    }
    let decoder = zstd::stream::read::Decoder::with_buffer(bytes).map_err(|_| Inflate::Malformed)?;
    let mut inflated = Vec::new();
    decoder.take(limit.saturating_add(1)).read_to_end(&mut inflated).map_err(|_| Inflate::Malformed)?;
    match inflated.len() as u64 > limit {
        true => Err(Inflate::TooLarge),
        false => Ok(inflated),
    }
}

/// zstd contexts kept from one use to the next. A context's tables are hundreds of kB: made
/// afresh each time, their allocation and first touch (page faults) cost more than compressing a
/// small body (the 500-devices-at-once bench spent 0.2 s of CPU on them).
struct Contexts<T>(Mutex<Vec<T>>);

/// Contexts kept, at most: as many bodies as are (de)compressed at once on a busy server.
const CONTEXTS_KEPT: usize = 8;

static COMPRESSORS: Contexts<zstd::bulk::Compressor<'static>> = Contexts(Mutex::new(Vec::new()));
static DENSE_COMPRESSORS: Contexts<zstd::bulk::Compressor<'static>> = Contexts(Mutex::new(Vec::new()));
static DECOMPRESSORS: Contexts<zstd::bulk::Decompressor<'static>> = Contexts(Mutex::new(Vec::new()));

impl<T> Contexts<T> {
    /// Runs `f` with a kept context, or a new one from `make` when none is free.
    fn with<R>(
        &self,
        make: impl FnOnce() -> std::io::Result<T>,
        f: impl FnOnce(&mut T) -> R,
    ) -> std::io::Result<R> {
        let kept = self.0.lock().ok().and_then(|mut kept| kept.pop());
        let mut context = match kept {
            Some(context) => context,
            None => make()?,
        };
        let out = f(&mut context);
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() < CONTEXTS_KEPT {
                kept.push(context);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_is_told_from_an_automerge_document_by_its_start() {
        let mut doc = automerge::AutoCommit::new();
        assert!(!is_compressed(&doc.save_nocompress()));
        assert!(!is_compressed(&doc.save()));
        assert!(is_compressed(&compress(&doc.save_nocompress()).unwrap()));
    }
}
