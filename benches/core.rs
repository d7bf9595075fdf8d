//! Load, wrap and draw: the costs a reader pays on open and per keystroke.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use margin::app::{Action, App};
use margin::load::load_bytes;
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

fn frame(c: &mut Criterion) {
    let size = Size::new(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).expect("terminal");
    for (name, bytes) in [
        ("bundled", BUNDLED.as_bytes().to_vec()),
        ("10MB", repeated(10 << 20)),
    ] {
        let doc = load_bytes(&bytes).expect("loads");
        let middle = doc.len() / 2;
        let mut app = App::new(doc, name.into(), size);
        app.jump(margin::document::Position::new(middle, 0));
        c.bench_function(&format!("frame 200x60 middle of {name}"), |b| {
            b.iter(|| {
                // A keystroke and the frame it causes.
                app.update(Action::ScrollLines(1));
                app.update(Action::ScrollLines(-1));
                terminal.draw(|f| margin::ui::draw(f, &app)).expect("draw");
            })
        });
    }
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
    app.update(Action::Page(100));
    group.bench_function("page down + frame", |b| {
        b.iter(|| {
            app.update(Action::Page(1));
            terminal.draw(|f| margin::ui::draw(f, &app)).expect("draw");
        })
    });
    group.finish();
}

criterion_group!(benches, load, frame, one_huge_paragraph);
criterion_main!(benches);
