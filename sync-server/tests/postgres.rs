//! What only the PostgreSQL backend does: several server processes over one database, moving a
//! deployment from a data directory, a restore from `pg_dump`, and refusing to start on a database
//! it cannot use.
//!
//! These tests need the private cluster `scripts/postgres.sh start` makes; `scripts/test-postgres.sh`
//! starts it and runs them (with `--include-ignored`), beside the rest of the end-to-end suite
//! against PostgreSQL.

mod common;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use tokio::net::{TcpListener, TcpStream};
use tournee_core::doc::Collection;
use tournee_core::model::{Account, AccountKind, Channel, VisitReport};
use tournee_core::sync::api::Role;
use tournee_core::sync::{AdminClient, SyncErrorKind};

use common::{Device, ServerProcess};

/// The test cluster's URL; fails the test at once when the suite does not run against PostgreSQL
/// (the servers would otherwise start on SQLite).
fn cluster() -> String {
    std::env::var("TOURNEE_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.is_empty())
        .expect("TOURNEE_TEST_POSTGRES names the test cluster (scripts/postgres.sh start prints it)")
}

/// A TCP load balancer on 127.0.0.1: each new connection goes to the next backend in turn, and to
/// the one after when a backend refuses it (down), as a load balancer with health checks would.
struct Balancer {
    url: String,
    /// Connections each backend took.
    served: Arc<Vec<AtomicU64>>,
}

impl Balancer {
    async fn start(backends: Vec<SocketAddr>) -> Balancer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served: Arc<Vec<AtomicU64>> = Arc::new(backends.iter().map(|_| AtomicU64::new(0)).collect());
        let counts = served.clone();
        tokio::spawn(async move {
            let mut next = 0usize;
            while let Ok((mut client, _)) = listener.accept().await {
                let (backends, counts) = (backends.clone(), counts.clone());
                let first = next;
                next += 1;
                tokio::spawn(async move {
                    for i in 0..backends.len() {
                        let at = (first + i) % backends.len();
                        if let Ok(mut server) = TcpStream::connect(backends[at]).await {
                            counts[at].fetch_add(1, Ordering::SeqCst);
                            let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                            return;
                        }
                    }
                });
            }
        });
        Balancer { url, served }
    }
}

fn records<T: serde::de::DeserializeOwned>(
    device: &Device,
    collection: Collection,
    id: impl Fn(&T) -> String,
) -> Vec<String> {
    let mut ids: Vec<String> = device.store.all_records::<T>(collection).unwrap().iter().map(id).collect();
    ids.sort();
    ids
}

/// Syncs every device until a whole pass moves nothing.
async fn settle(devices: &[Device]) {
    for _ in 0..10 {
        let mut moved = false;
        for device in devices {
            let report = device.sync().await;
            moved |= report.sent > 0 || report.received > 0 || report.still_pending > 0;
        }
        if !moved {
            return;
        }
    }
    panic!("the devices still exchange changes after 10 passes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: scripts/test-postgres.sh runs it"]
async fn two_processes_over_one_database_are_one_server_even_when_one_is_killed_mid_sync() {
    cluster();
    let dir = tempfile::tempdir().unwrap();
    let flags = ["--enrollments-per-minute", "100000"];
    let first = ServerProcess::start_flags(&dir.path().join("a"), "127.0.0.1:0", &flags);
    common::use_database(&dir.path().join("b"), &common::database_name(&dir.path().join("a")));
    let second = ServerProcess::start_flags(&dir.path().join("b"), "127.0.0.1:0", &flags);
    assert!(second.admin_token.is_none(), "the second process found the first one's organisation");
    let balancer = Balancer::start(vec![first.addr, second.addr]).await;
    let admin = AdminClient::new(&balancer.url, first.admin_token.as_deref().unwrap(), None).unwrap();
    let team = admin.create_team("Nord").await.unwrap();

    let mut devices = Vec::new();
    for (name, role) in [
        ("rep-1", Role::Rep),
        ("rep-2", Role::Rep),
        ("rep-3", Role::Rep),
        ("rep-4", Role::Rep),
        ("manager-1", Role::Manager),
        ("manager-2", Role::Manager),
    ] {
        devices.push(Device::enroll(&admin, &balancer.url, &team.id, name, role, dir.path()).await);
    }
    let devices = Arc::new(devices);
    let saved_accounts = Arc::new(Mutex::new(BTreeSet::new()));
    let saved_visits = Arc::new(Mutex::new(BTreeSet::new()));

    // Every device writes and syncs in rounds, all at once, through both processes; the first
    // process is killed with SIGKILL while they do, and comes back.
    const ROUNDS: usize = 12;
    let mut workers = Vec::new();
    for d in 0..devices.len() {
        let (devices, accounts, visits) = (devices.clone(), saved_accounts.clone(), saved_visits.clone());
        workers.push(tokio::spawn(async move {
            let device = &devices[d];
            let mut unavailable = 0;
            let mut own: Option<Account> = None;
            for round in 0..ROUNDS {
                let account = match &own {
                    Some(account) if device.enrollment.role == Role::Rep => account.clone(),
                    _ => {
                        let name = format!("{} compte {round}", device.name);
                        let account = device
                            .store
                            .save_account(&Account::new(name, AccountKind::Prospect, device.user()))
                            .unwrap();
                        accounts.lock().unwrap().insert(account.id.clone());
                        own = Some(account.clone());
                        account
                    }
                };
                if device.enrollment.role == Role::Rep {
                    let visit = VisitReport::new(&account.id, device.user(), Channel::OnSite, Utc::now());
                    let visit = device.store.save_visit(&visit).unwrap();
                    visits.lock().unwrap().insert(visit.id);
                }
                match device.client.sync(&device.store).await {
                    Ok(_) => {}
                    Err(e) => {
                        assert_eq!(e.kind(), SyncErrorKind::Unavailable, "{}: {e}", device.name);
                        unavailable += 1;
                    }
                }
            }
            unavailable
        }));
    }
    let first = Arc::new(Mutex::new(first));
    let killer = {
        let first = first.clone();
        tokio::task::spawn_blocking(move || {
            std::thread::sleep(Duration::from_millis(300));
            first.lock().unwrap().kill();
            std::thread::sleep(Duration::from_millis(700));
            first.lock().unwrap().restart();
        })
    };
    let mut unavailable = 0;
    for worker in workers {
        unavailable += worker.await.unwrap();
    }
    killer.await.unwrap();

    let devices = Arc::try_unwrap(devices).unwrap_or_else(|_| panic!("the workers are done"));
    settle(&devices).await;
    let accounts: Vec<String> = saved_accounts.lock().unwrap().iter().cloned().collect();
    let visits: Vec<String> = saved_visits.lock().unwrap().iter().cloned().collect();
    for device in &devices {
        // Sorted lists, not sets: a record received twice would show.
        assert_eq!(
            records(device, Collection::Accounts, |a: &Account| a.id.clone()),
            accounts,
            "{}",
            device.name
        );
        assert_eq!(
            records(device, Collection::Visits, |v: &VisitReport| v.id.clone()),
            visits,
            "{}",
            device.name
        );
    }
    // A device enrolled now, through either process, gets the same.
    let newcomer =
        Device::enroll(&admin, &balancer.url, &team.id, "manager-3", Role::Manager, dir.path()).await;
    newcomer.sync().await;
    assert_eq!(records(&newcomer, Collection::Visits, |v: &VisitReport| v.id.clone()), visits);
    let served: Vec<u64> = balancer.served.iter().map(|n| n.load(Ordering::SeqCst)).collect();
    assert!(served.iter().all(|&n| n > 0), "both processes served devices: {served:?}");
    eprintln!(
        "{} accounts, {} visits; connections per process {served:?}; {unavailable} syncs met the killed process",
        accounts.len(),
        visits.len()
    );
}

/// Pulls racing commits: while reps upload through one process, a manager pulls again and again
/// through the other. Each pull's cursor passes only changes already committed, so the manager,
/// which never starts over, ends with every visit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: scripts/test-postgres.sh runs it"]
async fn a_cursor_never_passes_a_change_still_being_committed() {
    cluster();
    let dir = tempfile::tempdir().unwrap();
    let flags = ["--enrollments-per-minute", "100000"];
    let writer = ServerProcess::start_flags(&dir.path().join("a"), "127.0.0.1:0", &flags);
    common::use_database(&dir.path().join("b"), &common::database_name(&dir.path().join("a")));
    let reader = ServerProcess::start_flags(&dir.path().join("b"), "127.0.0.1:0", &flags);
    let admin = writer.admin();
    let team = admin.create_team("Sud").await.unwrap();
    let mut reps = Vec::new();
    for i in 0..4 {
        reps.push(
            Device::enroll(&admin, &writer.url, &team.id, &format!("rep-{i}"), Role::Rep, dir.path()).await,
        );
    }
    let manager = Device::enroll(&admin, &reader.url, &team.id, "manager", Role::Manager, dir.path()).await;
    let reps = Arc::new(reps);
    let saved = Arc::new(Mutex::new(Vec::new()));
    let mut uploads = Vec::new();
    for r in 0..reps.len() {
        let (reps, saved) = (reps.clone(), saved.clone());
        uploads.push(tokio::spawn(async move {
            let rep = &reps[r];
            let account = rep
                .store
                .save_account(&Account::new(format!("Compte {r}"), AccountKind::Client, rep.user()))
                .unwrap();
            for _ in 0..25 {
                let visit = VisitReport::new(&account.id, rep.user(), Channel::Phone, Utc::now());
                saved.lock().unwrap().push(rep.store.save_visit(&visit).unwrap().id);
                rep.sync().await;
            }
        }));
    }
    let mut pulls = 0;
    while uploads.iter().any(|u| !u.is_finished()) {
        manager.sync().await;
        pulls += 1;
    }
    for upload in uploads {
        upload.await.unwrap();
    }
    manager.sync().await;
    let mut expected = saved.lock().unwrap().clone();
    expected.sort();
    assert_eq!(records(&manager, Collection::Visits, |v: &VisitReport| v.id.clone()), expected);
    assert!(pulls > 5, "the manager pulled while the reps uploaded ({pulls} pulls)");
}

/// Runs `copy-to-postgres` from `data_dir` into the test cluster's `database`.
fn copy_to_postgres(data_dir: &Path, database: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tournee-sync-server"))
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--database-url")
        .arg(format!("{}/{database}", cluster()))
        .arg("copy-to-postgres")
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: scripts/test-postgres.sh runs it"]
async fn a_data_directory_moves_to_postgres_and_devices_sync_on_without_enrolling_again() {
    cluster();
    let dir = tempfile::tempdir().unwrap();
    let sqlite_dir = dir.path().join("sqlite");
    let mut server = ServerProcess::start_on_sqlite(&sqlite_dir, "127.0.0.1:0");
    let admin = server.admin();
    // Two teams, each a rep and a manager in sync; a device revoked; a code not used yet.
    let mut teams = Vec::new();
    for name in ["Nord", "Sud"] {
        let team = admin.create_team(name).await.unwrap();
        let rep =
            Device::enroll(&admin, &server.url, &team.id, &format!("rep-{name}"), Role::Rep, dir.path())
                .await;
        let manager = Device::enroll(
            &admin,
            &server.url,
            &team.id,
            &format!("manager-{name}"),
            Role::Manager,
            dir.path(),
        )
        .await;
        let account = rep
            .store
            .save_account(&Account::new(format!("Client {name}"), AccountKind::Client, rep.user()))
            .unwrap();
        for _ in 0..3 {
            rep.store
                .save_visit(&VisitReport::new(&account.id, rep.user(), Channel::OnSite, Utc::now()))
                .unwrap();
        }
        rep.sync().await;
        manager.sync().await;
        teams.push((team, rep, manager, account));
    }
    let revoked =
        Device::enroll(&admin, &server.url, &teams[0].0.id, "lost-phone", Role::Rep, dir.path()).await;
    admin.revoke_device(&revoked.enrollment.device_id).await.unwrap();
    let late_user = admin.create_user("rep-late", Role::Rep, Some(&teams[1].0.id)).await.unwrap();
    let code = admin.enrollment_code(&late_user.id).await.unwrap();

    // Refused while the server has the data directory open.
    let database = format!("moved_{}", std::process::id());
    tournee_testkit::postgres::create_database(&cluster(), &database);
    let refused = copy_to_postgres(&sqlite_dir, &database);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("stop the server"), "{refused:?}");

    server.kill();
    let copied = copy_to_postgres(&sqlite_dir, &database);
    assert!(copied.status.success(), "{}", String::from_utf8_lossy(&copied.stderr));
    let out = String::from_utf8_lossy(&copied.stdout);
    assert!(out.contains("documents: 2 rows") && out.contains("teams: 2 rows"), "{out}");
    // Never into a database that holds data.
    let again = copy_to_postgres(&sqlite_dir, &database);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds"), "{again:?}");

    // The new server at the same address, on PostgreSQL.
    let pg_dir = dir.path().join("postgres");
    common::use_database(&pg_dir, &database);
    let server = ServerProcess::start_flags(&pg_dir, &server.addr.to_string(), &[]);
    assert!(server.admin_token.is_none(), "the organisation and its admin came along");

    for (_, rep, manager, account) in &teams {
        // Nothing is received twice: an idle sync brings nothing.
        let idle = manager.sync().await;
        assert_eq!((idle.received, idle.round_trips), (0, 1), "{}", manager.name);
        rep.store.save_visit(&VisitReport::new(&account.id, rep.user(), Channel::Phone, Utc::now())).unwrap();
        assert_eq!(rep.sync().await.sent, 1, "{}", rep.name);
        let report = manager.sync().await;
        assert_eq!(report.received, 1, "{}: only the rep's new visit", manager.name);
        let timeline = manager.store.account_detail(&account.id).unwrap().timeline;
        assert_eq!(timeline.len(), 4, "{}", manager.name);
    }
    // Still revoked; the code still spends once.
    let err = revoked.client.sync(&revoked.store).await.unwrap_err();
    assert_eq!(err.kind(), SyncErrorKind::Unauthorized, "{err}");
    let store = Arc::new(tournee_core::store::Store::open(dir.path().join("late.sqlite3")).unwrap());
    let enrolled = tournee_core::sync::enroll(&store, &server.url, &code.code, "rep-late").await.unwrap();
    assert_eq!(enrolled.user_id, late_user.id);
    // Documents created on the new server are numbered after the copied ones: a device enrolling
    // now receives the old and the new.
    let (_, rep, _, _) = &teams[1];
    let fresh =
        rep.store.save_account(&Account::new("Nouveau client", AccountKind::Client, rep.user())).unwrap();
    rep.sync().await;
    // The admin's token came along too.
    let newcomer =
        Device::enroll(&admin, &server.url, &teams[1].0.id, "manager-new", Role::Manager, dir.path()).await;
    newcomer.sync().await;
    let accounts = records(&newcomer, Collection::Accounts, |a: &Account| a.id.clone());
    let mut expected = vec![teams[1].3.id.clone(), fresh.id];
    expected.sort();
    assert_eq!(accounts, expected);
}

/// A PostgreSQL database restored from a dump, then given a new history: the devices that synced
/// after the dump send again what it lost, and what anyone writes next reaches everyone (without
/// the new history, cursors past the dump would skip the sequence numbers handed out again).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: scripts/test-postgres.sh runs it"]
async fn a_database_restored_from_a_dump_serves_the_devices_once_given_a_new_history() {
    let cluster = cluster();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("server");
    let mut server = ServerProcess::start(&data, "127.0.0.1:0");
    let admin = server.admin();
    let team = admin.create_team("Est").await.unwrap();
    let julie = Device::enroll(&admin, &server.url, &team.id, "julie", Role::Rep, dir.path()).await;
    let marc = Device::enroll(&admin, &server.url, &team.id, "marc", Role::Rep, dir.path()).await;
    let anne = Device::enroll(&admin, &server.url, &team.id, "anne", Role::Manager, dir.path()).await;
    let all = [&julie, &marc, &anne];
    let mut visits = Vec::new();
    let mut log = |rep: &Device, account: &Account| {
        let visit = VisitReport::new(&account.id, rep.user(), Channel::OnSite, Utc::now());
        visits.push(rep.store.save_visit(&visit).unwrap().id);
    };
    let cave =
        julie.store.save_account(&Account::new("Cave Lebrun", AccountKind::Client, julie.user())).unwrap();
    let garage =
        marc.store.save_account(&Account::new("Garage Dupont", AccountKind::Client, marc.user())).unwrap();
    log(&julie, &cave);
    log(&marc, &garage);
    for d in all.iter().chain(all.iter()) {
        d.sync().await;
    }

    let dump = dir.path().join("dump");
    let source = common::test_database(&data).unwrap();
    let dumped =
        std::process::Command::new("pg_dump").args(["-Fc", "-f"]).arg(&dump).arg(&source).output().unwrap();
    assert!(dumped.status.success(), "{}", String::from_utf8_lossy(&dumped.stderr));
    // After the dump: what the restored database will lack.
    log(&julie, &cave);
    log(&marc, &garage);
    for d in all.iter().chain(all.iter()) {
        d.sync().await;
    }

    server.kill();
    let restored = format!("restored_{}", std::process::id());
    tournee_testkit::postgres::create_database(&cluster, &restored);
    let url = format!("{cluster}/{restored}");
    let out = std::process::Command::new("pg_restore")
        .args(["--no-owner", "-d", &url])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tournee-sync-server"))
        .args(["--database-url", &url, "new-history"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let restored_dir = dir.path().join("restored");
    common::use_database(&restored_dir, &restored);
    let server = ServerProcess::start(&restored_dir, &server.addr.to_string());

    // Marc writes after the restore; everyone syncs until nothing moves.
    log(&marc, &garage);
    let mut devices = vec![julie, marc, anne];
    settle(&devices).await;
    let newcomer = Device::enroll(&admin, &server.url, &team.id, "paul", Role::Manager, dir.path()).await;
    newcomer.sync().await;
    devices.push(newcomer);
    visits.sort();
    for device in &devices {
        assert_eq!(
            records(device, Collection::Visits, |v: &VisitReport| v.id.clone()),
            visits,
            "{}",
            device.name
        );
    }
}

/// A server that cannot use its database says why and never starts listening.
#[test]
#[ignore = "needs PostgreSQL: scripts/test-postgres.sh runs it"]
fn a_database_the_server_cannot_use_stops_the_start_with_a_clear_error() {
    let start = |url: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tournee-sync-server"))
            .args(["--listen", "127.0.0.1:0", "--database-url", url])
            .env("TOURNEE_LOG", "off")
            .output()
            .unwrap()
    };
    let cluster = cluster();
    let expect_refusal = |url: &str, reason: &str| {
        let out = start(url);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{url}: started");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("listening"), "{url}: listened");
        assert!(stderr.contains(reason), "{url}: {stderr}");
        assert!(!stderr.contains("s3cret"), "the password stays out of the message: {stderr}");
    };
    // Nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    expect_refusal(&format!("postgres://tournee:s3cret@127.0.0.1:{port}/x"), "Connection refused");
    expect_refusal(&format!("{cluster}/no_such_database"), "database \"no_such_database\" does not exist");
    // scripts/postgres.sh makes this role with another password.
    let wrong = cluster.replace("//tournee@", "//tournee_password:s3cret@");
    expect_refusal(
        &format!("{wrong}/postgres"),
        "password authentication failed for user \"tournee_password\"",
    );
    expect_refusal("postgres://tournee:s3cret@127.0.0.1:notaport/x", "connection URL is not valid");
    // A database a newer server migrated.
    let newer = format!("newer_{}", std::process::id());
    tournee_testkit::postgres::create_database(&cluster, &newer);
    let dir = tempfile::tempdir().unwrap();
    common::use_database(dir.path(), &newer);
    drop(ServerProcess::start_flags(dir.path(), "127.0.0.1:0", &[]));
    let status = std::process::Command::new("psql")
        .args([
            "-q",
            "-d",
            &format!("{cluster}/{newer}"),
            "-c",
            "UPDATE tournee_schema SET version = version + 1",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    expect_refusal(&format!("{cluster}/{newer}"), "newer than this server supports");
}
