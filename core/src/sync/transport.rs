//! The HTTP side of the client (reqwest with rustls): enrollment, sync and admin calls.
//!
//! `sync` is cancellable by dropping its future: the cursor is saved only after what it covers
//! was applied, and acknowledgements only follow a stored upload, so a sync stopped anywhere
//! resumes correctly (the server and the store both ignore what they already have).

use std::sync::{Arc, PoisonError};

use std::sync::atomic::{AtomicBool, Ordering};

use reqwest::header::{ACCEPT_ENCODING, AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::api::{
    self, paths, EnrollRequest, Enrollment, EnrollmentCode, NewTeam, NewUser, Role, Team, User,
};
use super::session::{Received, Session, SyncOptions, SyncReport};
use super::trust::{http_client, is_untrusted_certificate, server_ca};
use super::wire::{self, DecodeError, SyncRequest, SyncResponse};
use crate::doc::DocKind;
use crate::i18n::catalog::say;
use crate::i18n::Lang;
use crate::store::sync_keys as keys;
use crate::store::{ApplyReport, Batches, PrepareJob, PreparedBatch, Store};

/// Keys of the values the client keeps in the store.
/// Why a call to the server failed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("this device is not enrolled with a server")]
    NotEnrolled,
    /// Enrolling again would lose the identity the device's records are written under.
    #[error("this device is already enrolled for {user_id}; open it instead")]
    AlreadyEnrolled { user_id: String },
    #[error("the server refused the credentials: {0}")]
    Unauthorized(String),
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// 429: this device or its address asked too much at once; the same call may succeed after
    /// `retry_after` seconds (the server's `Retry-After`, if it gave one).
    #[error("the server is busy ({reason}); retry after {retry_after:?} s")]
    Busy { retry_after: Option<u64>, reason: String },
    #[error("the server refused the request ({status}): {reason}")]
    Rejected { status: u16, reason: String },
    #[error("the server failed ({status}): {reason}")]
    Server { status: u16, reason: String },
    #[error("network: {0}")]
    Network(reqwest::Error),
    /// The server's certificate is not one this device trusts (unknown CA, expired, another name).
    #[error("the server's certificate is not trusted: {0}")]
    UntrustedCertificate(reqwest::Error),
    /// A plain `http://` address that is not this machine: the token would cross the network in clear.
    #[error("{server} is not an https:// address (plain http:// is for this machine only)")]
    InsecureServer { server: String },
    /// The certificate authority given to trust is not a PEM certificate.
    #[error("the CA certificate cannot be used: {0}")]
    BadCaCertificate(String),
    #[error("the server's answer is malformed: {0}")]
    Protocol(#[from] DecodeError),
    #[error("store: {0}")]
    Store(#[from] crate::Error),
}

impl From<reqwest::Error> for SyncError {
    fn from(e: reqwest::Error) -> Self {
        match is_untrusted_certificate(&e) {
            true => SyncError::UntrustedCertificate(e),
            false => SyncError::Network(e),
        }
    }
}

/// The coarse kind of a [`SyncError`], for shells to choose a message and whether to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncErrorKind {
    NotEnrolled,
    AlreadyEnrolled,
    Unauthorized,
    Forbidden,
    Rejected,
    /// Worth retrying later: network down, server failing.
    Unavailable,
    Protocol,
    Store,
}

impl SyncErrorKind {
    pub const ALL: [SyncErrorKind; 8] = [
        SyncErrorKind::NotEnrolled,
        SyncErrorKind::AlreadyEnrolled,
        SyncErrorKind::Unauthorized,
        SyncErrorKind::Forbidden,
        SyncErrorKind::Rejected,
        SyncErrorKind::Unavailable,
        SyncErrorKind::Protocol,
        SyncErrorKind::Store,
    ];

    /// The stable code a device keeps of its last failed sync.
    pub fn code(self) -> &'static str {
        match self {
            SyncErrorKind::NotEnrolled => "not_enrolled",
            SyncErrorKind::AlreadyEnrolled => "already_enrolled",
            SyncErrorKind::Unauthorized => "unauthorized",
            SyncErrorKind::Forbidden => "forbidden",
            SyncErrorKind::Rejected => "rejected",
            SyncErrorKind::Unavailable => "unavailable",
            SyncErrorKind::Protocol => "protocol",
            SyncErrorKind::Store => "store",
        }
    }

    pub fn parse(code: &str) -> Option<SyncErrorKind> {
        SyncErrorKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// What an error of this kind tells a person in `lang`, without its details (a failure
    /// remembered from an earlier run of the app).
    pub fn message(self, lang: Lang) -> String {
        let id = match self {
            SyncErrorKind::NotEnrolled => "sync-error-not-enrolled",
            // Never the outcome of a sync: enrolling says who the device is enrolled for.
            SyncErrorKind::AlreadyEnrolled => "sync-error-not-enrolled",
            SyncErrorKind::Unauthorized => "sync-error-unauthorized",
            SyncErrorKind::Forbidden => "sync-error-forbidden",
            SyncErrorKind::Rejected => "sync-error-rejected",
            SyncErrorKind::Unavailable => "sync-error-unavailable",
            SyncErrorKind::Protocol => "sync-error-protocol",
            SyncErrorKind::Store => "error-database",
        };
        say(lang, id, &[])
    }
}

impl SyncError {
    /// This error told to a person in `lang`. What the server or the network said stays in the
    /// log: it is English, technical, and may quote the request.
    pub fn message(&self, lang: Lang) -> String {
        let id = match self {
            SyncError::Store(e) => return e.message(lang),
            SyncError::AlreadyEnrolled { user_id } => {
                return say(lang, "sync-error-already-enrolled", &[("user", user_id.into())])
            }
            SyncError::NotEnrolled => return say(lang, "sync-error-not-enrolled", &[]),
            SyncError::Unauthorized(_) => "sync-error-unauthorized",
            SyncError::Forbidden(_) => "sync-error-forbidden",
            SyncError::Busy { retry_after, .. } => {
                tracing::warn!("{self}");
                return say(lang, "sync-error-busy", &[("seconds", retry_after.unwrap_or(0).into())]);
            }
            SyncError::Rejected { .. } => "sync-error-rejected",
            SyncError::Server { .. } | SyncError::Network(_) => "sync-error-unavailable",
            SyncError::Protocol(_) => "sync-error-protocol",
            SyncError::UntrustedCertificate(_) => "sync-error-untrusted-certificate",
            SyncError::InsecureServer { server } => {
                return say(lang, "sync-error-insecure-server", &[("server", server.into())])
            }
            SyncError::BadCaCertificate(_) => "sync-error-bad-ca-certificate",
        };
        tracing::warn!("{self}");
        say(lang, id, &[])
    }

    pub fn kind(&self) -> SyncErrorKind {
        match self {
            SyncError::NotEnrolled => SyncErrorKind::NotEnrolled,
            SyncError::AlreadyEnrolled { .. } => SyncErrorKind::AlreadyEnrolled,
            SyncError::Unauthorized(_) => SyncErrorKind::Unauthorized,
            SyncError::Forbidden(_) => SyncErrorKind::Forbidden,
            SyncError::Rejected { .. }
            | SyncError::InsecureServer { .. }
            | SyncError::BadCaCertificate(_) => SyncErrorKind::Rejected,
            SyncError::Busy { .. } => SyncErrorKind::Unavailable,
            // Worth retrying once the certificate is renewed or the CA installed.
            SyncError::Server { .. } | SyncError::Network(_) | SyncError::UntrustedCertificate(_) => {
                SyncErrorKind::Unavailable
            }
            SyncError::Protocol(_) => SyncErrorKind::Protocol,
            SyncError::Store(_) => SyncErrorKind::Store,
        }
    }
}

fn url(server: &str, path: &str) -> String {
    format!("{}{path}", server.trim_end_matches('/'))
}

/// Turns a refusal into its error, keeping the server's reason.
async fn check(response: reqwest::Response) -> Result<reqwest::Response, SyncError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    let reason: String = response.text().await.unwrap_or_default().chars().take(500).collect();
    let code = status.as_u16();
    Err(match status {
        StatusCode::UNAUTHORIZED => SyncError::Unauthorized(reason),
        StatusCode::FORBIDDEN => SyncError::Forbidden(reason),
        // Not a refusal of the request or of the credentials: later, the same call may pass.
        StatusCode::TOO_MANY_REQUESTS => SyncError::Busy { retry_after, reason },
        s if s.is_client_error() => SyncError::Rejected { status: code, reason },
        _ => SyncError::Server { status: code, reason },
    })
}

/// A sync response's body, inflated if the server compressed it, and its size on the wire.
async fn sync_body(response: reqwest::Response) -> Result<(Vec<u8>, usize), SyncError> {
    let coding = response.headers().get(CONTENT_ENCODING).map(|v| v.to_str().unwrap_or("?").to_owned());
    let body = response.bytes().await?;
    let inflated = match coding.as_deref() {
        None | Some("identity") => body.to_vec(),
        Some(coding) if coding.eq_ignore_ascii_case(wire::CONTENT_CODING) => {
            wire::decompress(&body, wire::MAX_INFLATED_RESPONSE_BYTES)?
        }
        Some(_) => return Err(DecodeError::Compression.into()),
    };
    Ok((inflated, body.len()))
}

/// A refusal of what a request carried (the role may not write it, or it is not valid), which one
/// document of several may cause; anything else stops the sync.
fn refuses_a_document(e: &SyncError) -> bool {
    matches!(e, SyncError::Forbidden(_) | SyncError::Rejected { status: 422, .. })
}

/// A page to write: what the server answered (its batches apart), and the batches' new documents
/// when they were prepared ahead ([`SyncClient::read_ahead`]; empty otherwise).
struct ReadAhead {
    received: Received,
    batches: Batches,
    prepared: Vec<PreparedBatch>,
}

impl ReadAhead {
    /// A page whose documents the write prepares itself.
    fn unprepared(mut received: Received) -> Self {
        let batches = Arc::new(std::mem::take(&mut received.batches));
        ReadAhead { received, batches, prepared: Vec::new() }
    }
}

/// Where the read-ahead leaves the preparing of the next page, for the writer to take part in once
/// it has written the last one.
type Help = Arc<std::sync::Mutex<Option<Arc<PrepareJob>>>>;

/// Runs store work on the blocking pool: the store is synchronous and may wait for its lock.
async fn on_store<T: Send + 'static>(
    store: &Arc<Store>,
    f: impl FnOnce(&Store) -> crate::Result<T> + Send + 'static,
) -> Result<T, SyncError> {
    let store = Arc::clone(store);
    match tokio::task::spawn_blocking(move || f(&store)).await {
        Ok(result) => Ok(result?),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => Err(SyncError::Store(crate::Error::Poisoned)),
    }
}

/// Trades a one-time enrollment code for a device token and remembers the server, the token and
/// the identity in `store`. The store then syncs with [`SyncClient::from_store`]. A private CA to
/// trust is given before, with [`trust_server_ca`](super::trust_server_ca).
pub async fn enroll(
    store: &Arc<Store>,
    server_url: &str,
    code: &str,
    device_name: &str,
) -> Result<Enrollment, SyncError> {
    let request = EnrollRequest { code: code.to_owned(), device_name: device_name.to_owned() };
    let ca = on_store(store, server_ca).await?;
    let http = http_client(server_url, ca.as_deref())?;
    let response = http.post(url(server_url, paths::ENROLL)).json(&request).send().await?;
    let enrollment: Enrollment = check(response).await?.json().await?;
    let saved = enrollment.clone();
    let server = server_url.trim_end_matches('/').to_owned();
    on_store(store, move |s| {
        s.set_sync_value(keys::SERVER, server.as_bytes())?;
        s.set_sync_value(keys::TOKEN, saved.token.as_bytes())?;
        s.set_sync_value(keys::DEVICE, saved.device_id.as_bytes())?;
        s.set_sync_value(keys::USER, saved.user_id.as_bytes())?;
        s.set_sync_value(keys::TEAM, saved.team_id.unwrap_or_default().as_bytes())?;
        s.set_sync_value(keys::ROLE, saved.role.code().as_bytes())?;
        s.set_sync_value(keys::CURSOR, &[])
    })
    .await?;
    Ok(enrollment)
}

/// Who this device acts for, as remembered at enrollment.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DeviceIdentity {
    pub server_url: String,
    pub device_id: String,
    pub user_id: String,
    pub team_id: Option<String>,
    pub role: Role,
}

fn text(store: &Store, key: &str) -> crate::Result<Option<String>> {
    Ok(store.sync_value(key)?.and_then(|v| String::from_utf8(v).ok()))
}

/// The identity saved by [`enroll`], if this store was enrolled.
pub fn identity(store: &Store) -> crate::Result<Option<DeviceIdentity>> {
    let (Some(server_url), Some(device_id), Some(user_id), Some(role)) = (
        text(store, keys::SERVER)?,
        text(store, keys::DEVICE)?,
        text(store, keys::USER)?,
        text(store, keys::ROLE)?.as_deref().and_then(Role::parse),
    ) else {
        return Ok(None);
    };
    let team_id = text(store, keys::TEAM)?.filter(|t| !t.is_empty());
    Ok(Some(DeviceIdentity { server_url, device_id, user_id, team_id, role }))
}

/// Syncs one store with its server.
pub struct SyncClient {
    http: reqwest::Client,
    server_url: String,
    token: String,
    options: SyncOptions,
    /// The server said it reads compressed requests (`Accept-Encoding: zstd` on an answer, RFC
    /// 7694): the requests after that go compressed.
    server_inflates: AtomicBool,
}

impl SyncClient {
    /// A client trusting the public roots, and `ca_pem` (PEM certificates) when given.
    pub fn new(
        server_url: &str,
        token: &str,
        options: SyncOptions,
        ca_pem: Option<&[u8]>,
    ) -> Result<Self, SyncError> {
        Ok(SyncClient {
            http: http_client(server_url, ca_pem)?,
            server_url: server_url.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
            options,
            server_inflates: AtomicBool::new(false),
        })
    }

    /// The client for the server, token and trusted CA saved by [`enroll`].
    pub fn from_store(store: &Store, options: SyncOptions) -> Result<Self, SyncError> {
        match (text(store, keys::SERVER)?, text(store, keys::TOKEN)?) {
            (Some(server), Some(token)) => Self::new(&server, &token, options, server_ca(store)?.as_deref()),
            _ => Err(SyncError::NotEnrolled),
        }
    }

    /// Sends the outbox and receives what changed, round trip after round trip, until both are
    /// done. Incoming documents are applied in small transactions, so local writes keep flowing.
    pub async fn sync(&self, store: &Arc<Store>) -> Result<SyncReport, SyncError> {
        self.sync_observed(store, |_| {}).await
    }

    /// [`sync`](Self::sync), telling `applied` of each batch of received documents once it is
    /// committed (so screens can show them while the rest still arrives).
    pub async fn sync_observed(
        &self,
        store: &Arc<Store>,
        applied: impl Fn(&ApplyReport),
    ) -> Result<SyncReport, SyncError> {
        match self.sync_once(store, &applied, false).await {
            // The server was restored from a backup older than what it acknowledged to this device
            // (its cursor is of another history): send everything this device may write again,
            // and read the server's data from the start. The server ignores what it still has.
            Err(SyncError::Rejected { status: 409, .. }) => {
                tracing::warn!("the server was restored from a backup: sending every document again");
                let writable: Vec<DocKind> = match identity(store)? {
                    Some(me) => DocKind::ALL.into_iter().filter(|k| me.role.writes(*k)).collect(),
                    None => return Err(SyncError::NotEnrolled),
                };
                on_store(store, move |s| s.resend_everything(&writable)).await?;
                self.sync_once(store, &applied, true).await
            }
            other => other,
        }
    }

    /// Sends one sync request; the answer (its body inflated, and its size on the wire), and
    /// the request's size.
    async fn exchange(&self, request: SyncRequest) -> (Result<(Vec<u8>, usize), SyncError>, usize) {
        let body = request.encode();
        let compressed = (self.server_inflates.load(Ordering::Relaxed)
            && body.len() >= wire::COMPRESS_FROM_BYTES)
            .then(|| wire::compress(&body).ok())
            .flatten();
        let mut post = self
            .http
            .post(url(&self.server_url, paths::SYNC))
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
            .header(CONTENT_TYPE, wire::REQUEST_CONTENT_TYPE)
            .header(ACCEPT_ENCODING, wire::CONTENT_CODING);
        let sent = compressed.as_ref().map_or(body.len(), Vec::len);
        post = match compressed {
            Some(compressed) => post.header(CONTENT_ENCODING, wire::CONTENT_CODING).body(compressed),
            None => post.body(body),
        };
        let answer = async {
            let response = check(post.send().await?).await?;
            let inflates = response.headers().get(ACCEPT_ENCODING).and_then(|v| v.to_str().ok());
            if inflates.is_some_and(wire::accepts_compression) {
                self.server_inflates.store(true, Ordering::Relaxed);
            }
            sync_body(response).await
        };
        (answer.await, sent)
    }

    /// Sends `request` (which carries nothing up) while the last page is written, then prepares
    /// the documents of its answer this device does not hold, on the cores the writing leaves
    /// free, and on the writer's too once it is done (`help`): the writer then only writes (see
    /// `Store::prepare_job`).
    async fn read_ahead(
        &self,
        store: &Arc<Store>,
        session: &mut Session,
        request: SyncRequest,
        help: &Help,
    ) -> Result<ReadAhead, SyncError> {
        let (answer, sent) = self.exchange(request).await;
        let (bytes, wire_bytes) = answer?;
        let received = session.on_response(SyncResponse::decode(&bytes)?, sent, wire_bytes);
        drop(bytes);
        let spare = std::thread::available_parallelism().map_or(1, |n| n.get()).saturating_sub(1).max(1);
        let ReadAhead { received, batches, .. } = ReadAhead::unprepared(received);
        let shared = Arc::clone(&batches);
        let job = Arc::new(on_store(store, move |s| s.prepare_job(shared)).await?);
        *help.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&job));
        let prepared = on_store(store, move |_| {
            job.work_on(spare);
            Ok(job.finish())
        })
        .await?;
        Ok(ReadAhead { received, batches, prepared })
    }

    /// One sync from the saved cursor. `resending`: after a restore, documents holding what only
    /// their authors (or a manager) may send again, such as another rep's visit reports the server
    /// lost, are refused; they wait in the outbox for a later sync instead of failing this one.
    async fn sync_once(
        &self,
        store: &Arc<Store>,
        applied: &impl Fn(&ApplyReport),
        resending: bool,
    ) -> Result<SyncReport, SyncError> {
        let cursor = on_store(store, |s| s.sync_value(keys::CURSOR)).await?.unwrap_or_default();
        // A first sync into an empty store builds the indexes its writes do not need at the end,
        // whatever the outcome (see store/deferred_indexes.rs).
        // Its batches are then held a few at a time in one transaction (`Store::apply_prepared`).
        let first = cursor.is_empty() && on_store(store, |s| s.defer_indexes()).await?;
        // Held batches are told to the screens once they are committed, not when written.
        let mut held = first.then(Vec::new);
        let mut session = Session::new(cursor, self.options.clone());
        let exchanged = self.exchange_pages(store, &mut session, applied, &mut held).await;
        let built = on_store(store, |s| s.build_deferred_indexes()).await;
        // Building committed what was still held first.
        for report in held.into_iter().flatten() {
            applied(&report);
        }
        // What the screens read of the accounts received changed only now; nothing received,
        // nothing to tell.
        if matches!(built, Ok(true)) && session.received() > 0 {
            applied(&ApplyReport { accounts_rewritten: true, ..ApplyReport::default() });
        }
        match exchanged? {
            Some(e) if !resending => return Err(e),
            Some(e) => tracing::warn!("documents wait for their authors to send them again: {e}"),
            None => {}
        }
        built?;
        let pending = on_store(store, |s| s.outbox_count()).await?;
        Ok(session.finish(pending))
    }

    /// The round trips of one sync, until the outbox is sent and nothing more comes: the first
    /// document the server refused, if any (the others went on). `held`, for a first sync: its
    /// batches are held a few at a time before they commit with their cursor, and their reports
    /// wait here until they do (what is left when the sync ends is the caller's to tell).
    async fn exchange_pages(
        &self,
        store: &Arc<Store>,
        session: &mut Session,
        applied: &impl Fn(&ApplyReport),
        held: &mut Option<Vec<ApplyReport>>,
    ) -> Result<Option<SyncError>, SyncError> {
        let first = held.is_some();
        let mut refused = None;
        // The next page, read while the last one was written.
        let mut ahead: Option<Result<ReadAhead, SyncError>> = None;
        loop {
            let ReadAhead { received, batches, prepared } = match ahead.take() {
                // It carried nothing up: an error is the server's or the network's, not a document's.
                Some(read) => read?,
                None => {
                    let limit = self.options.docs_per_request + session.set_aside();
                    let outgoing = on_store(store, move |s| s.outgoing(limit)).await?;
                    let Some(request) = session.next_request(outgoing) else { break };
                    let (answer, sent) = self.exchange(request).await;
                    let (bytes, wire_bytes) = match answer {
                        Ok(answer) => answer,
                        Err(e) if refuses_a_document(&e) && session.on_refused() => {
                            refused.get_or_insert(e);
                            continue;
                        }
                        Err(e) => return Err(e),
                    };
                    let received = session.on_response(SyncResponse::decode(&bytes)?, sent, wire_bytes);
                    ReadAhead::unprepared(received)
                }
            };
            let early = session.prefetch(&received);
            let help: Help = Arc::default();
            let write = async {
                let acks = received.acks;
                on_store(store, move |s| s.acknowledge(&acks)).await?;
                let mut prepared = prepared.into_iter();
                let mut reports = Vec::with_capacity(batches.len());
                for i in 0..batches.len() {
                    let batches = Arc::clone(&batches);
                    let report = match prepared.next() {
                        Some(ready) => {
                            on_store(store, move |s| s.apply_prepared(&batches[i], ready, first)).await?
                        }
                        None => on_store(store, move |s| s.apply_received(batches[i].clone())).await?,
                    };
                    match held.as_mut() {
                        Some(held) => held.push(report.clone()),
                        None => applied(&report),
                    }
                    reports.push(report);
                }
                let cursor = received.cursor;
                if on_store(store, move |s| s.save_cursor(&cursor)).await? {
                    for report in held.iter_mut().flat_map(|held| held.drain(..)) {
                        applied(&report);
                    }
                }
                // The next page may still be being prepared: take part, on the core this leaves free.
                let job = help.lock().unwrap_or_else(PoisonError::into_inner).take();
                if let Some(job) = job {
                    on_store(store, move |_| {
                        job.work();
                        Ok(())
                    })
                    .await?;
                }
                Ok::<_, SyncError>(reports)
            };
            let read = async {
                match early {
                    Some(request) => Some(self.read_ahead(store, session, request, &help).await),
                    None => None,
                }
            };
            let (written, next) = tokio::join!(write, read);
            for report in written? {
                session.on_applied(report);
            }
            ahead = next;
        }
        Ok(refused)
    }

    /// The reps and managers of this device's team, by name (the server refuses an admin's device).
    pub async fn team_members(&self) -> Result<Vec<User>, SyncError> {
        let response = self
            .http
            .get(url(&self.server_url, paths::TEAM_MEMBERS))
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
            .send()
            .await?;
        Ok(check(response).await?.json().await?)
    }
}

/// Administration of an organisation, with an admin token.
pub struct AdminClient {
    http: reqwest::Client,
    server_url: String,
    token: String,
}

impl AdminClient {
    /// A client trusting the public roots, and `ca_pem` (PEM certificates) when given.
    pub fn new(server_url: &str, admin_token: &str, ca_pem: Option<&[u8]>) -> Result<Self, SyncError> {
        Ok(AdminClient {
            http: http_client(server_url, ca_pem)?,
            server_url: server_url.trim_end_matches('/').to_owned(),
            token: admin_token.to_owned(),
        })
    }

    async fn post<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Result<T, SyncError> {
        let response = self
            .http
            .post(url(&self.server_url, path))
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
            .json(body)
            .send()
            .await?;
        Ok(check(response).await?.json().await?)
    }

    pub async fn create_team(&self, name: &str) -> Result<Team, SyncError> {
        self.post(paths::TEAMS, &NewTeam { name: name.to_owned() }).await
    }

    pub async fn create_user(
        &self,
        name: &str,
        role: Role,
        team_id: Option<&str>,
    ) -> Result<User, SyncError> {
        self.post(paths::USERS, &NewUser { name: name.to_owned(), role, team_id: team_id.map(str::to_owned) })
            .await
    }

    pub async fn enrollment_code(&self, user_id: &str) -> Result<EnrollmentCode, SyncError> {
        self.post(paths::ENROLLMENT_CODES, &api::NewEnrollmentCode { user_id: user_id.to_owned() }).await
    }

    /// The device's token stops working at once; what it synced stays.
    pub async fn revoke_device(&self, device_id: &str) -> Result<(), SyncError> {
        let response = self
            .http
            .post(url(&self.server_url, paths::REVOKE_DEVICE))
            .header(AUTHORIZATION, format!("Bearer {}", self.token))
            .json(&api::RevokeDevice { device_id: device_id.to_owned() })
            .send()
            .await?;
        check(response).await?;
        Ok(())
    }
}

/// Each kind of sync error and the message it says, for the catalog's tests.
#[cfg(test)]
pub(crate) fn said() -> Vec<(String, Vec<(&'static str, crate::i18n::Arg<'static>)>)> {
    let mut out = vec![("sync-error-already-enrolled".to_owned(), vec![("user", "u1".into())])];
    for id in [
        "not-enrolled",
        "unauthorized",
        "forbidden",
        "rejected",
        "unavailable",
        "protocol",
        "untrusted-certificate",
        "bad-ca-certificate",
    ] {
        out.push((format!("sync-error-{id}"), Vec::new()));
    }
    for seconds in [0u64, 1, 30] {
        out.push(("sync-error-busy".to_owned(), vec![("seconds", seconds.into())]));
    }
    out.push(("sync-error-insecure-server".to_owned(), vec![("server", "http://tournee.example".into())]));
    out
}

#[cfg(test)]
mod message_tests {
    use super::*;

    #[test]
    fn sync_errors_are_told_without_what_the_server_said() {
        let refused = SyncError::Rejected { status: 413, reason: "body of 99 MB > 16 MB".into() };
        assert_eq!(refused.message(Lang::En), "The server refused the request as malformed or too large.");
        let down = SyncError::Server { status: 503, reason: "busy".into() };
        assert_eq!(
            down.message(Lang::Fr),
            "Le serveur est injoignable pour l'instant. Rien n'est perdu : réessayez plus tard."
        );
        let store = SyncError::Store(crate::Error::NotFound { what: "lead", id: "l1".into() });
        assert_eq!(store.message(Lang::En), "Lead l1 was not found.");
        let busy = SyncError::Busy { retry_after: Some(30), reason: "too many".into() };
        assert_eq!(busy.kind(), SyncErrorKind::Unavailable, "worth retrying, not a credential error");
        assert_eq!(busy.message(Lang::En), "The server is busy: try again in 30 s. Nothing is lost.");
        assert_eq!(
            busy.message(Lang::Fr),
            "Le serveur est occupé : réessayez dans 30\u{a0}s. Rien n'est perdu."
        );
        let busy = SyncError::Busy { retry_after: None, reason: String::new() };
        assert_eq!(busy.message(Lang::En), "The server is busy: try again in a moment. Nothing is lost.");
    }
}
