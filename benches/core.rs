//! Load, wrap and draw: the costs a reader pays on open and per keystroke.

use std::hint::black_box;

use criterion::{Criterion, criterion_group};
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
    if let Some((generation, snapshot, rules)) = app.detection_job() {
        let annotations = margin::detect::detect_with(&snapshot, &rules);
        app.detected(generation, annotations, snapshot.view());
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
        app.jump(margin::document::Position::new(middle, 0));
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

criterion_group!(benches, load, frame, one_huge_paragraph);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
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
