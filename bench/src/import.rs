//! A company's first Monday: the client file (accounts with a contact each) and a year of revenue
//! imported on a manager's device, beside the floors of what a new account costs (automerge alone
//! saving the same documents, SQLite alone committing rows of their size in the same batches).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjType, ROOT};
use rusqlite::{params, Connection};
use tournee_core::app::{DeviceHome, ImportOptions, Session, IMPORT_BATCH};
use tournee_core::i18n::Lang;
use tournee_core::store::sync_keys;

/// Product families of the revenue file: one per month, in turn.
const FAMILIES: [&str; 4] = ["Farines", "Levures", "Matériel", "Emballages"];

pub struct Imported {
    pub accounts: usize,
    pub dry_run_secs: f64,
    pub import_secs: f64,
    pub again_secs: f64,
    pub figures: usize,
    pub revenue_secs: f64,
    /// Seconds for automerge alone to create and save the same account and contact documents.
    pub automerge_floor_secs: f64,
    /// Seconds for SQLite alone to commit one row of each saved document's size per account, in
    /// transactions of [`IMPORT_BATCH`].
    pub sqlite_floor_secs: f64,
}

/// Imports `accounts` accounts with a contact each, then 12 months of revenue for each, on a
/// fresh manager's device in `dir`.
pub fn run(dir: &Path, accounts: usize) -> Imported {
    let session = manager_session(&dir.join("import-device"));
    let clients = client_file(accounts);
    let revenue = revenue_file(accounts);
    let import = |bytes: &[u8], dry_run: bool| {
        let options = ImportOptions { dry_run, ..ImportOptions::default() };
        let started = Instant::now();
        let report = session.import_accounts(bytes, &options, Lang::Fr).expect("the client file imports");
        assert!(report.refused.is_empty(), "every generated line is valid: {:?}", report.refused.first());
        (started.elapsed().as_secs_f64(), report.created.len())
    };
    let (dry_run_secs, to_create) = import(&clients, true);
    assert_eq!(to_create, accounts);
    let (import_secs, created) = import(&clients, false);
    assert_eq!(created, accounts);
    let (again_secs, none) = import(&clients, false);
    assert_eq!(none, 0, "the same file again creates nothing");

    let started = Instant::now();
    let report =
        session.import_revenue(&revenue, &ImportOptions::default(), Lang::Fr).expect("the revenue imports");
    let revenue_secs = started.elapsed().as_secs_f64();
    assert_eq!(report.figures_set as usize, accounts * 12);

    let (automerge_floor_secs, doc_bytes) = automerge_floor(accounts);
    let sqlite_floor_secs = sqlite_floor(&dir.join("import-floor.sqlite3"), accounts, doc_bytes);
    Imported {
        accounts,
        dry_run_secs,
        import_secs,
        again_secs,
        figures: accounts * 12,
        revenue_secs,
        automerge_floor_secs,
        sqlite_floor_secs,
    }
}

/// A device enrolled as a manager, as enrollment leaves its store (no server: nothing syncs).
fn manager_session(dir: &Path) -> Session {
    let home = DeviceHome::new(dir);
    let store = home.open_store().expect("a fresh store");
    for (key, value) in [
        (sync_keys::SERVER, "http://127.0.0.1:1"),
        (sync_keys::DEVICE, "bench-manager-device"),
        (sync_keys::USER, "bench-manager"),
        (sync_keys::ROLE, "manager"),
    ] {
        store.set_sync_value(key, value.as_bytes()).expect("the identity is stored");
    }
    drop(store);
    home.open().expect("the device opens")
}

/// The client file as a French spreadsheet exports it: `;`, decimal commas, one contact per row.
fn client_file(accounts: usize) -> Vec<u8> {
    let mut out = String::from(
        "Code client;Raison sociale;Type;Adresse;CP;Ville;Téléphone;Potentiel;Interlocuteur;Fonction;E-mail\n",
    );
    for i in 0..accounts {
        let _ = writeln!(
            out,
            "C{i:06};Boulangerie {i} du Marché;client;{n} rue de la Mairie;{cp};Ville {v};04 78 {a:02} {b:02} {c:02};{p} 250,50;Gérant {i};Gérant;gerant{i}@client{i}.fr",
            n = i % 120 + 1,
            cp = 10_000 + (i * 7) % 85_000,
            v = i % 900,
            a = i % 100,
            b = (i / 100) % 100,
            c = (i / 10_000) % 100,
            p = i % 90 + 1,
        );
    }
    out.into_bytes()
}

/// A year of revenue: each account, each month of 2026, one family.
fn revenue_file(accounts: usize) -> Vec<u8> {
    let mut out = String::from("Code client;Mois;Famille;CA HT\n");
    for i in 0..accounts {
        for month in 1..=12 {
            let family = FAMILIES[(i + month) % FAMILIES.len()];
            let _ =
                writeln!(out, "C{i:06};{month:02}/2026;{family};{} {:03},{:02}", i % 9 + 1, i % 1000, month);
        }
    }
    out.into_bytes()
}

/// Automerge alone: an account document with the file's fields and its contact, saved, per
/// account. Returns the seconds and the mean saved size.
fn automerge_floor(accounts: usize) -> (f64, usize) {
    let started = Instant::now();
    let mut bytes = 0;
    for i in 0..accounts {
        let mut doc = AutoCommit::new();
        let account = doc.put_object(ROOT, "account", ObjType::Map).expect("a map");
        for (field, value) in [
            ("id", format!("{i:032x}")),
            ("name", format!("Boulangerie {i} du Marché")),
            ("kind", "client".into()),
            ("owner_rep", "bench-manager".into()),
            ("external_ref", format!("C{i:06}")),
            ("address", "1 rue de la Mairie".into()),
            ("postcode", "69003".into()),
            ("city", "Lyon".into()),
            ("phone", "04 78 12 34 56".into()),
            ("created_at", "2026-03-02T09:00:00Z".into()),
        ] {
            doc.put(&account, field, value).expect("a field");
        }
        doc.put(&account, "potential_cents", 1_250_050_i64).expect("a field");
        let contacts = doc.put_object(ROOT, "contacts", ObjType::Map).expect("a map");
        let contact = doc.put_object(&contacts, format!("{i:032x}"), ObjType::Map).expect("a map");
        for (field, value) in [
            ("name", format!("Gérant {i}")),
            ("role", "Gérant".into()),
            ("email", format!("gerant{i}@client{i}.fr")),
        ] {
            doc.put(&contact, field, value).expect("a field");
        }
        bytes += std::hint::black_box(doc.save()).len();
    }
    (started.elapsed().as_secs_f64(), bytes / accounts.max(1))
}

/// SQLite alone: a row of `row_bytes` per account, committed [`IMPORT_BATCH`] at a time, with the
/// store's pragmas.
fn sqlite_floor(path: &Path, accounts: usize, row_bytes: usize) -> f64 {
    let _ = std::fs::remove_file(path);
    let mut conn = Connection::open(path).expect("the floor's database");
    conn.execute_batch(tournee_core::store::CONNECTION_PRAGMAS).expect("the store's pragmas");
    conn.execute_batch("CREATE TABLE documents (id TEXT PRIMARY KEY, bytes BLOB NOT NULL);")
        .expect("the floor's table");
    let blob = vec![7u8; row_bytes];
    let started = Instant::now();
    for batch in (0..accounts).collect::<Vec<_>>().chunks(IMPORT_BATCH) {
        let tx = conn.transaction().expect("a transaction");
        for i in batch {
            tx.execute("INSERT INTO documents VALUES (?1, ?2)", params![format!("{i:032x}"), blob])
                .expect("a row");
        }
        tx.commit().expect("the commit");
    }
    started.elapsed().as_secs_f64()
}
