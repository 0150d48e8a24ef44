//! Malformed automerge bytes, built the same way on every run: a small account document from a
//! fixed actor at a fixed time, then mutated at recorded offsets with each chunk's checksum
//! recomputed, as an attacker would. Each case made automerge 0.12 panic when it was recorded.

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, ObjType, ReadDoc, ScalarValue, ROOT};
use sha2::{Digest, Sha256};

/// The id of the account (and of its document) in every case.
pub const ACCOUNT_ID: &str = "a1";

/// What a case mutates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The changes a second device made, applied to [`base_document`].
    Changes,
    /// The whole document saved with those changes, loaded on its own.
    Document,
}

/// The account document both targets start from, saved.
pub fn base_document() -> Vec<u8> {
    base().save()
}

/// Every change and instant of the cases: 2023-11-14.
const AT: i64 = 1_700_000_000_000;

fn commit(doc: &mut AutoCommit) {
    doc.commit_with(CommitOptions::default().with_time(AT));
}

fn base() -> AutoCommit {
    let mut doc = AutoCommit::new().with_actor(ActorId::from(&[1u8; 16][..]));
    doc.put(ROOT, "kind", "account").unwrap();
    doc.put(ROOT, "schema", 1).unwrap();
    let accounts = doc.put_object(ROOT, "accounts", ObjType::Map).unwrap();
    for collection in ["contacts", "visits", "follow_ups", "opportunities"] {
        doc.put_object(ROOT, collection, ObjType::Map).unwrap();
    }
    let account = doc.put_object(&accounts, ACCOUNT_ID, ObjType::Map).unwrap();
    doc.put(&account, "rev", ScalarValue::counter(0)).unwrap();
    doc.put(&account, "name", "Menuiserie Roux").unwrap();
    doc.put(&account, "kind", "client").unwrap();
    doc.put(&account, "owner_rep", "julie").unwrap();
    doc.put(&account, "created_at", ScalarValue::Timestamp(AT)).unwrap();
    commit(&mut doc);
    doc
}

/// The base document plus two changes from a second device (a visit, then its order amount).
fn edited() -> (AutoCommit, Vec<u8>) {
    let mut doc = base();
    let before = doc.get_heads();
    doc.set_actor(ActorId::from(&[2u8; 16][..]));
    let visits = match doc.get(ROOT, "visits").unwrap() {
        Some((_, id)) => id,
        None => unreachable!("the base has its visits map"),
    };
    let visit = doc.put_object(&visits, "v1", ObjType::Map).unwrap();
    doc.put(&visit, "rev", ScalarValue::counter(0)).unwrap();
    doc.put(&visit, "account_id", ACCOUNT_ID).unwrap();
    doc.put(&visit, "rep", "julie").unwrap();
    doc.put(&visit, "status", "done").unwrap();
    doc.put(&visit, "channel", "on_site").unwrap();
    doc.put(&visit, "started_at", ScalarValue::Timestamp(AT)).unwrap();
    for field in ["utc_offset_minutes", "duration_minutes", "order_amount_cents", "order_margin_cents"] {
        doc.put(&visit, field, 60).unwrap();
    }
    let notes = doc.put_object(&visit, "notes", ObjType::Text).unwrap();
    doc.splice_text(&notes, 0, 0, "bonjour").unwrap();
    commit(&mut doc);
    doc.put(&visit, "order_amount_cents", 125_050).unwrap();
    doc.increment(&visit, "rev", 1).unwrap();
    commit(&mut doc);
    let changes = doc.save_after(&before);
    (doc, changes)
}

/// The unmutated bytes of a target.
pub fn original(target: Target) -> Vec<u8> {
    let (mut doc, changes) = edited();
    match target {
        Target::Changes => changes,
        Target::Document => doc.save(),
    }
}

/// `target`'s bytes with each `(offset, byte)` written, and every chunk's checksum made valid again.
pub fn mutated(target: Target, edits: &[(usize, u8)]) -> Vec<u8> {
    let mut bytes = original(target);
    for &(offset, byte) in edits {
        bytes[offset] = byte;
    }
    fix_checksums(&mut bytes);
    bytes
}

fn uleb(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for (i, &b) in bytes.iter().enumerate().take(9) {
        value |= usize::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// Recomputes the checksum of every whole chunk (the first four bytes of SHA-256 over the chunk
/// type, its LEB128 length and its body).
pub fn fix_checksums(bytes: &mut [u8]) {
    let mut at = 0;
    while at + 9 < bytes.len() {
        let Some((len, n)) = uleb(&bytes[at + 9..]) else { return };
        let body = at + 9 + n;
        if body + len > bytes.len() {
            return;
        }
        let hash = Sha256::new()
            .chain_update([bytes[at + 8]])
            .chain_update(&bytes[at + 9..body])
            .chain_update(&bytes[body..body + len])
            .finalize();
        bytes[at + 4..at + 8].copy_from_slice(&hash[..4]);
        at = body + len;
    }
}

/// One input that made automerge panic.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// Where automerge 0.12 panicked (its file and line).
    pub site: &'static str,
    pub target: Target,
    /// `(offset, byte)` written over the target's bytes.
    pub edits: &'static [(usize, u8)],
}

impl Case {
    pub fn bytes(&self) -> Vec<u8> {
        mutated(self.target, self.edits)
    }
}

/// Every recorded case: where automerge 0.12 panicked (its file and line), what was mutated and how.
/// Found by mutating these inputs with a seeded random generator (seed 1, 40,000 tries).
pub const CASES: &[Case] = &[
    Case {
        site: "automerge/change_graph.rs:1007",
        target: Target::Document,
        edits: &[(154, 21), (144, 180)],
    },
    Case { site: "automerge/change_graph.rs:1673", target: Target::Document, edits: &[(263, 96), (156, 90)] },
    Case { site: "automerge/change_graph.rs:569", target: Target::Changes, edits: &[(384, 113)] },
    Case { site: "automerge/change_graph.rs:993", target: Target::Document, edits: &[(230, 117), (148, 7)] },
    Case { site: "automerge/op_set2/change.rs:282", target: Target::Document, edits: &[(177, 2)] },
    Case { site: "automerge/op_set2/change.rs:306", target: Target::Document, edits: &[(25, 2), (160, 64)] },
    Case {
        site: "automerge/op_set2/change/batch.rs:1121",
        target: Target::Changes,
        edits: &[(71, 17), (188, 61)],
    },
    Case {
        site: "automerge/op_set2/change/batch.rs:136",
        target: Target::Changes,
        edits: &[(437, 117), (116, 12)],
    },
    Case {
        site: "automerge/op_set2/change/batch.rs:146",
        target: Target::Changes,
        edits: &[(265, 2), (419, 155)],
    },
    Case { site: "automerge/op_set2/change/batch.rs:859", target: Target::Changes, edits: &[(111, 92)] },
    Case {
        site: "automerge/op_set2/change/batch.rs:920",
        target: Target::Changes,
        edits: &[(114, 128), (113, 1)],
    },
    Case {
        site: "automerge/op_set2/change/batch.rs:949",
        target: Target::Changes,
        edits: &[(89, 2), (399, 149)],
    },
    Case {
        site: "automerge/op_set2/change/collector.rs:214",
        target: Target::Document,
        edits: &[(153, 1), (59, 185)],
    },
    Case { site: "automerge/op_set2/change/collector.rs:299", target: Target::Document, edits: &[(431, 10)] },
    Case { site: "hexane/lib.rs:354", target: Target::Document, edits: &[(41, 3), (132, 129)] },
    Case { site: "hexane/lib.rs:364", target: Target::Document, edits: &[(297, 127), (148, 128)] },
    Case { site: "hexane/raw.rs:620", target: Target::Document, edits: &[(116, 99)] },
    Case { site: "hexane/raw.rs:622", target: Target::Document, edits: &[(492, 65)] },
];

/// A saved document whose one op column is `inflated_mib` MiB of zero bytes, DEFLATE-compressed:
/// about a thousandth of that on the wire. automerge 0.12 inflates it whole before looking at it.
pub fn deflate_bomb(inflated_mib: usize) -> Vec<u8> {
    let column = zeros_deflated(inflated_mib);
    let mut body = Vec::new();
    body.extend_from_slice(&[1, 16]); // one actor of 16 bytes
    body.extend_from_slice(&[1u8; 16]);
    body.push(0); // no heads
    body.push(0); // no change columns
    body.push(1); // one op column: id 1, type 0 (group), compressed
    leb(&mut body, 0x10 | 0b1000);
    leb(&mut body, column.len() as u64);
    body.extend_from_slice(&column);
    let mut chunk = vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, 0];
    leb(&mut chunk, body.len() as u64);
    chunk.extend_from_slice(&body);
    fix_checksums(&mut chunk);
    chunk
}

/// `mib` MiB of zeros as one DEFLATE stream, built in milliseconds: once the window holds only
/// zeros, every further MiB compresses to the same bytes between two sync flushes, so the stream is
/// its first MiB, that block repeated, and the final block.
fn zeros_deflated(mib: usize) -> Vec<u8> {
    use std::io::Write;
    let zeros = vec![0u8; 1 << 20];
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let flushed = |encoder: &mut flate2::write::DeflateEncoder<Vec<u8>>| {
        encoder.write_all(&zeros).and_then(|()| encoder.flush()).expect("writing to memory");
        encoder.get_ref().len()
    };
    let first = flushed(&mut encoder);
    let second = flushed(&mut encoder);
    let third = flushed(&mut encoder);
    let bytes = encoder.finish().expect("writing to memory");
    let (head, block, tail) = (&bytes[..first], &bytes[first..second], &bytes[third..]);
    assert_eq!(block, &bytes[second..third], "each further MiB of zeros compresses the same");
    let mut stream = head.to_vec();
    for _ in 1..mib.max(1) {
        stream.extend_from_slice(block);
    }
    stream.extend_from_slice(tail);
    stream
}

fn leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
