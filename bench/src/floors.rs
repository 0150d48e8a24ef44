//! The floors a sync row is set beside, measured in the same run on the same data: what automerge
//! alone takes to load the documents a device receives, and what SQLite alone takes to insert the
//! rows their projection makes. A row's ratio to its floor says how much our own layers add.

use std::path::Path;
use std::time::Instant;

use automerge::Automerge;
use rusqlite::{Connection, OpenFlags};
use tournee_core::compression;
use tournee_core::store::Store;

/// The projection tables a pull fills, in an order their references allow.
const TABLES: [&str; 8] = [
    "accounts",
    "contacts",
    "visits",
    "follow_ups",
    "opportunities",
    "objectives",
    "leads",
    "account_summary",
];

/// Rows per transaction when inserting: about what one applied batch of 1,024 documents writes
/// (`SyncOptions::apply_docs`; about 9 rows a document in this dataset).
const ROWS_PER_COMMIT: usize = 8_192;

/// Reports per second for automerge alone to load the documents of the pulled store `pulled`
/// (holding `reports`), as the device received them (a document the store keeps as a zstd frame is
/// inflated first, untimed).
pub fn automerge_load(pulled: &Path, reports: usize) -> f64 {
    let source =
        Connection::open_with_flags(pulled, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("the pulled store");
    let stored: Vec<Vec<u8>> = source
        .prepare("SELECT snapshot FROM documents WHERE snapshot IS NOT NULL")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the received documents");
    drop(source);
    let docs: Vec<Vec<u8>> = stored
        .into_iter()
        .map(|bytes| match compression::is_compressed(&bytes) {
            true => compression::decompress(&bytes, u64::MAX).expect("a stored frame inflates"),
            false => bytes,
        })
        .collect();
    let started = Instant::now();
    for bytes in &docs {
        let doc = Automerge::load(bytes).expect("the received documents load");
        std::hint::black_box(doc);
    }
    reports as f64 / started.elapsed().as_secs_f64()
}

/// Reports per second for SQLite alone to insert the projected rows of the pulled store `pulled`
/// (holding `reports`) into a fresh store's tables: same schema, indexes and pragmas, one prepared
/// insert per table, a commit every [`ROWS_PER_COMMIT`] rows.
pub fn sqlite_insert(pulled: &Path, dir: &Path, reports: usize) -> f64 {
    let fresh = dir.join("floor.sqlite3");
    let _ = std::fs::remove_file(&fresh);
    drop(Store::open(&fresh).expect("a fresh store with the app's schema"));
    let source =
        Connection::open_with_flags(pulled, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("the pulled store");
    let target = Connection::open(&fresh).expect("the fresh store");
    target.execute_batch(tournee_core::store::CONNECTION_PRAGMAS).expect("the store's pragmas");
    let mut rows: Vec<(String, Vec<Vec<rusqlite::types::Value>>)> = Vec::new();
    let tables = TABLES.iter().map(|t| (format!("SELECT * FROM {t}"), format!("INSERT INTO {t} VALUES"), *t));
    // The search index: a virtual table whose rowids point at the accounts' rows.
    let search = (
        "SELECT rowid, name, city, people FROM accounts_fts".to_owned(),
        "INSERT INTO accounts_fts (rowid, name, city, people) VALUES".to_owned(),
        "accounts_fts",
    );
    for (query, insert, _) in tables.chain([search]) {
        let mut select = source.prepare(&query).expect("a projection table");
        let columns = select.column_count();
        let values = select
            .query_map([], |row| (0..columns).map(|i| row.get(i)).collect::<rusqlite::Result<Vec<_>>>())
            .expect("the rows")
            .collect::<rusqlite::Result<Vec<_>>>()
            .expect("the rows read");
        rows.push((insert, values));
    }
    drop(source);

    let started = Instant::now();
    let mut pending = 0;
    target.execute_batch("BEGIN").expect("a transaction");
    for (insert, values) in &rows {
        let Some(width) = values.first().map(Vec::len) else { continue };
        let marks = vec!["?"; width].join(", ");
        let mut insert = target.prepare(&format!("{insert} ({marks})")).expect("an insert");
        for row in values {
            insert.execute(rusqlite::params_from_iter(row)).expect("the row inserts");
            pending += 1;
            if pending == ROWS_PER_COMMIT {
                target.execute_batch("COMMIT; BEGIN").expect("a commit");
                pending = 0;
            }
        }
    }
    target.execute_batch("COMMIT").expect("the last commit");
    let rate = reports as f64 / started.elapsed().as_secs_f64();
    drop(target);
    let _ = std::fs::remove_file(&fresh);
    rate
}
