//! What the endpoints do, without HTTP: authenticate, authorize, validate, store, page.
//! Every refusal is an [`ApiError`] with a status and a reason safe to show and to log.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use automerge::ChangeHash;
use chrono::{DateTime, Utc};
use tournee_core::doc::{Collection, DocKind, Document};
use tournee_core::model::{display_name, Field};
use tournee_core::sync::api::{Enrollment, EnrollmentCode, NewUser, Role, Team, User};
use tournee_core::sync::wire::{RequestLimits, SyncRequest, SyncResponse, UploadDoc};

use crate::policy;
use crate::projector::Wake;
use crate::secret::{self, SecretHash};
use crate::storage::{Commit, Cursor, DocWrite, NewDevice, Principal, Storage, StorageError, StoredDoc};
use crate::Limits;

/// A refusal: the HTTP status and a reason without secrets or personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub reason: String,
    /// Seconds after which the same request may succeed (`Retry-After`), for a shed load.
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: u16, reason: impl Into<String>) -> Self {
        ApiError { status, reason: reason.into(), retry_after: None }
    }
    /// 429: this client asks too much at once; the same request may succeed in `seconds`.
    pub fn too_many(reason: impl Into<String>, seconds: u64) -> Self {
        ApiError { retry_after: Some(seconds), ..Self::new(429, reason) }
    }
    pub fn bad_request(reason: impl Into<String>) -> Self {
        Self::new(400, reason)
    }
    fn unauthorized(reason: impl Into<String>) -> Self {
        Self::new(401, reason)
    }
    fn forbidden(reason: impl Into<String>) -> Self {
        Self::new(403, reason)
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound(what) => ApiError::new(404, format!("{what} not found")),
            e => {
                tracing::error!(error = %e, "storage failed");
                ApiError::new(500, "the server could not reach its storage")
            }
        }
    }
}

/// The reason of a 409 to a cursor of another history (the device then sends everything again).
pub const RESTORED: &str =
    "the server's data was restored from a backup: send every document again and sync from the start";

/// How many times an upload is recomputed when another device wrote the same documents meanwhile.
const COMMIT_ATTEMPTS: usize = 8;

/// An upload of at least this many documents per core is merged on several cores: a device back
/// from weeks offline sends hundreds at once, while many devices syncing at once (one or two
/// documents each) already keep every core busy.
const PARALLEL_MERGE_MIN_DOCS: usize = 8;

pub struct Service {
    pub storage: Box<dyn Storage>,
    pub limits: Limits,
    /// The storage's history id, stamped into every cursor handed out.
    history: [u8; 16],
    merged: Mutex<MergedDocs>,
    /// Told of every upload committed, and of the service's end (`crate::projector`).
    pub(crate) wake: Arc<Wake>,
}

impl Drop for Service {
    fn drop(&mut self) {
        self.wake.notify(); // the projector finds the service gone and stops
    }
}

/// The merged copies of the documents written last, each with the storage version it stands for:
/// an upload to one of them merges into this copy instead of loading the document's history again.
/// A copy is taken out while an upload works on it and put back only once its write committed, so
/// a refused or stale upload never leaves its changes in it.
struct MergedDocs {
    capacity: usize,
    tick: u64,
    docs: HashMap<String, (i64, Document, u64)>,
}

impl MergedDocs {
    /// The copy of `doc_id` at `version`, taken out; `None` if there is none or it is older.
    fn take(&mut self, doc_id: &str, version: i64) -> Option<Document> {
        match self.docs.remove(doc_id) {
            Some((at, doc, _)) if at == version => Some(doc),
            _ => None,
        }
    }

    fn put(&mut self, version: i64, doc: Document) {
        if self.capacity == 0 {
            return;
        }
        self.tick += 1;
        if self.docs.len() >= self.capacity && !self.docs.contains_key(doc.id()) {
            if let Some(oldest) = self.docs.iter().min_by_key(|(_, (_, _, t))| *t).map(|(id, _)| id.clone()) {
                self.docs.remove(&oldest);
            }
        }
        self.docs.insert(doc.id().to_owned(), (version, doc, self.tick));
    }
}

/// A write ready to commit, with the merged copy it leaves and the version that copy will be.
struct Merged {
    write: DocWrite,
    doc: Document,
    version: i64,
}

impl Service {
    pub fn new(storage: Box<dyn Storage>, limits: Limits) -> Result<Self, StorageError> {
        let merged = MergedDocs { capacity: limits.merged_docs, tick: 0, docs: HashMap::new() };
        let history = storage.history()?;
        Ok(Service { storage, limits, history, merged: Mutex::new(merged), wake: Arc::default() })
    }

    fn merged(&self) -> Result<std::sync::MutexGuard<'_, MergedDocs>, ApiError> {
        self.merged.lock().map_err(|_| ApiError::new(500, "the server could not reach its storage"))
    }

    /// The principal behind `Authorization: Bearer <token>` (the scheme in any case, RFC 9110).
    pub fn authenticate(&self, authorization: Option<&str>) -> Result<Principal, ApiError> {
        let token = authorization
            .and_then(|h| h.trim_start().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token)
            .ok_or_else(|| ApiError::unauthorized("a device token is required (Authorization: Bearer …)"))?;
        self.storage
            .authenticate(secret::hash_token(token.trim()))?
            .ok_or_else(|| ApiError::unauthorized("the token is unknown or was revoked"))
    }

    /// The admin behind `Authorization`; anyone else is refused (401 or 403).
    pub fn admin(&self, authorization: Option<&str>) -> Result<Principal, ApiError> {
        let principal = self.authenticate(authorization)?;
        match principal.role {
            Role::Admin => Ok(principal),
            _ => Err(ApiError::forbidden("only an admin may do this")),
        }
    }

    /// Issues a new admin token, creating the organisation and its admin on first use.
    pub fn issue_admin_token(&self, now: DateTime<Utc>) -> Result<(String, bool), ApiError> {
        let (admin_id, created) = self.storage.ensure_admin(now)?;
        let token = secret::new_token();
        let device_id = tournee_core::model::new_id();
        let device =
            NewDevice { id: &device_id, name: "admin token", token_hash: secret::hash_token(&token) };
        self.storage.add_device(&admin_id, &device, now)?;
        Ok((token, created))
    }

    pub fn create_team(&self, admin: &Principal, name: &str, now: DateTime<Utc>) -> Result<Team, ApiError> {
        check_name(Field::Name, name)?;
        Ok(self.storage.create_team(&admin.org_id, name.trim(), now)?)
    }

    pub fn create_user(
        &self,
        admin: &Principal,
        user: &NewUser,
        now: DateTime<Utc>,
    ) -> Result<User, ApiError> {
        check_name(Field::Name, &user.name)?;
        match (user.role, &user.team_id) {
            (Role::Admin, Some(_)) => return Err(ApiError::bad_request("an admin belongs to no team")),
            (Role::Rep | Role::Manager, None) => {
                return Err(ApiError::bad_request("a rep or a manager needs a team_id"))
            }
            _ => {}
        }
        Ok(self.storage.create_user(&admin.org_id, user, now)?)
    }

    /// The members of the device's team, so a device can show people by name; an admin's device
    /// belongs to no team.
    pub fn team_members(&self, device: &Principal) -> Result<Vec<User>, ApiError> {
        let team =
            device.team_id.as_deref().ok_or_else(|| ApiError::forbidden("an admin belongs to no team"))?;
        Ok(self.storage.team_members(team)?)
    }

    pub fn create_enrollment_code(
        &self,
        admin: &Principal,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> Result<EnrollmentCode, ApiError> {
        self.storage.user(&admin.org_id, user_id)?.ok_or_else(|| ApiError::new(404, "user not found"))?;
        let code = secret::new_enrollment_code();
        let expires_at = now + self.limits.enrollment_code_ttl;
        self.storage.create_enrollment_code(user_id, secret::hash_enrollment_code(&code), expires_at)?;
        Ok(EnrollmentCode { code, expires_at: expires_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true) })
    }

    pub fn revoke_device(
        &self,
        admin: &Principal,
        device_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        match self.storage.revoke_device(&admin.org_id, device_id, now)? {
            true => Ok(()),
            false => Err(ApiError::new(404, "device not found")),
        }
    }

    pub fn enroll(&self, code: &str, device_name: &str, now: DateTime<Utc>) -> Result<Enrollment, ApiError> {
        check_name(Field::DeviceName, device_name)?;
        let hash: SecretHash = secret::hash_enrollment_code(code);
        let token = secret::new_token();
        let device_id = tournee_core::model::new_id();
        let device = NewDevice { id: &device_id, name: device_name, token_hash: secret::hash_token(&token) };
        let principal = self
            .storage
            .redeem_enrollment_code(hash, &device, now)?
            .ok_or_else(|| ApiError::unauthorized("the enrollment code is unknown, used or expired"))?;
        Ok(Enrollment {
            device_id: principal.device_id,
            token,
            user_id: principal.user_id,
            team_id: principal.team_id,
            role: principal.role,
        })
    }

    /// One sync round trip: store what the device sent (all of it or none), then page what it lacks.
    /// `with_rows`: the device reads projected rows (PROTOCOL.md, "Projected rows").
    pub fn sync(
        &self,
        principal: &Principal,
        body: &[u8],
        now: DateTime<Utc>,
        with_rows: bool,
    ) -> Result<SyncResponse, ApiError> {
        let limits = RequestLimits {
            max_docs: self.limits.max_docs_per_request,
            max_doc_bytes: self.limits.max_doc_bytes,
        };
        let request = SyncRequest::decode_within(body, limits).map_err(|e| match e.is_too_large() {
            true => ApiError::new(413, e.to_string()),
            false => ApiError::bad_request(e.to_string()),
        })?;
        let team_id = principal
            .team_id
            .as_deref()
            .ok_or_else(|| ApiError::forbidden("this user belongs to no team"))?;
        let (cursor, history) =
            Cursor::decode(&request.cursor).map_err(|_| ApiError::bad_request("the cursor is malformed"))?;
        // A cursor of another history was handed out by this server before a backup was restored:
        // it may point past what the server now holds, which the device has and must send again.
        if history.is_some_and(|h| h != self.history) {
            return Err(ApiError::new(409, RESTORED));
        }
        self.check_upload(principal, &request.docs)?;
        let accepted = self.store_upload(principal, team_id, &request.docs, now)?;
        let max_bytes = match request.max_page_bytes {
            0 => self.limits.max_page_bytes,
            n => usize::try_from(n).unwrap_or(usize::MAX).min(self.limits.max_page_bytes),
        };
        let kinds = policy::readable_kinds(principal.role);
        let page = self.storage.pull(team_id, &principal.device_id, cursor, max_bytes, &kinds, with_rows)?;
        Ok(SyncResponse {
            accepted,
            cursor: page.cursor.encode(&self.history),
            more: page.more,
            docs: page.docs,
        })
    }

    /// The checks that need no storage: ids, duplicates and the role's rights (counts and sizes
    /// were checked while decoding).
    fn check_upload(&self, principal: &Principal, docs: &[UploadDoc]) -> Result<(), ApiError> {
        let mut ids = std::collections::HashSet::with_capacity(docs.len());
        for doc in docs {
            if !policy::valid_doc_id(&doc.doc_id) {
                return Err(ApiError::bad_request(
                    "a document id is empty, too long or has characters other than A-Z a-z 0-9 - _",
                ));
            }
            if !ids.insert(doc.doc_id.as_str()) {
                return Err(ApiError::bad_request(format!("document {} appears twice", doc.doc_id)));
            }
            if doc.changes.is_empty() {
                return Err(ApiError::bad_request(format!("document {} comes with no changes", doc.doc_id)));
            }
            if !policy::can_write(principal.role, doc.kind) {
                return Err(ApiError::forbidden(format!(
                    "a {} may not write {} documents",
                    principal.role.code(),
                    doc.kind.code()
                )));
            }
        }
        Ok(())
    }

    /// Merges each upload into the server's copy and commits what was new; returns how many
    /// documents brought something new. Recomputes when another device committed meanwhile.
    fn store_upload(
        &self,
        principal: &Principal,
        team_id: &str,
        docs: &[UploadDoc],
        now: DateTime<Utc>,
    ) -> Result<u64, ApiError> {
        if docs.is_empty() {
            return Ok(0);
        }
        for _ in 0..COMMIT_ATTEMPTS {
            let merged = self.merge_all(principal, team_id, docs)?;
            if merged.is_empty() {
                return Ok(0);
            }
            let count = merged.len() as u64;
            let mut writes = Vec::with_capacity(merged.len());
            let mut copies = Vec::with_capacity(merged.len());
            for Merged { write, doc, version } in merged {
                writes.push(write);
                copies.push((version, doc));
            }
            if self.storage.commit(team_id, &principal.device_id, writes, now)? == Commit::Done {
                self.wake.upload_committed();
                let mut cache = self.merged()?;
                for (version, doc) in copies {
                    cache.put(version, doc);
                }
                return Ok(count);
            }
        }
        Err(ApiError::new(503, "too many devices are writing these documents at once; retry"))
    }

    /// The writes of every uploaded document that brings something new, in upload order. A large
    /// upload is merged on every core (each document is merged and checked on its own); the first
    /// refusal in upload order is the answer, as if they had been merged one by one.
    fn merge_all(
        &self,
        principal: &Principal,
        team_id: &str,
        docs: &[UploadDoc],
    ) -> Result<Vec<Merged>, ApiError> {
        // Each part reads its documents at once (one round trip on PostgreSQL), beside the others.
        let merge_part = |part: &[UploadDoc]| -> Vec<Result<Option<Merged>, ApiError>> {
            let ids: Vec<&str> = part.iter().map(|d| d.doc_id.as_str()).collect();
            match self.storage.load_docs(&ids) {
                Ok(stored) => part
                    .iter()
                    .zip(stored)
                    .map(|(doc, stored)| self.merge(principal, team_id, doc, stored.as_ref()))
                    .collect(),
                Err(e) => {
                    let e = ApiError::from(e);
                    part.iter().map(|_| Err(e.clone())).collect()
                }
            }
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers = cores.min(docs.len() / PARALLEL_MERGE_MIN_DOCS).max(1);
        let merged: Vec<Result<Option<Merged>, ApiError>> = if workers == 1 {
            merge_part(docs)
        } else {
            std::thread::scope(|s| {
                let merge_part = &merge_part;
                let handles: Vec<_> = docs
                    .chunks(docs.len().div_ceil(workers))
                    .map(|part| (part.len(), s.spawn(move || merge_part(part))))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|(len, h)| {
                        h.join().unwrap_or_else(|_| {
                            (0..len).map(|_| Err(ApiError::new(500, "merging an upload failed"))).collect()
                        })
                    })
                    .collect()
            })
        };
        // Every record lives in exactly one document: one already homed in another document of
        // the team is refused, so a copy of a document under a new id cannot stand in for the
        // original. One lookup for the whole upload.
        let records: Vec<&str> = merged
            .iter()
            .flat_map(|m| m.iter().flatten().flat_map(|m| m.write.records.iter().map(String::as_str)))
            .collect();
        let homes: HashMap<String, String> =
            self.storage.record_homes(team_id, &records)?.into_iter().collect();
        let mut writes = Vec::with_capacity(docs.len());
        // The first refusal in upload order is the answer, as if they had been merged one by one.
        for result in merged {
            let Some(merged) = result? else { continue };
            let doc_id = &merged.write.doc_id;
            if let Some((record_id, home)) = merged
                .write
                .records
                .iter()
                .find_map(|r| homes.get(r).filter(|h| *h != doc_id).map(|h| (r, h)))
            {
                return Err(ApiError::new(
                    422,
                    format!("document {doc_id}: record {record_id} already lives in document {home}"),
                ));
            }
            writes.push(merged);
        }
        Ok(writes)
    }

    /// The write that brings the server's copy of `upload.doc_id` up to date, if anything is new.
    /// What is stored are the uploaded chunks the server lacked, as they came, once every check
    /// passed on the merged copy: whole chunks whose checksums and hashes were verified, each one
    /// applied (automerge held none back for missing history). Otherwise (a saved document merged
    /// into an existing one, or changes with history the server lacks) the server re-encodes the
    /// changes past its old heads from its merged copy, as before.
    fn merge(
        &self,
        principal: &Principal,
        team_id: &str,
        upload: &UploadDoc,
        stored: Option<&StoredDoc>,
    ) -> Result<Option<Merged>, ApiError> {
        let invalid = |e: tournee_core::Error| {
            ApiError::new(422, format!("document {} is not a valid document: {e}", upload.doc_id))
        };
        // The new changes as they came (checked, applied, those the server had left out), or
        // `None` when they must be re-encoded from the merged copy.
        let received: Option<Vec<u8>>;
        let mut doc = match stored {
            None => {
                let mut doc = Document::load_untrusted(&upload.doc_id, &upload.changes).map_err(invalid)?;
                received = doc.missing_deps().is_empty().then(|| upload.changes.clone());
                doc
            }
            Some(stored) => {
                if stored.team_id != team_id {
                    // Checked as a new document's would be, so that bytes which are no document get
                    // the same answer whether another team has this id or nobody does.
                    Document::load_untrusted(&upload.doc_id, &upload.changes).map_err(invalid)?;
                    return Err(ApiError::forbidden(format!(
                        "document {} belongs to another team",
                        upload.doc_id
                    )));
                }
                check_kind(upload, stored.kind)?;
                let cached = self.merged()?.take(&upload.doc_id, stored.version);
                let mut doc = match cached {
                    Some(doc) => doc,
                    None => {
                        let mut chunks: Vec<&[u8]> = Vec::with_capacity(stored.tail.len() + 1);
                        chunks.push(&stored.snapshot);
                        chunks.extend(stored.tail.iter().map(Vec::as_slice));
                        Document::load(&upload.doc_id, &chunks).map_err(|e| {
                            tracing::error!(doc = %upload.doc_id, error = %e, "a stored document does not load");
                            ApiError::new(500, "the server could not read its copy of a document")
                        })?
                    }
                };
                received = doc.apply_upload(&upload.changes).map_err(invalid)?;
                doc
            }
        };
        check_kind(upload, doc.kind())?;
        let mut heads = doc.heads();
        heads.sort();
        let before = stored.map(|s| s.heads.as_slice());
        if before == Some(heads.as_slice()) {
            return Ok(None); // nothing new: a retry, or changes another device sent first
        }
        let touched = doc.check_membership(before.unwrap_or_default()).map_err(invalid)?;
        check_own_reports(principal, &mut doc, &touched, before)?;
        let records = touched.into_iter().map(|(_, id)| id).collect();
        let version = stored.map_or(1, |s| s.version + 1);
        let write = match stored {
            None => {
                let snapshot = received.unwrap_or_else(|| doc.export());
                DocWrite {
                    doc_id: upload.doc_id.clone(),
                    kind: upload.kind,
                    base_version: None,
                    delta: snapshot.clone(),
                    heads,
                    snapshot: Some(snapshot),
                    records,
                }
            }
            Some(stored) => {
                let delta = match received {
                    Some(changes) if !changes.is_empty() => changes,
                    _ => doc.save_after(&stored.heads),
                };
                let tail_bytes = stored.tail_bytes() + delta.len();
                let compact = tail_bytes > self.limits.compact_after_bytes.max(stored.snapshot.len());
                DocWrite {
                    doc_id: upload.doc_id.clone(),
                    kind: upload.kind,
                    base_version: Some(stored.version),
                    delta,
                    heads,
                    snapshot: compact.then(|| doc.export()),
                    records,
                }
            }
        };
        Ok(Some(Merged { write, doc, version }))
    }
}

/// Every visit report the upload touched (changes past `before`, the server's heads) must be one the
/// caller may write: a rep's own.
fn check_own_reports(
    principal: &Principal,
    doc: &mut Document,
    touched: &[(Collection, String)],
    before: Option<&[ChangeHash]>,
) -> Result<(), ApiError> {
    if !policy::writes_only_own_reports(principal.role) {
        return Ok(());
    }
    let doc_id = doc.id().to_owned();
    let invalid = |e: tournee_core::Error| ApiError::new(422, format!("document {doc_id}: {e}"));
    let visits: Vec<&str> =
        touched.iter().filter(|(c, _)| *c == Collection::Visits).map(|(_, id)| id.as_str()).collect();
    if visits.is_empty() {
        return Ok(());
    }
    let reps_before = match before {
        Some(heads) => doc.record_strs(Collection::Visits, &visits, "rep", Some(heads)).map_err(invalid)?,
        None => vec![None; visits.len()],
    };
    let reps_after = doc.record_strs(Collection::Visits, &visits, "rep", None).map_err(invalid)?;
    for ((id, rep_before), rep_after) in visits.iter().zip(reps_before).zip(reps_after) {
        if !policy::is_own_report(&principal.user_id, rep_before.as_deref(), rep_after.as_deref()) {
            return Err(ApiError::forbidden(format!(
                "document {doc_id}: visit report {id} belongs to another rep; a rep writes only their own"
            )));
        }
    }
    Ok(())
}

/// The kind a device claims must be the document's own.
fn check_kind(upload: &UploadDoc, found: DocKind) -> Result<(), ApiError> {
    if found == upload.kind {
        return Ok(());
    }
    let (doc_id, found, claimed) = (&upload.doc_id, found.code(), upload.kind.code());
    Err(ApiError::new(422, format!("document {doc_id} is a {found} document, not {claimed}")))
}

/// Team, user and device names: one line a person can read (see `tournee_core::model::display_name`).
fn check_name(field: Field, name: &str) -> Result<(), ApiError> {
    display_name(field, name).map_err(|e| ApiError::bad_request(e.to_string()))
}
