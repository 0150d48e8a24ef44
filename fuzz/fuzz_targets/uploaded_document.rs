#![no_main]

// automerge 0.12 panics on some malformed input, and `Document` contains those panics (catch_unwind)
// and refuses the bytes: a contained panic is the product working. libfuzzer-sys aborts on every
// panic from its hook, so the hook is made silent; a panic that escapes the target still aborts
// (libfuzzer-sys's own catch_unwind around each input) and is saved as a crash.
libfuzzer_sys::fuzz_target!(
    init: std::panic::set_hook(Box::new(|_| {})),
    |data: &[u8]| tournee_fuzz::uploaded_document(data)
);
