//! End to end: a detected entry dismissed with `x` and a selection added
//! as a product with `a` survive a restart, show in `--annotations`, and
//! `--no-corrections` shows detection as it is.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

mod common;

use std::path::Path;

use common::Pty;

fn annotations(home: &Path, args: &[&str]) -> serde_json::Value {
    common::json_of(&[&["--annotations"], args].concat(), home)
}

fn names(json: &serde_json::Value, list: &str, key: &str) -> Vec<String> {
    json[list]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|item| item[key].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn a_dismissed_role_stays_dismissed_after_a_restart() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    pty.wait_for("¶1/10");
    // The roles are the panel's first group: g selects the platform role.
    pty.send("\tg");
    pty.wait_for("Enter: go");
    pty.send("x");
    pty.wait_for("role “platform” dismissed (u undoes)");
    pty.send("u");
    pty.wait_for("role “platform” is back");
    pty.send("x");
    pty.wait_for("dismissed (u undoes)");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let mut again = Pty::margin(&[], 120, 30, home.path());
    let screen = again.wait_for("source role");
    assert!(!screen.contains("platform role —"), "{screen}");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    let json = annotations(home.path(), &[]);
    assert_eq!(names(&json, "roles", "name"), vec!["source"], "{json}");
    assert_eq!(names(&json, "dismissed", "name"), vec!["platform"]);
    assert_eq!(json["dismissed"][0]["kind"], "role");
    let raw = annotations(home.path(), &["--no-corrections"]);
    assert_eq!(names(&raw, "roles", "name"), vec!["platform", "source"]);
    assert!(raw.get("dismissed").is_none(), "{raw}");
}

#[test]
fn a_selection_added_as_a_product_survives_a_restart() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = Pty::margin(&[], 120, 30, home.path());
    pty.wait_for("¶1/10");
    pty.send("/Internet\r");
    pty.wait_for("Internet");
    pty.send("v");
    pty.wait_for("selecting");
    pty.send("a");
    pty.wait_for("p product · r role");
    pty.send("p");
    pty.wait_for("product “Internet” added (e renames it, u undoes)");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);

    let mut again = Pty::margin(&[], 120, 30, home.path());
    again.wait_for("✎ Internet");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    let json = annotations(home.path(), &[]);
    let products = json["products"].as_array().expect("products");
    let added = products
        .iter()
        .find(|p| p["name"] == "Internet")
        .expect("the added product");
    assert_eq!(added["user"], "added", "{added}");
    assert!(!added["mentions"].as_array().expect("mentions").is_empty());
    let raw = annotations(home.path(), &["--no-corrections"]);
    assert!(!names(&raw, "products", "name").contains(&"Internet".to_owned()));
}

/// `X` writes the entry's name to the rules file given by `--rules`, its
/// comments kept, and another article (not only this one) no longer shows
/// it: the correction is the rules', not the article's.
#[test]
fn x_dismisses_an_entry_in_every_article_through_the_rules_file() {
    let home = tempfile::tempdir().expect("home");
    let rules = home.path().join("my-rules.toml");
    let mine = "# My own rules: keep this comment.\nrole_stop_words = [\"pivotal\"]  # a word\n";
    std::fs::write(&rules, mine).expect("rules");
    let rules_arg = rules.to_str().expect("utf-8");
    let mut pty = Pty::margin(&["--rules", rules_arg], 120, 30, home.path());
    pty.wait_for("¶1/10");
    pty.send("\tg");
    pty.wait_for("Enter: go");
    pty.send("X");
    pty.wait_for("role “platform” dismissed in every article: your rules (u undoes)");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let text = std::fs::read_to_string(&rules).expect("rules");
    assert!(text.starts_with(mine), "{text}");
    assert!(text.contains("not_roles = [\"platform\"]"), "{text}");

    // Another article that has the role: a copy under another first line.
    let article = include_str!("../assets/article.txt").replacen("This time", "Once", 1);
    let other = home.path().join("other.txt");
    std::fs::write(&other, article).expect("article");
    let other_arg = other.to_str().expect("utf-8");
    let mut again = Pty::margin(&["--rules", rules_arg, other_arg], 120, 30, home.path());
    let screen = again.wait_for("source role");
    assert!(!screen.contains("platform role —"), "{screen}");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    let json = annotations(home.path(), &["--rules", rules_arg, other_arg]);
    assert_eq!(names(&json, "roles", "name"), vec!["source"], "{json}");
    assert!(
        json.get("dismissed").is_none(),
        "no correction of the article: {json}"
    );
    let without = annotations(home.path(), &[other_arg]);
    assert_eq!(names(&without, "roles", "name"), vec!["platform", "source"]);
}
