//! Property test: 3 to 5 devices edit the same accounts offline (create, edit fields, edit notes, log
//! visits, add and delete contacts, delete visits and accounts) and exchange changes in random orders
//! with duplicates. Every device ends with the same documents and projections, and every visit ever
//! saved is there unless a user deleted it. The projection tables a device keeps current record by
//! record as changes arrive are exactly those of a device that received every document whole, and
//! of one that received each with its rows as a server projects them (and never loaded it).

use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use rusqlite::types::ValueRef;
use tempfile::TempDir;
use tournee_core::doc::{Collection, Document, Projection};
use tournee_core::model::{Account, AccountKind, Channel, Contact, VisitReport};
use tournee_core::store::{Store, TimelineItem};
use tournee_core::sync::wire::IncomingDoc;

#[derive(Debug, Clone)]
enum Op {
    CreateAccount {
        device: usize,
    },
    EditCity {
        device: usize,
        account: usize,
        city: usize,
    },
    EditAccountNotes {
        device: usize,
        account: usize,
        text: String,
    },
    LogVisit {
        device: usize,
        account: usize,
    },
    EditVisit {
        device: usize,
        visit: usize,
        step: usize,
    },
    EditVisitNotes {
        device: usize,
        visit: usize,
        text: String,
    },
    DeleteVisit {
        device: usize,
        visit: usize,
    },
    AddContact {
        device: usize,
        account: usize,
    },
    DeleteContact {
        device: usize,
        account: usize,
    },
    DeleteAccount {
        device: usize,
        account: usize,
    },
    /// `from` sends what it has to `to`, possibly twice.
    Send {
        from: usize,
        to: usize,
        twice: bool,
    },
}

const CITIES: [&str; 3] = ["Lyon", "Villeurbanne", "Caluire"];
const STEPS: [&str; 3] = ["Envoyer le devis", "Rappeler lundi", "Démonstration"];

fn op(devices: usize) -> impl Strategy<Value = Op> {
    let d = 0..devices;
    prop_oneof![
        1 => d.clone().prop_map(|device| Op::CreateAccount { device }),
        2 => (d.clone(), 0..8usize, 0..3usize).prop_map(|(device, account, city)| Op::EditCity { device, account, city }),
        2 => (d.clone(), 0..8usize, "[a-zé ]{1,8}").prop_map(|(device, account, text)| Op::EditAccountNotes { device, account, text }),
        3 => (d.clone(), 0..8usize).prop_map(|(device, account)| Op::LogVisit { device, account }),
        2 => (d.clone(), 0..32usize, 0..3usize).prop_map(|(device, visit, step)| Op::EditVisit { device, visit, step }),
        2 => (d.clone(), 0..32usize, "[a-z ]{1,6}").prop_map(|(device, visit, text)| Op::EditVisitNotes { device, visit, text }),
        1 => (d.clone(), 0..32usize).prop_map(|(device, visit)| Op::DeleteVisit { device, visit }),
        2 => (d.clone(), 0..8usize).prop_map(|(device, account)| Op::AddContact { device, account }),
        1 => (d.clone(), 0..8usize).prop_map(|(device, account)| Op::DeleteContact { device, account }),
        1 => (d.clone(), 0..8usize).prop_map(|(device, account)| Op::DeleteAccount { device, account }),
        3 => (d.clone(), d, any::<bool>()).prop_map(|(from, to, twice)| Op::Send { from, to, twice }),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Op>)> {
    (3..=5usize).prop_flat_map(|devices| (Just(devices), prop::collection::vec(op(devices), 10..40)))
}

/// Every account document `from` holds, whole, as a relay would pass it on (possibly twice).
fn send(from: &Store, to: &Store, accounts: &[String], twice: bool) {
    let batch: Vec<(String, Vec<u8>)> =
        accounts.iter().filter_map(|id| Some((id.clone(), from.export_document(id).ok()?))).collect();
    to.apply_remote(&batch).unwrap();
    if twice {
        to.apply_remote(&batch).unwrap();
    }
}

/// Every document whole with its rows, read as a server reads them from its copy: a first sync.
fn send_with_rows(from: &Store, to: &Store, accounts: &[String]) {
    let batch = accounts
        .iter()
        .filter_map(|id| {
            let bytes = from.export_document(id).ok()?;
            let mut doc = Document::load(id, &[&bytes]).unwrap();
            let rows = Some(Projection::read(&mut doc).unwrap().encode().unwrap());
            Some(IncomingDoc { doc_id: id.clone(), bytes, rows })
        })
        .collect();
    let report = to.apply_received(batch).unwrap();
    assert_eq!(report.quarantined, 0);
}

/// What a user can see on a device, in a comparable form.
fn screens(store: &Store) -> String {
    let mut out = String::new();
    for item in store.search_accounts("", 1000).unwrap() {
        let detail = store.account_detail(&item.id).unwrap();
        out += &serde_json::to_string(&detail).unwrap();
    }
    out += &serde_json::to_string(&store.conflicts().unwrap()).unwrap();
    out
}

fn visit_ids(store: &Store) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for item in store.search_accounts("", 1000).unwrap() {
        for entry in store.account_detail(&item.id).unwrap().timeline {
            if let TimelineItem::Visit(v) = entry {
                ids.insert(v.id);
            }
        }
    }
    ids
}

/// The rows of every projection table of the store in `dir`, in a stable order; row ids left out
/// (they number inserts, which differ between devices), the search entries by account id.
fn projection(dir: &TempDir) -> Vec<String> {
    let conn = rusqlite::Connection::open(dir.path().join("device.db")).unwrap();
    let mut out = Vec::new();
    for table in [
        "accounts",
        "contacts",
        "visits",
        "follow_ups",
        "opportunities",
        "objectives",
        "leads",
        "conflicts",
        "account_summary",
    ] {
        let columns: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{table}') WHERE name <> 'rowid' ORDER BY name"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let order: Vec<String> = (1..=columns.len().min(4)).map(|i| i.to_string()).collect();
        let sql = format!("SELECT {} FROM {table} ORDER BY {}", columns.join(", "), order.join(", "));
        let mut stmt = conn.prepare(&sql).unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..columns.len())
                .map(|i| match row.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_owned(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => format!("{b:02x?}"),
                })
                .collect();
            out.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    let mut stmt = conn
        .prepare(
            "SELECT coalesce(a.id, 'stale entry'), f.name, f.city, f.people FROM accounts_fts f
             LEFT JOIN accounts a ON a.rowid = f.rowid ORDER BY 1",
        )
        .unwrap();
    let entries = stmt
        .query_map([], |r| {
            Ok(format!(
                "search: {} | {} | {} | {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?
            ))
        })
        .unwrap();
    out.extend(entries.map(Result::unwrap));
    out
}

/// Fails with the rows found on one side only.
fn same_rows(left: &[String], right: &[String], what: &str) {
    let only = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|r| !b.contains(r)).cloned().collect()
    };
    let (only_left, only_right) = (only(left, right), only(right, left));
    assert!(
        only_left.is_empty() && only_right.is_empty() && left.len() == right.len(),
        "{what} differ:\nonly left:\n{}\nonly right:\n{}",
        only_left.join("\n"),
        only_right.join("\n")
    );
}

fn run((devices, ops): (usize, Vec<Op>)) {
    let dirs: Vec<TempDir> = (0..devices).map(|_| tempfile::tempdir().unwrap()).collect();
    let stores: Vec<Store> = dirs.iter().map(|d| Store::open(d.path().join("device.db")).unwrap()).collect();
    // Every device starts with one shared account, as after a first sync.
    let mut accounts = vec![
        stores[0]
            .save_account(&Account::new("Boulangerie Martin", AccountKind::Prospect, "rep0"))
            .unwrap()
            .id,
    ];
    for store in &stores[1..] {
        send(&stores[0], store, &accounts, false);
    }
    // Accounts and visits each device knows of (it can only edit what it has).
    let mut visits: Vec<String> = Vec::new();
    let mut saved = BTreeSet::new();
    let mut deleted = BTreeSet::new();
    let mut deleted_accounts = BTreeSet::new();
    let mut visit_account = std::collections::BTreeMap::new();
    let start = Utc.with_ymd_and_hms(2026, 5, 4, 8, 0, 0).unwrap();
    for op in ops {
        match op {
            Op::CreateAccount { device } => {
                let a = Account::new(
                    format!("Compte {}", accounts.len()),
                    AccountKind::Client,
                    format!("rep{device}"),
                );
                accounts.push(stores[device].save_account(&a).unwrap().id);
            }
            Op::EditCity { device, account, city } => {
                if let Ok(mut a) = stores[device].account(&accounts[account % accounts.len()]) {
                    a.city = Some(CITIES[city].into());
                    stores[device].save_account(&a).unwrap();
                }
            }
            Op::EditAccountNotes { device, account, text } => {
                if let Ok(mut a) = stores[device].account(&accounts[account % accounts.len()]) {
                    a.notes.insert_str(0, &text);
                    stores[device].save_account(&a).unwrap();
                }
            }
            Op::LogVisit { device, account } => {
                let account_id = &accounts[account % accounts.len()];
                if stores[device].account(account_id).is_ok() {
                    let at = start + chrono::Duration::minutes(visits.len() as i64 * 7);
                    let v = VisitReport::new(account_id, format!("rep{device}"), Channel::OnSite, at);
                    let v = stores[device].save_visit(&v).unwrap();
                    saved.insert(v.id.clone());
                    visit_account.insert(v.id.clone(), account_id.clone());
                    visits.push(v.id);
                }
            }
            Op::EditVisit { device, visit, step } if !visits.is_empty() => {
                if let Ok(mut v) = stores[device].visit(&visits[visit % visits.len()]) {
                    v.next_step = Some(STEPS[step].into());
                    stores[device].save_visit(&v).unwrap();
                }
            }
            Op::EditVisitNotes { device, visit, text } if !visits.is_empty() => {
                if let Ok(mut v) = stores[device].visit(&visits[visit % visits.len()]) {
                    v.notes.push_str(&text);
                    stores[device].save_visit(&v).unwrap();
                }
            }
            Op::DeleteVisit { device, visit } if !visits.is_empty() => {
                let id = &visits[visit % visits.len()];
                if stores[device].visit(id).is_ok() {
                    stores[device].delete(Collection::Visits, id).unwrap();
                    deleted.insert(id.clone());
                }
            }
            Op::AddContact { device, account } => {
                let account_id = &accounts[account % accounts.len()];
                if stores[device].account(account_id).is_ok() {
                    stores[device]
                        .save_contact(&Contact::new(account_id, format!("Contact {device}")))
                        .unwrap();
                }
            }
            Op::DeleteContact { device, account } => {
                let account_id = &accounts[account % accounts.len()];
                if let Some(contact) =
                    stores[device].account_detail(account_id).ok().and_then(|d| d.contacts.first().cloned())
                {
                    stores[device].delete(Collection::Contacts, &contact.id).unwrap();
                }
            }
            // Visits logged on a deleted account stay in its document: only a restore shows them.
            Op::DeleteAccount { device, account } => {
                let account_id = &accounts[account % accounts.len()];
                if stores[device].account(account_id).is_ok() {
                    stores[device].delete(Collection::Accounts, account_id).unwrap();
                    deleted_accounts.insert(account_id.clone());
                }
            }
            Op::Send { from, to, twice } if from != to => send(&stores[from], &stores[to], &accounts, twice),
            _ => {}
        }
    }
    // Everyone meets everyone: all changes reach all devices, in both directions.
    for from in 0..devices {
        for to in 0..devices {
            if from != to {
                send(&stores[from], &stores[to], &accounts, false);
            }
        }
    }
    let reference = screens(&stores[0]);
    for store in &stores[1..] {
        assert_eq!(screens(store), reference, "devices disagree");
        for account in &accounts {
            let heads = stores[0].document_heads(account).unwrap();
            assert_eq!(store.document_heads(account).unwrap(), heads, "documents differ");
        }
    }
    // A device that receives every document whole projects each of them at once.
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = Store::open(fresh_dir.path().join("device.db")).unwrap();
    send(&stores[0], &fresh, &accounts, false);
    let tables = projection(&dirs[0]);
    same_rows(&projection(&fresh_dir), &tables, "projected whole (left) and record by record (right)");
    // One that receives them with their rows writes the same rows and holds the same documents.
    let rows_dir = tempfile::tempdir().unwrap();
    let with_rows = Store::open(rows_dir.path().join("device.db")).unwrap();
    send_with_rows(&stores[0], &with_rows, &accounts);
    same_rows(&projection(&rows_dir), &tables, "received with rows (left) and record by record (right)");
    assert_eq!(screens(&with_rows), reference, "a device that received rows shows otherwise");
    for account in &accounts {
        let heads = stores[0].document_heads(account).unwrap();
        assert_eq!(with_rows.document_heads(account).unwrap(), heads, "documents received with rows differ");
    }
    for dir in &dirs[1..] {
        same_rows(&projection(dir), &tables, "two devices' projection tables");
    }
    // Visits on accounts deleted are hidden with them.
    let expected: BTreeSet<String> = saved
        .difference(&deleted)
        .filter(|id| !deleted_accounts.contains(&visit_account[*id]))
        .cloned()
        .collect();
    assert_eq!(visit_ids(&stores[0]), expected, "a saved visit was lost or a deleted one came back");
    for store in &stores {
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn devices_converge_and_nothing_saved_is_lost(s in scenario()) {
        run(s);
    }
}
