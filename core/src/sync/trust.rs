//! Which servers a device talks to: HTTPS verified against the public roots plus, for a company's
//! own deployment, a private certificate authority (CA) given at enrollment and kept in the store;
//! plain HTTP only to this machine (tests, the demo), never across a network.

use std::net::IpAddr;
use std::time::Duration;

use super::transport::SyncError;
use crate::store::sync_keys as keys;
use crate::store::Store;

/// The client every call to a server uses, trusting `ca_pem` (PEM certificates) besides the
/// public roots. Refuses an address that would send the token in clear over a network.
pub(super) fn http_client(server_url: &str, ca_pem: Option<&[u8]>) -> Result<reqwest::Client, SyncError> {
    check_address(server_url)?;
    let builder = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(120))
        .user_agent(concat!("tournee/", env!("CARGO_PKG_VERSION")));
    trusting(builder, ca_pem)
}

/// `builder` built trusting `ca_pem` besides the public roots. reqwest reads a certificate's DER
/// only here: a PEM block of junk is refused when the client is built, not when it is parsed.
fn trusting(
    mut builder: reqwest::ClientBuilder,
    ca_pem: Option<&[u8]>,
) -> Result<reqwest::Client, SyncError> {
    if let Some(pem) = ca_pem {
        for certificate in certificates(pem)? {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder.build().map_err(|e| SyncError::BadCaCertificate(e.to_string()))
}

/// The certificates of a PEM file; refused when it holds none or one is malformed.
fn certificates(pem: &[u8]) -> Result<Vec<reqwest::Certificate>, SyncError> {
    let certificates =
        reqwest::Certificate::from_pem_bundle(pem).map_err(|e| SyncError::BadCaCertificate(e.to_string()))?;
    if certificates.is_empty() {
        return Err(SyncError::BadCaCertificate("no PEM certificate (BEGIN CERTIFICATE) in the file".into()));
    }
    Ok(certificates)
}

/// `https://` anywhere; `http://` only to a loopback address (localhost, 127.0.0.0/8, ::1).
fn check_address(server_url: &str) -> Result<(), SyncError> {
    let insecure = || SyncError::InsecureServer { server: server_url.to_owned() };
    let url = reqwest::Url::parse(server_url).map_err(|_| insecure())?;
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&url) => Ok(()),
        _ => Err(insecure()),
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Trusts the private CA in `ca_pem` (PEM certificates) for this device's server from now on, or
/// only the public roots again with `None`. Checked before it is kept.
pub fn trust_server_ca(store: &Store, ca_pem: Option<&[u8]>) -> Result<(), SyncError> {
    match ca_pem {
        Some(pem) => {
            trusting(reqwest::Client::builder(), Some(pem))?;
            store.set_sync_value(keys::SERVER_CA, pem)?;
        }
        None => store.set_sync_value(keys::SERVER_CA, &[])?,
    }
    Ok(())
}

/// The private CA this device trusts, if one was given.
pub(super) fn server_ca(store: &Store) -> crate::Result<Option<Vec<u8>>> {
    Ok(store.sync_value(keys::SERVER_CA)?.filter(|pem| !pem.is_empty()))
}

/// Whether the call failed because the server's certificate is not one this device trusts
/// (unknown CA, expired, for another name), rather than the network.
pub(super) fn is_untrusted_certificate(e: &reqwest::Error) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(error) = next {
        if let Some(rustls::Error::InvalidCertificate(_)) = error.downcast_ref::<rustls::Error>() {
            return true;
        }
        // rustls's error travels inside io::Errors, whose `source` skips what they wrap.
        next = match error.downcast_ref::<std::io::Error>() {
            Some(io) => io.get_ref().map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => error.source(),
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_for_this_machine_only() {
        for ok in ["https://tournee.example", "http://127.0.0.1:8765", "http://localhost:1", "http://[::1]:8"]
        {
            assert!(check_address(ok).is_ok(), "{ok}");
        }
        for refused in ["http://tournee.example", "http://10.0.2.2:8765", "ftp://x", "tournee.example"] {
            assert!(matches!(check_address(refused), Err(SyncError::InsecureServer { .. })), "{refused}");
        }
    }

    #[test]
    fn a_file_without_a_certificate_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("s.sqlite3")).unwrap();
        let key = b"-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n";
        let junk = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        for pem in [&b"not a certificate"[..], key, junk] {
            let e = trust_server_ca(&store, Some(pem)).unwrap_err();
            assert!(matches!(e, SyncError::BadCaCertificate(_)), "{e}");
        }
        assert_eq!(server_ca(&store).unwrap(), None, "nothing kept");
    }
}
