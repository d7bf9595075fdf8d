use super::stops::SectionStops;
use super::*;
use crate::panel::Source;

fn app(width: u16, height: u16) -> App {
    let doc =
        crate::load::load_bytes(include_bytes!("../../../assets/article.txt")).expect("loads");
    App::new(doc, "article.txt".into(), Size::new(width, height))
}

#[test]
fn paging_reaches_the_end_and_comes_back() {
    let mut a = app(120, 40);
    for _ in 0..50 {
        a.update(Action::Page(1));
    }
    assert_eq!(a.reader.top(), a.reader.max_top());
    assert_eq!(a.percent(), 100);
    for _ in 0..50 {
        a.update(Action::Page(-1));
    }
    assert_eq!(a.reader.top(), Position::default());
}

/// The frame's view, computed in one go, is what the separate
/// questions (top, rows, percent as the bottom row's place) answer.
#[test]
fn frame_view_matches_its_parts_after_every_action() {
    let actions = [
        Action::ScrollLines(1),
        Action::Page(1),
        Action::HalfPage(1),
        Action::Paragraph(2),
        Action::Resize(70, 15),
        Action::TogglePanel,
        Action::FocusNext,
        Action::Select(3),
        Action::ToggleFilter,
        Action::Page(1),
        Action::ToggleFilter,
        Action::ToggleRaw,
        Action::Bottom,
        Action::ScrollLines(-4),
        Action::ToggleRaw,
        Action::Resize(200, 60),
        Action::Paragraph(-3),
        Action::Resize(20, 3),
        Action::Bottom,
        Action::Resize(0, 0),
        Action::Top,
    ];
    let mut a = app(120, 20);
    for action in actions.into_iter().cycle().take(actions.len() * 3) {
        a.update(action);
        let view = a.frame_view();
        assert_eq!(view.top, a.view_top(), "{action:?}");
        assert_eq!(view.rows, a.visible_rows(), "{action:?}");
        let bottom = viewport::last_line_end(&view.rows).unwrap_or(view.top);
        let percent = if view.top >= a.reader.max_top() {
            100
        } else {
            (a.doc().fraction(bottom) * 100.0).floor() as u16
        };
        assert_eq!(view.percent, percent, "{action:?}");
    }
}

#[test]
fn paragraph_keys_step_through_paragraphs() {
    let mut a = app(60, 10);
    a.update(Action::Paragraph(1));
    assert_eq!(a.reader.top(), Position::new(1, 0));
    a.update(Action::Paragraph(-1));
    assert_eq!(a.reader.top(), Position::default());
    a.update(Action::Paragraph(-1));
    assert_eq!(a.reader.top(), Position::default());
}

#[test]
fn goto_paragraph_and_bad_numbers() {
    let mut a = app(120, 10);
    for action in [
        Action::StartGoto,
        Action::InputChar('4'),
        Action::InputChar('x'),
        Action::InputSubmit,
    ] {
        a.update(action);
    }
    assert_eq!(a.reader.top(), Position::new(3, 0));
    assert_eq!(a.mode, Mode::Normal);
    for action in [
        Action::StartGoto,
        Action::InputChar('9'),
        Action::InputChar('9'),
        Action::InputSubmit,
    ] {
        a.update(action);
    }
    assert_eq!(a.reader.top(), Position::new(3, 0));
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.starts_with("no paragraph 99"))
    );
}

#[test]
fn panel_enter_jumps_and_keeps_focus() {
    let mut a = app(120, 10);
    a.update(Action::FocusNext);
    assert_eq!(a.focus, Focus::Panel);
    a.update(Action::SelectLast);
    a.update(Action::Activate);
    let entry = a
        .panel()
        .entry(a.selected(), a.annotations())
        .expect("selected");
    assert!(a.visible_rows().iter().any(|r| matches!(r, viewport::Row::Line { paragraph, .. } if *paragraph == entry.target().paragraph)));
    assert_eq!(a.focus, Focus::Panel);
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut a = app(120, 20);
    a.update(Action::Paragraph(5));
    let before = a.reader.top().paragraph;
    for (w, h) in [(20, 5), (1, 1), (0, 0), (300, 100), (120, 20)] {
        a.update(Action::Resize(w, h));
    }
    assert_eq!(a.reader.top().paragraph, before);
}

#[test]
fn raw_toggle_maps_the_position() {
    let mut a = app(120, 10);
    let repaired = a.doc().len();
    a.update(Action::Paragraph(4));
    let text = a.doc().paragraph(a.reader.top().paragraph).to_owned();
    a.update(Action::ToggleRaw);
    assert!(a.doc().len() > repaired);
    assert!(text.starts_with(a.doc().paragraph(a.reader.top().paragraph)));
    a.update(Action::ToggleRaw);
    assert_eq!(a.doc().paragraph(a.reader.top().paragraph), text);
}

#[test]
fn narrow_screens_hide_the_panel_until_asked() {
    let mut a = app(60, 20);
    assert!(!a.panel_shown());
    a.update(Action::TogglePanel);
    assert!(a.panel_shown());
    a.update(Action::TogglePanel);
    a.update(Action::FocusNext);
    assert!(a.panel_shown(), "moving focus to the panel shows it");
}

#[test]
fn every_action_at_every_tiny_size_is_safe() {
    let actions = [
        Action::ScrollLines(1),
        Action::Page(1),
        Action::Bottom,
        Action::Paragraph(-1),
        Action::FocusNext,
        Action::Select(1),
        Action::Activate,
        Action::TogglePanel,
        Action::ToggleRaw,
        Action::Wheel {
            column: 0,
            row: 0,
            delta: 1,
        },
        Action::Click { column: 0, row: 0 },
        Action::Top,
    ];
    for w in 0..6 {
        for h in 0..6 {
            let mut a = app(w, h);
            for action in actions {
                a.update(action);
            }
        }
    }
}

#[test]
fn m_toggles_a_bookmark_and_queues_saves() {
    let mut a = app(120, 10);
    a.update(Action::Paragraph(3));
    a.update(Action::ToggleBookmark);
    assert!(a.is_bookmarked(3));
    assert!(
        a.panel()
            .entries(a.annotations())
            .any(|e| e.bookmark().is_some())
    );
    a.update(Action::ToggleBookmark);
    assert!(!a.is_bookmarked(3));
    let saves = a.take_saves();
    assert!(matches!(saves.as_slice(), [Op::Add(_), Op::Remove { .. }]));
    assert!(a.take_saves().is_empty());
}

#[test]
fn note_input_creates_or_edits() {
    let mut a = app(120, 10);
    a.update(Action::EditNote);
    for c in "hi".chars() {
        a.update(Action::InputChar(c));
    }
    a.update(Action::InputSubmit);
    assert_eq!(a.bookmarks().bookmarks[0].note.as_deref(), Some("hi"));
    a.update(Action::EditNote);
    assert_eq!(a.mode, Mode::Note("hi".into()));
    a.update(Action::InputBackspace);
    a.update(Action::InputCancel);
    assert_eq!(a.bookmarks().bookmarks[0].note.as_deref(), Some("hi"));
}

#[test]
fn delete_undo_only_until_the_next_action() {
    let mut a = app(120, 10);
    a.update(Action::ToggleBookmark);
    a.update(Action::FocusBookmarks);
    assert_eq!(a.focus, Focus::Panel);
    a.update(Action::DeleteBookmark);
    assert!(a.bookmarks().bookmarks.is_empty());
    a.update(Action::Undo);
    assert_eq!(a.bookmarks().bookmarks.len(), 1);
    a.update(Action::FocusBookmarks);
    a.update(Action::DeleteBookmark);
    a.update(Action::ScrollLines(1));
    a.update(Action::Undo);
    assert!(a.bookmarks().bookmarks.is_empty());
}

#[test]
fn backtick_returns_from_a_jump_and_back_again() {
    let mut a = app(120, 10);
    a.update(Action::Bottom);
    let bottom = a.view_top();
    a.update(Action::JumpBack);
    assert_eq!(a.view_top(), Position::default());
    a.update(Action::JumpBack);
    assert_eq!(a.view_top(), bottom);
}

#[test]
fn restore_resumes_and_quit_saves_the_position() {
    let mut a = app(120, 10);
    let mut state = a.bookmarks().clone();
    state.position = Some(Position::new(4, 0));
    a.restore(state, true);
    assert_eq!(a.view_top().paragraph, 4);
    assert_eq!(a.message.as_deref(), Some("resumed at ¶5"));
    a.update(Action::Quit);
    assert_eq!(a.take_saves(), vec![Op::SetPosition(Position::new(4, 0))]);
}

#[test]
fn suspend_asks_the_loop_saves_the_position_and_keeps_the_search() {
    let mut a = app(120, 10);
    a.update(Action::Paragraph(3));
    a.update(Action::StartSearch);
    a.update(Action::InputChar('x'));
    let reading = a.reading_position();
    a.update(Action::Suspend);
    assert!(a.suspend);
    assert_eq!(a.mode, Mode::Search("x".to_owned()));
    assert_eq!(a.take_saves(), vec![Op::SetPosition(reading)]);
}

#[test]
fn bookmarks_follow_the_raw_view() {
    let mut a = app(120, 10);
    a.update(Action::Paragraph(8)); // "Ali Wangwang expects…", two raw paragraphs
    a.update(Action::ToggleBookmark);
    let repaired = a.view_top().paragraph;
    a.update(Action::ToggleRaw);
    let raw = a.view_top().paragraph;
    assert!(raw > repaired);
    assert!(a.is_bookmarked(raw));
    assert_eq!(a.reading_position().paragraph, repaired);
}

fn select_entry(a: &mut App, starts_with: &str) {
    let index = (0..a.panel().len())
        .position(|i| a.entry_label(i).starts_with(starts_with))
        .expect("entry");
    a.update(Action::FocusNext);
    a.update(Action::Select(index as isize - a.selected() as isize));
}

#[test]
fn brackets_step_through_annotated_sections() {
    let mut a = app(120, 10);
    let mut seen = Vec::new();
    for _ in 0..6 {
        a.update(Action::Section(1));
        seen.push(a.view_top().paragraph + 1);
    }
    // The question heading, the two role headings, then the end is held.
    assert_eq!(&seen[..3], &[3, 4, 8]);
    a.update(Action::Section(-1));
    assert!(a.view_top().paragraph < 7);
}

/// `]` / `[` as they were: every stop gathered and sorted on each press.
fn section_by_scan(a: &App, n: isize) -> Option<usize> {
    let mut starts: Vec<usize> = a
        .annotations()
        .sections
        .iter()
        .filter(|s| s.kind != crate::detect::SectionKind::Paragraph)
        .map(|s| s.paragraph)
        .chain(a.annotations().roles.iter().map(|r| r.heading_paragraph()))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    if starts.len() <= 1 {
        starts = (0..a.doc().len())
            .filter(|&p| a.annotations().marks(p).any())
            .collect();
    }
    let here = a.view_top().paragraph;
    if n > 0 {
        starts.iter().find(|&&p| p > here).copied()
    } else {
        starts.iter().rev().find(|&&p| p < here).copied()
    }
}

/// `]` and `[` stop where gathering every stop on each press did: with
/// headings, without any (annotated paragraphs), in both views.
#[test]
fn section_steps_by_index_match_a_scan() {
    let plain = "A plain paragraph that names nothing at all and goes on for a while.\n\n";
    let marked = "Alipay grew in March 2017, as every report of that year noted.\n\n";
    let texts = [
        format!("{}\n\n", crate::load::BUNDLED).repeat(6),
        [plain, plain, marked, plain, marked, marked, plain].concat(),
        plain.repeat(5),
        String::new(),
    ];
    for (text, (annotated, stops)) in
        texts
            .into_iter()
            .zip([(false, 19), (true, 3), (true, 0), (true, 0)])
    {
        let doc = crate::load::load_bytes(text.as_bytes()).expect("loads");
        let mut a = App::new(doc, "doc".into(), Size::new(70, 12));
        let index = SectionStops::new(a.annotations());
        let count = match &index {
            SectionStops::Headings => {
                let mut all: Vec<usize> = SectionStops::headings(a.annotations()).collect();
                all.sort_unstable();
                all.dedup();
                all.len()
            }
            SectionStops::Annotated(paragraphs) => paragraphs.len(),
        };
        assert_eq!(
            (matches!(index, SectionStops::Annotated(_)), count),
            (annotated, stops)
        );
        for _view in 0..2 {
            for paragraph in 0..a.doc().len().max(1) {
                for n in [1, -1] {
                    a.reader.jump(Position::new(paragraph, 0));
                    let expected = section_by_scan(&a, n);
                    a.update(Action::Section(n));
                    let message = a.message.clone().unwrap_or_default();
                    match expected {
                        Some(p) => assert!(
                            message.starts_with(&format!("¶{} ", p + 1)),
                            "¶{paragraph} {n}: {message} for {p}"
                        ),
                        None => assert!(
                            message.starts_with("no annotated section"),
                            "¶{paragraph} {n}: {message}"
                        ),
                    }
                }
            }
            a.update(Action::ToggleRaw);
        }
    }
}

#[test]
fn filter_shows_only_the_entrys_paragraphs() {
    let mut a = app(120, 40);
    select_entry(&mut a, "platform role");
    a.update(Action::ToggleFilter);
    let shown: Vec<usize> = a
        .visible_rows()
        .iter()
        .filter_map(|r| match r {
            viewport::Row::Line {
                paragraph,
                first: true,
                ..
            } => Some(*paragraph),
            _ => None,
        })
        .collect();
    assert_eq!(shown, vec![3, 4, 5, 6]);
    a.update(Action::ToggleFilter);
    assert!(a.filter().is_none());
    assert_eq!(a.visible_rows().len(), a.reader.height());
}

#[test]
fn mentions_step_forward_and_wrap() {
    let mut a = app(120, 8);
    select_entry(&mut a, "Circles");
    a.update(Action::Mention(1));
    assert_eq!(a.view_top().paragraph, 6);
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.contains("mention 1/"))
    );
    a.update(Action::Mention(1));
    assert_eq!(a.view_top().paragraph, 8);
    a.update(Action::Mention(-1));
    assert_eq!(a.view_top().paragraph, 6);
}

/// `.` and `,` land where a scan of every mention would.
#[test]
fn mention_steps_by_search_match_a_scan() {
    let text = format!("{}\n\n", crate::load::BUNDLED).repeat(6);
    let doc = crate::load::load_bytes(text.as_bytes()).expect("loads");
    let mut a = App::new(doc, "six".into(), Size::new(70, 12));
    let sources: Vec<Source> = a
        .panel()
        .entries(a.annotations())
        .map(|e| e.source)
        .collect();
    let product = (sources.iter())
        .position(|s| matches!(s, Source::Product(_)))
        .expect("a product");
    for (entry, source) in sources.iter().enumerate() {
        let mentions: Vec<Position> = a.mentions(source).iter().collect();
        // The search relies on detection's text order.
        assert!(mentions.is_sorted(), "entry {entry}");
        if mentions.is_empty() {
            continue;
        }
        // Unfiltered, filtered to a product's paragraphs, to the entry's own.
        for filter in [None, Some(product), Some(entry)] {
            a.reader.set_filter(None);
            if let Some(filter) = filter {
                a.select(filter as isize);
                a.update(Action::ToggleFilter);
            }
            a.select(entry as isize);
            for paragraph in (0..a.doc().len()).step_by(3) {
                for n in [1, -1] {
                    a.reader.jump(Position::new(paragraph, 0));
                    let here = a.view_top();
                    let line_of = |p: Position| a.reader.line_start(p);
                    let index = if n > 0 {
                        mentions
                            .iter()
                            .position(|&m| line_of(m) > here)
                            .unwrap_or(0)
                    } else {
                        mentions
                            .iter()
                            .rposition(|&m| line_of(m) < here)
                            .unwrap_or(mentions.len() - 1)
                    };
                    let expected = a.reader.clamped(line_of(mentions[index]));
                    a.update(Action::Mention(n));
                    let context = format!("entry {entry} filter {filter:?} ¶{paragraph} {n}");
                    assert_eq!(a.view_top(), expected, "{context}");
                    let count = format!("mention {}/{} ", index + 1, mentions.len());
                    assert!(
                        a.message.as_deref().is_some_and(|m| m.contains(&count)),
                        "{context}: {:?}",
                        a.message
                    );
                }
            }
        }
    }
}

/// `f` on any entry: a product's paragraphs are its mentions',
/// each once, gathered without a copy of the mention list first.
#[test]
fn filter_paragraphs_are_the_mentions_paragraphs() {
    let text = format!("{}\n\n", crate::load::BUNDLED).repeat(3);
    let doc = crate::load::load_bytes(text.as_bytes()).expect("loads");
    let a = App::new(doc, "three".into(), Size::new(70, 12));
    for (i, entry) in a.panel().entries(a.annotations()).enumerate() {
        let mut expected: Vec<usize> = match entry.source {
            Source::Product(_) => a
                .mentions(&entry.source)
                .iter()
                .map(|m| m.paragraph)
                .collect(),
            _ => entry.paragraphs().collect(),
        };
        expected.dedup();
        expected.retain(|&p| p < a.doc().len());
        assert_eq!(a.entry_paragraphs(i), expected, "entry {i}");
    }
}

#[test]
fn m_on_a_search_match_marks_its_sentence() {
    let mut a = app(120, 10);
    a.update(Action::StartSearch);
    for c in "too closed".chars() {
        a.update(Action::InputChar(c));
    }
    a.update(Action::InputSubmit);
    a.update(Action::ToggleBookmark);
    let quote = &a.bookmarks().bookmarks[0].quote;
    assert!(
        quote.starts_with("Ali Wangwang expects to achieve"),
        "{quote}"
    );
}

#[test]
fn the_gutter_keeps_its_width_while_a_file_of_known_size_streams_in() {
    let text = format!("{}\n\n", crate::load::BUNDLED).repeat(400);
    let mut loader = crate::load::Loader::new();
    let mut blocks = Vec::new();
    let mut read = 0u64;
    for chunk in text.as_bytes().chunks(3000) {
        read += chunk.len() as u64;
        blocks.extend(loader.push(chunk).expect("push").map(|b| (b, read)));
    }
    let last = loader.finish().expect("finish");
    let mut blocks = blocks.into_iter();
    let (first, first_read) = blocks.next().expect("a first block");
    let mut doc = Document::default();
    doc.push_block(first);
    let mut a = App::new(doc, "big".into(), Size::new(120, 40));
    a.start_loading(first_read, Some(text.len() as u64));
    let mut widths = vec![a.areas.gutter.width];
    for (block, read) in blocks {
        a.append(block, read);
        widths.push(a.areas.gutter.width);
    }
    a.append(last, text.len() as u64);
    a.finish_loading(0);
    widths.push(a.areas.gutter.width);
    assert!(
        a.doc().len() >= 1000,
        "{} paragraphs: four digits",
        a.doc().len()
    );
    assert!(
        widths.iter().all(|&w| w == widths[0]),
        "the gutter changed width while loading: {widths:?}"
    );
}

#[test]
fn a_big_article_shows_no_annotations_of_the_other_view_while_it_is_detected_again() {
    // Over DETECT_NOW_BYTES, so detection runs as a background job.
    let text = format!("{}\n\n", crate::load::BUNDLED).repeat(1700);
    let mut a = App::new(Document::from_text(&text), "big".into(), Size::new(120, 40));
    let job = a.take_detection_job().expect("a job for a big article");
    a.update(job.run());
    assert!(!a.annotations().sections.is_empty());
    a.update(Action::ToggleRaw);
    // Sections, dates and quotes are read from the document by index and
    // range: those of the repaired view would label raw paragraphs.
    assert!(a.annotations().sections.is_empty() && a.annotations().roles.is_empty());
    assert!(a.panel().is_empty(), "no entries until detection is done");
    let job = a.take_detection_job().expect("detected again");
    a.update(job.run());
    let raw = detect_with(a.doc(), &a.rules);
    assert_eq!(*a.annotations(), raw);
    let labels: Vec<String> = (0..a.panel().len()).map(|i| a.entry_label(i)).collect();
    assert!(labels.iter().any(|l| l.contains("platform role")));
}

#[test]
fn detection_while_loading_waits_for_the_text_to_double() {
    let mut loader = crate::load::Loader::new();
    let text = format!("{}\n\n", crate::load::BUNDLED).repeat(40);
    let mut blocks = Vec::new();
    for chunk in text.as_bytes().chunks(2000) {
        blocks.extend(loader.push(chunk).expect("push"));
    }
    let mut a = App::new(Document::default(), "big".into(), Size::new(120, 40));
    a.start_loading(0, None);
    let mut jobs = 0;
    for block in blocks {
        a.append(block, 0);
        if a.take_detection_job().is_some() {
            jobs += 1;
        }
    }
    assert!((3..=10).contains(&jobs), "{jobs} detections for 40 copies");
    a.finish_loading(0);
    assert!(
        a.take_detection_job().is_some(),
        "the whole text is detected at the end"
    );
}

#[test]
fn the_panel_keeps_what_is_read_in_view_while_the_pane_has_focus() {
    let text = format!("{}\n\n", crate::load::BUNDLED).repeat(30);
    let doc = crate::load::load_bytes(text.as_bytes()).expect("loads");
    let mut a = App::new(doc, "big".into(), Size::new(140, 30));
    let rows = a.areas.panel_rows();
    assert!(rows > 0);
    let in_view = |a: &App| {
        let current = a.panel().current(a.view_top().paragraph, a.annotations());
        let row = a.panel().row_of(current.expect("an entry holds it"));
        (a.panel_offset()..a.panel_offset() + rows).contains(&row)
    };
    let last = a.doc().len() - 1;
    for paragraph in [150, 20, last - 5, 3] {
        a.update(Action::StartGoto);
        for c in (paragraph + 1).to_string().chars() {
            a.update(Action::InputChar(c));
        }
        a.update(Action::InputSubmit);
        assert!(
            a.view_top().paragraph.abs_diff(paragraph) < 10,
            "went to ¶{}",
            paragraph + 1
        );
        assert!(
            in_view(&a),
            "¶{}: offset {}",
            paragraph + 1,
            a.panel_offset()
        );
    }
    // Paging on keeps it in view too.
    for _ in 0..40 {
        a.update(Action::Page(1));
        assert!(in_view(&a), "at ¶{}", a.view_top().paragraph + 1);
    }
    // In the panel, the reader's own scrolling is left alone.
    a.update(Action::FocusNext);
    a.update(Action::SelectFirst);
    assert_eq!(a.panel_offset(), 0);
    a.update(Action::Page(1));
    assert_eq!(a.panel_offset(), 0);
}

/// Found by a user (issue 14): filter on the platform role, then `r`: the
/// raw view showed other paragraphs, numbered as the repaired ones were.
#[test]
fn the_filter_follows_its_text_into_the_other_view() {
    let mut a = app(120, 40);
    select_entry(&mut a, "platform role");
    a.update(Action::ToggleFilter);
    let filtered = |a: &App| -> Vec<String> {
        let filter = a.filter().expect("filter");
        filter
            .paragraphs
            .iter()
            .map(|&p| a.doc().paragraph(p).to_owned())
            .collect()
    };
    let repaired = filtered(&a);
    a.update(Action::ToggleRaw);
    let raw = filtered(&a).join(" ");
    for text in &repaired {
        let start: String = text.chars().take(40).collect();
        assert!(raw.contains(&start), "{start:?} is not in the raw filter");
    }
    a.update(Action::ToggleRaw);
    assert_eq!(filtered(&a), repaired, "and back");
}

/// Found by a user (issue 14): `--raw` with `repair = false` in the config
/// showed the repaired view: each toggled.
#[test]
fn setting_a_view_twice_keeps_it() {
    let mut a = app(120, 40);
    a.update(Action::SetView(View::Raw));
    a.update(Action::SetView(View::Raw));
    assert_eq!(a.doc().view(), View::Raw);
    a.update(Action::SetView(View::Repaired));
    assert_eq!(a.doc().view(), View::Repaired);
}

/// Found by a user (issue 14): `:9` then `m` bookmarked ¶3 in a 120×40
/// window, where ¶9 cannot reach the top. The passage gone to is the one
/// read: `m` marks it, the status bar and the panel name it.
#[test]
fn the_passage_gone_to_is_read_even_when_it_cannot_reach_the_top() {
    let mut a = app(120, 40);
    a.update(Action::StartGoto);
    a.update(Action::InputChar('9'));
    a.update(Action::InputSubmit);
    assert!(a.view_top().paragraph < 8, "the article ends first");
    assert_eq!(a.reading().paragraph, 8);
    assert_eq!(a.cursor_paragraph(), Some(8));
    a.update(Action::ToggleBookmark);
    assert_eq!(a.message.as_deref(), Some("bookmarked ¶9"));
    assert!(a.is_bookmarked(8));
    // Scrolling lets the passage go: the top is read again.
    a.update(Action::ScrollLines(-1));
    assert_eq!(a.cursor_paragraph(), None);
    assert_eq!(a.reading(), a.view_top());
}

const NOTES: &[u8] = include_bytes!("../../../tests/fixtures/formats/notes.md");

fn notes_app(height: u16) -> App {
    let format = crate::format::Format::Markdown;
    let converted = crate::format::convert(format, NOTES).expect("converts");
    let doc = crate::load::load_with_headings(converted.text.as_bytes(), converted.headings)
        .expect("loads");
    App::new(doc, "notes.md".into(), Size::new(120, height)).with_format(format)
}

/// `r` on Markdown asks the edges for the source once, shows it where the
/// article was read, keeps bookmarks in the article, and goes back there.
#[test]
fn raw_on_a_converted_article_shows_its_source_at_the_same_place() {
    let mut a = notes_app(10);
    let heading = (0..a.doc().len())
        .find(|&p| a.doc().paragraph(p).contains("The seller's role"))
        .expect("heading");
    a.update(Action::GoTo(Position::new(heading, 0)));
    a.update(Action::ToggleBookmark);
    a.update(Action::ToggleRaw);
    assert!(!a.source_shown(), "the source is read first");
    assert!(a.take_source_request());
    assert!(!a.take_source_request(), "asked once");
    let source = Document::from_text(std::str::from_utf8(NOTES).expect("utf-8"));
    a.update(Change::SourceLoaded(Ok(source)));
    assert!(a.source_shown());
    let reading = a.reading().paragraph;
    assert_eq!(a.doc().paragraph(reading), "## The seller's role");
    assert!(a.is_bookmarked(reading), "the bookmark shows in the source");
    assert_eq!(a.reading_position(), Position::new(heading, 0));
    a.update(Action::ToggleBookmark);
    assert_eq!(
        a.bookmarks().bookmarks.len(),
        1,
        "no bookmark made in the source"
    );
    a.update(Action::ToggleRaw);
    assert!(!a.source_shown());
    assert_eq!(a.reading(), Position::new(heading, 0));
    assert_eq!(a.doc().view(), View::Repaired);
    a.update(Action::ToggleRaw);
    assert!(a.source_shown(), "kept: shown at once");
    assert!(!a.take_source_request());
}

/// Standard input keeps no source: raw is the converted text unrepaired.
#[test]
fn a_converted_article_with_no_source_shows_its_text_unrepaired() {
    let mut a = notes_app(10);
    a.update(Action::ToggleRaw);
    assert!(a.take_source_request());
    a.update(Change::SourceLoaded(Err("no source".into())));
    assert!(!a.source_shown());
    assert_eq!(a.doc().view(), View::Raw);
    a.update(Action::ToggleRaw);
    assert_eq!(a.doc().view(), View::Repaired);
    assert!(!a.take_source_request());
}
