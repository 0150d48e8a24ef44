//! Every endpoint × every caller (admin, manager, rep, revoked device, no token) × own or other
//! team: nothing of another team is read, written or revealed, including by the difference between
//! two answers where it can be closed.
//!
//! One difference stays, by design: a valid document uploaded under an id another team holds is
//! refused (403), while under an unknown id it is stored. Ids are global and random (knowing one
//! grants nothing), and answering as if stored would make the device drop changes it believes
//! acknowledged.

mod common;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use tournee_core::doc::{DocKind, Document};
use tournee_core::model::{new_id, Account, AccountKind, Metric, Objective};
use tournee_core::sync::api::{paths, Role};
use tournee_core::sync::wire::{SyncRequest, SyncResponse, UploadDoc, CONTENT_TYPE};
use tournee_core::sync::AdminClient;
use tournee_sync_server::Limits;

use common::{serve, Device};

/// The callers of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Admin,
    Manager,
    Rep,
    Revoked,
    Nobody,
}

const CALLERS: [Caller; 5] = [Caller::Admin, Caller::Manager, Caller::Rep, Caller::Revoked, Caller::Nobody];

struct World {
    url: String,
    dir: tempfile::TempDir,
    admin_token: String,
    /// Nord's manager and rep, and a Nord rep's device revoked.
    manager: Device,
    rep: Device,
    revoked: Device,
    /// Sud's rep, whose team is "the other team" for every Nord caller.
    sud_rep: Device,
    sud_team: String,
    nord_team: String,
}

impl World {
    fn token(&self, caller: Caller) -> Option<&str> {
        match caller {
            Caller::Admin => Some(&self.admin_token),
            Caller::Manager => Some(&self.manager.enrollment.token),
            Caller::Rep => Some(&self.rep.enrollment.token),
            Caller::Revoked => Some(&self.revoked.enrollment.token),
            Caller::Nobody => None,
        }
    }

    /// The documents the server holds, by team.
    fn docs_of(&self, team_id: &str) -> BTreeSet<String> {
        let sql = format!("SELECT id FROM documents WHERE team_id = '{team_id}'");
        common::server_rows(&self.dir.path().join("server"), &sql)
            .into_iter()
            .map(|mut row| row.remove(0))
            .collect()
    }

    /// A document's version on the server, to see that nothing was written.
    fn version(&self, doc_id: &str) -> i64 {
        let sql = format!("SELECT version FROM documents WHERE id = '{doc_id}'");
        common::server_rows(&self.dir.path().join("server"), &sql)[0][0].parse().unwrap()
    }

    async fn call(
        &self,
        caller: Caller,
        post: bool,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> (u16, Vec<u8>) {
        let url = format!("{}{path}", self.url);
        let client = reqwest::Client::new();
        let mut request = if post {
            client.post(url).header("content-type", content_type).body(body)
        } else {
            client.get(url)
        };
        if let Some(token) = self.token(caller) {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        (response.status().as_u16(), response.bytes().await.unwrap().to_vec())
    }

    async fn json(&self, caller: Caller, path: &str, body: serde_json::Value) -> (u16, String) {
        let (status, body) =
            self.call(caller, true, path, "application/json", body.to_string().into_bytes()).await;
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    async fn sync(&self, caller: Caller, docs: Vec<UploadDoc>) -> (u16, Vec<u8>) {
        let body = SyncRequest { cursor: vec![], max_page_bytes: 0, docs }.encode();
        self.call(caller, true, paths::SYNC, CONTENT_TYPE, body).await
    }

    /// Every document id a caller's pull from the start brings, or the refusal's status.
    async fn pulled(&self, caller: Caller) -> Result<BTreeSet<String>, u16> {
        let (mut ids, mut cursor) = (BTreeSet::new(), Vec::new());
        loop {
            let body = SyncRequest { cursor: cursor.clone(), max_page_bytes: 0, docs: vec![] }.encode();
            let (status, body) = self.call(caller, true, paths::SYNC, CONTENT_TYPE, body).await;
            if status != 200 {
                return Err(status);
            }
            let page = SyncResponse::decode(&body).unwrap();
            ids.extend(page.docs.into_iter().map(|d| d.doc_id));
            if !page.more {
                return Ok(ids);
            }
            cursor = page.cursor;
        }
    }
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let (url, admin_token) = serve(dir.path(), Limits::default()).await;
    let admin = AdminClient::new(&url, &admin_token, None).unwrap();
    let (nord, sud) = (admin.create_team("Nord").await.unwrap(), admin.create_team("Sud").await.unwrap());
    let manager = Device::enroll(&admin, &url, &nord.id, "Claire Nord", Role::Manager, dir.path()).await;
    let rep = Device::enroll(&admin, &url, &nord.id, "Julie Nord", Role::Rep, dir.path()).await;
    let revoked = Device::enroll(&admin, &url, &nord.id, "Ancien Nord", Role::Rep, dir.path()).await;
    let sud_rep = Device::enroll(&admin, &url, &sud.id, "Zoé Sud", Role::Rep, dir.path()).await;
    let sud_manager = Device::enroll(&admin, &url, &sud.id, "Marc Sud", Role::Manager, dir.path()).await;
    // Each team holds an account and an objectives sheet.
    for (rep, manager) in [(&rep, &manager), (&sud_rep, &sud_manager)] {
        rep.store.save_account(&Account::new("Client de l'équipe", AccountKind::Client, rep.user())).unwrap();
        rep.sync().await;
        let objective = Objective {
            id: new_id(),
            rep: None,
            period_start: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            metric: Metric::Visits,
            target: 40,
            note: None,
        };
        manager.store.save_objective(&objective).unwrap();
        manager.sync().await;
    }
    revoked.sync().await;
    admin.revoke_device(&revoked.enrollment.device_id).await.unwrap();
    World { url, dir, admin_token, manager, rep, revoked, sud_rep, sud_team: sud.id, nord_team: nord.id }
}

/// A valid account document under `doc_id`, as a device would upload it.
fn account_upload(doc_id: &str, owner: &str) -> UploadDoc {
    let mut account = Account::new("Écrit par un autre", AccountKind::Prospect, owner);
    account.id = doc_id.to_owned();
    let mut doc = Document::create(doc_id, DocKind::Account).unwrap();
    doc.upsert(&account).unwrap();
    UploadDoc { doc_id: doc_id.to_owned(), kind: DocKind::Account, changes: doc.save() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_caller_reads_writes_or_learns_anything_of_another_team() {
    let w = world().await;
    let (nord_docs, sud_docs) = (w.docs_of(&w.nord_team), w.docs_of(&w.sud_team));
    assert_eq!((nord_docs.len(), sud_docs.len()), (2, 2), "an account and objectives each");
    let sud_account = sud_docs
        .iter()
        .find(|id| w.sud_rep.store.account(id).is_ok())
        .expect("Sud's account is on the server")
        .clone();
    let sud_version = w.version(&sud_account);

    for caller in CALLERS {
        // GET /health: the same for everyone, and says nothing.
        let (status, body) = w.call(caller, false, paths::HEALTH, "", vec![]).await;
        assert_eq!((status, body.as_slice()), (200, &b"ok"[..]), "{caller:?}");

        // POST /v1/sync, reading: the own team's documents (less those the device wrote alone,
        // which it has), never the other's.
        match (caller, w.pulled(caller).await) {
            (Caller::Manager | Caller::Rep, Ok(ids)) => {
                assert!(!ids.is_empty() && ids.is_subset(&nord_docs), "{caller:?} pulled {ids:?}");
                assert!(ids.is_disjoint(&sud_docs), "{caller:?} pulled {ids:?}");
            }
            (Caller::Admin, pulled) => assert_eq!(pulled, Err(403), "an admin belongs to no team"),
            (Caller::Revoked | Caller::Nobody, pulled) => assert_eq!(pulled, Err(401), "{caller:?}"),
            (caller, pulled) => panic!("{caller:?} pulled {pulled:?}"),
        }

        // POST /v1/sync, writing the other team's document: refused, nothing written; garbage under
        // its id is answered as garbage under an unknown id is (its existence is not revealed).
        let (status, reason) = w.sync(caller, vec![account_upload(&sud_account, "intrus")]).await;
        let reason = String::from_utf8_lossy(&reason).into_owned();
        let expected = match caller {
            Caller::Manager | Caller::Rep | Caller::Admin => 403,
            Caller::Revoked | Caller::Nobody => 401,
        };
        assert_eq!(status, expected, "{caller:?} writes Sud's account: {reason}");
        assert!(!reason.contains(&w.sud_team) && !reason.contains("Sud"), "{caller:?}: {reason}");
        let garbage = |id: &str| UploadDoc {
            doc_id: id.into(),
            kind: DocKind::Account,
            changes: vec![0x85, 0x6f, 0x4a, 0x83, 1, 2, 3],
        };
        let (held, _) = w.sync(caller, vec![garbage(&sud_account)]).await;
        let (unknown, _) = w.sync(caller, vec![garbage("no-such-document-anywhere")]).await;
        assert_eq!(held, unknown, "{caller:?}: garbage under a held id and an unknown one");
        assert_eq!(w.version(&sud_account), sud_version, "{caller:?} changed Sud's account");

        // GET /v1/team/members: the own team by name, nobody of the other.
        let (status, body) = w.call(caller, false, paths::TEAM_MEMBERS, "", vec![]).await;
        let body = String::from_utf8_lossy(&body).into_owned();
        match caller {
            Caller::Manager | Caller::Rep => {
                assert_eq!(status, 200);
                assert!(body.contains("Julie Nord") && body.contains("Claire Nord"), "{body}");
                assert!(!body.contains("Sud") && !body.contains(&w.sud_team), "{caller:?}: {body}");
            }
            Caller::Admin => assert_eq!(status, 403),
            Caller::Revoked | Caller::Nobody => assert_eq!(status, 401),
        }

        // The admin endpoints, aimed at the own team and at the other: only the admin, and every
        // other caller gets the same answer whichever team the body names.
        let sud_user = w.sud_rep.user().to_owned();
        let sud_device = w.sud_rep.enrollment.device_id.clone();
        let nord_user = w.rep.user().to_owned();
        let nord_device = w.rep.enrollment.device_id.clone();
        let calls = [
            (
                paths::TEAMS,
                serde_json::json!({ "name": "Équipe pirate" }),
                serde_json::json!({ "name": "Équipe pirate" }),
            ),
            (
                paths::USERS,
                serde_json::json!({ "name": "Intrus", "role": "manager", "team_id": w.nord_team }),
                serde_json::json!({ "name": "Intrus", "role": "manager", "team_id": w.sud_team }),
            ),
            (
                paths::ENROLLMENT_CODES,
                serde_json::json!({ "user_id": nord_user }),
                serde_json::json!({ "user_id": sud_user }),
            ),
        ];
        for (path, own, other) in calls {
            let (own_status, _) = w.json(caller, path, own).await;
            let (other_status, other_reason) = w.json(caller, path, other).await;
            let expected = match caller {
                Caller::Admin => 201,
                Caller::Manager | Caller::Rep => 403,
                Caller::Revoked | Caller::Nobody => 401,
            };
            assert_eq!((own_status, other_status), (expected, expected), "{caller:?} {path}: {other_reason}");
        }
        if caller != Caller::Admin {
            for device in [&nord_device, &sud_device] {
                let (status, _) =
                    w.json(caller, paths::REVOKE_DEVICE, serde_json::json!({ "device_id": device })).await;
                let expected = if caller == Caller::Nobody || caller == Caller::Revoked { 401 } else { 403 };
                assert_eq!(status, expected, "{caller:?} revokes");
            }
        }

        // POST /v1/enroll: the code decides, not the caller; a wrong code says nothing more to anyone.
        let (status, reason) = w
            .json(
                caller,
                paths::ENROLL,
                serde_json::json!({ "code": "AAAAA-BBBBB-CCCCC", "device_name": "x" }),
            )
            .await;
        assert_eq!(status, 401, "{caller:?}");
        assert_eq!(reason, "the enrollment code is unknown, used or expired");
    }

    // After all of it, Sud's devices sync as before and hold nothing of Nord.
    w.sud_rep.sync().await;
    assert!(w.sud_rep.store.search_accounts("écrit par", 10).unwrap().is_empty());
    assert_eq!(w.docs_of(&w.sud_team).len(), 2, "nothing was created in Sud's team by a Nord caller");
    w.manager.sync().await;
}
