//! Detection scored on `tests/corpus` (articles written for it, each with
//! a truth file): a change that loses precision or recall fails here.
//! `cargo run --release --example eval -- tests/corpus -v` shows the table.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod scoring;

use std::path::Path;

#[test]
fn detection_keeps_its_floor_on_the_corpus() {
    let scores = scoring::score_dir(Path::new("tests/corpus")).expect("corpus loads");
    assert!(scores.len() >= 112, "{} articles", scores.len());
    let all = scoring::total(&scores);
    let table = scoring::table(&scores);
    let floors = [
        ("roles precision", all.roles.precision(), 0.94),
        ("roles recall", all.roles.recall(), 0.89),
        ("products precision", all.products.precision(), 0.92),
        ("products recall", all.products.recall(), 0.84),
        ("actors right", all.actors.recall(), 0.85),
        ("outcomes right", all.outcomes.recall(), 0.74),
        ("owners precision", all.owners.precision(), 0.94),
        ("owners right", all.owners.recall(), 0.88),
        ("dates precision", all.dates.precision(), 0.97),
        ("dates recall", all.dates.recall(), 0.97),
    ];
    for (what, got, floor) in floors {
        assert!(got >= floor, "{what} {got:.2} < {floor}\n{table}");
    }
    // Nothing invented on the essays, which have no roles or products.
    let essays: Vec<_> = scores.iter().filter(|s| s.kind == "essay").collect();
    assert!(essays.len() >= 14, "{} essays", essays.len());
    for essay in essays {
        let found = essay.roles.found + essay.products.found;
        assert_eq!(found, 0, "{}\n{table}", essay.article);
    }
}

#[test]
fn a_truth_file_that_names_nothing_scores_what_was_invented() {
    let doc = margin::document::Document::from_text(
        "T\n\nThe bank acted as a clearing house. Wave was shut down in 2012.",
    );
    let a = margin::detect::detect(&doc);
    let truth = scoring::Truth::default();
    let s = scoring::score("x", &a, &truth);
    assert_eq!((s.roles.found, s.roles.right), (1, 0));
    assert_eq!((s.products.found, s.products.right), (1, 0));
    assert_eq!(s.dates.found, 1);
    assert_eq!(s.roles.precision(), 0.0);
}
