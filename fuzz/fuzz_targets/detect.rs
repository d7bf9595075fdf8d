//! Detection on any loaded document: never panics, sections point inside.
#![no_main]

#[path = "../../tests/checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = margin::load::load_bytes(data) {
        checks::check_detect(&doc);
    }
});
