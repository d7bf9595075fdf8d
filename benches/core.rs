#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a measuring tool, not margin: it stops at the first surprise"
)]
//! Load, wrap and draw: the costs a reader pays on open and per keystroke.

use std::hint::black_box;

use criterion::{Criterion, SamplingMode, criterion_group};
use margin::app::{Action, App, Change, Focus, Mode};
use margin::load::load_bytes;
use margin::panel::Source;
use margin::source::BUNDLED;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

/// The bundled article repeated to about `bytes`.
fn repeated(bytes: usize) -> Vec<u8> {
    let mut text = Vec::with_capacity(bytes + BUNDLED.len());
    while text.len() < bytes {
        text.extend_from_slice(BUNDLED.as_bytes());
        text.extend_from_slice(b"\n\n");
    }
    text
}

fn load(c: &mut Criterion) {
    let big = repeated(10 << 20);
    c.bench_function("load bundled", |b| {
        b.iter(|| load_bytes(black_box(BUNDLED.as_bytes())))
    });
    let mut group = c.benchmark_group("load 10MB");
    group.sample_size(10);
    group.bench_function("load 10MB", |b| b.iter(|| load_bytes(black_box(&big))));
    group.finish();
}

/// Benchmark ids of the two frames whose medians are compared.
const FRAME_IDS: [&str; 3] = [
    "frame 200x60 middle of bundled",
    "frame 200x60 middle of 100MB",
    // A control whose screen is as full as the 100 MB one's: the bundled
    // article fits in fewer than 60 rows at 200 columns, so its frame draws less.
    "frame 200x60 middle of 1MB",
];

/// A big document is detected in the background: a frame is drawn as the
/// reader sees it once detection is done, highlights and panel entries included.
fn finish_detection(app: &mut App) {
    if let Some(job) = app.take_detection_job() {
        app.update(job.run());
    }
}

fn frame(c: &mut Criterion) {
    let size = Size::new(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).expect("terminal");
    for (id, bytes) in FRAME_IDS.into_iter().zip([
        BUNDLED.as_bytes().to_vec(),
        repeated(100 << 20),
        repeated(1 << 20),
    ]) {
        let doc = load_bytes(&bytes).expect("loads");
        drop(bytes);
        let middle = doc.len() / 2;
        let mut app = App::new(doc, id.into(), size);
        finish_detection(&mut app);
        app.update(Action::GoTo(margin::document::Position::new(middle, 0)));
        c.bench_function(id, |b| {
            b.iter(|| {
                // A keystroke and the frame it causes.
                app.update(Action::ScrollLines(1));
                app.update(Action::ScrollLines(-1));
                terminal.draw(|f| margin::ui::draw(f, &app)).expect("draw");
            })
        });
    }
}

/// Where every key of the "keys" group is pressed from: the middle of the
/// document, with the Alipay entry (455k mentions on 100 MB) selected.
struct Start {
    middle: margin::document::Position,
    alipay: usize,
}

/// A key as the bench presses it: `setup` (not timed) puts the app where the
/// key is pressed from; the action and the frame it causes are timed.
struct Key {
    name: &'static str,
    setup: fn(&mut App, &Start),
    action: fn(&App) -> Action,
}

/// The reader at the middle, in the pane, no input line, no filter.
fn at_middle(app: &mut App, start: &Start) {
    // Through the app's one door, as a user would: leave an input line,
    // come back to the pane, drop the filter, select Alipay.
    if *app.mode() != Mode::Normal {
        app.update(Action::InputCancel);
    }
    if app.focus() == Focus::Panel {
        app.update(Action::FocusNext);
    }
    if app.filter().is_some() {
        app.update(Action::ToggleFilter);
    }
    app.update(Action::Select(
        start.alipay as isize - app.selected() as isize,
    ));
    app.update(Action::GoTo(start.middle));
}

fn filtered(app: &mut App, start: &Start) {
    at_middle(app, start);
    app.update(Action::ToggleFilter);
    app.update(Action::GoTo(start.middle));
}

/// `/` pressed at the middle and `query` typed but for its last character.
fn typing(app: &mut App, start: &Start, query: &str) {
    at_middle(app, start);
    app.update(Action::StartSearch);
    for c in query.chars() {
        app.update(Action::InputChar(c));
    }
}

/// A search for `query` in force (searched once), the reader at the middle;
/// a step goes on from the match the last step reached.
fn searched(app: &mut App, start: &Start, query: &str) {
    at_middle(app, start);
    if app.search().is_none_or(|s| s.query().text() != query) {
        app.update(Action::StartSearch);
        for c in query.chars() {
            app.update(Action::InputChar(c));
        }
        app.update(Action::InputSubmit);
        // A big document's matches are counted in the background; steps
        // are timed once they are in.
        if let Some(job) = app.take_search_job()
            && let Some(counts) = job.count(&|| false)
        {
            app.update(Change::Searched {
                generation: job.generation,
                counts,
            });
        }
        app.update(Action::GoTo(start.middle));
    }
}

const KEYS: &[Key] = &[
    Key {
        name: "j",
        setup: at_middle,
        action: |_| Action::ScrollLines(1),
    },
    Key {
        name: "space",
        setup: at_middle,
        action: |_| Action::Page(1),
    },
    Key {
        name: "b",
        setup: at_middle,
        action: |_| Action::Page(-1),
    },
    Key {
        name: "wheel",
        setup: at_middle,
        action: |app| Action::Wheel {
            column: app.areas().text.x + 1,
            row: app.areas().text.y + 1,
            delta: 1,
        },
    },
    Key {
        name: "g",
        setup: at_middle,
        action: |_| Action::Top,
    },
    Key {
        name: "G",
        setup: at_middle,
        action: |_| Action::Bottom,
    },
    Key {
        name: "goto Enter",
        setup: |app, start| {
            at_middle(app, start);
            app.update(Action::StartGoto);
            for c in (start.middle.paragraph / 3 + 1).to_string().chars() {
                app.update(Action::InputChar(c));
            }
        },
        action: |_| Action::InputSubmit,
    },
    Key {
        name: "Tab",
        setup: at_middle,
        action: |_| Action::FocusNext,
    },
    Key {
        name: "resize",
        setup: at_middle,
        action: |app| Action::Resize(app.areas().size.width ^ 1, app.areas().size.height),
    },
    Key {
        name: "section next ]",
        setup: at_middle,
        action: |_| Action::Section(1),
    },
    Key {
        name: "section prev [",
        setup: at_middle,
        action: |_| Action::Section(-1),
    },
    Key {
        name: "mention next .",
        setup: at_middle,
        action: |_| Action::Mention(1),
    },
    Key {
        name: "mention prev ,",
        setup: at_middle,
        action: |_| Action::Mention(-1),
    },
    Key {
        name: "filter on f",
        setup: at_middle,
        action: |_| Action::ToggleFilter,
    },
    Key {
        name: "j filtered",
        setup: filtered,
        action: |_| Action::ScrollLines(1),
    },
    Key {
        name: "space filtered",
        setup: filtered,
        action: |_| Action::Page(1),
    },
    Key {
        name: "search type y of alipay",
        setup: |app, start| typing(app, start, "alipa"),
        action: |_| Action::InputChar('y'),
    },
    Key {
        name: "search type a of zebra",
        setup: |app, start| typing(app, start, "zebr"),
        action: |_| Action::InputChar('a'),
    },
    Key {
        // A regex with no literal to look for first: the slowest search per byte.
        name: "search type q of regex w+q",
        setup: |app, start| typing(app, start, r"\w+"),
        action: |_| Action::InputChar('q'),
    },
    Key {
        name: "search next n",
        setup: |app, start| searched(app, start, "alipay"),
        action: |_| Action::NextMatch,
    },
    Key {
        name: "search prev N",
        setup: |app, start| searched(app, start, "alipay"),
        action: |_| Action::PrevMatch,
    },
];

/// The documents the "keys" group compares, by the suffix of their ids. The
/// 1 MB control fills the screen as the 100 MB document does (the bundled
/// article is shorter than a 200x60 screen), so it shows what is screen
/// content and what is document size.
const KEY_DOCS: [&str; 3] = ["100MB", "1MB", "bundled"];
const KEYS_GROUP: &str = "keys 100MB vs bundled";

/// Every key, each followed by its frame, on the 100 MB document and on the
/// bundled article: the goal is a cost that depends on the screen only.
fn keys(c: &mut Criterion) {
    let size = Size::new(200, 60);
    let mut group = c.benchmark_group(KEYS_GROUP);
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    for (doc_id, bytes) in KEY_DOCS.into_iter().zip([
        repeated(100 << 20),
        repeated(1 << 20),
        BUNDLED.as_bytes().to_vec(),
    ]) {
        let doc = load_bytes(&bytes).expect("loads");
        drop(bytes);
        let middle = margin::document::Position::new(doc.len() / 2, 0);
        let mut app = App::new(doc, doc_id.into(), size);
        finish_detection(&mut app);
        let alipay = (0..app.panel().len())
            .find(|&i| {
                app.panel()
                    .entry(i, app.annotations())
                    .is_some_and(|e| matches!(e.source, Source::Product(_)))
                    && app.entry_label(i).starts_with("Alipay")
            })
            .expect("an Alipay entry");
        let start = Start { middle, alipay };
        let mut terminal =
            Terminal::new(TestBackend::new(size.width, size.height)).expect("terminal");
        for key in KEYS {
            group.bench_function(format!("{} {doc_id}", key.name), |b| {
                b.iter_custom(|iters| {
                    let mut total = std::time::Duration::ZERO;
                    for _ in 0..iters {
                        (key.setup)(&mut app, &start);
                        terminal.draw(|f| margin::ui::draw(f, &app)).expect("draw");
                        let action = (key.action)(&app);
                        let time = std::time::Instant::now();
                        app.update(action);
                        terminal.draw(|f| margin::ui::draw(f, &app)).expect("draw");
                        total += time.elapsed();
                    }
                    total
                })
            });
        }
    }
    group.finish();
}

/// One 10 MB paragraph with no newline: wrapping it must not stall a frame.
fn one_huge_paragraph(c: &mut Criterion) {
    let words = ["alpha", "beta", "Alipay", "role", "circle", "the", "of"];
    let mut text = String::with_capacity(10 << 20);
    let mut i = 0;
    while text.len() < 10 << 20 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i += 1;
    }
    let doc = load_bytes(text.as_bytes()).expect("loads");
    let size = Size::new(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).expect("terminal");
    let mut group = c.benchmark_group("10MB paragraph");
    group.sample_size(10);
    group.bench_function("open and draw the first frame", |b| {
        b.iter(|| {
            let app = App::new(doc.clone(), "one".into(), size);
            terminal.draw(|f| margin::ui::draw(f, &app)).expect("draw");
        })
    });
    let mut app = App::new(doc.clone(), "one".into(), size);
    finish_detection(&mut app);
    app.update(Action::Page(100));
    group.bench_function("page down + frame", |b| {
        b.iter(|| {
            app.update(Action::Page(1));
            terminal.draw(|f| margin::ui::draw(f, &app)).expect("draw");
        })
    });
    group.finish();
}

/// Median of a finished benchmark, in ns, from criterion's estimates.
fn median_ns(id: &str) -> Option<f64> {
    let dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        std::path::PathBuf::from,
    );
    let path = dir.join("criterion").join(id).join("new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

criterion_group!(benches, load, frame, one_huge_paragraph, keys);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // The goal is a key cost independent of the document: report the ratios.
    for key in KEYS {
        let [big, control, small] =
            KEY_DOCS.map(|doc| median_ns(&format!("{KEYS_GROUP}/{} {doc}", key.name)));
        if let (Some(big), Some(control), Some(small)) = (big, control, small) {
            println!(
                "key {:<26} 100MB / bundled {:>7.2}, / 1MB {:>6.2} ({:>9.1} / {:>7.1} / {:>7.1} µs)",
                key.name,
                big / small,
                big / control,
                big / 1000.0,
                control / 1000.0,
                small / 1000.0
            );
        }
    }
    // The goal is a frame cost independent of the document: report the ratio.
    let [small, big, control] = FRAME_IDS.map(median_ns);
    for (name, base) in [("bundled", small), ("1MB", control)] {
        if let (Some(base), Some(big)) = (base, big) {
            println!(
                "frame cost ratio (100MB / {name} medians): {:.2} ({:.1} µs / {:.1} µs)",
                big / base,
                big / 1000.0,
                base / 1000.0
            );
        }
    }
}
