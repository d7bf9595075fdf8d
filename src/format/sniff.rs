//! What an input is written in, from its first bytes: for standard input
//! and files whose name does not say.

use super::Format;

/// How much of the start is looked at.
const SNIFF_BYTES: usize = 16 << 10;

/// HTML when it starts with a doctype or `<html>` (after white space, a BOM
/// or comments) or is mostly tags; Markdown when its lines use Markdown's
/// headings, lists, fences, links or emphasis often enough; else text.
pub fn sniff(prefix: &[u8]) -> Format {
    let prefix = &prefix[..prefix.len().min(SNIFF_BYTES)];
    let prefix = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    let text = String::from_utf8_lossy(prefix);
    let start = text.trim_start().to_ascii_lowercase();
    if start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with("<!--") && start.contains("<html"))
        || (start.starts_with("<?xml") && start.contains("<html"))
    {
        return Format::Html;
    }
    if mostly_tags(&text) {
        return Format::Html;
    }
    if looks_like_markdown(&text) {
        return Format::Markdown;
    }
    Format::Text
}

/// Many tags of HTML's own names, covering much of the text.
fn mostly_tags(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let known = [
        "<p>", "<p ", "<div", "<br", "<a href", "<span", "<h1", "<h2", "<li>", "<ul", "<table",
        "</p>", "</div>",
    ];
    let tags: usize = known.iter().map(|t| lower.matches(t).count()).sum();
    // Bytes inside angle brackets, against all bytes.
    let mut inside = 0usize;
    let mut depth = false;
    for b in lower.bytes() {
        match b {
            b'<' => depth = true,
            b'>' => depth = false,
            _ if depth => inside += 1,
            _ => {}
        }
    }
    tags >= 3 && inside * 5 >= lower.len()
}

/// Markdown's marks at the start of lines (headings, list items, quotes,
/// fences, front matter) or inside them (links, emphasis), in a share of
/// the lines no plain article reaches.
fn looks_like_markdown(text: &str) -> bool {
    if text.starts_with("---\n") || text.starts_with("+++\n") {
        return true;
    }
    let mut lines = 0usize;
    let mut marks = 0usize;
    let mut headings = 0usize;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        let t = line.trim_start();
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            headings += 1;
            marks += 1;
        } else if t.starts_with("```")
            || t.starts_with("~~~")
            || t.starts_with("> ")
            || t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with("+ ")
            || t.starts_with("|")
            || t.contains("](")
            || has_emphasis(t)
        {
            marks += 1;
        }
    }
    lines > 0 && (headings > 0 && marks * 10 >= lines || marks * 4 >= lines && marks >= 2)
}

/// `**strong**`, `__strong__` or `*emphasis*` around a word.
fn has_emphasis(line: &str) -> bool {
    for mark in ["**", "__"] {
        if let Some(open) = line.find(mark)
            && line[open + 2..].find(mark).is_some_and(|close| close > 0)
        {
            return true;
        }
    }
    false
}
