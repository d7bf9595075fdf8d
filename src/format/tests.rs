use super::*;

const NOTES: &[u8] = include_bytes!("../../tests/fixtures/formats/notes.md");
const PAGE: &[u8] = include_bytes!("../../tests/fixtures/formats/page.html");

fn text(format: Format, bytes: &[u8]) -> String {
    convert(format, bytes).expect("converts").text
}

#[test]
fn show() {
    println!("{}\n=====", text(Format::Markdown, NOTES));
    println!("{}", text(Format::Html, PAGE));
}
