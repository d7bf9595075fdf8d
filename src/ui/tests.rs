//! Whole frames, snapshot-tested at fixed sizes.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

use crate::app::{Action, App};
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

#[test]
fn opening_frame_120x40() {
    insta::assert_snapshot!(render(&app(120, 40)).backend());
}

#[test]
fn opening_frame_60x20() {
    insta::assert_snapshot!(render(&app(60, 20)).backend());
}

#[test]
fn panel_focused_after_jump_120x40() {
    let mut a = app(120, 40);
    for action in [Action::FocusNext, Action::Select(5), Action::Activate] {
        a.update(action);
    }
    insta::assert_snapshot!(render(&a).backend());
}

#[test]
fn narrow_with_panel_stacked_60x20() {
    let mut a = app(60, 20);
    a.update(Action::TogglePanel);
    insta::assert_snapshot!(render(&a).backend());
}

#[test]
fn help_overlay_120x40() {
    let mut a = app(120, 40);
    a.update(Action::ToggleHelp);
    insta::assert_snapshot!(render(&a).backend());
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
    a.set_layout(Some(PanelWidth::Columns(30)), PanelSide::Left, Some(60));
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
