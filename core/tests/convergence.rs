//! Property test: 3 to 5 devices edit the same accounts offline (create, edit fields, edit notes, log
//! visits, delete) and exchange changes in random orders with duplicates. Every device ends with the
//! same documents and projections, and every visit ever saved is there unless a user deleted it.

use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use tempfile::TempDir;
use tournee_core::doc::Collection;
use tournee_core::model::{Account, AccountKind, Channel, VisitReport};
use tournee_core::store::{Store, TimelineItem};

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
    let expected: BTreeSet<String> = saved.difference(&deleted).cloned().collect();
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
