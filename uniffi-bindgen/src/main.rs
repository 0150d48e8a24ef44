//! `cargo run -p uniffi-bindgen -- generate --library <libtournee_core.so> --language kotlin|swift|python`
//! (see `scripts/build-bindings.sh`).

fn main() {
    uniffi::uniffi_bindgen_main()
}
