//! Scores detection on a corpus: each article `NAME.txt` (or `.md`) beside
//! `NAME.truth.toml`, the roles, products, outcomes and dates a careful
//! reader finds in it. Shared by `examples/eval.rs` (the table) and
//! `tests/corpus.rs` (the floor a change must not fall below).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use margin::detect::{Annotations, detect};
use serde::Deserialize;

/// A year or date as the truth file gives it: `2013`, `"2013-07"`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum When {
    Year(i64),
    Text(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TruthRole {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub actor: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TruthProduct {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub owner: Option<String>,
    pub start: Option<When>,
    pub end: Option<When>,
    /// Words any one of which, in the detected outcome, makes it right.
    #[serde(default)]
    pub outcome: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Truth {
    #[serde(default)]
    pub kind: String,
    #[serde(default, rename = "role")]
    pub roles: Vec<TruthRole>,
    #[serde(default, rename = "product")]
    pub products: Vec<TruthProduct>,
    /// Named without a story: neither required nor counted against.
    #[serde(default)]
    pub maybe_products: Vec<String>,
    #[serde(default)]
    pub maybe_roles: Vec<String>,
    #[serde(default)]
    pub not_roles: Vec<String>,
    #[serde(default)]
    pub not_products: Vec<String>,
    #[serde(default)]
    pub dates: Vec<String>,
}

/// Found, expected, and right: precision is right/found, recall right/expected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub found: usize,
    pub expected: usize,
    pub right: usize,
}

impl Count {
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.found)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.right, self.expected)
    }
    fn add(&mut self, other: Count) {
        self.found += other.found;
        self.expected += other.expected;
        self.right += other.right;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// One article's score.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub article: String,
    pub kind: String,
    pub roles: Count,
    /// Of the roles found right, those whose actor is right too.
    pub actors: Count,
    pub products: Count,
    /// Products with an outcome in the truth: `right` have it in theirs.
    pub outcomes: Count,
    /// Start and end years the truth gives for products found: `right` match.
    pub years: Count,
    /// Owners the truth gives for products found: `right` match.
    pub owners: Count,
    pub dates: Count,
    /// Detected names the truth says are not roles or not products.
    pub negatives: Vec<String>,
    /// What was found and not expected, and expected and not found.
    pub misses: Vec<String>,
}

fn norm(s: &str) -> String {
    let lower = s.trim().replace('\u{2019}', "'").to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower).to_owned();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A firm's name without its legal or corporate ending: "LEGO Group" and
/// "LEGO", "Kuaishou Technology" and "Kuaishou", "黑莓公司" and "黑莓" are
/// one owner.
fn firm(s: &str) -> String {
    let mut name = norm(s);
    loop {
        let before = name.len();
        for end in [
            " group",
            " technology",
            " technologies",
            " inc.",
            " inc",
            " co.",
            " company",
            " corporation",
            " corp.",
            " holdings",
            " ltd.",
            " limited",
            "公司",
            "集团",
            "有限",
        ] {
            if let Some(stem) = name.strip_suffix(end).filter(|s| !s.trim().is_empty()) {
                name = stem.trim_end().to_owned();
            }
        }
        if name.len() == before {
            return name;
        }
    }
}

fn any_equal<'a>(a: impl IntoIterator<Item = &'a str>, b: &[String]) -> bool {
    let b: Vec<String> = b.iter().map(|s| norm(s)).collect();
    a.into_iter().any(|x| b.contains(&norm(x)))
}

/// Scores `annotations` of `doc` against `truth`.
pub fn score(article: &str, a: &Annotations, truth: &Truth) -> Score {
    let mut s = Score {
        article: article.to_owned(),
        kind: truth.kind.clone(),
        ..Score::default()
    };
    // Roles.
    let mut matched = vec![false; truth.roles.len()];
    for r in &a.roles {
        let names = [&*r.name];
        let hit = truth
            .roles
            .iter()
            .position(|t| any_equal(names, &[vec![t.name.clone()], t.aliases.clone()].concat()));
        if any_equal(names, &truth.not_roles) {
            s.negatives.push(format!("role {:?}", &*r.name));
        }
        match hit {
            Some(i) => {
                if !matched[i] {
                    s.roles.found += 1;
                    s.roles.right += 1;
                    matched[i] = true;
                    if let Some(want) = &truth.roles[i].actor {
                        s.actors.expected += 1;
                        s.actors.found += usize::from(r.actor.is_some());
                        let got = r.actor.as_deref().map(norm).unwrap_or_default();
                        if !got.is_empty()
                            && (got.contains(&norm(want)) || norm(want).contains(&got))
                        {
                            s.actors.right += 1;
                        } else {
                            s.misses.push(format!(
                                "actor of {:?}: {:?}, want {want:?}",
                                &*r.name, r.actor
                            ));
                        }
                    }
                }
            }
            None if any_equal(names, &truth.maybe_roles) => {}
            None => {
                s.roles.found += 1;
                s.misses
                    .push(format!("+role {:?} ({:?})", &*r.name, r.actor));
            }
        }
    }
    s.roles.expected = truth.roles.len();
    for (t, m) in truth.roles.iter().zip(&matched) {
        if !m {
            s.misses.push(format!("-role {:?}", t.name));
        }
    }
    // Products and their outcomes.
    let mut matched = vec![false; truth.products.len()];
    for p in &a.products {
        let names: Vec<&str> = std::iter::once(p.name.as_str())
            .chain(p.aliases.iter().map(String::as_str))
            .collect();
        let hit = truth.products.iter().position(|t| {
            any_equal(
                names.iter().copied(),
                &[vec![t.name.clone()], t.aliases.clone()].concat(),
            )
        });
        if any_equal([p.name.as_str()], &truth.not_products) {
            s.negatives.push(format!("product {:?}", p.name));
        }
        match hit {
            Some(i) if !matched[i] => {
                matched[i] = true;
                s.products.found += 1;
                s.products.right += 1;
                let t = &truth.products[i];
                for (want, got) in [(&t.start, p.start), (&t.end, p.end)] {
                    if let Some(want) = want {
                        s.years.expected += 1;
                        s.years.found += usize::from(got.is_some());
                        let year = |w: &When| match w {
                            When::Year(y) => y.to_string(),
                            When::Text(t) => t.chars().take(4).collect(),
                        };
                        let got = got.map(|d| d.to_string()).unwrap_or_default();
                        s.years.right += usize::from(got.starts_with(&year(want)));
                    }
                }
                if let Some(owner) = &t.owner {
                    s.owners.expected += 1;
                    s.owners.found += usize::from(p.owner.is_some());
                    let right = p.owner.as_deref().is_some_and(|o| firm(o) == firm(owner));
                    s.owners.right += usize::from(right);
                    if !right {
                        s.misses.push(format!(
                            "owner of {:?}: {:?}, want {owner:?}",
                            p.name, p.owner
                        ));
                    }
                }
                if !t.outcome.is_empty() {
                    let got = p.outcome.as_deref().unwrap_or("").to_lowercase();
                    if t.outcome.iter().any(|w| got.contains(&w.to_lowercase())) {
                        s.outcomes.right += 1;
                    } else {
                        s.misses.push(format!(
                            "outcome of {:?}: {:?}, want one of {:?}",
                            p.name, p.outcome, t.outcome
                        ));
                    }
                }
            }
            // A second product for one expected: found, not right.
            Some(_) => {
                s.products.found += 1;
                s.misses.push(format!("+product {:?} (again)", p.name));
            }
            None if any_equal(names.iter().copied(), &truth.maybe_products) => {}
            None => {
                s.products.found += 1;
                s.misses.push(format!("+product {:?}", p.name));
            }
        }
    }
    s.products.expected = truth.products.len();
    for (t, m) in truth.products.iter().zip(&matched) {
        if !m {
            s.misses.push(format!("-product {:?}", t.name));
        }
    }
    let with_outcome = truth.products.iter().filter(|t| !t.outcome.is_empty());
    s.outcomes.expected = with_outcome.clone().count();
    s.outcomes.found = s.outcomes.expected;
    // Dates: distinct ISO forms.
    let mut found: Vec<String> = a.dates.iter().map(|d| d.iso()).collect();
    found.sort();
    found.dedup();
    let mut want: Vec<String> = truth.dates.iter().map(|d| d.trim().to_owned()).collect();
    want.sort();
    want.dedup();
    s.dates.found = found.len();
    s.dates.expected = want.len();
    s.dates.right = found.iter().filter(|d| want.contains(d)).count();
    for d in found.iter().filter(|d| !want.contains(d)) {
        s.misses.push(format!("+date {d}"));
    }
    for d in want.iter().filter(|d| !found.contains(d)) {
        s.misses.push(format!("-date {d}"));
    }
    s
}

/// The articles of `dir` with their truth files, sorted by name.
pub fn articles(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".truth.toml") {
            continue;
        }
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let truth = dir.join(format!("{stem}.truth.toml"));
        if truth.is_file() {
            out.push((path, truth));
        }
    }
    out.sort();
    Ok(out)
}

/// Loads (as `margin FILE` does), detects and scores every article of `dir`.
pub fn score_dir(dir: &Path) -> Result<Vec<Score>, String> {
    let mut scores = Vec::new();
    for (article, truth_path) in articles(dir)? {
        // Read as the reader reads it: a Markdown or HTML article converted.
        let doc = margin::source::read_path(&article).map_err(|e| e.to_string())?;
        let text = std::fs::read_to_string(&truth_path)
            .map_err(|e| format!("{}: {e}", truth_path.display()))?;
        let truth: Truth =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", truth_path.display()))?;
        let name = article
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_owned();
        scores.push(score(&name, &detect(&doc), &truth));
    }
    Ok(scores)
}

/// Every article's counts added up.
pub fn total(scores: &[Score]) -> Score {
    let mut t = Score {
        article: "overall".to_owned(),
        ..Score::default()
    };
    for s in scores {
        t.roles.add(s.roles);
        t.actors.add(s.actors);
        t.products.add(s.products);
        t.outcomes.add(s.outcomes);
        t.years.add(s.years);
        t.owners.add(s.owners);
        t.dates.add(s.dates);
        t.negatives
            .extend(s.negatives.iter().map(|n| format!("{}: {n}", s.article)));
    }
    t
}

fn pr(c: Count) -> String {
    format!("{:.2} / {:.2}", c.precision(), c.recall())
}

/// The table: one row per article and the overall row.
pub fn table(scores: &[Score]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<34} {:>11} {:>7} {:>11} {:>8} {:>7} {:>7} {:>11} {:>4}",
        "article",
        "roles P/R",
        "actors",
        "products P/R",
        "outcomes",
        "years",
        "owners",
        "dates P/R",
        "neg"
    );
    let all = total(scores);
    for s in scores.iter().chain(std::iter::once(&all)) {
        let _ = writeln!(
            out,
            "{:<34} {:>11} {:>7} {:>12} {:>8} {:>7} {:>7} {:>11} {:>4}",
            s.article,
            pr(s.roles),
            format!("{}/{}", s.actors.right, s.actors.expected),
            pr(s.products),
            format!("{}/{}", s.outcomes.right, s.outcomes.expected),
            format!("{}/{}", s.years.right, s.years.expected),
            format!("{}/{}", s.owners.right, s.owners.expected),
            pr(s.dates),
            s.negatives.len(),
        );
    }
    out
}
