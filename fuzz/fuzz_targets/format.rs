//! Markdown and HTML → reading text → Document: never panics, no control
//! character survives, headings stay apart, the same bytes give the same text.
#![no_main]

#[path = "../../tests/checks/mod.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::check_format(data);
});
