//! The HTTP adapter: routes, authentication before any body is read, body limits and the budget of
//! bytes in flight, the per-client limits (shed.rs), blocking work off the async threads, errors as
//! text.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, Extensions, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;
use tournee_core::doc::PROJECTION_FORMAT;
use tournee_core::sync::api::{paths, EnrollRequest, NewEnrollmentCode, NewTeam, NewUser, RevokeDevice};
use tournee_core::sync::wire::{self, CONTENT_TYPE, DOCS_FORMAT, MEDIA_TYPE};

use crate::service::{ApiError, Service};
use crate::shed::{retry_after_seconds, PerAddress, PerKey, Slot};
use crate::storage::Principal;

pub type Shared = Arc<Service>;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.reason).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
        }
        response
    }
}

/// What the handlers share: the service, the budget of request bytes held in memory at once, and
/// the per-client limits that shed load (shed.rs).
#[derive(Clone)]
struct AppState {
    service: Shared,
    in_flight: Arc<Semaphore>,
    per_device: Arc<PerKey>,
    enrollments: Arc<PerAddress>,
}

/// Enrollment and admin bodies are a few short fields.
const SMALL_BODY_BYTES: usize = 16 << 10;
/// How long a sync waits for room among the request bytes in flight before it is told to retry.
const IN_FLIGHT_WAIT: Duration = Duration::from_secs(10);

pub fn router(service: Shared) -> Router {
    let in_flight = Arc::new(Semaphore::new(kib(service.limits.max_in_flight_bytes) as usize));
    let per_device = PerKey::new(service.limits.max_requests_per_device);
    let enrollments = Arc::new(PerAddress::new(service.limits.enrollments_per_minute));
    Router::new()
        .route(paths::HEALTH, get(health))
        .route(paths::SYNC, post(sync))
        .route(paths::ENROLL, post(enroll))
        .route(paths::TEAM_MEMBERS, get(team_members))
        .route(paths::TEAMS, post(create_team))
        .route(paths::USERS, post(create_user))
        .route(paths::ENROLLMENT_CODES, post(create_enrollment_code))
        .route(paths::REVOKE_DEVICE, post(revoke_device))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            tracing::error!("a handler panicked");
            ApiError::new(500, "internal error").into_response()
        }))
        .with_state(AppState { service, in_flight, per_device, enrollments })
}

/// Semaphore permits count kibibytes, so a 32 MiB body is 32,768 of them.
fn kib(bytes: usize) -> u32 {
    u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX)
}

/// Runs storage work on the blocking pool so the async threads keep serving.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|_| ApiError::new(500, "internal error"))?
}

fn authorization(headers: &HeaderMap) -> Option<String> {
    headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// How long a device that has too many requests in progress is asked to wait.
const BUSY_RETRY_SECONDS: u64 = 1;

/// The device behind the token, checked before a byte of the body is read, with its place among
/// its requests in progress (held until the answer is ready).
async fn device(state: &AppState, headers: &HeaderMap) -> Result<(Principal, Slot), ApiError> {
    let (service, auth) = (state.service.clone(), authorization(headers));
    let principal = blocking(move || service.authenticate(auth.as_deref())).await?;
    let slot = enter(state, &principal)?;
    Ok((principal, slot))
}

async fn admin(state: &AppState, headers: &HeaderMap) -> Result<(Principal, Slot), ApiError> {
    let (service, auth) = (state.service.clone(), authorization(headers));
    let principal = blocking(move || service.admin(auth.as_deref())).await?;
    let slot = enter(state, &principal)?;
    Ok((principal, slot))
}

/// A place among the device's requests in progress, or 429.
fn enter(state: &AppState, principal: &Principal) -> Result<Slot, ApiError> {
    state.per_device.enter(&principal.device_id).ok_or_else(|| {
        tracing::warn!(device = %principal.device_id, "too many requests at once from one device");
        ApiError::too_many("this device has too many requests in progress; retry", BUSY_RETRY_SECONDS)
    })
}

/// The peer's address, when the server was started with it (lib.rs `run`); an embedding that does
/// not give it shares one enrollment allowance among all.
fn peer(extensions: &Extensions) -> IpAddr {
    extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::from([0u8; 16]), |c| c.0.ip())
}

/// The length the client declared, if it did (a chunked body declares none).
fn content_length(headers: &HeaderMap) -> Option<usize> {
    headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok())
}

/// Reads a body of at most `limit` bytes; a longer one is refused as soon as it passes the limit.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let too_large = |len: Option<usize>| {
        let size = len.map_or_else(|| "the body is".to_owned(), |n| format!("the body is {n} bytes,"));
        ApiError::new(413, format!("{size} more than the limit of {limit} bytes"))
    };
    let declared = content_length(headers);
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large(declared));
    }
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let length_limit =
            std::error::Error::source(&e).is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
        match length_limit {
            true => too_large(None),
            false => ApiError::bad_request("the body could not be read"),
        }
    })
}

/// A small JSON body, read and parsed only after its sender was checked.
async fn json_body<T: DeserializeOwned>(headers: &HeaderMap, body: Body) -> Result<T, ApiError> {
    let bytes = read_body(headers, body, SMALL_BODY_BYTES).await?;
    serde_json::from_slice(&bytes).map_err(|e| ApiError::bad_request(format!("the body is not valid: {e}")))
}

async fn health() -> &'static str {
    "ok"
}

/// Whether the body's declared media type is `expected`, whatever its case and parameters
/// (`application/json; charset=utf-8` is JSON).
fn is_media_type(headers: &HeaderMap, expected: &str) -> bool {
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    declared.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case(expected)
}

/// Whether the request body is compressed (`Content-Encoding: zstd`); 415 for a coding this
/// server does not read.
fn is_compressed(headers: &HeaderMap) -> Result<bool, ApiError> {
    match headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap_or("?").trim()) {
        None | Some("identity") => Ok(false),
        Some(coding) if coding.eq_ignore_ascii_case(wire::CONTENT_CODING) => Ok(true),
        Some(coding) => {
            Err(ApiError::new(415, format!("the content coding {coding:?} is not read here: use zstd")))
        }
    }
}

/// A numeric parameter of the `Content-Type` a device declares: `docs`, the documents format
/// (`None` for an app from before it, format 1), or `rows`, the projected rows it reads (`None` for
/// an app from before them).
fn content_type_parameter(headers: &HeaderMap, wanted: &str) -> Option<u32> {
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok())?;
    declared.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim().eq_ignore_ascii_case(wanted).then(|| value.trim().trim_matches('"').parse().ok())?
    })
}

async fn sync(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let started = Instant::now();
    if !is_media_type(&headers, MEDIA_TYPE) {
        return Err(ApiError::new(415, format!("the body must be {MEDIA_TYPE}")));
    }
    if content_type_parameter(&headers, "docs").is_none_or(|format| format < DOCS_FORMAT) {
        // An app older than the team's documents could not read them: it keeps what it saved
        // (its outbox) until it is updated.
        return Err(ApiError::new(
            426,
            "this version of Tournée cannot read the team's documents: update the app, then sync again \
             (what this device saved is kept)",
        ));
    }
    let (principal, _slot) = device(&state, &headers).await?;
    // Room for the whole body among the bytes in flight, held until the answer is ready: memory
    // stays bounded however many devices upload at once.
    let limit = state.service.limits.max_request_bytes;
    let reserve = kib(content_length(&headers).unwrap_or(limit).min(limit)).max(1);
    let _room = tokio::time::timeout(IN_FLIGHT_WAIT, state.in_flight.acquire_many(reserve))
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| ApiError::new(503, "the server is receiving too much at once; retry"))?;
    let body = read_body(&headers, body, limit).await?;
    let bytes_in = body.len();
    // A compressed body takes room for what it inflates to as well, before it is inflated.
    // The size a compressed body inflates to, inflated on the blocking pool with the sync.
    let (inflate_to, _inflated_room) = match is_compressed(&headers)? {
        false => (None, None),
        true => {
            let size = wire::declared_size(&body).ok_or_else(|| {
                ApiError::bad_request("a compressed body must be one zstd frame that declares its size")
            })?;
            if size > limit as u64 {
                return Err(ApiError::new(
                    413,
                    format!("the body inflates to {size} bytes, more than the limit of {limit} bytes"),
                ));
            }
            let room =
                tokio::time::timeout(IN_FLIGHT_WAIT, state.in_flight.acquire_many(kib(size as usize).max(1)))
                    .await
                    .ok()
                    .and_then(Result::ok)
                    .ok_or_else(|| ApiError::new(503, "the server is receiving too much at once; retry"))?;
            (Some(size), Some(room))
        }
    };
    // Rows of the one format this server writes, to a device that reads it.
    let with_rows =
        content_type_parameter(&headers, wire::ROWS_PARAMETER) == Some(u32::from(PROJECTION_FORMAT));
    let service = state.service.clone();
    let device = principal.device_id.clone();
    let accepts_compression = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(wire::accepts_compression);
    let result = blocking(move || {
        let inflated = match inflate_to.map(|size| wire::decompress(&body, size)) {
            None => None,
            Some(Ok(inflated)) => Some(inflated),
            Some(Err(e)) => {
                return Ok(Err(ApiError::bad_request(format!("the compressed body does not inflate: {e}"))));
            }
        };
        let body = inflated.as_deref().unwrap_or(&body);
        Ok(service.sync(&principal, body, Utc::now(), with_rows).map(|response| {
            let body = response.encode();
            let compress = accepts_compression && body.len() >= wire::COMPRESS_FROM_BYTES;
            // Compressing cannot fail on a body in memory; were it to, the body goes as it is.
            let compressed = compress.then(|| wire::compress_response(&response, &body).ok()).flatten();
            (response, body, compressed)
        }))
    })
    .await?;
    match result {
        Ok((response, body, compressed)) => {
            tracing::info!(
                device = %device, bytes_in, bytes_out = body.len(),
                wire_bytes_out = compressed.as_ref().map_or(body.len(), Vec::len),
                accepted = response.accepted, docs_out = response.docs.len(), more = response.more,
                ms = started.elapsed().as_millis() as u64, "sync"
            );
            let vary = (header::VARY, header::HeaderValue::from_static("accept-encoding"));
            let content_type = (header::CONTENT_TYPE, header::HeaderValue::from_static(CONTENT_TYPE));
            // What this server reads in a request (RFC 7694): the device compresses what it sends next.
            let reads = (header::ACCEPT_ENCODING, header::HeaderValue::from_static(wire::CONTENT_CODING));
            Ok(match compressed {
                Some(compressed) => {
                    let coding =
                        (header::CONTENT_ENCODING, header::HeaderValue::from_static(wire::CONTENT_CODING));
                    ([content_type, coding, vary, reads], compressed).into_response()
                }
                None => ([content_type, vary, reads], body).into_response(),
            })
        }
        Err(e) => {
            tracing::warn!(device = %device, status = e.status, reason = %e.reason, "sync refused");
            Err(e)
        }
    }
}

async fn enroll(
    State(state): State<AppState>,
    extensions: Extensions,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if let Err(wait) = state.enrollments.take(peer(&extensions), Instant::now()) {
        tracing::warn!("too many enrollment attempts from one address");
        let reason = "too many enrollment attempts from this address; retry later";
        return Err(ApiError::too_many(reason, retry_after_seconds(wait)));
    }
    let req: EnrollRequest = json_body(&headers, body).await?;
    let service = state.service.clone();
    let enrollment = blocking(move || service.enroll(&req.code, &req.device_name, Utc::now())).await?;
    tracing::info!(device = %enrollment.device_id, role = enrollment.role.code(), "device enrolled");
    Ok(Json(enrollment).into_response())
}

async fn team_members(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let (principal, _slot) = device(&state, &headers).await?;
    let service = state.service.clone();
    let members = blocking(move || service.team_members(&principal)).await?;
    Ok(Json(members).into_response())
}

async fn create_team(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (admin, _slot) = admin(&state, &headers).await?;
    let req: NewTeam = json_body(&headers, body).await?;
    let service = state.service.clone();
    let team = blocking(move || service.create_team(&admin, &req.name, Utc::now())).await?;
    tracing::info!(team = %team.id, "team created");
    Ok((StatusCode::CREATED, Json(team)).into_response())
}

async fn create_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (admin, _slot) = admin(&state, &headers).await?;
    let req: NewUser = json_body(&headers, body).await?;
    let service = state.service.clone();
    let user = blocking(move || service.create_user(&admin, &req, Utc::now())).await?;
    tracing::info!(user = %user.id, role = user.role.code(), "user created");
    Ok((StatusCode::CREATED, Json(user)).into_response())
}

async fn create_enrollment_code(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (admin, _slot) = admin(&state, &headers).await?;
    let req: NewEnrollmentCode = json_body(&headers, body).await?;
    let user_id = req.user_id.clone();
    let service = state.service.clone();
    let code = blocking(move || service.create_enrollment_code(&admin, &req.user_id, Utc::now())).await?;
    tracing::info!(user = %user_id, "enrollment code issued");
    Ok((StatusCode::CREATED, Json(code)).into_response())
}

async fn revoke_device(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<StatusCode, ApiError> {
    let (admin, _slot) = admin(&state, &headers).await?;
    let req: RevokeDevice = json_body(&headers, body).await?;
    let device_id = req.device_id.clone();
    let service = state.service.clone();
    blocking(move || service.revoke_device(&admin, &req.device_id, Utc::now())).await?;
    tracing::info!(device = %device_id, "device revoked");
    Ok(StatusCode::NO_CONTENT)
}
