//! Every input the fuzzers kept (`fuzz/corpus/<target>/`: the seeds, the inputs that reached new
//! code, and each crash found, once fixed) replayed through its target, so none comes back.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    let mut inputs = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{target}: {} fails again", path.display());
        inputs += 1;
    }
    assert!(inputs > 0, "{target}: the corpus is empty");
}

#[test]
fn sync_bodies() {
    replay("sync_body", tournee_fuzz::sync_body);
}

#[test]
fn cursors() {
    replay("cursor", tournee_fuzz::cursor);
}

#[test]
fn uploaded_documents() {
    replay("uploaded_document", tournee_fuzz::uploaded_document);
}

#[test]
fn api_json() {
    replay("api_json", tournee_fuzz::api_json);
}

#[test]
fn typed_text() {
    replay("typed_text", tournee_fuzz::typed_text);
}

#[test]
fn csv_files() {
    replay("csv_file", tournee_fuzz::csv_file);
}
