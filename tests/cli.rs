//! The non-interactive flags, run as a user would run them from a shell.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure is the test failing"
)]

use std::path::Path;
use std::process::{Command, Output};

use margin::config::Config;
use unicode_width::UnicodeWidthStr;

/// Runs `margin ARGS` with a private, empty config and data directory.
fn margin(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_margin"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        assert!(
            line.width() <= width,
            "{} > {width}: {line:?}",
            line.width()
        );
    }
}

#[test]
fn print_fits_the_width_on_the_bundled_article() {
    let home = tempfile::tempdir().expect("home");
    for width in ["40", "12", "7"] {
        let output = margin(&["--print", "--width", width], home.path());
        assert!(output.status.success(), "{}", stderr(&output));
        let text = stdout(&output);
        assert_fits(&text, width.parse().expect("number"));
        if width == "40" {
            assert!(
                text.starts_with(" 1P This time, Alipay lost in\n\n 2P "),
                "{text}"
            );
            assert!(
                text.contains("\n10  "),
                "paragraph 10 numbered, carrying no mark"
            );
        }
    }
}

#[test]
fn print_fits_the_width_on_cjk_emoji_and_control_characters() {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("cjk.txt");
    let text = "支付宝这次输了\n\n\
                2017年3月9日，支付宝的“圈子”事件让阿里巴巴再次在社交之路上受挫。👩‍👩‍👧❤️🇨🇳 \
                emoji\u{200b}zero\u{202e}width and a \u{1b}[31mred\u{1b}[0m escape\tand a tab.\n\n\
                ＡＢＣ全角文字とかなカナ한국어도";
    std::fs::write(&file, text).expect("write");
    let path = file.to_str().expect("utf-8 path");
    for width in [40, 20, 9, 5, 3, 1] {
        let output = margin(
            &["--print", "--width", &width.to_string(), path],
            home.path(),
        );
        assert!(output.status.success(), "{}", stderr(&output));
        let out = stdout(&output);
        assert_fits(&out, width);
        assert!(!out.contains('\u{1b}'), "escapes are shown, not sent");
    }
    let wide = stdout(&margin(&["--print", "--width", "40", path], home.path()));
    assert!(wide.contains("支付宝"), "{wide}");
    assert!(wide.contains("^["), "{wide}");
}

#[test]
fn print_defaults_to_80_columns_in_a_pipe() {
    let home = tempfile::tempdir().expect("home");
    let out = stdout(&margin(&["--print"], home.path()));
    assert_fits(&out, 80);
    assert!(out.lines().any(|l| l.width() > 70), "uses the width");
}

#[test]
fn print_config_parses_back_to_the_defaults() {
    let home = tempfile::tempdir().expect("home");
    let output = margin(&["--print-config"], home.path());
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("# quit = [\"q\", \"esc\", \"ctrl-c\"]"),
        "{text}"
    );
    let config = Config::from_toml(&text, "printed").expect("parses");
    assert_eq!(config, Config::default());
}

#[test]
fn a_bad_config_exits_1_with_one_line_naming_file_line_and_setting() {
    let home = tempfile::tempdir().expect("home");
    let output = margin(
        &["--config", "tests/fixtures/config/bad_key.toml"],
        home.path(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "margin: tests/fixtures/config/bad_key.toml line 4: keys.scroll-down: unknown key \"ctlr-d\" \
         (expected a character, a key name like pgdn, or ctrl-<char>)\n"
    );
    assert!(output.stdout.is_empty(), "nothing drawn");
}

#[test]
fn the_config_dir_file_is_read_and_a_bad_one_stops_margin() {
    let home = tempfile::tempdir().expect("home");
    let dir = home.path().join("config/margin");
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("config.toml");

    // A missing file is fine; a valid one takes effect (repair off: more paragraphs).
    let repaired = stdout(&margin(&["--print"], home.path()));
    std::fs::write(&file, "[reading]\nrepair = false\n").expect("write");
    let raw = stdout(&margin(&["--print"], home.path()));
    assert!(
        raw.matches("\n\n").count() > repaired.matches("\n\n").count(),
        "repair = false prints the paragraphs as split"
    );

    std::fs::write(&file, "[panel]\nside = \"top\"\n").expect("write");
    let output = margin(&["--print"], home.path());
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.ends_with(
            "margin/config.toml line 2: panel.side: unknown side \"top\" (expected \"right\", \"left\" or \"bottom\")\n"
        ),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1);
}

#[test]
fn a_missing_explicit_config_is_an_error() {
    let home = tempfile::tempdir().expect("home");
    let output = margin(&["--config", "no/such/config.toml"], home.path());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "margin: cannot read configuration 'no/such/config.toml': no such file\n"
    );
}

#[test]
fn completions_and_man_page_come_from_the_flags() {
    let home = tempfile::tempdir().expect("home");
    for shell in ["bash", "zsh", "fish"] {
        let output = margin(&["--completions", shell], home.path());
        assert!(output.status.success(), "{shell}");
        let script = stdout(&output);
        assert!(script.contains("print"), "{shell}: {script}");
        if shell == "bash" {
            assert!(script.contains("--print"), "{script}");
            assert!(script.contains("--print-config"), "{script}");
        }
    }
    let man = margin(&["--man"], home.path());
    assert!(man.status.success());
    let page = stdout(&man);
    assert!(page.contains(".TH margin 1"), "{page}");
    assert!(page.contains("\\-\\-print"), "{page}");
}

/// Issue 13: the text margin shows for a control (`<U+2067>`, `^[`) is
/// never read as a date, a role's actor or a product.
#[test]
fn annotations_never_come_from_inside_an_escape() {
    let home = tempfile::tempdir().expect("home");
    let path = home.path().join("escapes.txt");
    std::fs::write(
        &path,
        "Title here\n\nThe platform role.\u{202E}\n\nsource role. \u{202E} is here.\n\n\
         In \u{2067}, \u{2060} and \u{7} Google Reader was shut down in \u{2066}.\n\n\
         Dated 2016 and \u{1b}[2J \u{2068} then.\n",
    )
    .expect("write");
    let out = margin(
        &["--annotations", path.to_str().expect("utf-8")],
        home.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let dates: Vec<&str> = json["dates"]
        .as_array()
        .expect("dates")
        .iter()
        .filter_map(|d| d["text"].as_str())
        .collect();
    assert_eq!(dates, vec!["2016"]);
    let roles = json["roles"].as_array().expect("roles");
    assert_eq!(roles.len(), 1, "{roles:?}");
    let actor = roles[0]["actor"].as_str().unwrap_or_default();
    assert!(!actor.contains("U+"), "{actor}");
    for group in ["roles", "products"] {
        for entry in json[group].as_array().expect("list") {
            for mention in entry["mentions"].as_array().expect("mentions") {
                let text = mention["text"].as_str().expect("text");
                assert!(!text.contains("U+") && !text.contains('^'), "{text}");
            }
        }
    }
}
