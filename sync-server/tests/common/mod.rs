//! The harness of the end-to-end tests: the real server binary on a free port of 127.0.0.1 with a
//! temporary data directory, devices with their own stores, and a proxy that counts the bytes.

#![allow(dead_code)] // each test file uses part of the harness

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use tournee_core::store::Store;
use tournee_core::sync::api::{Enrollment, Role};
use tournee_core::sync::{enroll, AdminClient, SyncClient, SyncOptions, SyncReport};

pub struct ServerProcess {
    child: Child,
    pub addr: SocketAddr,
    pub url: String,
    pub data_dir: PathBuf,
    /// Printed on the first start of a data directory only.
    pub admin_token: Option<String>,
}

impl ServerProcess {
    /// Starts the server binary on `listen` (port 0 for a free one) and waits until it serves.
    pub fn start(data_dir: &Path, listen: &str) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tournee-sync-server"))
            .args(["--listen", listen, "--data-dir"])
            .arg(data_dir)
            .env("TOURNEE_LOG", std::env::var("TOURNEE_TEST_LOG").unwrap_or_else(|_| "off".into()))
            .stdout(Stdio::piped())
            .spawn()
            .expect("the server binary starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout is piped")).lines();
        let mut admin_token = None;
        let addr = loop {
            let line = lines.next().expect("the server prints its address").expect("stdout is readable");
            if let Some(token) = line.strip_prefix("admin token: ") {
                admin_token = Some(token.to_owned());
            }
            if let Some(addr) = line.strip_prefix("listening on ") {
                break addr.parse::<SocketAddr>().expect("a socket address");
            }
        };
        ServerProcess {
            child,
            addr,
            url: format!("http://{addr}"),
            data_dir: data_dir.to_owned(),
            admin_token,
        }
    }

    /// SIGKILL: no graceful anything.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts again on the same address and data directory.
    pub fn restart(&mut self) {
        self.kill();
        *self = ServerProcess::start(&self.data_dir.clone(), &self.addr.to_string());
    }

    pub fn admin(&self) -> AdminClient {
        AdminClient::new(&self.url, self.admin_token.as_deref().expect("first start")).unwrap()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One enrolled device with its own store.
pub struct Device {
    pub name: String,
    pub store: Arc<Store>,
    pub client: SyncClient,
    pub enrollment: Enrollment,
}

impl Device {
    /// Creates the user, issues a code and enrolls a fresh store with it.
    pub async fn enroll(
        admin: &AdminClient,
        server_url: &str,
        team_id: &str,
        name: &str,
        role: Role,
        dir: &Path,
    ) -> Device {
        let user = admin.create_user(name, role, Some(team_id)).await.unwrap();
        let code = admin.enrollment_code(&user.id).await.unwrap();
        let store = Arc::new(Store::open(dir.join(format!("{name}.sqlite3"))).unwrap());
        let enrollment = enroll(&store, server_url, &code.code, name).await.unwrap();
        assert_eq!(enrollment.user_id, user.id);
        let client = SyncClient::from_store(&store, SyncOptions::default()).unwrap();
        Device { name: name.to_owned(), store, client, enrollment }
    }

    pub async fn sync(&self) -> SyncReport {
        self.client.sync(&self.store).await.unwrap_or_else(|e| panic!("{} failed to sync: {e}", self.name))
    }

    pub fn user(&self) -> &str {
        &self.enrollment.user_id
    }
}
