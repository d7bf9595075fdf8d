#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a measuring tool, not margin: it stops at the first surprise"
)]
//! Detection speed: the bundled article, and the same article repeated to
//! about 10 MB (built in memory, so the bench measures detection only).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use margin::detect::detect;
use margin::document::Document;

const ARTICLE: &str = include_str!("../assets/article.txt");
const BIG_BYTES: usize = 10 * 1024 * 1024;

fn repeated(target: usize) -> String {
    let mut text = String::with_capacity(target + ARTICLE.len());
    while text.len() < target {
        text.push_str(ARTICLE);
        text.push_str("\n\n");
    }
    text
}

fn bench(c: &mut Criterion) {
    let small = Document::from_text(ARTICLE);
    let mut group = c.benchmark_group("detect");
    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    group.bench_function("bundled article", |b| b.iter(|| detect(black_box(&small))));

    let text = repeated(BIG_BYTES);
    let big = Document::from_text(&text);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("article x 10 MB", |b| b.iter(|| detect(black_box(&big))));

    // Any file, for comparing with grep on the same input:
    // MARGIN_BENCH_FILE=/tmp/big.txt cargo bench --bench detect
    if let Some(text) =
        std::env::var_os("MARGIN_BENCH_FILE").and_then(|p| std::fs::read_to_string(p).ok())
    {
        let doc = Document::from_text(&text);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("MARGIN_BENCH_FILE", |b| b.iter(|| detect(black_box(&doc))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
