//! A first sync carries each document's projected rows once the server has read them in the
//! background, never rows older than the document, and nothing new for a device that does not ask
//! for them (PROTOCOL.md, "Projected rows").

mod common;

use std::time::{Duration, Instant};

use tournee_core::doc::Projection;
use tournee_core::model::{Account, AccountKind, Channel, VisitReport};
use tournee_core::sync::api::paths;
use tournee_core::sync::wire::{self, SyncRequest, SyncResponse, CONTENT_TYPE, REQUEST_CONTENT_TYPE};

use common::Team;

/// A manager's first page, raw, asked for with `content_type`: the body's version and documents.
async fn first_page(team: &Team, content_type: &str) -> (u8, SyncResponse) {
    let response = reqwest::Client::new()
        .post(format!("{}{}", team.server.url, paths::SYNC))
        .bearer_auth(&team.manager.enrollment.token)
        .header("content-type", content_type)
        .body(SyncRequest::default().encode())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let body = response.bytes().await.unwrap();
    (body[4], SyncResponse::decode(&body).unwrap())
}

/// The first page once every document in it carries rows and `done` says it is the page awaited
/// (the server projects in the background, told of each upload as it commits).
async fn projected_page(team: &Team, documents: usize, done: impl Fn(&SyncResponse) -> bool) -> SyncResponse {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (version, page) = first_page(team, REQUEST_CONTENT_TYPE).await;
        if page.docs.len() == documents && page.docs.iter().all(|d| d.rows.is_some()) && done(&page) {
            assert_eq!(version, wire::VERSION_WITH_ROWS);
            return page;
        }
        assert!(Instant::now() < deadline, "the server never projected its documents");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn visit_ids(page: &SyncResponse, doc_id: &str) -> Option<Vec<String>> {
    let doc = page.docs.iter().find(|d| d.doc_id == doc_id)?;
    let projection = Projection::decode(doc_id, doc.rows.as_deref()?).unwrap();
    Some(projection.rows.visits.into_iter().map(|v| v.id).collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_sync_carries_rows_read_at_each_documents_current_version() {
    let mut team = Team::start().await;
    let rep = &team.rep;
    let mut accounts = Vec::new();
    for i in 0..3 {
        let account =
            rep.store.save_account(&Account::new(format!("Cave n°{i}"), AccountKind::Client, rep.user()));
        let account = account.unwrap();
        let started = "2026-11-30T09:00:00Z".parse().unwrap();
        rep.store.save_visit(&VisitReport::new(&account.id, rep.user(), Channel::OnSite, started)).unwrap();
        accounts.push(account);
    }
    rep.sync().await;

    let page = projected_page(&team, 3, |_| true).await;
    for account in &accounts {
        let doc = page.docs.iter().find(|d| d.doc_id == account.id).unwrap();
        let projection = Projection::decode(&account.id, doc.rows.as_deref().unwrap()).unwrap();
        assert_eq!(projection.rows.accounts[0].name, account.name);
        assert_eq!(projection.rows.visits.len(), 1);
    }

    // A device from before the rows is answered as before.
    let (version, old) = first_page(&team, CONTENT_TYPE).await;
    assert_eq!(version, wire::VERSION);
    assert!(old.docs.iter().all(|d| d.rows.is_none()) && old.docs.len() == 3);

    // A document written since is projected again.
    let started = "2026-12-01T09:00:00Z".parse().unwrap();
    let second =
        rep.store.save_visit(&VisitReport::new(&accounts[0].id, rep.user(), Channel::Phone, started));
    let second = second.unwrap();
    rep.sync().await;
    let holds_it = |page: &SyncResponse| visit_ids(page, &accounts[0].id).unwrap().contains(&second.id);
    projected_page(&team, 3, holds_it).await;

    // Rows read at an older version than the document's are never sent: it goes as bytes alone.
    team.server.kill();
    let older = format!("UPDATE projections SET version = version - 1 WHERE doc_id = '{}'", accounts[1].id);
    common::server_execute(&team.server.data_dir, &older);
    team.server.restart();
    let (_, page) = first_page(&team, REQUEST_CONTENT_TYPE).await;
    let rows_of = |id: &str| page.docs.iter().find(|d| d.doc_id == id).unwrap().rows.is_some();
    assert!(!rows_of(&accounts[1].id), "rows older than their document were sent");
    assert!(rows_of(&accounts[0].id) && rows_of(&accounts[2].id));

    // The manager's device writes the rows, and loads the other document: every visit is there, and
    // its first edit of a document it never loaded goes up.
    let manager = &team.manager;
    assert_eq!(manager.sync().await.received, 3);
    assert_eq!(manager.store.visit(&second.id).unwrap(), second);
    assert_eq!(manager.store.account_detail(&accounts[1].id).unwrap().timeline.len(), 1);
    let mut edited = second.clone();
    edited.notes = "Rappeler lundi.".into();
    manager.store.save_visit(&edited).unwrap();
    assert_eq!(manager.sync().await.sent, 1);
    team.rep.sync().await;
    assert_eq!(team.rep.store.visit(&second.id).unwrap().notes, "Rappeler lundi.");
}
