//! One client asking too much is shed with 429 and `Retry-After` while the others are served, and
//! the device reads it as "try again later"; the `Bearer` scheme in any case and a media type with
//! a `charset` are accepted.

mod common;

use std::time::Duration;

use tournee_core::store::Store;
use tournee_core::sync::api::{paths, Role};
use tournee_core::sync::wire::CONTENT_TYPE;
use tournee_core::sync::{enroll, AdminClient, SyncErrorKind};
use tournee_sync_server::Limits;

use common::{serve, Device};

/// A sync request whose body is left unfinished: the device's request stays in progress.
fn hold_a_sync(url: &str, token: &str) -> std::net::TcpStream {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(url.trim_start_matches("http://")).unwrap();
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: tournee\r\nAuthorization: Bearer {token}\r\nContent-Type: {CONTENT_TYPE}\r\n\
         Content-Length: 1000\r\n\r\nTSYN",
        paths::SYNC
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_with_too_many_requests_at_once_is_told_to_retry_while_others_sync() {
    let dir = tempfile::tempdir().unwrap();
    let (url, admin_token) =
        serve(dir.path(), Limits { max_requests_per_device: 1, ..Limits::default() }).await;
    let admin = AdminClient::new(&url, &admin_token, None).unwrap();
    let team = admin.create_team("Nord").await.unwrap();
    let julie = Device::enroll(&admin, &url, &team.id, "julie", Role::Rep, dir.path()).await;
    let marc = Device::enroll(&admin, &url, &team.id, "marc", Role::Rep, dir.path()).await;
    let julie_token =
        julie.store.sync_value("device_token").unwrap().map(|t| String::from_utf8(t).unwrap()).unwrap();

    let held = hold_a_sync(&url, &julie_token);
    // The held request is in progress once the server has checked its token.
    let mut shed = None;
    for _ in 0..50 {
        let response = reqwest::Client::new()
            .get(format!("{url}{}", paths::TEAM_MEMBERS))
            .bearer_auth(&julie_token)
            .send()
            .await
            .unwrap();
        if response.status() == 429 {
            shed = Some(response);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let shed = shed.expect("a second request of the same device is shed");
    assert_eq!(shed.headers()["retry-after"], "1");

    // The device's client says to try again later: not a credential error, nothing lost.
    let e = julie.client.sync(&julie.store).await.unwrap_err();
    assert_eq!(e.kind(), SyncErrorKind::Unavailable, "{e}");
    assert_eq!(
        e.message(tournee_core::i18n::Lang::En),
        "The server is busy: try again in 1 s. Nothing is lost."
    );
    // Another device of the same team is served meanwhile.
    marc.sync().await;

    // Once the held request ends, the device is served again.
    drop(held);
    let mut served = false;
    for _ in 0..50 {
        if julie.client.sync(&julie.store).await.is_ok() {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(served, "the device's place was given back");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enrollment_attempts_from_one_address_are_limited_per_minute() {
    let dir = tempfile::tempdir().unwrap();
    let (url, admin_token) =
        serve(dir.path(), Limits { enrollments_per_minute: 3, ..Limits::default() }).await;
    let admin = AdminClient::new(&url, &admin_token, None).unwrap();
    let team = admin.create_team("Nord").await.unwrap();
    let user = admin.create_user("Julie", Role::Rep, Some(&team.id)).await.unwrap();
    let code = admin.enrollment_code(&user.id).await.unwrap();

    let attempt = |code: String| {
        let url = url.clone();
        async move {
            reqwest::Client::new()
                .post(format!("{url}{}", paths::ENROLL))
                .json(&serde_json::json!({ "code": code, "device_name": "phone" }))
                .send()
                .await
                .unwrap()
        }
    };
    for _ in 0..3 {
        assert_eq!(attempt("WRONG-CODE".into()).await.status(), 401);
    }
    let shed = attempt(code.code.clone()).await;
    assert_eq!(shed.status(), 429, "even a good code waits once the address used its attempts");
    let wait: u64 = shed.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=20).contains(&wait), "one attempt comes back every 20 s: {wait}");

    // The device's enrollment reads it as "try again later", not as a wrong code.
    let store = std::sync::Arc::new(Store::open(dir.path().join("phone.sqlite3")).unwrap());
    let e = enroll(&store, &url, &code.code, "phone").await.unwrap_err();
    assert_eq!(e.kind(), SyncErrorKind::Unavailable, "{e}");
    // Syncing devices are not affected by the enrollment limit.
    admin.create_team("Sud").await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bearer_scheme_in_any_case_and_a_charset_parameter_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let (url, admin_token) = serve(dir.path(), Limits::default()).await;
    let http = reqwest::Client::new();
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let response = http
            .post(format!("{url}{}", paths::TEAMS))
            .header("authorization", format!("{scheme} {admin_token}"))
            .header("content-type", "application/json; charset=utf-8")
            .body(r#"{"name":"Équipe Nord"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "{scheme}");
    }
    let refused = http
        .post(format!("{url}{}", paths::TEAMS))
        .header("authorization", format!("Basic {admin_token}"))
        .body(r#"{"name":"x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401, "another scheme is not a bearer token");

    let admin = AdminClient::new(&url, &admin_token, None).unwrap();
    let team = admin.create_team("Sud").await.unwrap();
    let rep = Device::enroll(&admin, &url, &team.id, "rep", Role::Rep, dir.path()).await;
    let token = rep.store.sync_value("device_token").unwrap().map(|t| String::from_utf8(t).unwrap()).unwrap();
    let idle = tournee_core::sync::wire::SyncRequest { cursor: vec![], max_page_bytes: 0, docs: vec![] };
    for content_type in [format!("{CONTENT_TYPE}; charset=binary"), CONTENT_TYPE.to_uppercase()] {
        let response = http
            .post(format!("{url}{}", paths::SYNC))
            .header("authorization", format!("bearer {token}"))
            .header("content-type", &content_type)
            .body(idle.encode())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{content_type}");
    }
    let wrong = http
        .post(format!("{url}{}", paths::SYNC))
        .bearer_auth(&token)
        .header("content-type", "application/json; charset=utf-8")
        .body(idle.encode())
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 415);
}
