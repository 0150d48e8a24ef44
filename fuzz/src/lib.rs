//! What each fuzz target does with its bytes, in one place: the cargo-fuzz targets in
//! `fuzz_targets/` call these, and `tests/corpora.rs` replays the kept corpora through them in the
//! README's test command. A target fails by panicking: on the way in (what the code under test must
//! never do with untrusted bytes) or in an assertion that what was accepted reads back the same.

use std::sync::OnceLock;

use tournee_core::dataio::{accounts, table};
use tournee_core::doc::{untrusted, Document, Projection};
use tournee_core::i18n::{format_amount, Lang};
use tournee_core::model::{BadgeCard, Field};
use tournee_core::sync::api::{EnrollRequest, NewEnrollmentCode, NewTeam, NewUser, RevokeDevice};
use tournee_core::sync::wire::{RequestLimits, SyncRequest, SyncResponse};
use tournee_core::sync::EnrollmentLink;
use tournee_sync_server::storage::Cursor;

/// The body of `POST /v1/sync` as the server decodes it, and a response as a device decodes it,
/// with the projected rows its documents carry: whatever decodes encodes back to the same value.
pub fn sync_body(data: &[u8]) {
    let limits = RequestLimits { max_docs: 100, max_doc_bytes: 1 << 20 };
    if let Ok(request) = SyncRequest::decode_within(data, limits) {
        assert_eq!(SyncRequest::decode(&request.encode()).as_ref(), Ok(&request));
    }
    if let Ok(response) = SyncResponse::decode(data) {
        assert_eq!(SyncResponse::decode(&response.encode()).as_ref(), Ok(&response));
        for doc in &response.docs {
            if let Some(Ok(projection)) = doc.rows.as_ref().map(|rows| Projection::decode(&doc.doc_id, rows))
            {
                let encoded = projection.clone().encode().expect("decoded rows encode");
                assert_eq!(Projection::decode(&doc.doc_id, &encoded).ok(), Some(projection));
            }
        }
    }
}

/// The opaque cursor a device sends back: whatever decodes encodes back to the same cursor, in its
/// history (a version 1 cursor, with none, is written again in the server's).
pub fn cursor(data: &[u8]) {
    if let Ok((cursor, history)) = Cursor::decode(data) {
        let history = history.unwrap_or([7; 16]);
        let expected = if cursor == Cursor::Start { (cursor, None) } else { (cursor, Some(history)) };
        assert_eq!(Cursor::decode(&cursor.encode(&history)), Ok(expected));
    }
}

/// An uploaded document as the server takes it: checked as untrusted bytes, loaded as a new
/// document, and applied to a document it already holds. Each input is tried as it came and with
/// its chunks' checksums made right, so mutations reach automerge's parsing instead of stopping
/// at the checksum.
pub fn uploaded_document(data: &[u8]) {
    static BASE: OnceLock<Vec<u8>> = OnceLock::new();
    let base = BASE.get_or_init(tournee_testkit::malformed::base_document);
    let mut fixed = data.to_vec();
    tournee_testkit::malformed::fix_checksums(&mut fixed);
    for bytes in [data, fixed.as_slice()] {
        let _ = untrusted::check_chunks(bytes, 16 << 20);
        if let Ok(mut doc) = Document::load_untrusted("fuzzed", bytes) {
            let _ = doc.kind();
            let _ = doc.heads();
        }
        if let Ok(mut held) = Document::load("base", &[base.as_slice()]) {
            let _ = held.apply_upload(bytes);
        }
    }
}

/// The JSON bodies of enrollment and the admin endpoints.
pub fn api_json(data: &[u8]) {
    let _ = serde_json::from_slice::<EnrollRequest>(data);
    let _ = serde_json::from_slice::<NewTeam>(data);
    let _ = serde_json::from_slice::<NewUser>(data);
    let _ = serde_json::from_slice::<NewEnrollmentCode>(data);
    let _ = serde_json::from_slice::<RevokeDevice>(data);
}

/// Text a person types or a camera reads: amounts in both languages (an accepted amount reads back
/// from its own formatting), days, badge QR codes and enrollment links.
pub fn typed_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for lang in [Lang::Fr, Lang::En] {
        if let Ok(cents) = tournee_core::i18n::parse_amount(Field::OrderAmountCents, text, lang) {
            let shown = format_amount(cents, lang);
            let back = tournee_core::i18n::parse_amount(Field::OrderAmountCents, &shown, lang);
            assert_eq!(back, Ok(cents), "{text:?} read as {cents}, shown as {shown:?}");
        }
    }
    let _ = accounts::parse_day(text);
    let _ = BadgeCard::parse(text);
    let _ = EnrollmentLink::parse(text);
}

/// A client file as a spreadsheet saved it, read into rows and each row into an account.
pub fn csv_file(data: &[u8]) {
    let Ok(file) = table::read(data) else { return };
    let Ok(columns) = accounts::columns(&file.headers, &[]) else { return };
    let ctx = accounts::RowContext {
        default_owner: "manager1".into(),
        team: Vec::new(),
        default_kind: tournee_core::model::AccountKind::Client,
        numbers: if file.delimiter == ';' { Lang::Fr } else { Lang::En },
        lang: Lang::Fr,
    };
    for row in &file.rows {
        let _ = accounts::draft(row, &columns, &ctx);
    }
}
