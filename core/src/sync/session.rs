//! The device's side of one sync, as a state machine with no I/O: it turns what the store has to
//! send into requests, and responses into acknowledgements and bounded batches to apply. The
//! transport (or a test) moves the bytes and calls the store.

use std::collections::{HashMap, HashSet};

use automerge::ChangeHash;

use super::wire::{IncomingDoc, SyncRequest, SyncResponse, UploadDoc};
use crate::store::{ApplyReport, OutgoingDoc};

/// How much one round trip and one local transaction may carry.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Documents asked from the outbox per request (the store holds its write lock meanwhile).
    pub docs_per_request: usize,
    /// Upload bytes per request (a single larger document still goes, alone).
    pub request_bytes: usize,
    /// Download bytes per response the device asks for.
    pub page_bytes: u64,
    /// Incoming documents applied per local transaction: what a local write may wait behind
    /// (their writes, about a quarter of a second for 1,024 new documents of a first sync here;
    /// they are read and checked before, outside the lock). Each commit writes every page its
    /// rows touched to the log, and rows with random keys touch pages all over the indexes: a
    /// first sync of 100k reports ran at 9,400 reports/s with 256 documents and 1 MiB per
    /// transaction, 11,700–12,300 with 1,024 and 4 MiB, a whole page (`tournee-bench --pull-only`, now
    /// `--seeded-only`).
    pub apply_docs: usize,
    pub apply_bytes: usize,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            docs_per_request: 100,
            request_bytes: 4 << 20,
            page_bytes: 4 << 20,
            apply_docs: 1024,
            apply_bytes: 4 << 20,
        }
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncReport {
    /// Documents whose changes the server acknowledged.
    pub sent: u64,
    /// Documents that changed here with what arrived.
    pub received: u64,
    /// Conflicts that appeared with what arrived.
    pub conflicts: u64,
    /// Received documents set aside because they could not be applied (`Store::quarantined`).
    pub quarantined: u64,
    /// Outbox entries still waiting (changes made during the sync, or left by a stop).
    pub still_pending: u64,
    pub round_trips: u32,
    /// Bodies only, both ways, as on the wire (compressed when the server compressed them).
    pub bytes_sent: u64,
    pub bytes_received: u64,
}

/// What to do with one response, in this order: acknowledge, apply each batch, save the cursor.
#[derive(Debug, Default)]
pub struct Received {
    pub acks: Vec<(String, Vec<ChangeHash>)>,
    pub batches: Vec<Vec<IncomingDoc>>,
    pub cursor: Vec<u8>,
}

/// One sync in progress.
#[derive(Debug)]
pub struct Session {
    options: SyncOptions,
    cursor: Vec<u8>,
    /// The server may have more for us (true until a response says otherwise).
    more: bool,
    /// Heads acknowledged during this session: a document still at them is not sent again.
    acked: HashMap<String, Vec<ChangeHash>>,
    in_flight: Vec<(String, Vec<ChangeHash>)>,
    /// Documents of a refused request, each sent alone to find the one the server refuses.
    alone: HashSet<String>,
    /// Documents the server refused, sent alone: kept in the outbox for a later sync, not sent
    /// again in this one, so they do not hold the others up.
    set_aside: HashSet<String>,
    report: SyncReport,
}

impl Session {
    /// Starts from the cursor saved after the last sync (empty for a first sync).
    pub fn new(cursor: Vec<u8>, options: SyncOptions) -> Self {
        Session {
            options,
            cursor,
            more: true,
            acked: HashMap::new(),
            in_flight: Vec::new(),
            alone: HashSet::new(),
            set_aside: HashSet::new(),
            report: SyncReport::default(),
        }
    }

    pub fn options(&self) -> &SyncOptions {
        &self.options
    }

    /// The next request given what the outbox holds now, or `None` when the sync is complete:
    /// nothing new to send and nothing more to receive.
    pub fn next_request(&mut self, outgoing: Vec<OutgoingDoc>) -> Option<SyncRequest> {
        let mut docs = Vec::new();
        let mut bytes = 0;
        self.in_flight.clear();
        for doc in outgoing {
            if self.acked.get(&doc.doc_id) == Some(&doc.heads) || self.set_aside.contains(&doc.doc_id) {
                continue;
            }
            let alone = self.alone.contains(&doc.doc_id);
            if !docs.is_empty() && (alone || bytes + doc.changes.len() > self.options.request_bytes) {
                break;
            }
            bytes += doc.changes.len();
            self.in_flight.push((doc.doc_id.clone(), doc.heads));
            docs.push(UploadDoc { doc_id: doc.doc_id, kind: doc.kind, changes: doc.changes });
            if alone {
                break;
            }
        }
        if docs.is_empty() && !self.more {
            return None;
        }
        let request =
            SyncRequest { cursor: self.cursor.clone(), max_page_bytes: self.options.page_bytes, docs };
        Some(request)
    }

    /// Records that `request_bytes` went out and `response` came back in `response_bytes`.
    pub fn on_response(
        &mut self,
        response: SyncResponse,
        request_bytes: usize,
        response_bytes: usize,
    ) -> Received {
        self.report.round_trips += 1;
        self.report.bytes_sent += request_bytes as u64;
        self.report.bytes_received += response_bytes as u64;
        self.report.sent += self.in_flight.len() as u64;
        let acks = std::mem::take(&mut self.in_flight);
        for (doc_id, heads) in &acks {
            self.acked.insert(doc_id.clone(), heads.clone());
        }
        self.more = response.more;
        self.cursor = response.cursor.clone();
        let mut batches = Vec::new();
        let mut batch: Vec<IncomingDoc> = Vec::new();
        let mut batch_bytes = 0;
        for doc in response.docs {
            if !batch.is_empty()
                && (batch.len() >= self.options.apply_docs
                    || batch_bytes + doc.bytes.len() > self.options.apply_bytes)
            {
                batches.push(std::mem::take(&mut batch));
                batch_bytes = 0;
            }
            batch_bytes += doc.bytes.len();
            batch.push(doc);
        }
        if !batch.is_empty() {
            batches.push(batch);
        }
        Received { acks, batches, cursor: response.cursor }
    }

    /// The request to send while `received` is applied, so the server prepares the next page
    /// meanwhile: only when the server has more and the last request uploaded nothing. It carries
    /// nothing either (what the device saves meanwhile goes up once the pages are read).
    pub fn prefetch(&mut self, received: &Received) -> Option<SyncRequest> {
        match self.more && received.acks.is_empty() {
            true => self.next_request(Vec::new()),
            false => None,
        }
    }

    /// The server refused the last request for what it carried (403, 422): `false` when the
    /// refusal is not narrowed down further. A request of several documents is sent again one
    /// document at a time; a document refused alone is set aside, the others go on.
    pub fn on_refused(&mut self) -> bool {
        let refused = std::mem::take(&mut self.in_flight);
        match refused.as_slice() {
            [] => false,
            [(doc_id, _)] => {
                self.set_aside.insert(doc_id.clone());
                true
            }
            several => {
                self.alone.extend(several.iter().map(|(doc_id, _)| doc_id.clone()));
                true
            }
        }
    }

    /// How many documents were set aside: the outbox is read past them.
    pub fn set_aside(&self) -> usize {
        self.set_aside.len()
    }

    /// Records one applied batch.
    pub fn on_applied(&mut self, applied: ApplyReport) {
        self.report.received += applied.docs as u64;
        self.report.conflicts += applied.new_conflicts as u64;
        self.report.quarantined += applied.quarantined as u64;
    }

    /// Documents that changed here with what arrived, so far.
    pub fn received(&self) -> u64 {
        self.report.received
    }

    pub fn finish(mut self, still_pending: u64) -> SyncReport {
        self.report.still_pending = still_pending;
        self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::DocKind;

    fn outgoing(id: &str, len: usize, head: u8) -> OutgoingDoc {
        OutgoingDoc {
            doc_id: id.into(),
            kind: DocKind::Account,
            changes: vec![0; len],
            heads: vec![ChangeHash([head; 32])],
        }
    }

    fn response(more: bool, docs: &[(&str, usize)]) -> SyncResponse {
        SyncResponse {
            accepted: 0,
            cursor: vec![docs.len() as u8],
            more,
            docs: docs
                .iter()
                .map(|(id, len)| IncomingDoc { doc_id: (*id).into(), bytes: vec![1; *len], rows: None })
                .collect(),
        }
    }

    #[test]
    fn an_idle_sync_is_one_request_with_the_cursor() {
        let mut s = Session::new(vec![7], SyncOptions::default());
        let req = s.next_request(vec![]).expect("a first request even with nothing to send");
        assert_eq!(req.cursor, vec![7]);
        assert!(req.docs.is_empty());
        let received = s.on_response(response(false, &[]), 10, 10);
        assert!(received.batches.is_empty() && received.acks.is_empty());
        assert!(s.next_request(vec![]).is_none());
        let report = s.finish(0);
        assert_eq!((report.round_trips, report.sent, report.bytes_sent), (1, 0, 10));
    }

    #[test]
    fn uploads_split_by_bytes_and_acknowledged_docs_are_not_resent() {
        let options = SyncOptions { request_bytes: 100, ..SyncOptions::default() };
        let mut s = Session::new(vec![], options);
        let req =
            s.next_request(vec![outgoing("a", 60, 1), outgoing("b", 60, 1), outgoing("c", 10, 1)]).unwrap();
        assert_eq!(req.docs.len(), 1, "b would pass the byte budget");
        let received = s.on_response(response(false, &[]), 0, 0);
        assert_eq!(received.acks, vec![("a".to_string(), vec![ChangeHash([1; 32])])]);
        // The store kept `a` (say, acknowledged too late): it is skipped; `b` goes.
        let req = s.next_request(vec![outgoing("a", 60, 1), outgoing("b", 60, 1)]).unwrap();
        assert_eq!(req.docs.iter().map(|d| d.doc_id.as_str()).collect::<Vec<_>>(), ["b"]);
        s.on_response(response(false, &[]), 0, 0);
        // `a` changed again locally: new heads, sent again.
        let req = s.next_request(vec![outgoing("a", 5, 2)]).unwrap();
        assert_eq!(req.docs.len(), 1);
        s.on_response(response(false, &[]), 0, 0);
        assert!(s.next_request(vec![outgoing("a", 5, 2)]).is_none());
        assert_eq!(s.finish(1).sent, 3);
    }

    #[test]
    fn a_refused_request_is_narrowed_to_the_document_refused_and_the_others_go() {
        let mut s = Session::new(vec![], SyncOptions::default());
        let docs = || vec![outgoing("a", 5, 1), outgoing("b", 5, 1), outgoing("c", 5, 1)];
        assert_eq!(s.next_request(docs()).unwrap().docs.len(), 3);
        assert!(s.on_refused(), "three documents: each is tried alone");
        let first = s.next_request(docs()).unwrap();
        assert_eq!(first.docs.iter().map(|d| d.doc_id.as_str()).collect::<Vec<_>>(), ["a"]);
        s.on_response(response(true, &[]), 0, 0);
        let second = s.next_request(docs()).unwrap();
        assert_eq!(second.docs.iter().map(|d| d.doc_id.as_str()).collect::<Vec<_>>(), ["b"]);
        assert!(s.on_refused(), "b alone is set aside");
        assert_eq!(s.set_aside(), 1);
        let third = s.next_request(docs()).unwrap();
        assert_eq!(third.docs.iter().map(|d| d.doc_id.as_str()).collect::<Vec<_>>(), ["c"]);
        s.on_response(response(false, &[]), 0, 0);
        assert!(s.next_request(docs()).is_none(), "b waits for a later sync");
        assert!(!s.on_refused(), "an idle request refused is not narrowed");
    }

    #[test]
    fn the_next_page_is_asked_for_early_only_when_nothing_goes_up() {
        let mut s = Session::new(vec![], SyncOptions::default());
        // An upload with the first page: its acknowledgement comes first, nothing is asked early.
        s.next_request(vec![outgoing("a", 10, 1)]).unwrap();
        let received = s.on_response(response(true, &[("x", 5)]), 0, 0);
        assert!(s.prefetch(&received).is_none());
        // A pull: the next page is asked for with the new cursor and nothing in it.
        s.next_request(vec![]).unwrap();
        let received = s.on_response(response(true, &[("y", 5), ("z", 5)]), 0, 0);
        let early = s.prefetch(&received).unwrap();
        assert_eq!((early.cursor, early.docs.len()), (vec![2], 0));
        // The last page: nothing more to ask.
        let received = s.on_response(response(false, &[("w", 5)]), 0, 0);
        assert!(s.prefetch(&received).is_none());
    }

    #[test]
    fn a_large_doc_goes_alone_and_pages_continue_while_the_server_has_more() {
        let options =
            SyncOptions { request_bytes: 10, apply_docs: 2, apply_bytes: 50, ..SyncOptions::default() };
        let mut s = Session::new(vec![], options);
        let req = s.next_request(vec![outgoing("big", 500, 1)]).unwrap();
        assert_eq!(req.docs.len(), 1);
        let received = s.on_response(response(true, &[("x", 10), ("y", 10), ("z", 10), ("w", 45)]), 0, 0);
        let sizes: Vec<usize> = received.batches.iter().map(Vec::len).collect();
        assert_eq!(sizes, [2, 1, 1], "two docs per batch, and w would pass 50 bytes");
        assert_eq!(received.cursor, vec![4]);
        let req = s.next_request(vec![]).expect("the server said more");
        assert_eq!(req.cursor, vec![4]);
        s.on_response(response(false, &[]), 0, 0);
        s.on_applied(ApplyReport {
            docs: 3,
            new_conflicts: 1,
            quarantined: 0,
            changed: vec![],
            accounts_rewritten: false,
        });
        assert!(s.next_request(vec![]).is_none());
        let report = s.finish(0);
        assert_eq!((report.received, report.conflicts, report.round_trips), (3, 1, 2));
    }
}
