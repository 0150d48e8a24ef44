//! What the server refuses, with which status and reason, and that it keeps serving afterwards.

mod common;

use tournee_core::doc::{DocKind, Document};
use tournee_core::model::{Account, AccountKind, Lead, Objective};
use tournee_core::sync::api::{paths, Role};
use tournee_core::sync::wire::{SyncRequest, SyncResponse, UploadDoc, CONTENT_TYPE, MEDIA_TYPE};
use tournee_core::sync::SyncErrorKind;

use common::{Device, ServerProcess};

/// Posts a raw sync body; returns the status and the body (the reason, for a refusal).
async fn post_sync(url: &str, token: Option<&str>, body: Vec<u8>) -> (u16, Vec<u8>) {
    let mut request =
        reqwest::Client::new().post(format!("{url}{}", paths::SYNC)).header("content-type", CONTENT_TYPE);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.body(body).send().await.unwrap();
    (response.status().as_u16(), response.bytes().await.unwrap().to_vec())
}

fn reason(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

fn account_doc(id: Option<&str>, owner: &str) -> (String, Vec<u8>) {
    let account = Account::new("Menuiserie Roux", AccountKind::Prospect, owner);
    let id = id.unwrap_or(&account.id).to_owned();
    let mut doc = Document::create(&id, DocKind::Account).unwrap();
    if id == account.id {
        doc.upsert(&account).unwrap();
    }
    (id, doc.save())
}

fn upload(doc_id: &str, kind: DocKind, changes: Vec<u8>) -> Vec<u8> {
    SyncRequest {
        cursor: vec![],
        max_page_bytes: 0,
        docs: vec![UploadDoc { doc_id: doc_id.into(), kind, changes }],
    }
    .encode()
}

async fn assert_serving(server: &ServerProcess, device: &Device) {
    let health = reqwest::get(format!("{}{}", server.url, paths::HEALTH)).await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
    device.sync().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_required_checked_and_revocable() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), "127.0.0.1:0");
    let admin = server.admin();
    let team = admin.create_team("Nord").await.unwrap();
    let rep = Device::enroll(&admin, &server.url, &team.id, "rep", Role::Rep, dir.path()).await;
    let manager = Device::enroll(&admin, &server.url, &team.id, "manager", Role::Manager, dir.path()).await;
    let idle = SyncRequest::default().encode();

    let (status, body) = post_sync(&server.url, None, idle.clone()).await;
    assert_eq!(status, 401, "{}", reason(&body));
    let (status, _) = post_sync(&server.url, Some("tdt_not-a-token"), idle.clone()).await;
    assert_eq!(status, 401);
    let (status, _) = post_sync(&server.url, Some(&rep.enrollment.token), idle.clone()).await;
    assert_eq!(status, 200);

    // A rep is no admin; an enrollment code works once.
    let err = tournee_core::sync::AdminClient::new(&server.url, &rep.enrollment.token, None)
        .unwrap()
        .create_team("Pirates")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), SyncErrorKind::Forbidden);
    let user = admin.create_user("remplaçant", Role::Rep, Some(&team.id)).await.unwrap();
    let code = admin.enrollment_code(&user.id).await.unwrap();
    let store =
        std::sync::Arc::new(tournee_core::store::Store::open(dir.path().join("once.sqlite3")).unwrap());
    tournee_core::sync::enroll(&store, &server.url, &code.code.to_lowercase(), "téléphone").await.unwrap();
    let again = tournee_core::sync::enroll(&store, &server.url, &code.code, "autre").await.unwrap_err();
    assert_eq!(again.kind(), SyncErrorKind::Unauthorized);

    // A lost phone is revoked; what it synced stays.
    let account =
        rep.store.save_account(&Account::new("Scierie Blanc", AccountKind::Client, rep.user())).unwrap();
    rep.sync().await;
    admin.revoke_device(&rep.enrollment.device_id).await.unwrap();
    let err = rep.client.sync(&rep.store).await.unwrap_err();
    assert_eq!(err.kind(), SyncErrorKind::Unauthorized, "{err}");
    let (status, _) = post_sync(&server.url, Some(&rep.enrollment.token), idle).await;
    assert_eq!(status, 401);
    manager.sync().await;
    assert_eq!(manager.store.account(&account.id).unwrap().name, "Scierie Blanc");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_teams_documents_are_out_of_reach() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), "127.0.0.1:0");
    let admin = server.admin();
    let (north, south) = (admin.create_team("Nord").await.unwrap(), admin.create_team("Sud").await.unwrap());
    let a = Device::enroll(&admin, &server.url, &north.id, "a", Role::Rep, dir.path()).await;
    let b = Device::enroll(&admin, &server.url, &south.id, "b", Role::Manager, dir.path()).await;
    let account = a.store.save_account(&Account::new("Secret SA", AccountKind::Client, a.user())).unwrap();
    a.sync().await;

    // Knowing the id grants nothing: writing to it is refused, reading it never happens.
    let (_, forged) = account_doc(Some(&account.id), b.user());
    let (status, body) =
        post_sync(&server.url, Some(&b.enrollment.token), upload(&account.id, DocKind::Account, forged))
            .await;
    assert_eq!(status, 403, "{}", reason(&body));
    assert!(reason(&body).contains("another team"), "{}", reason(&body));
    let (status, body) =
        post_sync(&server.url, Some(&b.enrollment.token), SyncRequest::default().encode()).await;
    assert_eq!(status, 200);
    assert!(SyncResponse::decode(&body).unwrap().docs.is_empty(), "team Sud received team Nord's documents");
    assert_eq!(b.sync().await.received, 0);
    assert!(b.store.account(&account.id).is_err());

    // Reps do not set objectives.
    let mut objectives = Document::create("objectives1", DocKind::Objectives).unwrap();
    objectives
        .upsert(&Objective {
            id: "o1".into(),
            rep: None,
            period_start: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            period_end: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            metric: tournee_core::model::Metric::Revenue,
            target: 1,
            note: None,
        })
        .unwrap();
    let (status, body) = post_sync(
        &server.url,
        Some(&a.enrollment.token),
        upload("objectives1", DocKind::Objectives, objectives.save()),
    )
    .await;
    assert_eq!(status, 403, "{}", reason(&body));
    assert_serving(&server, &a).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_bodies_are_refused_whole_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), "127.0.0.1:0");
    let admin = server.admin();
    let team = admin.create_team("Centre").await.unwrap();
    let rep = Device::enroll(&admin, &server.url, &team.id, "rep", Role::Rep, dir.path()).await;
    let token = Some(rep.enrollment.token.as_str());
    let (good_id, good) = account_doc(None, rep.user());

    let mut leads = Document::create("leads1", DocKind::Leads).unwrap();
    leads.upsert(&Lead::new("Salon", "Paul", rep.user())).unwrap();
    let mut truncated = upload(&good_id, DocKind::Account, good.clone());
    truncated.truncate(truncated.len() - 10);
    let mut two = SyncRequest::decode(&upload(&good_id, DocKind::Account, good.clone())).unwrap();
    two.docs.push(UploadDoc {
        doc_id: "bad".into(),
        kind: DocKind::Account,
        changes: vec![0x85, 0x6f, 0x4a, 0x83, 1, 2],
    });
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("garbage", b"hello, server".to_vec(), 400),
        ("truncated", truncated, 400),
        ("not automerge", upload("x1", DocKind::Account, vec![7; 100]), 422),
        ("a leads document claimed as an account", upload("leads1", DocKind::Account, leads.save()), 422),
        ("a bad document beside a good one", two.encode(), 422),
        ("an id with a slash", upload("../etc", DocKind::Account, good.clone()), 400),
    ];
    for (what, body, expected) in cases {
        let (status, answer) = post_sync(&server.url, token, body).await;
        assert_eq!(status, expected, "{what}: {}", reason(&answer));
        assert!(!answer.is_empty(), "{what}: no reason given");
    }
    // Too large for the limit: refused from its declared length, before the body is read.
    let oversized = common::raw_post(
        server.addr,
        paths::SYNC,
        &[("content-type", CONTENT_TYPE), ("authorization", &format!("Bearer {}", rep.enrollment.token))],
        33 << 20,
        0,
    );
    assert_eq!(oversized.status, 413);
    let plain = reqwest::Client::new()
        .post(format!("{}{}", server.url, paths::SYNC))
        .bearer_auth(&rep.enrollment.token)
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status().as_u16(), 415);
    // An app from before documents format 2 (no `docs` parameter) could not read what it would
    // receive: told to update, with nothing taken from it.
    for older in
        [MEDIA_TYPE.to_owned(), format!("{MEDIA_TYPE}; docs=1"), format!("{MEDIA_TYPE}; charset=utf-8")]
    {
        let answer = reqwest::Client::new()
            .post(format!("{}{}", server.url, paths::SYNC))
            .bearer_auth(&rep.enrollment.token)
            .header("content-type", &older)
            .body(upload(&good_id, DocKind::Account, good.clone()))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status().as_u16(), 426, "{older}");
        assert!(answer.text().await.unwrap().contains("update the app"), "{older}");
    }

    // Refused whole: the good document of the mixed request was not stored.
    let (_, body) = post_sync(&server.url, token, SyncRequest::default().encode()).await;
    assert!(SyncResponse::decode(&body).unwrap().docs.is_empty());
    assert_serving(&server, &rep).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_request_changes_nothing_more() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), "127.0.0.1:0");
    let admin = server.admin();
    let team = admin.create_team("Ouest").await.unwrap();
    let rep = Device::enroll(&admin, &server.url, &team.id, "rep", Role::Rep, dir.path()).await;
    let manager = Device::enroll(&admin, &server.url, &team.id, "manager", Role::Manager, dir.path()).await;
    let (id, doc) = account_doc(None, rep.user());
    let body = upload(&id, DocKind::Account, doc);
    let token = Some(rep.enrollment.token.as_str());

    let mut answers = Vec::new();
    for _ in 0..4 {
        let (status, answer) = post_sync(&server.url, token, body.clone()).await;
        assert_eq!(status, 200, "{}", reason(&answer));
        answers.push(SyncResponse::decode(&answer).unwrap());
    }
    assert_eq!(answers[0].accepted, 1);
    for replay in &answers[1..] {
        assert_eq!(replay.accepted, 0);
        assert_eq!(replay.cursor, answers[0].cursor, "a replay moved the change index");
    }
    let (_, answer) =
        post_sync(&server.url, Some(&manager.enrollment.token), SyncRequest::default().encode()).await;
    let pulled = SyncResponse::decode(&answer).unwrap();
    assert_eq!(pulled.docs.len(), 1);
    assert_eq!(manager.sync().await.received, 1);
    assert_eq!(manager.store.account(&id).unwrap().name, "Menuiserie Roux");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rep_writes_only_their_own_reports() {
    use tournee_core::model::{Channel, VisitReport};
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), "127.0.0.1:0");
    let admin = server.admin();
    let team = admin.create_team("Nord").await.unwrap();
    let julie = Device::enroll(&admin, &server.url, &team.id, "julie", Role::Rep, dir.path()).await;
    let marc = Device::enroll(&admin, &server.url, &team.id, "marc", Role::Rep, dir.path()).await;
    let anne = Device::enroll(&admin, &server.url, &team.id, "anne", Role::Manager, dir.path()).await;
    let account = julie
        .store
        .save_account(&Account::new("Menuiserie Roux", AccountKind::Client, julie.user()))
        .unwrap();
    let visit = julie
        .store
        .save_visit(&VisitReport::new(&account.id, julie.user(), Channel::OnSite, chrono::Utc::now()))
        .unwrap();
    julie.sync().await;
    marc.sync().await;

    // Marc's own app refuses to touch Julie's report; a forged upload is refused by the server.
    assert!(marc.store.save_visit(&VisitReport { notes: "réécrit".into(), ..visit.clone() }).is_err());
    let mut doc = Document::load(&account.id, &[&marc.store.export_document(&account.id).unwrap()]).unwrap();
    let before = doc.heads();
    doc.upsert(&VisitReport { notes: "réécrit".into(), ..visit.clone() }).unwrap();
    let forged = doc.save_after(&before);
    let (status, body) =
        post_sync(&server.url, Some(&marc.enrollment.token), upload(&account.id, DocKind::Account, forged))
            .await;
    assert_eq!(status, 403, "{}", reason(&body));
    assert!(reason(&body).contains("another rep"), "{}", reason(&body));
    // Nor may he log a report in Julie's name.
    let mut doc = Document::load(&account.id, &[&marc.store.export_document(&account.id).unwrap()]).unwrap();
    let before = doc.heads();
    doc.upsert(&VisitReport::new(&account.id, julie.user(), Channel::Phone, chrono::Utc::now())).unwrap();
    let (status, _) = post_sync(
        &server.url,
        Some(&marc.enrollment.token),
        upload(&account.id, DocKind::Account, doc.save_after(&before)),
    )
    .await;
    assert_eq!(status, 403);

    // His own report on the same account goes through, and the manager may edit Julie's.
    marc.store
        .save_visit(&VisitReport::new(&account.id, marc.user(), Channel::Phone, chrono::Utc::now()))
        .unwrap();
    assert_eq!(marc.sync().await.still_pending, 0);
    anne.sync().await;
    anne.store.save_visit(&VisitReport { next_step: Some("Devis".into()), ..visit.clone() }).unwrap();
    assert_eq!(anne.sync().await.still_pending, 0);
    julie.sync().await;
    assert_eq!(julie.store.visit(&visit.id).unwrap().next_step.as_deref(), Some("Devis"));
    assert_eq!(julie.store.visit(&visit.id).unwrap().notes, "");
}
