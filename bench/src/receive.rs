//! On the device: what applying a received change costs when the document it lands in is large.
//! A sync re-projects only the records a change touched, so one visit received on an account that
//! holds hundreds of reports should cost about what automerge alone takes to apply it.

use std::path::Path;
use std::time::Instant;

use automerge::AutoCommit;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tournee_core::model::{Account, AccountKind, Contact};
use tournee_core::store::Store;

use crate::data;
use crate::stats::{median, ms};

pub struct Receive {
    pub apply_median_ms: f64,
    /// Automerge alone applying the same change bytes to the same document.
    pub floor_median_ms: f64,
}

/// An account with `reports` visit reports and a few contacts, written on one device and received
/// whole by another; then `n` visits logged on the first, each received by the second, timed.
pub fn one_visit_on_a_large_account(dir: &Path, reports: usize, n: usize, run: usize) -> Receive {
    let mut rng = ChaCha8Rng::seed_from_u64(0x0201 + run as u64);
    let dir = dir.join(format!("receive-{run}"));
    std::fs::create_dir_all(&dir).expect("the receive directory");
    let phone = Store::open(dir.join("phone.sqlite3")).expect("the phone's store");
    let office = Store::open(dir.join("office.sqlite3")).expect("the office's store");
    let rep = "rep-receive";
    let account = phone
        .save_account(&Account::new("Grossiste Lemoine", AccountKind::Client, rep))
        .expect("the account saves");
    for name in ["Hélène Lemoine", "Karim Benali", "Sophie Roux"] {
        phone.save_contact(&Contact::new(&account.id, name)).expect("the contact saves");
    }
    for i in 0..reports {
        let id = format!("{:032x}", rng.random::<u128>());
        let visit = data::visit(&mut rng, id, &account.id, rep, 1 + (i % 700) as i64);
        phone.save_visit(&visit).expect("the visit saves");
    }
    let whole = phone.export_document(&account.id).expect("the document exports");
    office.apply_remote(&[(account.id.clone(), whole.clone())]).expect("the office receives it");
    let mut floor_doc = AutoCommit::load(&whole).expect("automerge loads the document");
    acknowledge_all(&phone);

    let (mut samples, mut floors) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let id = format!("{:032x}", rng.random::<u128>());
        phone.save_visit(&data::visit(&mut rng, id, &account.id, rep, 0)).expect("the visit saves");
        let outgoing = phone.outgoing(1).expect("the outbox reads");
        let changes = outgoing[0].changes.clone();
        let started = Instant::now();
        office.apply_remote(&[(account.id.clone(), changes.clone())]).expect("the office applies it");
        samples.push(ms(started.elapsed()));
        let started = Instant::now();
        floor_doc.load_incremental(&changes).expect("automerge applies it");
        floors.push(ms(started.elapsed()));
        phone.acknowledge(&[(outgoing[0].doc_id.clone(), outgoing[0].heads.clone())]).expect("acknowledged");
    }
    assert_eq!(
        office.account_detail(&account.id).expect("the account shows").timeline.len(),
        reports + n,
        "every visit received shows once"
    );
    Receive { apply_median_ms: median(&samples), floor_median_ms: median(&floors) }
}

fn acknowledge_all(store: &Store) {
    let pending = store.outgoing(1000).expect("the outbox reads");
    let acks: Vec<_> = pending.into_iter().map(|o| (o.doc_id, o.heads)).collect();
    store.acknowledge(&acks).expect("acknowledged");
}
