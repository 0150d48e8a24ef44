//! The binary bodies of `POST /v1/sync` (see `sync-server/PROTOCOL.md`): a compact, length-prefixed
//! encoding shared by the server and the client. Decoding never trusts a length it has not checked
//! against the bytes that are actually there.

use crate::doc::DocKind;

/// Media type of both bodies.
pub const MEDIA_TYPE: &str = "application/x-tournee-sync";
/// The shape of the documents this version reads and writes, which a device declares in its
/// `Content-Type` (`docs` parameter). 2: free text such as a visit's notes starts as a plain
/// string (`doc::codec`), which a version-1 app cannot read; the server answers such an app 426.
pub const DOCS_FORMAT: u32 = 2;
/// The `Content-Type` of both bodies: [`MEDIA_TYPE`] with [`DOCS_FORMAT`].
pub const CONTENT_TYPE: &str = "application/x-tournee-sync; docs=2";
/// The `Content-Type` of a device's request: [`CONTENT_TYPE`], reading projected rows of
/// `doc::PROJECTION_FORMAT` ([`ROWS_PARAMETER`]).
pub const REQUEST_CONTENT_TYPE: &str = "application/x-tournee-sync; docs=2; rows=1";
/// The content coding of a sync answer for a device that accepts it (`Accept-Encoding: zstd`), and
/// of a request to a server that says it reads it (the same header on its answers).
/// Documents travel uncompressed inside (`Document::export`) and zstd compresses the whole page:
/// automerge's deflate, column by column and document by document, cannot see what the documents
/// of a page share (keys, actors, values), and halves fewer bytes.
pub const CONTENT_CODING: &str = "zstd";
/// A smaller body, either way (an idle sync), goes as it is: a frame would save nothing.
pub const COMPRESS_FROM_BYTES: usize = 1024;
/// The most bytes a compressed response may inflate to (16 × a 4 MB page): an honest server's
/// page is far below, and a body that would inflate past it is refused before it fills memory.
pub const MAX_INFLATED_RESPONSE_BYTES: u64 = 64 << 20;
const MAGIC: &[u8; 4] = b"TSYN";
/// Bumped on any incompatible change of the encoding; the server answers 400 to a version it lacks.
pub const VERSION: u8 = 1;
/// The version of a response whose documents may carry their projected rows: sent only to a
/// device that declared it reads them ([`ROWS_PARAMETER`]).
pub const VERSION_WITH_ROWS: u8 = 2;
/// The `Content-Type` parameter by which a device declares the projected rows it reads
/// (`rows=1`: `doc::PROJECTION_FORMAT` 1). A server that knows nothing of it ignores it.
pub const ROWS_PARAMETER: &str = "rows";

/// What a device sends: its unacknowledged changes and how far it has read the team's changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncRequest {
    /// Opaque position in the team's change index, as last returned by the server (empty at first).
    pub cursor: Vec<u8>,
    /// The most bytes of documents the device wants in the response (the server may send fewer).
    pub max_page_bytes: u64,
    pub docs: Vec<UploadDoc>,
}

/// Changes to one document, in automerge's binary format (change chunks or a saved document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadDoc {
    pub doc_id: String,
    pub kind: DocKind,
    pub changes: Vec<u8>,
}

/// What the server answers once everything uploaded is durably stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncResponse {
    /// How many uploaded documents held changes the server did not have yet.
    pub accepted: u64,
    /// The cursor to send next time; the documents below bring the device up to it.
    pub cursor: Vec<u8>,
    /// True when more changes wait past `cursor`: ask again at once.
    pub more: bool,
    pub docs: Vec<IncomingDoc>,
}

/// Changes to one document the device may lack (automerge ignores those it already has).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingDoc {
    pub doc_id: String,
    pub bytes: Vec<u8>,
    /// On a first sync, the whole document's rows as the server read them at the heads of
    /// `bytes` (`doc::Projection`, encoded): a device that does not hold the document writes them
    /// instead of loading it. Only in a response of [`VERSION_WITH_ROWS`].
    pub rows: Option<Vec<u8>>,
}

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the body does not start with the sync magic bytes")]
    Magic,
    #[error("protocol version {0} is not supported (this side speaks {VERSION})")]
    Version(u8),
    #[error("the body is truncated")]
    Truncated,
    #[error("a number is malformed or too large")]
    Varint,
    #[error("a document id is not valid UTF-8")]
    Utf8,
    #[error("unknown document kind {0}")]
    Kind(u8),
    #[error("{0} unexpected bytes after the end of the body")]
    Trailing(usize),
    #[error("{count} documents in one request, the limit is {limit}")]
    TooManyDocs { count: u64, limit: usize },
    #[error("document {doc_id}: {bytes} bytes of changes, the limit is {limit}")]
    DocTooLarge { doc_id: String, bytes: usize, limit: usize },
    #[error("the compressed body is malformed")]
    Compression,
    #[error("the compressed body inflates past {limit} bytes")]
    Inflated { limit: u64 },
}

impl DecodeError {
    /// A body refused for its size rather than its form (HTTP 413 rather than 400).
    pub fn is_too_large(&self) -> bool {
        matches!(self, DecodeError::TooManyDocs { .. } | DecodeError::DocTooLarge { .. })
    }
}

/// What one request may carry, checked while decoding: a body of millions of tiny documents is
/// refused at its count, before anything is allocated for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLimits {
    pub max_docs: usize,
    pub max_doc_bytes: usize,
}

impl RequestLimits {
    pub const NONE: RequestLimits = RequestLimits { max_docs: usize::MAX, max_doc_bytes: usize::MAX };
}

impl SyncRequest {
    pub fn encode(&self) -> Vec<u8> {
        let size: usize = self.docs.iter().map(|d| d.changes.len() + d.doc_id.len() + 8).sum();
        let mut w = Writer::with_capacity(16 + self.cursor.len() + size);
        w.bytes(&self.cursor);
        w.varint(self.max_page_bytes);
        w.varint(self.docs.len() as u64);
        for doc in &self.docs {
            w.bytes(doc.doc_id.as_bytes());
            w.buf.push(kind_code(doc.kind));
            w.bytes(&doc.changes);
        }
        w.buf
    }

    pub fn decode(body: &[u8]) -> Result<Self, DecodeError> {
        Self::decode_within(body, RequestLimits::NONE)
    }

    /// Decodes a request, refusing it as soon as it passes `limits`.
    pub fn decode_within(body: &[u8], limits: RequestLimits) -> Result<Self, DecodeError> {
        let mut r = Reader::new(body)?;
        let cursor = r.bytes()?.to_vec();
        let max_page_bytes = r.varint()?;
        let count = r.count()?;
        if count > limits.max_docs {
            return Err(DecodeError::TooManyDocs { count: count as u64, limit: limits.max_docs });
        }
        let mut docs = Vec::with_capacity(count);
        for _ in 0..count {
            let doc_id = r.str()?;
            let kind = r.kind()?;
            let changes = r.bytes()?;
            if changes.len() > limits.max_doc_bytes {
                let (bytes, limit) = (changes.len(), limits.max_doc_bytes);
                return Err(DecodeError::DocTooLarge { doc_id, bytes, limit });
            }
            docs.push(UploadDoc { doc_id, kind, changes: changes.to_vec() });
        }
        r.end()?;
        Ok(SyncRequest { cursor, max_page_bytes, docs })
    }
}

impl SyncResponse {
    /// The body of [`VERSION`] when no document carries rows, else of [`VERSION_WITH_ROWS`] (for
    /// a device that declared it reads them: the server leaves them out otherwise).
    pub fn encode(&self) -> Vec<u8> {
        let with_rows = self.docs.iter().any(|d| d.rows.is_some());
        let rows_size: usize = self.docs.iter().filter_map(|d| d.rows.as_ref()).map(|r| r.len() + 4).sum();
        let size: usize =
            self.docs.iter().map(|d| d.bytes.len() + d.doc_id.len() + 8).sum::<usize>() + rows_size;
        let mut w = Writer::with_capacity(24 + self.cursor.len() + size);
        if with_rows {
            w.buf[MAGIC.len()] = VERSION_WITH_ROWS;
        }
        w.varint(self.accepted);
        w.bytes(&self.cursor);
        w.buf.push(u8::from(self.more));
        w.varint(self.docs.len() as u64);
        for doc in &self.docs {
            w.bytes(doc.doc_id.as_bytes());
            w.bytes(&doc.bytes);
            if with_rows {
                // Empty: none (a projection is never empty, it starts with its format byte).
                w.bytes(doc.rows.as_deref().unwrap_or_default());
            }
        }
        w.buf
    }

    pub fn decode(body: &[u8]) -> Result<Self, DecodeError> {
        let (mut r, version) = Reader::with_version(body, &[VERSION, VERSION_WITH_ROWS])?;
        let accepted = r.varint()?;
        let cursor = r.bytes()?.to_vec();
        let more = match r.take(1)? {
            [0] => false,
            [1] => true,
            _ => return Err(DecodeError::Varint),
        };
        let count = r.count()?;
        let mut docs = Vec::with_capacity(count);
        for _ in 0..count {
            let doc_id = r.str()?;
            let bytes = r.bytes()?.to_vec();
            let rows = match version {
                VERSION_WITH_ROWS => Some(r.bytes()?).filter(|rows| !rows.is_empty()).map(<[u8]>::to_vec),
                _ => None,
            };
            docs.push(IncomingDoc { doc_id, bytes, rows });
        }
        r.end()?;
        Ok(SyncResponse { accepted, cursor, more, docs })
    }
}

/// A body in [`CONTENT_CODING`].
pub fn compress(body: &[u8]) -> std::io::Result<Vec<u8>> {
    crate::compression::compress(body)
}

/// A response in [`CONTENT_CODING`]: a page carrying projected rows (a first sync's) is compressed
/// harder, as rows repeat much of the documents beside them; any other as [`compress`] does.
pub fn compress_response(response: &SyncResponse, body: &[u8]) -> std::io::Result<Vec<u8>> {
    match response.docs.iter().any(|d| d.rows.is_some()) {
        true => crate::compression::compress_dense(body),
        false => compress(body),
    }
}

/// What a body in [`CONTENT_CODING`] declares it inflates to (`None`: it does not say, or it is not
/// zstd). [`compress`] always declares it.
pub fn declared_size(body: &[u8]) -> Option<u64> {
    crate::compression::declared_size(body)
}

/// Inflates a body in [`CONTENT_CODING`], refusing one that would pass `limit` bytes before it
/// fills memory.
pub fn decompress(body: &[u8], limit: u64) -> Result<Vec<u8>, DecodeError> {
    crate::compression::decompress(body, limit).map_err(|e| match e {
        crate::compression::Inflate::TooLarge => DecodeError::Inflated { limit },
        crate::compression::Inflate::Malformed => DecodeError::Compression,
    })
}

/// Whether an `Accept-Encoding` header value accepts [`CONTENT_CODING`] (`zstd`, or `*`, without
/// `q=0`).
pub fn accepts_compression(accept_encoding: &str) -> bool {
    let mut accepted = None;
    for coding in accept_encoding.split(',') {
        let mut parts = coding.split(';');
        let name = parts.next().unwrap_or("").trim();
        let refused = parts.any(|p| {
            p.split_once('=').is_some_and(|(k, v)| {
                k.trim().eq_ignore_ascii_case("q") && v.trim().parse::<f32>() == Ok(0.0)
            })
        });
        if name.eq_ignore_ascii_case(CONTENT_CODING) {
            return !refused; // named: this entry decides, whatever `*` says
        }
        if name == "*" {
            accepted = Some(!refused);
        }
    }
    accepted.unwrap_or(false)
}

fn kind_code(kind: DocKind) -> u8 {
    match kind {
        DocKind::Account => 1,
        DocKind::Objectives => 2,
        DocKind::Leads => 3,
    }
}

/// Appends LEB128 varints and length-prefixed byte strings.
#[derive(Debug, Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    fn with_capacity(capacity: usize) -> Self {
        let mut buf = Vec::with_capacity(capacity);
        buf.extend_from_slice(MAGIC);
        buf.push(VERSION);
        Writer { buf }
    }

    /// A writer with no header, for values nested in other encodings (such as the server's cursor).
    pub fn bare() -> Self {
        Writer::default()
    }

    pub fn varint(&mut self, mut value: u64) {
        loop {
            let byte = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.buf.push(byte);
                return;
            }
            self.buf.push(byte | 0x80);
        }
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        self.varint(bytes.len() as u64);
        self.buf.extend_from_slice(bytes);
    }
}

/// Reads what [`Writer`] wrote, refusing anything truncated, oversized or left over.
#[derive(Debug)]
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(body: &'a [u8]) -> Result<Self, DecodeError> {
        Self::with_version(body, &[VERSION]).map(|(r, _)| r)
    }

    /// A reader past the header of a body of one of `versions`, and the body's version.
    fn with_version(body: &'a [u8], versions: &[u8]) -> Result<(Self, u8), DecodeError> {
        let mut r = Reader { rest: body };
        if r.take(MAGIC.len()).map_err(|_| DecodeError::Magic)? != MAGIC {
            return Err(DecodeError::Magic);
        }
        match r.take(1)?[0] {
            v if versions.contains(&v) => Ok((r, v)),
            other => Err(DecodeError::Version(other)),
        }
    }

    /// A reader with no header, for values nested in other encodings.
    pub fn bare(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if n > self.rest.len() {
            return Err(DecodeError::Truncated);
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    pub fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(DecodeError::Varint);
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(DecodeError::Varint)
    }

    /// A count of items that each take at least one byte, so it cannot exceed what is left.
    fn count(&mut self) -> Result<usize, DecodeError> {
        let n = self.varint()?;
        usize::try_from(n).ok().filter(|n| *n <= self.rest.len()).ok_or(DecodeError::Truncated)
    }

    pub fn bytes(&mut self) -> Result<&'a [u8], DecodeError> {
        let len = usize::try_from(self.varint()?).map_err(|_| DecodeError::Truncated)?;
        self.take(len)
    }

    fn str(&mut self) -> Result<String, DecodeError> {
        std::str::from_utf8(self.bytes()?).map(str::to_owned).map_err(|_| DecodeError::Utf8)
    }

    fn kind(&mut self) -> Result<DocKind, DecodeError> {
        match self.take(1)?[0] {
            1 => Ok(DocKind::Account),
            2 => Ok(DocKind::Objectives),
            3 => Ok(DocKind::Leads),
            other => Err(DecodeError::Kind(other)),
        }
    }

    /// Fails unless every byte was read.
    pub fn end(&self) -> Result<(), DecodeError> {
        match self.rest.len() {
            0 => Ok(()),
            n => Err(DecodeError::Trailing(n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_type_declares_the_documents_format() {
        assert_eq!(CONTENT_TYPE, format!("{MEDIA_TYPE}; docs={DOCS_FORMAT}"));
    }
    use proptest::prelude::*;

    fn request() -> SyncRequest {
        SyncRequest {
            cursor: vec![1, 2, 3],
            max_page_bytes: 4 << 20,
            docs: vec![
                UploadDoc { doc_id: "a1".into(), kind: DocKind::Account, changes: vec![9; 300] },
                UploadDoc { doc_id: "o1".into(), kind: DocKind::Objectives, changes: vec![] },
            ],
        }
    }

    #[test]
    fn bodies_round_trip() {
        let req = request();
        assert_eq!(SyncRequest::decode(&req.encode()).unwrap(), req);
        let resp = SyncResponse {
            accepted: 2,
            cursor: vec![0, 200],
            more: true,
            docs: vec![IncomingDoc { doc_id: "é".into(), bytes: vec![1; 5], rows: None }],
        };
        assert_eq!(SyncResponse::decode(&resp.encode()).unwrap(), resp);
    }

    #[test]
    fn a_response_carries_rows_only_in_its_second_version() {
        let doc =
            |id: &str, rows: Option<Vec<u8>>| IncomingDoc { doc_id: id.into(), bytes: vec![1; 5], rows };
        let without = SyncResponse { docs: vec![doc("a", None), doc("b", None)], ..Default::default() };
        assert_eq!(without.encode()[4], VERSION, "an older device reads it as before");
        let with =
            SyncResponse { docs: vec![doc("a", Some(vec![1, 2])), doc("b", None)], ..Default::default() };
        let body = with.encode();
        assert_eq!(body[4], VERSION_WITH_ROWS);
        assert_eq!(SyncResponse::decode(&body).unwrap(), with);
        assert!(SyncRequest::decode(&body).is_err(), "a request is never of the second version");
        for cut in 0..body.len() {
            assert!(SyncResponse::decode(&body[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_page_with_rows_is_compressed_harder_and_inflates_to_the_same_body() {
        let doc = |i: usize| IncomingDoc {
            doc_id: format!("acc-{i}"),
            bytes: format!("Boulangerie {i}, rue des Lilas").repeat(20).into_bytes(),
            rows: Some(format!("Boulangerie {i}, rue des Lilas, Lyon").repeat(10).into_bytes()),
        };
        let resp = SyncResponse { docs: (0..50).map(doc).collect(), ..Default::default() };
        let body = resp.encode();
        let dense = compress_response(&resp, &body).unwrap();
        assert!(dense.len() <= compress(&body).unwrap().len());
        assert_eq!(
            SyncResponse::decode(&decompress(&dense, MAX_INFLATED_RESPONSE_BYTES).unwrap()).unwrap(),
            resp
        );
    }

    #[test]
    fn the_request_content_type_declares_the_rows_it_reads() {
        let rows = format!("{ROWS_PARAMETER}={}", crate::doc::PROJECTION_FORMAT);
        assert_eq!(REQUEST_CONTENT_TYPE, format!("{CONTENT_TYPE}; {rows}"));
    }

    #[test]
    fn a_compressed_response_inflates_to_the_same_body() {
        let resp = SyncResponse {
            accepted: 0,
            cursor: vec![3],
            more: false,
            docs: (0..50)
                .map(|i| IncomingDoc { doc_id: format!("acc-{i}"), bytes: vec![7; 400], rows: None })
                .collect(),
        };
        let body = resp.encode();
        let compressed = compress(&body).unwrap();
        assert!(compressed.len() * 10 < body.len(), "{} of {} bytes", compressed.len(), body.len());
        assert_eq!(decompress(&compressed, MAX_INFLATED_RESPONSE_BYTES).unwrap(), body);
        assert_eq!(SyncResponse::decode(&decompress(&compressed, body.len() as u64).unwrap()).unwrap(), resp);
    }

    #[test]
    fn a_body_that_inflates_past_the_limit_or_is_not_zstd_is_refused() {
        // 64 MB of zeros compress to a few kB: a bomb.
        let bomb = compress(&vec![0; 64 << 20]).unwrap();
        assert!(bomb.len() < 64 << 10);
        assert_eq!(decompress(&bomb, 1 << 20), Err(DecodeError::Inflated { limit: 1 << 20 }));
        assert_eq!(decompress(b"TSYN\x01 not compressed", 1 << 20), Err(DecodeError::Compression));
        // Streamed, the frame does not declare its size: read in steps, refused at the limit.
        let streamed = |body: &[u8]| zstd::stream::encode_all(body, 1).unwrap();
        assert!(matches!(zstd::zstd_safe::get_frame_content_size(&streamed(b"TSYN")), Ok(None)));
        assert_eq!(
            decompress(&streamed(&vec![0; 4 << 20]), 1 << 20),
            Err(DecodeError::Inflated { limit: 1 << 20 })
        );
        assert_eq!(decompress(&streamed(&request().encode()), 1 << 20).unwrap(), request().encode());
        let mut cut = compress(&request().encode()).unwrap();
        cut.truncate(cut.len() - 2);
        assert_eq!(decompress(&cut, 1 << 20), Err(DecodeError::Compression));
    }

    #[test]
    fn accept_encoding_is_read_as_http_means_it() {
        for accepting in ["zstd", "gzip, zstd", "ZSTD;q=0.5", "*", "gzip, *;q=1", "br, zstd;q=1.0, *;q=0"] {
            assert!(accepts_compression(accepting), "{accepting}");
        }
        for refusing in ["", "gzip", "identity", "zstd;q=0", "zstd; q=0.0, *", "*;q=0", "zstdx"] {
            assert!(!accepts_compression(refusing), "{refusing}");
        }
    }

    #[test]
    fn an_idle_request_is_a_handful_of_bytes() {
        let idle = SyncRequest { cursor: vec![1, 0x80, 0x80, 1], max_page_bytes: 4 << 20, docs: vec![] };
        assert!(idle.encode().len() < 20, "{}", idle.encode().len());
    }

    #[test]
    fn every_truncation_is_refused() {
        let body = request().encode();
        for len in 0..body.len() {
            assert!(SyncRequest::decode(&body[..len]).is_err(), "accepted a body cut at {len}");
        }
        let mut long = body.clone();
        long.push(0);
        assert_eq!(SyncRequest::decode(&long), Err(DecodeError::Trailing(1)));
    }

    #[test]
    fn wrong_magic_version_and_kind_are_named() {
        let mut body = request().encode();
        body[5 + 4 + 4 + 1 + 3] = 7; // the kind byte of the first doc
        assert_eq!(SyncRequest::decode(&body), Err(DecodeError::Kind(7)));
        body[4] = 9;
        assert_eq!(SyncRequest::decode(&body), Err(DecodeError::Version(9)));
        assert_eq!(SyncRequest::decode(b"GET / HTTP/1.1"), Err(DecodeError::Magic));
    }

    #[test]
    fn a_huge_count_does_not_allocate() {
        let mut w = Writer::with_capacity(0);
        w.bytes(&[]);
        w.varint(0);
        w.varint(u64::MAX);
        assert_eq!(SyncRequest::decode(&w.buf), Err(DecodeError::Truncated));
    }

    #[test]
    fn limits_are_checked_while_decoding() {
        let body = request().encode();
        let limits = RequestLimits { max_docs: 1, max_doc_bytes: 1000 };
        assert_eq!(
            SyncRequest::decode_within(&body, limits),
            Err(DecodeError::TooManyDocs { count: 2, limit: 1 })
        );
        let limits = RequestLimits { max_docs: 2, max_doc_bytes: 299 };
        let err = SyncRequest::decode_within(&body, limits).unwrap_err();
        assert_eq!(err, DecodeError::DocTooLarge { doc_id: "a1".into(), bytes: 300, limit: 299 });
        assert!(err.is_too_large());
        // A count far past the limit is refused before the documents are read.
        let mut w = Writer::with_capacity(0);
        w.bytes(&[]);
        w.varint(0);
        w.varint(3_000);
        w.buf.resize(w.buf.len() + 3_000, 0);
        let limits = RequestLimits { max_docs: 2_000, max_doc_bytes: 1 };
        assert_eq!(
            SyncRequest::decode_within(&w.buf, limits),
            Err(DecodeError::TooManyDocs { count: 3_000, limit: 2_000 })
        );
    }

    proptest! {
        #[test]
        fn varints_round_trip(v in any::<u64>()) {
            let mut w = Writer::bare();
            w.varint(v);
            let mut r = Reader::bare(&w.buf);
            prop_assert_eq!(r.varint().unwrap(), v);
            prop_assert!(r.end().is_ok());
        }

        #[test]
        fn garbage_never_panics(body in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = SyncRequest::decode(&body);
            let _ = SyncResponse::decode(&body);
        }
    }
}
