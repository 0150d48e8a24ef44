//! The team's change index holds ids, and a change's bytes only while they are its document's
//! tail: once folded into the document's snapshot they are not kept a second time. A device whose
//! cursor is behind them still receives everything, as the document whole.

mod common;

use rusqlite::{Connection, OpenFlags};
use tournee_core::model::{Account, AccountKind, Contact};

use tournee_core::sync::api::Role;
use tournee_core::sync::AdminClient;
use tournee_sync_server::Limits;

use common::{serve, Device};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_folded_into_a_snapshot_keep_their_ids_only_and_late_devices_get_everything() {
    let dir = tempfile::tempdir().unwrap();
    // Compacted after 4 KiB of changes rather than 16: a few edits suffice.
    let (url, admin_token) =
        serve(dir.path(), Limits { compact_after_bytes: 4 << 10, ..Limits::default() }).await;
    let admin = AdminClient::new(&url, &admin_token, None).unwrap();
    let nord = admin.create_team("Nord").await.unwrap();
    let rep = Device::enroll(&admin, &url, &nord.id, "rep", Role::Rep, dir.path()).await;
    let manager = Device::enroll(&admin, &url, &nord.id, "manager", Role::Manager, dir.path()).await;
    manager.sync().await; // the manager's cursor stays before every change below

    let mut account = Account::new("Boulangerie Secrète", AccountKind::Prospect, rep.user());
    account = rep.store.save_account(&account).unwrap();
    rep.store.save_contact(&Contact::new(&account.id, "Anne Confidentielle")).unwrap();
    rep.sync().await;
    // Edits until the server compacts the document (its tail outweighs its snapshot and 4 KiB).
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut words = || {
        (0..300)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                format!("{:x}", seed % 100_000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    for i in 0..9 {
        // Appended, as a rep adds to an account's notes (a notes field holds 20,000 characters).
        account.notes.push_str(&format!("visite {i}: {}\n", words()));
        account = rep.store.save_account(&account).unwrap();
        rep.sync().await;
    }

    let server_dir = dir.path().join("server");
    let rows = common::server_rows(
        &server_dir,
        &format!(
            "SELECT min(c.seq), d.snapshot_seq FROM changes c JOIN documents d ON d.id = c.doc_id
             WHERE d.id = '{}' GROUP BY d.snapshot_seq",
            account.id
        ),
    );
    let (first_seq, snapshot_seq): (i64, i64) = (rows[0][0].parse().unwrap(), rows[0][1].parse().unwrap());
    assert!(snapshot_seq > first_seq + 1, "the document was compacted after its creation");
    let count = |sql: &str| -> i64 { common::server_rows(&server_dir, sql)[0][0].parse().unwrap() };
    let kept_twice = count(
        "SELECT count(*) FROM changes c JOIN documents d ON d.id = c.doc_id
         WHERE c.seq <= d.snapshot_seq AND length(c.bytes) > 0",
    );
    assert_eq!(kept_twice, 0, "no change folded into a snapshot keeps its bytes");
    let indexed = count(&format!("SELECT count(*) FROM changes WHERE doc_id = '{}'", account.id));
    assert!(indexed >= 10, "every change keeps its place in the index: {indexed}");

    // The manager, behind every change, gets the account as it is now.
    manager.sync().await;
    let seen = manager.store.account_detail(&account.id).unwrap();
    assert_eq!(seen.account.notes, account.notes);
    assert_eq!(seen.contacts.len(), 1);
    assert_eq!(seen.contacts[0].name, "Anne Confidentielle");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_upgraded_from_before_empties_the_bytes_its_snapshots_hold() {
    let mut t = common::Team::start().await;
    let account = Account::new("Fromagerie Privée", AccountKind::Client, t.rep.user());
    t.rep.store.save_account(&account).unwrap();
    t.rep.sync().await;
    // The database as schema 3 (the history id) left it: the creation's change keeps its bytes
    // beside the snapshot, and the tables of later schemas are not there yet.
    t.server.kill();
    let db_path = t.server.data_dir.join("tournee-sync.sqlite3");
    let db = Connection::open(&db_path).unwrap();
    db.execute_batch(
        "UPDATE changes SET bytes = (SELECT snapshot FROM documents d WHERE d.id = changes.doc_id);
         DROP TABLE projections; DROP TABLE projection_marks;
         PRAGMA user_version = 3;",
    )
    .unwrap();
    drop(db);
    t.server.restart();

    let db = Connection::open_with_flags(&db_path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let kept: i64 =
        db.query_row("SELECT count(*) FROM changes WHERE length(bytes) > 0", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, 0, "the upgrade emptied what the snapshots hold");
    t.manager.sync().await;
    assert_eq!(t.manager.store.account(&account.id).unwrap().name, "Fromagerie Privée");
}
