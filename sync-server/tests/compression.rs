//! Sync answers travel zstd-compressed to a device that accepts it, and as before to one that does
//! not (an older app); a device compresses its requests once the server said it reads them.

mod common;

use tournee_core::doc::{DocKind, Document};
use tournee_core::model::{Account, AccountKind, Channel, VisitReport};
use tournee_core::sync::api::paths;
use tournee_core::sync::wire::{self, SyncRequest, SyncResponse, UploadDoc, CONTENT_TYPE};

use common::Team;

/// A manager's first pull, raw: the response's `Content-Encoding` and `Vary`, and its body.
async fn first_pull(team: &Team, accept_encoding: Option<&str>) -> (Option<String>, Option<String>, Vec<u8>) {
    let mut request = reqwest::Client::new()
        .post(format!("{}{}", team.server.url, paths::SYNC))
        .bearer_auth(&team.manager.enrollment.token)
        .header("content-type", CONTENT_TYPE);
    if let Some(accepted) = accept_encoding {
        request = request.header("accept-encoding", accepted);
    }
    let response = request.body(SyncRequest::default().encode()).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
    let (coding, vary) = (header("content-encoding"), header("vary"));
    (coding, vary, response.bytes().await.unwrap().to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_that_accepts_zstd_gets_the_same_page_in_fewer_bytes() {
    let team = Team::start().await;
    let (coding, _, nothing) = first_pull(&team, Some("zstd")).await;
    assert_eq!(coding, None, "an answer of {} bytes is not worth a frame", nothing.len());
    assert!(SyncResponse::decode(&nothing).unwrap().docs.is_empty());
    let rep = &team.rep;
    let mut visits = Vec::new();
    for i in 0..40 {
        let account = Account::new(format!("Cave n°{i}"), AccountKind::Client, rep.user());
        let account = rep.store.save_account(&account).unwrap();
        let started = "2026-11-30T09:00:00Z".parse().unwrap();
        let mut visit = VisitReport::new(&account.id, rep.user(), Channel::OnSite, started);
        visit.notes = format!("Commande de printemps, à relancer avant le {i} mars.");
        visits.push(rep.store.save_visit(&visit).unwrap());
    }
    assert_eq!(rep.sync().await.sent, 40);

    let (coding, vary, plain) = first_pull(&team, None).await;
    assert_eq!(coding, None, "a device that did not ask gets the body as before");
    let plain_page = SyncResponse::decode(&plain).unwrap();
    assert_eq!(plain_page.docs.len(), 40);

    for accepted in ["zstd", "gzip, br, zstd;q=0.8"] {
        let (coding, compressed_vary, compressed) = first_pull(&team, Some(accepted)).await;
        assert_eq!(coding.as_deref(), Some("zstd"), "{accepted}");
        assert_eq!(compressed_vary.as_deref(), Some("accept-encoding"));
        let inflated = wire::decompress(&compressed, wire::MAX_INFLATED_RESPONSE_BYTES).unwrap();
        assert_eq!(SyncResponse::decode(&inflated).unwrap(), plain_page);
        assert!(
            compressed.len() * 2 < plain.len(),
            "{} compressed of {} bytes",
            compressed.len(),
            plain.len()
        );
    }
    assert_eq!(vary.as_deref(), Some("accept-encoding"));
    let (coding, _, _) = first_pull(&team, Some("gzip, zstd;q=0")).await;
    assert_eq!(coding, None, "zstd refused with q=0");

    // The app's own client asks for it and reads it: the manager's device gets every visit.
    let report = team.manager.sync().await;
    assert_eq!(report.received, 40);
    assert!(
        report.bytes_received * 2 < plain.len() as u64,
        "{} bytes for a {}-byte page",
        report.bytes_received,
        plain.len()
    );
    for visit in &visits {
        assert_eq!(&team.manager.store.visit(&visit.id).unwrap(), visit);
    }
}

/// Posts a sync body as the rep, with `Content-Encoding: coding`: the status, the answer's
/// `Accept-Encoding` and its body.
async fn post_encoded(team: &Team, coding: &str, body: Vec<u8>) -> (u16, Option<String>, Vec<u8>) {
    let response = reqwest::Client::new()
        .post(format!("{}{}", team.server.url, paths::SYNC))
        .bearer_auth(&team.rep.enrollment.token)
        .header("content-type", CONTENT_TYPE)
        .header("content-encoding", coding)
        .body(body)
        .send()
        .await
        .unwrap();
    let reads = response.headers().get("accept-encoding").map(|v| v.to_str().unwrap().to_owned());
    (response.status().as_u16(), reads, response.bytes().await.unwrap().to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_compressed_request_is_read_within_the_limits_and_the_app_sends_them_once_told() {
    let team = Team::start().await;
    let rep = &team.rep;
    let account = Account::new("Cave des Halles", AccountKind::Client, rep.user());
    let mut doc = Document::create(&account.id, DocKind::Account).unwrap();
    doc.upsert(&account).unwrap();
    let upload = SyncRequest {
        cursor: vec![],
        max_page_bytes: 0,
        docs: vec![UploadDoc { doc_id: account.id.clone(), kind: DocKind::Account, changes: doc.export() }],
    };
    let (status, reads, answer) =
        post_encoded(&team, "zstd", wire::compress(&upload.encode()).unwrap()).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
    assert_eq!(reads.as_deref(), Some("zstd"), "the server says it reads compressed requests");
    assert_eq!(SyncResponse::decode(&answer).unwrap().accepted, 1);
    assert_eq!(team.manager.sync().await.received, 1);

    // Refused whole, with the reason: past the limit once inflated (a few kB that would be 40 MB),
    // not zstd, or a coding the server does not read.
    let (status, _, reason) = post_encoded(&team, "zstd", wire::compress(&vec![0; 40 << 20]).unwrap()).await;
    assert_eq!(status, 413, "{}", String::from_utf8_lossy(&reason));
    assert!(String::from_utf8_lossy(&reason).contains("inflates to 41943040 bytes"));
    let (status, _, reason) = post_encoded(&team, "zstd", upload.encode()).await;
    assert_eq!(status, 400, "{}", String::from_utf8_lossy(&reason));
    let (status, _, reason) = post_encoded(&team, "gzip", upload.encode()).await;
    assert_eq!(status, 415, "{}", String::from_utf8_lossy(&reason));

    // The app: its first request goes plain (it has not been told yet), the next ones compressed.
    let save_accounts = |from: usize| {
        for i in from..from + 40 {
            let account = Account::new(format!("Épicerie fine n°{i}"), AccountKind::Prospect, rep.user());
            rep.store.save_account(&account).unwrap();
        }
    };
    save_accounts(0);
    let plain = rep.sync().await;
    save_accounts(40);
    let compressed = rep.sync().await;
    assert_eq!((plain.sent, compressed.sent), (40, 40));
    assert!(
        compressed.bytes_sent * 2 < plain.bytes_sent,
        "{} bytes sent compressed, {} plain",
        compressed.bytes_sent,
        plain.bytes_sent
    );
    assert_eq!(team.manager.sync().await.received, 80);
}
