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
use tournee_core::sync::{enroll, trust_server_ca, AdminClient, SyncClient, SyncOptions, SyncReport};

pub struct ServerProcess {
    child: Child,
    pub addr: SocketAddr,
    pub url: String,
    pub data_dir: PathBuf,
    /// Printed on the first start of a data directory only.
    pub admin_token: Option<String>,
    /// Flags given at start, given again at each restart.
    flags: Vec<String>,
    /// On the data directory's SQLite file even when the suite runs against PostgreSQL.
    sqlite: bool,
}

impl ServerProcess {
    /// Starts the server binary on `listen` (port 0 for a free one) and waits until it serves.
    pub fn start(data_dir: &Path, listen: &str) -> Self {
        Self::start_with(data_dir, listen, None)
    }

    /// [`start`](Self::start), serving HTTPS with `tls` (certificate, key) when given; the URL
    /// then names `localhost`, the name the test certificates are for.
    pub fn start_with(data_dir: &Path, listen: &str, tls: Option<(&Path, &Path)>) -> Self {
        Self::spawn(data_dir, listen, tls, Vec::new(), false)
    }

    /// [`start`](Self::start) with more command-line flags, kept for each restart.
    pub fn start_flags(data_dir: &Path, listen: &str, flags: &[&str]) -> Self {
        Self::spawn(data_dir, listen, None, flags.iter().map(|f| f.to_string()).collect(), false)
    }

    /// [`start`](Self::start) on the data directory's SQLite file whatever the suite runs against.
    pub fn start_on_sqlite(data_dir: &Path, listen: &str) -> Self {
        Self::spawn(data_dir, listen, None, Vec::new(), true)
    }

    fn spawn(
        data_dir: &Path,
        listen: &str,
        tls: Option<(&Path, &Path)>,
        flags: Vec<String>,
        sqlite: bool,
    ) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tournee-sync-server"));
        if let Some((cert, key)) = tls {
            command.arg("--tls-cert").arg(cert).arg("--tls-key").arg(key);
        }
        if let Some(url) = test_database(data_dir).filter(|_| !sqlite) {
            command.arg("--database-url").arg(url);
        }
        let mut child = command
            .args(&flags)
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
        let url = match tls {
            Some(_) => format!("https://localhost:{}", addr.port()),
            None => format!("http://{addr}"),
        };
        ServerProcess { child, addr, url, data_dir: data_dir.to_owned(), admin_token, flags, sqlite }
    }

    /// The server's process id, to read its memory from `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no graceful anything.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts again on the same address and data directory.
    pub fn restart(&mut self) {
        self.kill();
        let (data_dir, addr, flags) = (self.data_dir.clone(), self.addr.to_string(), self.flags.clone());
        *self = ServerProcess::spawn(&data_dir, &addr, None, flags, self.sqlite);
    }

    pub fn admin(&self) -> AdminClient {
        self.admin_trusting(None)
    }

    /// An admin client trusting `ca_pem` besides the public roots.
    pub fn admin_trusting(&self, ca_pem: Option<&[u8]>) -> AdminClient {
        AdminClient::new(&self.url, self.admin_token.as_deref().expect("first start"), ca_pem).unwrap()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// With `TOURNEE_TEST_POSTGRES` set (the URL `scripts/postgres.sh start` prints), the suite runs
/// against PostgreSQL: each data directory gets a database of its own on that cluster, created on
/// its first start and named in a file inside it, so a restart finds the same one.
pub fn test_database(data_dir: &Path) -> Option<String> {
    let cluster = std::env::var("TOURNEE_TEST_POSTGRES").ok().filter(|url| !url.is_empty())?;
    std::fs::create_dir_all(data_dir).expect("the data directory can be made");
    let named = data_dir.join("postgres-database");
    let name = match std::fs::read_to_string(&named) {
        Ok(name) => name,
        Err(_) => {
            static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let stamp =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_micros();
            let name = format!("t{}_{n}_{stamp}", std::process::id());
            tournee_testkit::postgres::create_database(&cluster, &name);
            std::fs::write(&named, &name).expect("the database's name is written");
            name
        }
    };
    Some(format!("{cluster}/{name}"))
}

/// Makes the server of `data_dir` use the database `name` of the test cluster (created already):
/// two data directories naming one database are two server processes over it.
pub fn use_database(data_dir: &Path, name: &str) {
    std::fs::create_dir_all(data_dir).expect("the data directory can be made");
    std::fs::write(data_dir.join("postgres-database"), name).expect("the database's name is written");
}

/// The name of the test database `data_dir`'s server uses.
pub fn database_name(data_dir: &Path) -> String {
    std::fs::read_to_string(data_dir.join("postgres-database")).expect("a server on PostgreSQL started there")
}

/// The rows a read-only query gives on the server's database of `data_dir`, whichever backend
/// holds it: each value as text, integers in decimal, blobs as `\x` and lowercase hex (PostgreSQL's
/// own form; [`unhex`] reads it back), NULL as an empty string. Write values into the SQL as
/// literals: the two backends number parameters differently.
pub fn server_rows(data_dir: &Path, sql: &str) -> Vec<Vec<String>> {
    if let Some(url) = test_database(data_dir) {
        let out = Command::new("psql")
            .args([
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-F",
                "\u{1f}",
                "-R",
                "\u{1e}",
                "-d",
                &url,
                "-c",
            ])
            .arg(sql)
            .output()
            .expect("psql runs");
        assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).expect("UTF-8 from psql");
        return text
            .trim_end_matches('\n')
            .split('\u{1e}')
            .filter(|row| !row.is_empty())
            .map(|row| row.split('\u{1f}').map(str::to_owned).collect())
            .collect();
    }
    let db = rusqlite::Connection::open_with_flags(
        data_dir.join("tournee-sync.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut stmt = db.prepare(sql).unwrap();
    let columns = stmt.column_count();
    let rows = stmt
        .query_map([], |row| {
            (0..columns)
                .map(|i| {
                    Ok(match row.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => String::new(),
                        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                        rusqlite::types::ValueRef::Real(x) => x.to_string(),
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        rusqlite::types::ValueRef::Blob(b) => {
                            format!("\\x{}", b.iter().map(|byte| format!("{byte:02x}")).collect::<String>())
                        }
                    })
                })
                .collect()
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

/// Runs a statement that writes on the server's database of `data_dir` (the server stopped),
/// whichever backend holds it; values as literals, as in [`server_rows`].
pub fn server_execute(data_dir: &Path, sql: &str) {
    if let Some(url) = test_database(data_dir) {
        let out = Command::new("psql")
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", &url, "-c"])
            .arg(sql)
            .output();
        let out = out.expect("psql runs");
        assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
        return;
    }
    rusqlite::Connection::open(data_dir.join("tournee-sync.sqlite3")).unwrap().execute_batch(sql).unwrap();
}

/// The bytes of a blob as [`server_rows`] gives it.
pub fn unhex(value: &str) -> Vec<u8> {
    let hex = value.strip_prefix("\\x").unwrap_or_else(|| panic!("not a blob: {value:?}"));
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

/// The server library on a free port with `limits`; its URL and admin token. Stops with the runtime.
pub async fn serve(dir: &std::path::Path, limits: tournee_sync_server::Limits) -> (String, String) {
    let config = tournee_sync_server::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.join("server"),
        database: test_database(&dir.join("server")),
        limits,
        tls: None,
    };
    let mut server = tournee_sync_server::Server::bind(config).await.unwrap();
    let url = format!("http://{}", server.local_addr().unwrap());
    let token = server.bootstrap_admin_token().unwrap();
    tokio::spawn(server.run(std::future::pending()));
    (url, token)
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
        Self::enroll_trusting(admin, server_url, team_id, name, role, dir, None).await
    }

    /// [`enroll`](Self::enroll), the device trusting the private CA `ca_pem`.
    pub async fn enroll_trusting(
        admin: &AdminClient,
        server_url: &str,
        team_id: &str,
        name: &str,
        role: Role,
        dir: &Path,
        ca_pem: Option<&[u8]>,
    ) -> Device {
        let user = admin.create_user(name, role, Some(team_id)).await.unwrap();
        let code = admin.enrollment_code(&user.id).await.unwrap();
        let store = Arc::new(Store::open(dir.join(format!("{name}.sqlite3"))).unwrap());
        trust_server_ca(&store, ca_pem).unwrap();
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

/// A server with one team, its rep's device and its manager's.
pub struct Team {
    pub dir: tempfile::TempDir,
    pub server: ServerProcess,
    pub rep: Device,
    pub manager: Device,
}

impl Team {
    pub async fn start() -> Team {
        let dir = tempfile::tempdir().unwrap();
        let server = ServerProcess::start(&dir.path().join("server"), "127.0.0.1:0");
        let admin = server.admin();
        let team = admin.create_team("Nord").await.unwrap();
        let rep = Device::enroll(&admin, &server.url, &team.id, "rep", Role::Rep, dir.path()).await;
        let manager =
            Device::enroll(&admin, &server.url, &team.id, "manager", Role::Manager, dir.path()).await;
        Team { dir, server, rep, manager }
    }
}

use std::io::{Read, Write};

/// What a raw HTTP exchange gave: the status and how long the server took to answer it.
pub struct RawAnswer {
    pub status: u16,
    pub elapsed: std::time::Duration,
    /// Whether the whole body went out: false when the server answered and closed first.
    pub body_sent: bool,
}

/// Posts `body_len` bytes of `fill` to `path` over a plain socket, the way a client that streams
/// a large body does: the body is written while the answer is read, so a server that refuses
/// before reading the body answers at once (and the rest of the body may hit a closed socket).
pub fn raw_post(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
    body_len: usize,
    fill: u8,
) -> RawAnswer {
    raw_exchange(addr, path, headers, body_len, move |writer| {
        let chunk = vec![fill; 64 << 10];
        let mut left = body_len;
        while left > 0 {
            let n = left.min(chunk.len());
            writer.write_all(&chunk[..n])?;
            left -= n;
        }
        Ok(())
    })
}

/// [`raw_post`] with a given body.
pub fn raw_post_bytes(addr: SocketAddr, path: &str, headers: &[(&str, &str)], body: &[u8]) -> RawAnswer {
    let body = body.to_vec();
    raw_exchange(addr, path, headers, body.len(), move |writer| writer.write_all(&body))
}

fn raw_exchange(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
    body_len: usize,
    send_body: impl FnOnce(&mut std::net::TcpStream) -> std::io::Result<()> + Send + 'static,
) -> RawAnswer {
    let started = std::time::Instant::now();
    let mut stream = std::net::TcpStream::connect(addr).expect("the server accepts connections");
    let mut head = format!("POST {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-length: {body_len}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("connection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).expect("the request head is sent");
    let mut writer = stream.try_clone().expect("a second handle on the socket");
    // An error means the server answered and closed: the refusal came before the whole body.
    let sender = std::thread::spawn(move || send_body(&mut writer).is_ok());
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !answer.windows(2).any(|w| w == b"\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
        }
    }
    let elapsed = started.elapsed();
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let body_sent = sender.join().unwrap_or(false);
    let status = String::from_utf8_lossy(&answer)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP status in {:?}", String::from_utf8_lossy(&answer)));
    RawAnswer { status, elapsed, body_sent }
}
