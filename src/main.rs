//! margin: parse the command line, load the article, run the reader.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Parser;
use directories::ProjectDirs;
use margin::app::{Action, App};
use margin::bookmarks::{ArticleId, ArticleState, Op, reanchor_ops};
use margin::cli::{Cli, ExportFormat};
use margin::config::Config;
use margin::document::Document;
use margin::document::View;
use margin::event_loop::{self, Exit};
use margin::load::load_bytes;
use margin::source::{self, BUNDLED};
use margin::store::Store;
use margin::terminal::Session;
use margin::{detect, export, print, sanitise};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("margin: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(code) = print_generated(&cli)? {
        return Ok(code);
    }
    // Before anything else, so a bad file stops margin before the terminal is touched.
    let config = load_config(cli.config.as_deref())?;
    let (doc, name, path) = match &cli.file {
        None => (
            load_bytes(BUNDLED.as_bytes())?,
            "article.txt (bundled)".to_owned(),
            None,
        ),
        Some(path) => {
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            let remembered =
                (path.as_os_str() != "-").then(|| absolute.to_string_lossy().into_owned());
            (
                source::read_path(path)?,
                source::display_name(path),
                remembered,
            )
        }
    };
    if cli.print {
        return print_article(&cli, &config, doc);
    }
    let store = Store::open();
    if cli.bookmarks || cli.export.is_some() {
        return print_saved(&cli, &doc, &name, store.ok().as_ref());
    }
    if !std::io::stdout().is_terminal() {
        bail!("standard output is not a terminal");
    }
    let mut session = Session::enter().context("cannot set up the terminal")?;
    let size = session.terminal.size()?;
    let mut app = App::new(doc, name, size);
    apply_config(&mut app, &config)?;
    if cli.raw {
        app.update(Action::ToggleRaw);
    }
    let store = match store {
        Ok(store) => {
            open_state(&mut app, &store, path);
            Some(store)
        }
        Err(error) => {
            app.save_failed(error.to_string());
            None
        }
    };
    let exit = event_loop::run(&mut session, &mut app, store.as_ref())?;
    drop(session);
    Ok(match exit {
        Exit::Quit => ExitCode::SUCCESS,
        Exit::Signal(signal) => ExitCode::from((128 + signal).clamp(0, 255) as u8),
    })
}

/// Loads the article's bookmarks and position, re-anchors them to the text
/// as it is now, remembers the path, and resumes reading.
fn open_state(app: &mut App, store: &Store, path: Option<String>) {
    let id = app.bookmarks.id.clone();
    let loaded = store.load(&id);
    let mut messages: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    let mut ops = reanchor_ops(&loaded.state, &app.doc);
    ops.extend(path.map(Op::SetPath));
    ops.push(Op::SetTitle(app.doc.title().map(str::to_owned)));
    let state = match store.apply(&id, &ops) {
        Ok(state) => state,
        Err(error) => {
            messages.push(error.to_string());
            let mut state = loaded.state;
            for op in ops {
                state.apply(op);
            }
            state
        }
    };
    app.restore(state, true);
    if !messages.is_empty() {
        let resumed = app.message.take();
        messages.extend(resumed);
        app.save_failed(messages.join(" · "));
    }
}

/// `--bookmarks` and `--export`: print, no terminal needed.
fn print_saved(
    cli: &Cli,
    doc: &Document,
    name: &str,
    store: Option<&Store>,
) -> anyhow::Result<ExitCode> {
    let id = ArticleId::of(doc);
    let state = match store {
        Some(store) => {
            let loaded = store.load(&id);
            for warning in &loaded.warnings {
                eprintln!("margin: {warning}");
            }
            let mut state = loaded.state;
            for op in reanchor_ops(&state, doc) {
                state.apply(op);
            }
            state
        }
        None => ArticleState::new(id),
    };
    let annotations = detect::detect(doc);
    let text = match cli.export {
        Some(ExportFormat::Md) => export::reading_note_md(doc, name, &annotations, &state),
        Some(ExportFormat::Json) => export::reading_note_json(doc, name, &annotations, &state),
        None => export::bookmarks_json(&state),
    };
    println!("{}", text.trim_end());
    Ok(ExitCode::SUCCESS)
}

/// `--print-config`, `--completions`, `--man`: generated text, no article.
fn print_generated(cli: &Cli) -> anyhow::Result<Option<ExitCode>> {
    let text = if cli.print_config {
        Config::default_toml().into_bytes()
    } else if let Some(shell) = cli.completions {
        margin::cli::completions(shell)
    } else if cli.man {
        margin::cli::man_page()?
    } else {
        return Ok(None);
    };
    write_stdout(&text)?;
    Ok(Some(ExitCode::SUCCESS))
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// The configuration: `--config FILE` (which must exist), else
/// `config.toml` in the config directory (which may not).
fn load_config(explicit: Option<&Path>) -> anyhow::Result<Config> {
    let (path, required) = match explicit {
        Some(path) => (path.to_path_buf(), true),
        None => match ProjectDirs::from("", "", "margin") {
            Some(dirs) => (dirs.config_dir().join("config.toml"), false),
            None => return Ok(Config::default()),
        },
    };
    let origin = sanitise::for_message(&path.to_string_lossy());
    let text = match std::fs::read(&path) {
        Ok(bytes) => {
            String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{origin}: not UTF-8 text"))?
        }
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default());
        }
        Err(e) => bail!("cannot read configuration '{origin}': {}", io_reason(&e)),
    };
    Ok(Config::from_toml(&text, &origin)?)
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// The parts of the configuration the app has fields for today; panel
/// width and side and the reading column wait for the layout to read them.
fn apply_config(app: &mut App, config: &Config) -> anyhow::Result<()> {
    app.keymap = config.keymap()?;
    app.theme = config.theme(margin::config::no_color(
        std::env::var_os("NO_COLOR").as_deref(),
    ));
    if !config.reading.repair && app.doc.view() == View::Repaired {
        app.update(Action::ToggleRaw);
    }
    Ok(())
}

/// `--print`: the article as plain text, wrapped to `--width`, the
/// terminal's width, or 80.
fn print_article(cli: &Cli, config: &Config, mut doc: Document) -> anyhow::Result<ExitCode> {
    if cli.raw || !config.reading.repair {
        doc.set_view(View::Raw);
    }
    let width = match cli.width {
        Some(width) => usize::from(width),
        None if std::io::stdout().is_terminal() => ratatui::crossterm::terminal::size()
            .map(|(columns, _)| usize::from(columns))
            .unwrap_or(80),
        None => 80,
    };
    let annotations = detect::detect(&doc);
    write_stdout(print::print_document(&doc, &annotations, width).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
