#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a measuring tool, not margin: it stops at the first surprise"
)]
//! Scores margin's detection on a corpus of articles with truth files:
//! `cargo run --release --example eval -- tests/corpus [-v]`.
//! Prints precision and recall per article and overall for roles, products,
//! outcomes and dates; `-v` lists what was missed or invented.

#[path = "../tests/scoring/mod.rs"]
mod scoring;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v" || a == "--verbose");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map_or_else(|| PathBuf::from("tests/corpus"), PathBuf::from);
    let scores = match scoring::score_dir(&dir) {
        Ok(scores) if !scores.is_empty() => scores,
        Ok(_) => {
            eprintln!("eval: no article with a .truth.toml in {}", dir.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("eval: {e}");
            return ExitCode::FAILURE;
        }
    };
    print!("{}", scoring::table(&scores));
    let all = scoring::total(&scores);
    println!(
        "roles {:.2}/{:.2}  products {:.2}/{:.2}  outcomes {}/{}  owners {:.2}/{:.2}  dates {:.2}/{:.2}  negatives {}",
        all.roles.precision(),
        all.roles.recall(),
        all.products.precision(),
        all.products.recall(),
        all.outcomes.right,
        all.outcomes.expected,
        all.owners.precision(),
        all.owners.recall(),
        all.dates.precision(),
        all.dates.recall(),
        all.negatives.len()
    );
    if verbose {
        for s in &scores {
            if s.misses.is_empty() && s.negatives.is_empty() {
                continue;
            }
            println!("\n{} ({}):", s.article, s.kind);
            for m in s
                .negatives
                .iter()
                .map(|n| format!("NOT {n}"))
                .chain(s.misses.clone())
            {
                println!("  {m}");
            }
        }
    }
    ExitCode::SUCCESS
}
