//! margin: parse the command line, load the article, run the reader.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Parser;
use margin::app::{Action, App};
use margin::cli::Cli;
use margin::event_loop::{self, Exit};
use margin::load::load_bytes;
use margin::source::{self, BUNDLED};
use margin::terminal::Session;

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
    let (doc, name) = match &cli.file {
        None => (
            load_bytes(BUNDLED.as_bytes())?,
            "article.txt (bundled)".to_owned(),
        ),
        Some(path) => (source::read_path(path)?, source::display_name(path)),
    };
    if !std::io::stdout().is_terminal() {
        bail!("standard output is not a terminal");
    }
    let mut session = Session::enter().context("cannot set up the terminal")?;
    let size = session.terminal.size()?;
    let mut app = App::new(doc, name, size);
    if cli.raw {
        app.update(Action::ToggleRaw);
    }
    let exit = event_loop::run(&mut session, &mut app)?;
    drop(session);
    Ok(match exit {
        Exit::Quit => ExitCode::SUCCESS,
        Exit::Signal(signal) => ExitCode::from((128 + signal).clamp(0, 255) as u8),
    })
}
