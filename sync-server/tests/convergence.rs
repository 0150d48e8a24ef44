//! Devices that were offline converge through the real server, whatever the order of their syncs,
//! and a server killed in the middle of a sync loses and duplicates nothing.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use tournee_core::doc::conflict::DELETED_FIELD;
use tournee_core::doc::Collection;
use tournee_core::model::*;
use tournee_core::store::Store;
use tournee_core::sync::api::Role;
use tournee_core::sync::{SyncClient, SyncOptions};

use common::{Device, ServerProcess};
use tournee_testkit::CountingProxy;

fn visit(account_id: &str, rep: &str, n: i64) -> VisitReport {
    let start = Utc.with_ymd_and_hms(2026, 5, 4, 8, 0, 0).unwrap() + Duration::minutes(n * 37);
    let mut v = VisitReport::new(account_id, rep, Channel::OnSite, start);
    v.notes = format!("Visite {n}: présentation de la gamme.");
    v
}

/// Every device shows the same accounts (with contacts and timeline) and the same conflicts.
fn assert_converged(devices: &[&Device], accounts: &BTreeSet<String>) {
    let (first, rest) = devices.split_first().unwrap();
    for id in accounts {
        let expected = first.store.account_detail(id).unwrap();
        for d in rest {
            assert_eq!(d.store.account_detail(id).unwrap(), expected, "{} differs on account {id}", d.name);
        }
    }
    let conflicts = first.store.conflicts().unwrap();
    for d in rest {
        assert_eq!(d.store.conflicts().unwrap(), conflicts, "{} lists other conflicts", d.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_devices_converge_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), "127.0.0.1:0");
    let admin = server.admin();
    let team = admin.create_team("Équipe Ouest").await.unwrap();
    let manager = Device::enroll(&admin, &server.url, &team.id, "manager", Role::Manager, dir.path()).await;
    let mut reps = Vec::new();
    for i in 0..3 {
        reps.push(
            Device::enroll(&admin, &server.url, &team.id, &format!("rep{i}"), Role::Rep, dir.path()).await,
        );
    }

    // Rep 0 creates the portfolio; everyone gets it.
    let mut accounts = BTreeSet::new();
    let mut shared = Vec::new();
    for name in ["Boulangerie Martin", "Garage Dupont", "Pharmacie du Port"] {
        let account =
            reps[0].store.save_account(&Account::new(name, AccountKind::Prospect, reps[0].user())).unwrap();
        let contact = reps[0].store.save_contact(&Contact::new(&account.id, "Anne Martin")).unwrap();
        accounts.insert(account.id.clone());
        shared.push((account, contact));
    }
    for d in reps.iter().chain([&manager]) {
        d.sync().await;
    }
    assert_eq!(manager.store.account(&shared[2].0.id).unwrap().name, "Pharmacie du Port");

    // Offline: same accounts, same notes, same field, a delete against an edit, new visits.
    let (acc, contact) = &shared[0];
    let mut on0 = reps[0].store.account(&acc.id).unwrap();
    on0.notes = "Aime le bio.".into();
    on0.phone = Some("02 40 00 00 01".into());
    reps[0].store.save_account(&on0).unwrap();
    let mut on1 = reps[1].store.account(&acc.id).unwrap();
    on1.notes = "Paie à 30 jours.".into();
    on1.phone = Some("02 40 00 00 02".into());
    reps[1].store.save_account(&on1).unwrap();
    let mut edited = contact.clone();
    edited.role = Some("Gérante".into());
    reps[0].store.save_contact(&edited).unwrap();
    reps[2].store.delete(Collection::Contacts, &contact.id).unwrap();
    let mut visits = Vec::new();
    for (r, rep) in reps.iter().enumerate() {
        for n in 0..4 {
            let (account, _) = &shared[(r + n) % shared.len()];
            visits
                .push(rep.store.save_visit(&visit(&account.id, rep.user(), (r * 10 + n) as i64)).unwrap().id);
        }
    }
    let new_account = reps[1]
        .store
        .save_account(&Account::new("Cave Lebrun", AccountKind::Client, reps[1].user()))
        .unwrap();
    accounts.insert(new_account.id.clone());
    visits.push(reps[1].store.save_visit(&visit(&new_account.id, reps[1].user(), 99)).unwrap().id);
    let gone = reps[2].store.save_visit(&visit(&shared[1].0.id, reps[2].user(), 50)).unwrap();
    reps[2].store.delete(Collection::Visits, &gone.id).unwrap();
    manager
        .store
        .save_objective(&Objective {
            id: new_id(),
            rep: Some(reps[0].user().to_owned()),
            period_start: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2026, 5, 31).unwrap(),
            metric: Metric::Visits,
            target: 40,
            note: None,
        })
        .unwrap();

    // Syncs in a shuffled order, each device several times, then two full rounds.
    let all: Vec<&Device> = reps.iter().chain([&manager]).collect();
    let mut order: Vec<&Device> = all.iter().flat_map(|d| [*d, *d, *d]).collect();
    order.shuffle(&mut rand::rngs::StdRng::seed_from_u64(20260504));
    let mut conflicts_reported = 0;
    for d in order.iter().chain(all.iter()).chain(all.iter()) {
        conflicts_reported += d.sync().await.conflicts;
    }
    for d in &all {
        assert_eq!(d.store.outbox_count().unwrap(), 0, "{} still has changes to send", d.name);
    }

    assert_converged(&all, &accounts);
    let merged = manager.store.account(&acc.id).unwrap();
    assert!(
        merged.notes.contains("Aime le bio.") && merged.notes.contains("Paie à 30 jours."),
        "{:?}",
        merged.notes
    );
    for id in &visits {
        manager
            .store
            .visit(id)
            .unwrap_or_else(|e| panic!("visit {id} is missing on the manager's device: {e}"));
    }
    assert!(manager.store.visit(&gone.id).is_err(), "a deleted visit came back");
    let conflicts = manager.store.conflicts().unwrap();
    assert!(conflicts.iter().any(|c| c.record_id == acc.id && c.field == "phone"), "{conflicts:?}");
    assert!(conflicts.iter().any(|c| c.record_id == contact.id && c.field == DELETED_FIELD), "{conflicts:?}");
    assert!(conflicts_reported >= 2, "syncs reported {conflicts_reported} new conflicts");

    // A device enrolled now pulls the server's copy: it matches the others.
    let tablet =
        Device::enroll(&admin, &server.url, &team.id, "manager-tablet", Role::Manager, dir.path()).await;
    let report = tablet.sync().await;
    assert_eq!(report.received, 5, "four accounts and the objectives");
    assert_converged(&[&manager, &tablet], &accounts);

    // An idle sync: one round trip, under 1 KB each way on the wire, headers included.
    let proxy = CountingProxy::start(&server.addr.to_string()).await;
    for d in all.iter().chain([&&tablet]) {
        let client = SyncClient::new(&proxy.url, &d.enrollment.token, SyncOptions::default(), None).unwrap();
        let report = client.sync(&d.store).await.unwrap();
        let (up, down) = proxy.take();
        assert_eq!((report.round_trips, report.sent, report.received), (1, 0, 0), "{}", d.name);
        assert!(up < 1024 && down < 1024, "{}: idle sync sent {up} B and received {down} B", d.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_sync_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(&dir.path().join("server"), "127.0.0.1:0");
    let admin = server.admin();
    let team = admin.create_team("Équipe Est").await.unwrap();
    let writer = Device::enroll(&admin, &server.url, &team.id, "writer", Role::Rep, dir.path()).await;
    let reader = Device::enroll(&admin, &server.url, &team.id, "reader", Role::Manager, dir.path()).await;

    let mut expected = Vec::new();
    for i in 0..120 {
        let account = writer
            .store
            .save_account(&Account::new(format!("Client {i}"), AccountKind::Client, writer.user()))
            .unwrap();
        let v1 = writer.store.save_visit(&visit(&account.id, writer.user(), 1)).unwrap();
        let v2 = writer.store.save_visit(&visit(&account.id, writer.user(), 2)).unwrap();
        expected.push((account.id, [v1.id, v2.id]));
    }
    let pending = writer.store.outbox_count().unwrap();

    // Small requests so the sync takes many round trips; kill the server once some were stored.
    let slow =
        SyncClient::from_store(&writer.store, SyncOptions { docs_per_request: 4, ..SyncOptions::default() })
            .unwrap();
    let store: Arc<Store> = writer.store.clone();
    let task = tokio::spawn(async move { slow.sync(&store).await });
    while writer.store.outbox_count().unwrap() == pending {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    server.kill();
    assert!(task.await.unwrap().is_err(), "the sync should have been cut by the kill");
    let left = writer.store.outbox_count().unwrap();
    assert!(left > 0 && left < pending, "{left} of {pending} left");

    server.restart();
    writer.sync().await;
    assert_eq!(writer.store.outbox_count().unwrap(), 0);
    reader.sync().await;
    for (account_id, visit_ids) in &expected {
        let detail = reader.store.account_detail(account_id).unwrap();
        assert_eq!(detail.timeline.len(), 2, "account {account_id} has duplicated or missing visits");
        for id in visit_ids {
            reader.store.visit(id).unwrap();
        }
    }
}
