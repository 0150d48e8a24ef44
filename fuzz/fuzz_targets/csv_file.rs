#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tournee_fuzz::csv_file(data));
