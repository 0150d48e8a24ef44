//! The team's people by name: a device lists its own team only, keeps the list, and asks again
//! only when it meets someone the list does not name.

mod common;

use tournee_core::app::DeviceHome;
use tournee_core::i18n::Lang;
use tournee_core::insights::Scope;
use tournee_core::model::{Account, AccountKind};
use tournee_core::sync::api::Role;
use tournee_core::sync::{SyncClient, SyncErrorKind, SyncOptions};
use tournee_testkit::CountingProxy;

use common::{Device, ServerProcess};

fn labels(scopes: &[tournee_core::app::ScopeChoice]) -> Vec<&str> {
    scopes.iter().map(|s| s.label.as_str()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_sees_the_team_by_name_and_idle_syncs_ask_nothing_more() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), "127.0.0.1:0");
    let proxy = CountingProxy::start(&server.addr.to_string()).await;
    let admin = server.admin();
    let (north, south) = (admin.create_team("Nord").await.unwrap(), admin.create_team("Sud").await.unwrap());
    let julie = Device::enroll(&admin, &server.url, &north.id, "Julie Martin", Role::Rep, dir.path()).await;
    Device::enroll(&admin, &server.url, &south.id, "Zoé Sud", Role::Rep, dir.path()).await;
    let paul = admin.create_user("paul roux", Role::Manager, Some(&north.id)).await.unwrap();
    let code = admin.enrollment_code(&paul.id).await.unwrap();
    let home = DeviceHome::new(dir.path().join("paul"));
    let manager = home.enroll(&proxy.url, &code.code, "tablette", None).await.unwrap();

    // The list is the team's own, by name; an admin's token belongs to no team.
    let listed = julie.client.team_members().await.unwrap();
    let names: Vec<&str> = listed.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Julie Martin", "paul roux"]);
    assert_eq!(listed[0].role, Role::Rep);
    let admin_token = server.admin_token.clone().unwrap();
    let as_admin = SyncClient::new(&server.url, &admin_token, SyncOptions::default(), None).unwrap();
    assert_eq!(as_admin.team_members().await.unwrap_err().kind(), SyncErrorKind::Forbidden);

    // A rep's records reach the manager with the rep's name.
    julie.store.save_account(&Account::new("Cave Lebrun", AccountKind::Client, julie.user())).unwrap();
    julie.sync().await;
    manager.sync().await.unwrap();
    let scopes = manager.dashboard_scopes(Lang::Fr).unwrap();
    assert_eq!(labels(&scopes), ["Ma semaine", "L'équipe", "Julie Martin"]);
    assert_eq!(scopes[2].scope, Scope::Rep(julie.user().to_owned()));

    // Someone who joined after the list was kept is named once their records arrive.
    let anne = Device::enroll(&admin, &server.url, &north.id, "Anne Blanc", Role::Rep, dir.path()).await;
    anne.store.save_account(&Account::new("Scierie Roux", AccountKind::Prospect, anne.user())).unwrap();
    anne.sync().await;
    manager.sync().await.unwrap();
    assert_eq!(
        labels(&manager.dashboard_scopes(Lang::En).unwrap()),
        ["My week", "Team", "Anne Blanc", "Julie Martin"]
    );
    assert_eq!(manager.person_id("anne BLANC").unwrap(), anne.user());
    assert_eq!(manager.person_id("Nobody Here").unwrap(), "Nobody Here", "an unknown name is kept as typed");

    // Once everyone is named, an idle sync is the sync request alone: the same bytes as a bare
    // sync client's.
    proxy.take();
    manager.sync().await.unwrap();
    let through_session = proxy.take();
    let store = std::sync::Arc::new(home.open_store().unwrap());
    SyncClient::from_store(&store, SyncOptions::default()).unwrap().sync(&store).await.unwrap();
    let bare = proxy.take();
    assert_eq!(through_session, bare);
}
