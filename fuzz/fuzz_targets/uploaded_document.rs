#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tournee_fuzz::uploaded_document(data));
