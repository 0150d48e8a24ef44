//! The HTTP adapter: routes, body limits, blocking work off the async threads, errors as text.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use tournee_core::sync::api::{paths, EnrollRequest, NewEnrollmentCode, NewTeam, NewUser, RevokeDevice};
use tournee_core::sync::wire::CONTENT_TYPE;

use crate::service::{ApiError, Service};

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
        response
    }
}

pub fn router(service: Shared) -> Router {
    let max_body = service.limits.max_request_bytes;
    Router::new()
        .route(paths::HEALTH, get(health))
        .route(paths::SYNC, post(sync))
        .route(paths::ENROLL, post(enroll))
        .route(paths::TEAMS, post(create_team))
        .route(paths::USERS, post(create_user))
        .route(paths::ENROLLMENT_CODES, post(create_enrollment_code))
        .route(paths::REVOKE_DEVICE, post(revoke_device))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            tracing::error!("a handler panicked");
            ApiError::new(500, "internal error").into_response()
        }))
        .with_state(service)
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

async fn health() -> &'static str {
    "ok"
}

async fn sync(State(service): State<Shared>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let started = Instant::now();
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    if content_type != Some(CONTENT_TYPE) {
        return Err(ApiError::new(415, format!("the body must be {CONTENT_TYPE}")));
    }
    let auth = authorization(&headers);
    let bytes_in = body.len();
    let (device, result) = blocking(move || {
        let principal = service.authenticate(auth.as_deref())?;
        let result = service.sync(&principal, &body, Utc::now());
        Ok((principal.device_id, result))
    })
    .await?;
    match result {
        Ok(response) => {
            let body = response.encode();
            tracing::info!(
                device = %device, bytes_in, bytes_out = body.len(), accepted = response.accepted,
                docs_out = response.docs.len(), more = response.more,
                ms = started.elapsed().as_millis() as u64, "sync"
            );
            Ok(([(header::CONTENT_TYPE, CONTENT_TYPE)], body).into_response())
        }
        Err(e) => {
            tracing::warn!(device = %device, status = e.status, reason = %e.reason, "sync refused");
            Err(e)
        }
    }
}

async fn enroll(State(service): State<Shared>, Json(req): Json<EnrollRequest>) -> Result<Response, ApiError> {
    let enrollment = blocking(move || service.enroll(&req.code, &req.device_name, Utc::now())).await?;
    tracing::info!(device = %enrollment.device_id, role = enrollment.role.code(), "device enrolled");
    Ok(Json(enrollment).into_response())
}

async fn create_team(
    State(service): State<Shared>,
    headers: HeaderMap,
    Json(req): Json<NewTeam>,
) -> Result<Response, ApiError> {
    let auth = authorization(&headers);
    let team = blocking(move || service.create_team(auth.as_deref(), &req.name, Utc::now())).await?;
    tracing::info!(team = %team.id, "team created");
    Ok((StatusCode::CREATED, Json(team)).into_response())
}

async fn create_user(
    State(service): State<Shared>,
    headers: HeaderMap,
    Json(req): Json<NewUser>,
) -> Result<Response, ApiError> {
    let auth = authorization(&headers);
    let user = blocking(move || service.create_user(auth.as_deref(), &req, Utc::now())).await?;
    tracing::info!(user = %user.id, role = user.role.code(), "user created");
    Ok((StatusCode::CREATED, Json(user)).into_response())
}

async fn create_enrollment_code(
    State(service): State<Shared>,
    headers: HeaderMap,
    Json(req): Json<NewEnrollmentCode>,
) -> Result<Response, ApiError> {
    let auth = authorization(&headers);
    let user_id = req.user_id.clone();
    let code =
        blocking(move || service.create_enrollment_code(auth.as_deref(), &req.user_id, Utc::now())).await?;
    tracing::info!(user = %user_id, "enrollment code issued");
    Ok((StatusCode::CREATED, Json(code)).into_response())
}

async fn revoke_device(
    State(service): State<Shared>,
    headers: HeaderMap,
    Json(req): Json<RevokeDevice>,
) -> Result<StatusCode, ApiError> {
    let auth = authorization(&headers);
    let device_id = req.device_id.clone();
    blocking(move || service.revoke_device(auth.as_deref(), &req.device_id, Utc::now())).await?;
    tracing::info!(device = %device_id, "device revoked");
    Ok(StatusCode::NO_CONTENT)
}
