//! A first sync of many pages: the device asks for the next page while it writes the one it got,
//! and ends with every record once and nothing left to read.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use tournee_core::model::{new_id, Account, AccountKind, Channel, Metric, Objective, VisitReport};
use tournee_core::store::Store;
use tournee_core::sync::{SyncClient, SyncOptions};

use common::Team;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_of_many_pages_brings_every_record_once_and_what_the_device_saved_goes_up() {
    let team = Team::start().await;
    let rep = &team.rep;
    let mut visits = Vec::new();
    for i in 0..30 {
        let account = Account::new(format!("Épicerie n°{i}"), AccountKind::Client, rep.user());
        let account = rep.store.save_account(&account).unwrap();
        for day in [3, 17] {
            let started = format!("2026-11-{day:02}T10:00:00Z").parse().unwrap();
            let mut visit = VisitReport::new(&account.id, rep.user(), Channel::OnSite, started);
            visit.notes = format!("Visite {i}/{day}: commande à préparer.");
            visits.push(rep.store.save_visit(&visit).unwrap());
        }
    }
    assert_eq!(rep.sync().await.sent, 30);

    // The manager saved an objective before the first sync: the first request carries it, the
    // pages after it are asked for early. Pages of 2 kB: many round trips.
    let manager = &team.manager;
    let objective = Objective {
        id: new_id(),
        rep: None,
        period_start: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        period_end: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        metric: Metric::Visits,
        target: 120,
        note: None,
    };
    manager.store.save_objective(&objective).unwrap();
    let options = SyncOptions { page_bytes: 2 << 10, ..SyncOptions::default() };
    let client = SyncClient::from_store(&manager.store, options).unwrap();
    let report = client.sync(&manager.store).await.unwrap();
    assert_eq!((report.sent, report.received, report.still_pending), (1, 30, 0));
    assert!(report.round_trips >= 10, "{} round trips for 30 documents in 2 kB pages", report.round_trips);
    for visit in &visits {
        assert_eq!(&manager.store.visit(&visit.id).unwrap(), visit);
    }
    // The first sync deferred the indexes its writes do not search by, and built them as it ended.
    assert_eq!(indexes(&team.dir.path().join("manager.sqlite3")), indexes_of_a_new_store(team.dir.path()));
    let again = client.sync(&manager.store).await.unwrap();
    assert_eq!((again.received, again.sent, again.round_trips), (0, 0, 1), "nothing left to read");
    rep.sync().await;
    assert_eq!(rep.store.objective(&objective.id).unwrap(), objective);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_sync_that_fails_midway_still_builds_every_index() {
    let mut team = Team::start().await;
    team.server.kill();
    assert!(team.manager.client.sync(&team.manager.store).await.is_err(), "no server to sync with");
    assert_eq!(indexes(&team.dir.path().join("manager.sqlite3")), indexes_of_a_new_store(team.dir.path()));
}

/// The secondary indexes of the store at `path`, with their definitions.
fn indexes(path: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap();
    let all = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    all.collect::<rusqlite::Result<_>>().unwrap()
}

fn indexes_of_a_new_store(dir: &Path) -> Vec<(String, String)> {
    let path = dir.join("new.sqlite3");
    drop(Store::open(&path).unwrap());
    indexes(&path)
}

/// A first sync holds its batches a few at a time before they commit: the screens are told of
/// each document received once it is committed, so a screen that reloads when told finds it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_sync_tells_of_each_document_once_a_screen_can_read_it() {
    let team = Team::start().await;
    let rep = &team.rep;
    let mut accounts = std::collections::BTreeSet::new();
    for i in 0..40 {
        let account = Account::new(format!("Boulangerie n°{i}"), AccountKind::Client, rep.user());
        accounts.insert(rep.store.save_account(&account).unwrap().id);
    }
    assert_eq!(rep.sync().await.sent, 40);

    let manager = &team.manager;
    let options = SyncOptions { page_bytes: 2 << 10, ..SyncOptions::default() };
    let client = SyncClient::from_store(&manager.store, options).unwrap();
    let told = std::sync::Mutex::new(Vec::new());
    let report = client
        .sync_observed(&manager.store, |applied| {
            for (doc_id, _) in &applied.changed {
                // What a screen would read, through the store's reading connection.
                let readable = manager.store.account(doc_id).is_ok();
                told.lock().unwrap().push((doc_id.clone(), readable));
            }
        })
        .await
        .unwrap();
    // More pages than a first sync holds at once (four): some are told of as they commit, the
    // rest when the sync ends.
    assert!(report.round_trips >= 6, "{} round trips for 40 documents in 2 kB pages", report.round_trips);
    let told = told.into_inner().unwrap();
    assert!(told.iter().all(|(_, readable)| *readable), "told before it could be read: {told:?}");
    let told: std::collections::BTreeSet<String> = told.into_iter().map(|(id, _)| id).collect();
    assert_eq!(told, accounts);
}
