//! Whole frames, snapshot-tested at fixed sizes.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Rect, Size};
use ratatui::style::{Modifier, Style};

use crate::app::{Action, App, Change};
use crate::document::Document;

fn app(width: u16, height: u16) -> App {
    let doc = crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("loads");
    App::new(doc, "article.txt".into(), Size::new(width, height))
}

fn render(app: &App) -> Terminal<TestBackend> {
    let size = app.areas().size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).expect("terminal");
    terminal
        .draw(|frame| super::draw(frame, app))
        .expect("draw");
    terminal
}

// Styled whole frames: the text rows, then ratatui's `Buffer` Debug style
// list (fg, bg and modifiers wherever they change), so a lost colour or
// reverse fails like lost text does.

fn styled(terminal: &Terminal<TestBackend>) -> String {
    format!("{:?}", terminal.backend().buffer())
}

/// The cell wears `style`: the colours it sets, and its modifiers.
fn wears(cell: &Cell, style: Style) -> bool {
    style.fg.is_none_or(|fg| cell.fg == fg)
        && style.bg.is_none_or(|bg| cell.bg == bg)
        && cell.modifier.contains(style.add_modifier)
}

fn row(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The paragraph numbers in the gutter, top to bottom.
fn numbers(buffer: &Buffer, gutter: Rect) -> Vec<String> {
    (gutter.y..gutter.bottom())
        .map(|y| {
            (gutter.x..gutter.right())
                .map(|x| buffer[(x, y)].symbol())
                .filter(|s| s.chars().all(|c| c.is_ascii_digit()))
                .collect::<String>()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

fn status(buffer: &Buffer) -> String {
    row(buffer, buffer.area.height - 1)
}

/// The cell where `text` first starts within `area`, one character a cell.
fn find_in(buffer: &Buffer, area: Rect, text: &str) -> Option<(u16, u16)> {
    (area.y..area.bottom()).find_map(|y| {
        let line: Vec<&str> = (area.x..area.right())
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let want: Vec<String> = text.chars().map(String::from).collect();
        line.windows(want.len())
            .position(|w| w.iter().zip(&want).all(|(a, b)| *a == b))
            .map(|x| (area.x + x as u16, y))
    })
}

fn find(buffer: &Buffer, text: &str) -> Option<(u16, u16)> {
    find_in(buffer, buffer.area, text)
}

fn type_in(a: &mut App, start: Action, text: &str) {
    a.update(start);
    for c in text.chars() {
        a.update(Action::InputChar(c));
    }
}

/// Selects the first panel entry whose label has `label`, the panel focused.
fn select_entry(a: &mut App, label: &str) {
    a.update(Action::FocusNext);
    a.update(Action::SelectFirst);
    for _ in 0..a.panel().len() {
        if a.entry_label(a.selected()).contains(label) {
            return;
        }
        a.update(Action::Select(1));
    }
    panic!("no panel entry {label}");
}

/// The article opened at 120×40: the pane from ¶1 with its gutter marks
/// (R, P, D in their kinds' colours) and highlights, the panel beside it,
/// the status bar reversed.
#[test]
fn opening_frame_120x40() {
    let a = app(120, 40);
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    let (x, y) = find_in(buffer, a.areas().gutter, "P").expect("¶1's product mark");
    assert!(wears(&buffer[(x, y)], a.theme().product));
    assert!(wears(&buffer[(0, 39)], a.theme().status));
    insta::assert_snapshot!(styled(&terminal));
}

/// The article opened at 60×20: too narrow for the panel beside, so none.
#[test]
fn opening_frame_60x20() {
    let a = app(60, 20);
    assert!(a.areas().panel.is_none());
    insta::assert_snapshot!(styled(&render(&a)));
}

/// Tab, five entries down, Enter: the pane goes to ¶6 (its number reversed:
/// it cannot reach the top), the entry stays selected (reversed) in the
/// focused panel, and the status bar says ¶6 and "panel".
#[test]
fn panel_focused_after_jump_120x40() {
    let mut a = app(120, 40);
    for action in [Action::FocusNext, Action::Select(5), Action::Activate] {
        a.update(action);
    }
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    assert!(
        status(buffer).contains("¶6/10 │ 100% │ panel"),
        "{}",
        status(buffer)
    );
    insta::assert_snapshot!(styled(&terminal));
}

/// 60×20, the panel asked for: stacked under the pane with its title rule.
#[test]
fn narrow_with_panel_stacked_60x20() {
    let mut a = app(60, 20);
    a.update(Action::TogglePanel);
    insta::assert_snapshot!(styled(&render(&a)));
}

/// `?`: the keys in a bordered box over the reader, section titles and
/// keys in their own styles.
#[test]
fn help_overlay_120x40() {
    let mut a = app(120, 40);
    a.update(Action::ToggleHelp);
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "Reading pane").expect("a section title");
    assert!(wears(&buffer[(x, y)], a.theme().help_title));
    let (x, y) = find(buffer, "Ctrl-d").expect("a key");
    assert!(wears(&buffer[(x, y)], a.theme().help_key));
    insta::assert_snapshot!(styled(&terminal));
}

#[test]
fn help_scrolls_to_its_last_line_on_a_short_screen() {
    let mut a = app(80, 12);
    a.update(Action::ToggleHelp);
    a.update(Action::HelpScroll(1000));
    let terminal = render(&a);
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("a click on an entry jumps"), "{screen}");
    assert!(screen.contains("j/k scroll"));
}

#[test]
fn escapes_are_shown_not_sent() {
    let doc =
        Document::from_text("Title\n\nbell\u{7} title\u{1b}]0;pwned\u{7} csi\u{9b}2J rlo\u{202e}x");
    let a = App::new(doc, "evil".into(), Size::new(80, 10));
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    let mut screen = String::new();
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "{:?}",
            cell.symbol()
        );
        screen.push_str(cell.symbol());
    }
    assert!(screen.contains("bell^G title^[]0;pwned^G csiM-^[2J rlo<U+202E>x"));
    // The escapes are styled apart from the text.
    let styled = buffer
        .content()
        .iter()
        .filter(|c| c.symbol() == "^" && c.modifier.contains(ratatui::style::Modifier::REVERSED))
        .count();
    assert_eq!(styled, 4);
}

#[test]
fn every_size_up_to_300x100_draws_without_panic() {
    let mut a = app(1, 1);
    for width in (0..=300).step_by(7).chain([1, 2, 3, 79, 80, 81]) {
        for height in (0..=100).step_by(9).chain([1, 2, 3]) {
            a.update(Action::Resize(width, height));
            a.update(Action::Page(1));
            render(&a);
            a.update(Action::ToggleHelp);
            a.update(Action::HelpScroll(100));
            render(&a);
            a.update(Action::ToggleHelp);
        }
    }
}

#[test]
fn no_text_cell_spills_into_the_panel() {
    let long = "ＷＩＤＥ全角文字が続く".repeat(40);
    let doc = Document::from_text(&format!("T\n\n{long}\n\n{}", "x".repeat(500)));
    for width in 80..140 {
        let a = App::new(doc.clone(), "w".into(), Size::new(width, 30));
        let terminal = render(&a);
        let panel = a.areas().panel.expect("panel beside");
        let buffer = terminal.backend().buffer();
        for y in panel.y..panel.bottom() {
            let cell = &buffer[(panel.x, y)];
            assert!(
                cell.symbol() == "│" || cell.symbol() == " " || cell.symbol() == "─",
                "width {width} row {y}: {:?}",
                cell.symbol()
            );
        }
    }
}

#[test]
fn every_panel_entry_of_a_chinese_article_draws() {
    let text = "这一次，支付宝输在哪\n\n2017年3月9日\n\n彭蕾发出道歉信，支付宝圈子事件告一段落。\n\n\
                平台角色。支付宝在这个过程中最明显的角色是平台，照片通过支付宝的平台传播。\n\n\
                源头角色。芝麻信用分数决定了评论功能的开放，阿里旺旺最终仍是内部产品。";
    for (width, height) in [(120, 40), (70, 24), (30, 10)] {
        let mut a = App::new(
            Document::from_text(text),
            "zh.txt".into(),
            Size::new(width, height),
        );
        assert!(!a.annotations().roles.is_empty(), "roles detected");
        for i in 0..a.panel().len() {
            assert!(!a.entry_label(i).is_empty());
            let _ = a.entry_detail(i);
        }
        a.update(Action::FocusNext);
        for _ in 0..a.panel().len() {
            render(&a);
            a.update(Action::Select(1));
        }
    }
}

#[test]
fn a_panel_on_the_left_keeps_its_border_between_it_and_the_pane() {
    use crate::config::{PanelSide, PanelWidth};
    let mut a = app(120, 20);
    a.update(crate::app::Change::Configured(Box::new(
        crate::app::Settings {
            panel_width: Some(PanelWidth::Columns(30)),
            side: PanelSide::Left,
            max_width: Some(60),
            ..Default::default()
        },
    )));
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    for y in 0..19 {
        assert_eq!(
            buffer[(29, y)].symbol(),
            "│",
            "row {y}: border at the panel's right"
        );
    }
    let first: String = (0..30).map(|x| buffer[(x, 2)].symbol()).collect();
    assert!(first.contains("platform role"), "{first}");
    assert!(a.areas().text.x >= 30 && a.areas().text.width == 60);
}

/// `/wangwang` typed, not yet submitted: the pane scrolls as far as it can
/// towards ¶9 (the first match; the article's end is on screen), each
/// "Wangwang" in the pane has the search style, the first the current
/// match's, and the status bar shows the query typed and "3 match(es)".
/// The match is the passage read even though it cannot reach the top (as
/// after `:9`): the status bar says ¶9, ¶9's number is reversed in the
/// gutter and the panel marks ¶9's entries.
#[test]
fn search_typed_120x40() {
    let mut a = app(120, 40);
    type_in(&mut a, Action::StartSearch, "wangwang");
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    assert!(status(buffer).contains("│ ¶9/10 │"), "{}", status(buffer));
    assert!(
        status(buffer).contains("/wangwang▏ 3 match(es)"),
        "{}",
        status(buffer)
    );
    let (x, y) = find_in(buffer, a.areas().text, "Wangwang").expect("a match in the pane");
    assert!(wears(&buffer[(x, y)], a.theme().search_current));
    insta::assert_snapshot!(styled(&terminal));
}

/// `/wangwang` Enter, then `n`: the second match is current (its cells in
/// the current-match style, the first back to the search style), and the
/// status bar says "match 2/3". The view is the same as while typing.
#[test]
fn search_submitted_and_stepped_120x40() {
    let mut a = app(120, 40);
    type_in(&mut a, Action::StartSearch, "wangwang");
    a.update(Action::InputSubmit);
    a.update(Action::NextMatch);
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    assert!(status(buffer).contains("match 2/3"), "{}", status(buffer));
    let (x, y) = find_in(buffer, a.areas().text, "Wangwang").expect("a match in the pane");
    assert!(wears(&buffer[(x, y)], a.theme().search));
    assert!(!wears(&buffer[(x, y)], a.theme().search_current));
    insta::assert_snapshot!(styled(&terminal));
}

/// `f` on the panel's "platform role" entry: the pane shows only ¶4–7 (no
/// ¶1–3, no ¶8), the panel keeps the entry selected, and the status bar
/// says "filtered:4¶".
#[test]
fn filter_on_a_panel_entry_120x40() {
    let mut a = app(120, 40);
    select_entry(&mut a, "platform role");
    a.update(Action::ToggleFilter);
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    assert!(status(buffer).contains("filtered:4¶"), "{}", status(buffer));
    assert_eq!(numbers(buffer, a.areas().gutter), ["4", "5", "6", "7"]);
    insta::assert_snapshot!(styled(&terminal));
}

/// `r`: the paragraphs as the file cut them, 14 not 10 (¶2 is the date
/// alone, ¶5 "played what role?Whether Alipay" alone), the panel's
/// sections and entries numbered in raw paragraphs, and "raw" in the status
/// bar with its message.
#[test]
fn raw_view_120x40() {
    let mut a = app(120, 40);
    a.update(Action::ToggleRaw);
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    assert!(status(buffer).contains("¶1/14"), "{}", status(buffer));
    assert!(status(buffer).contains(" raw"), "{}", status(buffer));
    assert!(find(buffer, "played what role?Whether Alipay").is_some());
    insta::assert_snapshot!(styled(&terminal));
}

/// The file's first 26% read, the rest still coming: the pane shows the
/// three paragraphs there are, the panel what detection found in them, and
/// the status bar "¶1/3" and "loading 26% · 5 found". The view's percent is
/// of the file (the end of what is loaded is 26% in), not of what is loaded.
#[test]
fn loading_in_progress_120x40() {
    let article = include_str!("../../assets/article.txt");
    let part = article
        .match_indices("\n\n")
        .nth(5)
        .map_or(article, |(at, _)| &article[..at + 2]);
    let doc = crate::load::load_bytes(part.as_bytes()).expect("loads");
    let mut a = App::new(doc, "article.txt".into(), Size::new(120, 40));
    a.update(Change::LoadStarted {
        bytes_read: part.len() as u64,
        size: Some(article.len() as u64),
    });
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    let percent = part.len() * 100 / article.len();
    assert!(
        status(buffer).contains(&format!("loading {percent}%")),
        "{}",
        status(buffer)
    );
    assert!(
        status(buffer).contains(&format!("│ {percent}% │ pane")),
        "{}",
        status(buffer)
    );
    insta::assert_snapshot!(styled(&terminal));
}

/// `:4` Enter, `m`, `M` with a note, then `'`: ¶4 has the bookmark mark ●
/// in the gutter (in the bookmark style), and the focused panel's Bookmarks
/// group lists it, selected, with its note.
#[test]
fn bookmark_with_a_note_120x40() {
    let mut a = app(120, 40);
    type_in(&mut a, Action::StartGoto, "4");
    a.update(Action::InputSubmit);
    a.update(Action::ToggleBookmark);
    type_in(&mut a, Action::EditNote, "the platform's part");
    a.update(Action::InputSubmit);
    a.update(Action::FocusBookmarks);
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "●").expect("the bookmark mark");
    assert!(
        row(buffer, y).trim_start().starts_with("4R●"),
        "{}",
        row(buffer, y)
    );
    assert!(wears(&buffer[(x, y)], a.theme().bookmark_mark));
    assert!(find(buffer, "Bookmarks").is_some());
    assert!(find(buffer, "the platform's part").is_some());
    insta::assert_snapshot!(styled(&terminal));
}

/// `:9` Enter at 120×40: the article ends before ¶9 can reach the top, so
/// the view stays where it can and ¶9's number is reversed in the gutter as
/// the passage gone to; the status bar says ¶9.
#[test]
fn goto_a_passage_that_cannot_reach_the_top_120x40() {
    let mut a = app(120, 40);
    type_in(&mut a, Action::StartGoto, "9");
    a.update(Action::InputSubmit);
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    assert!(status(buffer).contains("¶9/"), "{}", status(buffer));
    let gutter = a.areas().gutter;
    let reversed: Vec<String> = (gutter.y..gutter.bottom())
        .flat_map(|y| (gutter.x..gutter.right()).map(move |x| (x, y)))
        .filter(|&xy| {
            let cell = &buffer[xy];
            cell.symbol() != " " && cell.modifier.contains(Modifier::REVERSED)
        })
        .map(|xy| buffer[xy].symbol().to_owned())
        .collect();
    assert_eq!(reversed, ["9"], "only ¶9's number is reversed");
    assert_eq!(numbers(buffer, gutter)[0], "4", "the top stays at ¶3's end");
    insta::assert_snapshot!(styled(&terminal));
}

/// 40×15, the panel asked for: it is stacked under the pane, not beside it,
/// and the status bar drops the key hints that do not fit.
#[test]
fn narrow_with_panel_stacked_40x15() {
    let mut a = app(40, 15);
    a.update(Action::TogglePanel);
    let terminal = render(&a);
    let panel = a.areas().panel.expect("a panel");
    assert_eq!(panel.width, 40, "stacked: full width");
    assert!(panel.y > a.areas().text.y);
    insta::assert_snapshot!(styled(&terminal));
}

/// Markdown's emphasis, strong and code are italic, bold and the code
/// colour in the pane, in both views; plain words stay plain.
#[test]
fn emphasis_strong_and_code_are_drawn_in_their_styles_in_both_views() {
    use crate::format::{Format, convert};
    use ratatui::style::{Color, Modifier};
    let converted = convert(
        Format::Markdown,
        "Title\n\nthe plain text goes on and\n\nthen *slanted* **heavy** `mono` end.".as_bytes(),
    )
    .expect("converts");
    let doc = crate::load::load_with_headings(converted.text.as_bytes(), converted.headings)
        .expect("loads");
    let mut a = App::new(doc, "notes.md".into(), Size::new(80, 10));
    for view in ["repaired", "raw"] {
        let terminal = render(&a);
        let buffer = terminal.backend().buffer();
        let width = buffer.area.width as usize;
        let rows: Vec<String> = buffer
            .content()
            .chunks(width)
            .map(|row| row.iter().map(|c| c.symbol()).collect())
            .collect();
        // The cells of the first `word` on screen.
        let cells = |word: &str| {
            let (y, row) = rows
                .iter()
                .enumerate()
                .find(|(_, row)| row.contains(word))
                .unwrap_or_else(|| panic!("{word} not shown in {view}: {rows:#?}"));
            let x = row[..row.find(word).unwrap_or(0)].chars().count();
            buffer.content()[y * width + x..][..word.chars().count()].to_vec()
        };
        let all =
            |word: &str, has: &dyn Fn(&ratatui::buffer::Cell) -> bool| cells(word).iter().all(has);
        assert!(
            all("slanted", &|c| c.modifier.contains(Modifier::ITALIC)),
            "{view}"
        );
        assert!(
            all("heavy", &|c| c.modifier.contains(Modifier::BOLD)),
            "{view}"
        );
        assert!(all("mono", &|c| c.fg == Color::LightYellow), "{view}");
        assert!(
            all("plain", &|c| c.modifier.is_empty() && c.fg == Color::Reset),
            "{view}"
        );
        assert!(all("end.", &|c| c.modifier.is_empty()), "{view}");
        a.update(Action::ToggleRaw);
    }
}

/// A saved highlight (green, after `c`) on the first sentence of ¶5 and a
/// selection being made in ¶4 above it: both styled in the text, the highlight
/// listed first in the panel, the status bar telling the selection's keys.
#[test]
fn highlight_and_selection_120x40() {
    let mut a = app(120, 40);
    a.update(Action::GoTo(crate::document::Position::new(4, 0)));
    a.update(Action::StartSelection);
    a.update(Action::CycleColour);
    a.update(Action::SaveHighlight);
    a.update(Action::GoTo(crate::document::Position::new(3, 0)));
    a.update(Action::StartSelection);
    a.update(Action::Extend(crate::span::Unit::Word));
    let terminal = render(&a);
    let buffer = terminal.backend().buffer();
    assert!(
        status(buffer).contains("selecting ¶4"),
        "{}",
        status(buffer)
    );
    let quote = &a.bookmarks().highlights[0].quote;
    let start: String = quote.chars().take(12).collect();
    let (x, y) = find_in(buffer, a.areas().text, &start).expect("the highlight in the pane");
    assert!(wears(&buffer[(x, y)], a.theme().highlight_green));
    insta::assert_snapshot!(styled(&terminal));
}
