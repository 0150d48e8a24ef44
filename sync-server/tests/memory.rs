//! The server's memory stays bounded under hostile uploads, measured from the process itself
//! (`/proc/<pid>/status`): a deflate bomb and 32 parallel unauthenticated 32 MiB bodies are refused
//! at once with little memory, and after a burst of large uploads the memory goes back down.

mod common;

use std::time::Duration;

use tournee_core::doc::DocKind;
use tournee_core::sync::api::{paths, Role};
use tournee_core::sync::wire::{SyncRequest, UploadDoc, CONTENT_TYPE};
use tournee_testkit::malformed;

use common::{raw_post, Device, ServerProcess, Team};

const MIB: u64 = 1 << 20;

/// A `kB` field of `/proc/<pid>/status`, in bytes.
fn status_bytes(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc is readable");
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_else(|| panic!("no {field}"));
    let kib: u64 = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number of kB");
    kib * 1024
}

/// Resets the process's peak resident size (VmHWM) to its current size.
fn reset_peak(pid: u32) {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").expect("clear_refs is writable");
}

fn sync_body(doc_id: &str, changes: Vec<u8>) -> Vec<u8> {
    let docs = vec![UploadDoc { doc_id: doc_id.into(), kind: DocKind::Account, changes }];
    SyncRequest { cursor: vec![], max_page_bytes: 0, docs }.encode()
}

/// Posts `body` with the device's token over a raw socket.
fn post(server: &ServerProcess, token: &str, body: &[u8]) -> common::RawAnswer {
    let auth = format!("Bearer {token}");
    common::raw_post_bytes(
        server.addr,
        paths::SYNC,
        &[("content-type", CONTENT_TYPE), ("authorization", &auth)],
        body,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_uploads_are_refused_fast_and_memory_stays_bounded() {
    let team = Team::start().await;
    let (server, token) = (&team.server, team.rep.enrollment.token.as_str());
    let pid = server.pid();

    // Warm the paths once so their one-time allocations are not counted as growth.
    let bomb = sync_body("bomb", malformed::deflate_bomb(2048));
    assert!(bomb.len() < 3 << 20, "a bomb of about 2 MB: {} bytes", bomb.len());
    assert_eq!(post(server, token, &bomb).status, 422);
    tokio::time::sleep(Duration::from_millis(300)).await;
    reset_peak(pid);
    let baseline = status_bytes(pid, "VmRSS:");

    let refused = post(server, token, &bomb);
    assert_eq!(refused.status, 422);
    // Inflating the bomb whole takes about 10 s on the CI machine (zlib, 2 GiB of zeros); a
    // refusal that stops at the limit takes milliseconds, 120 on a slow hour: a second tells them
    // apart on any hour.
    assert!(refused.elapsed < Duration::from_secs(1), "the bomb took {:?}", refused.elapsed);

    let addr = server.addr;
    let unauthenticated: Vec<_> = (0..32)
        .map(|_| {
            std::thread::spawn(move || {
                raw_post(addr, paths::SYNC, &[("content-type", CONTENT_TYPE)], 32 << 20, 0)
            })
        })
        .collect();
    for answer in unauthenticated {
        let answer = answer.join().unwrap();
        assert_eq!(answer.status, 401);
        // Refused on its head: the 32 MiB do not fit in the socket's buffers, so a server that read
        // the body before answering would have let it all go out.
        assert!(!answer.body_sent, "the server read the body before refusing it ({:?})", answer.elapsed);
    }
    let peak = status_bytes(pid, "VmHWM:");
    let growth = peak.saturating_sub(baseline);
    println!("baseline {} MiB, peak {} MiB, growth {} MiB", baseline / MIB, peak / MIB, growth / MIB);
    assert!(growth < 128 * MIB, "peak memory grew by {} MiB", growth / MIB);

    // A burst of 24 uploads of 8 MiB at once, from 12 devices (each may have 2 requests in
    // progress): the bytes in flight are capped, and once the burst is over the memory goes back
    // near where it was.
    let admin = server.admin();
    let nord = admin.create_team("Burst").await.unwrap();
    let mut devices = Vec::new();
    for i in 0..12 {
        devices.push(
            Device::enroll(&admin, &server.url, &nord.id, &format!("rep{i}"), Role::Rep, team.dir.path())
                .await,
        );
    }
    let tokens: Vec<&str> = devices.iter().map(|d| d.enrollment.token.as_str()).collect();
    let mut doc = tournee_core::doc::Document::create("big", DocKind::Account).unwrap();
    let mut big = doc.save();
    big.resize(8 << 20, 7); // refused after decoding: the bytes after the document
    let big = sync_body("big", big);
    reset_peak(pid);
    std::thread::scope(|scope| {
        let burst: Vec<_> = (0..24)
            .map(|i| {
                scope.spawn({
                    let (token, big) = (tokens[i % 12], &big);
                    move || post(server, token, big).status
                })
            })
            .collect();
        for status in burst {
            assert_eq!(status.join().unwrap(), 422);
        }
    });
    let burst_peak = status_bytes(pid, "VmHWM:");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = status_bytes(pid, "VmRSS:");
    println!(
        "burst: baseline {} MiB, peak {} MiB, {} MiB two seconds later",
        baseline / MIB,
        burst_peak / MIB,
        after / MIB
    );
    assert!(
        burst_peak.saturating_sub(baseline) < 320 * MIB,
        "the burst took {} MiB",
        (burst_peak - baseline) / MIB
    );
    assert!(
        after.saturating_sub(baseline) < 48 * MIB,
        "{} MiB were kept after the burst",
        (after - baseline) / MIB
    );
}
