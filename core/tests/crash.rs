//! A device killed in the middle of logging visits (battery pulled, app killed by the OS) loses none
//! of the visits it reported saved, and its database stays sound.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::Utc;
use rand::Rng;
use tournee_core::model::{Account, AccountKind, Channel, VisitReport};
use tournee_core::store::Store;

const CHILD_ENV: &str = "TOURNEE_CRASH_CHILD_DB";

/// In the child: log visits forever, printing each id once `save_visit` returned.
fn log_visits_until_killed(db: &str) -> ! {
    let store = Store::open(db).unwrap();
    let account = match store.search_accounts("", 1).unwrap().pop() {
        Some(item) => store.account(&item.id).unwrap(),
        None => store.save_account(&Account::new("Boulangerie Martin", AccountKind::Client, "rep1")).unwrap(),
    };
    let mut out = std::io::stdout().lock();
    for i in 0.. {
        let mut visit = VisitReport::new(&account.id, "rep1", Channel::OnSite, Utc::now());
        visit.notes = format!("Visite {i}: présentation de la nouvelle gamme, commande prévue en juin.");
        let saved = store.save_visit(&visit).unwrap();
        writeln!(out, "saved {}", saved.id).unwrap();
        out.flush().unwrap();
    }
    unreachable!()
}

#[test]
fn visits_reported_saved_survive_sigkill() {
    if let Ok(db) = std::env::var(CHILD_ENV) {
        log_visits_until_killed(&db);
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("device.db");
    let mut rng = rand::rng();
    let mut acknowledged = Vec::new();
    for _round in 0..6 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "visits_reported_saved_survive_sigkill", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.random_range(150..600)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        acknowledged.extend(
            stdout.lines().map_while(Result::ok).filter_map(|l| l.strip_prefix("saved ").map(str::to_owned)),
        );

        let store = Store::open(&db).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok");
        for id in &acknowledged {
            assert!(store.visit(id).is_ok(), "visit {id} was reported saved but is gone");
        }
    }
    assert!(acknowledged.len() > 10, "the child logged visits before being killed ({})", acknowledged.len());
}
