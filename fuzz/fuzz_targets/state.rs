//! State-file bytes: parsing never panics; a parsed state re-anchors,
//! exports and draws without panicking.
#![no_main]

#[path = "../../tests/checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::check_state(data);
});
