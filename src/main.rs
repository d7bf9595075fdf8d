//! margin: parse the command line, load the article, run the reader.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

use std::io::{IsTerminal, Write as _};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::Parser;
use margin::app::{Action, App};
use margin::bookmarks::{ArticleId, ArticleState, reanchor_ops};
use margin::cli::{Cli, ExportFormat};
use margin::detect::Rules;
use margin::document::Document;
use margin::event_loop::{self, Context, Exit};
use margin::source;
use margin::store::Store;
use margin::terminal::Session;
use margin::{detect, export};

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
    let (opened, name, path) = match &cli.file {
        None => (None, "article.txt (bundled)".to_owned(), None),
        Some(path) => {
            let remembered = (path.as_os_str() != "-").then(|| {
                let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
                absolute.to_string_lossy().into_owned()
            });
            (
                Some(source::open(path)?),
                source::display_name(path),
                remembered,
            )
        }
    };
    let rules = load_rules(&cli)?;
    let store = Store::open();
    if cli.bookmarks || cli.export.is_some() || cli.annotations {
        let doc = match opened {
            Some(opened) => opened.finish_here()?,
            None => source::bundled(),
        };
        if cli.annotations {
            let annotations = detect::detect_without_highlights(&doc, &rules);
            // Streamed: a 100 MB article's JSON is tens of MB, never built whole.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            detect::write_annotations_json(&mut out, &doc, &annotations)?;
            writeln!(out)?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        return print_saved(&cli, &doc, &name, &rules, store.ok().as_ref());
    }
    if !std::io::stdout().is_terminal() {
        bail!("standard output is not a terminal");
    }
    let (doc, rest) = match opened {
        None => (source::bundled(), None),
        Some(mut opened) if !opened.is_complete() => {
            (std::mem::take(&mut opened.document), Some(opened))
        }
        Some(opened) => (opened.document, None),
    };
    let mut session = Session::enter().context("cannot set up the terminal")?;
    let size = session.terminal.size()?;
    let mut app = App::new(doc, name, size);
    app.set_rules(rules);
    if cli.raw {
        app.update(Action::ToggleRaw);
    }
    let store = match store {
        Ok(store) => Some(store),
        Err(error) => {
            app.save_failed(error.to_string());
            None
        }
    };
    let exit = event_loop::run(&mut session, &mut app, Context { store, path, rest })?;
    drop(session);
    Ok(match exit {
        Exit::Quit => ExitCode::SUCCESS,
        Exit::Signal(signal) => ExitCode::from((128 + signal).clamp(0, 255) as u8),
    })
}

/// `--bookmarks` and `--export`: print, no terminal needed.
fn print_saved(
    cli: &Cli,
    doc: &Document,
    name: &str,
    rules: &Rules,
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
    let annotations = detect::detect_with(doc, rules);
    let text = match cli.export {
        Some(ExportFormat::Md) => export::reading_note_md(doc, name, &annotations, &state),
        Some(ExportFormat::Json) => export::reading_note_json(doc, name, &annotations, &state),
        None => export::bookmarks_json(&state),
    };
    println!("{}", text.trim_end());
    Ok(ExitCode::SUCCESS)
}

/// The bundled rules, then `rules.toml` from the config directory, then
/// `--rules FILE`, each merged over the last.
fn load_rules(cli: &Cli) -> anyhow::Result<Rules> {
    let mut rules = Rules::bundled();
    let default = directories::ProjectDirs::from("", "", "margin")
        .map(|dirs| dirs.config_dir().join("rules.toml"))
        .filter(|path| path.exists());
    for path in default.iter().chain(cli.rules.iter()) {
        let shown = source::display_name(path);
        let text = std::fs::read_to_string(path).map_err(|e| {
            anyhow::anyhow!("cannot read rules file '{shown}': {}", source::reason(&e))
        })?;
        rules = rules.merge(Rules::from_toml(&text, &shown)?);
    }
    Ok(rules)
}
