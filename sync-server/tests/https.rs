//! HTTPS served by the server itself: a device trusting the company's private CA syncs; one that
//! does not is told so, without a panic; a renewed certificate is served after SIGHUP.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose,
};
use tournee_core::i18n::Lang;
use tournee_core::model::{Account, AccountKind};
use tournee_core::store::Store;
use tournee_core::sync::api::Role;
use tournee_core::sync::{enroll, SyncError, SyncErrorKind};

use common::{Device, ServerProcess};

/// A private certificate authority, as a company runs for its own servers.
struct Ca {
    cert: rcgen::Certificate,
    key: KeyPair,
}

impl Ca {
    fn new(name: &str) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        Ca { cert, key }
    }

    fn pem(&self) -> Vec<u8> {
        self.cert.pem().into_bytes()
    }

    /// Writes a server certificate for `localhost` signed by this CA, and its key, to `cert`/`key`.
    fn issue(&self, cert: &Path, key: &Path) {
        let mut params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
        params.distinguished_name.push(DnType::CommonName, "localhost");
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf_key = KeyPair::generate().unwrap();
        let leaf = params.signed_by(&leaf_key, &self.cert, &self.key).unwrap();
        std::fs::write(cert, leaf.pem()).unwrap();
        std::fs::write(key, leaf_key.serialize_pem()).unwrap();
    }
}

fn files(dir: &Path) -> (PathBuf, PathBuf) {
    (dir.join("server.crt"), dir.join("server.key"))
}

/// Whether a fresh connection trusting only `ca` completes a request to the server.
async fn reaches(url: &str, ca: &Ca) -> bool {
    let client = reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .add_root_certificate(reqwest::Certificate::from_pem(&ca.pem()).unwrap())
        .build()
        .unwrap();
    client.get(format!("{url}/health")).send().await.is_ok_and(|r| r.status().is_success())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_trusting_the_company_ca_syncs_over_https_and_another_is_told_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let ca = Ca::new("Tournée test CA");
    let (cert, key) = files(dir.path());
    ca.issue(&cert, &key);
    let server = ServerProcess::start_with(&dir.path().join("server"), "127.0.0.1:0", Some((&cert, &key)));
    assert!(server.url.starts_with("https://"));
    let admin = server.admin_trusting(Some(&ca.pem()));
    let team = admin.create_team("Nord").await.unwrap();
    let pem = ca.pem();
    let rep =
        Device::enroll_trusting(&admin, &server.url, &team.id, "rep", Role::Rep, dir.path(), Some(&pem))
            .await;
    let manager =
        Device::enroll_trusting(&admin, &server.url, &team.id, "mgr", Role::Manager, dir.path(), Some(&pem))
            .await;
    let account =
        rep.store.save_account(&Account::new("Cave Lebrun", AccountKind::Client, rep.user())).unwrap();
    assert_eq!(rep.sync().await.sent, 1);
    manager.sync().await;
    assert_eq!(manager.store.account(&account.id).unwrap().name, "Cave Lebrun");

    // A device that was not given the CA: a clear error in both languages, nothing enrolled.
    let user = admin.create_user("Zoé", Role::Rep, Some(&team.id)).await.unwrap();
    let code = admin.enrollment_code(&user.id).await.unwrap();
    let store = std::sync::Arc::new(Store::open(dir.path().join("untrusting.sqlite3")).unwrap());
    let refused = enroll(&store, &server.url, &code.code, "zoé").await.unwrap_err();
    assert!(matches!(refused, SyncError::UntrustedCertificate(_)), "{refused}");
    assert_eq!(refused.kind(), SyncErrorKind::Unavailable);
    assert!(
        refused.message(Lang::En).contains("certificate is not trusted"),
        "{}",
        refused.message(Lang::En)
    );
    assert!(refused.message(Lang::Fr).contains("certificat du serveur"), "{}", refused.message(Lang::Fr));
    assert!(tournee_core::sync::identity(&store).unwrap().is_none());
    // The code was not spent: trusting the CA, the same device enrolls with it.
    tournee_core::sync::trust_server_ca(&store, Some(&pem)).unwrap();
    enroll(&store, &server.url, &code.code, "zoé").await.unwrap();

    // Plain HTTP to the HTTPS port is not served; to another machine it is refused before sending.
    let plain = format!("http://{}", server.addr);
    assert!(reqwest::get(format!("{plain}/health")).await.is_err());
    let insecure = tournee_core::sync::AdminClient::new("http://tournee.example:8765", "tdt_x", None);
    let insecure = insecure.err().expect("plain http to another machine is refused");
    assert!(matches!(insecure, SyncError::InsecureServer { .. }));
    assert!(insecure.message(Lang::Fr).contains("https://"), "{}", insecure.message(Lang::Fr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_renewed_certificate_is_served_after_sighup_and_a_broken_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let (old_ca, new_ca) = (Ca::new("Old CA"), Ca::new("New CA"));
    let (cert, key) = files(dir.path());
    old_ca.issue(&cert, &key);
    let server = ServerProcess::start_with(&dir.path().join("server"), "127.0.0.1:0", Some((&cert, &key)));
    assert!(reaches(&server.url, &old_ca).await);
    assert!(!reaches(&server.url, &new_ca).await);

    // The certificate is renewed in place (by another CA, to tell them apart); SIGHUP reloads it.
    new_ca.issue(&cert, &key);
    let hangup = || {
        // SAFETY: kill(2) on our own child process.
        assert_eq!(unsafe { libc::kill(server.pid() as i32, libc::SIGHUP) }, 0);
    };
    hangup();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !reaches(&server.url, &new_ca).await {
        assert!(Instant::now() < deadline, "the renewed certificate was not served");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!reaches(&server.url, &old_ca).await, "new connections see the new certificate only");

    // A key that cannot be used is refused on reload: the certificate served so far stays.
    std::fs::write(&key, "not a key").unwrap();
    hangup();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(reaches(&server.url, &new_ca).await);
}

#[test]
fn a_certificate_that_cannot_be_used_stops_the_start_with_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = files(dir.path());
    Ca::new("CA").issue(&cert, &key);
    let (other_cert, other_key) = (dir.path().join("other.crt"), dir.path().join("other.key"));
    Ca::new("Other").issue(&other_cert, &other_key);
    for (cert, key, names) in [
        (&cert, &dir.path().join("missing.key"), "missing.key"),
        (&cert, &other_key, "other.key"),
        (&key, &key, "server.key"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tournee-sync-server"))
            .args(["--listen", "127.0.0.1:0", "--data-dir"])
            .arg(dir.path().join("server"))
            .arg("--tls-cert")
            .arg(cert)
            .arg("--tls-key")
            .arg(key)
            .env("TOURNEE_LOG", "off")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && stderr.contains(names), "{stderr}");
    }
}
