//! Sync responses travel zstd-compressed to a device that accepts it, and as before to one that
//! does not (an older app).

mod common;

use tournee_core::model::{Account, AccountKind, Channel, VisitReport};
use tournee_core::sync::api::paths;
use tournee_core::sync::wire::{self, SyncRequest, SyncResponse, CONTENT_TYPE};

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
