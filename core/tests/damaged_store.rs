//! A device's database file damaged on disk (a copy cut short, a restore from a bad backup, a
//! flipped sector) gives a clear error in the person's language, never a panic and never a store
//! that silently starts empty.

use std::io::{Seek, SeekFrom, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use tournee_core::app::{DeviceHome, Session};
use tournee_core::i18n::Lang;
use tournee_core::insights::Scope;
use tournee_core::model::{AccountKind, Channel, VisitReport};
use tournee_core::store::sync_keys;

const DAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();

/// A rep's device holding `accounts` accounts with a visit each, closed cleanly.
fn device(dir: &Path, accounts: usize) -> DeviceHome {
    let home = DeviceHome::new(dir);
    let store = home.open_store().unwrap();
    for (key, value) in [
        (sync_keys::SERVER, "http://127.0.0.1:1"),
        (sync_keys::DEVICE, "dev1"),
        (sync_keys::USER, "rep1"),
        (sync_keys::ROLE, sync_keys::REP_ROLE),
    ] {
        store.set_sync_value(key, value.as_bytes()).unwrap();
    }
    drop(store);
    let session = home.open().unwrap();
    for i in 0..accounts {
        let account = session
            .save_account(&session.new_account(&format!("Boulangerie {i}"), AccountKind::Client))
            .unwrap();
        let at = Utc.from_utc_datetime(&DAY.and_hms_opt(9, 0, 0).unwrap());
        let mut visit = VisitReport::new(&account.id, "rep1", Channel::OnSite, at);
        visit.notes = format!("Visite {i} : présentation de la gamme de printemps, commande prévue.");
        session.log_visit(&visit, None).unwrap();
    }
    drop(session);
    home
}

/// What a person does after opening the app: every read the first screens make, the first one
/// failing ends it (its message, after "open: " when opening failed). `Ok`: the accounts read.
fn use_device(home: &DeviceHome) -> Result<usize, String> {
    let session: Session = home.open().map_err(|e| format!("open: {}", e.message(Lang::Fr)))?;
    let read = |e: tournee_core::Error| e.message(Lang::Fr);
    session.agenda(DAY).map_err(read)?;
    let found = session.search_accounts("", 10_000).map_err(read)?;
    for item in &found {
        session.account_detail(&item.id).map_err(read)?;
    }
    session.weekly_dashboard(&Scope::Team, DAY, DAY).map_err(read)?;
    Ok(found.len())
}

fn damaged(how: &str, damage: impl FnOnce(&Path)) -> Result<usize, String> {
    let dir = tempfile::tempdir().unwrap();
    let home = device(dir.path(), 300);
    let wal = home.store_path().with_extension("sqlite3-wal");
    assert!(!wal.exists(), "a closed store is one file: its write-ahead log folded back");
    damage(&home.store_path());
    let outcome = catch_unwind(AssertUnwindSafe(|| use_device(&home)));
    outcome.unwrap_or_else(|_| panic!("{how}: a damaged store panicked"))
}

const DAMAGED: &str = "Le fichier de données de l'appareil est endommagé";

#[test]
fn a_sound_store_reads_back_everything() {
    assert_eq!(damaged("nothing", |_| {}), Ok(300));
}

#[test]
fn a_file_cut_short_is_named_damaged_at_open() {
    for keep in [0.9, 0.5, 0.1] {
        let outcome = damaged("cut", |path| {
            let len = std::fs::metadata(path).unwrap().len();
            let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
            // Not on a page boundary: a copy stops anywhere.
            file.set_len((len as f64 * keep) as u64 + 123).unwrap();
        });
        let error = outcome.expect_err("a store cut short cannot read back as sound");
        assert!(error.starts_with(&format!("open: {DAMAGED}")), "cut to {keep}: {error}");
    }
}

#[test]
fn a_file_that_is_not_a_database_is_named_damaged() {
    let error = damaged("garbage header", |path| {
        let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        file.write_all(&[0x5a; 100]).unwrap();
    })
    .expect_err("a garbage header cannot open");
    assert!(error.starts_with(&format!("open: {DAMAGED}")), "{error}");
}

#[test]
fn pages_overwritten_in_the_middle_are_named_damaged_when_read() {
    let error = damaged("overwritten pages", |path| {
        let len = std::fs::metadata(path).unwrap().len();
        let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        for at in [len / 3, len / 2, 2 * len / 3] {
            file.seek(SeekFrom::Start(at)).unwrap();
            file.write_all(&[0xa5; 8192]).unwrap();
        }
    })
    .expect_err("overwritten pages cannot read back as sound");
    assert!(error.trim_start_matches("open: ").starts_with(DAMAGED), "{error}");
}
