//! Bytes → Document: never panics, no control character survives, every
//! paragraph and escape range is valid, streaming gives the same document.
#![no_main]

#[path = "../../tests/checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The first byte picks the chunk size for the streaming comparison.
    let chunk = data.first().map_or(1, |&b| usize::from(b) + 1);
    checks::check_load(data, chunk);
});
