//! HTTPS served by the server itself (rustls): the certificate chain and private key come from PEM
//! files and are swapped in place by [`TlsReloader::reload`], so new connections get the new
//! certificate while open ones finish with the old.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::rustls::crypto::{ring, CryptoProvider};
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::server::{ClientHello, ResolvesServerCert};
use tokio_rustls::rustls::sign::CertifiedKey;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// A client that has not finished its handshake by then is dropped (a stalled client holds nothing).
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Handshaken connections waiting for the server to take them.
const READY_QUEUE: usize = 64;

/// Where the server's certificate chain (leaf first) and private key are, both PEM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Why the certificate or key could not be used; names the file, never its content.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("TLS certificate {}: {reason}", path.display())]
    Cert { path: PathBuf, reason: String },
    #[error("TLS private key {}: {reason}", path.display())]
    Key { path: PathBuf, reason: String },
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(ring::default_provider())
}

/// Reads and checks the pair: a chain with at least one certificate, a key rustls can sign with,
/// and the key matching the leaf certificate.
fn load(files: &TlsFiles) -> Result<Arc<CertifiedKey>, TlsError> {
    let cert_error = |reason: String| TlsError::Cert { path: files.cert.clone(), reason };
    let key_error = |reason: String| TlsError::Key { path: files.key.clone(), reason };
    let chain = CertificateDer::pem_file_iter(&files.cert)
        .map_err(|e| cert_error(e.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| cert_error(e.to_string()))?;
    if chain.is_empty() {
        return Err(cert_error("no PEM certificate in the file".into()));
    }
    let key = PrivateKeyDer::from_pem_file(&files.key).map_err(|e| key_error(e.to_string()))?;
    let certified = CertifiedKey::from_der(chain, key, &provider())
        .map_err(|e| key_error(format!("cannot be used with the certificate: {e}")))?;
    Ok(Arc::new(certified))
}

/// The certificate every new handshake is answered with.
#[derive(Debug)]
struct CurrentCert(RwLock<Arc<CertifiedKey>>);

impl ResolvesServerCert for CurrentCert {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.0.read().unwrap_or_else(|p| p.into_inner()).clone())
    }
}

/// Reloads the certificate and key from their files (after a renewal); cheap to clone.
#[derive(Debug, Clone)]
pub struct TlsReloader {
    files: TlsFiles,
    current: Arc<CurrentCert>,
}

impl TlsReloader {
    /// Reads the files again. On an error the certificate served so far stays.
    pub fn reload(&self) -> Result<(), TlsError> {
        let fresh = load(&self.files)?;
        *self.current.0.write().unwrap_or_else(|p| p.into_inner()) = fresh;
        Ok(())
    }
}

/// The TLS side of a server: its acceptor and the handle that reloads its certificate.
pub(crate) struct Tls {
    acceptor: TlsAcceptor,
    pub(crate) reloader: TlsReloader,
}

impl Tls {
    pub(crate) fn new(files: TlsFiles) -> Result<Tls, TlsError> {
        let current = Arc::new(CurrentCert(RwLock::new(load(&files)?)));
        let mut config = ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .map_err(|e| TlsError::Cert { path: files.cert.clone(), reason: e.to_string() })?
            .with_no_client_auth()
            .with_cert_resolver(current.clone());
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Tls { acceptor: TlsAcceptor::from(Arc::new(config)), reloader: TlsReloader { files, current } })
    }

    /// A listener that hands axum connections once their handshake is done. Handshakes run
    /// concurrently, each bounded in time, so one slow client holds no one else up.
    pub(crate) fn listen(self, tcp: TcpListener) -> std::io::Result<TlsListener> {
        let local_addr = tcp.local_addr()?;
        let (ready, incoming) = mpsc::channel(READY_QUEUE);
        let acceptor = self.acceptor;
        let accepting = tokio::spawn(async move {
            loop {
                let (stream, peer) = match tcp.accept().await {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // Out of file descriptors and the like: wait rather than spin.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let (acceptor, ready) = (acceptor.clone(), ready.clone());
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                        Ok(Ok(tls)) => {
                            let _ = ready.send((tls, peer)).await;
                        }
                        Ok(Err(e)) => tracing::debug!(error = %e, "TLS handshake failed"),
                        Err(_) => tracing::debug!("TLS handshake timed out"),
                    }
                });
            }
        });
        Ok(TlsListener { incoming, local_addr, accepting })
    }
}

/// Connections whose TLS handshake succeeded, for `axum::serve`.
pub(crate) struct TlsListener {
    incoming: mpsc::Receiver<(TlsStream<TcpStream>, std::net::SocketAddr)>,
    local_addr: std::net::SocketAddr,
    accepting: tokio::task::JoinHandle<()>,
}

impl Drop for TlsListener {
    fn drop(&mut self) {
        // Stop taking connections with the server (graceful shutdown drops the listener).
        self.accepting.abort();
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.incoming.recv().await {
            Some(connection) => connection,
            // The accepting task never ends on its own while the listener lives.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.local_addr)
    }
}
