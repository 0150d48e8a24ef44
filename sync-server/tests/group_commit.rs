//! Uploads committed at once share a transaction (group commit) and each keeps its own outcome:
//! one found stale leaves nothing behind and spoils none of the others. On the storage the suite
//! runs against: the data directory's SQLite file, or PostgreSQL with `TOURNEE_TEST_POSTGRES`.

mod common;

use chrono::Utc;
use tournee_core::doc::{DocKind, Document};
use tournee_sync_server::storage::postgres::PostgresStorage;
use tournee_sync_server::storage::sqlite::SqliteStorage;
use tournee_sync_server::storage::{Commit, DocWrite};
use tournee_sync_server::Storage;

fn new_doc(doc_id: &str, base_version: Option<i64>) -> Vec<DocWrite> {
    let mut doc = Document::create(doc_id, DocKind::Account).unwrap();
    let snapshot = doc.save();
    vec![DocWrite {
        doc_id: doc_id.to_owned(),
        kind: DocKind::Account,
        base_version,
        delta: snapshot.clone(),
        heads: doc.heads(),
        snapshot: Some(snapshot),
        records: vec![doc_id.to_owned()],
    }]
}

#[test]
fn uploads_committed_at_once_share_transactions_and_each_keeps_its_own_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let storage: Box<dyn Storage> = match common::test_database(dir.path()) {
        Some(url) => Box::new(PostgresStorage::open(&url).unwrap()),
        None => Box::new(SqliteStorage::open(dir.path()).unwrap()),
    };
    let now = Utc::now();
    storage.ensure_admin(now).unwrap();
    let org = common::server_rows(dir.path(), "SELECT id FROM orgs")[0][0].clone();
    let team = storage.create_team(&org, "Ouest", now).unwrap();
    let outcomes: Vec<Commit> = std::thread::scope(|s| {
        let threads: Vec<_> = (0..24)
            .map(|i| {
                let (storage, team) = (&storage, &team.id);
                s.spawn(move || {
                    // Every fifth upload claims a version its document never had: stale.
                    let base = (i % 5 == 4).then_some(3);
                    storage.commit(team, &format!("device{i}"), new_doc(&format!("doc{i}"), base), now)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap().unwrap()).collect()
    });
    for (i, outcome) in outcomes.iter().enumerate() {
        let expected = if i % 5 == 4 { Commit::Stale } else { Commit::Done };
        assert_eq!(*outcome, expected, "upload {i}");
    }
    let row = |sql: &str| common::server_rows(dir.path(), sql).remove(0);
    let changes = row("SELECT count(*), min(seq), max(seq) FROM changes");
    assert_eq!(changes, ["20", "1", "20"], "one change per upload done, numbered without gaps");
    assert_eq!(row("SELECT last_seq FROM teams"), ["20"]);
    let stale = row("SELECT count(*) FROM documents WHERE id IN ('doc4', 'doc9', 'doc14')");
    assert_eq!(stale, ["0"], "a stale upload left nothing behind");
}
