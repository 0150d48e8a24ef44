//! Tournée's sync server as a library: [`Server::bind`] then [`Server::run`] (or [`serve`]), so the
//! `tournee-sync-server` binary and an embedding program (`tournee demo`) run the same thing.
//!
//! The protocol is described in `PROTOCOL.md` beside this crate.

mod http;
mod policy;
mod projector;
mod secret;
mod service;
mod shed;
pub mod storage;
mod tls;

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::serve::ListenerExt;
use chrono::Utc;

use service::Service;
use storage::postgres::PostgresStorage;
use storage::sqlite::SqliteStorage;
use storage::StorageError;
pub use tls::{TlsError, TlsFiles, TlsReloader};

/// Where the server listens and keeps its data, and the limits it enforces.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// Holds `tournee-sync.sqlite3`; created on first start. Unused with `database`.
    pub data_dir: PathBuf,
    /// A PostgreSQL connection URL: the server stores everything there instead of `data_dir`, and
    /// several server processes may share it.
    pub database: Option<String>,
    pub limits: Limits,
    /// Serve HTTPS with this certificate and key; plain HTTP when `None` (loopback, tests).
    pub tls: Option<TlsFiles>,
}

/// The explicit limits of what one request may carry (see PROTOCOL.md, "Limits").
#[derive(Debug, Clone)]
pub struct Limits {
    /// A request body larger than this is refused with 413.
    pub max_request_bytes: usize,
    /// Changes to one document in one request larger than this are refused with 413.
    pub max_doc_bytes: usize,
    pub max_docs_per_request: usize,
    /// Request bodies held in memory at once, all requests together; a sync waits for room (503
    /// after 10 s), so a burst of large uploads cannot exhaust the machine.
    pub max_in_flight_bytes: usize,
    /// The most document bytes in one response (a single larger document still goes alone).
    pub max_page_bytes: usize,
    /// The server's copy of a document is compacted when the chunks since its snapshot outweigh
    /// both the snapshot and this.
    pub compact_after_bytes: usize,
    pub enrollment_code_ttl: chrono::Duration,
    /// Merged copies of the documents written last kept in memory (0: none), so that an upload to
    /// one of them does not load its history again.
    pub merged_docs: usize,
    /// Requests one device (sync, team list, admin) may have in progress at once; one more is
    /// answered 429 with `Retry-After`, so a device looping on the server cannot slow the others.
    pub max_requests_per_device: usize,
    /// Enrollment attempts one network address (an IPv4 address, an IPv6 /64) may make per minute,
    /// in a burst of as many; one more is answered 429 with `Retry-After`.
    pub enrollments_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_request_bytes: 32 << 20,
            max_doc_bytes: 8 << 20,
            max_docs_per_request: 2_000,
            max_in_flight_bytes: 96 << 20,
            max_page_bytes: 4 << 20,
            compact_after_bytes: 16 << 10,
            merged_docs: 1024,
            enrollment_code_ttl: chrono::Duration::days(7),
            // A device syncs one request after another; two leave room for the team list.
            max_requests_per_device: 2,
            enrollments_per_minute: 20,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("serving failed: {0}")]
    Serve(std::io::Error),
    #[error("{0}")]
    Api(String),
    #[error("{0}")]
    Tls(#[from] TlsError),
}

impl From<service::ApiError> for ServerError {
    fn from(e: service::ApiError) -> Self {
        ServerError::Api(e.reason)
    }
}

/// A server bound to its address, with its storage open, ready to [`run`](Server::run).
pub struct Server {
    listener: tokio::net::TcpListener,
    tls: Option<tls::Tls>,
    service: http::Shared,
    bootstrap_admin_token: Option<String>,
}

/// Where the server keeps its data: the embedded SQLite file of a data directory, or PostgreSQL.
#[derive(Debug, Clone)]
pub enum StorageChoice {
    DataDir(PathBuf),
    Postgres(String),
}

impl StorageChoice {
    pub fn new(data_dir: &Path, database: Option<&str>) -> Self {
        match database {
            Some(url) => StorageChoice::Postgres(url.to_owned()),
            None => StorageChoice::DataDir(data_dir.to_owned()),
        }
    }

    fn open(&self) -> Result<Box<dyn Storage>, StorageError> {
        Ok(match self {
            StorageChoice::DataDir(dir) => Box::new(SqliteStorage::open(dir)?),
            StorageChoice::Postgres(url) => Box::new(PostgresStorage::open(url)?),
        })
    }
}

fn open_service(storage: &StorageChoice, limits: Limits) -> Result<Service, ServerError> {
    Ok(Service::new(storage.open()?, limits)?)
}

pub use storage::Storage;

impl Server {
    /// Opens (or creates) the storage and binds the listener. On the very first start, creates
    /// the organisation and its admin, whose token [`Server::bootstrap_admin_token`] gives once.
    pub async fn bind(config: Config) -> Result<Server, ServerError> {
        let Config { listen, data_dir, database, limits, tls } = config;
        let storage = StorageChoice::new(&data_dir, database.as_deref());
        // A certificate that cannot be used stops the start, before anything is opened.
        let tls = tls.map(tls::Tls::new).transpose()?;
        let (service, bootstrap_admin_token) = tokio::task::spawn_blocking(move || {
            let service = open_service(&storage, limits)?;
            let (_, created) = service.storage.ensure_admin(Utc::now())?;
            let token = if created { Some(service.issue_admin_token(Utc::now())?.0) } else { None };
            Ok::<_, ServerError>((service, token))
        })
        .await
        .map_err(|e| ServerError::Api(e.to_string()))??;
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|source| ServerError::Bind { addr: listen, source })?;
        Ok(Server { listener, tls, service: Arc::new(service), bootstrap_admin_token })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> Result<SocketAddr, ServerError> {
        self.listener.local_addr().map_err(ServerError::Serve)
    }

    /// The handle that reloads the certificate and key from their files; `None` over plain HTTP.
    pub fn tls_reloader(&self) -> Option<TlsReloader> {
        self.tls.as_ref().map(|tls| tls.reloader.clone())
    }

    /// The admin token made on the first start of this data directory; `None` afterwards.
    pub fn bootstrap_admin_token(&mut self) -> Option<String> {
        self.bootstrap_admin_token.take()
    }

    /// Serves until `shutdown` completes, then finishes the requests in progress.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<(), ServerError> {
        let addr = self.local_addr()?;
        projector::spawn(&self.service);
        // The peer's address keys the enrollment limit (shed.rs).
        let app = http::router(self.service).into_make_service_with_connect_info::<SocketAddr>();
        match self.tls {
            Some(tls) => {
                tracing::info!(%addr, "serving HTTPS");
                let listener = tls.listen(self.listener).map_err(ServerError::Serve)?;
                // axum gives the peer's address to its own listener types only: `tap_io` (which
                // leaves each connection as it is) makes ours one of them.
                axum::serve(listener.tap_io(|_| {}), app).with_graceful_shutdown(shutdown).await
            }
            None => {
                tracing::info!(%addr, "serving plain HTTP");
                axum::serve(self.listener, app).with_graceful_shutdown(shutdown).await
            }
        }
        .map_err(ServerError::Serve)?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Binds and serves until `shutdown` completes.
pub async fn serve(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    Server::bind(config).await?.run(shutdown).await
}

/// Writes a consistent copy of the data directory's database to `to` (a new file), safe while the
/// server runs and devices sync.
pub fn backup(data_dir: &Path, to: &Path) -> Result<(), ServerError> {
    Ok(storage::backup::backup(data_dir, to)?)
}

/// Puts a backup in place in `data_dir` (the server stopped); returns where the database found
/// there was kept, if there was one. Devices keep their enrollment and send again what it lacks.
pub fn restore(from: &Path, data_dir: &Path) -> Result<Option<PathBuf>, ServerError> {
    Ok(storage::backup::restore(from, data_dir)?)
}

/// Copies the data directory's database into the empty PostgreSQL database at `url` (the server
/// stopped); returns how many rows each table gave. Devices then sync through a server started on
/// `url` without enrolling again.
pub fn copy_to_postgres(data_dir: &Path, url: &str) -> Result<Vec<(&'static str, u64)>, ServerError> {
    Ok(storage::to_postgres::copy(data_dir, url)?.rows)
}

/// Marks the PostgreSQL database at `url`, just restored from a dump, as another history of the
/// data: devices that synced after the dump send again what it lacks (a data directory's
/// `restore` does this itself).
pub fn new_history(url: &str) -> Result<(), ServerError> {
    Ok(PostgresStorage::open(url)?.new_history()?)
}

/// Projects now every document a first sync would send without its rows (the server stopped, or
/// running: what it projects meanwhile is not projected twice); returns how many were projected.
/// A running server does this in the background when its cores are idle: this is for an operator
/// who wants it done before the devices' first syncs, such as after `copy-to-postgres` of an older
/// data directory.
pub fn project(storage: &StorageChoice) -> Result<usize, ServerError> {
    Ok(projector::project_all(&*storage.open()?)?)
}

/// Issues a new admin token straight into the storage (for whoever runs the server host),
/// creating the organisation and its admin if needed. Safe while the server runs.
pub fn issue_admin_token(storage: &StorageChoice) -> Result<String, ServerError> {
    let service = open_service(storage, Limits::default())?;
    Ok(service.issue_admin_token(Utc::now())?.0)
}
