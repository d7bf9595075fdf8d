//! Bytes to text when they may not all be text: shared by the loader and
//! the Markdown and HTML converters, which both report what they replaced.

/// `bytes` as UTF-8, each run of invalid bytes one U+FFFD; also how many
/// bytes were invalid (the status bar reports them).
pub fn utf8_lossy_counted(bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            replaced += chunk.invalid().len();
            text.push('\u{FFFD}');
        }
    }
    (text, replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_invalid_run_is_one_replacement_and_every_byte_counted() {
        assert_eq!(utf8_lossy_counted(b"ok"), ("ok".to_owned(), 0));
        assert_eq!(
            utf8_lossy_counted(b"a\xff\xfeb\xe4\xb8"),
            ("a\u{FFFD}\u{FFFD}b\u{FFFD}".to_owned(), 4)
        );
    }
}
