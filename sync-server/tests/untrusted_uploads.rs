//! What a device with a valid token can send that must neither corrupt what the team sees nor take
//! the server's memory: one regression test per finding of the issue "An upload can neither
//! corrupt the team's data nor crash or exhaust the server", and a seeded HTTP-level fuzz test.

mod common;

use rand::{Rng, SeedableRng};
use tournee_core::doc::untrusted;
use tournee_core::doc::DocKind;
use tournee_core::model::{Account, AccountKind, Channel, Lead, VisitReport};
use tournee_core::sync::api::{paths, Role};
use tournee_core::sync::wire::{SyncRequest, SyncResponse, UploadDoc, CONTENT_TYPE};
use tournee_core::sync::SyncErrorKind;
use tournee_testkit::malformed::{self, Target};

use common::{ServerProcess, Team};

async fn post_sync(url: &str, token: &str, body: Vec<u8>) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(format!("{url}{}", paths::SYNC))
        .header("content-type", CONTENT_TYPE)
        .bearer_auth(token)
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), String::from_utf8_lossy(&response.bytes().await.unwrap()).into_owned())
}

fn upload(docs: Vec<(&str, DocKind, Vec<u8>)>) -> Vec<u8> {
    let docs = docs
        .into_iter()
        .map(|(doc_id, kind, changes)| UploadDoc { doc_id: doc_id.into(), kind, changes })
        .collect();
    SyncRequest { cursor: vec![], max_page_bytes: 0, docs }.encode()
}

/// Every blob the server stored (snapshots and change-index entries) is whole automerge chunks it
/// could have written itself: nothing after the last chunk, every checksum right. (A change folded
/// into its document's snapshot keeps no bytes in the index.)
fn assert_stored_bytes_are_canonical(server: &ServerProcess) {
    let mut blobs: Vec<(String, Vec<u8>)> = Vec::new();
    for sql in
        ["SELECT id, snapshot FROM documents", "SELECT doc_id, bytes FROM changes WHERE length(bytes) > 0"]
    {
        for row in common::server_rows(&server.data_dir, sql) {
            blobs.push((row[0].clone(), common::unhex(&row[1])));
        }
    }
    assert!(!blobs.is_empty());
    for (doc_id, bytes) in blobs {
        untrusted::check(&bytes, untrusted::MAX_INFLATED_BYTES)
            .unwrap_or_else(|e| panic!("document {doc_id}: the server stored bytes it did not write: {e}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bytes_after_a_valid_document_are_refused_and_later_edits_reach_everyone() {
    let t = Team::start().await;
    let account =
        t.rep.store.save_account(&Account::new("Scierie Blanc", AccountKind::Client, t.rep.user())).unwrap();
    let mut bytes = t.rep.store.export_document(&account.id).unwrap();
    bytes.extend_from_slice(&[0x85, 0x6f, 1]);
    let (status, reason) = post_sync(
        &t.server.url,
        &t.rep.enrollment.token,
        upload(vec![(&account.id, DocKind::Account, bytes)]),
    )
    .await;
    assert_eq!(status, 422, "{reason}");
    assert!(reason.contains("3 bytes after the last complete chunk"), "{reason}");

    // The device's own sync stores it; an edit made afterwards reaches the manager.
    t.rep.sync().await;
    t.rep
        .store
        .save_visit(&VisitReport::new(&account.id, t.rep.user(), Channel::Phone, chrono::Utc::now()))
        .unwrap();
    t.rep.sync().await;
    t.manager.sync().await;
    assert_eq!(t.manager.store.account_detail(&account.id).unwrap().timeline.len(), 1);
    assert_stored_bytes_are_canonical(&t.server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_under_a_new_id_cannot_stand_in_for_the_original() {
    let t = Team::start().await;
    let account =
        t.rep.store.save_account(&Account::new("Scierie Blanc", AccountKind::Client, t.rep.user())).unwrap();
    let lead = t.rep.store.save_lead(&Lead::new("Salon de Lille", "Paul Martin", t.rep.user())).unwrap();
    t.rep.sync().await;
    let lead_doc_id =
        common::server_rows(&t.server.data_dir, "SELECT id FROM documents WHERE kind = 'leads'")[0][0]
            .clone();
    // The lead is edited later; a stale copy under a new id would roll it back on every device.
    let stale_leads = t.rep.store.export_document(&lead_doc_id).unwrap();
    let stale_account = t.rep.store.export_document(&account.id).unwrap();
    t.rep.store.save_lead(&Lead { notes: "Rappeler lundi".into(), ..lead.clone() }).unwrap();
    t.rep.sync().await;

    let copy_id = format!("{lead_doc_id}x");
    let (status, reason) = post_sync(
        &t.server.url,
        &t.rep.enrollment.token,
        upload(vec![(&copy_id, DocKind::Leads, stale_leads)]),
    )
    .await;
    assert_eq!(status, 422, "{reason}");
    assert!(
        reason.contains(&format!("record {} already lives in document {lead_doc_id}", lead.id)),
        "{reason}"
    );
    let copy_id = format!("{}x", account.id);
    let (status, reason) = post_sync(
        &t.server.url,
        &t.rep.enrollment.token,
        upload(vec![(&copy_id, DocKind::Account, stale_account)]),
    )
    .await;
    assert_eq!(status, 422, "{reason}");
    assert!(reason.contains("belongs to another account"), "{reason}");

    t.manager.sync().await;
    let leads = t.manager.store.event_leads("Salon de Lille").unwrap();
    assert_eq!(leads.len(), 1);
    assert_eq!(leads[0].notes, "Rappeler lundi");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_upgraded_from_before_the_record_index_indexes_what_it_stored() {
    let mut t = Team::start().await;
    let lead = t.rep.store.save_lead(&Lead::new("Salon de Lille", "Paul Martin", t.rep.user())).unwrap();
    t.rep.sync().await;
    let db_path = t.server.data_dir.join("tournee-sync.sqlite3");
    let lead_doc_id: String = rusqlite::Connection::open(&db_path)
        .unwrap()
        .query_row("SELECT id FROM documents WHERE kind = 'leads'", [], |r| r.get(0))
        .unwrap();
    let copy = t.rep.store.export_document(&lead_doc_id).unwrap();
    // The database as the first server version left it: schema 1, no record index.
    t.server.kill();
    let db = rusqlite::Connection::open(&db_path).unwrap();
    let tables_since =
        "DROP TABLE records; DROP TABLE history; DROP TABLE projections; DROP TABLE projection_marks;";
    db.execute_batch(&format!("{tables_since} PRAGMA user_version = 1;")).unwrap();
    drop(db);
    t.server.restart();

    let copy_id = format!("{lead_doc_id}x");
    let (status, reason) =
        post_sync(&t.server.url, &t.rep.enrollment.token, upload(vec![(&copy_id, DocKind::Leads, copy)]))
            .await;
    assert_eq!(status, 422, "{reason}");
    assert!(
        reason.contains(&format!("record {} already lives in document {lead_doc_id}", lead.id)),
        "{reason}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inputs_that_made_automerge_panic_are_refused_with_422() {
    let t = Team::start().await;
    let token = &t.manager.enrollment.token;
    let (status, reason) = post_sync(
        &t.server.url,
        token,
        upload(vec![(malformed::ACCOUNT_ID, DocKind::Account, malformed::base_document())]),
    )
    .await;
    assert_eq!(status, 200, "{reason}");
    for (n, case) in malformed::CASES.iter().enumerate() {
        let id = match case.target {
            Target::Changes => malformed::ACCOUNT_ID.to_owned(),
            Target::Document => format!("case{n}"),
        };
        let (status, reason) =
            post_sync(&t.server.url, token, upload(vec![(&id, DocKind::Account, case.bytes())])).await;
        assert_eq!(status, 422, "{}: {reason}", case.site);
    }
    // Unmutated, the same changes are accepted: the refusals were the mutations'.
    let (status, reason) = post_sync(
        &t.server.url,
        token,
        upload(vec![(malformed::ACCOUNT_ID, DocKind::Account, malformed::original(Target::Changes))]),
    )
    .await;
    assert_eq!(status, 200, "{reason}");
    t.rep.sync().await;
    assert_eq!(t.rep.store.account_detail(malformed::ACCOUNT_ID).unwrap().timeline.len(), 1);
    assert_stored_bytes_are_canonical(&t.server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_are_checked_before_the_work_they_prevent() {
    let t = Team::start().await;
    // 2,001 tiny documents: refused at the count, before any is read.
    let docs =
        (0..2_001).map(|i| UploadDoc { doc_id: format!("d{i}"), kind: DocKind::Leads, changes: vec![1] });
    let body = SyncRequest { cursor: vec![], max_page_bytes: 0, docs: docs.collect() }.encode();
    let (status, reason) = post_sync(&t.server.url, &t.rep.enrollment.token, body).await;
    assert_eq!(status, 413, "{reason}");
    assert!(reason.contains("2001 documents in one request, the limit is 2000"), "{reason}");

    // No token, or a wrong one: refused before the body is read, JSON or not.
    let unauthenticated =
        common::raw_post(t.server.addr, paths::SYNC, &[("content-type", CONTENT_TYPE)], 1 << 20, 0);
    assert_eq!(unauthenticated.status, 401);
    let admin_call = reqwest::Client::new()
        .post(format!("{}{}", t.server.url, paths::TEAMS))
        .bearer_auth("tdt_wrong")
        .body("not json at all")
        .send()
        .await
        .unwrap();
    assert_eq!(admin_call.status().as_u16(), 401, "the token comes before the JSON");
    let not_admin = reqwest::Client::new()
        .post(format!("{}{}", t.server.url, paths::TEAMS))
        .bearer_auth(&t.rep.enrollment.token)
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(not_admin.status().as_u16(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_made_only_of_invisible_characters_are_refused() {
    let t = Team::start().await;
    let admin = t.server.admin();
    for name in ["\u{0}", "\u{7}", "\u{200B}", "\u{202E}", "\u{FEFF}", "\u{301}", " \u{2060} "] {
        let err = admin.create_team(name).await.unwrap_err();
        assert_eq!(err.kind(), SyncErrorKind::Rejected, "{name:?}");
        assert!(err.to_string().contains("name"), "{err}");
        let err = admin.create_user(name, Role::Rep, None).await.unwrap_err();
        assert!(err.to_string().contains("name"), "{err}");
    }
    let team = admin.create_team("Sud").await.unwrap();
    let user = admin.create_user("Léa", Role::Rep, Some(&team.id)).await.unwrap();
    let code = admin.enrollment_code(&user.id).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(tournee_core::store::Store::open(dir.path().join("d.sqlite3")).unwrap());
    let err =
        tournee_core::sync::enroll(&store, &t.server.url, &code.code, "\u{200B}\u{200B}").await.unwrap_err();
    assert!(err.to_string().contains("device_name"), "{err}");
    tournee_core::sync::enroll(&store, &t.server.url, &code.code, "Téléphone de Léa").await.unwrap();
}

/// Flips, overwrites, cuts and splices bytes of a real request, sometimes re-sealing the automerge
/// checksums as an attacker would.
fn mutate(rng: &mut impl Rng, request: &SyncRequest) -> Vec<u8> {
    let mut request = request.clone();
    if rng.random_bool(0.6) {
        for doc in &mut request.docs {
            if rng.random_bool(0.5) {
                for _ in 0..rng.random_range(1..4) {
                    let at = rng.random_range(0..doc.changes.len());
                    doc.changes[at] = rng.random();
                }
                if rng.random_bool(0.7) {
                    malformed::fix_checksums(&mut doc.changes);
                }
            }
            if rng.random_bool(0.1) {
                let extra = rng.random_range(1..16);
                doc.changes.extend((0..extra).map(|_| rng.random::<u8>()));
            }
        }
        return request.encode();
    }
    let mut body = request.encode();
    match rng.random_range(0..3) {
        0 => body.truncate(rng.random_range(0..body.len())),
        1 => {
            for _ in 0..rng.random_range(1..6) {
                let at = rng.random_range(0..body.len());
                body[at] = rng.random();
            }
        }
        _ => {
            let at = rng.random_range(0..body.len());
            let len = rng.random_range(1..64).min(body.len() - at);
            let piece = body[at..at + len].to_vec();
            let to = rng.random_range(0..body.len());
            body.splice(to..to, piece);
        }
    }
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutated_requests_never_get_a_5xx_nor_store_foreign_bytes() {
    let t = Team::start().await;
    // Real requests: a rep's first upload, then the changes of an edit, then a lead session.
    let mut requests = Vec::new();
    for i in 0..3 {
        let account = Account::new(format!("Menuiserie {i}"), AccountKind::Prospect, t.rep.user());
        let account = t.rep.store.save_account(&account).unwrap();
        t.rep
            .store
            .save_visit(&VisitReport::new(&account.id, t.rep.user(), Channel::OnSite, chrono::Utc::now()))
            .unwrap();
    }
    t.rep.store.save_lead(&Lead::new("Salon", "Paul", t.rep.user())).unwrap();
    let outgoing = t.rep.store.outgoing(10).unwrap();
    let docs = outgoing.iter().map(|d| UploadDoc {
        doc_id: d.doc_id.clone(),
        kind: d.kind,
        changes: d.changes.clone(),
    });
    requests.push(SyncRequest { cursor: vec![], max_page_bytes: 0, docs: docs.collect() });
    t.rep.sync().await;
    for account in t.rep.store.search_accounts("", 10).unwrap() {
        let mut edited = t.rep.store.account(&account.id).unwrap();
        edited.notes = "Rappel".into();
        t.rep.store.save_account(&edited).unwrap();
    }
    let outgoing = t.rep.store.outgoing(10).unwrap();
    let docs = outgoing.iter().map(|d| UploadDoc {
        doc_id: d.doc_id.clone(),
        kind: d.kind,
        changes: d.changes.clone(),
    });
    let cursor = t.rep.store.sync_value(tournee_core::store::sync_keys::CURSOR).unwrap().unwrap_or_default();
    requests.push(SyncRequest { cursor, max_page_bytes: 0, docs: docs.collect() });

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
    let client = reqwest::Client::new();
    let mut statuses = std::collections::BTreeMap::new();
    for round in 0..2_000 {
        let request = &requests[round % requests.len()];
        let body = mutate(&mut rng, request);
        let response = client
            .post(format!("{}{}", t.server.url, paths::SYNC))
            .header("content-type", CONTENT_TYPE)
            .bearer_auth(&t.rep.enrollment.token)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let answer = response.bytes().await.unwrap();
        assert!(status < 500, "round {round}: {status} {}", String::from_utf8_lossy(&answer));
        if status == 200 {
            SyncResponse::decode(&answer).unwrap();
        }
        *statuses.entry(status).or_insert(0) += 1;
    }
    // The mutations reached every layer: the framing (400), automerge (422) and storage (200).
    for status in [200, 400, 422] {
        assert!(statuses.get(&status).copied().unwrap_or(0) > 10, "{statuses:?}");
    }
    assert_stored_bytes_are_canonical(&t.server);

    // A real device still syncs, and a fresh one converges with it.
    t.rep.sync().await;
    t.manager.sync().await;
    for account in t.rep.store.search_accounts("", 10).unwrap() {
        assert_eq!(
            t.manager.store.account_detail(&account.id).unwrap(),
            t.rep.store.account_detail(&account.id).unwrap()
        );
        assert_eq!(
            t.manager.store.document_heads(&account.id).unwrap(),
            t.rep.store.document_heads(&account.id).unwrap()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_is_stored_as_it_came_without_the_changes_the_server_had() {
    let t = Team::start().await;
    let account =
        t.rep.store.save_account(&Account::new("Scierie Blanc", AccountKind::Client, t.rep.user())).unwrap();
    t.rep.sync().await;
    let visit = |hour| {
        let at = chrono::Utc::now() - chrono::Duration::hours(hour);
        VisitReport::new(&account.id, t.rep.user(), Channel::Phone, at)
    };
    t.rep.store.save_visit(&visit(3)).unwrap();
    let first = t.rep.store.outgoing(10).unwrap().remove(0);
    t.rep.sync().await;
    t.rep.store.save_visit(&visit(2)).unwrap();
    let second = t.rep.store.outgoing(10).unwrap().remove(0);
    assert!(!second.changes.is_empty());

    // A device that sends again what the server has, followed by something new.
    let both = [first.changes.clone(), second.changes.clone()].concat();
    let (status, reason) = post_sync(
        &t.server.url,
        &t.rep.enrollment.token,
        upload(vec![(&account.id, DocKind::Account, both)]),
    )
    .await;
    assert_eq!(status, 200, "{reason}");
    let sql = format!("SELECT bytes FROM changes WHERE doc_id = '{}' ORDER BY seq", account.id);
    let stored: Vec<Vec<u8>> =
        common::server_rows(&t.server.data_dir, &sql).iter().map(|row| common::unhex(&row[0])).collect();
    assert_eq!(stored.len(), 3, "the account, the first visit, the second");
    assert_eq!(stored[1], first.changes, "the first visit as the device sent it");
    assert_eq!(stored[2], second.changes, "only the second visit: the first was not stored twice");

    t.manager.sync().await;
    assert_eq!(t.manager.store.account_detail(&account.id).unwrap().timeline.len(), 2);
    let mut heads = t.manager.store.document_heads(&account.id).unwrap();
    heads.sort();
    assert_eq!(heads, second.heads);
    assert_stored_bytes_are_canonical(&t.server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_upload_with_bad_documents_is_refused_whole_naming_the_first() {
    let t = Team::start().await;
    let mut docs = Vec::new();
    for i in 0..40 {
        let account = Account::new(format!("Atelier {i}"), AccountKind::Client, t.rep.user());
        let account = t.rep.store.save_account(&account).unwrap();
        let mut bytes = t.rep.store.export_document(&account.id).unwrap();
        if i == 7 || i == 31 {
            bytes.extend_from_slice(b"xyz"); // in the first half and in the second
        }
        docs.push((account.id, bytes));
    }
    let body =
        upload(docs.iter().map(|(id, bytes)| (id.as_str(), DocKind::Account, bytes.clone())).collect());
    let (status, reason) = post_sync(&t.server.url, &t.rep.enrollment.token, body).await;
    assert_eq!(status, 422, "{reason}");
    assert!(reason.contains(&format!("document {}", docs[7].0)), "the first bad one: {reason}");
    let stored: i64 =
        common::server_rows(&t.server.data_dir, "SELECT count(*) FROM documents")[0][0].parse().unwrap();
    assert_eq!(stored, 0, "nothing of a refused upload is stored");

    // Without the bad two, every one is stored.
    let good: Vec<_> = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 7 && *i != 31)
        .map(|(_, (id, bytes))| (id.as_str(), DocKind::Account, bytes.clone()))
        .collect();
    let (status, reason) = post_sync(&t.server.url, &t.rep.enrollment.token, upload(good)).await;
    assert_eq!(status, 200, "{reason}");
    let stored: i64 =
        common::server_rows(&t.server.data_dir, "SELECT count(*) FROM documents")[0][0].parse().unwrap();
    assert_eq!(stored, 38);
}

/// The server keeps merged copies of documents it wrote last: a refused upload must leave nothing
/// in them for the next upload to build on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_upload_leaves_nothing_in_the_servers_copy() {
    let t = Team::start().await;
    let account =
        t.rep.store.save_account(&Account::new("Scierie Blanc", AccountKind::Client, t.rep.user())).unwrap();
    t.rep.sync().await;
    // A report in the manager's name, forged by the rep's device: applied, checked, refused.
    let mut doc =
        tournee_core::doc::Document::load(&account.id, &[&t.rep.store.export_document(&account.id).unwrap()])
            .unwrap();
    let before = doc.heads();
    doc.upsert(&VisitReport::new(&account.id, t.manager.user(), Channel::Phone, chrono::Utc::now())).unwrap();
    let forged = upload(vec![(&account.id, DocKind::Account, doc.save_after(&before))]);
    let (status, reason) = post_sync(&t.server.url, &t.rep.enrollment.token, forged).await;
    assert_eq!(status, 403, "{reason}");

    t.rep
        .store
        .save_visit(&VisitReport::new(&account.id, t.rep.user(), Channel::OnSite, chrono::Utc::now()))
        .unwrap();
    assert_eq!(t.rep.sync().await.still_pending, 0);
    let mut heads = t.rep.store.document_heads(&account.id).unwrap();
    heads.sort();
    let sql = format!("SELECT heads FROM documents WHERE id = '{}'", account.id);
    let stored = common::unhex(&common::server_rows(&t.server.data_dir, &sql)[0][0]);
    assert_eq!(
        stored,
        heads.iter().flat_map(|h| h.0).collect::<Vec<u8>>(),
        "the server holds the rep's document"
    );
    t.manager.sync().await;
    let timeline = t.manager.store.account_detail(&account.id).unwrap().timeline;
    assert_eq!(timeline.len(), 1, "only the rep's own report");
}
