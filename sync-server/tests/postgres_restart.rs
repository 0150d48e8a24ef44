//! The database restarted under a running server (maintenance, a failover): the syncs in the
//! meantime fail as "unavailable", nothing is lost, and the server serves again once the database
//! is back, without being restarted itself. It restarts the whole test cluster, so it runs alone,
//! after the other PostgreSQL tests (`scripts/test-postgres.sh`).

mod common;

use chrono::Utc;
use tournee_core::model::{Account, AccountKind, Channel, VisitReport};
use tournee_core::sync::api::Role;
use tournee_core::sync::SyncErrorKind;

use common::{Device, ServerProcess};

fn cluster(action: &str) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/postgres.sh");
    let status = std::process::Command::new(script).arg(action).status().unwrap();
    assert!(status.success(), "scripts/postgres.sh {action}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "restarts the PostgreSQL test cluster: scripts/test-postgres.sh runs it alone"]
async fn a_server_rides_out_a_restart_of_its_database() {
    assert!(std::env::var("TOURNEE_TEST_POSTGRES").is_ok(), "needs the test cluster");
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), "127.0.0.1:0");
    let admin = server.admin();
    let team = admin.create_team("Centre").await.unwrap();
    let rep = Device::enroll(&admin, &server.url, &team.id, "rep", Role::Rep, dir.path()).await;
    let manager = Device::enroll(&admin, &server.url, &team.id, "manager", Role::Manager, dir.path()).await;
    let account =
        rep.store.save_account(&Account::new("Minoterie Vidal", AccountKind::Client, rep.user())).unwrap();
    rep.sync().await;

    // The database goes away: a sync fails as "unavailable", the visit stays in the outbox.
    cluster("pause");
    let visit = VisitReport::new(&account.id, rep.user(), Channel::OnSite, Utc::now());
    let visit = rep.store.save_visit(&visit).unwrap();
    let err = rep.client.sync(&rep.store).await.unwrap_err();
    assert_eq!(err.kind(), SyncErrorKind::Unavailable, "{err}");
    assert_eq!(rep.store.outbox_count().unwrap(), 1);

    // Back, the same server process serves again.
    cluster("resume");
    assert_eq!(rep.sync().await.still_pending, 0);
    manager.sync().await;
    let timeline = manager.store.account_detail(&account.id).unwrap().timeline;
    assert_eq!(timeline.len(), 1, "the visit, once");
    assert!(format!("{timeline:?}").contains(&visit.id));
}
