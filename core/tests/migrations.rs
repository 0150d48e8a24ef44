//! A database written by each shipped schema (a frozen fixture per version) upgrades to the same
//! schema as a fresh database, keeps its data, and works for every screen afterwards.

use rusqlite::Connection;
use tournee_core::insights::{Period, Scope};
use tournee_core::model::{Channel, VisitReport};
use tournee_core::store::{Store, SCHEMA_VERSION};

const FIXTURE_V1: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema_v1.db");
/// The v1 fixture upgraded by migration 2 as shipped, with a sync cursor saved.
const FIXTURE_V2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema_v2.db");
/// The v2 fixture opened by the schema-3 app, which logged a client with its first-order day, a
/// visit and a lead captured by `rep1`.
const FIXTURE_V3: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema_v3.db");

/// Every table's and index's columns, as SQLite describes them, and every view's definition,
/// sorted by name. (A view's columns are not asked for: they would compile it, and a view may call
/// a function only the store's connections define.)
fn schema(path: &std::path::Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut objects: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    objects.sort();
    objects
        .into_iter()
        .map(|(kind, name, sql)| {
            if kind == "view" {
                return format!("view {name}: {}", sql.unwrap_or_default());
            }
            let pragma = if kind == "index" { "index_xinfo" } else { "table_xinfo" };
            let columns: Vec<String> = conn
                .prepare(&format!("SELECT * FROM pragma_{pragma}('{name}')"))
                .unwrap()
                .query_map([], |r| {
                    let n = r.as_ref().column_count();
                    Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join(","))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            format!("{kind} {name}: {}", columns.join(" | "))
        })
        .collect()
}

fn user_version(path: &std::path::Path) -> i64 {
    Connection::open(path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

/// A copy of `fixture` (schema `version`) opened by this app, checked to hold the same schema as a
/// fresh database afterwards. Returns the directory, the store and the copy's path.
fn upgraded(fixture: &str, version: i64) -> (tempfile::TempDir, Store, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join(format!("v{version}.db"));
    std::fs::copy(fixture, &old).unwrap();
    assert_eq!(user_version(&old), version);

    let store = Store::open(&old).unwrap();
    let fresh = dir.path().join("fresh.db");
    drop(Store::open(&fresh).unwrap());
    assert_eq!(user_version(&old), SCHEMA_VERSION);
    assert_eq!(schema(&old), schema(&fresh));
    (dir, store, old)
}

#[test]
fn a_v1_database_upgrades_to_the_fresh_schema_and_keeps_its_data() {
    let (_dir, store, _) = upgraded(FIXTURE_V1, 1);

    // The fixture's account, contact, visit and follow-up are all still on their screens.
    let found = store.search_accounts("anne", 10).unwrap();
    assert_eq!(found.len(), 1);
    let detail = store.account_detail(&found[0].id).unwrap();
    assert_eq!(detail.account.name, "Boulangerie Martin");
    assert_eq!(detail.contacts.len(), 1);
    assert_eq!(detail.timeline.len(), 2);
    let visit = store.visit("vis0000000000000000000000000v1").unwrap();
    assert_eq!(visit.notes, "Intéressée par la gamme bio, rappeler en juin.");
    assert_eq!(store.outbox_count().unwrap(), 4);

    // And the upgraded database takes new writes, including the sync state added by v2.
    store
        .save_visit(&VisitReport::new(&detail.account.id, "rep1", Channel::Phone, chrono::Utc::now()))
        .unwrap();
    store.set_sync_value("cursor", b"42").unwrap();
    assert_eq!(store.sync_value("cursor").unwrap().as_deref(), Some(&b"42"[..]));
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_database_newer_than_the_app_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    match Store::open(&path) {
        Err(tournee_core::Error::DatabaseTooNew { found, supported }) => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        other => panic!("expected DatabaseTooNew, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_v2_database_upgrades_keeps_its_sync_state_and_sets_aside_what_it_cannot_apply() {
    let (_dir, store, _) = upgraded(FIXTURE_V2, 2);
    assert_eq!(store.sync_value("cursor").unwrap().as_deref(), Some(&[1u8, 2, 42][..]));
    assert_eq!(store.search_accounts("anne", 10).unwrap().len(), 1);

    // The quarantine added by v3 takes what cannot be applied.
    let report = store.apply_remote(&[("bad".to_owned(), b"not automerge".to_vec())]).unwrap();
    assert_eq!(report.quarantined, 1);
    assert_eq!(store.quarantined().unwrap()[0].doc_id, "bad");
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn a_v3_database_upgrades_with_the_fields_queries_filter_on_as_columns() {
    let (_dir, store, old) = upgraded(FIXTURE_V3, 3);

    // The columns hold what the JSON copy held.
    let conn = Connection::open(&old).unwrap();
    let became: Option<String> = conn
        .query_row(
            "SELECT became_client_on FROM accounts WHERE id = 'acc0000000000000000000000000v3'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(became.as_deref(), Some("2026-02-02"));
    let captor: String = conn.query_row("SELECT captured_by FROM leads", [], |r| r.get(0)).unwrap();
    assert_eq!(captor, "rep1");

    // And the projections read them: a visit logged now recounts the contacts it took to win the
    // client (one, before its first-order day), the lead is still rep1's.
    let account = "acc0000000000000000000000000v3";
    store.save_visit(&VisitReport::new(account, "rep1", Channel::Phone, chrono::Utc::now())).unwrap();
    let today = chrono::Utc::now().date_naive();
    let input =
        store.insights_input(&Scope::Rep("rep1".into()), Period { start: today, end: today }).unwrap();
    let summary = input.accounts.iter().find(|s| s.account.id == account).unwrap();
    assert_eq!((summary.activity.contacts_logged, summary.activity.contacts_to_win), (2, 1));
    assert_eq!(store.event_leads("Salon de Lille").unwrap()[0].captured_by, "rep1");
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
