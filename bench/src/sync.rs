//! Through the real server on loopback: the `tournee-sync-server` binary as a child process,
//! devices with their own stores speaking the real protocol (`SyncClient`), and a counting proxy
//! for the bytes on the wire.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use tournee_core::model::{Account, AccountKind};
use tournee_core::store::Store;
use tournee_core::sync::api::{paths, EnrollRequest, Enrollment, Role};
use tournee_core::sync::wire::{self, SyncRequest, SyncResponse, UploadDoc, CONTENT_TYPE};
use tournee_core::sync::{enroll, AdminClient, SyncClient, SyncOptions};
use tournee_testkit::CountingProxy;

use crate::data::{self, GenDoc};
use crate::stats::{cpu_secs, disk_written, median, ms, peak_rss, percentile};

pub struct ServerProcess {
    child: Child,
    _stdout: BufReader<ChildStdout>,
    pub url: String,
    pub listen: String,
    pub data_dir: PathBuf,
    pub admin_token: Option<String>,
    bin: PathBuf,
    /// The PostgreSQL database it stores everything in, instead of `data_dir`.
    database: Option<String>,
    stopped: bool,
}

impl ServerProcess {
    /// Starts the server binary and waits until it says where it listens.
    pub fn start(bin: &Path, data_dir: &Path, listen: &str) -> ServerProcess {
        Self::start_on(bin, data_dir, listen, None)
    }

    /// [`start`](Self::start), on the PostgreSQL database `database` when given.
    pub fn start_on(bin: &Path, data_dir: &Path, listen: &str, database: Option<&str>) -> ServerProcess {
        let mut command = Command::new(bin);
        if let Some(url) = database {
            command.args(["--database-url", url]);
        }
        let mut child = command
            .args(["--listen", listen, "--data-dir"])
            .arg(data_dir)
            .env("TOURNEE_LOG", "warn")
            // The bench enrolls hundreds of devices from one address in seconds.
            .env("TOURNEE_ENROLLMENTS_PER_MINUTE", "1000000")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e} (build it: see BENCHMARKS.md)", bin.display()));
        let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
        let mut admin_token = None;
        let addr = loop {
            let mut line = String::new();
            assert!(stdout.read_line(&mut line).expect("server stdout") > 0, "the server stopped");
            let line = line.trim();
            if let Some(token) = line.strip_prefix("admin token: ") {
                admin_token = Some(token.to_owned());
            }
            if let Some(addr) = line.strip_prefix("listening on ") {
                break addr.to_owned();
            }
        };
        ServerProcess {
            child,
            _stdout: stdout,
            url: format!("http://{addr}"),
            listen: addr,
            data_dir: data_dir.to_owned(),
            admin_token,
            bin: bin.to_owned(),
            database: database.map(str::to_owned),
            stopped: false,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGTERM (a graceful stop: the database is closed and its WAL checkpointed), then wait.
    pub fn stop(&mut self) {
        if !self.stopped {
            let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
            let _ = self.child.wait();
            self.stopped = true;
        }
    }

    /// Stops and starts again on the same address and data directory (a fresh peak RSS).
    pub fn restart(&mut self) {
        self.stop();
        let token = self.admin_token.take();
        let (bin, data_dir, listen, database) =
            (self.bin.clone(), self.data_dir.clone(), self.listen.clone(), self.database.clone());
        *self = ServerProcess::start_on(&bin, &data_dir, &listen, database.as_deref());
        self.admin_token = token;
    }

    pub fn cpu_secs(&self) -> f64 {
        cpu_secs(&self.child.id().to_string())
    }

    /// The projector's whole cost on what the server holds: its projections are dropped, then
    /// `tournee-sync-server project` reads every document's rows again (the server stopped). A
    /// running server does the same in the background on idle cores; the pulls after this find
    /// every document projected. Seconds it took (one thread: its CPU time).
    pub fn project_everything(&mut self) -> f64 {
        self.stop();
        assert!(self.database.is_none(), "projections are dropped here from the SQLite file");
        let db = rusqlite::Connection::open(self.data_dir.join("tournee-sync.sqlite3"))
            .expect("the server's file");
        db.execute_batch("DELETE FROM projections; DELETE FROM projection_marks;").expect("no projections");
        drop(db);
        let started = std::time::Instant::now();
        let out = Command::new(&self.bin)
            .arg("--data-dir")
            .arg(&self.data_dir)
            .arg("project")
            .env("TOURNEE_LOG", "warn")
            .output()
            .expect("the server binary runs");
        assert!(out.status.success(), "project failed: {}", String::from_utf8_lossy(&out.stderr));
        let secs = started.elapsed().as_secs_f64();
        eprintln!("  {} in {secs:.1} s", String::from_utf8_lossy(&out.stdout).trim());
        self.restart();
        secs
    }

    pub fn peak_rss(&self) -> u64 {
        peak_rss(&self.child.id().to_string()).unwrap_or(0)
    }

    pub fn admin(&self) -> AdminClient {
        AdminClient::new(&self.url, self.admin_token.as_deref().expect("the first start printed it"), None)
            .expect("an admin client")
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Creates a user of `team_id` and returns a fresh enrollment code for them.
pub async fn new_code(admin: &AdminClient, team_id: &str, name: &str, role: Role) -> (String, String) {
    let user = admin.create_user(name, role, Some(team_id)).await.expect("a user");
    let code = admin.enrollment_code(&user.id).await.expect("a code");
    (user.id, code.code)
}

/// Enrollment without a store (for the seeding uploader, which speaks the wire format directly).
pub async fn raw_enroll(http: &reqwest::Client, url: &str, code: &str) -> Enrollment {
    let request = EnrollRequest { code: code.to_owned(), device_name: "bench seeder".into() };
    let response = http.post(format!("{url}{}", paths::ENROLL)).json(&request).send().await.expect("enroll");
    assert!(response.status().is_success(), "enroll refused: {}", response.status());
    response.json().await.expect("an enrollment")
}

/// Uploads generated documents as one device, many per request (the server merges and indexes
/// them exactly as it does a device's outbox). Not measured: this only fills the server.
pub async fn upload_docs(http: &reqwest::Client, url: &str, token: &str, docs: &[GenDoc]) {
    let mut start = 0;
    while start < docs.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < docs.len() && end - start < 1_000 && bytes + docs[end].bytes.len() < 16 << 20 {
            bytes += docs[end].bytes.len();
            end += 1;
        }
        let request = SyncRequest {
            cursor: Vec::new(),
            max_page_bytes: 1,
            docs: docs[start..end]
                .iter()
                .map(|d| UploadDoc { doc_id: d.id.clone(), kind: d.kind, changes: d.bytes.clone() })
                .collect(),
        };
        let response = http
            .post(format!("{url}{}", paths::SYNC))
            .bearer_auth(token)
            .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE)
            .body(request.encode())
            .send()
            .await
            .expect("upload");
        let status = response.status();
        let body = response.bytes().await.expect("a body");
        assert!(status.is_success(), "upload refused ({status}): {}", String::from_utf8_lossy(&body));
        let answer = SyncResponse::decode(&body).expect("a sync response");
        assert_eq!(answer.accepted as usize, end - start, "every seeded document is new to the server");
        start = end;
    }
}

/// What `probe-pull` reports (one JSON line on stdout).
#[derive(Debug, Serialize, Deserialize)]
pub struct PullReport {
    pub secs: f64,
    pub docs: u64,
    pub reports: u64,
    pub wire_up: u64,
    pub wire_down: u64,
    pub round_trips: u32,
    pub peak_rss: u64,
    /// CPU time of the device process during the pull (its counting proxy included), seconds.
    pub cpu_secs: f64,
    /// Bytes the device process had written to disk during the pull.
    pub disk_written: u64,
    /// Idle syncs after the pull: (wire up, wire down, round trips, body up, body down).
    pub idle: Vec<(u64, u64, u32, u64, u64)>,
}

/// Runs `tournee-bench probe-pull` in a new process: a fresh manager device enrolls, pulls the
/// whole team, then syncs idle `idle` times.
/// The store file a pull probe fills in its directory.
pub const PULL_STORE: &str = "manager.sqlite3";

pub fn pull_in_child(url: &str, code: &str, dir: &Path, idle: usize) -> PullReport {
    let exe = std::env::current_exe().expect("the bench knows where it is");
    let out = Command::new(exe)
        .args(["probe-pull", "--url", url, "--code", code, "--idle", &idle.to_string(), "--dir"])
        .arg(dir)
        .stderr(Stdio::inherit())
        .output()
        .expect("the probe runs");
    assert!(out.status.success(), "probe-pull failed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(stdout.lines().last().unwrap_or("")).expect("the probe prints its report")
}

/// The probe itself (in the new process).
pub fn probe_pull(url: &str, code: &str, dir: &Path, idle: usize) {
    let rt = runtime();
    let report = rt.block_on(async {
        let store = Arc::new(Store::open(dir.join(PULL_STORE)).expect("a store"));
        let enrollment = enroll(&store, url, code, "bench manager").await.expect("enrolled");
        let proxy = CountingProxy::start(url.trim_start_matches("http://")).await;
        let client =
            SyncClient::new(&proxy.url, &enrollment.token, SyncOptions::default(), None).expect("a client");
        let (started, cpu_started, written) =
            (Instant::now(), cpu_secs("self"), disk_written("self").unwrap_or(0));
        let pulled = client.sync(&store).await.expect("the pull");
        let secs = started.elapsed().as_secs_f64();
        let cpu = cpu_secs("self") - cpu_started;
        let written = disk_written("self").unwrap_or(0).saturating_sub(written);
        let peak = peak_rss("self").unwrap_or(0);
        let (wire_up, wire_down) = proxy.take();
        let mut idles = Vec::new();
        for _ in 0..idle {
            // A device reconnecting: a new client, so a new connection.
            let client = SyncClient::new(&proxy.url, &enrollment.token, SyncOptions::default(), None)
                .expect("a client");
            let r = client.sync(&store).await.expect("an idle sync");
            let (up, down) = proxy.take();
            idles.push((up, down, r.round_trips, r.bytes_sent, r.bytes_received));
        }
        PullReport {
            secs,
            docs: pulled.received,
            reports: count_visits(&dir.join(PULL_STORE)),
            wire_up,
            wire_down,
            round_trips: pulled.round_trips,
            peak_rss: peak,
            cpu_secs: cpu,
            disk_written: written,
            idle: idles,
        }
    });
    println!("{}", serde_json::to_string(&report).expect("json"));
}

/// Visit reports a device store holds (a bench-only peek at its projection, to check the pull).
pub fn count_visits(db: &Path) -> u64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM visits", [], |r| r.get::<_, i64>(0)).expect("count") as u64
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a runtime")
}

/// One upload run: a rep's device in a team of its own (so its sync only uploads) with `accounts`
/// accounts already synced logs `reports` visits offline, then syncs. Returns reports/s.
pub async fn upload_run(
    admin: &AdminClient,
    url: &str,
    dir: &Path,
    run: usize,
    accounts: usize,
    reports: usize,
) -> f64 {
    let team = admin.create_team(&format!("upload {run}")).await.expect("a team");
    let (user, code) = new_code(admin, &team.id, &format!("uploader {run}"), Role::Rep).await;
    let store = Arc::new(Store::open(dir.join(format!("uploader-{run}.sqlite3"))).expect("a store"));
    enroll(&store, url, &code, "bench uploader").await.expect("enrolled");
    let client = SyncClient::from_store(&store, SyncOptions::default()).expect("a client");
    let mut rng = ChaCha8Rng::seed_from_u64(0x0b_10ad + run as u64);
    let (ids, prep) = {
        let store = store.clone();
        tokio::task::spawn_blocking(move || {
            let started = Instant::now();
            let ids: Vec<String> = (0..accounts)
                .map(|i| {
                    let mut a = Account::new(format!("Compte {i}"), AccountKind::Client, &user);
                    a.id = format!("{:032x}", rng.random::<u128>());
                    store.save_account(&a).expect("an account").id
                })
                .collect();
            (ids, (started, rng, user))
        })
        .await
        .expect("the accounts")
    };
    client.sync(&store).await.expect("the accounts sync");
    let (started, mut rng, user) = prep;
    {
        let store = store.clone();
        tokio::task::spawn_blocking(move || {
            for i in 0..reports {
                let id = format!("{:032x}", rng.random::<u128>());
                let mut v =
                    data::visit(&mut rng, id.clone(), &ids[i % ids.len()], &user, 1 + (i % 300) as i64);
                v.id = id;
                store.save_visit(&v).expect("a visit");
            }
        })
        .await
        .expect("the visits");
    }
    eprintln!("  upload run {run}: {} reports logged in {:.1} s", reports, started.elapsed().as_secs_f64());
    crate::stats::write_back();
    let started = Instant::now();
    let report = client.sync(&store).await.expect("the upload");
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(report.still_pending, 0, "everything went up");
    assert_eq!(report.sent as usize, accounts.min(reports), "every changed document went up");
    reports as f64 / secs
}

pub struct AtOnce {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub errors: usize,
}

/// A device as the server sees it: it speaks the wire protocol with its own connection, holds its
/// account document in memory and keeps its cursor, but applies nothing it receives (a device's
/// own apply cost is what the pull measures). Hundreds of them fit on the machine beside the server.
struct LightDevice {
    url: String,
    http: reqwest::Client,
    token: String,
    doc: tournee_core::doc::Document,
    user: String,
    acked: Vec<automerge::ChangeHash>,
    cursor: Vec<u8>,
    rng: ChaCha8Rng,
}

impl LightDevice {
    /// Logs one visit, then syncs: uploads what the server lacks and pulls every page.
    async fn sync(&mut self) -> Result<(), String> {
        let id = format!("{:032x}", self.rng.random::<u128>());
        let account = self.doc.id().to_owned();
        let visit = data::visit(&mut self.rng, id, &account, &self.user, 1);
        self.doc.upsert(&visit).map_err(|e| e.to_string())?;
        let heads = self.doc.heads();
        let changes =
            if self.acked.is_empty() { self.doc.export() } else { self.doc.save_after(&self.acked) };
        let mut docs = vec![UploadDoc { doc_id: account, kind: self.doc.kind(), changes }];
        loop {
            let request = SyncRequest {
                cursor: self.cursor.clone(),
                max_page_bytes: 4 << 20,
                docs: std::mem::take(&mut docs),
            };
            let response = self
                .http
                .post(format!("{}{}", self.url, paths::SYNC))
                .bearer_auth(&self.token)
                .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE)
                .header(reqwest::header::ACCEPT_ENCODING, wire::CONTENT_CODING)
                .body(request.encode())
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = response.status();
            let compressed = response.headers().contains_key(reqwest::header::CONTENT_ENCODING);
            let body = response.bytes().await.map_err(|e| e.to_string())?;
            if !status.is_success() {
                return Err(format!("{status}: {}", String::from_utf8_lossy(&body)));
            }
            let body = match compressed {
                true => {
                    wire::decompress(&body, wire::MAX_INFLATED_RESPONSE_BYTES).map_err(|e| e.to_string())?
                }
                false => body.to_vec(),
            };
            let answer = SyncResponse::decode(&body).map_err(|e| e.to_string())?;
            self.acked.clone_from(&heads);
            self.cursor = answer.cursor;
            if !answer.more {
                return Ok(());
            }
        }
    }
}

/// `n` devices in teams of at most `team_size`, each with its account; `runs` times every device
/// logs a visit and all sync at once. Device `i` speaks to `urls[i % urls.len()]` (server
/// processes over one database); `series` sets the devices apart from those of another series on
/// the same server (their accounts' ids). Returns per-run latencies, and how many visit reports a
/// fresh manager of each team (a real store) finds missing at the end: nothing may be lost.
pub async fn at_once_light(
    admin: &AdminClient,
    urls: &[String],
    dir: &Path,
    (n, series): (usize, u64),
    team_size: usize,
    runs: usize,
) -> (Vec<AtOnce>, u64) {
    let started = Instant::now();
    let mut teams = Vec::new();
    let mut devices = Vec::with_capacity(n);
    for i in 0..n {
        if i % team_size == 0 {
            teams.push((
                admin.create_team(&format!("load {n} / {}", teams.len() + 1)).await.expect("a team"),
                0,
            ));
        }
        let team = teams.last_mut().expect("a team");
        team.1 += 1;
        let (user, code) = new_code(admin, &team.0.id, &format!("device {i}"), Role::Rep).await;
        let http = reqwest::Client::new();
        let url = urls[i % urls.len()].clone();
        let enrollment = raw_enroll(&http, &url, &code).await;
        let mut rng = ChaCha8Rng::seed_from_u64(0x10ad_0000 + (series << 32) + (n * 10_000 + i) as u64);
        let mut account = Account::new(format!("Compte {i}"), AccountKind::Prospect, &user);
        account.id = format!("{:032x}", rng.random::<u128>());
        let mut doc = tournee_core::doc::Document::create(&account.id, tournee_core::doc::DocKind::Account)
            .expect("a document");
        doc.upsert(&account).expect("an account");
        devices.push(LightDevice {
            url,
            http,
            token: enrollment.token,
            doc,
            user,
            acked: Vec::new(),
            cursor: Vec::new(),
            rng,
        });
    }
    eprintln!("  {n} devices enrolled in {} teams in {:.1} s", teams.len(), started.elapsed().as_secs_f64());
    let mut results = Vec::new();
    for run in 0..runs {
        let barrier = Arc::new(tokio::sync::Barrier::new(devices.len()));
        let tasks: Vec<_> = devices
            .drain(..)
            .map(|mut device| {
                let barrier = barrier.clone();
                tokio::spawn(async move {
                    barrier.wait().await;
                    let started = Instant::now();
                    let result = device.sync().await;
                    (ms(started.elapsed()), result, device)
                })
            })
            .collect();
        let (mut latencies, mut errors) = (Vec::with_capacity(n), 0);
        for task in tasks {
            let (took, result, device) = task.await.expect("a device task");
            latencies.push(took);
            if let Err(e) = result {
                errors += 1;
                eprintln!("  sync failed: {e}");
            }
            devices.push(device);
        }
        let result = AtOnce { p50_ms: median(&latencies), p99_ms: percentile(&latencies, 99.0), errors };
        eprintln!(
            "  {n} devices at once, run {}: p50 {:.0} ms, p99 {:.0} ms, {} errors",
            run + 1,
            result.p50_ms,
            result.p99_ms,
            result.errors
        );
        results.push(result);
    }
    let mut lost = 0;
    for (t, (team, members)) in teams.iter().enumerate() {
        let (_, code) = new_code(admin, &team.id, &format!("checker {n}/{t}"), Role::Manager).await;
        let db = dir.join(format!("checker-{series}-{n}-{t}.sqlite3"));
        let store = Arc::new(Store::open(&db).expect("a store"));
        enroll(&store, &urls[0], &code, "bench checker").await.expect("enrolled");
        SyncClient::from_store(&store, SyncOptions::default())
            .expect("a client")
            .sync(&store)
            .await
            .expect("check");
        lost += ((members * runs) as u64).saturating_sub(count_visits(&db));
    }
    (results, lost)
}
