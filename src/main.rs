//! margin: parse the command line, load the article, run the reader.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::Parser;
use margin::app::{Action, App, Change};
use margin::cli::Cli;
use margin::commands;
use margin::event_loop::{self, Context, Exit};
use margin::format::Format;
use margin::source;
use margin::store::Store;
use margin::terminal::Session;

fn main() -> ExitCode {
    keep_big_allocations_returnable();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("margin: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// glibc raises its mmap threshold each time a big block is freed, up to
/// 32 MB, and keeps up to twice that free at the top of each arena. Detection
/// frees megabytes of scratch on other threads, so a 100 MB article kept
/// 7-12 MB it no longer used, counted in peak RSS. Setting the threshold to
/// glibc's own starting value (128 KiB) turns the adjustment off: big blocks
/// are mapped on their own and go back to the system when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(
    unsafe_code,
    reason = "the one allowed site: a libc call with no safe wrapper"
)]
fn keep_big_allocations_returnable() {
    // SAFETY: mallopt only sets a tunable of the allocator and has no
    // preconditions; it runs here before any other thread exists. A refusal
    // (return 0) leaves the default behaviour, which is correct, only larger.
    let _ = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024) };
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_big_allocations_returnable() {}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if commands::print_generated(&cli)? {
        return Ok(ExitCode::SUCCESS);
    }
    // Configuration and rules first: a bad file stops margin before the
    // article is read or the terminal touched.
    let config = commands::load_config(cli.config.as_deref())?;
    let commands::LoadedRules {
        rules: user_rules,
        file: rules_file,
    } = commands::load_rules(&cli, &config)?;
    let rules = user_rules.merged();
    let keymap = config.keymap()?;
    let (mut opened, name, path) = match &cli.file {
        None => (None, "article.txt (bundled)".to_owned(), None),
        Some(path) => {
            let remembered = (path.as_os_str() != "-").then(|| {
                let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
                absolute.to_string_lossy().into_owned()
            });
            (
                Some(source::open_as(path, cli.format)?),
                source::display_name(path),
                remembered,
            )
        }
    };
    let store = Store::open();
    if cli.print {
        match opened {
            Some(opened) => commands::print_opened(&cli, &config, &rules, opened)?,
            None => commands::print_article(&cli, &config, &rules, source::bundled())?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    if cli.annotations || cli.bookmarks || cli.export.is_some() {
        let doc = match opened {
            Some(opened) => opened.finish_here()?,
            None => source::bundled(),
        };
        if cli.annotations {
            commands::print_annotations(&cli, &doc, &user_rules, store.as_ref().ok())?;
        } else {
            commands::print_saved(&cli, &doc, &name, &rules, store.as_ref().ok())?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !std::io::stdout().is_terminal() {
        bail!("standard output is not a terminal (use --print to write the article as text)");
    }
    let format = opened.as_ref().map_or(Format::Text, |o| o.format);
    let kept = opened.as_mut().and_then(|o| o.kept.take());
    let (doc, rest) = match opened {
        None => (source::bundled(), None),
        Some(mut opened) if !opened.is_complete() => {
            (std::mem::take(&mut opened.document), Some(opened))
        }
        Some(opened) => (opened.document, None),
    };
    let mut session = Session::enter().context("cannot set up the terminal")?;
    let size = session.terminal.size()?;
    drop(rules);
    let mut app = App::with_rules(doc, name, size, user_rules).with_format(format);
    commands::apply_config(&mut app, &config, keymap);
    if cli.raw {
        app.update(Action::SetView(margin::document::View::Raw));
    }
    let store = match store {
        Ok(store) => Some(store),
        Err(error) => {
            app.update(Change::Warning(error.to_string()));
            None
        }
    };
    let exit = event_loop::run(
        &mut session,
        &mut app,
        Context {
            store,
            path,
            rest,
            kept,
            rules_file,
        },
    )?;
    drop(session);
    if let Some(report) = app.unsaved_report() {
        eprintln!("margin: {}", margin::sanitise::for_message(&report));
    }
    Ok(match exit {
        Exit::Quit => ExitCode::SUCCESS,
        Exit::Signal(signal) => ExitCode::from((128 + signal).clamp(0, 255) as u8),
    })
}
