//! Malformed automerge bytes from another machine never crash a device: each input that made
//! automerge 0.12 panic, a deflate bomb and trailing bytes are refused, set aside by the store,
//! and the rest of the sync applies.

use tournee_core::doc::untrusted::{self, UntrustedError};
use tournee_core::doc::Document;
use tournee_core::store::Store;
use tournee_testkit::malformed::{self, Target, ACCOUNT_ID};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("device.sqlite3")).unwrap();
    (dir, store)
}

#[test]
fn the_unmutated_inputs_load() {
    let mut doc = Document::load_untrusted(ACCOUNT_ID, &malformed::base_document()).unwrap();
    doc.apply(&malformed::original(Target::Changes)).unwrap();
    let whole = Document::load_untrusted(ACCOUNT_ID, &malformed::original(Target::Document));
    assert_eq!(whole.unwrap().heads().len(), 1);
}

#[test]
fn every_input_that_made_automerge_panic_is_an_error() {
    for case in malformed::CASES {
        let bytes = case.bytes();
        let loaded = match case.target {
            Target::Document => Document::load_untrusted(ACCOUNT_ID, &bytes).map(drop),
            Target::Changes => {
                let mut doc = Document::load(ACCOUNT_ID, &[&malformed::base_document()]).unwrap();
                doc.apply(&bytes).map(drop)
            }
        };
        assert!(loaded.is_err(), "{}: accepted", case.site);
    }
}

#[test]
fn a_device_sets_every_malformed_input_aside_and_applies_the_rest() {
    let (_dir, device) = store();
    let base = malformed::base_document();
    assert_eq!(device.apply_remote(&[(ACCOUNT_ID.to_owned(), base)]).unwrap().docs, 1);
    let mut batch: Vec<(String, Vec<u8>)> = malformed::CASES
        .iter()
        .map(|case| {
            let id = match case.target {
                Target::Changes => ACCOUNT_ID.to_owned(),
                Target::Document => format!("new{}", case.edits[0].0),
            };
            (id, case.bytes())
        })
        .collect();
    batch.push((ACCOUNT_ID.to_owned(), malformed::original(Target::Changes)));
    let report = device.apply_remote(&batch).unwrap();
    assert_eq!(report.quarantined, malformed::CASES.len());
    assert_eq!(report.docs, 1, "the good changes after the bad ones still apply");
    assert_eq!(device.quarantined().unwrap().len(), malformed::CASES.len());
}

#[test]
fn a_deflate_bomb_is_refused_before_it_is_inflated() {
    let bomb = malformed::deflate_bomb(1024);
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    assert!(matches!(
        untrusted::check(&bomb, untrusted::MAX_INFLATED_BYTES),
        Err(UntrustedError::TooLarge { chunk: 0, .. })
    ));
    let (_dir, device) = store();
    let report = device.apply_remote(&[("bomb".to_owned(), bomb)]).unwrap();
    assert_eq!(report.quarantined, 1);
    assert!(device.quarantined().unwrap()[0].reason.contains("inflates to more than"));
}

#[test]
fn the_bomb_inflates_to_what_it_claims() {
    let bomb = malformed::deflate_bomb(8);
    assert_eq!(untrusted::check(&bomb, 8 << 20), Ok(1));
    assert!(matches!(untrusted::check(&bomb, (8 << 20) - 1), Err(UntrustedError::TooLarge { .. })));
}
