//! The edge for everything margin does without a terminal: reading the
//! configuration and rules files, and printing JSON, Markdown, plain text,
//! completions and the man page to standard output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use directories::ProjectDirs;

use crate::app::{App, Change, Settings};
use crate::bookmarks::{ArticleId, ArticleState, reanchor_ops};
use crate::cli::{Cli, ExportFormat};
use crate::config::Config;
use crate::detect::{self, Rules};
use crate::document::{Document, View};
use crate::keymap::Keymap;
use crate::source::LoadEvent;
use crate::store::Store;
use crate::user_rules::UserRules;
use crate::{export, guarded_file, print, sanitise, source};

/// Writes to standard output; a closed pipe (`| head`) is not an error.
pub fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// `--print-config`, `--completions`, `--man`: generated text, no article.
/// Returns whether it printed.
pub fn print_generated(cli: &Cli) -> anyhow::Result<bool> {
    let text = if cli.print_config {
        Config::default_toml().into_bytes()
    } else if let Some(shell) = cli.completions {
        crate::cli::completions(shell)
    } else if cli.man {
        crate::cli::man_page()?
    } else {
        return Ok(false);
    };
    write_stdout(&text)?;
    Ok(true)
}

/// Config and rules files are hand-written: far smaller than this. A FIFO,
/// a device or a bigger file is refused rather than read without end.
const MAX_SETTINGS_BYTES: u64 = 16 << 20;

/// The most characters of a file name in a configuration or rules error.
const NAME_CHARS: usize = 100;

/// The configuration: `--config FILE` (which must exist), else
/// `config.toml` in the config directory (which may not).
pub fn load_config(explicit: Option<&Path>) -> anyhow::Result<Config> {
    let (path, required) = match explicit {
        Some(path) => (path.to_path_buf(), true),
        None => match ProjectDirs::from("", "", "margin") {
            Some(dirs) => (dirs.config_dir().join("config.toml"), false),
            None => return Ok(Config::default()),
        },
    };
    let origin = sanitise::one_line(&path.to_string_lossy(), NAME_CHARS);
    let text = match guarded_file::read_capped(&path, MAX_SETTINGS_BYTES) {
        Ok(bytes) => {
            String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{origin}: not UTF-8 text"))?
        }
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default());
        }
        Err(e) => bail!(
            "cannot read configuration '{origin}': {}",
            source::reason(&e)
        ),
    };
    Ok(Config::from_toml(&text, &origin)?)
}

/// The rules in force, and the file the reader's corrections for every
/// article are written to.
pub struct LoadedRules {
    /// The bundled rules and the user's files, kept apart.
    pub rules: UserRules,
    /// `--rules FILE`, else the configuration's `rules`, else `rules.toml`
    /// in the config directory; none without a home directory.
    pub file: Option<PathBuf>,
}

/// The bundled rules, then `rules.toml` from the config directory, then
/// the configuration's `rules`, then `--rules FILE`, each merged over the
/// last. A named file that does not exist yet in a directory that does is
/// read as empty: margin makes it when the reader first corrects detection
/// for every article.
pub fn load_rules(cli: &Cli, config: &Config) -> anyhow::Result<LoadedRules> {
    let default =
        ProjectDirs::from("", "", "margin").map(|dirs| dirs.config_dir().join("rules.toml"));
    let file = (cli.rules.clone())
        .or_else(|| config.reading.rules.clone())
        .or_else(|| default.clone());
    let files = default
        .iter()
        .filter(|path| path.exists())
        .chain(config.reading.rules.iter())
        .chain(cli.rules.iter());
    let mut own = Rules::default();
    for path in files {
        // A name from the configuration: cut, as any value a message quotes.
        let shown = sanitise::one_line(&source::display_name(path), NAME_CHARS);
        let text = match guarded_file::read_capped_text(path, MAX_SETTINGS_BYTES) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && dir_exists(path) => String::new(),
            Err(e) => bail!("cannot read rules file '{shown}': {}", source::reason(&e)),
        };
        own = own.merge(Rules::from_toml(&text, &shown)?);
    }
    Ok(LoadedRules {
        rules: UserRules::new(Rules::bundled(), own),
        file,
    })
}

/// Whether the directory `path` would be made in exists.
fn dir_exists(path: &Path) -> bool {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    dir.is_none_or(Path::is_dir)
}

/// Applies the configuration to a new app. The keymap was built (and so
/// checked) before the terminal was taken.
pub fn apply_config(app: &mut App, config: &Config, keymap: Keymap) {
    let theme = config.theme(crate::config::no_color(
        std::env::var_os("NO_COLOR").as_deref(),
    ));
    app.update(Change::Configured(Box::new(Settings {
        keymap,
        theme,
        panel_width: config.panel.width,
        side: config.panel.side,
        max_width: config.reading.max_width,
        raw: !config.reading.repair,
    })));
}

/// `--print`: the article as plain text, wrapped to `--width`, the
/// terminal's width, or 80.
pub fn print_article(
    cli: &Cli,
    config: &Config,
    rules: &Rules,
    mut doc: Document,
) -> anyhow::Result<()> {
    if cli.raw || !config.reading.repair {
        doc.set_view(View::Raw);
    }
    let annotations = detect::detect_with(&doc, rules);
    write_stdout(print::print_document(&doc, &annotations, print_width(cli)).as_bytes())
}

/// `--width`, else the terminal's width, else 80.
fn print_width(cli: &Cli) -> usize {
    match cli.width {
        Some(width) => usize::from(width),
        None if std::io::stdout().is_terminal() => ratatui::crossterm::terminal::size()
            .map(|(columns, _)| usize::from(columns))
            .unwrap_or(80),
        None => 80,
    }
}

/// A pipe `--print` holds whole (repaired and detected as one article, as
/// a file is) before it prints the rest as it comes.
const PRINT_WHOLE_BYTES: u64 = 8 << 20;

/// Gutter digits of a stream printed in pieces: its length is not known.
const STREAM_DIGITS: usize = 6;

/// `--print` of an opened input. A pipe longer than [`PRINT_WHOLE_BYTES`]
/// (or endless: `yes | margin --print -`) is printed as it arrives, a block
/// at a time, each repaired and detected on its own, numbered on from the
/// last, and dropped once printed: memory stays bounded. A closed output
/// stops the reading.
pub fn print_opened(
    cli: &Cli,
    config: &Config,
    rules: &Rules,
    mut opened: source::Opened,
) -> anyhow::Result<()> {
    if opened.is_stream() {
        opened.read_until(PRINT_WHOLE_BYTES)?;
    }
    if !opened.is_stream() || opened.is_complete() {
        return print_article(cli, config, rules, opened.finish_here()?);
    }
    let width = print_width(cli);
    let raw = cli.raw || !config.reading.repair;
    let mut out = std::io::stdout().lock();
    let mut next = 1;
    let mut failure = None;
    let mut print_piece = |mut doc: Document| -> std::io::Result<()> {
        doc.finish();
        if raw {
            doc.set_view(View::Raw);
        }
        if doc.is_empty() {
            return Ok(());
        }
        let annotations = detect::detect_with(&doc, rules);
        let numbering = print::Numbering {
            first: next,
            digits: STREAM_DIGITS,
        };
        if next > 1 {
            out.write_all(b"\n")?;
        }
        next += doc.len();
        out.write_all(print::print_numbered(&doc, &annotations, width, numbering).as_bytes())
    };
    let head = std::mem::take(&mut opened.document);
    let mut written = print_piece(head);
    if written.is_ok() {
        opened.stream(|event| {
            let block = match event {
                LoadEvent::Block { block, .. } | LoadEvent::Done { last: block, .. } => block,
                LoadEvent::Failed(error) => {
                    failure = Some(error);
                    return false;
                }
            };
            let mut doc = Document::default();
            doc.push_block(block);
            written = print_piece(doc);
            written.is_ok()
        });
    }
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => failure.map_or(Ok(()), |error| Err(error.into())),
    }
}

/// `--annotations`: detection as JSON, streamed: a 100 MB article's JSON is
/// tens of MB, never built whole. The article's corrections apply unless
/// `--no-corrections` (their JSON is built whole: the reader's own changes
/// are on articles read, not on 100 MB dumps). A closed pipe is not an error.
pub fn print_annotations(
    cli: &Cli,
    doc: &Document,
    user_rules: &UserRules,
    store: Option<&Store>,
) -> anyhow::Result<()> {
    let annotations = detect::detect_without_highlights(doc, &user_rules.merged());
    let corrections = match store {
        Some(store) if !cli.no_corrections => saved_state(doc, store).corrections,
        _ => Vec::new(),
    };
    // Entries only the user's rules found say so; built whole, as with
    // corrections (the rules' own entries are few and named).
    let theirs = annotations.roles.iter().any(|r| user_rules.owns_role(r))
        || (annotations.products.iter()).any(|p| user_rules.owns_product(p));
    if !corrections.is_empty() || theirs {
        let value = if corrections.is_empty() {
            let mut value = detect::annotations_json(doc, &annotations);
            export::mark_users_rules(&mut value, &annotations, user_rules);
            value
        } else {
            let corrected = crate::corrections::apply_all(annotations, &corrections, doc);
            let mut value = export::corrected_json(doc, &corrected);
            export::mark_users_rules(&mut value, &corrected.annotations, user_rules);
            value
        };
        let mut text = serde_json::to_string_pretty(&value).context("cannot write JSON")?;
        text.push('\n');
        return write_stdout(text.as_bytes());
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = detect::write_annotations_json(&mut out, doc, &annotations)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// `--bookmarks` and `--export`: the saved state of the article.
pub fn print_saved(
    cli: &Cli,
    doc: &Document,
    name: &str,
    rules: &Rules,
    store: Option<&Store>,
) -> anyhow::Result<()> {
    let state = match store {
        Some(store) => saved_state(doc, store),
        None => ArticleState::new(ArticleId::of(doc)),
    };
    // The reading note tells what the reader made of the article.
    let detected = detect::detect_with(doc, rules);
    let annotations = crate::corrections::apply_all(detected, &state.corrections, doc).annotations;
    let mut text = match cli.export {
        Some(ExportFormat::Md) => export::reading_note_md(doc, name, &annotations, &state),
        Some(ExportFormat::Json) => export::reading_note_json(doc, name, &annotations, &state),
        None => export::bookmarks_json(&state),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    write_stdout(text.as_bytes())
}

/// The article's saved state, re-anchored in `doc`; the store's warnings
/// (a corrupt file set aside) go to standard error.
fn saved_state(doc: &Document, store: &Store) -> ArticleState {
    let loaded = store.load(&ArticleId::of(doc));
    for warning in &loaded.warnings {
        eprintln!("margin: {warning}");
    }
    let mut state = loaded.state;
    for op in reanchor_ops(&state, doc) {
        state.apply(op);
    }
    state
}
